"""storage_service: the only owner of Postgres, behind the internal resumeai.v1.Storage API."""
