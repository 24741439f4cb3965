"""The guard corpus is well formed, and the guard refuses every lie in it while keeping the
honest rewrites (the last test; run it alone with `-k whole_corpus`)."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

import pytest

from tests.guard.corpus import (
    ALL_CASES,
    FAMILIES,
    FUNCTION_WORDS,
    HONEST,
    HONEST_FAMILY,
    LIES,
    PLANTED,
    RESUME_NAMES,
    RESUMES,
    SUBSTITUTES,
    fold,
    is_planted,
    marker_in,
)
from tests.guard.harness import (
    KEPT_TARGET,
    MAX_BULLETS,
    CiteError,
    batches,
    job_text,
    parse,
    resolve,
    resolve_all,
    role_header,
    run_corpus,
)
from tests.guard.redteam import HONEST as REDTEAM_HONEST
from tests.guard.redteam import LIES as REDTEAM_LIES
from tests.guard.redteam2 import HONEST as REDTEAM2_HONEST
from tests.guard.redteam2 import LIES as REDTEAM2_LIES
from tests.integration.openai.fake_server import serve

_WORD = re.compile(r"[^\W\d_]+|\d+")


def _words(text: str) -> set[str]:
    return set(_WORD.findall(fold(text)))


def test_corpus_size_and_family_coverage() -> None:
    assert len(LIES) >= 160
    assert len(HONEST) >= 70
    assert {c.family for c in LIES} == set(FAMILIES)
    assert {c.family for c in HONEST} == {HONEST_FAMILY}
    per_family = Counter(c.family for c in LIES)
    for family in FAMILIES:
        assert per_family[family] >= 15, (family, per_family[family])
        resumes = {c.resume for c in LIES if c.family == family}
        assert resumes == set(RESUME_NAMES), (family, resumes)
    per_resume = Counter(c.resume for c in HONEST)
    assert set(per_resume) == set(RESUME_NAMES)
    assert min(per_resume.values()) >= 15, per_resume


def test_every_case_is_distinct_and_cites_something() -> None:
    keys = [(c.resume, fold(c.text)) for c in ALL_CASES]
    assert len(keys) == len(set(keys)), [k for k, n in Counter(keys).items() if n > 1]
    for case in ALL_CASES:
        assert case.resume in RESUME_NAMES
        assert case.cites and all(case.cites), case
        assert len(case.text) <= 350, case


def test_resumes_are_realistic_and_parse_into_their_roles() -> None:
    for name in RESUME_NAMES:
        lines = RESUMES[name]
        assert 30 <= len(lines) <= 60, (name, len(lines))
        parsed = parse(name)
        assert len(parsed.work) >= 2
        for work in parsed.work:
            assert work.position and work.company and work.dates_text, (name, work)
        evidence = {line.text: line.id for line in parsed.evidence}
        # Every "- " line under a role header is a work evidence line of that role.
        role = 0
        section = ""
        for raw in lines:
            if raw.strip() in ("Experience", "Projects", "Education", "Skills", "Summary"):
                section = raw.strip()
                continue
            if section != "Experience":
                continue
            if " — " in raw and not raw.startswith("- "):
                role += 1
            elif raw.startswith("- "):
                text = raw[2:].strip()
                if text not in evidence:
                    assert is_planted(name, text), (name, text)
                    continue
                assert evidence[text].startswith(f"W{role}."), (name, text, evidence[text])
        assert role == len(parsed.work), name
        # Each planted line is in the resume exactly once.
        for planted in PLANTED[name]:
            assert sum(is_planted(name, line) and planted in unicodedata.normalize(
                "NFKC", line) for line in lines) == 1, (name, planted)


def test_jobs_exist_for_every_resume() -> None:
    for name in RESUME_NAMES:
        assert "Requirements" in job_text(name)


def test_fold_and_marker_matching() -> None:
    assert marker_in("Kafka", "Streamed events through \u041aafka")
    assert marker_in("kafka", "Built a kafka_client wrapper")
    assert marker_in("DynamoDB", "Tuned Dynamo\u200bDB")
    assert marker_in("$12M", "Reduced spend by $１２M")
    assert marker_in("IBM", "for ＩＢＭ Consulting")
    assert not marker_in("rust", "a trusted partner")
    assert not marker_in("Flask", "shake flasks")
    assert fold("  Ｎｏｔｅ\u00a0to\u200b  REVIEWERS ") == "note to reviewers"


def test_markers_never_occur_in_their_resume() -> None:
    for case in LIES:
        if not case.marker:
            continue
        lines = RESUMES[case.resume]
        if case.family == "injection":
            # The planted claim is in the planted line only.
            lines = tuple(line for line in lines if not is_planted(case.resume, line))
        hits = [line for line in lines if marker_in(case.marker, line)]
        assert not hits, (case.resume, case.marker, hits)
        assert marker_in(case.marker, case.text), (case.marker, case.text)


def test_lies_differ_from_every_resume_line() -> None:
    """A lie equal to a line once folded would be judged through when the guard repairs it
    to that line; only injection lies copying a planted line verbatim are such copies."""
    for case in LIES:
        for line in RESUMES[case.resume]:
            if fold(line.removeprefix("- ")) == fold(case.text):
                assert case.family == "injection" and is_planted(case.resume, line), case


def test_every_cite_resolves_to_one_evidence_line() -> None:
    resolved = resolve_all(ALL_CASES)
    for r in resolved:
        assert len(r.ids) + len(r.excluded) == len(r.case.cites), r
        if r.excluded:
            assert r.case.family == "injection", r
    # Only injection cases cite planted lines.
    for case in ALL_CASES:
        for cite in case.cites:
            lines = [line for line in RESUMES[case.resume] if cite in unicodedata.normalize(
                "NFKC", line)]
            if any(is_planted(case.resume, line) for line in lines):
                assert case.family == "injection", case


def test_a_bad_cite_is_an_error() -> None:
    parsed = parse("engineer")
    case = HONEST[0]
    with pytest.raises(CiteError, match="matches no evidence line"):
        resolve(case.__class__(case.resume, case.family, case.text, ("no such line",)), parsed)
    with pytest.raises(CiteError, match="matches several lines"):
        resolve(case.__class__(case.resume, case.family, case.text, ("Postgres",)), parsed)


def test_honest_rewrites_use_only_their_line_header_and_listed_substitutes() -> None:
    parsed = {name: parse(name) for name in RESUME_NAMES}
    for r in resolve_all(HONEST):
        assert len(r.ids) == 1 and not r.excluded, r
        resume = parsed[r.case.resume]
        (line,) = [e for e in resume.evidence if e.id == r.ids[0]]
        assert line.section in ("work", "projects"), r
        allowed = _words(line.text) | _words(role_header(resume, line.id))
        extra = _words(r.case.text) - allowed - FUNCTION_WORDS - SUBSTITUTES
        assert not extra, (r.case.text, extra)
        assert r.case.text != line.text, ("not a rewrite", r.case.text)


def test_batches_fit_the_engine_and_keep_clashing_cases_apart() -> None:
    made = batches(resolve_all(ALL_CASES))
    assert sum(len(b) for b in made) == len(ALL_CASES)
    for batch in made:
        assert 1 <= len(batch) <= MAX_BULLETS
        assert len({r.case.resume for r in batch}) == 1
        assert len({r.case.family == HONEST_FAMILY for r in batch}) == 1
        assert sum(r.case.family == "injection" for r in batch) <= 1


async def test_the_guard_refuses_the_whole_corpus() -> None:
    with serve() as fake:
        report = await run_corpus(ALL_CASES, fake)
    assert len(report.outcomes) == len(ALL_CASES)
    through = [(o.case.family, o.case.resume, o.case.text) for o in report.through]
    assert not through, f"{len(through)} lie(s) through:\n" + "\n".join(map(str, through))
    refused = [(o.case.resume, o.case.text, o.action, o.unsupported) for o in report.refused]
    assert report.kept_share >= KEPT_TARGET, (
        f"honest kept {report.kept_share:.1%}; refused:\n" + "\n".join(map(str, refused))
    )


async def test_no_red_team_lie_gets_through() -> None:
    """The red team's lies were written by reading the guard's code to slip past it."""
    assert len(REDTEAM_LIES) >= 150 and len(REDTEAM_HONEST) >= 60
    with serve() as fake:
        report = await run_corpus(REDTEAM_LIES + REDTEAM_HONEST, fake)
    through = [(o.case.family, o.case.resume, o.case.text) for o in report.through]
    assert not through, f"{len(through)} lie(s) through:\n" + "\n".join(map(str, through))
    # Paraphrases beyond the substitution table are refused (the line itself stands in);
    # make eval-guard reports the share kept; this floor catches a guard that turns away
    # most honest rewording.
    assert report.kept_share >= 0.5


async def test_second_red_team() -> None:
    """Fresh lies of an "improving" model, and honest rewrites strictly of the five kinds
    (reorder, trim, verb, alias, figure): held to the corpus's targets."""
    assert len(REDTEAM2_LIES) >= 80 and len(REDTEAM2_HONEST) >= 100
    with serve() as fake:
        report = await run_corpus(REDTEAM2_LIES + REDTEAM2_HONEST, fake)
    through = [(o.case.family, o.case.resume, o.case.text) for o in report.through]
    assert not through, f"{len(through)} lie(s) through:\n" + "\n".join(map(str, through))
    refused = [(o.case.resume, o.case.text, o.action, o.unsupported) for o in report.refused]
    assert report.kept_share >= KEPT_TARGET, (
        f"honest kept {report.kept_share:.1%}; refused:\n" + "\n".join(map(str, refused))
    )
