"""Parse and format citations of parliamentary papers and references to EU documents.

Parliamentary papers are cited in many ways ("Kamerstukken II, 2022–23, 32 317, nr. 790",
"Kamerstuk 32 317, nr. 866", "32317-872", "36 410 VI nr. 85", "21 501-20, nr. 2000",
"21501-20-2000", "35 913, B"). This module turns each of them into one `Citation` and prints one
canonical form. The other forms documents cite are read here too, each into its own kind with
its own canonical form: the proceedings (`ProceedingsCitation`: "Handelingen II 2023/24, nr. 45,
item 12", "Aanhangsel Handelingen II 2023/24, nr. 1234"), letters known by their date only
(`LetterCitation`: "Kamerbrief van 12 maart 2024") and EU references (`EUReference`:
"COM(2022) 245", "2022/0155(COD)", "ST 12345/23", CELEX "32024R1348", "PbEU L 2024/1348").
`parse_reference` and `find_references` take all of them. Pure Python, no ORM, so that it can be
tested fast and fuzzed.
"""

import datetime
import functools
import re
from dataclasses import dataclass

from dateutil.relativedelta import TU, relativedelta

from .dates import MONTH_NAMES, parse_date_phrase
from .prefilter import may_match, required_strings
from .spans import TakenSpans

TWEEDE_KAMER = "TK"
EERSTE_KAMER = "EK"

_CHAMBER_BY_NUMERAL = {"II": TWEEDE_KAMER, "I": EERSTE_KAMER}
_NUMERAL_BY_CHAMBER = {TWEEDE_KAMER: "II", EERSTE_KAMER: "I"}


class CitationError(ValueError):
    """Raised for text that is not a Kamerstuk citation; the message says why, in Dutch."""


@dataclass(frozen=True)
class Citation:
    chamber: str
    dossier_number: str
    sub_number: str = ""
    session_year: str = ""
    dossier_chapter: str = ""
    joint_dossier_numbers: tuple[str, ...] = ()

    def __str__(self):
        return format_citation(self)

    @property
    def key(self):
        """What identifies the paper: the session year is descriptive, not part of its identity."""
        return (self.chamber, self.dossier_number, self.dossier_chapter, self.sub_number)


@dataclass(frozen=True)
class FoundCitation:
    citation: Citation
    text: str
    start: int
    end: int


# A dossier number is five digits, printed "32 317" or "32317"; a few old ones have four
# ("1234"), and the model allows six ("123 456") for the ones to come.
_NUMBER = r"\d{2,3}\s?\d{3}|\d{4}"
_SESSION = r"(?:19|20)\d{2}\s*[-–/]\s*(?:(?:19|20)\d{2}|\d{2})"
_ROMAN = r"(?:X{0,3})(?:IX|IV|V?I{0,3})"
_CITATION = rf"""
    (?P<prefix>Kamerstuk(?:ken)?\b\.?\s*(?P<chamber>II|I)?\b)?
    [,\s]*
    (?P<session>{_SESSION})?
    [,\s]*
    (?:nr\.?\s*)?
    (?P<number>{_NUMBER})
    # A budget chapter ("36 410 VI") or a series' sub-series ("21 501-20"): the part of the
    # dossier number the official publications print between number and paper ("kst-21501-20-2000").
    (?:
        (?:\s+|\s?-\s?)(?P<chapter>(?=[IVX])(?:{_ROMAN}))\b
      | \s?-\s?(?P<series>\d{{2}})
        (?=\s*(?:,\s*(?:nr|no)\b|nr\b|-\s*\d|,\s*(?-i:[A-Z]{{1,2}})(?![\w])))
    )?\b
    (?P<joint>(?:\s*(?:en|,)\s*(?:{_NUMBER})(?!\s*-))*)
    (?:
        ,?\s*(?:nr|no)\.?\s*(?P<sub_nr>\d{{1,5}})
      | \s*-\s*(?P<sub_dash>\d{{1,5}})
      # A lettered paper; "nr." whose number is left out is no letter.
      | ,\s*(?!(?-i:[Nn][ro])\b)(?P<sub_letter>[A-Z]{{1,2}})(?![\w])
    )
"""
_FULL_RE = re.compile(rf"^\s*{_CITATION}\s*[.;]?\s*$", re.VERBOSE | re.IGNORECASE)
_SCAN_RE = re.compile(_CITATION, re.VERBOSE | re.IGNORECASE)


