"""Repositories: one module per aggregate, async functions over an AsyncSession.

Owner-facing functions always filter by owner_id and deleted_at IS NULL, so another owner's
row, a deleted row and a missing row are the same NotFound. A malformed id is NotFound too
(it cannot name an existing row); malformed page tokens and arguments are InvalidArgument.
Write functions commit their own transaction.
"""
