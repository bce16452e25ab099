#!/usr/bin/env bash
# The check step of action.yml, kept in a file so that it can be run and tested outside GitHub
# (tests/action.rs runs it with the environment a runner would set). Inputs arrive only as
# environment variables (INPUT_*), never interpolated into shell code.
set -uo pipefail

args=(check --format github)
if [ -n "${INPUT_CONFIG:-}" ]; then
  args+=(--config "$INPUT_CONFIG")
fi

only="${INPUT_ONLY_CHANGED:-auto}"
if [ "$only" = auto ]; then
  case "${GITHUB_EVENT_NAME:-}" in
    pull_request | pull_request_target) only=true ;;
    *) only=false ;;
  esac
fi
case "$only" in
  true)
    if [ -z "${GITHUB_BASE_REF:-}" ]; then
      echo "::error title=postmortem-lint::only-changed needs a pull request: GITHUB_BASE_REF is empty"
      exit 2
    fi
    args+=(--diff-base "origin/$GITHUB_BASE_REF")
    ;;
  false) ;;
  *)
    echo "::error title=postmortem-lint::only-changed must be true, false or auto, not '$only'"
    exit 2
    ;;
esac

# Which configs govern the check: the pull request's own (head), or its base's (base), so that
# a pull request cannot switch its own check off with a config it adds or edits.
config_from="${INPUT_CONFIG_FROM:-head}"
case "$config_from" in
  head) ;;
  base)
    if [ -z "${GITHUB_BASE_REF:-}" ]; then
      echo "::error title=postmortem-lint::config-from: base needs a pull request: GITHUB_BASE_REF is empty"
      exit 2
    fi
    if [ -n "${INPUT_CONFIG:-}" ]; then
      echo "::error title=postmortem-lint::config-from: base reads the configs from the base commit; leave config empty"
      exit 2
    fi
    args+=(--config-from "origin/$GITHUB_BASE_REF")
    ;;
  *)
    echo "::error title=postmortem-lint::config-from must be head or base, not '$config_from'"
    exit 2
    ;;
esac

fail_on="${INPUT_FAIL_ON:-error}"
case "$fail_on" in
  error | warning | never) ;;
  *)
    echo "::error title=postmortem-lint::fail-on must be error, warning or never, not '$fail_on'"
    exit 2
    ;;
esac

report="$(mktemp)"
args+=(--output "json=$report")
sarif="${INPUT_SARIF_FILE:-}"
if [ -n "$sarif" ]; then
  args+=(--output "sarif=$sarif")
fi

# Paths are separated by whitespace or newlines.
read -r -d '' -a paths <<< "${INPUT_PATHS:-.}"
if [ "${#paths[@]}" -eq 0 ]; then
  paths=(.)
fi

errlog="$(mktemp)"
postmortem-lint "${args[@]}" -- "${paths[@]}" 2>"$errlog"
code=$?
# The tool's stderr quotes what the pull request wrote (paths, config values). The runner reads
# workflow commands from every line of the log, so that text goes between ::stop-commands:: and
# its resume marker, with a token the pull request cannot know. It is printed on stdout after
# the tool's own annotations (which stay outside), so the runner reads them in this order.
if [ -s "$errlog" ]; then
  token="$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
  echo "::stop-commands::$token"
  cat "$errlog"
  # A last line without a newline would swallow the resume marker.
  [ -z "$(tail -c 1 "$errlog")" ] || echo
  echo "::$token::"
fi

# A run that failed (exit 2: a bad config, a missing path, an unwritable report) is shown as an
# annotation with its message, and claims no counts: it did not finish.
if [ "$code" -ge 2 ]; then
  message="$(sed 's/^postmortem-lint: //' "$errlog")"
  [ -n "$message" ] || message="postmortem-lint exited with status $code"
  message="${message//'%'/'%25'}"
  message="${message//$'\r'/'%0D'}"
  message="${message//$'\n'/'%0A'}"
  echo "::error title=postmortem-lint could not check::$message"
  rm -f "$report" "$errlog"
  if [ -n "${GITHUB_OUTPUT:-}" ]; then
    echo "sarif-file=" >> "$GITHUB_OUTPUT"
  fi
  exit "$code"
fi
rm -f "$errlog"

summary="$(grep -o '"summary": { "errors": [0-9]*, "warnings": [0-9]* }' "$report" 2>/dev/null || true)"
errors="$(printf '%s' "$summary" | sed -n 's/.*"errors": \([0-9]*\).*/\1/p')"
warnings="$(printf '%s' "$summary" | sed -n 's/.*"warnings": \([0-9]*\).*/\1/p')"
rm -f "$report"
if [ -n "${GITHUB_OUTPUT:-}" ]; then
  {
    echo "errors=${errors:-0}"
    echo "warnings=${warnings:-0}"
    echo "sarif-file=$sarif"
  } >> "$GITHUB_OUTPUT"
fi

case "$fail_on" in
  error) [ "${errors:-0}" -eq 0 ] || exit 1 ;;
  warning) [ $(( ${errors:-0} + ${warnings:-0} )) -eq 0 ] || exit 1 ;;
  never) ;;
esac
exit 0
