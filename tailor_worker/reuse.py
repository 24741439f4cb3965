"""Reproducibility key of a tailor run: the same inputs with the same prompt, engine,
provider, model and parameters give the same key, and storage hands back the earlier result
instead of calling the provider again."""

from __future__ import annotations

import hashlib
import json


def cache_key(
    *,
    engine_version: str,
    prompt_sha256: str,
    provider: str,
    model: str,
    parameters_json: str,
    resume_format: int,
    resume_content: bytes,
    job_text: str,
    day: str,
) -> str:
    identity = {
        # Years of experience run to "present": the same inputs give another answer tomorrow.
        "day": day,
        "engine": engine_version,
        "prompt": prompt_sha256,
        "provider": provider,
        "model": model,
        "parameters": parameters_json,
        "resume_format": resume_format,
        "resume": hashlib.sha256(resume_content).hexdigest(),
        "job": hashlib.sha256(job_text.encode("utf-8")).hexdigest(),
    }
    return hashlib.sha256(json.dumps(identity, sort_keys=True).encode()).hexdigest()
