"""The document model: what goes where in the tailored resume and in the report."""

from __future__ import annotations

from export_worker.render import build_report, build_tailored_resume, expected_lines
from export_worker.render.blocks import BulletList, Entry, Paragraph, Section, one_line
from resumeai.v1 import common_pb2, result_pb2
from tests.unit.render.sample_result import EMAIL, NAME, SPECIAL, build_result

ATS_HEADINGS = {"Summary", "Experience", "Education", "Skills", "Certifications", "Projects"}


def _section(sections: tuple[Section, ...], heading: str) -> Section:
    matches = [s for s in sections if s.heading == heading]
    assert len(matches) == 1, f"{heading!r} appears {len(matches)} times"
    return matches[0]


def _entries(section: Section) -> list[Entry]:
    return [b for b in section.blocks if isinstance(b, Entry)]


def test_tailored_bullets_replace_highlights_of_their_role_only() -> None:
    doc = build_tailored_resume(build_result(), common_pb2.RESUME_TEMPLATE_FEDERAL)
    w1, w2, w3 = _entries(_section(doc.sections, "Experience"))
    # B1 and B2 stand where W1.1 and W1.2 stood; W1.3, which no bullet cites, is kept.
    assert w1.bullets == (
        "Ran Kubernetes clusters for 40 services",
        SPECIAL,
        "Original highlight 1.3 about systems",
    )
    # W2.3 is rewritten by B4, which has no role and is shown under Selected Highlights.
    assert w2.bullets == (
        "Automated Python deployment pipelines",
        "Original highlight 2.2 about systems",
    )
    assert w3.bullets == tuple(f"Original highlight 3.{k} about systems" for k in (1, 2, 3))
    assert w1.title == "Engineer Level 1 — Company1 GmbH"
    assert w1.detail_line == "Berlin | Jan 2023 – Dec 2024"
    assert w2.detail_line == "Jan 2022 – Dec 2023"


def test_unanchored_and_unknown_role_bullets_go_to_selected_highlights() -> None:
    result = build_result()
    result.bullets.add(id="B9", text="Led the on-call rota", evidence_ids=["W3.1"], work_id="W99")
    doc = build_tailored_resume(result, common_pb2.RESUME_TEMPLATE_ONE_PAGE)
    highlights = _section(doc.sections, "Selected Highlights")
    assert highlights.blocks == (BulletList(("Mentored four engineers", "Led the on-call rota")),)


def test_no_selected_highlights_section_without_unanchored_bullets() -> None:
    result = build_result()
    del result.bullets[3]  # B4, the only bullet without a role
    doc = build_tailored_resume(result, common_pb2.RESUME_TEMPLATE_ONE_PAGE)
    assert "Selected Highlights" not in [s.heading for s in doc.sections]


def test_section_order_per_template() -> None:
    result = build_result()
    orders = {
        t: [s.heading for s in build_tailored_resume(result, t).sections]
        for t in (
            common_pb2.RESUME_TEMPLATE_UNSPECIFIED,
            common_pb2.RESUME_TEMPLATE_ONE_PAGE,
            common_pb2.RESUME_TEMPLATE_FEDERAL,
            common_pb2.RESUME_TEMPLATE_ACADEMIC_CV,
        )
    }
    assert orders[common_pb2.RESUME_TEMPLATE_UNSPECIFIED] == [
        "Summary",
        "Selected Highlights",
        "Experience",
        "Skills",
        "Education",
        "Certifications",
        "Projects",
    ]
    assert (
        orders[common_pb2.RESUME_TEMPLATE_ONE_PAGE]
        == orders[common_pb2.RESUME_TEMPLATE_UNSPECIFIED]
    )
    assert orders[common_pb2.RESUME_TEMPLATE_FEDERAL][:4] == [
        "Summary",
        "Selected Highlights",
        "Experience",
        "Education",
    ]
    assert orders[common_pb2.RESUME_TEMPLATE_ACADEMIC_CV][:2] == ["Summary", "Education"]
    for headings in orders.values():
        assert set(headings) >= ATS_HEADINGS


