"""Does one evidence line say what a bullet says?

The check is a whitelist, not a search for known kinds of lies: every word of the bullet must
come from the one cited line or its role header (in any inflection, or along a
meaning-preserving substitution of `lexicon`), or be a function word; every figure must equal
a figure of the line by value and unit and keep the noun it counted and the direction of its
change; every tool must be in the line in the tool's sense; a word capitalised as a name must
be a name in the line; a word the line negates stays negated. Whatever the bullet adds is a
`Refusal` naming the rule, quoting only the bullet's own words.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

from tailor_worker.engine import lexicon, structure, vocabulary
from tailor_worker.engine.evidence_text import (
    Refusal,
    Text,
    is_content,
    is_verb_form,
    matches_any,
    text_of,
)
from tailor_worker.engine.evidence_text import keys as word_keys
from tailor_worker.engine.figures import Figure
from tailor_worker.engine.folding import clean
from tailor_worker.engine.tokens import Token

_TERM_RULES = {"clearance": "certification", "licence": "certification", "field": "degree"}
_CONTEXT = 4  # content words either side of a figure that count as its neighbourhood
_SCOPE = 3  # content words after a negation that it governs
_MAX_CANDIDATES = 24
_NEGATION_FILLER = frozenset({"single", "any", "one"})


class Source:
    """One evidence line as support for bullets, with the header of its entry as whole
    phrases: a bullet may name the role's title, employer or place as the header writes them
    ("at Acme Corp", "as Senior Engineer"), nothing else of the header."""

    def __init__(
        self, line: str, header_phrases: tuple[str, ...] = (), section: str = "work"
    ) -> None:
        self.line = text_of(line)
        self.section = section
        self.phrases = [p for p in (text_of(h).words for h in header_phrases) if p]
        self.by_key: dict[str, list[Token]] = {}
        for token in self.line.tokens:
            if token.is_word:
                for key in word_keys(token):
                    self.by_key.setdefault(key, []).append(token)
        # "walk-throughs" also as "walkthroughs", "run time" also as "runtime".
        for first, second in _compounds(self.line):
            for key in lexicon.lemmas(first.fold + second.fold):
                self.by_key.setdefault(key, []).extend((first, second))
        self.keys = set(self.by_key)
        self.terms = self.line.terms
        self.canonicals = {m.term.canonical for m in self.terms}
        self.has_negation = any(t.fold in lexicon.NEGATIONS for t in self.line.tokens)
        # What each negation of the line governs, and an index from word keys to them.
        self.scopes = _negation_scopes(self.line)
        self.negated = {key for scope in self.scopes for word in scope for key in word_keys(word)}
        self.scope_index: dict[str, list[int]] = {}
        for k, scope in enumerate(self.scopes):
            for word in scope:
                for key in lexicon.with_sources(word_keys(word)):
                    self.scope_index.setdefault(key, []).append(k)
        self.changed = _changed(self.line)
        self.after_by = [w for t in self.line.tokens if t.fold == "by"
                         for w in self.line.content(t.index + 1, t.index + 4, t.clause)]
        self.by_value: dict[tuple[str, float], list[Figure]] = {}
        for fig in self.line.figures:
            self.by_value.setdefault(fig.key, []).append(fig)
        self.folded = " ".join(self.line.words)

    @property
    def structure(self) -> structure.LineStructure:
        """Built on first use (cached per line): only bullets whose words all pass need it."""
        return structure.line_structure(self.line)

    def has_word(self, token: Token) -> bool:
        keys = word_keys(token)
        if keys & self.keys:
            return True
        return any(lexicon.sources_for(k) & self.keys for k in keys)

    def tokens_sharing_a_key(self, token: Token) -> list[Token]:
        """The line's words that are this word in some inflection (not substitutions)."""
        found: dict[int, Token] = {}
        for key in word_keys(token):
            for other in self.by_key.get(key, ()):
                found[id(other)] = other
        return list(found.values())

    def has_term(self, term: vocabulary.Term, surface: str) -> bool:
        if term.kind != "tool":
            # A degree or a certificate as written: a B.S. is not a B.Eng., though both are
            # the vocabulary's "Bachelor's degree".
            plain = _plain_surface(surface)
            return any(m.term.canonical == term.canonical and _plain_surface(m.surface) == plain
                       for m in self.terms)
        if term.canonical in self.canonicals:
            return True
        # A tool another cited tool implies ("SQL" from "PostgreSQL"); never a degree.
        return term.category == vocabulary.HARD and bool(set(term.implied_by) & self.canonicals)


