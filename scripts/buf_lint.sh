#!/usr/bin/env bash
# buf lint over protos/ (rules and their justified exceptions: protos/buf.yaml). buf comes
# from the npm registry at the version scripts/buf/package-lock.json pins.
set -euo pipefail
cd "$(dirname "$0")/.."
buf=scripts/buf/node_modules/.bin/buf
if [ ! -x "$buf" ]; then
  command -v npm >/dev/null || { echo "buf lint needs Node.js and npm" >&2; exit 1; }
  npm ci --prefix scripts/buf --no-audit --no-fund --loglevel=error >/dev/null
fi
(cd protos && "../$buf" lint)
echo "buf lint: clean"
