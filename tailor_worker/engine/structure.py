"""Does the bullet put the line's words together as the line does?

The word checks (`support`) make sure every word comes from the line; these make sure the
words keep their relations, so that a bullet cannot say something else with the same words:
- order inside a phrase: "Grafana runbooks" is not in "paging runbooks and Grafana alerts";
- prepositions: "down to 5 minutes" is not "down by 5 minutes", "from EC2 to ECS" is not
  "from ECS to EC2", "for GitHub" is not "on GitHub", "as the store manager" needs the line to
  say so;
- actions: a word the line uses as a noun or title ("the data center move", "Engineer") is
  not an action the person took ("Moved", "Engineered"); an action keeps its object ("Ran
  walk-throughs with the district team" is not "Ran the district team"); a bullet does not
  drop the line's action altogether ("Supported the store manager" -> "Store manager");
- names stay whole: "Cascade University" is not "Oregon Cascade University", and "University
  of Chicago" is not "Lakeshore University in Chicago";
- a list (skills, education, certificates) states no relation between its items.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from tailor_worker.engine import lexicon
from tailor_worker.engine.evidence_text import (
    Refusal,
    Text,
    can_be_noun,
    can_be_verb,
    is_content,
    is_verb_form,
    keys,
    matches_any,
)
from tailor_worker.engine.figures import Figure
from tailor_worker.engine.tokens import Token

# Prepositions by the relation they state; "of" is transparent ("a team of 24"). "in", "on",
# "with", "using" tell the same thing of a tool or a topic ("trained on" / "in" a technique);
# "to", "from", "by", "per", "as", "for", "at" do not interchange.
PREPOSITIONS = {
    "to": "to", "into": "to", "onto": "to", "toward": "to", "towards": "to",
    "from": "from", "by": "by", "per": "per", "with": "with", "using": "with", "via": "with",
    "through": "with", "in": "with", "inside": "with", "within": "within", "on": "with",
    "upon": "with",
    "at": "at", "for": "for", "as": "as", "across": "across", "throughout": "across",
    "during": "during", "after": "after", "before": "before", "since": "since",
    "until": "until", "between": "between", "among": "among", "over": "over",
    "under": "under", "against": "against", "without": "without",
}
DETERMINERS = frozenset({"the", "a", "an", "its", "their", "his", "her", "our", "this", "these",
                         "those", "each", "every"})
LIST_SECTIONS = ("skills", "certificates", "education")
_LIST_GLUE = frozenset({"and", "or"})
_HEADER_PREPOSITIONS = frozenset({"at", "as", "in", "with", "for", "on"})
_PAIR_REACH = 3  # a tight pair of the bullet may stand this many content units apart
_OBJECT_REACH = 5
_NAME_JOINERS = frozenset({"of", "&"})
_MAX_POSITIONS = 32
# A role ("as the store manager") and a rate ("per assay") only where the line says so.
_STRICT = frozenset({"as", "per"})
_RELATIVE = frozenset({"that", "which", "who", "whose", "whom"})
# Words that make what follows smaller; a bullet that keeps the rest keeps them too
# ("Co-authored" is not "Authored", "assistant store manager" is not "store manager").
INFLATING_DROPS = frozenset({"co", "joint", "jointly", "assistant", "associate", "deputy",
                             "vice", "junior", "acting", "interim", "trainee", "intern",
                             "apprentice", "sub", "partial", "partially", "pilot", "draft",
                             "proposed", "planned", "prototype", "helped", "assisted"})


@dataclass(frozen=True)
class Unit:
    """A content word, a figure or a vocabulary term: what order and relations are about."""

    first: int
    last: int
    clause: int
    tokens: tuple[Token, ...]
    figure: Figure | None = None
    canonical: str = ""

    @property
    def text(self) -> str:
        return " ".join(t.text for t in self.tokens)


def units(text: Text, skip: frozenset[int] = frozenset()) -> list[Unit]:
    term_at = {span.start: (span.start, span[-1], m.term.canonical)
               for span, m in text.term_spans if span}
    out: list[Unit] = []
    i = 0
    while i < len(text.tokens):
        token = text.tokens[i]
        if i in skip:
            i += 1
            continue
        fig = text.figure_at.get(i)
        if fig is not None and fig.first <= i:
            span = tuple(text.tokens[i:fig.last + 1])
            out.append(Unit(i, fig.last, text.tokens[fig.last].clause, span, figure=fig))
            i = fig.last + 1
        elif i in term_at:
            first, last, canonical = term_at[i]
            span = tuple(text.tokens[first:last + 1])
            out.append(Unit(first, last, token.clause, span, canonical=canonical))
            i = last + 1
        else:
            if is_content(token) and token.fold not in PREPOSITIONS:
                out.append(Unit(i, i, token.clause, (token,)))
            i += 1
    return out


def _same(a: Unit, b: Unit) -> bool:
    if a.figure is not None or b.figure is not None:
        return a.figure is not None and b.figure is not None and a.figure.same_value(b.figure)
    if a.canonical and b.canonical:
        return a.canonical == b.canonical
    return any(matches_any(t, b.tokens) for t in a.tokens if is_content(t))


@dataclass(frozen=True)
class LineStructure:
    text: Text
    units: tuple[Unit, ...]
    firsts: tuple[int, ...]  # units[k].first, for bisect
    index: dict[str, tuple[int, ...]]  # key, figure key or canonical -> unit positions
    verbs: tuple[Token, ...]  # the actions the line states
    main_verbs: tuple[Token, ...]  # those of its main clauses (not "that sparked", "used by")
    verb_index: dict[str, tuple[Token, ...]]
    spans: tuple[tuple[str, ...], ...]  # proper names of two or more words, folded
    folds: frozenset[str]

    def matching(self, unit: Unit) -> list[int]:
        """Positions of the line's units that are `unit` (same value, term or word), the
        first few dozen: a line repeating one word that often costs no more."""
        candidates: set[int] = set()
        for key in _lookup_keys(unit):
            candidates.update(self.index.get(key, ())[:_MAX_POSITIONS])
        found = sorted(candidates)
        if unit.figure is not None:  # keys round figures; compare the values
            found = [k for k in found if _same(unit, self.units[k])]
        return found[:_MAX_POSITIONS]

    def acting(self, token: Token) -> list[Token]:
        """The line's actions that `token` is, in some inflection or by a substitution."""
        own = keys(token)
        lookup = lexicon.with_sources(own)
        found: dict[int, Token] = {}
        for key in lookup:
            for verb in self.verb_index.get(key, ())[:_MAX_POSITIONS]:
                found[verb.index] = verb
        return [found[i] for i in sorted(found)]


