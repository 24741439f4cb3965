"""resumeai: tailor a resume to a job from the command line.

    resumeai [--target HOST:PORT] [--ca PEM | --plaintext] tailor RESUME JOB --out DIR
    resumeai runs [--limit N]
    resumeai export RUN_ID [--format pdf|docx] [--kind resume|report|letter] --out DIR

The API key comes from RESUMEAI_API_KEY (or --api-key). Exit codes: 0 done, 1 the run or an
export failed, 2 usage, 3 the API could not be reached or refused the call.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
from pathlib import Path

import grpc

from resumeai.v1 import common_pb2, resources_pb2, result_pb2
from resumeai_client import Client, ExportFailed, RunFailed, resume_file

DONE, FAILED, USAGE, UNREACHABLE = 0, 1, 2, 3
EXPORT_FORMATS = {"pdf": common_pb2.EXPORT_FORMAT_PDF, "docx": common_pb2.EXPORT_FORMAT_DOCX}
KINDS = {
    "resume": common_pb2.ARTIFACT_KIND_TAILORED_RESUME,
    "report": common_pb2.ARTIFACT_KIND_TAILORING_REPORT,
    "letter": common_pb2.ARTIFACT_KIND_COVER_LETTER,
}
# What `tailor` downloads: the tailored resume in both formats and the report.
TAILOR_FILES = (("resume", "pdf"), ("resume", "docx"), ("report", "pdf"))


def _say(text: str) -> None:
    """Progress for people, on stderr: stdout holds only the results."""
    sys.stderr.write(text + "\n")
    sys.stderr.flush()


def _status(run: resources_pb2.TailorRun) -> str:
    return common_pb2.RunStatus.Name(run.status).removeprefix("RUN_STATUS_").lower()


def print_result(run: resources_pb2.TailorRun) -> None:
    result = run.result
    print(f"run {run.id}: score {run.score_before:.1f} -> {run.score_after:.1f}")
    for notice in run.notices:
        print(f"notice: {common_pb2.RunNotice.Name(notice).removeprefix('RUN_NOTICE_').lower()}")
    if result.gaps:
        print("gaps:")
        for gap in result.gaps:
            severity = result_pb2.Severity.Name(gap.severity).removeprefix("SEVERITY_").lower()
            print(f"  - {gap.keyword} ({severity}): {gap.reason}")
    print("tailored bullets:")
    for bullet in result.bullets:
        print(f"  - {bullet.text}  [{', '.join(bullet.evidence_ids)}]")


async def _save(client: Client, run_id: str, kind: str, fmt: str, out: Path) -> Path:
    filename, content = await client.export(run_id, EXPORT_FORMATS[fmt], KINDS[kind])
    path = out / (filename or f"{kind}.{fmt}")
    if path.exists() and kind != "resume":  # the report and the resume may share a name
        path = out / f"{kind}-{path.name}"
    await asyncio.to_thread(path.write_bytes, content)
    return path


async def tailor(client: Client, args: argparse.Namespace) -> int:
    resume = await asyncio.to_thread(resume_file, args.resume)
    job_text = await asyncio.to_thread(Path(args.job).read_text)
    run = await client.start_tailoring(resume, job_text)
    _say(f"run {run.id} accepted")
    seen: list[str] = []

    def progress(update: resources_pb2.TailorRun) -> None:
        if not seen or seen[-1] != _status(update):
            seen.append(_status(update))
            _say(f"  {' -> '.join(seen)}")

    run = await client.wait(run.id, on_change=progress)
    print_result(run)
    args.out.mkdir(parents=True, exist_ok=True)
    for kind, fmt in TAILOR_FILES:
        path = await _save(client, run.id, kind, fmt, args.out)
        print(f"wrote {path}")
    return DONE


async def runs(client: Client, args: argparse.Namespace) -> int:
    for run in await client.runs(limit=args.limit):
        created = run.create_time.ToDatetime().isoformat(timespec="seconds")
        print(
            f"{run.id}  {_status(run):9}  {created}  {run.score_before:5.1f} -> "
            f"{run.score_after:5.1f}"
        )
    return DONE


async def export(client: Client, args: argparse.Namespace) -> int:
    args.out.mkdir(parents=True, exist_ok=True)
    print(f"wrote {await _save(client, args.run_id, args.kind, args.format, args.out)}")
    return DONE


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(
        prog="resumeai",
        description=__doc__.split("\n\n", 1)[0],
        epilog="exit codes: 0 done, 1 a run or export failed, 2 usage, 3 unreachable or refused",
    )
    top.add_argument("--target", default=os.environ.get("RESUMEAI_TARGET", "127.0.0.1:50051"))
    top.add_argument("--api-key", default=os.environ.get("RESUMEAI_API_KEY", ""))
    tls = top.add_mutually_exclusive_group()
    tls.add_argument(
        "--ca",
        type=Path,
        help="CA of the gateway's certificate (make run: "
        ".run/pki/ca.pem); default: the system's roots",
    )
    tls.add_argument("--plaintext", action="store_true", help="no TLS (a gateway without it)")
    commands = top.add_subparsers(dest="command", required=True)
    run = commands.add_parser("tailor", help="tailor RESUME to JOB; download PDF, DOCX, report")
    run.add_argument("resume", type=Path, help="a .txt, .docx or .pdf resume")
    run.add_argument("job", type=Path, help="the job description, a text file")
    run.add_argument("--out", type=Path, default=Path("."), help="where the files go")
    listing = commands.add_parser("runs", help="your newest runs")
    listing.add_argument("--limit", type=int, default=20)
    one = commands.add_parser("export", help="download one export of a run")
    one.add_argument("run_id")
    one.add_argument("--format", choices=EXPORT_FORMATS, default="pdf")
    one.add_argument("--kind", choices=KINDS, default="resume")
    one.add_argument("--out", type=Path, default=Path("."))
    return top


async def _main(args: argparse.Namespace) -> int:
    ca = await asyncio.to_thread(args.ca.read_bytes) if args.ca else None
    command = {"tailor": tailor, "runs": runs, "export": export}[args.command]
    async with Client(args.target, args.api_key, ca=ca, plaintext=args.plaintext) as client:
        return await command(client, args)


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if not args.api_key:
        _say("resumeai: no API key (set RESUMEAI_API_KEY or pass --api-key)")
        return USAGE
    try:
        return asyncio.run(_main(args))
    except (RunFailed, ExportFailed) as failed:
        _say(f"resumeai: {failed}")
        return FAILED
    except (OSError, ValueError) as bad_input:
        _say(f"resumeai: {bad_input}")
        return USAGE
    except grpc.aio.AioRpcError as error:
        _say(f"resumeai: {error.code().name}: {error.details()}")
        return UNREACHABLE
