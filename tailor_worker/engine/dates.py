"""Date and date-range recognition for resume lines, normalised to "YYYY" / "YYYY-MM"."""

from __future__ import annotations

import re
from dataclasses import dataclass

_MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
# The months as German, Dutch, Scandinavian and French CVs write them ("Januar 2012",
# "mars 2019", "Oktober 2020 - heute"), whose first three letters are no English month's.
_FOREIGN_MONTHS = {
    "fév": 2,
    "fev": 2,
    "mär": 3,
    "maa": 3,
    "avr": 4,
    "mai": 5,
    "mei": 5,
    "juin": 6,
    "juil": 7,
    "aoû": 8,
    "aou": 8,
    "okt": 10,
    "dez": 12,
    "des": 12,
    "déc": 12,
}
_MONTH = (
    r"(?:jan(?:uary|uar|vier|uari)?|feb(?:ruary|ruar|ruari)?|f[ée]v(?:rier)?"
    r"|mar(?:ch|s)?|m[äa]rz|maart|apr(?:il)?|avr(?:il)?|may|mai|mei|june?|juni|juin"
    r"|july?|juli|juil(?:let)?|aug(?:ust|ustus)?|ao[ûu]t|sep(?:t(?:ember|embre)?)?"
    r"|o[ck]t(?:ober|obre)?|nov(?:ember|embre)?|de[czs](?:ember)?|d[ée]c(?:embre)?)\.?"
)


def month_number(word: str) -> int:
    """The month a word of `_MONTH` names: "Sept." -> 9, "Januar" -> 1, "juillet" -> 7."""
    w = word.lower()
    for prefix in (w[:4], w[:3]):
        if prefix in _FOREIGN_MONTHS:
            return _FOREIGN_MONTHS[prefix]
    return _MONTHS[w[:3]]


_YEAR = r"(?:19|20)\d{2}"
# A template's year ("19xx - 20XX" in a sample resume) marks a date as a real one does, but
# normalises to "" (unknown): nothing is computed from it.
_ANY_YEAR = r"(?:19|20)(?:\d{2}|[xX]{2}(?![a-zA-Z]))"
TEMPLATE_YEAR = re.compile(r"(?<!\d)(?:19|20)[xX]{2}(?![a-zA-Z])")
_MM = r"(?:0?[1-9]|1[0-2])"
# Academic and internship dates ("Summer 2018") map to the season's months, northern style.
_SEASONS = {
    "spring": (3, 5),
    "summer": (6, 8),
    "fall": (9, 11),
    "autumn": (9, 11),
    "winter": (1, 2),
}
_SEASON = r"(?:spring|summer|fall|autumn|winter)"
MONTH_OR_SEASON = rf"(?:{_MONTH}|{_SEASON})"  # a date's first word ("May", "Sept.", "Fall")
# A day of the month, as full dates write it: "September 1, 2014", "Sept. 1st 2014",
# "1st September 2014", "01 Sep 2014", "2014-09-01". Read as the month: roles are dated by
# month, and a day left unread broke the date ("September 1, 2014" read as the year alone,
# "1st September 2014 - 31st August 2015" as 2014 to 2031).
_DAY = r"(?:0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?"
_DAY_FIRST = rf"(?<![\w/.-]){_DAY}\s+(?:of\s+)?"
# "Q3 2016": a quarter, read as its first month (its last as an end). A month and its year
# may stand either side of a slash ("Mar/2017 – Dec/2019", as Brazilian CVs write them).
_QUARTER = rf"(?<!\w)Q[1-4]\s*{_YEAR}"
DATE = (
    rf"(?:{_QUARTER}|(?:{_DAY_FIRST})?{_MONTH}\s*(?:{_DAY}\s*,?\s*)?(?:,?\s*|/)'?{_ANY_YEAR}"
    rf"|{_MONTH}\s*'\d{{2}}(?!\d)|{_SEASON}\s*,?\s*{_ANY_YEAR}"
    rf"|{_YEAR}-{_MM}-{_DAY}(?![\d/.-])"
    rf"|{_YEAR}[-/.]{_MM}(?![\d/.-])|(?<!\d){_MM}[-/.]{_YEAR}|(?<!\d){_ANY_YEAR}(?!\d))"
)
# An open end: "2019 - Present", "Jan 2022 – till date" (Indian CVs), "2018 – to date".
PRESENT = (
    r"(?:present|currently|current|(?:(?:till|til|to|until|up\s+to)\s+)?(?:date|now)|today"
    r"|ongoing|continuing|présent|aujourd'hui|heute|actuel|presente|actualidad)"
)
# "to", "until:" ("Since: September 1st 2014 Until: Currently", a form's labels); the tilde
# Korean, Japanese and Chinese CVs write ("2021.07 ~ Present").
_SEP = r"\s*(?:–|—|-|−|~|～|〜|(?:to|until|till|through|thru)\b:?)\s*"
RANGE_RE = re.compile(rf"(?P<start>{DATE}){_SEP}(?P<end>{DATE}|{PRESENT})", re.IGNORECASE)
DATE_RE = re.compile(DATE, re.IGNORECASE)
# "05/13-08/14", "09/14 - Present", "Jul 01 to Apr 04": months and two-digit years, read
# only as a range (a lone "05/13" or "May 13" is as likely the 13th of May). An apostrophe
# may stand before the year, as an export's escaped quote too ("Aug \xe2\x80\x9809").
_QUOTE = r"(?:'|’|‘|\\xe2\\x80\\x9[89])?"


