#!/usr/bin/env bash
# Packs the release binary for TARGET into DIR as postmortem-lint-TARGET.tar.gz (.zip on
# Windows), with its SHA-256 beside it: the asset the Action and cargo-binstall install.
set -euo pipefail
target=${1:?target}
dir=${2:?folder}
name="postmortem-lint-$target"
ext=""
case "$target" in *windows*) ext=".exe" ;; esac
mkdir -p "$dir/$name"
cp "target/$target/release/postmortem-lint$ext" README.md "$dir/$name/"
cd "$dir"
if [ -n "$ext" ]; then
  7z a -tzip "$name.zip" "$name" >/dev/null
  asset="$name.zip"
else
  tar czf "$name.tar.gz" "$name"
  asset="$name.tar.gz"
fi
rm -rf "$name"
if command -v sha256sum >/dev/null 2>&1; then sha256sum "$asset" > "$asset.sha256"; else shasum -a 256 "$asset" > "$asset.sha256"; fi
