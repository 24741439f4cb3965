"""Job description text -> requirements (required / preferred) and categorised keywords.

Levels come from section headings ("Requirements", "Nice to have") and cue words in the
sentence ("must", "preferred", "a plus"); a cue in a clause beats the section default.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TypeAlias

from kit.checkpoints import spend
from kit.documents import split_long_line
from resumeai.v1 import result_pb2
from tailor_worker.engine import vocabulary
from tailor_worker.engine.errors import JobAnalysisError
from tailor_worker.engine.header_parts import strip_bullet
from tailor_worker.engine.hiring_company import hiring_company
from tailor_worker.engine.injection import looks_like_instruction
from tailor_worker.engine.keywords import model as keyword_model
from tailor_worker.engine.sections import LABEL_LINE
from tailor_worker.engine.vocabulary import Category, Term

Level: TypeAlias = result_pb2.RequirementLevel.ValueType
REQUIRED = result_pb2.REQUIREMENT_LEVEL_REQUIRED
PREFERRED = result_pb2.REQUIREMENT_LEVEL_PREFERRED

_SECTIONS: dict[str, tuple[str, ...]] = {
    "required": (
        "requirements", "required qualifications", "minimum qualifications",
        "basic qualifications", "qualifications", "what youll need", "what you need",
        "what were looking for", "what we are looking for", "must have", "must haves",
        "you have", "you bring", "who you are", "about you", "skills", "required skills",
        "your profile", "your skills", "key requirements", "essential", "essential skills",
        "experience", "requirements and qualifications", "job requirements",
        "skills and experience", "key skills",
    ),
    "preferred": (
        "preferred qualifications", "preferred", "nice to have", "nice to haves", "bonus",
        "bonus points", "pluses", "desired", "desired skills", "good to have",
        "preferred skills", "additional qualifications", "it would be great if",
        "extra credit", "desirable", "preferred experience",
    ),
    "duties": (
        "responsibilities", "what youll do", "what you will do", "the role", "role", "duties",
        "key responsibilities", "your responsibilities", "about the role", "job description",
        "day to day", "in this role you will", "the job", "your role", "what you will be doing",
    ),
    "ignore": (
        "benefits", "perks", "what we offer", "we offer", "about us", "about the company",
        "who we are", "compensation", "salary", "equal opportunity", "eeo", "how to apply",
        "location", "why join us", "our culture", "company", "perks and benefits",
    ),
}
_SECTION_INDEX = {name: kind for kind, names in _SECTIONS.items() for name in names}
# Sections whose words the job does not ask of a candidate, even as written keywords.
_NOT_ASKED = frozenset({"benefits", "perks", "what we offer", "we offer", "compensation",
                        "salary", "equal opportunity", "eeo", "how to apply",
                        "perks and benefits"})


def _heading_key(text: str) -> str:
    """"What We'll Offer:" -> "what well offer": how a heading is looked up."""
    return " ".join(re.sub(r"[^a-z ]", " ", text.lower().replace("'", "")).split())

_PREFERRED_CUE = re.compile(
    r"\b(?:preferred|prefer|nice[\s-]to[\s-]haves?|a plus|bonus|desirable|desired|ideally|"
    r"advantage|advantageous|would be great|good to have|optional|pluses)\b",
    re.IGNORECASE,
)
_REQUIRED_CUE = re.compile(
    r"\b(?:required|must|minimum|at least|essential|mandatory|requires?)\b", re.IGNORECASE
)
_DEGREE_WORD = re.compile(r"\b(?:degree|bachelor'?s?|master'?s?|phd|doctorate|diploma|"
                          r"graduate|major(?:ed)? in|b\.?sc?|m\.?sc?)\b", re.IGNORECASE)
_GENERIC_CERT = re.compile(
    r"\b(?:[A-Z][\w+/-]*\s+){1,4}(?:Certification|Certificate)\b"
    r"|\bCertified(?:\s+[A-Z][\w+/-]*){1,5}"
)
# A sentence ends at a stop before a capital, but not at an abbreviation's ("(e.g. AWS, GCP)").
_SENTENCE = re.compile(r"(?<=[.!?])(?<!\b[eE]\.g\.)(?<!\b[iI]\.e\.)(?<!\bvs\.)\s+(?=[A-Z])")


@dataclass
class JobKeyword:
    keyword: str
    category: Category
    kind: str  # a vocabulary kind, or "years_experience"
    level: Level
    requirement_ids: list[str] = field(default_factory=list)
    term: Term | None = None  # None for years and unlisted certifications
    years: int = 0
    # The other canonicals of an "A or B" group this keyword stands in, when every mention
    # of it is in that one group; empty when the job asks for it on its own.
    alternatives: tuple[str, ...] = ()
    written: str = ""  # as the posting writes it ("ReactJS"); `keyword` is the canonical name


@dataclass
class AnalyzedJob:
    analysis: result_pb2.JobAnalysis
    keywords: list[JobKeyword]


def _heading(text: str) -> tuple[str | None, str]:
    """(section kind, remainder) when the line opens a section, else (None, text)."""
    head, sep, rest = text.partition(":")
    if sep and len(head.split()) <= 6:
        key = _heading_key(head)
        if key in _SECTION_INDEX:
            return _SECTION_INDEX[key], rest.strip()
    if len(text.split()) <= 6 and not text.endswith("."):
        key = _heading_key(text)
        if key in _SECTION_INDEX:
            return _SECTION_INDEX[key], ""
    return None, text


def _level(text: str, default: Level) -> Level:
    preferred = _PREFERRED_CUE.search(text) is not None
    required = _REQUIRED_CUE.search(text) is not None
    if preferred and not required:
        return PREFERRED
    if required and not preferred:
        return REQUIRED
    return default


# What may stand between two keywords of one list, and which of those make it a choice.
_LIST_LINK = re.compile(r"^\s*(?:,|/|\||or|and|and/or|,\s*or|,\s*and|or\s+even)\s*$", re.I)
_CHOICE_LINK = re.compile(r"/|\bor\b", re.I)
_CHOICE_CUE = re.compile(r"\b(?:one\s+of|any\s+of|either|such\s+as|e\.g\.?|like)\s*[:(]?\s*$",
                         re.I)


def alternative_groups(
    text: str, learned: re.Pattern[str] | None = None
) -> list[tuple[str, ...]]:
    """Lists of keywords the job offers as a choice: "RabbitMQ or Kafka", "Go/Rust", "Tableau,
    Looker or Power BI", "one of Python, Go, Java". A list joined by "and" asks for all. With
    `learned` (the surfaces the keyword extractor marks), an umbrella the extractor names
    before its examples ("message brokers such as RabbitMQ or Kafka") joins their group: any
    example meets it."""
    matches = [m for m in vocabulary.find_terms(text) if m.term.category == vocabulary.HARD]
    groups = _choice_groups(text, matches)
    return _with_umbrellas(text, matches, groups, learned) if learned else groups


# What stands between an umbrella and its first example: "message brokers such as Kafka",
# "a cloud platform (e.g. AWS, GCP)", "databases like PostgreSQL", "tools, including Jira".
_EXAMPLES_CUE = re.compile(
    r"\s*,?\s*(?:\(\s*)?(?:such\s+as|e\.\s?g\.?,?|for\s+example,?|like|including)\s*:?\s*", re.I
)


def _with_umbrellas(
    text: str,
    matches: list[vocabulary.TermMatch],
    groups: list[tuple[str, ...]],
    learned: re.Pattern[str],
) -> list[tuple[str, ...]]:
    terms = vocabulary.SpanSet([(m.start, m.end) for m in matches])
    first_at = {m.start: m for m in matches}
    out = list(groups)
    for umbrella in learned.finditer(text):
        if terms.overlaps(umbrella.start(), umbrella.end()):
            continue  # a named tool or skill, not a kind of them
        cue = _EXAMPLES_CUE.match(text, umbrella.end())
        example = first_at.get(cue.end()) if cue else None
        if example is None:
            continue
        name = example.term.canonical
        at = next((i for i, g in enumerate(out) if name in g), -1)
        if at >= 0:
            out[at] = (umbrella.group(0), *out[at])
        else:
            out.append((umbrella.group(0), name))
    return out


def _choice_groups(text: str, matches: list[vocabulary.TermMatch]) -> list[tuple[str, ...]]:
    groups: list[tuple[str, ...]] = []
    run = matches[:1]
    links: list[str] = []

    def close() -> None:
        if len(run) < 2:
            return
        cue = _CHOICE_CUE.search(text[max(0, run[0].start - 20):run[0].start]) is not None
        if cue or any(_CHOICE_LINK.search(link) for link in links):
            groups.append(tuple(dict.fromkeys(m.term.canonical for m in run)))

    for m in matches[1:]:
        between = text[run[-1].end:m.start]
        if _LIST_LINK.match(between):
            run.append(m)
            links.append(between)
            continue
        close()
        run, links = [m], []
    close()
    return [g for g in groups if len(g) >= 2]


def _keywords_in(text: str, level: Level, learned: re.Pattern[str] | None) -> list[JobKeyword]:
    """Keywords of one sentence: vocabulary terms (canonical names, aliases, categories) and
    the knowledge the learned extractor marks in the posting (`learned` finds those surfaces);
    a vocabulary tool written in lower case counts only where the extractor marks it too."""
    found: list[JobKeyword] = []
    marked = [(m.start(), m.end()) for m in learned.finditer(text)] if learned else []
    member_of = {k: group for group in alternative_groups(text, learned) for k in group}
    degree_asked = _DEGREE_WORD.search(text) is not None or any(
        m.term.kind == "degree" for m in vocabulary.find_terms(text)
    )
    clauses = re.split(r"[;,()]|\s+(?:and|or)\s+(?=\S+\s+(?:is\s+)?(?:preferred|a plus))", text)
    for clause in clauses:
        clause_level = _level(clause, level)
        spans: list[tuple[int, int]] = []
        in_clause = vocabulary.SpanSet(
            [(x.start(), x.end()) for x in learned.finditer(clause)] if learned else []
        )
        for m in vocabulary.find_terms(clause):
            if m.term.kind == "tool" and m.surface.islower() and learned is not None \
                    and not in_clause.overlaps(m.start, m.end):
                continue  # "python" in passing; the extractor did not mark it
            group = member_of.get(m.term.canonical, ())
            others = tuple(k for k in group if k != m.term.canonical)
            category, kind = m.term.category, m.term.kind
            if kind == "field" and not degree_asked:
                # "a solid grasp of statistics" asks for knowledge, not for a degree.
                category, kind = vocabulary.HARD, "knowledge"
            found.append(JobKeyword(m.term.canonical, category, kind,
                                    clause_level, term=m.term, alternatives=others,
                                    written=m.surface))
            if m.term.category == vocabulary.CERT:
                spans.append((m.start, m.end))
        for n, _surface in vocabulary.years_asked(clause):
            found.append(JobKeyword(vocabulary.years_keyword(n), vocabulary.EXPERIENCE,
                                    "years_experience", clause_level, years=n))
        named = vocabulary.SpanSet(spans)
        for cert in _GENERIC_CERT.finditer(clause):
            if not named.overlaps(cert.start(), cert.end()):
                found.append(JobKeyword(cert.group(0).strip(), vocabulary.CERT, "certification",
                                        clause_level, written=cert.group(0).strip()))
    matches = vocabulary.find_terms(text)
    terms = vocabulary.SpanSet([(m.start, m.end) for m in matches])
    for start, end in marked:
        surface = text[start:end]
        if not terms.overlaps(start, end):  # knowledge no vocabulary term names
            others = tuple(k for k in member_of.get(surface, ()) if k != surface)
            found.append(JobKeyword(surface, vocabulary.HARD, "knowledge", _level(text, level),
                                    alternatives=others, written=surface))
            continue
        inside = [m for m in matches if m.start < end and start < m.end]
        if len(inside) == 1:  # "Java development": the posting's own words for the term
            for keyword in found:
                if keyword.term is inside[0].term and keyword.written == inside[0].surface:
                    keyword.written = surface
    return found


# "Production experience with PostgreSQL", "hands-on experience in Terraform": a word that
# says what kind of experience, before the keyword that says of what. A closed list: in
# "management experience in PLM" management is asked for itself.
_EXPERIENCE_OF = re.compile(r"\s+experience\s+(?:with|in|of|on|using|building)\s+", re.I)
_KINDS_OF_EXPERIENCE = frozenset((
    "production", "hands-on", "commercial", "professional", "industry", "industrial",
    "practical", "proven", "real-world", "working", "prior", "previous", "relevant", "direct",
    "demonstrated", "extensive", "strong", "solid", "deep", "significant", "substantial",
    "enterprise", "startup", "field", "operational",
))


def without_kinds_of_experience(
    text: str, spans: list[keyword_model.Span]
) -> list[keyword_model.Span]:
    """`spans` less a span that only qualifies the experience asked for with a keyword after
    it ("Production" in "Production experience with PostgreSQL"): the keyword is what is
    asked; a candidate's resume never evidences "Production". Looks only after the few
    spans that are such a word, so a long posting costs no second pass."""
    starts = {s.start for s in spans}

    def qualifier(span: keyword_model.Span) -> bool:
        if span.surface.lower() not in _KINDS_OF_EXPERIENCE:
            return False
        link = _EXPERIENCE_OF.match(text, span.end)
        if link is None:
            return False
        after = text[link.end() : link.end() + _TERM_WINDOW]
        return link.end() in starts or any(m.start == 0 for m in vocabulary.find_terms(after))

    return [s for s in spans if not qualifier(s)]


# How far after "experience with" a vocabulary term is looked for (the longest term's length).
_TERM_WINDOW = 80


def as_written(text: str, spans: list[keyword_model.Span]) -> list[str]:
    """The posting's keywords as it writes them: the learned extractor's spans, and the
    vocabulary's tools written as names (not lower case) that no span covers."""
    marked = vocabulary.SpanSet([(s.start, s.end) for s in spans])
    extra = [m for m in vocabulary.find_terms(text)
             if m.term.kind == "tool" and not m.surface.islower()
             and not marked.overlaps(m.start, m.end)]
    ordered = sorted([(s.start, s.surface) for s in spans] + [(m.start, m.surface) for m in extra])
    return list(dict.fromkeys(surface for _, surface in ordered))


