#!/usr/bin/env bash
# golden_test.sh - the `zhtext` program gives, byte for byte, the output recorded in
# tests/cli/golden.tsv: every subcommand with its main options on the project's
# texts and on the news corpus (fingerprints made by tools/cli_golden.sh with the
# program as it was before the renovation of issue 13). A case counts only where its
# input is the one that was fingerprinted; another corpus is reported as not covered.
. "$(dirname "$0")/lib.sh"
golden=$src/tests/cli/golden.tsv
now=$(bash "$src/tools/cli_golden.sh" "$zh") || { echo "FAIL tools/cli_golden.sh did not run"; exit 1; }
result=$(awk -F'\t' 'NR == FNR { want[$1 FS $2] = $3; next }
  { key = $1 FS $2
    if (!(key in want)) { uncovered++; next }
    compared++
    if (want[key] != $3) { failed++; print "FAIL " $1 " (input " substr($2, 1, 12) ")" } else print "ok   " $1 " (input " substr($2, 1, 12) ")" }
  END { printf "%d compared, %d failed, %d not covered (input not fingerprinted)\n", compared, failed, uncovered
        exit (failed > 0 || compared < 100) }' "$golden" - <<< "$now")
rc=$?
echo "$result"
exit $rc
