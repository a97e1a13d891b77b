#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# After `make bare-metal` linked build/bare-metal/firmware.elf with -nostdlib:
# list what the library needs from outside itself (only libgcc's helpers may
# appear: a C library function would already have failed the link), check that
# it makes no internal name global, and print the code sizes.
#
#   tests/bare_metal_report.sh build/bare-metal
set -euo pipefail
dir=$1
prefix=${BARE_METAL_PREFIX:-arm-none-eabi-}
lib=$dir/libtagheap.a

external=$("${prefix}nm" -u "$lib" | awk 'NF == 2 { print $2 }' | sort -u | tr '\n' ' ')
for symbol in $external; do
    case $symbol in
    __aeabi_* | __gnu_*) ;; # libgcc: integer division and the like
    *)
        echo "FAIL the bare-metal library needs $symbol from outside itself"
        exit 1
        ;;
    esac
done
echo "  needs from outside: ${external:-nothing} (libgcc's 64-bit division helpers; no C library)"

exported=$("${prefix}nm" -g --defined-only "$lib" | awk 'NF == 3 { print $3 }')
if grep -qv '^tagheap_' <<<"$exported"; then
    echo "FAIL the bare-metal library makes internal names global:"
    grep -v '^tagheap_' <<<"$exported"
    exit 1
fi
echo "  global symbols: $(wc -l <<<"$exported"), all tagheap_*"

"${prefix}size" -t "$lib" | awk 'END { printf "  library (every function): %d bytes of code, %d of data, %d of bss\n", $1, $2, $3 }'
stub=$("${prefix}size" "$dir/obj-firmware.o" 2>/dev/null | awk 'NR == 2 { print $1 }' || true)
"${prefix}size" "$dir/firmware.elf" | awk -v stub="${stub:-0}" 'NR == 2 {
    printf "  firmware calling every function, linked with --gc-sections: %d bytes of code", $1
    if (stub > 0) printf " (%d of them the calling stub, the rest library and libgcc)", stub
    printf "\n" }'
