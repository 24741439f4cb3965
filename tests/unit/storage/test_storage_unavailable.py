from __future__ import annotations

from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError

from storage_service.servicer import database_unreachable


class FakeOrig(Exception):
    def __init__(self, sqlstate: str) -> None:
        super().__init__(sqlstate)
        self.sqlstate = sqlstate


def test_connection_failures_are_retryable() -> None:
    assert database_unreachable(OperationalError("select 1", None, Exception("refused")))
    assert database_unreachable(ConnectionRefusedError())
    assert database_unreachable(DBAPIError("select 1", None, FakeOrig("57P01")))  # admin shutdown
    assert database_unreachable(DBAPIError("select 1", None, FakeOrig("08006")))


def test_data_errors_are_not() -> None:
    assert not database_unreachable(IntegrityError("insert", None, FakeOrig("23505")))
    assert not database_unreachable(DBAPIError("select", None, FakeOrig("22P02")))
    assert not database_unreachable(ValueError("bad"))
