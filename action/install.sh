#!/usr/bin/env bash
# The install step of action.yml. In order:
#   1. a cached binary whose build id (printed by `--version`) is the id of the action's own
#      source (BUILD_ID, from action/build-id.sh) is used as it is;
#   2. else the released binary of the action's own version is downloaded, verified against
#      its published SHA-256, and used if it, too, says it was built from this source;
#   3. else the binary is built from the action's source, stamped with that id.
set -euo pipefail
: "${BUILD_ID:?BUILD_ID is not set}"
: "${GITHUB_ACTION_PATH:?GITHUB_ACTION_PATH is not set}"
root="$HOME/.cache/postmortem-lint"
bin="$root/bin/postmortem-lint"
build_of() { "$1" --version 2>/dev/null | sed -n 's/.*(build \([0-9a-z]*\)).*/\1/p' || true; }

if [ -x "$bin" ]; then
  have="$(build_of "$bin")"
  if [ "$have" = "$BUILD_ID" ]; then
    echo "postmortem-lint: cached binary is build $BUILD_ID"
    exit 0
  fi
  echo "postmortem-lint: cached binary is build '${have:-unknown}', the action's source is $BUILD_ID"
  rm -f "$bin"
fi

version="$(sed -n 's/^version = "\(.*\)"$/\1/p' "$GITHUB_ACTION_PATH/Cargo.toml" | head -n 1)"
case "${RUNNER_OS:-}-${RUNNER_ARCH:-}" in
  Linux-X64) target=x86_64-unknown-linux-musl ;;
  Linux-ARM64) target=aarch64-unknown-linux-musl ;;
  macOS-X64) target=x86_64-apple-darwin ;;
  macOS-ARM64) target=aarch64-apple-darwin ;;
  *) target="" ;;
esac
releases="${POSTMORTEM_LINT_RELEASES:-https://github.com/postmortem-lint/postmortem-lint/releases/download}"
if [ -n "$target" ] && [ -n "$version" ]; then
  tmp="$(mktemp -d)"
  asset="postmortem-lint-$target.tar.gz"
  url="$releases/v$version/$asset"
  if curl -fsSL --retry 2 -o "$tmp/$asset" "$url" && curl -fsSL --retry 2 -o "$tmp/$asset.sha256" "$url.sha256"; then
    expected="$(cut -d' ' -f1 < "$tmp/$asset.sha256")"
    if command -v sha256sum >/dev/null 2>&1; then
      actual="$(sha256sum "$tmp/$asset" | cut -d' ' -f1)"
    else
      actual="$(shasum -a 256 "$tmp/$asset" | cut -d' ' -f1)"
    fi
    if [ -n "$expected" ] && [ "$expected" = "$actual" ]; then
      tar xzf "$tmp/$asset" -C "$tmp"
      candidate="$tmp/postmortem-lint-$target/postmortem-lint"
      if [ "$(build_of "$candidate")" = "$BUILD_ID" ]; then
        mkdir -p "$root/bin"
        install -m 755 "$candidate" "$bin"
        echo "postmortem-lint: installed release v$version ($target), checksum verified"
        rm -rf "$tmp"
        exit 0
      fi
      echo "postmortem-lint: release v$version is not built from this action's source: building"
    else
      echo "::warning title=postmortem-lint::checksum mismatch for $url: not used"
    fi
  else
    echo "postmortem-lint: no release asset for v$version ($target): building from source"
  fi
  rm -rf "$tmp"
fi
POSTMORTEM_LINT_BUILD_ID="$BUILD_ID" cargo install --locked --force --root "$root" --path "$GITHUB_ACTION_PATH"