def _compounds(text: Text) -> list[tuple[Token, Token]]:
    """Neighbouring words that may also be written as one ("walk-throughs", "run time")."""
    words = [t for t in text.tokens if t.is_word]
    out = []
    for a, b in pairwise(words):
        gap = text.tokens[a.index + 1:b.index]
        if all(t.fold == "-" for t in gap) and len(gap) <= 1:
            out.append((a, b))
    return out


def _joined(b: Text, source: Source) -> set[int]:
    """Bullet words that are half of a word of the line written as one: "right-sizing" or
    "run time" for "rightsizing" / "runtime"."""
    out: set[int] = set()
    for first, second in _compounds(b):
        if lexicon.lemmas(first.fold + second.fold) & source.keys:
            out.update((first.index, second.index))
    return out


def _plain_surface(surface: str) -> str:
    return "".join(c for c in surface.casefold() if c.isalnum())


def _header_covered(b: Text, phrases: list[tuple[str, ...]]) -> set[int]:
    """Token indexes of the bullet that copy a header phrase whole."""
    words = [t for t in b.tokens if t.is_word]
    out: set[int] = set()
    for phrase in phrases:
        n = len(phrase)
        for k in range(len(b.words) - n + 1):
            if b.words[k:k + n] == phrase:
                out.update(range(words[k].index, words[k + n - 1].index + 1))
    return out


def _negation_scopes(text: Text) -> list[list[Token]]:
    """For each negation of a text, the content words it governs (the next few of its
    clause)."""
    out = []
    for token in text.tokens:
        if token.fold in lexicon.NEGATIONS:
            window = text.content(token.index + 1, token.index + 1 + 3 * _SCOPE, token.clause)
            out.append([w for w in window[:_SCOPE] if w.fold not in lexicon.NEGATIONS])
    return out


def _direction(token: Token) -> str:
    keys = word_keys(token)
    if keys & lexicon.UP:
        return "up"
    if keys & lexicon.DOWN:
        return "down"
    return ""


def _target(text: Text, token: Token) -> Token | None:
    """What a change word acts on: the next content word of its clause, else the one before."""
    after = [t for t in text.content(token.index + 1, token.index + _SCOPE + 2, token.clause)
             if not _direction(t)]
    if after:
        return after[0]
    before = [t for t in text.content(token.index - 3 * _SCOPE, token.index, token.clause)
              if not _direction(t)]
    return before[-1] if before else None


def _directions(text: Text) -> list[tuple[str, Token]]:
    """(up/down, a change word) of every change word."""
    return [(d, t) for t in text.tokens if t.is_word and (d := _direction(t))]


def _changed(text: Text) -> dict[str, set[str]]:
    """Keys of the words near each change word of the line -> the directions applied to
    them: "cutting delivery latency" gives latency -> {down}."""
    out: dict[str, set[str]] = {}
    for direction, token in _directions(text):
        near = text.content(token.index - _CONTEXT - 2, token.index + _CONTEXT + 3, token.clause)
        for word in near:
            for key in word_keys(word):
                out.setdefault(key, set()).add(direction)
    return out


def classify(token: Token) -> str:
    fold = token.fold
    keys = word_keys(token)
    if fold in lexicon.NEGATIONS:
        return "negation"
    if keys & lexicon.QUALIFIERS:
        return "qualifier"
    if keys & lexicon.HONOURS:
        return "honour"
    if keys & lexicon.SCOPE:
        return "scope"
    if keys & lexicon.DURATIONS:
        return "duration"
    if _direction(token):
        return "direction"
    if (token.capitalised and not token.sentence_start) or not token.text.isascii():
        return "name"
    return "word"


@dataclass
class Verdict:
    refusals: list[Refusal]
    text: str  # the bullet as it may be shown: evidence spellings for look-alike words


