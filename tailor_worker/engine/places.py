"""Regions a resume names ("Austin, TX", "Bengaluru, Karnataka", "Lyon, France"): US
states, Canadian provinces, Australian and Indian states, and countries. The parser uses
them to tell a place from an employer; a closed list, since these change rarely and a
gazetteer package of every city would cost tens of megabytes for this one test. (A city
before its state is no sign of a place: "Heritage Bank of Huntsville, AL" names employers
that way as often as cities.)"""

from __future__ import annotations

import re

_US_STATES = (
    "Alabama AL|Alaska AK|Arizona AZ|Arkansas AR|California CA|Colorado CO|Connecticut CT|"
    "Delaware DE|Florida FL|Georgia GA|Hawaii HI|Idaho ID|Illinois IL|Indiana IN|Iowa IA|"
    "Kansas KS|Kentucky KY|Louisiana LA|Maine ME|Maryland MD|Massachusetts MA|Michigan MI|"
    "Minnesota MN|Mississippi MS|Missouri MO|Montana MT|Nebraska NE|Nevada NV|"
    "New Hampshire NH|New Jersey NJ|New Mexico NM|New York NY|North Carolina NC|"
    "North Dakota ND|Ohio OH|Oklahoma OK|Oregon OR|Pennsylvania PA|Rhode Island RI|"
    "South Carolina SC|South Dakota SD|Tennessee TN|Texas TX|Utah UT|Vermont VT|Virginia VA|"
    "Washington WA|West Virginia WV|Wisconsin WI|Wyoming WY|District of Columbia DC"
)
_STATES = (
    # Canadian provinces, Australian states, Indian states
    "Ontario|Quebec|British Columbia|Alberta|Manitoba|Saskatchewan|Nova Scotia|New Brunswick|"
    "Newfoundland and Labrador|Newfoundland|Prince Edward Island|Yukon|Nunavut|"
    "New South Wales|Victoria|Queensland|Tasmania|Western Australia|South Australia|"
    "Andhra Pradesh|Assam|Bihar|Chhattisgarh|Goa|Gujarat|Haryana|Himachal Pradesh|Jharkhand|"
    "Karnataka|Kerala|Madhya Pradesh|Maharashtra|Odisha|Orissa|Punjab|Rajasthan|Tamil Nadu|"
    "Telangana|Uttar Pradesh|Uttarakhand|West Bengal|Delhi|Jammu and Kashmir|"
    # Malaysian states, South African provinces, and regions other CVs name after a town
    "Selangor|Johor|Penang|Pulau Pinang|Perak|Sabah|Sarawak|Kedah|Kelantan|Pahang|"
    "Terengganu|Melaka|Negeri Sembilan|Gauteng|Western Cape|Eastern Cape|KwaZulu-Natal|"
    "Limpopo|Mpumalanga|Free State|Sindh|Khyber Pakhtunkhwa|Metro Manila|Cebu|"
    # Nigerian states whose names are no common word
    "Lagos|Abuja|FCT|Ogun|Oyo|Kano|Kaduna|Enugu|Anambra"
)
_COUNTRIES = (
    "USA|U\\.S\\.A\\.?|U\\.S\\.|United States|UK|U\\.K\\.|United Kingdom|England|Scotland|Wales|"
    "Ireland|Canada|Australia|New Zealand|India|Pakistan|Bangladesh|Sri Lanka|Nepal|China|"
    "Japan|Singapore|Malaysia|Philippines|Indonesia|Israel|UAE|Dubai|Saudi Arabia|Qatar|"
    "Egypt|Kenya|Nigeria|South Africa|Germany|France|Spain|Italy|Netherlands|Belgium|"
    "Switzerland|Austria|Sweden|Norway|Denmark|Finland|Poland|Greece|Portugal|Brazil|Mexico|"
    "Argentina|Colombia|Chile|Palestine|Russia|Ukraine|Turkey|Türkiye|Vietnam|Viet Nam|"
    "South Korea|Korea|Thailand|Taiwan|Hong Kong|Ghana|Uganda|Tanzania|Rwanda|Ethiopia|"
    "Zimbabwe|Zambia|Cameroon|Morocco|Tunisia|Algeria|Jordan|Lebanon|Kuwait|Oman|Bahrain|"
    "Peru|Venezuela|Ecuador|Uruguay|Czech Republic|Czechia|Hungary|Romania|Bulgaria|Serbia|"
    "Croatia|Slovakia|Slovenia|Lithuania|Latvia|Estonia|Luxembourg|Iceland"
)
# Canadian provinces' and Australian states' postal codes ("Montréal, QC", "Sydney NSW");
# not Alberta's "AB" nor South Australia's "SA", which are legal forms too ("Ericsson AB").
_OTHER_CODES = "ON|QC|BC|MB|SK|NS|NB|NL|PE|PEI|YT|NU|NSW|VIC|QLD|TAS|ACT"
_NAMES = [p.rsplit(" ", 1)[0] for p in _US_STATES.split("|")]
_CODES = [p.rsplit(" ", 1)[1] for p in _US_STATES.split("|")] + _OTHER_CODES.split("|")
# Names match in any case ("CALIFORNIA"); two-letter codes only in capitals ("IN", not "in").
_STATE = rf"(?:(?i:{'|'.join(_NAMES)}|{_STATES})|(?:{'|'.join(_CODES)})(?![a-z]))"
REGION = re.compile(rf"(?:{_STATE}|(?i:{_COUNTRIES}))\.?(?!\w)")