def parse_citation(text):
    """Parse one citation; raise CitationError for anything else.

    A citation without a chamber is taken as the Tweede Kamer's, unless its sub-number is a
    letter: lettered papers are the Eerste Kamer's.
    """
    if not isinstance(text, str) or not text.strip():
        raise CitationError(
            "Lege verwijzing: geef een Kamerstuk op, bijvoorbeeld "
            "'Kamerstukken II 2023/24, 32 317, nr. 867'."
        )
    match = _FULL_RE.match(text)
    if match is None:
        raise CitationError(
            f"'{text.strip()[:80]}' is geen herkenbare Kamerstukverwijzing; verwacht bijvoorbeeld "
            "'Kamerstukken II 2023/24, 32 317, nr. 867' of '32317-867'."
        )
    return _citation_from_match(match)


# Several papers of one dossier: "Kamerstuk 32 317, nrs. 854 en 852".
_NUMBERS_RE = re.compile(
    rf"""(?P<head>(?:Kamerstuk(?:ken)?\b\.?\s*(?:II|I)?\b)?[,\s]*(?:{_SESSION})?[,\s]*
        (?:{_NUMBER})(?:\s?-\s?\d{{2}})?),?\s*nrs\.?\s*
        (?P<numbers>\d{{1,5}}(?:\s*(?:,|en|&)\s*\d{{1,5}})+)\b""",
    re.VERBOSE | re.IGNORECASE,
)


def find_citations(text):
    """Every citation in a running text (footnotes included), with its position."""
    found = _listed_citations(text)
    listed, next_listed = [(item.start, item.end) for item in found], 0
    for match in _SCAN_RE.finditer(text):
        # Both in text order: skip the lists that end before this match, then test the next.
        while next_listed < len(listed) and listed[next_listed][1] <= match.start():
            next_listed += 1
        if next_listed < len(listed) and listed[next_listed][0] < match.end():
            continue
        has_context = match.group("prefix") or match.group("session")
        bare_dash = (
            match.group("sub_dash")
            and not match.group("sub_dash").startswith("0")  # "21 501-08": a sub-series
            and re.fullmatch(r"\d{5}", re.sub(r"\s", "", match.group("number")))
        )
        if not (has_context or match.group("sub_nr") or bare_dash):
            continue
        if _names_a_sub_series(match):
            continue
        try:
            citation = _citation_from_match(match)
        except CitationError:
            continue
        found.append(
            FoundCitation(citation, match.group(0).strip(" ,"), match.start(), match.end())
        )
    return sorted(found, key=lambda item: item.start)


# The Council series is printed by sub-series, one per formation ("21 501-31 Raad voor de
# Werkgelegenheid ..."): its papers are cited "21 501-31, nr. 12". A bare "21 501-31" names the
# sub-series, as a page heading does, not paper nr. 31 of the series (a paper of the 1990s).
_SERIES_BY_FORMATION = ("21501",)


def _names_a_sub_series(match):
    sub_dash = match.group("sub_dash")
    return (
        sub_dash is not None
        and len(sub_dash) == 2
        and not (match.group("series") or match.group("chapter"))
        and re.sub(r"\s", "", match.group("number")) in _SERIES_BY_FORMATION
    )


# The strings a "nrs." list cannot be without ("nrs"): a text without them is not searched.
_NUMBERS_REQUIRED = required_strings(_NUMBERS_RE)