def _unit_keys(unit: Unit) -> set[str]:
    if unit.figure is not None:
        return {f"#{unit.figure.key}"}
    out = {f"@{unit.canonical}"} if unit.canonical else set()
    for token in unit.tokens:
        out.update(keys(token))
    return out


def _lookup_keys(unit: Unit) -> set[str]:
    out = _unit_keys(unit)
    if unit.figure is None:
        out |= lexicon.with_sources(frozenset(out))
    return out


def _is_main(text: Text, verb: Token) -> bool:
    """A verb that opens the line or a coordinated clause ("Led ... and introduced ...",
    "Reorganised the stockroom, cutting ..."), not one inside a relative clause or a
    participle after a noun ("a poster that sparked", "the SDK used by")."""
    previous = text.tokens[verb.index - 1] if verb.index else None
    if verb.sentence_start or previous is None or previous.fold in (",", "and", ";"):
        return True
    # "Ran assays to titrate lysates": the purpose is what was done, unless the verb before
    # limits it ("helped to build" is not "built").
    governing = text.tokens[verb.index - 2] if verb.index >= 2 else None
    return previous.fold == "to" and governing is not None and not (
        keys(governing) & lexicon.LIMITING
    )


def _acts(text: Text, token: Token) -> bool:
    """An action of the line: an inflected verb, or a verb in its base form where a bullet
    starts or a new clause does ("Cut ...", "... and cut ...")."""
    if not is_content(token) or token.index in text.in_figure:
        return False
    if is_verb_form(token.fold):
        return True
    previous = text.tokens[token.index - 1] if token.index else None
    opens = token.sentence_start or previous is None or previous.fold in (
        ",", "and", ";", "that", "which", "who", "to")
    return opens and can_be_verb(token.fold)


