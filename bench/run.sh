#!/usr/bin/env bash
# Whole-process benchmark: `postmortem-lint check` against the parse-only floor on generated
# corpora of 1,000 and 10,000 postmortems, on one and two threads; single-file latency; peak
# memory; pathological and hostile inputs (a 1.28 MB line of findings, floods of findings).
# Prints the ratios. Run from anywhere: `bash bench/run.sh` (needs hyperfine and GNU
# time, installed from Debian's packages when missing).
set -euo pipefail
cd "$(dirname "$0")/.."

need() { command -v "$1" >/dev/null 2>&1; }
if ! need hyperfine || [ ! -x /usr/bin/time ]; then
  apt-get update -qq >/dev/null && apt-get install -y -qq hyperfine time >/dev/null
fi

cargo build --release --quiet --bin postmortem-lint --example gen-corpus --example parse-floor
bin=target/release/postmortem-lint
floor=target/release/examples/parse-floor
# Outside the repository: git-ignored folders such as target/ are skipped by the walk.
work=${BENCH_DIR:-/tmp/postmortem-lint-bench}
mkdir -p "$work"
for n in 1000 10000; do
  [ -d "$work/corpus-$n" ] || target/release/examples/gen-corpus --out "$work/corpus-$n" --files "$n" --seed 1
done

# Peak memory (maximum resident set size) of one run, in KiB.
peak() { /usr/bin/time -f '%M' "$@" 2>&1 >/dev/null | tail -n 1 || true; }

median() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["results"][int(sys.argv[2])]["median"])' "$@"; }

# One table row: `postmortem-lint` against a baseline program, same run.
# Usage: row NAME FILES THREADS RUNS CHECK_COMMAND BASELINE_COMMAND
row() {
  local out="$work/hf-$1-$3.json"
  hyperfine --style none --warmup 1 --runs "$4" -N -i 2>/dev/null --export-json "$out" "$5" "$6" >/dev/null
  local c f
  c=$(median "$out" 0); f=$(median "$out" 1)
  printf '%-8s %-7s %12.3f %12.3f %7.2fx\n' "$2" "$3" "$c" "$f" "$(python3 -c "print($c/$f)")"
}

echo
printf '%-8s %-7s %12s %12s %8s\n' files threads "check (s)" "floor (s)" ratio
for n in 1000 10000; do
  for j in 1 2; do
    row "$n" "$n" "$j" 7 "$bin check -j $j --as-of 2026-11-27 --format concise --quiet $work/corpus-$n" \
      "$floor -j $j $work/corpus-$n"
  done
done

# Against the measuring stick of ../shared/bench (walk + read + pulldown-cmark + a handful of
# the job's regexes), on its own generated corpus, when it is beside the clone.
stick_dir=../shared/bench
if [ -d "$stick_dir/stick" ]; then
  cargo build --release --quiet --manifest-path "$stick_dir/stick/Cargo.toml" --target-dir "$work/stick-target"
  stick=$work/stick-target/release/pmlimit
  [ -d "$work/stick-10000" ] || python3 "$stick_dir/gen_corpus.py" --out "$work/stick-10000" --files 10000 --seed 1 >/dev/null
  echo
  printf '%-8s %-7s %12s %12s %8s\n' files threads "check (s)" "stick (s)" ratio
  # The two programs take turns, 21 runs each (bench/interleave.py): a slow minute of this
  # shared machine then slows both, not only whichever hyperfine ran in it.
  for j in 1 2; do
    python3 bench/interleave.py 10000 "$j" 21 \
      "$bin check -j $j --as-of 2026-11-27 --format json $work/stick-10000" \
      "$stick --mode full --threads $j --quiet $work/stick-10000"
  done
else
  echo "(no ../shared/bench beside the clone: the comparison with the measuring stick is skipped)"
fi