_COUNTRY = re.compile(rf"(?i:{_COUNTRIES})\.?")


def is_country(text: str) -> bool:
    return _COUNTRY.fullmatch(text.strip()) is not None


def is_region(text: str) -> bool:
    """The whole text is a region: "California", "TX", "India"."""
    return REGION.fullmatch(text.strip()) is not None


# A British postcode ("B18 6NF", "LE1 7RH"), the region of an address line that names none.
_POSTCODE = r"[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}"
# "Princeton, NJ", "Tampa, Florida 33601", "Pune, Maharashtra": a place of one to three
# capitalised words and its state, alone on a line (not its country: "Capgemini, Canada").
# Counted once on the labelled resumes' lines of that shape: 239 name no employer, 5 do, each a
# law firm's "P.A." ("The Solomon Law Group, PA"), which a business word or a middle initial
# tells apart.
_BARE_PLACE = re.compile(
    rf"[\W_]*(?P<place>[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){{0,2}})"
    rf"(?:,?\s+{_STATE}\.?(?:,?\s+\d{{5}}(?:-\d{{4}})?)?|\s+(?-i:{_POSTCODE}))[\s.]*"
)
_FIRM_WORDS = re.compile(
    r"\b(?:law|legal|group|office|offices|associates|bank|inc|ltd|llc|[A-Z]\.)(?!\w)", re.I
)


def has_firm_word(text: str) -> bool:
    """A word that names a firm or an office, not a place ("Law", "Associates", "Inc")."""
    return _FIRM_WORDS.search(text) is not None


def bare_place(line: str) -> str:
    """The place of a line that is a place and its region alone ("Princeton" of
    "Princeton, NJ"), else ""."""
    m = _BARE_PLACE.fullmatch(line.strip())
    if m is None or _FIRM_WORDS.search(m.group("place")):
        return ""
    return m.group("place")


def with_state_code(place: str) -> str:
    """ "Ukiah, CA" of "Ukiah, Ca": a state's code written in title case after the comma. Not
    read into `bare_place` itself: "Acme, Co" there would make the employer a place."""
    return re.sub(r",\s*([A-Z][a-z])\.?$", lambda m: f", {m[1].upper()}", place.strip())


# Where a role was worked from besides its town ("Toronto, Ontario, Canada · Hybrid").
WORK_MODES = r"remote|hybrid|on-?site"
_WORK_MODE_AFTER = re.compile(rf"\s*[·|]\s*(?:{WORK_MODES})\s*$", re.IGNORECASE)
# A town's name: one to three capitalised words ("Toronto", "St. George", "Alba").
TOWN = r"[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,2}"


def town_in_its_country(line: str) -> str:
    """The town of a line that is a town, its state or province and its country alone
    ("Toronto" of "Toronto, Ontario, Canada · Hybrid", as LinkedIn writes a role's place),
    else ""."""
    town, _, rest = _WORK_MODE_AFTER.sub("", line.strip()).partition(",")
    region = [part.strip() for part in rest.split(",")]
    if (
        len(region) == 2
        and is_region(region[0])
        and not is_country(region[0])
        and is_country(region[1])
        and re.fullmatch(TOWN, town.strip())
        and not has_firm_word(town)
    ):
        return town.strip()
    return ""