@lru_cache(maxsize=1024)
def line_structure(text: Text) -> LineStructure:
    found = units(text)
    index: dict[str, list[int]] = {}
    for k, unit in enumerate(found):
        for key in _unit_keys(unit):
            index.setdefault(key, []).append(k)
    verbs = tuple(t for t in text.tokens if _acts(text, t))
    verb_index: dict[str, list[Token]] = {}
    for verb in verbs:
        for key in keys(verb):
            verb_index.setdefault(key, []).append(verb)
    term_tokens = {i for u in found if u.canonical for i in range(u.first, u.last + 1)}
    spans = tuple(s for s in name_spans(text) if len(s) >= 2 and not term_tokens & set(s))
    return LineStructure(
        text, tuple(found), tuple(u.first for u in found),
        {k: tuple(v) for k, v in index.items()}, verbs,
        tuple(v for v in verbs if _is_main(text, v)),
        {k: tuple(v) for k, v in verb_index.items()},
        tuple(tuple(text.tokens[i].fold for i in s) for s in spans),
        frozenset(t.fold for t in text.tokens),
    )


def name_spans(text: Text) -> list[list[int]]:
    """Runs of capitalised words (joined by "of" / "&"), not opening a sentence."""
    spans: list[list[int]] = []
    current: list[int] = []
    tokens = text.tokens
    for i, token in enumerate(tokens):
        named = token.is_word and token.capitalised and not token.sentence_start
        joiner = (token.fold in _NAME_JOINERS and current and i + 1 < len(tokens)
                  and tokens[i + 1].capitalised)
        if named or joiner:
            current.append(i)
            continue
        if current:
            spans.append(current)
        current = []
    if current:
        spans.append(current)
    return [[i for i in s if tokens[i].is_word] for s in spans]


def _contains(seq: tuple[str, ...], part: tuple[str, ...]) -> bool:
    n = len(part)
    return any(seq[k:k + n] == part for k in range(len(seq) - n + 1))


class _Matches:
    """line.matching per bullet unit, asked once (the checks ask about the same units)."""

    def __init__(self, line: LineStructure) -> None:
        self.line = line
        self._found: dict[tuple[int, int], list[int]] = {}

    def __call__(self, unit: Unit) -> list[int]:
        key = (unit.first, unit.last)
        found = self._found.get(key)
        if found is None:
            found = self._found[key] = self.line.matching(unit)
        return found


def problems(
    b: Text, line: LineStructure, covered: frozenset[int], section: str
) -> list[Refusal]:
    out: list[Refusal] = []
    bullet_units = units(b, covered)
    match = _Matches(line)
    out += _order(b, bullet_units, line, match)
    out += _prepositions(b, bullet_units, line, covered, match)
    out += _actions(b, bullet_units, line, covered)
    out += _names(b, line, covered, bullet_units)
    out += _modifiers(b, bullet_units, line, match)
    if section in LIST_SECTIONS:
        added = sorted({t.fold for t in b.tokens if t.fold in lexicon.FUNCTION_WORDS}
                       - line.folds - _LIST_GLUE)
        if added:
            out.append(Refusal("citation", f"a {section} line states no relation "
                               f"({', '.join(added)})"))
    return out


