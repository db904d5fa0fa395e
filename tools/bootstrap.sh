#!/usr/bin/env bash
# Prepares this checkout to run the console or its tests, and does nothing it needn't:
#
#   tools/bootstrap.sh console   system libraries Qt and VLC need, fonts, Xvfb, Python venv
#   tools/bootstrap.sh tests     the same plus a PostgreSQL server, iproute2, xwd, and the
#                                kiosk test's cage, xwayland and grim
#
# As root, missing Debian packages are installed with apt-get; as anyone else the script
# names them and stops. Python packages come from requirements.lock (pinned) into .venv;
# a stamp in .venv skips that step while requirements.lock and pyproject.toml are unchanged.
#
# requirements.lock is regenerated, after changing dependencies in pyproject.toml, with:
#   .venv/bin/pip install -e '.[dev]' && .venv/bin/pip freeze --exclude-editable
# (keeping the header comment of the file).
#
# Qt translations: the app ships compiled .qm files next to resources/i18n/*.ts, so there
# is nothing to compile here.

bootstrap_main() {
    local mode="${1:-}"
    case "$mode" in
        console | tests) ;;
        *)
            echo "usage: tools/bootstrap.sh console|tests" >&2
            return 2
            ;;
    esac

    cd "$(dirname "${BASH_SOURCE[0]}")/.."
    local root="$PWD"

    local -a packages=(
        fonts-noto-cjk fonts-dejavu-core
        xvfb xauth
        libegl1 libgl1 libfontconfig1 libdbus-1-3 libxkbcommon-x11-0
        libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0
        libxcb-xkb1 libxcb-shape0 libxcb-randr0 libxcb-xinerama0
        libvlc5 libvlc-bin vlc-plugin-base ffmpeg
        # the demo cameras' RTSP server (and the tests' one) and the centre's media gateway
        # nodes: GStreamer run by the system python3-gi, because the venv has no gi
        python3-gi gir1.2-gst-rtsp-server-1.0 gstreamer1.0-plugins-base
        gstreamer1.0-plugins-good gstreamer1.0-plugins-bad gstreamer1.0-plugins-ugly
        gstreamer1.0-x
    )
    if [[ "$mode" == tests ]]; then
        # cage (with xwayland, which Debian's cage needs to start) and grim: the kiosk
        # session's test starts cage headless and grabs its screen (test_packaging_terminal.py);
        # dpkg-dev is not needed: the packages are built with dpkg-deb (in dpkg)
        packages+=(postgresql iproute2 x11-apps cage xwayland grim)
    fi

    # --- Python 3.11 -------------------------------------------------------------------
    local venv_ok=0 python=""
    if [[ -x .venv/bin/python ]] && [[ "$(_py_version .venv/bin/python)" == 3.11 ]]; then
        venv_ok=1
    else
        python="$(_find_python311 || true)"
        if [[ -z "$python" ]]; then
            # Debian 12's own Python is 3.11: offer it through the package step below.
            packages+=(python3.11 python3.11-venv)
        elif ! "$python" -c 'import venv, ensurepip' >/dev/null 2>&1; then
            packages+=(python3-venv)
        fi
    fi

    # --- Debian packages ---------------------------------------------------------------
    if command -v dpkg-query >/dev/null 2>&1; then
        local -a missing=()
        local pkg
        for pkg in "${packages[@]}"; do
            if [[ "$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)" != "install ok installed" ]]; then
                missing+=("$pkg")
            fi
        done
        if ((${#missing[@]} > 0)); then
            if [[ "$(id -u)" != 0 ]]; then
                echo "missing system packages: ${missing[*]} — install them with: sudo apt-get install ${missing[*]}" >&2
                return 1
            fi
            echo "[setup] installing system packages: ${missing[*]}"
            local log
            log="$(mktemp "${TMPDIR:-/tmp}/bootstrap-apt.XXXXXX")"
            if ! {
                DEBIAN_FRONTEND=noninteractive apt-get update -o DPkg::Lock::Timeout=300 &&
                    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
                        -o DPkg::Lock::Timeout=300 "${missing[@]}"
            } >"$log" 2>&1; then
                tail -n 25 "$log" >&2
                echo "[setup] apt-get failed (full log: $log)" >&2
                return 1
            fi
            rm -f "$log"
        fi
        echo "[setup] system packages ok"
    else
        echo "[setup] no dpkg-query (not Debian?): not checking system packages;" \
            "needed: ${packages[*]}" >&2
    fi

    # --- virtual environment -----------------------------------------------------------
    if ((!venv_ok)); then
        [[ -n "$python" ]] || python="$(_find_python311 || true)"
        if [[ -z "$python" ]]; then
            echo "[setup] Python 3.11 not found (need python3.11, or python3 at version 3.11)" \
                "— install it with: sudo apt-get install python3.11 python3.11-venv" >&2
            return 1
        fi
        if [[ -e .venv ]]; then
            # Not removed here: it may be someone else's, or made on purpose.
            echo "[setup] .venv exists but .venv/bin/python does not run Python 3.11" \
                "— remove it (rm -rf $root/.venv) and run this again" >&2
            return 1
        fi
        if ! "$python" -m venv .venv >/dev/null; then
            echo "[setup] could not create .venv with $python" \
                "— install it with: sudo apt-get install python3-venv" >&2
            return 1
        fi
        echo "[setup] created .venv with $python"
    fi

    # --- Python packages ---------------------------------------------------------------
    local stamp=.venv/.bootstrap-stamp want
    # The checkout's path is hashed in too: the editable install points at it.
    want="$({ cat requirements.lock requirements-nodeps.txt pyproject.toml; echo "$root"; } |
        sha256sum | cut -d' ' -f1)"
    if [[ -f "$stamp" ]] && [[ "$(cat "$stamp")" == "$want" ]]; then
        echo "[setup] python packages ok"
        return 0
    fi
    echo "[setup] installing python packages from requirements.lock"
    local log
    log="$(mktemp "${TMPDIR:-/tmp}/bootstrap-pip.XXXXXX")"
    if ! {
        .venv/bin/python -m pip install --disable-pip-version-check -r requirements.lock &&
            .venv/bin/python -m pip install --disable-pip-version-check --no-deps \
                -r requirements-nodeps.txt &&
            .venv/bin/python -m pip install --disable-pip-version-check --no-deps -e .
    } >"$log" 2>&1; then
        tail -n 25 "$log" >&2
        echo "[setup] pip failed (full log: $log)" >&2
        return 1
    fi
    rm -f "$log"
    printf '%s\n' "$want" >"$stamp"
    echo "[setup] python packages ok"
}

# Prints MAJOR.MINOR of the given interpreter, or nothing if it does not run.
_py_version() {
    "$1" -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null || true
}

# Prints the path of a Python 3.11 interpreter on PATH, or fails.
_find_python311() {
    local cand path
    for cand in python3.11 python3; do
        path="$(command -v "$cand" 2>/dev/null)" || continue
        if [[ "$(_py_version "$path")" == 3.11 ]]; then
            printf '%s\n' "$path"
            return 0
        fi
    done
    return 1
}

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
    set -euo pipefail
    bootstrap_main "$@"
else
    # Sourced: run in a subshell so that neither `cd`, `exit` nor the shell options
    # leak into the caller; the caller sees the status.
    (
        set -euo pipefail
        bootstrap_main "$@"
    )
fi
