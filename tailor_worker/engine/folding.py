"""Text folding before any comparison of a claim with its evidence.

Look-alike spellings must compare equal to what they imitate, or a lie hides behind them:
"Кafka" with a Cyrillic К, full-width "Ｋａｆｋａ", "Kaf\u200bka" with a zero-width space.
`visible` applies Unicode NFKC (full-width forms, ligatures, compatibility letters) and drops
invisible format characters; `clean` also maps each character that Unicode's confusables table
(TR39, through the `confusable-homoglyphs` package) says imitates a Latin letter or digit to
that letter; `fold` also casefolds. Both the evidence and the model's text go through the
same functions, so neither side can win by spelling.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from confusable_homoglyphs import confusables

# Dotted / dotless i: casefold() keeps them apart from "i", regex IGNORECASE does not.
_SPECIAL = str.maketrans(
    {
        "\u0130": "I",
        "\u0131": "i",
        "\u2019": "'",
        "\u2018": "'",
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2212": "-",
        "\u00a0": " ",
    }
)


@lru_cache(maxsize=8192)
def _latin_lookalike(char: str) -> str:
    """The ASCII letter or digit `char` imitates, or `char` itself."""
    if char.isascii() or not char.isalnum():
        return char
    found = confusables.is_confusable(char, greedy=True, preferred_aliases=["latin"])
    if not found:
        return char
    for glyph in found[0]["homoglyphs"]:
        candidate = str(glyph["c"])
        if candidate.isascii() and candidate.isalnum():
            return candidate
    return char


def visible(text: str) -> str:
    """NFKC, typographic punctuation made plain, invisible format characters (zero-width
    spaces and joiners, bidi marks) removed: the text as a reader sees it."""
    text = unicodedata.normalize("NFKC", text).translate(_SPECIAL)
    return "".join(c for c in text if unicodedata.category(c) != "Cf")


def clean(text: str) -> str:
    """`visible`, and look-alikes mapped to Latin; case kept."""
    if text.isascii():
        return text
    return "".join(_latin_lookalike(c) for c in visible(text))


def fold(text: str) -> str:
    """`clean`, then case folded: the form every comparison uses."""
    return text.lower() if text.isascii() else clean(text).casefold()


def word_key(text: str) -> str:
    """Lower-case words only, punctuation dropped ("C++" and "C#" keep theirs): how the parser
    and the judges' adapter tell that two names or fields are the same text."""
    return " ".join(re.sub(r"[^\w+#]+", " ", text.lower()).split())


def is_mixed_script(word: str) -> bool:
    """Letters from more than one script in one word ("Кafka"): a spelling nobody types."""
    scripts = {_script(c) for c in unicodedata.normalize("NFKC", word) if c.isalpha()}
    return len(scripts) > 1


def _script(char: str) -> str:
    name = unicodedata.name(char, "")
    return name.split(" ", 1)[0] if name else "?"
