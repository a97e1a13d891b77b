#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# `make install` as a user and a packager use it: install into a temporary
# PREFIX, build a program with `pkg-config --cflags --libs tagheap` against the
# shared library and (with --static) the static one, run both; stage an install
# with DESTDIR; then `make uninstall` must leave nothing behind.
#
#   CC=gcc tests/install_test.sh build/install-test   (make test-install)
set -euo pipefail
out=$(realpath -m "${1:-build/install-test}")
# A make of its own, not a sub-make of `make check`: no inherited flags or jobserver.
make() { env -u MAKEFLAGS -u MAKELEVEL -u MFLAGS "${MAKE:-make}" "$@"; }
cc=${CC:-cc}
rm -rf "$out"
mkdir -p "$out"
prefix=$out/prefix
failed=0
pass() { echo "PASS $1"; }
fail() {
    echo "FAIL $1"
    failed=1
}

make -s install PREFIX="$prefix" >"$out/install.log"
lib=$prefix/lib
version=$(sed -n 's/^Version: //p' "$lib/pkgconfig/tagheap.pc")
major=${version%%.*}
[ -x "$lib/libtagheap.so.$version" ] && pass "libtagheap.so.$version installed executable" ||
    fail "libtagheap.so.$version missing or not executable"
[ "$(readlink "$lib/libtagheap.so.$major")" = "libtagheap.so.$version" ] &&
    [ "$(readlink "$lib/libtagheap.so")" = "libtagheap.so.$major" ] &&
    pass "links libtagheap.so -> libtagheap.so.$major -> libtagheap.so.$version" ||
    fail "the .so links are wrong"

export PKG_CONFIG_PATH=$lib/pkgconfig
read -ra shared_flags <<<"$(pkg-config --cflags --libs tagheap)"
"$cc" tests/install_client.c "${shared_flags[@]}" -o "$out/client-shared"
if readelf -d "$out/client-shared" | grep -q "NEEDED.*\[libtagheap.so.$major\]" &&
    LD_LIBRARY_PATH=$lib "$out/client-shared"; then
    pass "shared: cc client.c $(pkg-config --cflags --libs tagheap)"
else
    fail "shared build or run"
fi

read -ra static_flags <<<"$(pkg-config --cflags --libs --static tagheap)"
"$cc" -static tests/install_client.c "${static_flags[@]}" -o "$out/client-static"
if ! readelf -d "$out/client-static" 2>/dev/null | grep -q NEEDED && "$out/client-static"; then
    pass "static: cc -static client.c $(pkg-config --cflags --libs --static tagheap)"
else
    fail "static build or run"
fi

# A packager's staged install: files under DESTDIR, paths in tagheap.pc without it.
make -s install DESTDIR="$out/stage" PREFIX=/usr >>"$out/install.log"
if [ -f "$out/stage/usr/lib/libtagheap.so.$version" ] && [ -f "$out/stage/usr/include/tagheap.h" ] &&
    grep -qx 'prefix=/usr' "$out/stage/usr/lib/pkgconfig/tagheap.pc"; then
    pass "DESTDIR=stage PREFIX=/usr: files staged, tagheap.pc says prefix=/usr"
else
    fail "staged install"
fi

make -s uninstall PREFIX="$prefix" >>"$out/install.log"
left=$(find "$prefix" -type f -o -type l)
[ -z "$left" ] && pass "make uninstall removed every file" || fail "left after uninstall: $left"
exit $failed