def _order(
    b: Text, bullet_units: list[Unit], line: LineStructure, match: _Matches
) -> list[Refusal]:
    """Two content units side by side in the bullet stand in that order, close together and
    in one clause, in the line."""
    out: list[Refusal] = []
    for u1, u2 in pairwise(bullet_units):
        between = b.tokens[u1.last + 1:u2.first]
        if any(t.fold != "-" for t in between):
            continue  # not one phrase: a function word or punctuation lies between
        if u2.figure is None and not u2.canonical and is_verb_form(u2.tokens[0].fold):
            continue  # "... on Kubernetes handling 40 million requests": a new verb phrase
        first = match(u1)
        second = set(match(u2))
        if not first or not second:
            continue  # the word checks refuse what the line lacks
        if not any(k1 + d in second and _one_phrase(line, k1, k1 + d)
                   for k1 in first for d in range(1, _PAIR_REACH + 1)):
            out.append(Refusal("order", f"{u1.text} {u2.text} (not so in the line)"))
    return out


def _tight(text: Text, a: Unit, b: Unit) -> bool:
    """b follows a inside one phrase: nothing but a hyphen between them, same clause."""
    between = text.tokens[a.last + 1:b.first]
    return a.clause == b.clause and all(t.fold == "-" for t in between)


def _is_head(text: Text, modifier: Unit, head: Unit) -> bool:
    """`head` is the noun `modifier` describes: right after it in one phrase; the modifier
    not a verb (a verb and its object), nor a possessive ("group's"), nor a rate ("daily");
    the head a noun, not a verb starting a new phrase ("the API serving ...") nor a
    figure ("services over 3 months")."""
    first, last = head.tokens[0], modifier.tokens[-1]
    if not _tight(text, modifier, head) or last.text.endswith("'s") or head.figure is not None:
        return False
    if modifier.figure is not None or is_verb_form(last.fold) or lexicon.is_rate(last.fold):
        return False
    if head.canonical:
        return True
    if first.fold in DETERMINERS or first.fold in _RELATIVE or first.fold in PREPOSITIONS:
        return False
    if not can_be_noun(first.fold):
        return False
    if is_verb_form(first.fold):
        # "mycoplasma testing every two weeks" names a test; "the API serving 40 million
        # requests" starts a new phrase: a gerund with no object is a noun.
        nxt = text.tokens[first.index + 1] if first.index + 1 < len(text.tokens) else None
        return first.fold.endswith("ing") and (
            nxt is None or not nxt.is_word or nxt.fold in PREPOSITIONS
            or nxt.fold in ("every", "each", "and", "or")
        )
    return True


def _joins(text: Text, head: Unit, word: Unit) -> bool:
    """`word` is the line's head written as one word with what follows it: "walkthroughs"
    for "walk-throughs"."""
    k = head.last + 1
    while k < len(text.tokens) and text.tokens[k].fold == "-":
        k += 1
    if k >= len(text.tokens) or len(word.tokens) != 1:
        return False
    joined = head.tokens[-1].fold + text.tokens[k].fold
    return bool(lexicon.lemmas(joined) & lexicon.lemmas(word.tokens[0].fold))


