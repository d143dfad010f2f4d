#!/usr/bin/env bash
# Install Debian's chromium and chromium-driver for the explorer's browser tests.
set -euo pipefail
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium chromium-driver >/dev/null
/usr/bin/chromium --version
