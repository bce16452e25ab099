#!/usr/bin/env bash
# The install step of action.yml: runs the cached binary only when its build id (printed by
# `--version`) is the id of the action's own source (BUILD_ID, from action/build-id.sh);
# otherwise builds it from the action's source, stamped with that id.
set -euo pipefail
: "${BUILD_ID:?BUILD_ID is not set}"
root="$HOME/.cache/postmortem-lint"
bin="$root/bin/postmortem-lint"
if [ -x "$bin" ]; then
  have="$("$bin" --version 2>/dev/null | sed -n 's/.*(build \([0-9a-z]*\)).*/\1/p' || true)"
  if [ "$have" = "$BUILD_ID" ]; then
    echo "postmortem-lint: cached binary is build $BUILD_ID"
    exit 0
  fi
  echo "postmortem-lint: cached binary is build '${have:-unknown}', the action's source is $BUILD_ID: rebuilding"
  rm -f "$bin"
fi
POSTMORTEM_LINT_BUILD_ID="$BUILD_ID" cargo install --locked --force --root "$root" --path "$GITHUB_ACTION_PATH"
