"""Education as a resume writes it, by the text alone: the degree and its field as written,
degrees by their form, what names a place of study and what does not, and the stage an
entry is at. Pure rules over strings; `resume_parser` combines them with the layout and the
entity CRF."""

from __future__ import annotations

import re
from dataclasses import dataclass

from resumeai.v1 import result_pb2
from tailor_worker.engine import dates, vocabulary
from tailor_worker.engine.sections import CITATION, TITLE_WORDS

# A word that names a place of study.
INSTITUTION_WORD = re.compile(
    r"\b(?:university|college|institute|institutions|school|academy|polytechnic|universit\w+|"
    # Schools as other languages name them ("Universidade de São Paulo", "École Polytechnique
    # Fédérale de Lausanne", "Hochschule für Gestaltung", "Instituto Superior Técnico"), and
    # Australia's TAFE institutes ("TAFE NSW").
    r"universidad|universidade|hochschule|fachhochschule|[ée]cole|escola|escuela|instituto|"
    r"institut|politecnico|polit[ée]cnica|hogeschool|h[öo]gskola|akademie|akademia|"
    r"lyc[ée]e|liceo|tafe|gymnasium|faculdade|facultad|facult[ée]|col[áa]iste|scoil|"
    r"tecnol[óo]gico|vidyalaya|"
    # Indonesian and Malaysian secondary schools ("SMA Negeri 3 Bandung", "SMK Taman
    # Melawati"), by their capitals only.
    r"(?-i:SMA|SMK|SMP))\b",
    re.IGNORECASE,
)


_DEGREE_END = re.compile(
    r"\s*(?:[|;•·\t]|\s[–—-]\s|\s{2,}|\bfrom\b|\bat\b|,?\s*\bc?gpa\b|\(?\b(?:19|20)\d{2}\b|"
    # "May 2017", "Fall 20XX": the date, month or season and all
    rf",?\s*\b{dates.MONTH_OR_SEASON},?\s+(?:19|20)(?:\d{{2}}|xx)\b|"
    r",\s*(?=[^,]*" + INSTITUTION_WORD.pattern + r"))",
    re.IGNORECASE,
)


def degree_text(line: str, known: str = "") -> str:
    """The degree as written on `line`, field included ("B.Tech in Computer Science" in
    "B.Tech in Computer Science from X University, 2016"); "" when the line names none.
    studyType keeps the bare degree ("B.Tech"); this is the label a reader sees. `known` is
    a degree read otherwise (by the entity CRF: "J.D."), for lines the vocabulary has none."""
    return degree_parts(line, known)[0]


def degree_parts(line: str, known: str = "") -> tuple[str, str]:
    """`degree_text` and the field of study it names as written ("Computer Science"), or
    "" for either."""
    found = [(m.start, m.end) for m in vocabulary.find_terms(line) if m.term.kind == "degree"]
    # A degree by its form; not one named for its field ("Master of Social Work"), after
    # which comes no field of its own ("Master of Software Engineering Fellow").
    by_form = (
        bool(known)
        and (_ABBREVIATED_DEGREE.fullmatch(known) or degree_form(known) == known)
        and not _MASTER_OR_BACHELOR_OF.fullmatch(known)
    )
    at = line.find(known) if by_form else -1
    if not found and at >= 0:
        found = [(at, at + len(known))]
    if not found:
        return "", ""
    start, end = found[0]
    rest = line[end:]
    bracket = _FIELD_IN_BRACKETS.match(rest)
    if bracket is not None and names_degree(bracket.group("field")):
        # "Bachelor of Commerce (B.Com.), Major in Accountancy": the degree's own initials.
        end += bracket.end()
        rest, bracket = line[end:], None
    field = _FIELD_AFTER.match(rest)
    if bracket is not None:
        # "MBA (Finance), Georgia Tech": the field in brackets right after the degree.
        return line[start : end + bracket.end()].strip(), bracket.group("field")
    honours = _HONOURS_IN.match(rest)
    if honours is not None:
        # "B.A. with honors in Communications & Mass Media": the field after the honours.
        return line[start : end + honours.end()].strip(), honours.group("field")
    if field is not None and field_of_study(field.group("field")):
        # "BS - Behavioral Science", "BS, Information Technology, Concentration in ...": the
        # field stands after a separator that elsewhere ends the degree.
        tail = rest[: field.end()]
    else:
        cut = _DEGREE_END.search(rest)
        tail = rest[: cut.start()] if cut else rest
        after_date = (
            _FIELD_AFTER_DATE.match(rest, cut.start()) if cut and not tail.strip() else None
        )
        if after_date is not None and _discipline_field(after_date.group("field")):
            # "Ph.D. August 1991 Political Science": the field after the date of the degree.
            found_field = after_date.group("field").strip()
            return f"{line[start:end]} {found_field}", found_field
        if len(_outside_brackets(tail).split()) > 6:
            # "B.A. Communication Studies with a concentration in ...": the field up to its
            # first qualifier, when that is short enough to be one.
            tail = _QUALIFIER.split(tail, maxsplit=1)[0]
    if INSTITUTION_WORD.search(tail) or len(_outside_brackets(tail).split()) > 6:
        tail = ""
    tail = re.sub(r"\s*[(\[]\s*$", "", tail)  # "(GPA 3.81 / 4.3)" cut at its figure
    field_text = re.sub(
        r"^[\s.,:;–—-]*(?:\((?:hons|honou?rs)\)\s*)?(?:majors?\s*(?:in\s|:)\s*)?(?:(?:in|of)\s+)?",
        "",
        tail,
        flags=re.I,
    ).strip(" ,:-–—")
    acronym = _ACRONYM_AFTER.match(rest, len(tail))
    if tail and acronym is not None:
        tail = rest[: acronym.end()]  # "... in Software Engineering (BSEE)"
    return (line[start:end] + tail).strip(" ,:-–—"), field_text


