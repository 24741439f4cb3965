"""Tokens and token features for the resume entity CRF: pure functions of the lines, no I/O.

The CRF reads a resume as the parser does, line by line, so each token's features describe the
word (form, shape, affixes, gazetteers of title, institution, degree and company words), its
place in the line, the line itself (section it sits in, dates, bullet, case, length) and the
lines around it. One document is one CRF sequence: the line before tells whether a line
follows a date or a heading, and the transition weights carry a title into its company.

Linear in the length of the document: each line is tokenised once and every per-line fact is
computed once.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from wordfreq import zipf_frequency

from tailor_worker.engine import dates, vocabulary
from tailor_worker.engine.entities.occupations import occupation_titles, title_heads
from tailor_worker.engine.sections import heading_section

# Words and numbers with their joining punctuation ("Node.js", "B.Tech", "C++", "2019-2021"
# stays three tokens); any other non-space character alone.
_TOKEN = re.compile(r"\w+(?:[.'’&+#]\w+)*[+#]*\.?|[^\w\s]")
MAX_LINE_TOKENS = 64  # a longer line is prose: its tail gets no entity


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_TITLE = _words(
    """engineer developer manager analyst designer lead director intern consultant scientist
    architect specialist administrator coordinator officer head vp president associate assistant
    technician nurse teacher programmer researcher founder cto ceo cfo owner accountant
    representative supervisor executive strategist writer editor instructor professor lecturer
    fellow contractor freelancer sre qa tester partner principal trainee apprentice advisor agent
    clerk operator physician therapist pharmacist chef student senior junior sr jr trainer
    advertiser auditor banker cashier counselor planner recruiter secretary"""
)
_INSTITUTION = _words(
    "university college institute school academy polytechnic vidyalaya vidyapeeth iit nit"
)
_COMPANY = _words(
    """inc inc. llc ltd ltd. limited gmbh corp corp. corporation co co. plc pvt pvt. private
    technologies technology solutions systems labs group software consulting services studio
    agency bank industries enterprises infotech infosys tcs wipro accenture cognizant ibm"""
)
_MONTHS = _words(
    """jan feb mar apr may jun jul aug sep sept oct nov dec january february march april june
    july august september october november december"""
)
_DEGREE_WORDS = _words(
    """bachelor bachelors bachelor's master masters master's diploma degree b.tech b.e m.tech
    mba bca mca b.sc m.sc bsc msc b.com m.com phd ph.d hsc ssc sslc 10th 12th"""
)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


@dataclass(frozen=True)
class Token:
    text: str
    line: int  # index of the line in the document
    start: int  # offsets in that line
    end: int


def tokenize_line(text: str, line: int) -> list[Token]:
    return [Token(m.group(0), line, m.start(), m.end()) for m in _TOKEN.finditer(text)][
        :MAX_LINE_TOKENS
    ]


def _shape(word: str) -> str:
    shape = re.sub(r"[A-Z]+", "A", re.sub(r"[a-z]+", "a", re.sub(r"\d+", "0", word)))
    return shape[:6]


def _bucket(n: int) -> str:
    return str(n) if n < 4 else "4-7" if n < 8 else "8-15" if n < 16 else "16+"


@dataclass(frozen=True)
class _Line:
    """What every token of a line shares."""

    section: str
    feats: tuple[str, ...]
    degree_tokens: frozenset[int]  # token indices inside a vocabulary degree


def _line_facts(text: str, tokens: Sequence[Token], section: str, index: int) -> _Line:
    words = [t.text for t in tokens if t.text[:1].isalnum()]
    lower = [w.lower() for w in words]
    feats = [
        f"sec={section}",
        f"ntok={_bucket(len(words))}",
        f"lineno={_bucket(index)}",
    ]
    # A template's year ("19xx") and a range of two-digit years ("05/13-08/14") date a line
    # for the parser but not for the model, which was measured to read employers worse when
    # trained with them (company recall -0.018 and -0.009).
    if dates.find_range(dates.TEMPLATE_YEAR.sub(" ", text), two_digit_years=False) is not None:
        feats.append("range")
    elif re.search(r"\b(?:19|20)\d{2}\b", text):
        feats.append("year")
    if text[:1] in "•●▪■➢►✓✔❖-*–—>":
        feats.append("bullet")
    if words and all(w.isupper() for w in words if w.isalpha()):
        feats.append("upper")
    elif words and all(w[:1].isupper() for w in words if w.isalpha() and len(w) > 3):
        feats.append("capped")
    if text.rstrip().endswith("."):
        feats.append("stop")
    if "|" in text:
        feats.append("pipe")
    if "," in text:
        feats.append("comma")
    if _EMAIL.search(text):
        feats.append("email")
    if any(w in _TITLE for w in lower):
        feats.append("l_title")
    if any(w in _INSTITUTION for w in lower):
        feats.append("l_inst")
    if any(w in _COMPANY for w in lower):
        feats.append("l_comp")
    degree_tokens: set[int] = set()
    for m in vocabulary.find_terms(text):
        if m.term.kind == "degree":
            feats.append("l_degree")
            degree_tokens.update(
                i for i, t in enumerate(tokens) if t.start < m.end and t.end > m.start
            )
    return _Line(section, tuple(feats), frozenset(degree_tokens))


@lru_cache(maxsize=65536)
def _word_facts(w: str) -> tuple[str, ...]:
    """What a word says wherever it stands: its form, case and gazetteer words."""
    low = w.lower()
    out = [f"w={low}"]
    if w[:1].isupper():
        out.append("cap")
    if w.isupper() and len(w) > 1:
        out.append("allcap")
    stem = low.rstrip(".")
    if stem in _TITLE or stem.rstrip("s") in _TITLE:
        out.append("g_title")
    if stem in title_heads():
        out.append("g_head")
    if low.isalpha():
        # How common the word is in English (Zipf scale, 0-8): a rare capitalised word is a
        # name ("Infosys", "Gutierrez"), a common one a title or a heading.
        out.append(f"zipf={int(zipf_frequency(low, 'en'))}")
    if stem in _INSTITUTION:
        out.append("g_inst")
    if low in _COMPANY or stem in _COMPANY:
        out.append("g_comp")
    if stem in _MONTHS:
        out.append("g_month")
    if low in _DEGREE_WORDS or stem in _DEGREE_WORDS:
        out.append("g_deg")
    if re.fullmatch(r"(?:19|20)\d{2}", w):
        out.append("g_year")
    return tuple(out)


@lru_cache(maxsize=65536)
def _own_feats(w: str) -> tuple[str, ...]:
    """The word's features as the token itself: its facts, shape and affixes."""
    low = w.lower()
    affixes = (f"shape={_shape(w)}", f"p3={low[:3]}", f"s3={low[-3:]}", f"s2={low[-2:]}")
    return (*_word_facts(w), *affixes)


