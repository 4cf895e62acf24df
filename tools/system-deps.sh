#!/usr/bin/env bash
# Install the Debian packages secbrief needs when they are missing: Pango for
# WeasyPrint, HarfBuzz subsetting (faster font embedding), Noto fonts, poppler-utils.
# As root this runs apt-get; otherwise it prints the one command to run.
set -euo pipefail
PKGS=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-noto-core poppler-utils)
if ! command -v dpkg-query >/dev/null 2>&1; then
  echo "secbrief: not a Debian-like system; install Pango, HarfBuzz, Noto fonts and poppler-utils yourself" >&2
  exit 0
fi
missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -eq 0 ]; then
  echo "secbrief: installing system packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "secbrief: missing system packages; run: sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