def _listed_citations(text):
    """One citation per number of a "nrs." list, each spanning its own number (the first
    also the dossier before it)."""
    found = []
    if not may_match(_NUMBERS_REQUIRED, text.lower()):
        return found
    for match in _NUMBERS_RE.finditer(text):
        head = match.group("head").strip(" ,")
        numbers = list(re.finditer(r"\d{1,5}", match.group("numbers")))
        for index, number in enumerate(numbers):
            try:
                citation = parse_citation(f"{head}, nr. {number.group()}")
            except CitationError:
                break
            start = match.start() if index == 0 else match.start("numbers") + number.start()
            end = match.start("numbers") + number.end()
            found.append(FoundCitation(citation, text[start:end].strip(" ,"), start, end))
    return found


def format_citation(citation):
    """The canonical form: 'Kamerstukken II 2023/24, 32 317, nr. 867'."""
    head = f"Kamerstukken {_NUMERAL_BY_CHAMBER[citation.chamber]}"
    if citation.session_year:
        start, end = citation.session_year.split("-")
        head += f" {start}/{end[2:]}"
    number = format_dossier_number(citation.dossier_number)
    if citation.dossier_chapter.isdigit():
        number += f"-{citation.dossier_chapter}"
    elif citation.dossier_chapter:
        number += f" {citation.dossier_chapter}"
    for joint in citation.joint_dossier_numbers:
        number += f" en {format_dossier_number(joint)}"
    parts = [head, number]
    if citation.sub_number.isdigit():
        parts.append(f"nr. {citation.sub_number}")
    elif citation.sub_number:
        parts.append(citation.sub_number)
    return ", ".join(parts)


# The official publications name each Kamerstuk by an identifier: "kst-32317-867",
# "kst-21501-20-2000" (sub-series), "kst-36410-VI-85" (budget chapter), "kst-35612-D" (a lettered
# paper of the Eerste Kamer). Its page is the publication a citation links to.
_OFFICIAL_IDENTIFIER = re.compile(
    r"\bkst-(?P<number>\d{4,6})(?:-(?P<chapter>\d{2}|[IVX]{1,5}))?-(?P<sub>\d{1,5}|[A-Z]{1,2})\b"
)
OFFICIAL_PAGE = "https://zoek.officielebekendmakingen.nl/{identifier}.html"


def official_identifier(citation):
    """ "kst-32317-867" for a Kamerstuk with a paper number; "" for a whole dossier."""
    if not citation.sub_number:
        return ""
    parts = ["kst", citation.dossier_number, citation.dossier_chapter, citation.sub_number]
    return "-".join(part for part in parts if part)


def official_url(citation):
    """The address of the paper's page on zoek.officielebekendmakingen.nl, or "" when there is
    none to name: a whole dossier, the Handelingen of a whole sitting, other references."""
    if isinstance(citation, ProceedingsCitation):
        identifier = citation.official_identifier
    elif isinstance(citation, Citation):
        identifier = official_identifier(citation)
    else:
        identifier = ""
    return OFFICIAL_PAGE.format(identifier=identifier) if identifier else ""


def find_official_identifier(text):
    """The Kamerstuk an official identifier in `text` names ("kst-32317-867", also inside an
    address), or None. A lettered paper is the Eerste Kamer's; the session year is not in it."""
    match = _OFFICIAL_IDENTIFIER.search(text)
    if match is None:
        return None
    sub_number = match.group("sub")
    return Citation(
        chamber=EERSTE_KAMER if sub_number.isalpha() else TWEEDE_KAMER,
        dossier_number=match.group("number"),
        dossier_chapter=match.group("chapter") or "",
        sub_number=sub_number,
    )


def citation_to_fetch(text):
    """The Kamerstuk a citation ("Kamerstuk 32 317, nr. 867") or an official address
    ("https://zoek.officielebekendmakingen.nl/kst-32317-867.html") names; CitationError when
    it names none."""
    text = text.strip()
    return (find_official_identifier(text) if "kst-" in text else None) or parse_citation(text)


def format_dossier_number(number):
    """'32317' -> '32 317', as the Kamer prints it; four digits stay together."""
    digits = re.sub(r"\s", "", number)
    return f"{digits[:-3]} {digits[-3:]}" if len(digits) > 4 else digits


