"""The learned keyword extractor (CRF on SkillSpan Knowledge spans): loads from the package,
reports keywords as the posting wrote them with offsets that point at them, and does work
linear in the text. Small hand-written postings only (no shared data)."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

from tailor_worker.engine.keywords import features, model
from tailor_worker.engine.keywords.features import Lexicon, Token, tokenize

POSTING = """\
Senior Frontend Engineer (m/f/d)

About the role
You will build our customer portal with a small product team in Berlin.

Requirements
* 5+ years of experience with ReactJS, TypeScript and Node.js
* Experience with Docker, Kubernetes and CI/CD pipelines (GitLab CI)
* Knowledge of C++ or C#/.NET is a plus
* Fluent English; German is nice to have
"""


def test_model_ships_in_the_package_and_loads() -> None:
    assert model.MODEL_PATH.is_file()
    assert model.lexicon_path(model.MODEL_PATH).is_file()
    size = model.MODEL_PATH.stat().st_size + model.lexicon_path(model.MODEL_PATH).stat().st_size
    assert size < 5_000_000
    extractor = model.default()
    assert extractor is model.default()
    assert extractor.lexicon.counts and extractor.lexicon.phrases
    assert "base" in extractor.lexicon.groups


def test_finds_obvious_tools_as_the_posting_wrote_them() -> None:
    found = model.keywords(POSTING)
    for tool in ("ReactJS", "TypeScript", "Node.js", "Docker", "Kubernetes", "C++"):
        assert tool in found
    # The surface, never a canonical name or a re-cased form.
    assert "React" not in found
    assert "reactjs" not in found
    assert len(found) == len(set(found))
    assert all(k == k.strip() and k for k in found)


def test_offsets_point_at_the_surface_in_text_order() -> None:
    spans = model.extract(POSTING)
    assert spans
    for span in spans:
        assert POSTING[span.start : span.end] == span.surface
    starts = [s.start for s in spans]
    assert starts == sorted(starts)
    assert model.keywords(POSTING) == list(dict.fromkeys(s.surface for s in spans))


def test_empty_text_gives_nothing() -> None:
    assert model.extract("") == []
    assert model.keywords("") == []
    assert model.keywords("   \n\n \t\n") == []
    assert model.keywords(", , ;") == []


def test_pre_tokenised_and_plain_text_agree() -> None:
    plain = "Experience with Docker, Kubernetes and Jenkins (CI/CD)."
    spaced = "Experience with Docker , Kubernetes and Jenkins ( CI/CD ) ."
    assert model.keywords(plain) == model.keywords(spaced)


def test_tokens_keep_technology_names_whole() -> None:
    words = [t.text for t in tokenize("Java, C++ (C#), .NET: Node.js; CI/CD. ASP.NET and R&D")]
    assert words == [
        "Java", "C++", "(", "C#", ")", ".NET", ":", "Node.js", ";", "CI/CD", ".",
        "ASP.NET", "and", "R&D",
    ]  # fmt: skip
    # Commas are not tokens; they mark the token after them.
    toks = tokenize("Java, Go")
    assert [(t.text, t.after_comma) for t in toks] == [("Java", False), ("Go", True)]
    assert [(t.start, t.end) for t in toks] == [(0, 4), (6, 8)]


def test_a_keyword_does_not_run_across_a_comma_and_edges_lose_punctuation() -> None:
    text = "Docker, Kubernetes (AWS)"
    toks = tokenize(text)  # Docker ,Kubernetes ( AWS )
    spans = model.decode(text, toks, ["B", "I", "O", "B", "I"])
    assert [s.surface for s in spans] == ["Docker", "Kubernetes", "AWS"]
    # Skill labels are not keywords.
    assert model.decode(text, toks, ["SB", "SI", "O", "O", "O"]) == []


@pytest.mark.parametrize(
    ("surface", "parts"),
    [
        ("AWS GCP Azure", ["AWS", "GCP", "Azure"]),  # a list whose commas were lost
        ("Kubernetes", ["Kubernetes"]),
        ("Python development", ["Python development"]),  # a word no term covers stays
        ("Spring Boot", ["Spring Boot"]),  # one term, however many words
    ],
)
def test_side_by_side_vocabulary_terms_are_one_keyword_each(surface: str, parts: list[str]) -> None:
    text = f"Experience with {surface} required"
    span = model.Span(surface, text.index(surface), text.index(surface) + len(surface))
    split = model.split_terms(span)
    assert [s.surface for s in split] == parts
    assert all(text[s.start : s.end] == s.surface for s in split)


def test_threshold_labels() -> None:
    got = model.threshold_labels([(0.7, 0.1), (0.1, 0.6), (0.2, 0.1), (0.1, 0.5)], 0.4)
    # An I after an O starts a keyword.
    assert got == ["B", "I", "O", "B"]


class _CountingTagger:
    """Delegates to a real tagger and counts the items it is given."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.items = 0
        self.features = 0

    def _count(self, xseq: Any) -> None:
        self.items += len(xseq)
        self.features += sum(len(x) for x in xseq)

    def set(self, xseq: Any) -> None:
        self._count(xseq)
        self.inner.set(xseq)

    def tag(self, xseq: Any = None) -> Any:
        if xseq is not None:
            self._count(xseq)
            return self.inner.tag(xseq)
        return self.inner.tag()

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)


def _work(text: str, monkeypatch: pytest.MonkeyPatch) -> tuple[int, int]:
    extractor = model.Extractor()
    counter = _CountingTagger(extractor.model.tagger())
    monkeypatch.setattr(extractor.model, "tagger", lambda: counter)
    extractor.extract(text)
    return counter.items, counter.features


def test_work_is_linear_in_the_text(monkeypatch: pytest.MonkeyPatch) -> None:
    one = _work(POSTING, monkeypatch)
    tokens = sum(len(seg) for seg in features.segments(POSTING))
    assert one[0] == tokens
    # Eight copies: eight times the tokens tagged, and about eight times the features (a copy
    # after the first also sees the section its predecessor ended in).
    eight = _work(POSTING * 8, monkeypatch)
    assert eight[0] == 8 * one[0]
    assert 8 * one[1] <= eight[1] <= 8 * one[1] * 1.02


class _CountingSet(frozenset[tuple[str, ...]]):
    lookups = 0

    def __contains__(self, key: object) -> bool:
        type(self).lookups += 1
        return super().__contains__(key)


def test_gazetteer_lookups_are_bounded_per_token() -> None:
    phrases = _CountingSet({("node.js",), ("ci/cd", "pipelines")})
    lexicon = Lexicon(phrases=phrases, groups=frozenset({"base", "lexicon"}))
    doc = features.segments(POSTING * 4)
    tokens = sum(len(seg) for seg in doc)
    _CountingSet.lookups = 0
    feats = features.document_features(doc, lexicon)
    assert 0 < _CountingSet.lookups <= features.MAX_SPAN * tokens
    assert any("kg=U" in f for seg in feats for f in seg)


def test_concurrent_calls_agree_with_sequential_ones() -> None:
    texts = [POSTING, "Experience with Kubernetes, Terraform and AWS.", "", POSTING.upper()]
    expected = [model.keywords(t) for t in texts]
    with ThreadPoolExecutor(max_workers=4) as pool:
        got = list(pool.map(model.keywords, texts * 4))
    assert got == expected * 4


def test_token_offsets_cover_lines() -> None:
    doc = features.segments("Python\n\nGo and Rust. Then Java here.")
    flat: list[Token] = [t for seg in doc for t in seg]
    text = "Python\n\nGo and Rust. Then Java here."
    assert all(text[t.start : t.end] == t.text for t in flat)
