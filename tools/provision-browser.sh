#!/usr/bin/env bash
# Provisions the browser the web tests drive (playwright-core + Debian's Chromium): a browser
# download (`npx playwright install`) is not possible here, Debian's package is. Idempotent.
set -euo pipefail
if [[ -x /usr/bin/chromium ]]; then
  echo "chromium: $(/usr/bin/chromium --version 2>/dev/null || echo present)" >&2
  exit 0
fi
SUDO=""
if [[ $(id -u) -ne 0 ]]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends chromium fonts-noto-cjk >&2
/usr/bin/chromium --version >&2
