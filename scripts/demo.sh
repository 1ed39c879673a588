#!/usr/bin/env bash
# Builds zhtext's demo and runs it on the sample news text (or on the FILE given).
# Installs the Debian packages it needs when they are missing.
#   bash scripts/demo.sh [FILE]
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh
ensure_packages "${ZHTEXT_BUILD_PACKAGES[@]}"
echo "demo.sh: building the demo (build/release/examples/zhtext-demo) and the zhtext program (build/release/tools/cli/zhtext); the first build takes a few minutes ..." >&2
cmake -S . -B build/release -DCMAKE_BUILD_TYPE=Release -DZHTEXT_BUILD_TESTS=OFF -DZHTEXT_BUILD_BENCHMARKS=OFF >/dev/null
cmake --build build/release -j "$(zhtext_jobs)" --target zhtext-demo zhtext-cli >/dev/null
exec build/release/examples/zhtext-demo "$@"
