#!/usr/bin/env bash
# Quick start 2: the whole test suite (lint, types, unit, integration on ../shared/corpus).
# PostgreSQL tests run when CHECKER_TEST_PG_URL is set (.ci/run starts a server and sets it).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$ROOT/scripts/setup-venv.sh"
cd "$ROOT"
"$VENV/bin/ruff" check checker tests benchmarks
"$VENV/bin/mypy" checker
"$VENV/bin/python" -m pytest -n 2 -q "$@"