# "Ph.D. August 1991 Political Science (emphasis ...)": a date, then the field.
_FIELD_AFTER_DATE = re.compile(
    rf"\s*,?\s*(?:{dates.MONTH_OR_SEASON},?\s+)?(?:19|20)\d{{2}}\s*,?\s+"
    r"(?P<field>[^,;|•·()\d]+)",
    re.IGNORECASE,
)
# The degree's own acronym after its field: "(BSEE)", "(MPHE)".
_ACRONYM_AFTER = re.compile(r"\s*\([A-Z]{2,6}\)")
# "(Finance)" or "(CS)" after a degree, not "(Hons)", "(2012)" or "(3.8 GPA)".
_FIELD_IN_BRACKETS = re.compile(
    r"\.?\s*\((?P<field>(?!hons|honou?rs|distinction|first|pass|merit)"
    r"[A-Za-z][A-Za-z&/ .-]{0,38})\)",
    re.IGNORECASE,
)
# A separator, then the part up to the next one: the field when `field_of_study` says so.
_FIELD_AFTER = re.compile(
    r"\.?\s*(?:,|\s[–—-])\s*(?P<field>[^,|;•·()–—]+?)(?=\s*(?:[,|;•·(]|\s[–—-]\s|$))"
)
# Where a long field is qualified: "with", "concentration", honours, a bracket, a comma.
_QUALIFIER = re.compile(
    r"\s*(?:[,;(]|\bwith\b|\bconcentration\b|\b(?:summa|magna)?\s*cum\s+laude\b)",
    re.IGNORECASE,
)


def _outside_brackets(text: str) -> str:
    return re.sub(r"\([^()]*\)", " ", text)


# A degree the vocabulary may not know, abbreviated: "J.D.", "MS.", "A.A.", "Ed. D", "LLB".
_ABBREVIATED_DEGREE = re.compile(r"[A-Z][a-zA-Z]?\.?\s?[A-Z][a-zA-Z]?\.?(?:\s?[A-Z]\.?)?")


def field_of_study(part: str) -> bool:
    """A field of study as it follows a degree: a few capitalised words, no figures, no
    institution, not a date or a grade ("Behavioral Science", not "May 2001" or "GPA 3.8")."""
    words = part.split()
    return (
        0 < len(words) <= 6
        and part[:1].isupper()
        and not re.search(r"\d", part)
        and INSTITUTION_WORD.search(part) is None
        and re.match(
            rf"{dates.DATE}|(?:gpa|cgpa|grade|honou?rs|minor|major|dean|expected)\b",
            part,
            re.IGNORECASE,
        )
        is None
    )


