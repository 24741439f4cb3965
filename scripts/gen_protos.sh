#!/usr/bin/env bash
# Regenerates the Python contracts in gen/ from protos/. With --check, fails when the
# committed code differs from what the protos produce.
set -euo pipefail
cd "$(dirname "$0")/.."
out=gen
if [ "${1:-}" = "--check" ]; then
  out=$(mktemp -d)
  trap 'rm -rf "$out"' EXIT
fi
mkdir -p "$out/resumeai/v1" "$out/resumeai/storage/v1"
python -m grpc_tools.protoc -I protos \
  --python_out="$out" --grpc_python_out="$out" --mypy_out="$out" --mypy_grpc_out="$out" \
  protos/resumeai/v1/*.proto protos/resumeai/storage/v1/*.proto
touch "$out/resumeai/__init__.py" "$out/resumeai/v1/__init__.py" \
  "$out/resumeai/storage/__init__.py" "$out/resumeai/storage/v1/__init__.py"
if [ "${1:-}" = "--check" ]; then
  if ! diff -r -q gen/resumeai "$out/resumeai" --exclude=__pycache__; then
    echo "gen/ is stale: run 'make protos' and commit the result" >&2
    exit 1
  fi
  echo "gen/ is up to date"
fi
