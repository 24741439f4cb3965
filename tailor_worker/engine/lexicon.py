"""The guard's word lists: what a rewrite may add, swap or must keep.

A bullet may use the words of its cited line in any inflection ("cutting" for "cut"), the
function words below, and the meaning-preserving substitutions of `SUBSTITUTIONS`. Nothing
else: every other word is a claim the line has to make. The lists here only decide what is
*allowed*; the word classes at the end (qualifiers, honours, scope, ...) only name the rule in
a finding, so a word missing from them is still refused, just under the generic rule.
"""

from __future__ import annotations

import re
from functools import lru_cache

from lemminflect import getAllLemmas, getAllLemmasOOV


def word_set(text: str) -> frozenset[str]:
    """The whitespace-separated words of a table written as one string."""
    return frozenset(text.split())


# Words that carry no claim of their own. Deliberately small: negations, quantifiers
# ("all", "every", "only"), comparators ("over", "under", "since"), intensifiers and relative
# pronouns ("engineers who led" says who led) are not here, so they have to be in the line.
# "by" is here for "by rewriting" and "by 35%"; support.check refuses a new "by" + agent.
FUNCTION_WORDS = word_set("""
a an the of to in on at for with by from into onto via per as and or also while using so
its their his her our this these those it they them
is are was were be been being has have had s
""")

# Groups of verbs and nouns a rewrite may exchange in either direction: each says the same
# thing as the others, never more. Lemmas (American spelling), one group per line.
_EQUIVALENT = """
build develop implement create construct write
reduce cut lower decrease shrink trim
increase raise grow boost expand lift rise
improve enhance strengthen
tune optimize
migrate move port transition
mentor coach
train teach instruct
use utilize leverage
collaborate partner cooperate
help assist support aid
resolve fix solve repair
handle process serve
conduct perform execute run
introduce establish
monitor track
analyze assess evaluate examine
automate script
test validate verify
deploy ship release
write author
design devise
manage oversee supervise
coordinate organize
start initiate
speed accelerate expedite
streamline simplify
block reject
hire recruit
research investigate study
identify find detect
secure obtain
reach hit achieve attain
produce generate
customer client
each every
staff employee personnel
"""

# One-way substitutions: the line's word (left) may become the weaker word (right), never the
# reverse ("architected" may be told as "designed"; "designed" is never "architected").
_WEAKER = {
    "architect": ("design", "build"),
    "spearhead": ("lead", "drive"),
    "lead": ("coordinate", "drive"),
    "own": ("maintain", "support"),
    "overhaul": ("improve", "rework"),
    "launch": ("release", "ship", "deploy"),
    "found": ("start",),
}


def _groups() -> dict[str, frozenset[str]]:
    out: dict[str, frozenset[str]] = {}
    for line in _EQUIVALENT.strip().splitlines():
        group = frozenset(line.split())
        for word in group:
            out[word] = out.get(word, frozenset()) | group
    return out


_GROUPS = _groups()


@lru_cache(maxsize=65536)
def sources_for(lemma: str) -> frozenset[str]:
    """Lemmas a line may hold for a bullet to say `lemma` (itself included)."""
    sources = set(_GROUPS.get(lemma, frozenset({lemma})))
    sources.update(strong for strong, weak in _WEAKER.items() if lemma in weak)
    return frozenset(sources)


def with_sources(lemmas: frozenset[str]) -> frozenset[str]:
    """`lemmas` and every lemma a line may hold for a bullet to say one of them: the keys to
    look a bullet's word up by in an index of the line's words."""
    return lemmas.union(*(sources_for(k) for k in lemmas))


# Pairs that must never be allowed (the line's word, the bullet's word): inflation of role or
# scope. Tested against `sources_for`, so a future table edit cannot sneak one in.
NEVER = (
    ("mentor", "manage"), ("contribute", "lead"), ("use", "expert"), ("help", "lead"),
    ("assist", "lead"), ("participate", "lead"), ("design", "architect"),
    ("build", "architect"), ("support", "own"), ("join", "found"), ("coordinate", "lead"),
    ("reduce", "eliminate"), ("improve", "transform"), ("test", "design"),
    ("cut", "increase"), ("reduce", "increase"), ("increase", "reduce"), ("lead", "head"),
    ("lead", "direct"), ("maintain", "own"), ("study", "teach"), ("assist", "manage"),
    ("use", "employ"), ("help", "manage"), ("support", "lead"), ("mentor", "supervise"),
    ("run", "lead"), ("run", "manage"), ("coordinate", "manage"), ("research", "discover"),
)