@lru_cache(maxsize=65536)
def _context_feats(w: str, offset: int) -> tuple[str, ...]:
    """The word's facts as the neighbour at `offset` of another token."""
    return tuple(f"{offset}:{fact}" for fact in _word_facts(w))


def document_tokens(lines: Sequence[str]) -> list[list[Token]]:
    return [tokenize_line(text, i) for i, text in enumerate(lines)]


# Phrases learned from training labels, per label ("software engineer" -> title), matched
# over at most this many tokens from each token.
MAX_PHRASE = 6


@dataclass(frozen=True)
class Gazetteer:
    """Phrases learned from training labels, per label (as `phrase_key`s), and the words they
    start with (no phrase starts at any other word, so no other start is tried)."""

    phrases: Mapping[str, frozenset[tuple[str, ...]]]
    firsts: frozenset[str] = field(init=False)

    def __post_init__(self) -> None:
        firsts = frozenset(p[0] for phrases in self.phrases.values() for p in phrases if p)
        object.__setattr__(self, "firsts", firsts)


def phrase_key(words: Sequence[str]) -> tuple[str, ...]:
    return tuple(w.lower().rstrip(".") for w in words if w[:1].isalnum())


OCCUPATION = "occupation"  # the gazetteer label of the published title list


@lru_cache(maxsize=1)
def occupation_phrases() -> frozenset[tuple[str, ...]]:
    """The published job titles as `phrase_key`s, tokenised as resume lines are."""
    keys = (phrase_key([t.text for t in tokenize_line(title, 0)]) for title in occupation_titles())
    return frozenset(k for k in keys if 0 < len(k) <= MAX_PHRASE)


