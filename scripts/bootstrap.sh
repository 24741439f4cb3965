#!/usr/bin/env bash
# Creates .venv from uv.lock (installing uv itself from PyPI when missing). Idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."
UV_VERSION=0.13.9
if ! command -v uv >/dev/null 2>&1 || [ "$(uv --version | cut -d' ' -f2)" != "$UV_VERSION" ]; then
  python3 -m pip install --quiet --disable-pip-version-check "uv==$UV_VERSION"
fi
# Use the machine's Python 3.11/3.12; never download an interpreter.
export UV_PYTHON_DOWNLOADS=never
PY=$(command -v python3.11 || command -v python3.12 || command -v python3)
uv sync --frozen --quiet --python "$PY"