def _learned_pattern(surfaces_found: list[str]) -> re.Pattern[str] | None:
    """The surfaces the learned extractor marks in the whole posting (it reads line and
    section cues), as one pattern to find them sentence by sentence."""
    surfaces = sorted(set(surfaces_found), key=len, reverse=True)
    if not surfaces:
        return None
    body = "|".join(re.escape(s) for s in surfaces)
    return re.compile(rf"(?<![\w.+#])(?:{body})(?![\w+#]|\.\w)")


# Most keywords matched per posting (a long real posting names under a hundred). Matching
# costs resume lines x keywords; within this and kit.documents.MAX_LINES a run fits its
# CPU budget. Later keywords are left out, with a warning.
MAX_JOB_KEYWORDS = 300


def merged_alternatives(asks: list[tuple[int, tuple[str, ...]]]) -> tuple[str, ...]:
    """What may stand in for a keyword the posting asks for more than once, from each ask's
    (level, alternatives). The asks at the keyword's highest level decide: one of them asking
    for it alone makes it needed itself; else any alternative of theirs meets it. So "RabbitMQ
    or Kafka" required and "Kafka Streams" a nice-to-have leaves Kafka met by RabbitMQ, while
    Kafka also required alone elsewhere makes it needed."""
    top = [alternatives for level, alternatives in asks if level == REQUIRED] or [
        alternatives for _level, alternatives in asks
    ]
    if any(not alternatives for alternatives in top):
        return ()
    return tuple(dict.fromkeys(name for alternatives in top for name in alternatives))


