"""Which scope of an API key each public method needs. A method missing here is refused
(fail closed); a test checks that every method of the service is listed."""

from __future__ import annotations

READ, WRITE, EXPORT = "read", "write", "export"

_SERVICE = "/resumeai.v1.ResumeBuilder/"
METHOD_SCOPES: dict[str, str] = {
    _SERVICE + name: scope
    for name, scope in {
        "CreateResume": WRITE,
        "GetResume": READ,
        "ListResumes": READ,
        "DeleteResume": WRITE,
        "CreateJobPosting": WRITE,
        "GetJobPosting": READ,
        "ListJobPostings": READ,
        "DeleteJobPosting": WRITE,
        "StartTailoring": WRITE,
        "GetTailorRun": READ,
        "WatchTailorRun": READ,
        "ListTailorRuns": READ,
        "DeleteTailorRun": WRITE,
        # Rendering and the files themselves: a key for a dashboard can read runs without
        # being able to produce or take away the documents.
        "StartExport": EXPORT,
        "GetArtifact": READ,
        "ListArtifacts": READ,
        "DownloadArtifact": EXPORT,
        "DeleteArtifact": WRITE,
    }.items()
}


def missing_scope(method: str, scopes: frozenset[str]) -> str:
    """The scope `method` needs that `scopes` lacks, else ""."""
    needed = METHOD_SCOPES.get(method, "admin")
    return "" if needed in scopes else needed
