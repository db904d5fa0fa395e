#!/usr/bin/env bash
# Runs the operator console: `./run-console.sh [ARGS...]` (ARGS go to main.py).
# Installs what is missing first (tools/bootstrap.sh). Without a display (no DISPLAY and
# no WAYLAND_DISPLAY) the console runs on a virtual X screen (Xvfb) that ends with it.
set -euo pipefail
cd "$(dirname "$0")"

tools/bootstrap.sh console

# Command-line actions (administration, the centre server, enrolment, --help, --version)
# need no screen.
gui=1
for arg in "$@"; do
    case "$arg" in
        admin | audit | secret | grant | catalog | privacy | ptz | capture | server | enroll | \
            -h | --help | --version) gui=0 ;;
    esac
done
if [[ "$gui" == 0 || -n "${DISPLAY:-}" || -n "${WAYLAND_DISPLAY:-}" ]]; then
    exec .venv/bin/python main.py "$@"
fi

# --- no display: start Xvfb on the first free display from :99 ---------------------------
xvfb_pid=""
app_pid=""
# shellcheck disable=SC2317  # called through the EXIT trap
cleanup() {
    if [[ -n "$app_pid" ]]; then kill -TERM "$app_pid" 2>/dev/null || true; fi
    if [[ -n "$xvfb_pid" ]]; then
        kill -TERM "$xvfb_pid" 2>/dev/null || true
        wait "$xvfb_pid" 2>/dev/null || true
    fi
}
trap cleanup EXIT

display=99
for _ in 1 2 3 4 5; do
    while [[ -e "/tmp/.X11-unix/X$display" || -e "/tmp/.X$display-lock" ]]; do
        display=$((display + 1))
    done
    Xvfb ":$display" -screen 0 1920x1080x24 -nolisten tcp >/dev/null 2>&1 &
    xvfb_pid=$!
    # Ready when its socket appears; gone if another server took the display meanwhile.
    for _ in $(seq 100); do
        [[ -S "/tmp/.X11-unix/X$display" ]] && break
        kill -0 "$xvfb_pid" 2>/dev/null || break
        sleep 0.1
    done
    if [[ -S "/tmp/.X11-unix/X$display" ]] && kill -0 "$xvfb_pid" 2>/dev/null; then
        break
    fi
    kill -TERM "$xvfb_pid" 2>/dev/null || true
    wait "$xvfb_pid" 2>/dev/null || true
    xvfb_pid=""
    display=$((display + 1))
done
if [[ -z "$xvfb_pid" ]]; then
    echo "[run] no display found and Xvfb could not start a virtual screen" >&2
    exit 1
fi

export DISPLAY=":$display" QT_QPA_PLATFORM=xcb
echo "[run] no display found: the console runs on virtual screen :$display" \
    "(screenshot: DISPLAY=:$display xwd -root -out shot.xwd; view it with a VNC server such as x11vnc)"

# Not `exec`: this shell stays to stop Xvfb when the console ends. Signals to this
# script are passed on to the console; stdin is kept (a background job would get
# /dev/null).
.venv/bin/python main.py "$@" <&0 &
app_pid=$!
trap 'kill -TERM "$app_pid" 2>/dev/null || true' INT TERM HUP
status=0
while :; do
    wait "$app_pid" && status=0 || status=$?
    # `wait` also returns when a trapped signal arrives: go on waiting while it runs.
    kill -0 "$app_pid" 2>/dev/null || break
done
app_pid=""
exit "$status"
