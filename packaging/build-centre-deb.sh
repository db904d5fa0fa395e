#!/usr/bin/env bash
# Builds the centre's Debian package from this checkout:
#
#   packaging/build-centre-deb.sh [OUT_DIR]        (default: build/packages)
#
#   OUT_DIR/city-video-centre/                       the PyInstaller folder (one-folder)
#   OUT_DIR/city-video-centre_VERSION_amd64.deb      the server in /opt/city-video-centre,
#       /usr/bin/city-video-centre, its systemd unit (packaging/city-video-centre.service),
#       /etc/default/city-video-centre (a media gateway node runs inside the server when
#       server.toml names one: gateway_node); the postinst
#       makes the system user, runs 'server init' on the first install and 'server migrate'
#       once per upgrade. Logs go to the journal (journalctl -u city-video-centre).
#
# Needs: Debian 12 / Ubuntu with dpkg-deb, and the checkout's .venv (see build-terminal.sh).
# Prints the sizes and the start-up time of the bundled program.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
root="$PWD"
# shellcheck source=packaging/lib-build.sh
source packaging/lib-build.sh

out="$(realpath -m "${1:-$root/build/packages}")"
mkdir -p "$out"
venv="$(build_venv "$root")"
build_epoch "$root"
work="$(mktemp -d "${TMPDIR:-/tmp}/city-video-centre-build.XXXXXX")"
trap 'rm -rf "$work"' EXIT

started=$SECONDS
rm -rf "$out/city-video-centre"
"$venv/bin/pyinstaller" --noconfirm --clean --log-level WARN \
    --distpath "$out" --workpath "$work/pyinstaller" packaging/centre.spec
bundle="$out/city-video-centre"
echo "[build] bundle built in $((SECONDS - started)) s: $bundle"
version="$("$bundle/city-video-centre" --version | awk '{print $NF}')"

stage="$work/centre"
mkdir -p "$stage/DEBIAN" "$stage/opt" "$stage/usr/bin" "$stage/lib/systemd/system" \
    "$stage/etc/default"
cp -a "$bundle" "$stage/opt/city-video-centre"
cat >"$stage/usr/bin/city-video-centre" <<'WRAPPER'
#!/bin/sh
# /usr/bin/city-video-centre: the centre package's program in /opt/city-video-centre.
exec /opt/city-video-centre/city-video-centre "$@"
WRAPPER
chmod 0755 "$stage/usr/bin/city-video-centre"
install -m 0644 packaging/city-video-centre.service "$stage/lib/systemd/system/"
install -m 0644 packaging/linux/centre/default "$stage/etc/default/city-video-centre"
install -m 0755 packaging/linux/centre/postinst packaging/linux/centre/prerm \
    packaging/linux/centre/postrm "$stage/DEBIAN/"
printf '%s\n' /etc/default/city-video-centre >"$stage/DEBIAN/conffiles"
cat >"$stage/DEBIAN/control" <<CONTROL
Package: city-video-centre
Version: $version
Architecture: amd64
Maintainer: City video-sharing console <ops@example.invalid>
Section: video
Priority: optional
Depends: passwd, util-linux, systemd, fonts-noto-cjk, python3-gi, gir1.2-gst-rtsp-server-1.0, gstreamer1.0-plugins-base, gstreamer1.0-plugins-good, gstreamer1.0-plugins-bad
Suggests: postgresql
Description: centre server of the city video-sharing console
 The HTTPS API (mutual TLS) that decides identity, rights and expiry for every terminal,
 keeps the camera catalogue and credentials, runs the PTZ workers and writes the usage
 register with signed checkpoints. SQLite by default, PostgreSQL for a shared centre.
 Python and its libraries are bundled in /opt/city-video-centre.
CONTROL
deb="$(deb_build "$stage" "$out")"

t0=$(date +%s%N)
"$bundle/city-video-centre" --version >/dev/null
t1=$(date +%s%N)
echo "[build] bundle:          $(size_of "$bundle") ($bundle)"
echo "[build] centre package:  $(size_of "$deb") ($deb), installed $(dpkg-deb -f "$deb" Installed-Size) KiB"
echo "[build] start-up (--version): $(((t1 - t0) / 1000000)) ms"