def check(bullet: str, source: Source) -> Verdict:
    """What `bullet` claims beyond `source`."""
    b = text_of(bullet)
    if b.text == source.line.text:
        return Verdict([], b.text)  # the line itself says exactly what the line says
    refusals: list[Refusal] = []
    header = _header_covered(b, source.phrases)
    covered: set[int] = set(b.in_figure) | header
    for span, m in b.term_spans:
        if header.issuperset(span):
            continue
        covered.update(span)
        if not source.has_term(m.term, m.surface):
            refusals.append(Refusal(_TERM_RULES.get(m.term.kind, m.term.kind), m.surface))
    for fig in b.figures:
        problem = _figure_problem(b, fig, source)
        if problem is not None:
            refusals.append(problem)
    replacements: dict[int, str] = {}
    joined: set[int] | None = None
    for token in b.tokens:
        if not token.is_word or token.index in covered:
            continue
        if token.fold in lexicon.FUNCTION_WORDS or _allowed_negation(b, token, source):
            continue
        if not source.has_word(token):
            if joined is None:
                joined = _joined(b, source)
            if token.index in joined:
                continue
            refusals.append(Refusal(classify(token), token.text))
            continue
        same = source.tokens_sharing_a_key(token)
        if same and all(t.index in source.line.in_figure for t in same) and not any(
            t.fold == token.fold for t in same if t.index not in source.line.in_figure
        ):
            # "within hours" from "within 48 hours": the line's unit without its number.
            refusals.append(Refusal("figure", f"{token.text} (the line gives it with a number)"))
            continue
        if token.capitalised and not token.sentence_start and same and all(
            t.text[:1].islower() for t in same
        ):
            # "Designed a Snowflake schema" from "a snowflake schema", "shake Flask" from
            # "shake flasks": a common word turned into a name.
            refusals.append(Refusal("name", f"{token.text} (lower case in the line)"))
        shown = clean(token.text)
        if shown != token.text and all(clean(t.text) == t.text for t in same):
            replacements[token.index] = shown  # "Кafka" shown as "Kafka", as the line has it
    refusals.extend(_honour_phrases(b, source))
    refusals.extend(_agent_problems(b, source))
    refusals.extend(_negation_problems(b, source))
    refusals.extend(_direction_problems(b, source))
    if not refusals:
        # How the words are put together matters only once every word is the line's; a
        # bullet already refused needs no second reason (and a lying batch costs less).
        refusals = structure.problems(b, source.structure, frozenset(header), source.section)
    return Verdict(_unique(refusals), _respell(b, replacements))


def _allowed_negation(b: Text, token: Token, source: Source) -> bool:
    """"no downtime" for "without downtime": one negation for another, where the line has
    one; "any" right after a negation ("without any downtime") adds nothing."""
    if token.fold in lexicon.NEGATIONS and token.fold != "zero":
        return source.has_negation
    previous = b.tokens[token.index - 1] if token.index else None
    return token.fold == "any" and previous is not None and previous.fold in lexicon.NEGATIONS


def _honour_phrases(b: Text, source: Source) -> list[Refusal]:
    folded = " ".join(b.words)
    return [Refusal("honour", phrase) for phrase in lexicon.HONOUR_PHRASES
            if f" {phrase} " in f" {folded} " and f" {phrase} " not in f" {source.folded} "]


def _figure_problem(b: Text, fig: Figure, source: Source) -> Refusal | None:
    rule = "duration" if fig.dimension == "seconds" else "figure"
    if fig.dimension == "count" and 1900 <= fig.value <= 2100 and fig.value.is_integer():
        rule = "date"
    surface = b.text[fig.start:fig.end]
    # Equal values, at most a few dozen tried: a line repeating one figure costs no more.
    line = source.line
    same = [f for f in source.by_value.get(fig.key, ()) if f.same_value(fig)]
    same = same[:_MAX_CANDIDATES]
    if not same:
        return Refusal(rule, surface)
    if _in_range(b, fig):
        same = [f for f in same if _in_range(line, f)]
        if not same:
            return Refusal(rule, f"{surface} (a range the line does not give)")
    bounded = [f for f in same if _bound_kept(fig.bound, f.bound)]
    if not bounded:
        return Refusal("qualifier", surface)
    if any(_bound_to_same_thing(b, fig, line, found) for found in bounded):
        return None
    return Refusal(rule, f"{surface} (the line counts something else)")


