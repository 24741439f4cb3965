"""Repositories: one module per aggregate, async functions over an AsyncSession or, for the
hot calls, an asyncpg connection (storage_service/db/pg.py).

Owner-facing functions always filter by owner_id and deleted_at IS NULL, so another owner's
row, a deleted row and a missing row are the same NotFound. A malformed id is NotFound too
(it cannot name an existing row); malformed page tokens and arguments are InvalidArgument.
Write functions never commit: the call's one transaction, opened by the servicer, does.
"""