def _short_date(side: str) -> str:
    """A month ("05/", "Jul", "Aug '") and a two-digit year, in groups named for `side`."""
    return (
        rf"(?:(?P<{side}m>{_MM})/|(?P<{side}w>{_MONTH})\s*{_QUOTE})"
        rf"(?P<{side}y>\d{{2}})(?![\d/])"
    )


_MM_YY_RANGE = re.compile(
    rf"(?<![\d/.\w]){_short_date('s')}{_SEP}(?:{_short_date('e')}|(?P<open>{PRESENT}))",
    re.IGNORECASE,
)
# "1979-92", "(1982-86)": a year and the end year's last two digits. Not "2006-09", which
# reads as a year and its month (ISO), so only an end past 12.
# Nor "2014 - 31st August" (a day) or "2014 - 72%" (a grade after the year).
_YEAR_YY_RANGE = re.compile(
    rf"(?<![\d/.])(?P<start>{_YEAR})\s*[-–—]\s*(?P<end>[1-9]\d)"
    rf"(?![\d/.-]|st|nd|rd|th|\s+{_MONTH}|\s*%)",
    re.IGNORECASE,
)
# "'17 – '19", "'21 - Present": years written by their last two digits after an apostrophe.
_QUOTED_YY_RANGE = re.compile(
    rf"(?<![\w'’‘])['’‘](?P<start>\d{{2}})\s*[-–—]\s*(?:['’‘](?P<end>\d{{2}})(?!\d)|{PRESENT})",
    re.IGNORECASE,
)


# Full dates on both ends, day and month in either order: "01/03/2015 – 31/08/2018" (Europass,
# day first), "8/1/2008 - 1/1/2012" (American, month first), "15.09.2014 – 28.02.2015".
def _full_date(side: str) -> str:
    """A day and a month in either order and a year, in groups named for `side`."""
    return rf"(?P<{side}a>\d{{1,2}})[/.](?P<{side}b>\d{{1,2}})[/.](?P<{side}y>{_YEAR})"


_FULL_DATE_RANGE = re.compile(
    rf"(?<![\d/.]){_full_date('s')}{_SEP}(?:{_full_date('e')}(?![\d/.])|(?P<open>{PRESENT}))",
    re.IGNORECASE,
)


def _day_and_month_order(full: re.Match[str]) -> bool:
    """Whether the range writes the day first: a number past 12 is the day, and failing that
    a 1 is the day a role began or ended on ("8/1/2008"); else the day first, as most CVs
    outside the United States write it."""
    pairs = [(int(full[f"{s}a"]), int(full[f"{s}b"])) for s in "se" if full[f"{s}a"]]
    if any(a > 12 for a, _ in pairs):
        return True
    if any(b > 12 for _, b in pairs):
        return False
    the_first_of_the_month = all(b == 1 for _, b in pairs) and not all(a == 1 for a, _ in pairs)
    return not the_first_of_the_month


def _full_date_range(line: str) -> DateSpan | None:
    full = _FULL_DATE_RANGE.search(line)
    if full is None:
        return None
    day_first = _day_and_month_order(full)

    def month(side: str) -> str:
        number = int(full[f"{side}b"] if day_first else full[f"{side}a"])
        return f"{full[f'{side}y']}-{number:02d}" if 1 <= number <= 12 else full[f"{side}y"]

    end = "present" if full["open"] else month("e")
    return DateSpan(month("s"), end, full.group(0), full.start(), full.end())


# "Since 2021", "since March 2019", "Since: September 1st 2014": open-ended, the role goes on.
# "2021 – " at the end of a line or a table cell: a range left open, to the present.
_OPEN_END_RE = re.compile(rf"(?P<start>{DATE})\s*(?:–|—|-|−)\s*(?=$|\|)", re.IGNORECASE)
SINCE_RE = re.compile(rf"\bsince:?\s+(?P<start>{DATE})", re.IGNORECASE)


@dataclass(frozen=True)
class DateSpan:
    start: str
    end: str
    text: str  # as written
    begin: int  # offsets in the line
    finish: int


