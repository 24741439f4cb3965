"""The resume entity CRF: labels carried onto the parser's lines, decoding, the learned
gazetteer, a model trained here on small fixtures, and the shipped model on a resume."""

from __future__ import annotations

from pathlib import Path

import pytest

from tailor_worker.engine.entities.features import (
    Gazetteer,
    document_features,
    document_tokens,
    with_occupations,
)
from tailor_worker.engine.entities.model import (
    COMPANY,
    INSTITUTION,
    TITLE,
    Tagger,
    decode,
    default_tagger,
)
from tailor_worker.training import entities as train


def _resume(path: str, xml_body: str) -> train.Resume:
    text, spans = train._gold_text(xml_body)
    lines = train.parser_lines(text)
    doc = document_tokens(lines)
    return train.Resume(path, text, lines, doc, train._token_tags(text, spans, lines, doc))


def _tagged(r: train.Resume) -> list[tuple[str, str]]:
    tokens = [t.text for line in r.doc for t in line]
    return [(tok, tag) for tok, tag in zip(tokens, r.tags, strict=True) if tag != "O"]


def test_gold_text_unescapes_and_keeps_label_spans() -> None:
    text, spans = train._gold_text(
        '<cv>"<label type="Companies worked at">AT&amp;T</label> and '
        '<label type="Location">Ohio</label> <label type="Designation">Engineer</label>"</cv>'
    )
    assert text == '"AT&T and Ohio Engineer"'
    # Location is not learned; the others keep their offsets in the unescaped text.
    assert [(text[a:b], label) for a, b, label in spans] == [("AT&T", COMPANY), ("Engineer", TITLE)]


def test_labels_follow_the_lines_extraction_makes_of_a_flattened_resume() -> None:
    # One line with runs of spaces: extraction and the parser cut it into lines; the labels
    # must land on the same words there.
    body = (
        'Experience  2004-2007  <label type="Companies worked at">Fleet Advertising Ltd.'
        '</label>  <label type="Designation">Senior Advertiser</label>  Created ads.  '
        'Education  <label type="Degree">BA in Media</label>, '
        '<label type="College Name">Ad School</label>' + " " * 200
    )
    r = _resume("a.xml", body)
    assert "Fleet Advertising Ltd." in r.lines
    assert _tagged(r) == [
        ("Fleet", "B-company"),
        ("Advertising", "I-company"),
        ("Ltd.", "I-company"),
        ("Senior", "B-title"),
        ("Advertiser", "I-title"),
        ("BA", "B-degree"),
        ("in", "I-degree"),
        ("Media", "I-degree"),
        ("Ad", "B-institution"),
        ("School", "I-institution"),
    ]


def test_decode_never_runs_an_entity_across_lines_and_starts_one_at_a_stray_i() -> None:
    lines = ["Lead Engineer", "Acme Corp", "x Beta"]
    doc = document_tokens(lines)
    tags = ["B-title", "I-title", "I-title", "I-company", "O", "I-company"]
    found = decode(lines, doc, tags)
    assert [(e.label, e.line, e.text) for e in found] == [
        (TITLE, 0, "Lead Engineer"),
        (TITLE, 1, "Acme"),
        (COMPANY, 1, "Corp"),
        (COMPANY, 2, "Beta"),
    ]


def test_gazetteer_holds_labelled_phrases_but_never_names() -> None:
    r = _resume(
        "b.xml",
        '<label type="Name">Ann Example</label>\n<label type="Designation">Data Analyst'
        '</label> at <label type="Companies worked at">Globex Inc.</label>\n',
    )
    gazetteer = train.learn_gazetteer([r])
    assert ("data", "analyst") in gazetteer.phrases[TITLE]
    assert ("globex", "inc") in gazetteer.phrases[COMPANY]
    assert all(("ann", "example") not in phrases for phrases in gazetteer.phrases.values())
    assert {"data", "globex"} <= gazetteer.firsts
    features = document_features(r.lines, r.doc, gazetteer)
    flat = [f for token in features for f in token]
    assert "gz=title:B" in flat and "gz=company:I" in flat


