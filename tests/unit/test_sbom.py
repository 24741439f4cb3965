"""`make sbom` lists every runtime package of uv.lock at its locked version (what an operator
feeds to a vulnerability scanner)."""

from __future__ import annotations

import json
import subprocess
import tomllib
from pathlib import Path

ROOT = Path(__file__).parents[2]


def test_the_sbom_names_each_locked_runtime_package_at_its_version(tmp_path: Path) -> None:
    out = tmp_path / "sbom.json"
    subprocess.run(["bash", str(ROOT / "scripts" / "sbom.sh"), str(out)], check=True, timeout=120)
    bom = json.loads(out.read_text())
    assert bom["bomFormat"] == "CycloneDX" and bom["specVersion"] == "1.5"
    listed = {c["name"].lower(): c.get("version") for c in bom["components"]}
    locked = {
        p["name"].lower(): p["version"]
        for p in tomllib.loads((ROOT / "uv.lock").read_text())["package"]
        if "version" in p
    }
    for name in ("grpcio", "sqlalchemy", "asyncpg", "aio-pika", "python-docx", "reportlab"):
        assert listed[name] == locked[name]
    assert "ruff" not in listed and "pytest" not in listed  # dev tools are not shipped
