#!/usr/bin/env bash
# The steps of action.yml that run crmflow, one per mode, so they can be run (and tested)
# outside GitHub:  action/run.sh lint|diff|site
# Reads CRMFLOW (the command, default `crmflow`), WORKDIR, OUT (a folder for results) and,
# for diff, BASE and HEAD (commits). Writes GitHub outputs to $GITHUB_OUTPUT when set.
set -euo pipefail
CRMFLOW="${CRMFLOW:-crmflow}"
WORKDIR="${WORKDIR:-.}"
OUT="${OUT:-${RUNNER_TEMP:-/tmp}/crmflow}"
mkdir -p "$OUT"
output() { if [ -n "${GITHUB_OUTPUT:-}" ]; then echo "$1=$2" >> "$GITHUB_OUTPUT"; fi; }

case "${1:-}" in
  lint)
    # SARIF for code scanning, then annotations on the changed lines; the exit code is kept
    # for the last step so the upload still happens when there are findings.
    code=0
    $CRMFLOW lint -C "$WORKDIR" --format sarif > "$OUT/crmflow.sarif" || code=$?
    if [ "$code" -ge 2 ]; then echo "crmflow lint could not run (exit $code)" >&2; exit "$code"; fi
    $CRMFLOW lint -C "$WORKDIR" --format github || true
    output sarif "$OUT/crmflow.sarif"
    output lint-exit-code "$code"
    echo "crmflow lint: exit $code; SARIF in $OUT/crmflow.sarif"
    ;;
  diff)
    : "${BASE:?BASE (the pull request base commit) is not set}"
    : "${HEAD:?HEAD (the pull request head commit) is not set}"
    $CRMFLOW diff -C "$WORKDIR" "$BASE" "$HEAD" --format markdown --simulate > "$OUT/crmflow-diff.md"
    output comment "$OUT/crmflow-diff.md"
    echo "crmflow diff: $(wc -c < "$OUT/crmflow-diff.md") bytes of Markdown in $OUT/crmflow-diff.md"
    ;;
  site)
    : "${SITE:?SITE (the folder for the portal) is not set}"
    # Relative to where the action runs (the workspace), not to WORKDIR.
    case "$SITE" in /*) ;; *) SITE="$PWD/$SITE" ;; esac
    $CRMFLOW site -C "$WORKDIR" -o "$SITE"
    output site "$SITE"
    ;;
  *)
    echo "usage: action/run.sh lint|diff|site" >&2
    exit 2
    ;;
esac
