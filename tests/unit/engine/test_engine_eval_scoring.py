"""The eval script's scoring and loaders, on tiny inline fixtures (never the shared data)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tailor_worker.eval import resume_ner, skillspan
from tailor_worker.eval.__main__ import main
from tailor_worker.eval.scoring import Tally, bio_spans, match_sets, match_spans, normalise


def test_tally_micro_averages() -> None:
    t = Tally()
    t.add(1, 2, 4)
    t.add(1, 2, 0)
    assert (t.precision, t.recall) == (0.5, 0.5)
    assert t.f1 == pytest.approx(0.5)
    assert Tally().f1 == 0.0  # nothing predicted, nothing gold: no division by zero


def test_normalise_and_set_matching() -> None:
    assert normalise("  B.Tech. ") == "b.tech"
    assert match_sets(["Python", "python ", "Java"], ["PYTHON", "Go"]) == (1, 2, 2)
    assert match_sets(["Oracle"], ["Oracle India Pvt Ltd"]) == (0, 1, 1)
    assert match_sets(["Oracle"], ["Oracle India Pvt Ltd"], lenient=True) == (1, 1, 1)
    # Lenient containment is on word boundaries, and each gold item counts once.
    assert match_sets(["Go"], ["Google"], lenient=True) == (0, 1, 1)
    assert match_sets(["AWS", "AWS Lambda"], ["AWS Lambda"], lenient=True) == (1, 2, 1)


def test_bio_spans() -> None:
    assert bio_spans(["O", "B", "I", "O", "B", "B", "I"]) == [(1, 3), (4, 5), (5, 7)]
    assert bio_spans(["I", "I", "O"]) == [(0, 2)]  # a stray I opens a span
    assert bio_spans(["O", "O"]) == []


def test_span_matching() -> None:
    assert match_spans([(0, 2), (3, 4)], [(0, 2), (5, 6)]) == (1, 2, 2)
    assert match_spans([(0, 1)], [(0, 2)]) == (0, 1, 1)
    assert match_spans([(0, 1)], [(0, 2)], lenient=True) == (1, 1, 1)


def test_engine_extractor_maps_terms_to_tokens() -> None:
    tokens = ["Experience", "with", "k8s", "and", "Amazon", "Web", "Services", "."]
    spans = skillspan.engine_extract(tokens)
    assert spans["knowledge"] == [(2, 3), (4, 7)]
    baseline = skillspan.baseline_extract(tokens)["knowledge"]
    assert baseline == [(0, 1), (2, 3), (4, 7)]


RESUME_XML = """<?xml version="1.0" encoding="UTF-8"?>
<cv>
<label type="Name">Ada Example</label>
<label type="Email Address">ada@example.com</label>

EXPERIENCE
<label type="Designation">Data Engineer</label>, <label type="Companies worked at">Initech</label>
Jan 2019 - Present
• Built pipelines in <label type="Tech Tools">Python</label> &amp; SQL

EDUCATION
<label type="Degree">B.Tech</label>, <label type="College Name">Example University</label>, \
<label type="Graduation Year">2018</label>

SKILLS
<label type="Tech Tools">Python</label>, <label type="Tech Tools">Airflow</label>
</cv>
"""


def test_resume_ner_loader_and_engine(tmp_path: Path) -> None:
    (tmp_path / "1.xml").write_text(RESUME_XML)
    (doc,) = resume_ner.load(tmp_path)
    assert "<label" not in "\n".join(doc.lines) and "Python & SQL" in "\n".join(doc.lines)
    assert doc.gold["designation"] == {"Data Engineer"}
    assert doc.gold["skills"] == {"Python", "Airflow"}
    results = resume_ner.evaluate(tmp_path, {"engine": resume_ner.engine_predict})
    strict = results["engine"]["strict"]
    assert strict["company"].true_pos == 1 and strict["designation"].true_pos == 1
    assert strict["college"].true_pos == 1 and strict["graduation_year"].true_pos == 1
    assert strict["skills"].recall == 1.0


def test_main_writes_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ner = tmp_path / "ner"
    ner.mkdir()
    (ner / "1.xml").write_text(RESUME_XML)
    spans = tmp_path / "skillspan"
    spans.mkdir()
    row = {"idx": 1, "tokens": ["Python", "and", "teamwork"], "tags_knowledge": ["B", "O", "O"],
           "tags_skill": ["O", "O", "B"], "source": "tech"}
    (spans / "dev.json").write_text(json.dumps(row) + "\n")
    out = tmp_path / "eval.json"
    code = main(["--resume-ner", str(ner), "--skillspan", str(spans), "--splits", "dev",
                 "--json", str(out)])
    assert code == 0
    report = json.loads(out.read_text())
    assert report["skillspan_dev"]["engine"]["strict"]["knowledge"]["f1"] == 1.0
    assert report["resume_ner"]["documents"] == 1
    assert "baseline" in capsys.readouterr().out


def test_main_without_data_fails(tmp_path: Path) -> None:
    assert main(["--resume-ner", str(tmp_path / "x"), "--skillspan", str(tmp_path / "y")]) == 2