def test_one_page_trims_untailored_roles_and_federal_keeps_everything() -> None:
    result = build_result(roles=3, highlights_per_role=7)
    one_page = build_tailored_resume(result, common_pb2.RESUME_TEMPLATE_ONE_PAGE)
    federal = build_tailored_resume(result, common_pb2.RESUME_TEMPLATE_FEDERAL)
    assert len(_entries(_section(one_page.sections, "Experience"))[2].bullets) == 4
    assert len(_entries(_section(federal.sections, "Experience"))[2].bullets) == 7
    # Full detail keeps the education and certificate lines; one-page keeps the titles only.
    assert _entries(_section(federal.sections, "Education"))[0].bullets == (
        "Thesis on distributed schedulers",
    )
    assert _entries(_section(one_page.sections, "Education"))[0].bullets == ()
    assert _section(one_page.sections, "Certifications").blocks == (
        BulletList(("CKA: Certified Kubernetes Administrator",)),
    )


def test_contact_line_links_email_and_safe_urls_only() -> None:
    result = build_result()
    result.resume.basics.urls.append("javascript:alert(1)")
    doc = build_tailored_resume(result, common_pb2.RESUME_TEMPLATE_ONE_PAGE)
    assert doc.heading == NAME
    assert doc.meta.title == "Resume"
    assert doc.contact is not None
    links = {item.text: item.url for item in doc.contact.items}
    assert links[EMAIL] == f"mailto:{EMAIL}"
    assert links["https://github.com/zoe-ln"] == "https://github.com/zoe-ln"
    assert links["linkedin.com/in/zoe-ln"] == "https://linkedin.com/in/zoe-ln"
    assert links["javascript:alert(1)"] == ""
    assert links["+48 555 010 203"] == ""


def test_skills_and_summary() -> None:
    doc = build_tailored_resume(build_result(), common_pb2.RESUME_TEMPLATE_ONE_PAGE)
    assert _section(doc.sections, "Skills").blocks == (
        Paragraph("Python, Kubernetes, Terraform, C++"),
    )
    summary = _section(doc.sections, "Summary").blocks
    assert summary[-1] == Paragraph(
        "Platform engineer with eight years of Kubernetes & Python work."
    )


def test_empty_result_still_builds() -> None:
    doc = build_tailored_resume(result_pb2.TailoringResult(), common_pb2.RESUME_TEMPLATE_FEDERAL)
    assert doc.heading == "Resume"
    assert doc.contact is None
    assert doc.sections == ()


def test_control_characters_are_dropped_and_whitespace_collapsed() -> None:
    assert one_line("a\x00b\x07  c\n\td\x1b\ufffe") == "ab c d"
    result = build_result()
    result.bullets[0].text = "Ran\x0b clusters\x00\nwell"
    doc = build_tailored_resume(result, common_pb2.RESUME_TEMPLATE_FEDERAL)
    assert "Ran clusters well" in expected_lines(doc)


def test_report_has_every_part() -> None:
    doc = build_report(build_result())
    lines = expected_lines(doc)
    text = "\n".join(lines)
    assert doc.meta.title == "Tailoring Report"
    assert doc.contact is None
    assert NAME not in text
    assert [s.heading for s in doc.sections] == [
        "Match Score",
        "Requirements",
        "Changes",
        "Searchability Checks",
        "Other Warnings",
        "Tailored Bullets",
        "Guard Findings",
        "Parsing Notes",
        "Run Metadata",
    ]
    for expected in (
        "Before tailoring: 42.5 / 100",
        "After tailoring: 71.2 / 100",
        "FOUND Kubernetes (hard skill, required): 'Original highlight 1.1 about systems' "
        "(W1.1); shown as 'Kubernetes' (skills)",
        f"FOUND CI/CD (hard skill, preferred): '{SPECIAL}' (B2)",
        "MISSING [medium] AWS (hard skill, required) Required tool not in the resume "
        "Ask yourself: Have you used AWS at work?",
        "Secret clearance (clearance): Do not add without one",
        "B1: Ran Kubernetes clusters for 40 services — evidence W1.1",
        "[dropped] Ran Terraform on 500 nodes — unsupported: number: 500",
        "Prompt version: tailor-v1",
        f"Prompt sha256: {'ab' * 32}",
        "Engine version: 0.1.0",
        "Provider: offline",
        "Model: extractive",
    ):
        assert expected in lines, expected
    # A missing requirement is said once: its gap, question and warning are in its row.
    assert sum("AWS" in line for line in lines) == 1