# History at git's cost (issue 30). Inside a repository, where the tool runs: the stick's
# 10,000 files committed in one commit, checked against the stick (target within 2x, under
# 64 MiB); and one postmortem of a 7,500-commit monorepo (bench/gen_monorepo.py) against
# `git log --first-parent -- FILE`, which reads the same history (target within 1.5x).
if [ -d "$stick_dir/stick" ] && command -v git >/dev/null; then
  committed="$work/stick-10000-git"
  if [ ! -d "$committed/.git" ]; then
    rm -rf "$committed" && cp -r "$work/stick-10000" "$committed"
    git -C "$committed" init -q && git -C "$committed" add . &&
      git -C "$committed" -c user.name=bench -c user.email=bench@example.com commit -qm corpus
  fi
  echo
  printf '%-8s %-7s %12s %12s %8s\n' history threads "check (s)" "stick (s)" ratio
  for j in 1 2; do
    python3 bench/interleave.py "10000-git" "$j" 11 \
      "$bin check -j $j --as-of 2026-11-27 --format json $committed" \
      "$stick --mode full --threads $j --quiet $committed"
  done
  mg=$(peak "$bin" check --as-of 2026-11-27 --format json "$committed")
  printf 'peak memory inside the repository: %.1f MiB at 10,000 files (target < 64 MiB)\n' "$(python3 -c "print($mg/1024)")"
  mono="$work/monorepo"
  if [ ! -d "$mono/.git" ]; then
    rm -rf "$mono" && git init -q "$mono"
    python3 bench/gen_monorepo.py --seed 1 | git -C "$mono" fast-import --quiet
    git -C "$mono" checkout -q main 2>/dev/null || git -C "$mono" checkout -q master
    # git at its best: `git log` walks the commit-graph file when there is one (so does the
    # tool). Without it both walk the objects and git's time, the denominator, is about 2×.
    git -C "$mono" commit-graph write --reachable
  fi
  pm=docs/postmortems/pm-000.md
  python3 bench/interleave.py "one-of-7500" 1 21 \
    "$bin check --as-of 2026-11-27 --quiet $mono/$pm" \
    "git -C $mono log --first-parent --format=%H -- $pm"
fi

# Single file of about 6 KB, whole process.
# sed reads all its input: with pipefail, head could make sort die of SIGPIPE and end the run.
one=$(find "$work/corpus-1000" -name '*.md' -size +5k -size -7k | sort | sed -n 1p)
hyperfine --style none --warmup 5 --runs 50 -N -i --export-json "$work/hf-one.json" \
  "$bin check --as-of 2026-11-27 --quiet $one" >/dev/null
printf '\nsingle file (%s bytes): %.2f ms whole process outside a repository\n' "$(wc -c < "$one")" "$(python3 -c "print($(median "$work/hf-one.json" 0)*1000)")"
# The same file inside a repository with history (the git-dependent rules read it).
repo="$work/one-repo"
if [ ! -d "$repo/.git" ] && command -v git >/dev/null; then
  mkdir -p "$repo/docs" && cp "$one" "$repo/docs/one.md"
  git -C "$repo" init -q && git -C "$repo" add . &&
    git -C "$repo" -c user.name=bench -c user.email=bench@example.com commit -qm one
fi
if [ -d "$repo/.git" ]; then
  hyperfine --style none --warmup 5 --runs 50 -N -i --export-json "$work/hf-one-repo.json" \
    "$bin check --as-of 2026-11-27 --quiet $repo/docs/one.md" >/dev/null
  printf 'single file: %.2f ms whole process inside a repository\n' "$(python3 -c "print($(median "$work/hf-one-repo.json" 0)*1000)")"
fi

# Peak memory (maximum resident set size).
m1=$(peak "$bin" check --as-of 2026-11-27 --format concise --quiet "$work/corpus-1000")
m10=$(peak "$bin" check --as-of 2026-11-27 --format concise --quiet "$work/corpus-10000")
f10=$(peak "$floor" "$work/corpus-10000")
printf 'peak memory: %.1f MiB at 1,000 files, %.1f MiB at 10,000 (%.2fx), floor %.1f MiB at 10,000\n' \
  "$(python3 -c "print($m1/1024)")" "$(python3 -c "print($m10/1024)")" "$(python3 -c "print($m10/$m1)")" "$(python3 -c "print($f10/1024)")"