def normalize_session_year(text):
    """'2022–23', '2023/24', '2021-2022' -> '2022-2023'; CitationError if they do not follow."""
    match = re.fullmatch(r"\s*((?:19|20)\d{2})\s*[-–/]\s*(\d{2}|\d{4})\s*", text or "")
    if match is None:
        raise CitationError(f"'{text}' is geen vergaderjaar; verwacht bijvoorbeeld '2023-2024'.")
    start = int(match.group(1))
    end_text = match.group(2)
    if len(end_text) == 4:
        end = int(end_text)
    else:
        end = start - start % 100 + int(end_text)
        if end < start:
            end += 100
    if end != start + 1:
        raise CitationError(
            f"Vergaderjaar '{text.strip()}' klopt niet: het tweede jaar moet op het eerste volgen."
        )
    return f"{start}-{end}"


def session_year_on(day):
    """The session year (vergaderjaar) `day` falls in, as '2023-2024'. A session year begins
    on the third Tuesday of September (Prinsjesdag)."""
    prinsjesdag = datetime.date(day.year, 9, 1) + relativedelta(weekday=TU(3))
    start = day.year if day >= prinsjesdag else day.year - 1
    return f"{start}-{start + 1}"


def session_years_possible(day):
    """The session years a paper dated `day` can be printed in: its own, or the next one for
    a letter dated in the days before Prinsjesdag and published after it."""
    return {session_year_on(day), session_year_on(day + PUBLICATION_DELAY)}


# The longest a letter takes from its date to its publication as a Kamerstuk, for the session
# year check: letters dated a few days before Prinsjesdag are printed in the new session year.
PUBLICATION_DELAY = datetime.timedelta(days=14)


def _citation_from_match(match):
    numeral = (match.group("chamber") or "").upper()
    sub_number = (
        match.group("sub_nr")
        or match.group("sub_dash")
        or (match.group("sub_letter") or "").upper()
    )
    if numeral:
        chamber = _CHAMBER_BY_NUMERAL[numeral]
    else:
        chamber = EERSTE_KAMER if sub_number.isalpha() else TWEEDE_KAMER
    session = match.group("session")
    joint = tuple(re.sub(r"\s", "", n) for n in re.findall(_NUMBER, match.group("joint") or ""))
    return Citation(
        chamber=chamber,
        dossier_number=re.sub(r"\s", "", match.group("number")),
        sub_number=sub_number.lstrip("0") or sub_number,
        session_year=normalize_session_year(session) if session else "",
        dossier_chapter=(match.group("chapter") or "").upper() or match.group("series") or "",
        joint_dossier_numbers=joint,
    )


# -- the other forms documents cite ---------------------------------------------------------

_MONTH_PATTERN = "|".join(MONTH_NAMES)


@dataclass(frozen=True)
class ProceedingsCitation:
    """The Handelingen (what was said in the chamber) or their Aanhangsel (answers to questions).
    Their numbers start again each session year, so the session year is part of the identity."""

    chamber: str
    session_year: str
    number: str
    item: str = ""
    appendix: bool = False

    def __str__(self):
        start, end = self.session_year.split("-")
        head = "Aanhangsel Handelingen" if self.appendix else "Handelingen"
        text = f"{head} {_NUMERAL_BY_CHAMBER[self.chamber]} {start}/{end[2:]}, nr. {self.number}"
        return f"{text}, item {self.item}" if self.item else text

    @property
    def key(self):
        kind = "aanhangsel" if self.appendix else "handelingen"
        return (kind, self.chamber, self.session_year, self.number, self.item)

    @property
    def official_identifier(self):
        """ "ah-tk-20232024-1234" for an answer, "h-tk-20232024-45-12" for an item of the
        Handelingen; "" for a whole sitting, which has no page of its own."""
        session = self.session_year.replace("-", "")
        chamber = self.chamber.lower()
        if self.appendix:
            return f"ah-{chamber}-{session}-{self.number}"
        return f"h-{chamber}-{session}-{self.number}-{self.item}" if self.item else ""


