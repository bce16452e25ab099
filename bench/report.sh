#!/usr/bin/env bash
# `postmortem-lint report` against `git log -p --first-parent -- <folder>` (the work git itself
# does to show the folder's history), same run: on a generated monorepo of 7,500 commits where
# the postmortems are a small subfolder among 8,000 code files (bench/gen_monorepo.py, built
# with `git fast-import`), and on the 5,000-commit history of `cargo run --example gen-history`.
# Run from anywhere: `bash bench/report.sh` (needs git and hyperfine).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v hyperfine >/dev/null 2>&1 || { apt-get update -qq >/dev/null && apt-get install -y -qq hyperfine >/dev/null; }
cargo build --release --quiet --bin postmortem-lint --example gen-history
bin=$PWD/target/release/postmortem-lint
work=${BENCH_DIR:-/tmp/postmortem-lint-bench}
mkdir -p "$work"
mono="$work/monorepo"
if [ ! -d "$mono/.git" ]; then
  git init -q "$mono"
  python3 bench/gen_monorepo.py --seed 1 | git -C "$mono" fast-import --quiet
  git -C "$mono" checkout -q main
  git -C "$mono" gc -q
fi
hist="$work/history"
if [ ! -d "$hist/.git" ]; then
  target/release/examples/gen-history --out "$hist" >/dev/null
  git -C "$hist" gc -q
fi
median() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["results"][int(sys.argv[2])]["median"])' "$@"; }
printf '%-34s %10s %16s %8s\n' repository "report (s)" "git log -p (s)" ratio
for case in "monorepo:$mono:docs/postmortems" "gen-history:$hist:docs/postmortems"; do
  IFS=: read -r name dir folder <<< "$case"
  commits=$(git -C "$dir" rev-list --first-parent --count HEAD)
  out="$work/hf-report-$name.json"
  hyperfine --style none --warmup 1 --runs 5 -N --export-json "$out" \
    "$bin report $dir/$folder --format json --as-of 2026-11-27" \
    "git -C $dir log -p --first-parent -- $folder" >/dev/null 2>&1
  r=$(median "$out" 0); g=$(median "$out" 1)
  printf '%-34s %10.3f %16.3f %7.2fx\n' "$name ($commits commits)" "$r" "$g" "$(python3 -c "print($r/$g)")"
done
