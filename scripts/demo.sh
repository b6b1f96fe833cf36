#!/usr/bin/env bash
# Quick start 1: ingest and check the bundled demo corpus (examples/) with the embedded SQLite default.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$ROOT/scripts/setup-venv.sh"
cd "$ROOT"
status=0
"$VENV/bin/checker" check examples/ "$@" || status=$?
# Exit 1 only means "findings were reported", which is what the demo is for.
[ "$status" -le 1 ] || exit "$status"