def test_report_groups_alternatives_into_one_requirement() -> None:
    result = build_result()
    for coverage in (result.coverage_before, result.coverage_after):
        coverage.keywords.add(
            keyword="RabbitMQ",
            category=result_pb2.KEYWORD_CATEGORY_HARD_SKILL,
            level=result_pb2.REQUIREMENT_LEVEL_REQUIRED,
            alternatives=["Kafka"],
        )
        coverage.keywords.add(
            keyword="Kafka",
            category=result_pb2.KEYWORD_CATEGORY_HARD_SKILL,
            level=result_pb2.REQUIREMENT_LEVEL_REQUIRED,
            alternatives=["RabbitMQ"],
            found=True,
            evidence_ids=["W2.2"],
            exposed=True,
            exposure="shown as 'Kafka' (W2.2)",
        )
    rows = _section(build_report(result).sections, "Requirements").blocks[0]
    assert isinstance(rows, BulletList)
    grouped = [row for row in rows.items if "Kafka" in row]
    assert grouped == [
        "FOUND RabbitMQ or Kafka (hard skill, required): 'Original highlight 2.2 about systems' "
        "(W2.2); shown as 'Kafka' (W2.2)"
    ]


def test_report_lists_every_change_before_and_after_and_the_checks() -> None:
    result = _planned(build_result())
    result.job.title = "Platform Engineer"
    result.tailored.changes.add(
        where="W1",
        before="Original highlight 1.1 about systems",
        after="Ran Kubernetes clusters for 40 services",
        reason="rewritten",
    )
    result.tailored.changes.add(
        where="W2",
        before="Original highlight 2.3 about systems",
        reason="dropped: less relevant to this job than the 1 lines kept",
    )
    result.tailored.changes.add(where="skills", after="Go", reason="added: evidenced by W2.1")
    lines = expected_lines(build_report(result))
    assert (
        "W1: 'Original highlight 1.1 about systems' → 'Ran Kubernetes clusters for 40 "
        "services' (rewritten)" in lines
    )
    assert (
        "W2: − 'Original highlight 2.3 about systems' (dropped: less relevant to this job "
        "than the 1 lines kept)" in lines
    )
    assert "skills: + 'Go' (added: evidenced by W2.1)" in lines
    checks = lines[lines.index("Searchability Checks") + 1 : lines.index("Other Warnings")]
    assert [c.split(":")[0] for c in checks] == [
        "PASS Contact details",
        "PASS Job title",
        "PASS Section headings",
        "PASS Dates",
        "CHECK Length",
        "PASS File name",
    ]
    result.resume.basics.phone = ""
    result.job.title = "Data Scientist"
    result.resume.work[0].start_date = ""
    lines = expected_lines(build_report(result))
    assert any(line.startswith("CHECK Contact details: No phone") for line in lines)
    assert any(
        line.startswith("CHECK Job title: The posting's title 'Data Scientist'") for line in lines
    )
    assert any(line.startswith("CHECK Dates: 1 role(s)") for line in lines)


def test_report_names_the_job_and_the_parsing_notes() -> None:
    result = build_result()
    result.job.title = "Staff Platform Engineer"
    result.resume.warnings.append("work entry W3 has no recognisable dates")
    lines = expected_lines(build_report(result))
    assert lines[lines.index("Match Score") + 1] == "Job: Staff Platform Engineer"
    notes = lines.index("Parsing Notes")
    assert lines[notes + 1] == "work entry W3 has no recognisable dates"


