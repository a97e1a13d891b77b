#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Install the Debian packages a target needs and this machine lacks: apt-get
# update, then install (through sudo when not root).  Callers decide what is
# missing; with no package named this does nothing.
#
#   tools/apt_install.sh WHO PACKAGE...     (WHO prefixes the message)
set -euo pipefail
who=$1
shift
[ $# -gt 0 ] || exit 0
echo "$who: installing $* (apt-get)"
SUDO=
[ "$(id -u)" = 0 ] || SUDO=sudo
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "$@" >/dev/null
