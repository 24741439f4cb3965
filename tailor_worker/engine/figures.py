"""Figures by value and unit: "two" = "2", "40 million" = "40,000,000", "800 GB" = "0.8 TB",
"p99" = "99th percentile", "8 years" = "eight years", "35 percent" = "35%".

A figure is a value in a base unit of its dimension (count, percent, money in a currency,
bytes, seconds, ratio, percentile, ordinal) plus the bound written with it ("over", "up to",
"about", "+"). Number words go through `number-parser` (compounds such as "one hundred and
twenty"); units are a small table here, because the guard only needs equality of values and
a unit registry (pint) would cost far more than the few dozen units resumes use.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from number_parser import parse_number as _parse_number

from tailor_worker.engine.lexicon import word_set
from tailor_worker.engine.tokens import Token

_NUMBER_WORDS = word_set("""
zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen
sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety
hundred thousand million billion dozen
""")
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
             "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10}
_SCALES = {"thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6, "mm": 1e6, "mn": 1e6,
           "billion": 1e9, "b": 1e9, "bn": 1e9, "trillion": 1e12, "t": 1e12}
_UNITS: dict[str, tuple[str, float]] = {
    "%": ("percent", 1), "percent": ("percent", 1), "pct": ("percent", 1),
    "ms": ("seconds", 1e-3), "millisecond": ("seconds", 1e-3), "milliseconds": ("seconds", 1e-3),
    "s": ("seconds", 1), "sec": ("seconds", 1), "secs": ("seconds", 1),
    "second": ("seconds", 1), "seconds": ("seconds", 1),
    "min": ("seconds", 60), "mins": ("seconds", 60), "minute": ("seconds", 60),
    "minutes": ("seconds", 60), "h": ("seconds", 3600), "hr": ("seconds", 3600),
    "hrs": ("seconds", 3600), "hour": ("seconds", 3600), "hours": ("seconds", 3600),
    "day": ("seconds", 86400), "days": ("seconds", 86400),
    "week": ("seconds", 604800), "weeks": ("seconds", 604800),
    "month": ("seconds", 2629800), "months": ("seconds", 2629800),
    "year": ("seconds", 31557600), "years": ("seconds", 31557600),
    "yr": ("seconds", 31557600), "yrs": ("seconds", 31557600),
    "decade": ("seconds", 315576000), "decades": ("seconds", 315576000),
    "b": ("bytes", 1), "byte": ("bytes", 1), "bytes": ("bytes", 1),
    "kb": ("bytes", 1e3), "mb": ("bytes", 1e6), "gb": ("bytes", 1e9), "tb": ("bytes", 1e12),
    "pb": ("bytes", 1e15), "kib": ("bytes", 2**10), "mib": ("bytes", 2**20),
    "gib": ("bytes", 2**30), "tib": ("bytes", 2**40),
    "x": ("ratio", 1), "×": ("ratio", 1), "times": ("ratio", 1), "fold": ("ratio", 1),
    "ng": ("grams", 1e-9), "µg": ("grams", 1e-6), "ug": ("grams", 1e-6), "mg": ("grams", 1e-3),
    "g": ("grams", 1), "gram": ("grams", 1), "grams": ("grams", 1), "kg": ("grams", 1e3),
    "µl": ("litres", 1e-6), "ul": ("litres", 1e-6), "ml": ("litres", 1e-3),
    "l": ("litres", 1), "litre": ("litres", 1), "litres": ("litres", 1),
    "liter": ("litres", 1), "liters": ("litres", 1),
}
# "Gb", "Mb": bits, not bytes (the case of the "b" decides; "gb" is read as bytes).
_BITS = {"Kb": 1e3, "Mb": 1e6, "Gb": 1e9, "Tb": 1e12, "Pb": 1e15, "kbit": 1e3, "Mbit": 1e6,
         "Gbit": 1e9}
# "a day", "an hour" after these is a duration ("for a day", "over a decade"); elsewhere it is
# a rate ("40 million requests a day" = "per day"), read as words.
_DURATION_CUES = frozenset({"for", "in", "within", "over", "about", "around", "nearly",
                            "almost", "under", "than", "least", "most", "to", "up", "after",
                            "during", "past", "last", "of", "by", "each", "every"})
_CURRENCY_SIGNS = {"$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY"}
_CURRENCY_WORDS = {"usd": "USD", "dollars": "USD", "dollar": "USD", "eur": "EUR",
                   "euros": "EUR", "euro": "EUR", "gbp": "GBP", "pounds": "GBP"}
# Bounds written before a figure, longest first, with their class.
_BOUNDS = (
    (("more", "than"), "lower"), (("greater", "than"), "lower"), (("at", "least"), "lower"),
    (("up", "to"), "upper"), (("less", "than"), "upper"), (("fewer", "than"), "upper"),
    (("at", "most"), "upper"), (("over",), "lower"), (("above",), "lower"),
    (("under",), "upper"), (("below",), "upper"), (("nearly",), "upper"),
    (("almost",), "upper"), (("within",), "upper"), (("about",), "approx"),
    (("around",), "approx"), (("approximately",), "approx"), (("roughly",), "approx"),
    (("approx",), "approx"), (("~",), "approx"), (("since",), "since"),
    (("until",), "until"),
)
_BOUND_LAST_WORDS = frozenset(words[-1] for words, _ in _BOUNDS)
_PLAIN_NUMBER = re.compile(r"^(\d+(?:[.,]\d+)*)([^\W\d_]*)$")
_PERCENTILE = re.compile(r"^p(\d{1,2}(?:\.\d+)?)$")
_ORDINAL_SUFFIX = ("st", "nd", "rd", "th")


@dataclass(frozen=True)
class Figure:
    value: float
    dimension: str  # count, percent, seconds, bytes, ratio, percentile, ordinal, money:XXX
    bound: str  # "", lower, upper, approx, since, until
    first: int  # token index of the first token (bound included)
    last: int  # token index of the last token (unit included)
    start: int  # character span in the tokenised text
    end: int

    @property
    def key(self) -> tuple[str, float]:
        """Dimension and value rounded to 4 significant digits: equal figures share a key."""
        return self.dimension, float(f"{self.value:.4g}")

    def same_value(self, other: Figure) -> bool:
        if self.dimension != other.dimension:
            return False
        scale = max(abs(self.value), abs(other.value), 1e-12)
        return abs(self.value - other.value) / scale < 1e-6


@lru_cache(maxsize=1024)
def parse_number(words: str) -> int | float | None:
    """number-parser rebuilds its word tables on every call (milliseconds); phrases repeat."""
    value: int | float | None = _parse_number(words)
    return value


def _digits(raw: str) -> float | None:
    # "1,000,000" groups thousands; "1,5" (a decimal comma) and "0.8" are decimals.
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", raw):
        return float(raw.replace(",", ""))
    try:
        return float(raw.replace(",", "."))
    except ValueError:
        return None


def _word_number(tokens: list[Token], i: int) -> tuple[float, int] | None:
    """A run of number words from token i ("one hundred and twenty", "twenty-five",
    "a dozen"): (value, index of the last token)."""
    words: list[str] = []
    j = i
    last = -1
    while j < len(tokens):
        fold = tokens[j].fold
        if fold in _NUMBER_WORDS:
            words.append(fold)
            last = j
        elif not (words and fold in ("-", "and") and j + 1 < len(tokens)
                  and tokens[j + 1].fold in _NUMBER_WORDS):
            break
        j += 1
    if not words:
        return None
    if words == ["dozen"]:
        return 12.0, last
    if words[-1] == "dozen":
        head = parse_number(" ".join(words[:-1]))
        return (float(head) * 12.0, last) if head is not None else None
    value = parse_number(" ".join(words))
    return (float(value), last) if value is not None else None


def _number_at(tokens: list[Token], i: int) -> tuple[float, str, int] | None:
    """(value, glued suffix, last index) of a number starting at token i."""
    token = tokens[i]
    m = _PLAIN_NUMBER.match(token.fold)
    if m:
        value = _digits(m.group(1))
        return (value, m.group(2), i) if value is not None else None
    if token.fold in ("a", "an") and i + 1 < len(tokens):
        nxt = tokens[i + 1].fold
        timed = _UNITS.get(nxt, ("", 0))[0] == "seconds"
        if timed and not (i and tokens[i - 1].fold in _DURATION_CUES):
            return None  # a rate: "a day"
        if nxt in _SCALES or nxt == "dozen" or timed:
            if nxt == "dozen":
                return 12.0, "", i + 1
            return 1.0, "", i
    found = _word_number(tokens, i)
    if found is not None:
        return found[0], "", found[1]
    return None


def _bound_before(tokens: list[Token], first: int) -> tuple[str, int]:
    if not first or tokens[first - 1].fold not in _BOUND_LAST_WORDS:
        return "", first
    for words, kind in _BOUNDS:
        start = first - len(words)
        if start >= 0 and tuple(t.fold for t in tokens[start:first]) == words:
            return kind, start
    return "", first


def figures(tokens: list[Token]) -> list[Figure]:
    out: list[Figure] = []
    i = 0
    while i < len(tokens):
        fig = _figure_at(tokens, i)
        if fig is None:
            i += 1
            continue
        out.append(fig)
        i = fig.last + 1
    _share_range_units(out, tokens)
    return out


def _figure_at(tokens: list[Token], i: int) -> Figure | None:
    token = tokens[i]
    pct = _PERCENTILE.match(token.fold)
    if pct:
        return _make(tokens, i, i, float(pct.group(1)), "percentile")
    if token.fold in _ORDINALS and not (i and _number_at(tokens, i - 1)):
        return _make(tokens, i, i, float(_ORDINALS[token.fold]), "ordinal")
    currency = _CURRENCY_SIGNS.get(token.text) or _CURRENCY_WORDS.get(token.fold)
    start = i + 1 if currency and i + 1 < len(tokens) else i
    number = _number_at(tokens, start)
    if number is None:
        return None
    value, suffix, last = number
    if suffix in _ORDINAL_SUFFIX:
        nxt = tokens[last + 1].fold if last + 1 < len(tokens) else ""
        if nxt == "percentile" or (nxt == "-" and last + 2 < len(tokens)
                                   and tokens[last + 2].fold == "percentile"):
            return _make(tokens, i, last + (1 if nxt == "percentile" else 2), value,
                         "percentile")
        return _make(tokens, i, last, value, "ordinal")
    dimension = "count"
    raw_suffix = tokens[last].text[len(tokens[last].text) - len(suffix):] if suffix else ""
    if raw_suffix in _BITS:
        return _make(tokens, i, last, value * _BITS[raw_suffix], "bits")
    nxt_raw = tokens[last + 1].text if last + 1 < len(tokens) else ""
    if not suffix and nxt_raw in _BITS:
        return _make(tokens, i, last + 1, value * _BITS[nxt_raw], "bits")
    if suffix:
        if suffix in _SCALES:
            value *= _SCALES[suffix]
        elif suffix in _UNITS:
            dimension, factor = _UNITS[suffix]
            value *= factor
        else:
            return None  # "3D", "4G": a name, not a figure
    nxt_index = last + 1
    if dimension == "count" and nxt_index < len(tokens) and tokens[nxt_index].fold in _SCALES \
            and not suffix and tokens[nxt_index].fold not in ("b", "t", "m"):
        value *= _SCALES[tokens[nxt_index].fold]
        last = nxt_index
        nxt_index += 1
    plus = nxt_index < len(tokens) and tokens[nxt_index].fold in ("+", "plus")
    if plus:
        last = nxt_index
        nxt_index += 1
    if dimension == "count" and nxt_index < len(tokens):
        unit = tokens[nxt_index].fold
        if unit == "-" and nxt_index + 1 < len(tokens) and tokens[nxt_index + 1].fold in _UNITS \
                and len(tokens[nxt_index + 1].fold) > 1:
            nxt_index += 1  # "3-fold", "10-litre", "5-minute"
            unit = tokens[nxt_index].fold
        # "5 s" is five seconds, "5 S" is not a unit.
        letter_case_wrong = unit in ("s", "b", "h") and not tokens[nxt_index].text.islower()
        if unit in _UNITS and not letter_case_wrong:
            dimension, factor = _UNITS[unit]
            value *= factor
            last = nxt_index
        elif unit == "per" and nxt_index + 1 < len(tokens) and tokens[nxt_index + 1].fold == "cent":
            dimension, last = "percent", nxt_index + 1
        elif unit in _CURRENCY_WORDS and not currency:
            currency, last = _CURRENCY_WORDS[unit], nxt_index
    if currency and dimension == "count":
        dimension = f"money:{currency}"
    if last + 1 < len(tokens) and tokens[last + 1].fold in ("+", "plus"):
        plus, last = True, last + 1
    return _make(tokens, i, last, value, dimension, bound="lower" if plus else "")


def _make(
    tokens: list[Token], first: int, last: int, value: float, dimension: str, bound: str = ""
) -> Figure:
    written, start = _bound_before(tokens, first)
    return Figure(value, dimension, bound or written, start, last, tokens[start].start,
                  tokens[last].end)


def _share_range_units(found: list[Figure], tokens: list[Token]) -> None:
    """"3-5 years", "3 to 5 years": the first number takes the unit of the second."""
    for k in range(len(found) - 1):
        a, b = found[k], found[k + 1]
        if a.dimension != "count" or b.dimension == "count":
            continue
        between = [t.fold for t in tokens[a.last + 1:b.first]]
        if between in (["-"], ["to"]):
            unit = tokens[b.last].fold
            factor = _UNITS.get(unit, (b.dimension, 1.0))[1]
            found[k] = Figure(a.value * factor, b.dimension, a.bound, a.first, a.last,
                              a.start, a.end)
