#!/usr/bin/env bash
# Creates .venv from uv.lock, installing uv itself when missing. Idempotent.
# uv comes from PyPI into a private tool venv (.tools/), so neither a system Python marked
# externally managed (PEP 668) nor a missing `pip` module stops a fresh machine.
set -euo pipefail
cd "$(dirname "$0")/.."
UV_VERSION=0.13.9
export UV_PYTHON_DOWNLOADS=never  # use the machine's Python; never download an interpreter

PY=$(command -v python3.11 || command -v python3.12 || command -v python3 || true)
if [ -z "$PY" ]; then
  echo "bootstrap: Python 3.11+ is needed (e.g. apt-get install python3 python3-venv)" >&2
  exit 1
fi

uv_ok() { command -v "$1" >/dev/null 2>&1 && [ "$("$1" --version | cut -d' ' -f2)" = "$UV_VERSION" ]; }

UV=uv
if ! uv_ok uv; then
  UV=.tools/bin/uv
  if ! uv_ok "$UV"; then
    if ! "$PY" -m venv .tools >/dev/null 2>&1; then
      # Debian ships venv/ensurepip separately; install it when we may.
      if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        DEBIAN_FRONTEND=noninteractive apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv python3-pip >/dev/null
        rm -rf .tools
        "$PY" -m venv .tools
      else
        echo "bootstrap: '$PY -m venv' failed; install python3-venv" >&2
        exit 1
      fi
    fi
    .tools/bin/python -m pip install --quiet --disable-pip-version-check "uv==$UV_VERSION"
  fi
fi
"$UV" sync --frozen --quiet --python "$PY"
