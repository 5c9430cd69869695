#!/usr/bin/env bash
# Provisions Schemathesis (the schema-based API fuzzer, from PyPI) in a virtual environment cached
# under ${GONGKAI_CACHE_DIR:-$HOME/.cache/gongkai}/artifacts/schemathesis-<version>/. Needs python3
# (3.9+) with its venv module. Prints the `st` executable's path on stdout; a second run only checks
# that it is there (~0.01 s).
set -euo pipefail
version=4.32.5
cache="${GONGKAI_CACHE_DIR:-$HOME/.cache/gongkai}"
venv="$cache/artifacts/schemathesis-$version"
if [[ ! -f $venv/.installed ]]; then
  command -v python3 >/dev/null || { echo "python3 is missing: apt-get install python3 python3-venv" >&2; exit 1; }
  mkdir -p "$cache/logs"
  rm -rf "$venv"
  echo "installing schemathesis $version into a venv (once, ~1 min; log: $cache/logs/schemathesis-install.log)" >&2
  # A venv's scripts name its own path, so it is built where it stays; the marker says it is whole.
  if ! { python3 -m venv "$venv" && "$venv/bin/pip" install --disable-pip-version-check --no-input "schemathesis==$version"; } \
    >"$cache/logs/schemathesis-install.log" 2>&1; then
    tail -20 "$cache/logs/schemathesis-install.log" >&2
    rm -rf "$venv"
    exit 1
  fi
  touch "$venv/.installed"
fi
echo "$venv/bin/st"
