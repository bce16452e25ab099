#!/usr/bin/env bash
# Compares every output format of two builds of postmortem-lint on the shipped fixtures and
# docs, and on ../shared/corpus/real when it is beside the clone: for refactors that must not
# change behaviour. Usage: scripts/same-output.sh OLD_BINARY NEW_BINARY [MORE_FOLDERS...], e.g.
# the 10,000-file corpus of `python3 ../shared/bench/gen_corpus.py --out DIR --files 10000`.
set -uo pipefail
old=${1:?old binary}
new=${2:?new binary}
cd "$(dirname "$0")/.."
targets=(fixtures docs/postmortems)
[ -d ../shared/corpus/real ] && targets+=(../shared/corpus/real)
targets+=("${@:3}")
differ=0
for target in "${targets[@]}"; do
  for format in human concise json sarif github gitlab junit; do
    a=$("$old" check "$target" --format "$format" --as-of 2026-11-27 --no-history 2>&1)
    b=$("$new" check "$target" --format "$format" --as-of 2026-11-27 --no-history 2>&1)
    if [ "$a" != "$b" ]; then
      echo "differs: $target --format $format"
      diff <(printf '%s\n' "$a") <(printf '%s\n' "$b") | head -10
      differ=1
    fi
  done
  for format in markdown json; do
    a=$("$old" report "$target" --format "$format" --as-of 2026-11-27 2>&1)
    b=$("$new" report "$target" --format "$format" --as-of 2026-11-27 2>&1)
    [ "$a" = "$b" ] || { echo "differs: report $target --format $format"; differ=1; }
  done
done
[ "$differ" -eq 0 ] && echo "same output: ${targets[*]}, every format"
exit "$differ"
