#!/usr/bin/env bash
# Create the virtual environment VENV with PYTHON, or rebuild it when it is broken: a failed
# `python3 -m venv` (no ensurepip) leaves VENV/bin/python without pip behind, and an upgraded
# system Python leaves a dangling VENV/bin/python; both made every later `make` fail.
# Usage: tools/venv.sh PYTHON VENV
set -euo pipefail
python=$1
venv=$2
if "$venv/bin/python" -c 'import pip' >/dev/null 2>&1; then
  exit 0
fi
if [ -e "$venv" ] || [ -L "$venv" ]; then
  echo "secbrief: $venv is broken (no working python with pip: an earlier set-up failed); rebuilding it" >&2
  rm -rf "$venv"
fi
if ! "$python" -m venv "$venv"; then
  rm -rf "$venv"  # never leave a half-made environment for the next run to trip on
  echo "secbrief: '$python -m venv' failed; on Debian/Ubuntu run as root: apt-get update && apt-get install -y python3-venv" >&2
  exit 1
fi
