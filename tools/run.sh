#!/usr/bin/env bash
# Set up (first time only) and open twin_app on the bundled Helsinki.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/setup.sh
exec .venv/bin/twin-app "$@"
