#!/usr/bin/env bash
# Writes the software bill of materials of what the services run: every runtime package of
# uv.lock, pinned and hashed, as CycloneDX 1.5 JSON (uv's own exporter reads the lock, so
# the SBOM is exactly what `make install` installs, without a network). Feed it to your
# scanner (grype sbom:..., trivy sbom ..., osv-scanner --sbom ...).
set -euo pipefail
cd "$(dirname "$0")/.."
UV=uv
command -v uv >/dev/null 2>&1 || UV=.tools/bin/uv
out=${1:-.run/sbom.cdx.json}
mkdir -p "$(dirname "$out")"
"$UV" export --format cyclonedx1.5 --frozen --no-dev --quiet > "$out"
echo "wrote $out"
