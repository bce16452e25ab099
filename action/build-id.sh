#!/usr/bin/env bash
# Prints the build id of the action's source: a SHA-256 over every file that goes into the
# binary (its path and its content), so that any change to the source, the rules or the lock
# file gives a new id. The cache key and the cached binary's `--version` are both checked
# against it.
set -euo pipefail
cd "${GITHUB_ACTION_PATH:?GITHUB_ACTION_PATH is not set}"
if command -v sha256sum >/dev/null 2>&1; then
  sha() { sha256sum | cut -c1-64; }
else
  sha() { shasum -a 256 | cut -c1-64; }
fi
find Cargo.toml Cargo.lock src rules -type f -print0 \
  | LC_ALL=C sort -z \
  | while IFS= read -r -d '' file; do
      printf '%s  %s\n' "$(sha < "$file")" "$file"
    done \
  | sha \
  | cut -c1-24
