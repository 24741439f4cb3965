"""StartTailoring's storage writes, coalesced under load.

A create goes to storage on its own (Storage.CreateTailorRun) while fewer than `in_flight`
creates are pending, so an idle gateway adds no wait. Past that, the calls that name stored
documents wait for the next free slot and go together, up to `max_batch` in one
Storage.CreateTailorRuns: one round trip, one statement and one commit for many callers, where
each call of its own costs both processes a gRPC call and the database a commit. Each caller
gets the answer or the status a call of its own would have got (its error status travels as
a google.rpc.Status and is raised here as the same AioRpcError).
"""

from __future__ import annotations

import asyncio
from collections import deque

import grpc
from google.rpc import status_pb2

from kit.grpc_errors import status_code
from kit.jobs import correlation_headers
from kit.metrics import RUN_CREATE_BATCH
from resumeai.storage.v1 import storage_pb2, storage_pb2_grpc

_Reply = asyncio.Future[storage_pb2.CreateTailorRunResponse]
_Waiting = tuple[storage_pb2.BatchedTailorRun, _Reply]


class RunCreates:
    def __init__(
        self,
        storage: storage_pb2_grpc.StorageServiceAsyncStub,
        deadline_s: float,
        *,
        max_batch: int,
        in_flight: int,
    ) -> None:
        self._storage = storage
        self._deadline_s = deadline_s
        self._max_batch = max_batch
        self._max_in_flight = in_flight
        self._in_flight = 0
        self._waiting: deque[_Waiting] = deque()
        self._tasks: set[asyncio.Task[None]] = set()

    async def create(
        self, request: storage_pb2.CreateTailorRunRequest, deadline_s: float
    ) -> storage_pb2.CreateTailorRunResponse:
        """What Storage.CreateTailorRun answers `request` within `deadline_s`; raises its
        AioRpcError."""
        if self._in_flight < self._max_in_flight or not self._batchable(request):
            self._in_flight += 1
            try:
                return await self._storage.CreateTailorRun(request, timeout=deadline_s)
            finally:
                self._in_flight -= 1
                self._send_waiting()
        future: _Reply = asyncio.get_running_loop().create_future()
        # The job is published with this caller's request id and trace, as a create of its
        # own would be (storage reads them from the call's metadata there).
        run = storage_pb2.BatchedTailorRun(run=request, job_headers=correlation_headers())
        self._waiting.append((run, future))
        try:
            async with asyncio.timeout(deadline_s):
                return await future
        except TimeoutError:
            raise _error(grpc.StatusCode.DEADLINE_EXCEEDED, "Deadline Exceeded") from None
        finally:
            # A caller gone before its batch left is not sent (its retry, with the same
            # request id, creates the run); once sent, its run is created as a call of its
            # own would be when the caller hangs up after storage received it.
            future.cancel()

    def _batchable(self, request: storage_pb2.CreateTailorRunRequest) -> bool:
        return (
            self._max_batch > 1
            and request.WhichOneof("resume") == "resume_id"
            and request.WhichOneof("job") == "job_posting_id"
        )

    def _send_waiting(self) -> None:
        while self._waiting and self._in_flight < self._max_in_flight:
            batch: list[_Waiting] = []
            while self._waiting and len(batch) < self._max_batch:
                run, future = self._waiting.popleft()
                if not future.done():
                    batch.append((run, future))
            if not batch:
                return
            self._in_flight += 1
            RUN_CREATE_BATCH.observe(len(batch))
            task = asyncio.create_task(self._send(batch))
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)

    async def _send(self, batch: list[_Waiting]) -> None:
        try:
            response = await self._storage.CreateTailorRuns(
                storage_pb2.CreateTailorRunsRequest(runs=[run for run, _ in batch]),
                timeout=self._deadline_s,
            )
        except grpc.aio.AioRpcError as error:
            _settle(batch, [error] * len(batch))
        except asyncio.CancelledError:
            # The gateway is stopping: whether storage created them is unknown, as when a
            # connection drops mid-call; the callers retry with their request ids.
            unknown = _error(grpc.StatusCode.UNAVAILABLE, "the gateway is stopping")
            _settle(batch, [unknown] * len(batch))
            raise
        except Exception:
            _settle(batch, [_error(grpc.StatusCode.INTERNAL, "internal error")] * len(batch))
            raise
        else:
            if len(response.outcomes) != len(batch):
                lost = _error(grpc.StatusCode.INTERNAL, "storage answered another number of runs")
                _settle(batch, [lost] * len(batch))
            else:
                _settle(batch, [_answer(outcome) for outcome in response.outcomes])
        finally:
            self._in_flight -= 1
            self._send_waiting()


def _answer(
    outcome: storage_pb2.CreateTailorRunOutcome,
) -> storage_pb2.CreateTailorRunResponse | grpc.aio.AioRpcError:
    if outcome.HasField("result"):
        return outcome.result
    status = status_pb2.Status.FromString(outcome.error_status)
    details = outcome.error_status if status.details else b""
    return _error(status_code(status.code), status.message, details)


def _settle(
    batch: list[_Waiting],
    answers: list[storage_pb2.CreateTailorRunResponse | grpc.aio.AioRpcError],
) -> None:
    for (_, future), answer in zip(batch, answers, strict=True):
        if future.done():
            continue
        if isinstance(answer, grpc.aio.AioRpcError):
            future.set_exception(answer)
        else:
            future.set_result(answer)


def _error(code: grpc.StatusCode, message: str, status: bytes = b"") -> grpc.aio.AioRpcError:
    """The error a call of its own would have raised (with the status details gRPC would have
    carried in its trailers, which grpc_status.rpc_status.from_call reads)."""
    trailing = grpc.aio.Metadata(("grpc-status-details-bin", status)) if status else None
    return grpc.aio.AioRpcError(
        code, grpc.aio.Metadata(), trailing or grpc.aio.Metadata(), message, None
    )