# Pathological inputs: time should grow linearly with size.
python3 - "$work" <<'PY'
import os, sys
w = sys.argv[1]
row = "| 1 | Load test the pool | @dana | 2026-12-15 | prevent | open |\n"
cases = {
    "big-25MB.md": "# Postmortem: big\n\n## Summary\n\n" + ("Checkout requests failed after the pool change. " * 20 + "\n\n") * 25000,
    "big-50MB.md": "# Postmortem: big\n\n## Summary\n\n" + ("Checkout requests failed after the pool change. " * 20 + "\n\n") * 50000,
    "table-5k-rows.md": "# P\n\n## Action items\n\n| ID | Action | Owner | Due | Type | Status |\n|---|---|---|---|---|---|\n" + row * 5000,
    "table-10k-rows.md": "# P\n\n## Action items\n\n| ID | Action | Owner | Due | Type | Status |\n|---|---|---|---|---|---|\n" + row * 10000,
    "nested-1000.md": "# P\n\n## Summary\n\n" + "".join("  " * i + "- level\n" for i in range(1000)) + ">" * 1000 + " deep\n",
    "line-1MB.md": "# P\n\n## Summary\n\n" + "word " * 200000 + "\n",
}
os.makedirs(f"{w}/pathological", exist_ok=True)
for name, text in cases.items():
    open(f"{w}/pathological/{name}", "w").write(text)
PY
echo
for f in "$work"/pathological/*.md; do
  t=$( { /usr/bin/time -f '%e %M' "$bin" check --as-of 2026-11-27 --format concise --quiet "$f" >/dev/null; } 2>&1 | tail -n 1 || true)
  printf 'pathological %-20s %8s bytes: %s s, %s KiB peak\n' "$(basename "$f")" "$(wc -c < "$f")" ${t% *} ${t#* }
done

# Hostile input (issue 28). One line of 1.28 MB holding 40,000 findings, checked with the
# Action's own arguments (--format github --output json=…): it took 48 s when each finding cost
# a scan of its line; target under 2 s. Then floods of findings, whose memory is bounded by
# showing a rule's first 100 findings in a file and counting the rest: target under 200 MiB.
python3 - "$work" <<'PY'
import os, sys
w = sys.argv[1]
os.makedirs(f"{w}/hostile", exist_ok=True)
head = "# Postmortem: flood\n\n## Lessons learned\n\n"
phrase = "we must be more careful, again. "  # 32 bytes, one be-more-careful finding
cases = {
    "line-1.28MB-40k.md": head + phrase * 40000 + "\n",
    # 50,000 paragraphs of one 1 KB line, 32 findings each (1.56 million).
    "flood-50MB.md": head + (phrase * 32 + "\n\n") * 48800,
    # 1.6 million short lines of one paragraph, one finding each: the parser's tree holds two
    # nodes a line, whatever the findings.
    "flood-lines-50MB.md": head + (phrase.rstrip() + "\n") * 1600000,
}
for name, text in cases.items():
    open(f"{w}/hostile/{name}", "w").write(text)
PY
echo
line="$work/hostile/line-1.28MB-40k.md"
hyperfine --style none --warmup 1 --runs 5 -N -i 2>/dev/null --export-json "$work/hf-line.json" \
  "$bin check --as-of 2026-11-27 --format github --output json=$work/hostile/line.json $line" >/dev/null
printf 'hostile one line (%s bytes, 40,000 findings, --format github --output json=…): %.3f s (target < 2 s)\n' \
  "$(wc -c < "$line")" "$(median "$work/hf-line.json" 0)"
for f in "$work"/hostile/flood-*.md; do
  t=$( { /usr/bin/time -f '%e %M' "$bin" check --as-of 2026-11-27 --format github --output "json=$work/hostile/flood.json" "$f" >/dev/null; } 2>&1 | tail -n 1 || true)
  findings=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["summary"]["errors"])' "$work/hostile/flood.json")
  printf 'hostile %-20s %8s bytes, %s findings: %s s, %.1f MiB peak (target < 200 MiB)\n' \
    "$(basename "$f")" "$(wc -c < "$f")" "$findings" ${t% *} "$(python3 -c "print(${t#* }/1024)")"
done
