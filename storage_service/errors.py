"""Domain errors raised by repositories; the servicer maps them to gRPC status codes.

Messages are fixed strings with ids at most: never document text.
"""

from __future__ import annotations


class StorageError(Exception):
    """Base of the errors a repository may raise on purpose."""


class NotFound(StorageError):
    """Missing, soft-deleted, another owner's, or a malformed id: all look the same."""

    def __init__(self, what: str) -> None:
        super().__init__(f"{what} not found")


class FailedPrecondition(StorageError):
    """The resource exists but is in the wrong state for the call."""


class InvalidArgument(StorageError):
    """A request field is invalid; carried as a google.rpc.BadRequest field violation."""

    def __init__(self, field: str, description: str) -> None:
        super().__init__(f"{field}: {description}")
        self.field = field
        self.description = description


class Aborted(StorageError):
    """A concurrent change got in the way; the caller may retry."""


class QuotaExceeded(StorageError):
    """The owner used up a quota; the message says which and that a later retry works."""


class AlreadyExists(StorageError):
    """A request id was used before for a different request."""
