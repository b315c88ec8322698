"""Parse and format Kamerstuk citations.

Parliamentary papers are cited in many ways ("Kamerstukken II, 2022–23, 32 317, nr. 790",
"Kamerstuk 32 317, nr. 866", "32317-872", "36 410 VI nr. 85", "35 913, B"). This module turns
each of them into one `Citation` and prints one canonical form. Pure Python, no ORM, so that it
can be tested fast and fuzzed.
"""

import re
from dataclasses import dataclass

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
    (?:\s+(?P<chapter>(?=[IVX])(?:{_ROMAN})))?\b
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


def find_citations(text):
    """Every citation in a running text (footnotes included), with its position."""
    found = []
    for match in _SCAN_RE.finditer(text):
        has_context = match.group("prefix") or match.group("session")
        bare_dash = match.group("sub_dash") and re.fullmatch(
            r"\d{5}", re.sub(r"\s", "", match.group("number"))
        )
        if not (has_context or match.group("sub_nr") or bare_dash):
            continue
        try:
            citation = _citation_from_match(match)
        except CitationError:
            continue
        found.append(
            FoundCitation(citation, match.group(0).strip(" ,"), match.start(), match.end())
        )
    return found


def format_citation(citation):
    """The canonical form: 'Kamerstukken II 2023/24, 32 317, nr. 867'."""
    head = f"Kamerstukken {_NUMERAL_BY_CHAMBER[citation.chamber]}"
    if citation.session_year:
        start, end = citation.session_year.split("-")
        head += f" {start}/{end[2:]}"
    number = format_dossier_number(citation.dossier_number)
    if citation.dossier_chapter:
        number += f" {citation.dossier_chapter}"
    for joint in citation.joint_dossier_numbers:
        number += f" en {format_dossier_number(joint)}"
    parts = [head, number]
    if citation.sub_number.isdigit():
        parts.append(f"nr. {citation.sub_number}")
    elif citation.sub_number:
        parts.append(citation.sub_number)
    return ", ".join(parts)


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
        dossier_chapter=(match.group("chapter") or "").upper(),
        joint_dossier_numbers=joint,
    )
