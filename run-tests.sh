#!/usr/bin/env bash
# Runs the test suite: `./run-tests.sh [PYTEST ARGS...]`.
# Installs what is missing first (tools/bootstrap.sh tests: includes a PostgreSQL server,
# which the tests start themselves on loopback). Qt runs offscreen; tests that need a real
# X server start their own Xvfb when CONSOLE_TEST_XVFB=1.
set -euo pipefail
cd "$(dirname "$0")"

tools/bootstrap.sh tests

export QT_QPA_PLATFORM=offscreen
if [[ -z "${DISPLAY:-}" ]] && command -v Xvfb >/dev/null 2>&1; then
    export CONSOLE_TEST_XVFB=1
fi
exec .venv/bin/python -m pytest "$@"