def _modifiers(
    b: Text, bullet_units: list[Unit], line: LineStructure, match: _Matches
) -> list[Refusal]:
    """A word the line only uses to modify another keeps that other word ("mycoplasma
    testing" is not "mycoplasma", "inventory shrink" is not "inventory"), and a word that
    makes its head smaller stays with it ("co-authored", "assistant manager")."""
    out: list[Refusal] = []
    following = {id(u): v for u, v in pairwise(bullet_units) if _tight(b, u, v)}
    for k, unit in enumerate(bullet_units):
        if unit.figure is not None or unit.canonical:
            continue
        positions = match(unit)
        heads = [line.units[p + 1] for p in positions
                 if p + 1 < len(line.units)
                 and _is_head(line.text, line.units[p], line.units[p + 1])]
        if positions and len(heads) == len(positions):
            nxt = following.get(id(unit))
            if nxt is None or not any(_same(nxt, h) or _joins(line.text, h, nxt) for h in heads):
                out.append(Refusal("word", f"{unit.text} (without the "
                                   f"{heads[0].text} it describes in the line)"))
        previous = bullet_units[k - 1] if k else None
        for p in positions:
            before = line.units[p - 1] if p else None
            if before is None or not _tight(line.text, before, line.units[p]):
                continue
            if before.tokens[0].fold in INFLATING_DROPS and not (
                previous is not None and _tight(b, previous, unit) and _same(previous, before)
            ):
                out.append(Refusal("scope", f"{unit.text} (the line says "
                                   f"{before.text}-{line.units[p].text})"))
                break
    return out


def _one_phrase(line: LineStructure, k1: int, k2: int) -> bool:
    """Units k1 < k2 of the line stand in one clause, or only coordinated actions come
    between ("Hired and onboarded 30 ...": "Hired 30" keeps the line's order)."""
    a, b = line.units[k1], line.units[k2]
    if a.clause == b.clause:
        return True
    middle = line.units[k1 + 1:k2]
    return bool(middle) and all(
        u.figure is None and is_verb_form(u.tokens[0].fold)
        and line.text.tokens[u.first - 1].fold in ("and", "or") for u in middle
    ) and all(u.clause == b.clause for u in middle)


def _object_after(text: Text, start: int, pool: list[Unit]) -> Unit | None:
    """The unit a word governs: the next unit, past determiners only."""
    k = start
    while k < len(text.tokens) and text.tokens[k].fold in DETERMINERS:
        k += 1
    return next((u for u in pool if u.first == k), None)


def _preposition_before(text: Text, unit: Unit) -> str | None:
    """The relation a unit of the line stands in: the preposition before it, across
    determiners and up to three modifiers; None when an action or a clause comes first."""
    k = unit.first - 1
    modifiers = 0
    while k >= 0:
        token = text.tokens[k]
        if token.fold in PREPOSITIONS:
            return PREPOSITIONS[token.fold]
        if token.clause != unit.clause or not (token.is_word or token.fold == "-"):
            return None
        if token.fold == "of" or is_verb_form(token.fold):
            return None
        if token.fold not in DETERMINERS and token.fold != "-":
            modifiers += 1
            if modifiers > 3:
                return None
        k -= 1
    return None


def _prepositions(
    b: Text, bullet_units: list[Unit], line: LineStructure, covered: frozenset[int],
    match: _Matches,
) -> list[Refusal]:
    out: list[Refusal] = []
    for token in b.tokens:
        relation = PREPOSITIONS.get(token.fold)
        if relation is None or token.index in b.in_figure:
            continue  # "over 40", "up to 35%": a bound of a figure, checked with it
        if token.index + 1 in covered:
            if relation not in _HEADER_PREPOSITIONS:
                out.append(Refusal("word", f"{token.text} + the role header"))
            continue
        obj = _object_after(b, token.index + 1, bullet_units)
        if obj is None:
            continue
        said = {_preposition_before(line.text, line.units[k]) for k in match(obj)}
        if not said or relation in said or (None in said and relation not in _STRICT):
            continue
        other = ", ".join(sorted(s for s in said if s)) or "no relation"
        out.append(Refusal("word", f"{token.text} {obj.text} (the line says {other})"))
    return out