# "Minor in Computer Science", "Major: Consumer Economics", "Majoring in Finance": a field
# an entry states apart from its degree, which the degree's own field does not hold.
_STATED_FIELD = re.compile(
    r"\b(?P<kind>majors?|majoring|minors?|minoring|speciali[sz]ation|concentration)\b"
    r"(?:\s+(?:in|on)\s+|\s*[:–-]\s*)(?P<field>[^,;.()|•·:]+)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class StatedField:
    field: str  # "Media Studies"
    written: str  # "Minor: Media Studies"
    minor: bool


def stated_fields(text: str) -> list[StatedField]:
    """The majors and minors a line states ("Majors: History, Minor: Media Studies")."""
    out: list[StatedField] = []
    for m in _STATED_FIELD.finditer(text):
        found = m.group("field").strip(" -–")
        if field_of_study(found):
            written = text[m.start() : m.start("field") + len(found)]
            out.append(StatedField(found, written, m.group("kind").lower().startswith("minor")))
    return out


# The head words of academic disciplines: a field of study names one ("Counselor Education
# & Supervision", "Linguistics"); a place or a post beside an institution does not
# ("Berkeley", "Adjunct Professor").
_DISCIPLINE = re.compile(
    r"\b(?:stud(?:y|ies)|sciences?|education|engineering|arts|law|management|administration|"
    r"economics|philosophy|sociology|psychology|linguistics|history|mathematics|physics|"
    r"chemistry|biology|literature|english|journalism|communications?|nursing|medicine|"
    r"accounting|finance|marketing|business|informatics|technology|design|music|theat(?:re|er)|"
    r"theology|anthropology|geography|statistics|architecture|supervision|counseling|"
    r"counselling|pharmacy|agriculture|commerce|humanities|languages?|policy|health|"
    r"computing|electronics|mechanics|ecology|geology|astronomy|criminology|planning)\b",
    re.IGNORECASE,
)


def names_discipline(part: str) -> bool:
    """The text names an academic discipline by one of its head words."""
    return _DISCIPLINE.search(part) is not None


def _discipline_field(part: str) -> bool:
    return field_of_study(part.strip()) and names_discipline(part)


# The small words inside a school's name ("University of the West of England", "Universidad
# de Buenos Aires", "Royal College of Surgeons in Ireland"): no capital needed.
_JOINING_WORDS = frozenset(
    ["of", "the", "and", "&", "for", "in", "at", "de", "du", "des", "di", "del", "la", "y"]
)
JOINING_WORD = rf"(?:{'|'.join(sorted(_JOINING_WORDS))})"


def institution_like(part: str) -> bool:
    """An institution's name by its layout alone: a few capitalised words, no figures but a
    campus number ("University of Texas at Austin", "Université Lumière Lyon 2", not "funded
    through the university of 2014")."""
    words = part.split()
    named = [w for w in words if w.lower() not in _JOINING_WORDS]
    return (
        0 < len(named) <= 6  # "Newtown High School of the Performing Arts": five, and joiners
        and len(words) <= 10
        # Past six words, a name's every word capitalised, and no sentence's colon.
        and (
            len(words) <= 6
            or (all(w[:1].isupper() or w[:1] in "('\"" for w in named) and ":" not in part)
        )
        and part[:1].isupper()
        and not re.search(r"\d", re.sub(r"\s\d{1,2}$", "", part.rstrip()))
        and not part.rstrip().endswith((".", "of", "the", "and"))
    )


# Degrees and diplomas by their form, where neither the vocabulary nor the CRF names one:
# "Diploma in Advance Nursing", "Post Graduate Program in Business Analytics", "Graduate in
# Commerce", "Doctor of Education", "Juris Doctor", "Master's Degree"; and abbreviations
# written in capitals ("PGDM", "B.S.W.", "M.L.S.", "B. Tech", "H.S.C"). Case matters: a
# lower-case "program in" is a sentence's, not a credential's.
_FIELD_WORDS = r"[A-Z][\w&'’]*(?:\s+(?:(?:and|&|of|in|for)\s+)?[A-Z][\w&'’]*){0,5}"
# Capitalised words that open a sentence, not a field ("The degree", "Completed Diploma").
_NO_FIELD_OPENING = r"(?!(?:The|A|An|My|This|Completed|Pursuing|Awarded)\b)"
_DEGREE_FORM = re.compile(
    # An awarding body's level before the form: "CIPD Level 7 Advanced Diploma in ...".
    rf"\b(?:(?:(?:[A-Z]{{2,5}}\s+)?Level\s+\d\s+)?"
    rf"(?:(?:Post|Under)[- ]?[Gg]raduate\s+|Advanced?\s+|Associate\s+)?"
    rf"(?:[Dd]iploma|[Dd]egree|Certificate)(?:\s+[Cc]ourse)?\s+(?:in|of)\s+{_FIELD_WORDS}|"
    rf"(?:Post|Under)[- ]?[Gg]raduate\s+Program(?:me)?\s+in\s+{_FIELD_WORDS}|"
    rf"(?:[Pp]ost[- ]?)?[Gg]raduate\s+in\s+{_FIELD_WORDS}|"
    rf"[Dd]octor\s+of\s+{_FIELD_WORDS}|[Jj]uris\s+[Dd]octor|"
    # Medical and dental degrees, and Oxford's and Cambridge's MA ("MA (Oxon)"); "MD" only
    # opening its line ("MD (Res), Imperial College London"), not a state ("Baltimore, MD").
    r"(?<![\w.])(?:MBBS|MBChB|M\.B\.B\.S|BDS|M\.D|M\.?A\.?\s*\((?:Oxon|Cantab)\))(?![\w])\.?|"
    r"^MD(?:\s*\(Res\))?(?=\s*[,(]|\s+in\s|\s[-–—]\s)|"
    # "Electronics Engineering degree": a field, then the word degree.
    rf"(?<![\w.]){_NO_FIELD_OPENING}{_FIELD_WORDS}\s+degree\b|"
    r"(?:[Mm]aster|[Bb]achelor)\\?['’]?s\s+[Dd]egree|"
    r"(?<![\w.])(?:PGD[A-Z]{0,3}|B\.\s?S\.\s?W\.?|M\.\s?L\.\s?S\.?|B\.?\s?Tech|[Bb]tech|S\.S\.C|H\.S\.C|"
    r"LL\.?[BM]|M\.?Phil|D\.?Phil|MFA|BFA|MPH|MSW|MPA|M\.\s?E[Dd]|B\.\s?E[Dd]|PGCE|PGDE)\b|"
    # Dotted arts, design, architecture and pharmacy degrees, the French DUT, and Quebec's
    # DEC before its field ("DEC in Computer Science Technology"; never the month "Dec").
    r"(?<![\w.])(?:[BM]\.F\.A|B\.B\.A|M\.P\.H|[BM]\.?Arch|[BM]\.Des|[BM]\.?Pharm|DUT)\b\.?|"
    r"(?<![\w.])DEC(?=\s+in\s+[A-Z])|"
    # German and Austrian diplomas with their field: "Dipl.-Ing. Maschinenbau", "Dipl.-Kfm.",
    # "Diplom-Ingenieur (FH)", "Dipl.-Inf. (Univ.) Informatik".
    rf"(?<![\w.])(?:Dipl\.-?\s?[A-Z][a-z]{{1,5}}\.(?:-[A-Z][a-z]{{1,4}}\.)?|Diplom-[A-Z][a-z]+)"
    rf"(?:\s*\((?:FH|TU|Univ\.?)\))?(?:\s+{_FIELD_WORDS})?|"
    # British vocational qualifications and their field: "NVQ 3 in Retailing", "HND Business".
    rf"(?<![\w.])(?:G?NVQ|HN[CD]|BTEC(?:\s+HN[CD])?)(?:\s+(?:[Ll]evel\s+)?\d)?"
    rf"\s+(?:in\s+)?(?![Ll]evel\b){_FIELD_WORDS}(?!\w)|"
    # Associate degrees and the doctor of education, whose last letter is a dotted capital.
    r"(?<![\w.])(?:Ed\.\s?D|A\.A\.(?:S\.)?|A\.S\.)(?!\w)|"
    # Dotted abbreviations the job vocabulary leaves out ("MS Office" is no degree there);
    # undotted only before what follows a degree and no state ("Jackson, MS") or product
    # ("MS-Office"): a bracket, "in", a spaced dash, or its own full stop and a comma.
    r"(?<![\w.])(?:B\.E|M\.E|M\.S|M\.Ed|Ph\.\s?D)\b\.?|"
    r"(?<![\w.])(?:MS|BE)(?:\.(?=\s*,)|(?=\s*\(|\s+in\s|\s[-–—]\s)))"
)


# "with honors in Communications & Mass Media" right after the degree.
_HONOURS_IN = re.compile(
    rf"\s+with\s+(?:high(?:est)?\s+)?honou?rs\s+in\s+(?P<field>{_FIELD_WORDS})"
)


# "Master of Social Work", "Bachelor of Nursing": a master's or bachelor's by its name, the
# whole of its part of the line (not "Master of Ceremonies at", nor "Master of Software
# Engineering Fellow", a title).
_MASTER_OR_BACHELOR_OF = re.compile(
    rf"(?:^|(?<=[,|:–—]\s)|(?<=\d\s))(?:Master|Bachelor)\s+of\s+{_FIELD_WORDS}"
    r"(?=\s*(?:[,|(–—]|\s-\s|\d|$))"
)


# "Master's thesis: ...", "Bachelor project (grade 1.3)": a line about a degree's work, which
# names no degree of its own.
_ABOUT_A_DEGREE = re.compile(
    r"^\W*(?:(?:master|bachelor|doctoral|diploma|honou?rs)['’]?s?|ph\.?\s?d\.?|[bm]\.?\s?sc\.?)"
    r"\s+(?:thesis|dissertation|project|capstone)\b",
    re.IGNORECASE,
)


def about_a_degree(line: str) -> bool:
    return _ABOUT_A_DEGREE.match(line) is not None


def degree_form(line: str) -> str:
    """A degree by `_DEGREE_FORM` on `line`, not on a line about a committee, a talk or an
    office ("MSW Research sub-committee"), nor about a degree's thesis."""
    if not_studied_at(line) or about_a_degree(line):
        return ""
    found = _DEGREE_FORM.search(line)
    if found is None:
        found = _MASTER_OR_BACHELOR_OF.search(line)
        if found is not None and TITLE_WORDS.search(found.group().split()[-1]):
            found = None
    return found.group().strip() if found else ""


def names_degree(line: str) -> bool:
    """The line names a degree the vocabulary knows or one by its form."""
    if about_a_degree(line):
        return False
    return any(m.term.kind == "degree" for m in vocabulary.find_terms(line)) or bool(
        degree_form(line)
    )


def opens_with_degree(line: str) -> bool:
    """The line opens with its degree (the vocabulary's or one by its form), however long it
    runs after ("Master's Degree in Business Education from ... Training Institute,")."""
    found = [m.start for m in vocabulary.find_terms(line) if m.term.kind == "degree"]
    form = degree_form(line)
    if form:
        found.append(line.find(form))
    return any(0 <= at <= 2 for at in found)


def named_degrees(text: str) -> list[str]:
    """The degrees of the vocabulary `text` names by their full name ("Bachelor of Science")
    or abbreviation ("B.S.", "MBA"), as written; not a word that only sounds like one
    ("Masters Thesis", "throughout Masters and Honours research")."""
    return [
        m.surface
        for m in vocabulary.find_terms(text)
        if m.term.kind == "degree" and _NAMED_DEGREE.search(m.surface)
    ]


_NAMED_DEGREE = re.compile(r"^[A-Z].*\bof\b|^[A-Z][A-Za-z]?\.|^[A-Z]{2,}$")


def stated_degree(sentence: str) -> str:
    """The degree a sentence says the person holds or studies for, as written ("B.S. in
    Marketing"): one `named_degrees` finds, or one by its form, capitalised; else ""."""
    named = named_degrees(sentence)
    if named:
        whole = degree_text(sentence, named[0]) or named[0]
        return whole[:-1] if len(whole) > len(named[0]) and whole.endswith(".") else whole
    form = degree_form(sentence)
    return form if form[:1].isupper() else ""


def all_degree(line: str) -> bool:
    """The line is a named degree and its field and little else ("Bachelor of Engineering in
    Computer Science & Engineering"), not "Masters Thesis"."""
    named = named_degrees(line)
    whole = degree_text(line, named[0]) if named else ""
    return bool(whole) and len(re.sub(r"\W", "", whole)) * 5 >= len(re.sub(r"\W", "", line)) * 4


def not_of_study(name: str) -> bool:
    """A body one belongs to or serves (`_NOT_OF_STUDY`), not a place of study."""
    return _NOT_OF_STUDY.search(name) is not None


def not_studied_at(line: str) -> bool:
    """A line that names an institution without having studied there (`_NOT_STUDIED_AT`)."""
    return _NOT_STUDIED_AT.search(line) is not None


# A school before college, or the certificate of leaving one.
_SECONDARY = re.compile(
    r"\b(?:high[- ]?school|(?:higher\s+)?secondary|matric(?:ulation)?|hr\.?\s?sec|"
    r"middle\s+school|elementary\s+school|primary\s+school|grammar\s+school|junior\s+high|"
    r"vidyalaya\w*|convent|public\s+school|ssc|hsc|sslc|cbse|icse|gcse|a[- ]levels?|"
    r"abitur|matura|leaving\s+cert\w*|gymnasium|ncea|wassce|class\s+(?:xii|x)\b|"
    r"(?:10|12)th(?:\s+(?:standard|class|grade))?)\b",
    re.IGNORECASE,
)


# The certificate of leaving school, opening a line: "High School Diploma, Lincoln High
# School", "GED", "HSC (2008)", "A-Levels: Maths, Physics", "Higher School Certificate".
_SCHOOL_LEAVING = re.compile(
    r"(?:(?:high|secondary)\s+school\s+(?:diploma|certificate)|g\.?e\.?d\.?|ssc|hsc|sslc|"
    r"a[- ]levels?|gcses?|higher\s+school\s+certificate|"
    # Germany's and Austria's, Ireland's, New Zealand's, West Africa's and India's: "Abitur",
    # "Matura", "Leaving Certificate", "NCEA Level 3", "Senior School Certificate (WASSCE)",
    # "Class XII (CBSE)".
    r"abitur|matura|leaving\s+cert(?:ificate)?|ncea(?:\s+level\s+\d)?|wassce|"
    r"senior\s+(?:secondary\s+)?school\s+certificate|class\s+(?:xii|x|10|12)(?:th)?|"
    # The Philippines' senior high school track: "Senior High School – ICT Strand".
    r"senior\s+high\s+school\s*[–—-]\s*\w+\s+strand|"
    # Australia's, Ontario's and South Africa's: "Queensland Certificate of Education (QCE)",
    # "Ontario Secondary School Diploma (OSSD)", "National Senior Certificate".
    r"(?:[A-Z][a-z]+\s+)?certificate\s+of\s+education|ontario\s+secondary\s+school\s+diploma|"
    r"national\s+senior\s+certificate)\b",
    re.IGNORECASE,
)


def opens_with_school_leaving(line: str) -> bool:
    return bool(school_leaving(line))


def school_leaving(part: str) -> str:
    """The certificate of leaving school that opens `part` ("Abitur" of "Abitur, 2012"), or
    ""."""
    found = _SCHOOL_LEAVING.match(part)
    return found.group() if found else ""


# "Associate in Occupational Studies (AOS)", "Associate of Applied Science": an associate
# degree's opening (not one of the degree forms, which the labels do not count).
_ASSOCIATE_DEGREE = re.compile(r"associate(?:'?s)?\s+(?:of|in|degree)\b", re.IGNORECASE)


# Qualifications named by their last word, or an associate degree written out, read only
# as the degree of an education entry that names no other: "Paralegal Studies Certificate",
# "Police Foundations Diploma", "Associate of Applied Science in Emergency Medical Services".
_CREDENTIAL = re.compile(
    rf"(?<![\w.]){_NO_FIELD_OPENING}(?:{_FIELD_WORDS}\s+(?:Certificate|Diploma)(?!\s+(?:in|of)\b)|"
    rf"Associate(?:'?s)?\s+(?:of|in)\s+{_FIELD_WORDS}(?:\s+in\s+{_FIELD_WORDS})?)"
)


def credential(line: str) -> str:
    """A qualification by `_CREDENTIAL` on `line`, or ""."""
    found = None if not_studied_at(line) else _CREDENTIAL.search(line)
    if found is None or INSTITUTION_WORD.search(found.group()):  # "Salford College Diploma"
        return ""
    return found.group().strip()


def opens_with_qualification(line: str) -> bool:
    """The line opens with a degree, a school-leaving certificate or an associate degree: an
    education line, whatever the entity model reads in it."""
    return (
        opens_with_degree(line)
        or opens_with_school_leaving(line)
        or _ASSOCIATE_DEGREE.match(line) is not None
        or _opens_with_credential(line)
    )


def _opens_with_credential(line: str) -> bool:
    """ "Nurse Assistant Certificate, 2015": the line's first part is a credential."""
    first = line.split(",")[0].strip()
    return bool(first) and credential(first) == first


def certificate_alone(line: str) -> bool:
    """ "High School Diploma, 2012", "GED": the certificate of leaving school and no school."""
    return opens_with_school_leaving(line) and without_school_leaving(line) == line


def without_school_leaving(name: str) -> str:
    """ "Lincoln High School" of "High School Diploma, Lincoln High School" (the CRF reads
    the two as one institution); `name` itself when no school follows the certificate."""
    found = _SCHOOL_LEAVING.match(name)
    if found is None:
        return name
    rest = name[found.end() :].lstrip(" ,;:|-–—")
    return rest if INSTITUTION_WORD.search(rest) else name


def names_secondary(text: str) -> bool:
    """The text names a school before college or its board or certificate ("Lincoln High
    School", "CBSE", "HSC")."""
    return _SECONDARY.search(text) is not None


def level(edu: result_pb2.EducationEntry) -> result_pb2.EducationLevel.ValueType:
    """SECONDARY for a school before college (by its name, or by the entry's lines when it
    names none); POSTSECONDARY for a degree, or a college, university or institute."""
    named = edu.institution or " ".join(n.text for n in edu.lines)
    if names_secondary(named):
        return result_pb2.EDUCATION_LEVEL_SECONDARY
    if edu.study_type:
        return result_pb2.EDUCATION_LEVEL_POSTSECONDARY
    if INSTITUTION_WORD.search(edu.institution) and not re.search(
        r"\bschool\b", edu.institution, re.IGNORECASE
    ):
        return result_pb2.EDUCATION_LEVEL_POSTSECONDARY
    return result_pb2.EDUCATION_LEVEL_UNSPECIFIED


# A body one belongs to or serves, not a place of study: "Decision Sciences Institute
# Conference", "American College Personnel Association", "University Service", "Oxford
# University Press".
_NOT_OF_STUDY = re.compile(
    r"\b(?:associations?|society|conference|committees?|council|proceedings|press|services?|"
    r"choir|singers|team|members?|chair(?:man)?|day|programs?|district|board|grants?|"
    r"fellowship|review|journal|course|certifi\w*)\b",
    re.IGNORECASE,
)
# A line that names an institution without having studied there: a citation ("Vol. 69",
# "(eds.)", "Pp. 387"), a talk, a committee, a membership or office ("Member, University
# Planning Group").
_NOT_STUDIED_AT = re.compile(
    r"\b(?:vol|pp|eds|no)\.(?=[\s)]|$)|" + CITATION.pattern + r"|\b(?:speaker|presentation|talk)\b|"
    r"\bcommittee\b|"
    r"^(?:\d{4}\s*[–—-]\s*\d{4}:\s*)?(?:executive\s+)?(?:board\s+)?(?:member|chair(?:man|person)?|"
    r"president|treasurer|secretary)\b",
    re.IGNORECASE,
)


# What was studied, not where: "Information Technology", "Major in Computer Science".
_STUDIED = re.compile(
    r"(?:(?:major|minor|specialization|concentration)\b.*|.*\b(?:engineering|technology|"
    r"science|sciences|management|administration|communications?|marketing|studies|law|"
    r"security|training|electronics|it))$",
    re.IGNORECASE,
)


def studied(institution: str) -> bool:
    """An institution read that names a field of study or a degree instead, or a fragment
    that opens in lower case ("and ongoing training")."""
    if not institution or INSTITUTION_WORD.search(institution):
        return False
    kinds = {m.term.kind for m in vocabulary.find_terms(institution)}
    return (
        bool(kinds & {"degree", "field"})
        or _STUDIED.fullmatch(institution) is not None
        or not institution[:1].isupper()
    )