_BRITISH = (
    (re.compile(r"is(e|ed|es|ing|ation|ations|er|ers)$"), r"iz\1"),
    (re.compile(r"ys(e|ed|es|ing)$"), r"yz\1"),
    (re.compile(r"([bt])re(s?)$"), r"\1er\2"),
    (re.compile(r"our(s?|ed|ing)$"), r"or\1"),
    (re.compile(r"elled$|elling$"), lambda m: m.group(0)[1:]),
    (re.compile(r"dgement(s?)$"), r"dgment\1"),
)
# Rates written as one word: "nightly" says "each night", "annual" says "a year".
_RATES = {"hourly": "hour", "daily": "day", "nightly": "night", "weekly": "week",
          "fortnightly": "fortnight", "monthly": "month", "quarterly": "quarter",
          "yearly": "year", "annual": "year", "annually": "year"}


def americanize(word: str) -> str:
    """optimised -> optimized, analyse -> analyze, centre -> center (folded words)."""
    if len(word) < 5:
        return word
    for pattern, repl in _BRITISH:
        word = pattern.sub(repl, word)
    return word


def is_rate(word: str) -> bool:
    return word in _RATES


@lru_cache(maxsize=65536)
def lemmas(word: str) -> frozenset[str]:
    """The word (folded), its American spelling and every lemma of either, any part of
    speech. "cutting" -> {cutting, cut}; "optimised" -> {optimised, optimized, optimize}."""
    forms = {word, americanize(word)}
    out = set(forms)
    if word in _RATES:
        out.add(_RATES[word])
    for form in forms:
        if not form.isalpha():
            continue
        found = getAllLemmas(form)
        if not found:  # jargon ("rightsized", "dockerised"): guess a noun and a verb lemma
            found = {**getAllLemmasOOV(form, upos="NOUN"), **getAllLemmasOOV(form, upos="VERB")}
        for values in found.values():
            out.update(v.lower() for v in values)
    return frozenset(out)


# Verbs that make what follows them less than done ("helped to build", "tried to fix").
LIMITING = frozenset({"help", "assist", "support", "contribute", "try", "attempt", "aim",
                      "plan", "propose", "learn", "hope", "seek", "want", "prepare"})

NEGATIONS = frozenset({"not", "no", "never", "without", "none", "nor", "neither", "n't",
                       "zero", "cannot", "unable", "nothing"})

# Direction of a change: a bullet that turns one into the other flips the claim.
UP = frozenset({"increase", "raise", "grow", "boost", "double", "triple", "quadruple",
                "expand", "gain", "rise", "accelerate", "speed", "maximize", "add", "lift"})
DOWN = frozenset({"reduce", "cut", "lower", "decrease", "shrink", "drop", "decline", "fall",
                  "trim", "slash", "minimize", "halve", "eliminate", "save", "lose", "remove"})

# Classes used to name the rule that refused a word (see support.classify).
QUALIFIERS = word_set("""
expert expertise exposure familiar familiarity proficient proficiency advanced deep
extensive strong solid seasoned veteran guru ninja master mastery fluent world-class
world class best-in-class cutting-edge significantly dramatically substantially greatly
massively hugely zero flawless flawlessly perfect perfectly always consistently seamless
seamlessly highly exceptional exceptionally outstanding leading top elite premier
""")
HONOURS = word_set("""
award awarded award-winning winning winner prize honor honour honors honours honored
honoured patent patented summa magna cum laude distinction fellowship fellow scholarship
medal recognition recognized recognised published publication keynote nominated
valedictorian dean's
""")
SCOPE = word_set("""
manage manager management head chief director vp vice president principal staff lead
architect architected company-wide company wide organization-wide org-wide enterprise
global globally entire whole all every sole solely single handedly singlehandedly alone solo
own owned owner ownership founded founder cofounder co-founder direct reports report
executive c-suite board department division nationwide worldwide international
""")
# Honours written with ordinary words: "manager of the year", "employee of the month".
HONOUR_PHRASES = ("of the year", "of the month", "of the quarter", "top performer",
                  "number one", "best in class", "hall of fame")
DURATIONS = word_set("""
year years decade decades month months week weeks day days since straight consecutive
running long-standing longstanding
""")
