#!/usr/bin/env bash
# Install the Debian packages secbrief needs when they are missing: venv support for the
# Python that builds .venv (ensurepip), Pango for WeasyPrint, HarfBuzz subsetting (faster
# font embedding), Noto fonts, poppler-utils. As root this runs apt-get (after `apt-get update`:
# a fresh system has empty package lists); otherwise it prints the one command to run as root.
# PYTHON names the interpreter that will create .venv (the Makefile passes its $(PYTHON)).
set -euo pipefail
PYTHON=${PYTHON:-python3}
PKGS=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-noto-core poppler-utils)
if ! command -v dpkg-query >/dev/null 2>&1; then
  echo "secbrief: not a Debian-like system; install Pango, HarfBuzz, Noto fonts and poppler-utils yourself" >&2
  exit 0
fi
if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' >/dev/null 2>&1; then
  echo "secbrief: $PYTHON does not run or is older than Python 3.11; install python3 (>= 3.11) or run make PYTHON=..." >&2
  exit 1
fi
missing=()
# `python3 -m venv` needs ensurepip, which Debian ships apart (python3.X-venv). Only Debian's own
# interpreters can get it from apt; another Python (pyenv, a build of your own) brings its own.
if ! "$PYTHON" -c 'import ensurepip' >/dev/null 2>&1; then
  exe=$("$PYTHON" -c 'import sys; print(sys.executable)' 2>/dev/null || true)
  case "$(readlink -f "${exe:-/nonexistent}")" in
    /usr/bin/python3*) missing+=("python$("$PYTHON" -c 'import sys; print("%d.%d" % sys.version_info[:2])')-venv") ;;
    *) echo "secbrief: $PYTHON has no ensurepip, so it cannot create .venv; use a Python that has it (make PYTHON=...)" >&2
       exit 1 ;;
  esac
fi
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
  echo "secbrief: missing system packages; run as root (su -, or sudo -i): apt-get update && apt-get install -y ${missing[*]}" >&2
  exit 1
fi