@dataclass(frozen=True)
class LetterCitation:
    """A letter to parliament cited by its date alone ("Kamerbrief van 12 maart 2024")."""

    date: datetime.date

    def __str__(self):
        return f"Kamerbrief van {self.date.day} {MONTH_NAMES[self.date.month - 1]} {self.date.year}"

    @property
    def key(self):
        return ("kamerbrief", self.date.isoformat())


@dataclass(frozen=True)
class EUReference:
    """A reference to an EU document: kind is one of EU_REFERENCE_KINDS, text its canonical
    form ("COM(2022) 245", "2022/0155(COD)", "ST 12345/23", "32024R1348", "PbEU L 2024/1348",
    "PbEU 2022, L 158")."""

    kind: str
    text: str

    def __str__(self):
        return self.text

    @property
    def key(self):
        return (self.kind, self.text)


COMMISSION_DOCUMENT, PROCEDURE, COUNCIL_DOCUMENT, CELEX, OFFICIAL_JOURNAL = (
    "commission_document",
    "procedure",
    "council_document",
    "celex",
    "official_journal",
)
EU_REFERENCE_KINDS = (COMMISSION_DOCUMENT, PROCEDURE, COUNCIL_DOCUMENT, CELEX, OFFICIAL_JOURNAL)

_PROCEEDINGS = rf"""
    (?P<appendix>Aanhangsel\s+(?:van\s+de\s+)?|Aanh\.\s*)?
    (?:Handelingen|Hand\.)(?:\s*(?P<chamber>II|I|TK|EK)\b\.?)?
    [,\s]*(?:vergaderjaar\s+)?(?P<session>{_SESSION})
    [,\s]*(?:nr\.?\s*)(?P<number>\d{{1,4}})\b
    (?:\s*,?\s*item\s*(?P<item>\d{{1,3}})\b)?
"""
# "de brief5 van ...": a footnote number after it; "van de Staatssecretaris van JenV", "aan de
# Tweede Kamer" between the letter and its date.
_LETTER_HEAD = r"""
    \b(?:Kamer)?brie(?:f|ven)(?:\d{1,2}\b)?\s+
    (?:(?:van|aan)\s+(?:de|het)\s+[^.;:()\d]{3,80}?\s+)?
    (?:van|d\.\s?d\.|dd\.)\s+
"""
_LETTER = rf"""
    {_LETTER_HEAD}
    (?P<day>[0-3]?\d)\s+(?P<month>{_MONTH_PATTERN})\s+
    # A footnote number may stick to the year, and a word to it ("28 mei 2025over").
    (?P<year>(?:19|20)\d{{2}})(?:\b|(?=\d{{1,2}}\b)|(?=[^\W\d_]))
"""
# "de brief van 13 oktober jl.", "brieven van 13 en 26 oktober jl.": dated by the day this year
# or last, which only the citing document's date says (find_recent_letters).
_RECENT_LETTER = rf"""
    {_LETTER_HEAD}
    (?P<days>[0-3]?\d(?:\s*(?:,|en)\s*[0-3]?\d)*)\s+(?P<month>{_MONTH_PATTERN})\s+
    (?:jl\b\.?|j\.\s?l\b\.?)
"""
_OJ_NAME = r"\b(?:PbEU|Pb\s*EU|PB(?:\s*EU)?)\b"
_EU = rf"""
    (?P<com>\b(?P<com_kind>COM|JOIN|SWD)\s*(?:\(\s*(?P<com_year>(?:19|20)\d{{2}})\s*\)\s*|/\s*
        (?P<com_year2>(?:19|20)\d{{2}})\s*/\s*)(?P<com_number>\d{{1,4}})\b
        (?:\s*(?:final|def(?:initief)?\b\.?))?)
  | (?P<procedure>\b(?P<proc_year>(?:19|20)\d{{2}})\s*/\s*(?P<proc_number>\d{{4}})\s*
        \(\s*(?P<proc_type>COD|NLE|CNS|APP|INI|INL|BUD|DEC|AVC|SYN|ACI|RSP|RPS|DEA|REG)\s*\))
  | (?P<council>(?:\bST\s*/?\s*|\bRaadsdocument\s+(?:nr\.?\s*)?)(?P<st_number>\d{{4,5}})
        (?:\s*/\s*|\s+)(?P<st_year>(?:19|20)?\d{{2}})\b
        (?:\s*/?\s*(?:INIT|(?:REV|ADD|COR)\s*\d{{1,2}})\b)?)
  | (?P<celex>(?:\b|(?<=CELEX%3A))(?P<celex_text>[1-9](?:19|20)\d{{2}}[A-Z]{{1,2}}\d{{4}})\b)
  | (?P<oj_new>{_OJ_NAME}\s*,?\s*(?P<ojn_series>L|C)\s*,?\s*(?P<ojn_year>20[2-9]\d)\s*/\s*
        (?P<ojn_number>\d{{1,5}})\b)
  | (?P<oj_old>{_OJ_NAME}\s*,?\s*(?:
        (?P<ojo_year>(?:19|20)\d{{2}})\s*,\s*(?P<ojo_series>L|C)\s*(?P<ojo_issue>\d{{1,4}})\b
      | (?P<ojo_series2>L|C)\s*(?P<ojo_issue2>\d{{1,4}})(?:\s*/\s*\d{{1,4}})?\s*(?:van|of)\s*
        [0-3]?\d\s*\.\s*[01]?\d\s*\.\s*(?P<ojo_year2>(?:19|20)\d{{2}})\b))
"""
_PROCEEDINGS_RE = re.compile(_PROCEEDINGS, re.VERBOSE | re.IGNORECASE)
_LETTER_RE = re.compile(_LETTER, re.VERBOSE | re.IGNORECASE)
_RECENT_LETTER_RE = re.compile(_RECENT_LETTER, re.VERBOSE | re.IGNORECASE)
_EU_RE = re.compile(_EU, re.VERBOSE)
_CHAMBER_BY_NAME = {"II": TWEEDE_KAMER, "TK": TWEEDE_KAMER, "I": EERSTE_KAMER, "EK": EERSTE_KAMER}
# A dated letter whose Kamerstuk number follows it ("de brief van 4 juli 2023 (Kamerstuk
# 32 317, nr. 830)"), also after its subject ("de brief van 15 oktober 2025 over de
# Geannoteerde agenda Landbouw- en Visserijraad 27-28 oktober 2025 (Kamerstuk 21 501-32, nr.
# 1730)"), is cited by that number, not by its date.
_NUMBER_FOLLOWS_RE = re.compile(rf"[\s,(:]*{_CITATION}", re.VERBOSE | re.IGNORECASE)
_NUMBER_AFTER_SUBJECT_RE = re.compile(
    # "... inzake fiche: wijziging verordening 883/2013 (OLAF) (Kamerstuk 22 112, nr. 2635)";
    # "de brieven van 16 februari 2016 en van 29 april 2016 (Kamerstuk 32 317, nrs. 388 en 409)"
    rf"(?:(?!brie(?:f|ven)\s+van)(?:[^.;()\n]|\([^()\n]{{0,40}}\))){{0,300}}?\(\s*(?:zie\s+)?"
    rf"(?:{_CITATION}|Kamerstuk(?:ken)?\b[^)]*\bnrs\.)",
    re.VERBOSE | re.IGNORECASE,
)
# The letter that answers a written consultation is part of its report: "Bij brief van 17
# oktober 2023 zijn de vragen beantwoord."
_ANSWERS_THE_QUESTIONS_RE = re.compile(r"[^.;]{0,80}?\bbeantwoord\b", re.IGNORECASE)
# A committee's letter to the government is no paper of parliament: "Bij brief van 21 december
# jl. verzocht de vaste commissie ...".
_FROM_A_COMMITTEE_RE = re.compile(
    r"[^.;]{0,40}?\b(?:heeft|hebben|verzocht|vroeg|verzoekt)\s+(?:de\s+)?(?:vaste\s+)?commissie\b",
    re.IGNORECASE,
)