def _in_range(text: Text, fig: Figure) -> bool:
    """"3-6 hours", "1.4-2.1%": the figure is one end of a range."""
    tokens = text.tokens
    before = fig.first >= 2 and tokens[fig.first - 1].fold == "-" and \
        (fig.first - 2) in text.in_figure
    after = fig.last + 2 < len(tokens) and tokens[fig.last + 1].fold == "-" and \
        (fig.last + 2) in text.in_figure
    return before or after


def _bound_kept(bullet_bound: str, line_bound: str) -> bool:
    """A bullet may keep the line's bound, drop a lower bound or an approximation ("over 40"
    -> "40"), or add an approximation; it may never drop an upper bound ("up to 35%")."""
    if bullet_bound == line_bound:
        return True
    if bullet_bound == "":
        return line_bound in ("lower", "approx")
    return bullet_bound == "approx" and line_bound == ""


def _bound_to_same_thing(b: Text, fig: Figure, part: Text, found: Figure) -> bool:
    """The figure keeps the noun it counted and the direction of its change."""
    clause = b.tokens[fig.last].clause
    run: list[Token] = []  # the words right after the figure: what it counts
    for t in b.tokens[fig.last + 1:fig.last + 1 + _CONTEXT]:
        if t.clause != clause or not is_content(t) or t.index in b.in_figure:
            break
        run.append(t)
    needed = run or b.content(fig.first - _CONTEXT - 2, fig.first, b.tokens[fig.first].clause)[-1:]
    line_clause = part.tokens[found.last].clause
    around = part.content(found.first - _CONTEXT - 2, found.last + _CONTEXT + 2, line_clause)
    around += part.content(found.first - _CONTEXT - 2, found.first, part.tokens[found.first].clause)
    # Item by item, a vocabulary term as its canonical name: "18 Power BI dashboards" counts
    # what "18 PowerBI dashboards" counts, "18 Kafka clusters" not what "18 RabbitMQ ...".
    line_items = _items(part, around)
    if not all(any(_same_item(n, a) for a in line_items) for n in _items(b, needed)):
        return False
    bullet_dirs = {_direction(t) for t in b.tokens if t.clause == clause and _direction(t)}
    line_dirs = {_direction(t) for t in part.tokens
                 if t.clause in (line_clause, part.tokens[found.first].clause) and _direction(t)}
    # A figure the line states as no change ("within 48 hours") may sit beside a change of
    # another thing in the bullet; a figure of a change keeps its direction.
    if line_dirs and not bullet_dirs <= line_dirs:
        return False
    return fig.dimension in ("count", "ordinal") or _measured_kept(b, part, found)


_SKIP_TO_PHRASE = frozenset({"by", "of", "the", "a", "an", "from", "to", "in", "at", "for"})


def _measured_phrase(text: Text, fig: Figure) -> list[Token]:
    """The words naming what a figure measures: "p99 checkout latency" in "cut p99 checkout
    latency by 35%", "holiday sales target" in "112% of the holiday sales target" (figure
    tokens inside it left out)."""
    tokens = text.tokens
    after = fig.last + 1 < len(tokens) and tokens[fig.last + 1].fold == "of"
    step, k = (1, fig.last + 1) if after else (-1, fig.first - 1)
    while 0 <= k < len(tokens) and tokens[k].fold in _SKIP_TO_PHRASE:
        k += step
    phrase: list[Token] = []
    while 0 <= k < len(tokens):
        token = tokens[k]
        if _direction(token) or is_verb_form(token.fold):
            break  # "cut" / "reducing": the change, not what it measures
        if is_content(token) and k not in text.in_figure:
            phrase.append(token)
        elif k not in text.in_figure and token.fold != "-":
            break
        k += step
    return phrase if after else phrase[::-1]


def _items(text: Text, tokens: list[Token]) -> list[str | Token]:
    """Tokens with each vocabulary term collapsed into its canonical name, so that "CI" and
    "continuous integration" are one item."""
    term_of = {i: m.term.canonical for span, m in text.term_spans for i in span}
    out: list[str | Token] = []
    for token in tokens:
        canonical = term_of.get(token.index)
        if canonical is None:
            out.append(token)
        elif not out or out[-1] != canonical:
            out.append(canonical)
    return out


def _same_item(a: str | Token, b: str | Token) -> bool:
    if isinstance(a, str) or isinstance(b, str):
        return a == b
    return matches_any(a, [b])


