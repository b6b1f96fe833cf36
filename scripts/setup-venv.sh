#!/usr/bin/env bash
# Create (or reuse) the project's virtualenv in .venv and install checker with its test extra.
# Usage: source scripts/setup-venv.sh   (sets $VENV)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${CHECKER_VENV:-$ROOT/.venv}"
PYTHON="${PYTHON:-python3}"
if [ ! -x "$VENV/bin/python" ]; then
  "$PYTHON" -m venv "$VENV"
fi
stamp="$VENV/.checker-installed"
if [ ! -f "$stamp" ] || [ "$ROOT/pyproject.toml" -nt "$stamp" ]; then
  "$VENV/bin/python" -m pip install --quiet --upgrade pip
  "$VENV/bin/python" -m pip install --quiet -e "$ROOT[test]"
  touch "$stamp"
fi
# pip byte-compiles installed packages, but checker is installed editable: compile its modules
# here (only those changed since), or every process compiles them all from source when
# PYTHONDONTWRITEBYTECODE is set, as on the CI machines (~0.35 s of each `checker check`).
"$VENV/bin/python" -m compileall -q "$ROOT/checker" "$ROOT/benchmarks" >/dev/null
export VENV