def test_report_of_empty_result_says_none() -> None:
    doc = build_report(result_pb2.TailoringResult())
    assert _section(doc.sections, "Requirements").blocks == (Paragraph("None."),)
    assert "Provider: —" in expected_lines(doc)


def _planned(result: result_pb2.TailoringResult) -> result_pb2.TailoringResult:
    """The result with the engine's tailored resume: W1's lines reordered, W2 cut to one."""
    result.tailored.CopyFrom(
        result_pb2.TailoredResume(
            headline="Engineer Level 1 | 3+ years | Kubernetes",
            headline_evidence_ids=["W1"],
            summary="Engineer Level 1 with 3+ years of experience.",
            skills=[
                result_pb2.TailoredSkill(name="Kubernetes", evidence_ids=["K1.1"], job_skill=True),
                result_pb2.TailoredSkill(
                    name="Go", evidence_ids=["W2.1"], job_skill=True, added=True
                ),
                result_pb2.TailoredSkill(name="Python", evidence_ids=["K1.1"]),
            ],
            roles=[
                result_pb2.TailoredRole(
                    work_id="W1",
                    lines=[
                        result_pb2.TailoredLine(
                            text="Original highlight 1.3 about systems",
                            evidence_ids=["W1.3"],
                            relevance=2.0,
                        ),
                        result_pb2.TailoredLine(
                            text="Ran Kubernetes clusters for 40 services",
                            evidence_ids=["W1.1"],
                            bullet_id="B1",
                            relevance=1.0,
                        ),
                        result_pb2.TailoredLine(
                            text="Original highlight 1.2 about systems",
                            evidence_ids=["W1.2"],
                            relevance=0.5,
                        ),
                    ],
                ),
                result_pb2.TailoredRole(
                    work_id="W2",
                    lines=[
                        result_pb2.TailoredLine(
                            text="Automated Python deployment pipelines",
                            evidence_ids=["W2.1"],
                            bullet_id="B3",
                        ),
                    ],
                ),
            ],
        )
    )
    return result


def test_the_engines_tailored_resume_sets_order_headline_summary_and_skills() -> None:
    doc = build_tailored_resume(_planned(build_result()), common_pb2.RESUME_TEMPLATE_FEDERAL)
    w1, w2, w3 = _entries(_section(doc.sections, "Experience"))
    assert w1.bullets == (
        "Original highlight 1.3 about systems",
        "Ran Kubernetes clusters for 40 services",
        "Original highlight 1.2 about systems",
    )
    assert w2.bullets == ("Automated Python deployment pipelines",)
    # A role the plan does not list keeps its lines as before.
    assert w3.bullets == tuple(f"Original highlight 3.{k} about systems" for k in (1, 2, 3))
    assert doc.headline == "Engineer Level 1 | 3+ years | Kubernetes"
    summary = _section(doc.sections, "Summary").blocks
    assert summary == (Paragraph("Engineer Level 1 with 3+ years of experience."),)
    assert _section(doc.sections, "Skills").blocks == (Paragraph("Kubernetes, Go, Python"),)


def test_a_line_cap_keeps_the_most_relevant_lines_of_the_plan() -> None:
    result = _planned(build_result(highlights_per_role=5))
    result.tailored.roles[0].lines.add(
        text="Original highlight 1.4 about systems", evidence_ids=["W1.4"], relevance=0.2
    )
    result.tailored.roles[0].lines.add(
        text="Original highlight 1.5 about systems", evidence_ids=["W1.5"], relevance=0.1
    )
    doc = build_tailored_resume(result, common_pb2.RESUME_TEMPLATE_ONE_PAGE)
    w1 = _entries(_section(doc.sections, "Experience"))[0]
    # One page shows four lines a role: the least relevant one goes.
    assert w1.bullets == (
        "Original highlight 1.3 about systems",
        "Ran Kubernetes clusters for 40 services",
        "Original highlight 1.2 about systems",
        "Original highlight 1.4 about systems",
    )