def parse_reference(text):
    """Parse one citation or reference of any kind this module knows; CitationError otherwise.

    A Kamerstuk gives a Citation, the Handelingen and Aanhangsel a ProceedingsCitation, a dated
    letter a LetterCitation, an EU document an EUReference; str() of each is its canonical form,
    which parses back to the same value.
    """
    if not isinstance(text, str) or not text.strip():
        return parse_citation(text)  # the message for empty input
    stripped = text.strip().rstrip(".;").strip()
    for pattern, build in _OTHER_FORMS:
        match = pattern.fullmatch(stripped)
        if match is not None:
            return build(match)
    return parse_citation(text)


_DIGIT = re.compile(r"\d")


def find_references(text):
    """Every citation and reference of every kind in `text`, in text order, without overlaps
    (a Kamerstuk citation wins over a reference inside it)."""
    if not _DIGIT.search(text):
        return []  # every form cites by a number, a year or a date
    found, taken = [], TakenSpans()

    # The Handelingen first: "Aanhangsel Handelingen, vergaderjaar 2022–2023, nr. 3301" also
    # reads as a Kamerstuk without its dossier's name.
    proceedings, others = _OTHER_FORMS[0], _OTHER_FORMS[1:]
    for match in proceedings[0].finditer(text):
        try:
            found.append(
                FoundCitation(proceedings[1](match), match.group(0).strip(), *match.span())
            )
        except CitationError:
            continue
        taken.add(*match.span())
    for item in find_citations(text):
        if not taken.overlaps(item.start, item.end):
            found.append(item)
            taken.add(item.start, item.end)
    for pattern, build in others:
        for match in pattern.finditer(text):
            if taken.overlaps(*match.span()):
                continue
            try:
                reference = build(match)
            except CitationError:
                continue
            if isinstance(reference, LetterCitation) and (
                _numbered_after(text, match.end()) or _no_paper_of_its_own(text, match.end())
            ):
                continue
            taken.add(match.start(), match.end())
            found.append(FoundCitation(reference, match.group(0).strip(), *match.span()))
            if isinstance(reference, EUReference) and reference.kind == COMMISSION_DOCUMENT:
                for item in _listed_commission_documents(text, match):
                    taken.add(item.start, item.end)
                    found.append(item)
    return sorted(found, key=lambda item: item.start)


