"""Text extraction of untrusted uploads in a throwaway child process with limits.

pypdf and python-docx are pure Python over attacker-chosen bytes: a crafted file can spin
the CPU or balloon memory far beyond the size checks in `kit.documents`. Inside the worker
process that would stall every job sharing it (a thread cannot be cancelled), so DOCX / PDF
uploads are parsed in a child forked from a clean forkserver (never from the worker itself:
forking a process that runs gRPC threads is unsafe), under an address-space limit, and the
child is killed when it runs past its time budget. TXT needs no parser and stays in-process.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import resource
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any

from kit.documents import DocumentError, DocumentFormat, ExtractedDocument, extract_text
from resumeai.v1 import common_pb2

_CONTEXT = multiprocessing.get_context("forkserver")
# The forkserver imports the parsers once (kit.documents imports them lazily, so they are
# named here); each child then starts in milliseconds.
_CONTEXT.set_forkserver_preload(["kit.documents", "docx", "pypdf", "pdfplumber"])


@dataclass(frozen=True)
class Limits:
    timeout_s: float = 20.0
    memory_bytes: int = 1024 * 1024 * 1024


def _child(conn: Connection, content: bytes, fmt: int, memory_bytes: int) -> None:
    # Parser warnings would go to the worker's stdout unformatted (and may quote the file).
    logging.disable(logging.CRITICAL)
    resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    try:
        doc = extract_text(content, common_pb2.DocumentFormat.ValueType(fmt))
        conn.send(("ok", doc.lines, doc.warnings))
    except DocumentError as exc:
        conn.send(("refused", str(exc), None))
    except MemoryError:
        conn.send(("refused", "the document needs too much memory to read", None))
    except Exception as exc:  # parser crash on a malformed file: refuse, never guess
        conn.send(("refused", f"the document cannot be read ({type(exc).__name__})", None))
    finally:
        conn.close()


def _run(content: bytes, fmt: int, limits: Limits) -> tuple[Any, ...]:
    receiver, sender = _CONTEXT.Pipe(duplex=False)
    child = _CONTEXT.Process(
        target=_child, args=(sender, content, fmt, limits.memory_bytes), daemon=True
    )
    child.start()
    sender.close()
    try:
        if not receiver.poll(limits.timeout_s):
            return ("refused", "the document took too long to read", None)
        try:
            message: tuple[Any, ...] = receiver.recv()
        except EOFError:  # the child died (e.g. killed by the memory limit)
            return ("refused", "the document cannot be read (the parser crashed)", None)
        return message
    finally:
        receiver.close()
        if child.is_alive():
            child.kill()
        child.join(5)


async def extract_untrusted(
    content: bytes, fmt: DocumentFormat, limits: Limits | None = None
) -> ExtractedDocument:
    """`kit.documents.extract_text`, isolated for DOCX / PDF; raises DocumentError."""
    if fmt == common_pb2.DOCUMENT_FORMAT_TXT:
        return await asyncio.to_thread(extract_text, content, fmt)
    status, first, second = await asyncio.to_thread(_run, content, int(fmt), limits or Limits())
    if status != "ok":
        raise DocumentError(first)
    return ExtractedDocument(lines=list(first), warnings=list(second))
