"""storage_service: the only owner of Postgres, behind the internal storage contract
(resumeai.storage.v1.StorageService)."""