# "COM (2020) 609, 610, 611 en 612": more documents of the same year.
_NEXT_IN_LIST = re.compile(r"\s*(?:,|\ben\b)\s*(?P<number>\d{1,5})\b(?!\s*[/.,]\d)")


def _listed_commission_documents(text, match):
    """The documents a COM reference's list goes on to name. A number one digit longer than
    its list allows carries a footnote marker: "613 en 6141" is 613 and 614, footnote 1."""
    kind, year = match.group("com_kind"), match.group("com_year") or match.group("com_year2")
    previous, position, found = int(match.group("com_number")), match.end(), []
    while listed := _NEXT_IN_LIST.match(text, position):
        number = int(listed.group("number"))
        if number >= 10 * previous:
            number //= 10
        if not previous < number < previous + 100:
            break
        reference = EUReference(COMMISSION_DOCUMENT, f"{kind}({year}) {number}")
        found.append(FoundCitation(reference, listed.group("number"), *listed.span("number")))
        previous, position = number, listed.end()
    return found


@functools.lru_cache(maxsize=2)
def references_in(text):
    """find_references once per text: the citations and the mentions of a document both need
    them."""
    return tuple(find_references(text))


def find_recent_letters(text, reference_date):
    """The letters `text` cites by a day and month "jl." (the last such day): each a
    FoundCitation of a LetterCitation dated on or before `reference_date`, the date of the
    citing document; none without it. A letter whose Kamerstuk number follows is cited by
    that number instead."""
    if reference_date is None:
        return []
    found = []
    for match in _RECENT_LETTER_RE.finditer(text):
        if _numbered_after(text, match.end()) or _no_paper_of_its_own(text, match.end()):
            continue
        month = match.group("month")
        for day in re.findall(r"\d+", match.group("days")):
            # dates.py reads "13 oktober jl." as the last 13 October up to the reference.
            dated = parse_date_phrase(f"{day} {month} jl.", reference_date, past=True)
            if dated is not None:
                letter = LetterCitation(dated[0])
                found.append(FoundCitation(letter, match.group(0).strip(), *match.span()))
    return found