def analyze_job(text: str) -> AnalyzedJob:
    """Analyse a job description. Raises JobAnalysisError when it is empty."""
    # Long lines are split as extraction splits resume lines (kit.documents.MAX_LINE_CHARS).
    lines = [piece for line in text.splitlines() for piece in split_long_line(line.strip())]
    if not any(lines):
        raise JobAnalysisError("the job description is empty")
    analysis = result_pb2.JobAnalysis(company=hiring_company(lines))
    merged: dict[str, JobKeyword] = {}
    asks: dict[str, list[tuple[int, tuple[str, ...]]]] = {}  # each ask's level, alternatives
    section: str | None = None
    spans = without_kinds_of_experience(text, keyword_model.extract(text))
    learned = _learned_pattern([span.surface for span in spans])
    written = as_written(text, spans)

    past_cap: set[str] = set()

    def add(keyword: JobKeyword, requirement_id: str | None) -> bool:
        """Merges `keyword` in; False when it is one past MAX_JOB_KEYWORDS (left out)."""
        existing = merged.get(keyword.keyword)
        if existing is None:
            if len(merged) >= MAX_JOB_KEYWORDS:
                past_cap.add(keyword.keyword)
                return False
            existing = merged[keyword.keyword] = keyword
            asks[keyword.keyword] = [(keyword.level, keyword.alternatives)]
        else:
            if keyword.level == REQUIRED:
                existing.level = REQUIRED
            asked = asks[keyword.keyword]
            asked.append((keyword.level, keyword.alternatives))
            existing.alternatives = merged_alternatives(asked)
        # Requirement ids only grow, so a repeat can only be the last one (no list scan).
        if requirement_id and existing.requirement_ids[-1:] != [requirement_id]:
            existing.requirement_ids.append(requirement_id)
        return True

    asked: list[str] = []  # the lines outside benefits-like sections
    not_asked = False
    for raw in lines:
        spend()
        if not raw:
            continue
        kind, rest = _heading(raw)
        if kind is not None:
            section = kind
            not_asked = _heading_key(raw.partition(":")[0]) in _NOT_ASKED
        elif not_asked and LABEL_LINE.fullmatch(raw.strip()):
            not_asked = False  # "Compensation:" / "£63k" / "Industry:": the next field
        if not not_asked:
            asked.append(raw)
        if kind is not None and not rest:
            continue
        _, body = strip_bullet(rest)
        if section is None and not analysis.title and _looks_like_title(body):
            analysis.title = re.sub(r"^(?:job\s+)?title\s*:\s*", "", body, flags=re.I)
            for keyword in _keywords_in(analysis.title, REQUIRED, learned):
                add(keyword, None)
            continue
        if section == "ignore":
            continue
        default = PREFERRED if section == "preferred" else REQUIRED
        for sentence in _SENTENCE.split(body):
            if looks_like_instruction(sentence):
                continue
            level = _level(sentence, default)
            keywords = _keywords_in(sentence, level, learned)
            if not keywords and section not in ("required", "preferred"):
                continue
            requirement = analysis.requirements.add(
                id=f"R{len(analysis.requirements) + 1}", text=sentence, level=level
            )
            for group in alternative_groups(sentence, learned):
                requirement.alternatives.add(keywords=group)
            named: set[str] = set()
            for keyword in keywords:
                if not add(keyword, requirement.id):
                    continue
                if keyword.keyword not in named:
                    named.add(keyword.keyword)
                    requirement.keywords.append(keyword.keyword)
    # As written anywhere an ATS would read the posting's asks, not in a "Benefits" section
    # ("Free Snowflake lunches").
    read = " \n ".join(asked)
    analysis.keywords_as_written.extend(w for w in written if w in read)
    if past_cap:
        analysis.warnings.append(
            f"the posting names more than {MAX_JOB_KEYWORDS} keywords: the first "
            f"{MAX_JOB_KEYWORDS} are matched, {len(past_cap)} later ones are not"
        )
    return AnalyzedJob(analysis, list(merged.values()))


def _looks_like_title(text: str) -> bool:
    """A short line that is not a sentence, nor several ("Senior engineer. Must have ...")."""
    return (0 < len(text.split()) <= 12 and not text.endswith((".", "!", "?"))
            and _SENTENCE.search(text) is None)
