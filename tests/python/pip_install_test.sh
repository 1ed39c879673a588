#!/usr/bin/env bash
# pip_install_test.sh - the README's offline install: `pip install --no-build-isolation
# ./python` builds the package with setuptools alone (no network, no CMake), and the
# installed zhtext cuts as jieba does. Runs on a copy of python/ and include/ (pip
# builds in the source folder) and installs into a temporary --target.
set -euo pipefail
src=${ZHTEXT_SOURCE_DIR:?}
py=${ZHTEXT_PYTHON:-/usr/bin/python3}
if ! "$py" -m pip --version >/dev/null 2>&1 || ! "$py" -c "import setuptools" 2>/dev/null; then
  echo "*** SKIPPED: pip or setuptools missing for $py (Debian python3-pip, python3-setuptools) ***" >&2
  exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/repo"
cp -r "$src/include" "$tmp/repo/include"
mkdir -p "$tmp/repo/python"
cp -r "$src/python/src" "$src/python/zhtext" "$src/python/setup.py" "$src/python/pyproject.toml" "$tmp/repo/python/"
(cd "$tmp/repo" && PIP_NO_INDEX=1 "$py" -m pip install --quiet --no-build-isolation --no-deps --target "$tmp/site" ./python)
cd "$tmp"
PYTHONPATH="$tmp/site" "$py" - <<'PY'
import jieba, zhtext, zhtext.jieba as zj
import os
assert zhtext.__file__.startswith(os.environ.get("TMPDIR", "/tmp")) or "site" in zhtext.__file__, zhtext.__file__
s = "他来到了网易杭研大厦，小明硕士毕业于中国科学院计算所"
jieba.setLogLevel(60)
assert zj.lcut(s) == jieba.lcut(s), (zj.lcut(s), jieba.lcut(s))
print("pip-installed zhtext from", os.path.dirname(zhtext.__file__), ":", "/".join(zj.lcut(s)))
PY