def with_occupations(gazetteer: Gazetteer) -> Gazetteer:
    """The learned phrases and the published job titles, for the features (never saved:
    the list comes from its package)."""
    return Gazetteer({**gazetteer.phrases, OCCUPATION: occupation_phrases()})


def _gazetteer_marks(tokens: Sequence[Token], gazetteer: Gazetteer) -> list[list[str]]:
    """Per token, which learned phrases cover it ("gz=title:B", "gz=company:I")."""
    marks: list[list[str]] = [[] for _ in tokens]
    keys = [phrase_key((t.text,)) for t in tokens]  # () for punctuation
    firsts = gazetteer.firsts
    for i in range(len(tokens)):
        if not keys[i] or keys[i][0] not in firsts:
            continue
        for n in range(min(MAX_PHRASE, len(tokens) - i), 0, -1):
            key = tuple(k for part in keys[i : i + n] for k in part)
            hits = [label for label, phrases in gazetteer.phrases.items() if key in phrases]
            if hits:
                for label in hits:
                    marks[i].append(f"gz={label}:B")
                    for j in range(i + 1, i + n):
                        marks[j].append(f"gz={label}:I")
                break
    return marks


def document_features(
    lines: Sequence[str], doc: Sequence[Sequence[Token]], gazetteer: Gazetteer | None = None
) -> list[list[str]]:
    """One feature list per token of the document, in order (lines concatenated)."""
    facts: list[_Line] = []
    section = "header"
    for i, (text, tokens) in enumerate(zip(lines, doc, strict=True)):
        opened = heading_section(text, core=True) if text.strip() else None
        if opened is not None:
            section = opened
            facts.append(_Line(section, ("heading",), frozenset()))
            continue
        facts.append(_line_facts(text, tokens, section, i))
    out: list[list[str]] = []
    for i, tokens in enumerate(doc):
        line = facts[i]
        prev = _neighbour(facts, doc, i, -1)
        nxt = _neighbour(facts, doc, i, +1)
        around = [f"prev:{f}" for f in prev.feats if f in _NEIGHBOUR] + [
            f"next:{f}" for f in nxt.feats if f in _NEIGHBOUR
        ]
        n = len(tokens)
        marks = _gazetteer_marks(tokens, gazetteer) if gazetteer else [[] for _ in tokens]
        for j, tok in enumerate(tokens):
            feats = ["bias", *_own_feats(tok.text), *line.feats, *around, *marks[j]]
            if j > 0:
                feats += [f"-1:{m}" for m in marks[j - 1]]
            if j + 1 < n:
                feats += [f"+1:{m}" for m in marks[j + 1]]
            if j == 0:
                feats.append("first")
            if j == n - 1:
                feats.append("last")
            feats.append(f"pos={_bucket(j)}")
            if j in line.degree_tokens:
                feats.append("in_degree")
            for k in (-2, -1, 1, 2):
                if 0 <= j + k < n:
                    feats += _context_feats(tokens[j + k].text, k)
                else:
                    feats.append(f"{k}:edge")
            feats.append(f"sec_w={line.section}|{tok.text.lower()}")
            out.append(feats)
    return out


_NEIGHBOUR = frozenset(
    {
        "range",
        "year",
        "heading",
        "bullet",
        "upper",
        "l_title",
        "l_inst",
        "l_comp",
        "l_degree",
        "email",
        "stop",
    }
)
_EMPTY = _Line("", (), frozenset())


def _neighbour(facts: Sequence[_Line], doc: Sequence[Sequence[Token]], i: int, step: int) -> _Line:
    """The nearest non-blank line before (step -1) or after (+1) line i."""
    j = i + step
    while 0 <= j < len(facts):
        if doc[j]:
            return facts[j]
        j += step
    return _EMPTY
