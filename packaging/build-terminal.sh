#!/usr/bin/env bash
# Builds the terminal bundle and its two Debian packages from this checkout:
#
#   packaging/build-terminal.sh [OUT_DIR]        (default: build/packages)
#
#   OUT_DIR/city-video-console/                         the PyInstaller folder (one-folder)
#   OUT_DIR/city-video-console_VERSION_amd64.deb        the console in /opt/city-video-console,
#                                                       /usr/bin/city-video-console, desktop entry
#   OUT_DIR/city-video-console-kiosk_VERSION_all.deb    the kiosk session (cage, auto-login, tty7)
#
# Needs: Debian 12 / Ubuntu with dpkg-deb, and the checkout's .venv (made here by
# tools/bootstrap.sh console when missing; CITY_VIDEO_VENV names another). Nothing is cached
# in the checkout: PyInstaller's work files go to a temporary directory. Prints the sizes and
# the start-up time of the bundled program.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
root="$PWD"
# shellcheck source=packaging/lib-build.sh
source packaging/lib-build.sh

out="$(realpath -m "${1:-$root/build/packages}")"
mkdir -p "$out"
venv="$(build_venv "$root")"
build_epoch "$root"
work="$(mktemp -d "${TMPDIR:-/tmp}/city-video-terminal-build.XXXXXX")"
trap 'rm -rf "$work"' EXIT

started=$SECONDS
rm -rf "$out/city-video-console"
"$venv/bin/pyinstaller" --noconfirm --clean --log-level WARN \
    --distpath "$out" --workpath "$work/pyinstaller" packaging/terminal.spec
bundle="$out/city-video-console"
echo "[build] bundle built in $((SECONDS - started)) s: $bundle"

version="$("$bundle/city-video-console" --version | awk '{print $NF}')"

# --- city-video-console (the terminal) --------------------------------------------------
stage="$work/terminal"
mkdir -p "$stage/DEBIAN" "$stage/opt" "$stage/usr/bin" "$stage/usr/share/applications" \
    "$stage/usr/share/icons/hicolor/scalable/apps" "$stage/usr/share/doc/city-video-console"
cp -a "$bundle" "$stage/opt/city-video-console"
install -m 0755 packaging/linux/terminal/city-video-console.sh "$stage/usr/bin/city-video-console"
install -m 0644 packaging/linux/terminal/city-video-console.desktop "$stage/usr/share/applications/"
install -m 0644 packaging/linux/terminal/city-video-console.svg \
    "$stage/usr/share/icons/hicolor/scalable/apps/"
install -m 0644 packaging/console.example.toml "$stage/usr/share/doc/city-video-console/"
cat >"$stage/DEBIAN/control" <<CONTROL
Package: city-video-console
Version: $version
Architecture: amd64
Maintainer: City video-sharing console <ops@example.invalid>
Section: video
Priority: optional
Depends: libvlc5, vlc-plugin-base, fonts-noto-cjk, libegl1, libgl1, libfontconfig1, libfreetype6, libdbus-1-3, libglib2.0-0, libxkbcommon0, libxkbcommon-x11-0, libwayland-client0, libwayland-cursor0, libwayland-egl1, libxcb-cursor0, libxcb-icccm4, libxcb-keysyms1, libxcb-image0, libxcb-render-util0, libxcb-xkb1, libxcb-shape0, libxcb-randr0, libxcb-xinerama0
Recommends: city-video-console-kiosk
Description: 视频共享调阅终端 — operator console of the city's shared video platform
 The terminal of a command centre: it logs operators in at its centre (enrolled once with
 'city-video-console enroll https://CENTRE:PORT CODE'), shows the cameras the centre permits
 with the watermark and privacy masks, drives the video wall and PTZ cameras. It holds no
 database and no camera credential. Python, Qt (PySide6) and FFmpeg (PyAV) are bundled in
 /opt/city-video-console; libvlc comes from the system.
CONTROL
terminal_deb="$(deb_build "$stage" "$out")"

# --- city-video-console-kiosk (the kiosk session) ----------------------------------------
stage="$work/kiosk"
mkdir -p "$stage/DEBIAN" "$stage/lib/systemd/system" "$stage/etc/pam.d" \
    "$stage/etc/systemd/logind.conf.d" "$stage/etc/sysctl.d" "$stage/usr/libexec/city-video-console"
install -m 0644 packaging/linux/kiosk/city-video-kiosk.service "$stage/lib/systemd/system/"
install -m 0644 packaging/linux/kiosk/city-video-kiosk.pam "$stage/etc/pam.d/city-video-kiosk"
install -m 0644 packaging/linux/kiosk/logind-kiosk.conf \
    "$stage/etc/systemd/logind.conf.d/city-video-kiosk.conf"
install -m 0644 packaging/linux/kiosk/sysctl-kiosk.conf "$stage/etc/sysctl.d/60-city-video-kiosk.conf"
install -m 0755 packaging/linux/kiosk/kiosk-session "$stage/usr/libexec/city-video-console/"
install -m 0755 packaging/linux/kiosk/postinst packaging/linux/kiosk/prerm \
    packaging/linux/kiosk/postrm "$stage/DEBIAN/"
printf '%s\n' /etc/pam.d/city-video-kiosk /etc/systemd/logind.conf.d/city-video-kiosk.conf \
    /etc/sysctl.d/60-city-video-kiosk.conf >"$stage/DEBIAN/conffiles"
cat >"$stage/DEBIAN/control" <<CONTROL
Package: city-video-console-kiosk
Version: $version
Architecture: all
Maintainer: City video-sharing console <ops@example.invalid>
Section: video
Priority: optional
Depends: city-video-console (= $version), cage, xwayland, passwd, systemd
Description: kiosk session for the city video-sharing console
 Makes this machine a dedicated terminal: at boot the system user city-video-kiosk is
 logged in on tty7 and runs only the console, full screen, under the cage Wayland kiosk
 compositor, restarted when it exits. No other program, no VT switching, no screenshot
 shortcut, no SysRq; no other program can reach the compositor to copy the screen.
CONTROL
kiosk_deb="$(deb_build "$stage" "$out")"

# --- figures -------------------------------------------------------------------------------
t0=$(date +%s%N)
"$bundle/city-video-console" --version >/dev/null
t1=$(date +%s%N)
echo "[build] bundle:            $(size_of "$bundle") ($bundle)"
echo "[build] terminal package:  $(size_of "$terminal_deb") ($terminal_deb)," \
    "installed $(dpkg-deb -f "$terminal_deb" Installed-Size) KiB"
echo "[build] kiosk package:     $(size_of "$kiosk_deb") ($kiosk_deb)"
echo "[build] start-up (--version): $(((t1 - t0) / 1000000)) ms; to the login window:" \
    "'city-video-console selftest --login ACCOUNT' on an enrolled terminal prints it"
