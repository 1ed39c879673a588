#!/usr/bin/env bash
# Builds the benchmarks in Release mode, installs the peers they compare against, and
# runs them. Prints Markdown tables (the ones in benchmarks/README.md).
#   bash benchmarks/run.sh [NAME...]      (default: all)
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh
ensure_packages "${ZHTEXT_BUILD_PACKAGES[@]}"
# Peers the benchmarks compare against (linked into the benchmarks only).
ensure_packages libicu-dev libvectorscan-dev  # ICU: unicode; Vectorscan (literal mode): match
ensure_packages libopencc-dev opencc          # OpenCC in-process and the opencc program: convert
cmake -S . -B build/bench -DCMAKE_BUILD_TYPE=Release -DZHTEXT_BUILD_TESTS=OFF -DZHTEXT_BUILD_BENCHMARKS=ON >/dev/null
cmake --build build/bench -j "$(zhtext_jobs)" >/dev/null
names=("$@")
[ ${#names[@]} -gt 0 ] || names=(utf8 segment unicode match frequency discover keywords dedup convert)
corpus=${ZHTEXT_CORPUS:-../shared/corpus/news}
for name in "${names[@]}"; do
  echo "### $name ($(date -u +%Y-%m-%d), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'))"
  echo
  case "$name" in
    utf8) build/bench/benchmarks/utf8_bench ;;
    segment) bash benchmarks/segment/run.sh ;;
    cli) bash benchmarks/cli_threads.sh build/bench/tools/cli/zhtext ;;
    traditional) bash benchmarks/traditional_cli.sh build/bench/tools/cli/zhtext ;;
    unicode)
      if [ -x build/bench/benchmarks/unicode_bench ]; then build/bench/benchmarks/unicode_bench
      else echo "unicode_bench was not built: ICU (libicu-dev) not found by CMake" >&2; fi ;;
    match)
      if [ -x build/bench/benchmarks/match_bench ]; then build/bench/benchmarks/match_bench
      else echo "match_bench was not built: Vectorscan (libvectorscan-dev) not found by CMake" >&2; fi ;;
    frequency) build/bench/benchmarks/frequency_bench ;;
    dedup)
      build/bench/benchmarks/dedup_bench speed
      build/bench/benchmarks/dedup_bench write-lines build/bench/dedup_lines.txt 300000
      zh=build/bench/tools/cli/zhtext
      for round in 1 2 3; do  # interleaved: the machine is shared
        for threads in 1 2; do
          /usr/bin/time -f "zhtext count --per-line --tokens chars --threads $threads: wall %e s, CPU %U+%S s, peak RSS %M KB" \
            $zh count --per-line --tokens chars --quiet --threads "$threads" build/bench/dedup_lines.txt >/dev/null
          /usr/bin/time -f "zhtext dedup --per-line --threads $threads: wall %e s, CPU %U+%S s, peak RSS %M KB" \
            $zh dedup --per-line --quiet --threads "$threads" build/bench/dedup_lines.txt >/dev/null
        done
        for threads in 1 2; do  # the library alone, the heap on huge pages as the program puts it
          GLIBC_TUNABLES=glibc.malloc.hugetlb=1 build/bench/benchmarks/dedup_bench per-line build/bench/dedup_lines.txt "$threads" >/dev/null
        done
      done ;;
    dedup-million)
      GLIBC_TUNABLES=glibc.malloc.hugetlb=1 build/bench/benchmarks/dedup_bench million
      build/bench/benchmarks/dedup_bench write-docs build/bench/dedup_docs.txt 1000000  # one ~1 KB document a line
      /usr/bin/time -f "zhtext dedup --per-line (1,000,000 documents): wall %e s, CPU %U+%S s, peak RSS %M KB" \
        build/bench/tools/cli/zhtext dedup --per-line --quiet --save-index build/bench/dedup_docs.dedup \
        build/bench/dedup_docs.txt > build/bench/dedup_docs_pairs.tsv
      echo "$(wc -l < build/bench/dedup_docs_pairs.tsv) pairs" ;;
    keywords) build/bench/benchmarks/keywords_bench ;;
    convert)
      if [ -x build/bench/benchmarks/convert_bench ]; then build/bench/benchmarks/convert_bench
      else echo "convert_bench was not built: OpenCC (libopencc-dev) not found by CMake" >&2; fi ;;
    discover)
      # The reference for "right": the words of jieba's own segmentation (HMM on).
      /usr/bin/python3 - "$corpus" > build/bench/jieba_hmm_words.txt <<'PY'
import glob, logging, sys
import jieba
jieba.setLogLevel(logging.ERROR)
words = set()
for path in sorted(glob.glob(sys.argv[1] + "/*.txt")):
    with open(path, encoding="utf-8") as f:
        words.update(jieba.cut(f.read(), HMM=True))
print("\n".join(sorted(w for w in words if w.strip())))
PY
      build/bench/benchmarks/discover_bench build/bench/jieba_hmm_words.txt benchmarks/discover_judged.tsv ;;
    *) echo "unknown benchmark '$name'" >&2; exit 2 ;;
  esac
  echo
done