def _actions(
    b: Text, bullet_units: list[Unit], line: LineStructure, covered: frozenset[int]
) -> list[Refusal]:
    out: list[Refusal] = []
    # The bullet's actions: inflected verbs, and words that stand for one of the line's
    # actions ("cut" for "reduced": "cut" is its own past tense).
    verbs = [(t, line.acting(t)) for t in b.tokens
             if is_content(t) and t.index not in covered and t.index not in b.in_figure]
    verbs = [(t, found) for t, found in verbs if found or is_verb_form(t.fold)]
    if line.verbs and not verbs:
        out.append(Refusal("scope", "the line's action is left out"))
    elif line.main_verbs and not any(set(found) & set(line.main_verbs) for _, found in verbs):
        # "Sparked a joint project" from "Presented a poster that sparked a joint project":
        # what the person did is the main clause; a bullet keeps one of its actions.
        out.append(Refusal("scope", f"{line.main_verbs[0].text} … left out (the line's own "
                           "action)"))
    for verb, sources in verbs:
        if not sources:
            out.append(Refusal("scope", f"{verb.text} (an action the line does not state)"))
            continue
        first_verb = not any(v.clause == verb.clause and v.index < verb.index for v, _ in verbs)
        for unit in bullet_units if first_verb else ():
            if unit.first >= verb.index or unit.clause != verb.clause:
                continue
            if any(_governs(line, source, unit) for source in sources):
                out.append(Refusal("word", f"{unit.text} … {verb.text} (the line's object "
                                   "made the one who acts)"))
                break
        obj = _object_after(b, verb.index + 1, bullet_units)
        if obj is None:
            continue
        if not any(_governs(line, source, obj) or _subject_of(line, source, obj)
                   for source in sources):
            out.append(Refusal("word", f"{verb.text} {obj.text} (the line's action is on "
                               "something else)"))
    return out


def _governs(line: LineStructure, verb: Token, obj: Unit) -> bool:
    """Whether `obj` follows `verb` in the line, in its clause, with no preposition between
    ("of" aside) and within a few units."""
    start = bisect_left(line.firsts, verb.index + 1)
    clause = verb.clause
    for unit in line.units[start:start + _OBJECT_REACH]:
        head = unit.tokens[0]
        if unit.clause != clause:
            # "Hired and onboarded 30 associates": two actions sharing one object.
            joined = line.text.tokens[head.index - 1].fold in ("and", "or")
            if not (joined and unit.figure is None and is_verb_form(head.fold)):
                return False
            clause, verb = unit.clause, head
            continue
        between = line.text.tokens[verb.index + 1:unit.first]
        if any(t.fold in PREPOSITIONS for t in between):
            return False
        if _same(obj, unit):
            return True
        if unit.figure is None and (head.fold in _RELATIVE or is_verb_form(head.fold)):
            return False  # "Presented a poster that sparked a project": not the project
    return False


def _subject_of(line: LineStructure, verb: Token, obj: Unit) -> bool:
    """`obj` stands right before `verb` in the line ("the hit rate rose"): an intransitive or
    passive verb may take it as its object in a rewrite ("raising the hit rate")."""
    end = bisect_left(line.firsts, verb.index)
    return any(u.clause == verb.clause and _same(obj, u)
               for u in line.units[max(0, end - _PAIR_REACH):end])


def _names(
    b: Text, line: LineStructure, covered: frozenset[int], bullet_units: list[Unit]
) -> list[Refusal]:
    out: list[Refusal] = []
    term_tokens = {i for u in bullet_units if u.canonical for i in range(u.first, u.last + 1)}
    for span in name_spans(b):
        if len(span) < 2 or covered.intersection(span) or term_tokens.intersection(span):
            continue
        folds = tuple(b.tokens[i].fold for i in span)
        if not _contains(line.text.words, folds):
            out.append(Refusal("name", f"{' '.join(b.tokens[i].text for i in span)} (not a "
                               "name the line gives)"))
    used = {t.fold for t in b.tokens if t.is_word and t.index not in term_tokens}
    for span_folds in line.spans:
        if used.intersection(span_folds) and not _contains(b.words, span_folds):
            part = " ".join(f for f in span_folds if f in used)
            out.append(Refusal("name", f"{part} (part of a longer name in the line)"))
    return out