def test_published_titles_and_word_rarity_reach_the_features() -> None:
    # A title no training resume holds is still marked as one, through the published list;
    # a word's rarity in English tells a name ("Infosys") from a common word ("manager").
    lines = ["Roustabout, Veritas DGC", "Law Clerk at Infosys"]
    doc = document_tokens(lines)
    features = document_features(lines, doc, with_occupations(Gazetteer({})))
    flat = dict(zip([t.text for line in doc for t in line], features, strict=True))
    assert "gz=occupation:B" in flat["Roustabout"]
    assert "gz=occupation:B" in flat["Law"] and "gz=occupation:I" in flat["Clerk"]
    assert "gz=occupation:B" not in flat["Veritas"]
    assert "g_head" in flat["Clerk"] and "g_head" not in flat["Infosys"]
    rarity = {w: next(f for f in flat[w] if f.startswith("zipf=")) for w in ("Infosys", "at")}
    assert int(rarity["Infosys"][5:]) < int(rarity["at"][5:])


def test_a_template_year_dates_no_line_for_the_model() -> None:
    lines = ["Teacher, Milton School, 19xx-19xx", "Teacher, Milton School, 2001-2004"]
    doc = document_tokens(lines)
    features = document_features(lines, doc, Gazetteer({}))
    first = features[0]
    fifth = features[len(doc[0])]
    assert "range" not in first and "range" in fifth


def _fixture_resumes() -> list[train.Resume]:
    people = [
        ("Nadia Stone", "Backend Engineer", "Initech Corp", "Oakridge University"),
        ("Tom Rivers", "Data Analyst", "Globex Ltd.", "Lakeside College"),
        ("Ines Park", "Project Manager", "Umbrella Inc.", "Hillview Institute"),
        ("Omar Bell", "Software Developer", "Vandelay LLC", "Riverbank University"),
    ]
    out = []
    for i, (name, title, company, school) in enumerate(people * 3):
        body = (
            f'<label type="Name">{name}</label>\nExperience\n'
            f'<label type="Designation">{title}</label> | '
            f'<label type="Companies worked at">{company}</label> | 2019 - 2021\n'
            "• Built reports for the sales team.\nEducation\n"
            f'<label type="Degree">B.Sc. Computer Science</label>, '
            f'<label type="College Name">{school}</label>, 2018\n'
        )
        out.append(_resume(f"{i}.xml", body))
    return out


def test_a_model_trained_here_tags_an_unseen_resume_of_the_same_shape(tmp_path: Path) -> None:
    model = tmp_path / "tiny.crfsuite"
    train.train(_fixture_resumes(), model)
    assert train.gazetteer_path(model).exists()
    lines = train.parser_lines(
        "Lena Frost\nExperience\nQA Engineer | Hooli Inc. | 2020 - 2022\n"
        "• Wrote tests.\nEducation\nB.Sc. Physics, Northfield University, 2019\n"
    )
    found = {(e.label, e.text) for e in Tagger(model).tag(lines)}
    assert (TITLE, "QA Engineer") in found
    assert (COMPANY, "Hooli Inc.") in found
    assert (INSTITUTION, "Northfield University") in found


@pytest.fixture(scope="module")
def shipped() -> Tagger:
    return default_tagger()


def test_shipped_model_reads_the_roles_of_a_plain_resume(shipped: Tagger) -> None:
    lines = [
        "Priya Raman",
        "priya@example.com",
        "Work Experience",
        "Senior Software Engineer",
        "Infosys Limited, Bangalore",
        "Jan 2016 - Present",
        "• Led a team of five engineers on the billing platform.",
        "Education",
        "Bachelor of Engineering in Computer Science",
        "Anna University, 2012",
    ]
    found = {(e.label, e.text) for e in shipped.tag(lines) if e.score >= 0.35}
    assert (TITLE, "Senior Software Engineer") in found
    assert (COMPANY, "Infosys Limited") in found
    assert (INSTITUTION, "Anna University") in found
    assert not any(
        e.line == 6 for e in shipped.tag(lines) if e.label in (TITLE, COMPANY) and e.score >= 0.35
    )
