#!/usr/bin/env bash
# Set up (first time only) and run every check: lint, types, architecture, tests.
# The GUI tests need an X display; without one they run under a virtual one (Xvfb).
# Fast set while developing:  .venv/bin/pytest -m "not gui and not slow"
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/setup.sh --test
export QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-xcb}"
echo "== ruff";          .venv/bin/ruff check .
echo "== import-linter"; .venv/bin/lint-imports
echo "== mypy (core)";   .venv/bin/mypy
echo "== pytest"
export TWIN_APP_REQUIRE_MOSQUITTO=1   # the live-feed tests fail, not skip, without the broker
if [ -n "${DISPLAY:-}" ]; then
  .venv/bin/pytest "$@"
else
  xvfb-run -a -s "-screen 0 1600x1200x24" .venv/bin/pytest "$@"
fi