def normalise(raw: str, *, end: bool = False) -> str:
    """ "Jan 2020" -> "2020-01", "May '19" -> "2019-05", "03/2019" -> "2019-03", "2019" ->
    "2019", "Summer 2018" -> "2018-06" ("2018-08" as an `end`), "Present" -> "present";
    "" when unrecognised."""
    s = raw.strip().lower()
    s = re.sub(rf"^{_DAY}\s+(?:of\s+)?(?=[a-z])", "", s)  # "1st september 2014"
    iso_day = re.fullmatch(rf"({_YEAR}-{_MM})-{_DAY}", s)
    if iso_day:
        s = iso_day.group(1)
    short = re.fullmatch(rf"({_MONTH})\s*'(\d{{2}})", s)
    if short:
        s = f"{short.group(1)} {_full_year(short.group(2))}"
    quarter = re.fullmatch(rf"q([1-4])\s*({_YEAR})", s)
    if quarter:
        q = int(quarter.group(1))
        return f"{quarter.group(2)}-{q * 3 if end else q * 3 - 2:02d}"
    if re.fullmatch(PRESENT, s):
        return "present"
    s = s.replace("'", "")
    year = re.search(_YEAR, s)
    if not year:
        return ""
    y = year.group(0)
    season = re.match(_SEASON, s)
    if season:
        first, last = _SEASONS[season.group(0)]
        return f"{y}-{last if end else first:02d}"
    word = re.match(_MONTH, s)
    if word:
        return f"{y}-{month_number(word.group(0)):02d}"
    rest = (s[: year.start()] + " " + s[year.end() :]).strip(" -/.")
    if rest.isdigit() and 1 <= int(rest) <= 12:
        return f"{y}-{int(rest):02d}"
    return y


def _full_year(yy: str) -> int:
    """ "13" -> 2013, "98" -> 1998: resumes rarely reach back before 1950."""
    return 2000 + int(yy) if int(yy) < 50 else 1900 + int(yy)


def _month_of(short: re.Match[str], side: str) -> str:
    """ "05/13" or "May 13" -> "2013-05"."""
    word = short[f"{side}w"]
    month = month_number(word) if word else int(short[f"{side}m"])
    return f"{_full_year(short[f'{side}y'])}-{month:02d}"


def find_range(line: str, *, two_digit_years: bool = True) -> DateSpan | None:
    """The first date range in a line, else an open-ended "since" date (to the present), else
    a lone date (as the end, with no start: "May 2019" alone may end a degree or a role, and
    nothing says when it began; a season is its own start and end), else None.
    `two_digit_years=False` leaves ranges such as "05/13-08/14" unread."""
    full = _full_date_range(line)
    if full is not None:
        return full
    m = RANGE_RE.search(line)
    if m:
        return DateSpan(
            normalise(m.group("start")),
            normalise(m.group("end"), end=True),
            m.group(0),
            m.start(),
            m.end(),
        )
    short = _MM_YY_RANGE.search(line) if two_digit_years else None
    if short:
        end = "present" if short["open"] else _month_of(short, "e")
        start = _month_of(short, "s")
        return DateSpan(start, end, short.group(0), short.start(), short.end())
    quoted = _QUOTED_YY_RANGE.search(line) if two_digit_years else None
    if quoted:
        start = str(_full_year(quoted["start"]))
        end = str(_full_year(quoted["end"])) if quoted["end"] else "present"
        return DateSpan(start, end, quoted.group(0), quoted.start(), quoted.end())
    years = _YEAR_YY_RANGE.search(line) if two_digit_years else None
    if years and int(years["end"]) > 12:
        first = int(years["start"])
        last = first - first % 100 + int(years["end"])
        if last > first:
            return DateSpan(str(first), str(last), years.group(0), years.start(), years.end())
    opened = _OPEN_END_RE.search(line)
    if opened:
        start = normalise(opened.group("start"))
        return DateSpan(start, "present", opened.group(0).rstrip(), opened.start(), opened.end())
    since = SINCE_RE.search(line)
    if since:
        start = normalise(since.group("start"))
        return DateSpan(start, "present", since.group(0), since.start(), since.end())
    single = DATE_RE.search(line)
    if single:
        value = normalise(single.group(0), end=True)
        # A season is a span on its own ("Summer 2018" = June to August).
        start = normalise(single.group(0)) if re.match(_SEASON, single.group(0), re.I) else ""
        return DateSpan(start, value, single.group(0), single.start(), single.end())
    return None


def months_between(start: str, end: str, today: tuple[int, int], *, least: bool = False) -> int:
    """Whole months from start to end ("present" = today); 0 when unknown. A year alone
    spans the whole year, or with `least` (for a claim the resume will make) only its last
    month as a start and its first as an end: "2016 - 2017" is at least 2 months."""

    def parse(value: str, default_month: int) -> tuple[int, int] | None:
        if value == "present":
            return today
        if re.fullmatch(r"\d{4}", value):
            return int(value), default_month
        if re.fullmatch(r"\d{4}-\d{2}", value):
            return int(value[:4]), int(value[5:])
        return None

    a, b = parse(start, 12 if least else 1), parse(end, 1 if least else 12)
    if a is None or b is None:
        return 0
    return max(0, (b[0] - a[0]) * 12 + b[1] - a[1] + 1)


def year_key(value: str) -> str:
    """A normalised date's year for ordering, "present" after any ("" before any)."""
    return "9999" if value == "present" else value[:4]


def within(span: tuple[str, str], tenure: tuple[str, str]) -> bool:
    """The years of `span` (start, end) lie within those of `tenure`."""
    return year_key(tenure[0]) <= year_key(span[0]) and year_key(span[1]) <= year_key(tenure[1])