def _measured_kept(b: Text, part: Text, found: Figure) -> bool:
    """A bullet that names what the line's figure measures names all of it: "p99 latency"
    is not "p99 checkout latency", "the sales target" is not "the holiday sales target"."""
    phrase = _items(part, _measured_phrase(part, found))
    if len(phrase) < 2:
        return True
    head = phrase[-1]
    words = _items(b, [t for t in b.tokens if is_content(t) and t.index not in b.in_figure])
    for k, word in enumerate(words):
        if _same_item(word, head):
            before = words[max(0, k - len(phrase) + 1):k]
            if len(before) == len(phrase) - 1 and all(
                _same_item(w, p) for w, p in zip(before, phrase[:-1], strict=True)
            ):
                return True
    return not any(_same_item(w, head) for w in words)


def _agent_problems(b: Text, source: Source) -> list[Refusal]:
    """"by" may introduce a means ("by rewriting") or a figure ("by 35%"), as rewrites do; a
    "by" + someone the line lacks turns the actor round ("mentored by two engineers")."""
    out: list[Refusal] = []
    for token in b.tokens[:-1]:
        if token.fold != "by":
            continue
        nxt = b.tokens[token.index + 1]
        figure = next((f for f in b.figures if f.first == nxt.index), None)
        if figure is not None and figure.dimension != "count":
            continue  # "by 35%", "by 2x", "by $1M"
        if nxt.fold.endswith("ing") or not nxt.is_word:
            continue
        if figure is not None or nxt.fold in lexicon.FUNCTION_WORDS:
            # "by the ...", "by two ...": look at the noun it brings
            following = b.content(nxt.index, nxt.index + 5, nxt.clause)
            if not following:
                continue
            nxt = following[0]
        if not matches_any(nxt, source.after_by):
            out.append(Refusal("word", f"by {nxt.text} (the line says no one did it by)"))
    return out


def _negation_problems(b: Text, source: Source) -> list[Refusal]:
    """Each word the line negates is negated where the bullet uses it, and a negation the
    bullet keeps governs what it governed ("without a single missed cycle" never "without a
    single cycle")."""
    if not source.negated:
        return []
    in_scope = _negated_tokens(b)
    out: list[Refusal] = []
    for token in b.tokens:
        negatable = is_content(token) and token.fold not in lexicon.NEGATIONS
        if negatable and word_keys(token) & source.negated and token.index not in in_scope:
            out.append(Refusal("negation", f"{token.text} (negated in the line)"))
    for token in b.tokens:
        if token.fold not in lexicon.NEGATIONS:
            continue
        kept = b.content(token.index + 1, token.index + 1 + 3 * _SCOPE, token.clause)[:_SCOPE]
        candidates = sorted({k for w in kept for key in word_keys(w)
                             for k in source.scope_index.get(key, ())})
        for k in candidates[:_MAX_CANDIDATES]:
            scope = source.scopes[k]
            hits = [i for i, w in enumerate(scope) if matches_any(w, kept)]
            if not hits:
                continue
            dropped = [w for w in scope[:max(hits)]
                       if not matches_any(w, kept) and w.fold not in _NEGATION_FILLER]
            if dropped:
                out.append(Refusal("negation", f"{token.text} … (drops "
                                   f"{', '.join(w.text for w in dropped)})"))
    return out


def _negated_tokens(text: Text) -> set[int]:
    return {word.index for scope in _negation_scopes(text) for word in scope}


def _direction_problems(b: Text, source: Source) -> list[Refusal]:
    out: list[Refusal] = []
    for direction, token in _directions(b):
        target = _target(b, token)
        if target is None:
            continue
        keys = word_keys(target)
        keys = lexicon.with_sources(keys)
        if not any(direction in source.changed.get(k, ()) for k in keys):
            out.append(Refusal("direction", f"{token.text} {target.text}"))
    return out


def _respell(b: Text, replacements: dict[int, str]) -> str:
    if not replacements:
        return b.text
    parts: list[str] = []
    cursor = 0
    for token in b.tokens:
        if token.index in replacements:
            parts.append(b.text[cursor:token.start])
            parts.append(replacements[token.index])
            cursor = token.end
    parts.append(b.text[cursor:])
    return "".join(parts)


def _unique(refusals: list[Refusal]) -> list[Refusal]:
    return list(dict.fromkeys(refusals))
