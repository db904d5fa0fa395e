# Shared by packaging/build-*.sh (sourced): the checkout's environment, PyInstaller, and
# Debian packages made with dpkg-deb from a staged tree (no debhelper, no fakeroot:
# --root-owner-group makes every file root's).
# Compression: zstd (fast; dpkg 1.21.18+, Debian 12); DEB_COMPRESSION=xz for smaller files.

# The .venv the bundle is built from: CITY_VIDEO_VENV, else the checkout's own (made by
# tools/bootstrap.sh console when missing).
build_venv() {
    local root="$1"
    local venv="${CITY_VIDEO_VENV:-$root/.venv}"
    if [[ ! -x "$venv/bin/pyinstaller" ]]; then
        if [[ -n "${CITY_VIDEO_VENV:-}" ]]; then
            echo "[build] $venv has no pyinstaller (pip install -r requirements.lock)" >&2
            return 1
        fi
        "$root/tools/bootstrap.sh" console >&2
    fi
    printf '%s\n' "$venv"
}

# Files get the last commit's time (reproducible packages) when this is a git checkout.
build_epoch() {
    local root="$1"
    if [[ -z "${SOURCE_DATE_EPOCH:-}" ]]; then
        SOURCE_DATE_EPOCH="$(git -C "$root" log -1 --format=%ct 2>/dev/null || date +%s)"
    fi
    export SOURCE_DATE_EPOCH
}

# deb_build STAGE OUT_DIR: writes Installed-Size into STAGE/DEBIAN/control, builds the .deb,
# prints its path.
deb_build() {
    local stage="$1" out="$2" size name version arch
    size="$(du -sk --exclude=DEBIAN "$stage" | cut -f1)"
    sed -i "/^Installed-Size:/d" "$stage/DEBIAN/control"
    printf 'Installed-Size: %s\n' "$size" >>"$stage/DEBIAN/control"
    name="$(sed -n 's/^Package: //p' "$stage/DEBIAN/control")"
    version="$(sed -n 's/^Version: //p' "$stage/DEBIAN/control")"
    arch="$(sed -n 's/^Architecture: //p' "$stage/DEBIAN/control")"
    find "$stage" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +
    dpkg-deb --root-owner-group "-Z${DEB_COMPRESSION:-zstd}" --build "$stage" "$out/${name}_${version}_${arch}.deb" >/dev/null
    printf '%s\n' "$out/${name}_${version}_${arch}.deb"
}

# human-readable size of a file or directory
size_of() {
    du -sh "$1" | cut -f1
}