def find_eu_references(text):
    """The EU references in `text`, in text order."""
    return [item for item in find_references(text) if isinstance(item.citation, EUReference)]


def _numbered_after(text, position):
    return any(
        pattern.match(text, position) is not None
        for pattern in (_NUMBER_FOLLOWS_RE, _NUMBER_AFTER_SUBJECT_RE)
    )


def _no_paper_of_its_own(text, position):
    """Whether the letter dated just before `position` is no paper of its own: the answers to
    a written consultation, or a committee's letter."""
    return any(
        pattern.match(text, position) is not None
        for pattern in (_ANSWERS_THE_QUESTIONS_RE, _FROM_A_COMMITTEE_RE)
    )


def _proceedings_from_match(match):
    return ProceedingsCitation(
        chamber=_CHAMBER_BY_NAME[(match.group("chamber") or "II").upper()],
        session_year=normalize_session_year(match.group("session")),
        number=match.group("number").lstrip("0") or "0",
        item=(match.group("item") or "").lstrip("0"),
        appendix=bool(match.group("appendix")),
    )


def _letter_from_match(match):
    month = MONTH_NAMES.index(match.group("month").lower()) + 1
    try:
        date = datetime.date(int(match.group("year")), month, int(match.group("day")))
    except ValueError as error:
        raise CitationError(f"'{match.group(0)}' heeft geen bestaande datum.") from error
    return LetterCitation(date)


def _eu_from_match(match):
    group = match.group
    if group("com"):
        year = group("com_year") or group("com_year2")
        text = f"{group('com_kind')}({year}) {int(group('com_number'))}"
        return EUReference(COMMISSION_DOCUMENT, text)
    if group("procedure"):
        text = f"{group('proc_year')}/{group('proc_number')}({group('proc_type')})"
        return EUReference(PROCEDURE, text)
    if group("council"):
        year = group("st_year")[-2:]
        return EUReference(COUNCIL_DOCUMENT, f"ST {int(group('st_number'))}/{year}")
    if group("celex"):
        return EUReference(CELEX, group("celex_text"))
    if group("oj_new"):
        text = f"PbEU {group('ojn_series')} {group('ojn_year')}/{int(group('ojn_number'))}"
        return EUReference(OFFICIAL_JOURNAL, text)
    year = group("ojo_year") or group("ojo_year2")
    series = group("ojo_series") or group("ojo_series2")
    issue = int(group("ojo_issue") or group("ojo_issue2"))
    return EUReference(OFFICIAL_JOURNAL, f"PbEU {year}, {series} {issue}")


_OTHER_FORMS = (
    (_PROCEEDINGS_RE, _proceedings_from_match),
    (_LETTER_RE, _letter_from_match),
    (_EU_RE, _eu_from_match),
)


def procedure_links(reference):
    """(label, address) of the public pages that follow an EU procedure ("2022/0155(COD)"):
    the European Parliament's Legislative Observatory and EUR-Lex's procedure page."""
    match = _PROCEDURE_PARTS.fullmatch(str(reference))
    if match is None:
        return []
    year, number = match.group("year"), match.group("number")
    return [
        (
            "Legislative Observatory",
            f"https://oeil.secure.europarl.europa.eu/oeil/en/procedure-file?reference={reference}",
        ),
        ("EUR-Lex", f"https://eur-lex.europa.eu/procedure/EN/{year}_{int(number)}"),
    ]


def europarl_process_id(reference):
    """ "2022-0155" for "2022/0155(COD)": how the European Parliament's open data names it."""
    match = _PROCEDURE_PARTS.fullmatch(str(reference))
    return f"{match.group('year')}-{match.group('number')}" if match else ""


_PROCEDURE_PARTS = re.compile(r"(?P<year>(?:19|20)\d{2})/(?P<number>\d{4})\((?P<type>[A-Z]{3})\)")
