#!/usr/bin/env bash
# Installs Debian's Chromium when it is missing (the browser tests and the web suite drive it; Playwright's own
# browser downloads cannot be reached from these machines).
set -euo pipefail
if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
  $SUDO apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >&2
fi
