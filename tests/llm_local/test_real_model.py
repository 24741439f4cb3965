"""A real small model tailors the examples through the whole system (`make llm-demo`).

SmolLM2-135M-Instruct mostly answers with empty or junk bullets: the guard refuses them and
the offline bullets stand in, so the run still succeeds with a resume that says only what
the evidence says. What the model proposed and what the guard did is written to
.run/llm-demo.md (shown in the README) and printed.
"""

from __future__ import annotations

import uuid

from resumeai.v1 import common_pb2, result_pb2, resume_builder_pb2, resume_builder_pb2_grpc
from tests.e2e.conftest import auth, wait_for
from tests.e2e.harness import Stack
from tests.e2e.test_flow import export
from tests.llm_local.conftest import MODEL_ALIAS, REPO

EXAMPLES = REPO / "examples"
DEMO = REPO / ".run" / "llm-demo.md"
RUN_TIMEOUT_S = 600.0  # two model calls at most (an answer and its one repair), on a CPU
_DONE = (common_pb2.RUN_STATUS_SUCCEEDED, common_pb2.RUN_STATUS_FAILED)


def demo_text(result: result_pb2.TailoringResult) -> str:
    """What the model proposed, what the guard did, and the bullets that stand."""
    action = {
        result_pb2.GUARD_ACTION_KEPT: "kept",
        result_pb2.GUARD_ACTION_REPAIRED: "repaired",
        result_pb2.GUARD_ACTION_DROPPED: "refused",
    }
    meta = result.metadata
    lines = [
        f"Model `{meta.model}` through `{meta.provider}` ({meta.parameters_json}), "
        f"{meta.prompt_tokens} prompt and {meta.completion_tokens} completion tokens, "
        f"{meta.latency_ms} ms.",
        "",
        "What the model proposed, and what the guard did:",
        "",
    ]
    proposals = [f for f in result.guard if f.proposed_by == meta.provider]
    for finding in proposals:
        rules = f" ({', '.join(finding.rules)})" if finding.rules else ""
        text = " ".join(finding.proposed_text.split())[:160] or "(empty)"
        lines.append(f"- {action.get(finding.action, '?')}{rules}: {text}")
    if not proposals:
        lines.append("- (no proposal)")
    lines += ["", "The bullets that stand (whose proposal, the line each rests on):", ""]
    lines += [f"- [{b.proposed_by}] {b.text} ({', '.join(b.evidence_ids)})" for b in result.bullets]
    before, after = result.coverage_before.score, result.coverage_after.score
    lines += [
        "",
        f"Score {before.overall:.1f} -> {after.overall:.1f} "
        f"(evidenced {after.evidenced:.1f}); headline: {result.tailored.headline}",
    ]
    return "\n".join(lines) + "\n"


async def test_a_real_small_model_tailors_the_examples_through_the_whole_system(
    stack: Stack, client: resume_builder_pb2_grpc.ResumeBuilderStub, api_key: str
) -> None:
    resume = await client.CreateResume(
        resume_builder_pb2.CreateResumeRequest(
            display_name="llm-demo", text=(EXAMPLES / "resume.txt").read_text()
        ),
        metadata=auth(api_key),
    )
    job = await client.CreateJobPosting(
        resume_builder_pb2.CreateJobPostingRequest(
            title="Staff Backend Engineer", text=(EXAMPLES / "job.txt").read_text()
        ),
        metadata=auth(api_key),
    )
    run = await client.StartTailoring(
        resume_builder_pb2.StartTailoringRequest(
            request_id=f"llm-{uuid.uuid4()}",
            resume_id=resume.id,
            job_posting_id=job.id,
            options=common_pb2.TailorOptions(provider="openai"),
        ),
        metadata=auth(api_key),
    )

    async def finished() -> resume_builder_pb2.TailorRun | None:
        current = await client.GetTailorRun(
            resume_builder_pb2.GetTailorRunRequest(id=run.id), metadata=auth(api_key)
        )
        return current if current.status in _DONE else None

    final = await wait_for(finished, timeout_s=RUN_TIMEOUT_S, interval_s=1.0)
    assert final.status == common_pb2.RUN_STATUS_SUCCEEDED, (
        final.error,
        stack.log("tailor_worker")[-3000:],
    )
    result = final.result
    assert (result.metadata.provider, result.metadata.model) == ("openai", MODEL_ALIAS)
    assert result.metadata.prompt_tokens > 0  # the model was really asked
    # Whatever the model said, the guard judged each proposal, and what stands is evidenced.
    assert all(f.proposed_by in ("openai", "offline") for f in result.guard)
    evidence = {line.id for line in result.resume.evidence}
    assert result.bullets, "the offline bullets stand in where the model's are refused"
    for bullet in result.bullets:
        assert bullet.proposed_by in ("openai", "offline")
        assert bullet.evidence_ids and set(bullet.evidence_ids) <= evidence
    assert result.tailored.roles and result.coverage_after.score.overall >= (
        result.coverage_before.score.overall
    )
    pdf = await export(client, api_key, run.id, common_pb2.EXPORT_FORMAT_PDF)
    assert pdf.startswith(b"%PDF")

    print("\n" + _save(demo_text(result)))


def _save(text: str) -> str:
    DEMO.parent.mkdir(exist_ok=True)
    DEMO.write_text(text)
    return text
