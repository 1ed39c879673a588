# scripts/lib.sh - helpers shared by the quick-start scripts (sourced, not run).

# ensure_packages PKG...: installs the Debian packages that are missing (as root, or
# through sudo). Does nothing, and needs no network, when all are present.
ensure_packages() {
  local missing=() p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "zhtext: installing missing packages: ${missing[*]}" >&2
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "zhtext: need root (or sudo) to install: ${missing[*]}" >&2; return 1; }
    sudo="sudo"
  fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# What building zhtext and its programs needs (libopencc-data: OpenCC's dictionaries,
# read by zhtext/convert.hpp); the tests need a little more (opencc: the reference
# program the conversion tests compare with; the rest builds and tests the Python module).
ZHTEXT_BUILD_PACKAGES=(g++ cmake make libutfcpp-dev python3-jieba libopencc-data)
ZHTEXT_TEST_PACKAGES=(catch2 unicode-data python3 pkg-config librsvg2-bin fonts-noto-cjk opencc
  python3-dev pybind11-dev python3-distributed python3-pip python3-setuptools python3-wheel)
# The fuzz targets and the ThreadSanitizer build (scripts/test.sh, scripts/fuzz.sh) use clang.
ZHTEXT_FUZZ_PACKAGES=(clang libfuzzer-14-dev libclang-rt-14-dev)

zhtext_jobs() { nproc 2>/dev/null || echo 2; }
