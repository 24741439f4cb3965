"""The kinds of broker job, defined once: each one's routing key (also its queue's name), the
protobuf message its body holds (the AMQP `type`), and how an item id becomes a payload and
back. Storage writes payloads into the outbox, the gateway publishes them, the workers read
them; all of them take the names from here. Bodies carry ids only, never resume text."""

from __future__ import annotations

from dataclasses import dataclass

import structlog
from google.protobuf.message import DecodeError

from kit import tracing
from resumeai.storage.v1 import jobs_pb2


class UndecodableJob(ValueError):
    """A body that is not this kind's message, or names no item."""


@dataclass(frozen=True)
class JobKind:
    routing_key: str
    message: type[jobs_pb2.TailorJob] | type[jobs_pb2.ExportJob]
    id_field: str  # the message's field naming the item

    @property
    def type_name(self) -> str:
        """The AMQP `type` property: the full name of the body's message."""
        return self.message.DESCRIPTOR.full_name

    def payload(self, item_id: object) -> bytes:
        return self.message(**{self.id_field: str(item_id)}).SerializeToString()

    def item_id(self, body: bytes) -> str:
        """The item a body names; UndecodableJob when it names none."""
        try:
            found = str(getattr(self.message.FromString(body), self.id_field))
        except DecodeError:
            raise UndecodableJob(f"not a {self.type_name}") from None
        if not found:
            raise UndecodableJob(f"a {self.type_name} without {self.id_field}")
        return found


TAILOR = JobKind("tailor", jobs_pb2.TailorJob, "run_id")
EXPORT = JobKind("export", jobs_pb2.ExportJob, "artifact_id")
KINDS = {kind.routing_key: kind for kind in (TAILOR, EXPORT)}


REQUEST_ID_HEADER = "x-request-id"


def correlation_headers() -> dict[str, str]:
    """The headers a job created by the current call is published with: its request id (bound
    by kit.grpc_server for the call), so the worker's log lines for the job carry it, and
    its trace context (kit.tracing), so the worker's span joins the caller's trace."""
    request_id = structlog.contextvars.get_contextvars().get("request_id")
    headers = {REQUEST_ID_HEADER: str(request_id)} if request_id else {}
    tracing.inject(headers)  # and the trace it belongs to, when tracing is on
    return headers
