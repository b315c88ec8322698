"""The document's own structure: what kind of paper it is, the Council meeting it is about and
the agenda items it discusses.

Read from the layout every JBZ-Raad paper shares: a letter opens with its heading in capitals,
the addressee and "Den Haag, <date>" and closes with the signatures; an annotated agenda or
report has a heading with the meeting's dates, sections "I. Binnenlandse Zaken" and
"II. Justitie", and numbered items, each a short heading line. Pure Python, no ORM.
"""

import dataclasses
import datetime
import math
import re
from collections import Counter

from dateutil.relativedelta import relativedelta

from ..citations import (
    EERSTE_KAMER,
    TWEEDE_KAMER,
    Citation,
    CitationError,
    find_citations,
    find_official_identifier,
    format_citation,
    parse_citation,
    session_year_on,
)
from ..dates import MONTH_NAMES
from .proposals import AgendaItemProposal, DocumentProposal, MeetingProposal
from .text import normalize_text

AGENDA = "geannoteerde_agenda"
REPORT = "verslag"
COVER_LETTER = "aanbiedingsbrief"
LETTER = "brief"
OTHER = "overig"
BNC_FICHE = "bnc_fiche"
WRITTEN_CONSULTATION = "schriftelijk_overleg"
MOTION = "motie"

HOME_AFFAIRS = "bz"
JUSTICE = "justitie"

MONTHS = {name: number for number, name in enumerate(MONTH_NAMES, start=1)}
_MONTH = "(?:" + "|".join(MONTHS) + ")"

# How far into the document its letterhead (addressee, place and date, own number) may reach.
_HEAD_CHARS = 3000
# A meeting lies within this many days of the paper about it; a printed year that puts it
# further away is taken for a slip when the year next to it fits.
_MEETING_WINDOW_DAYS = 120

# "BRIEF VAN DE MINISTER ..." in capitals, or "Brief van de Minister ..." opening a line.
_LETTER_HEADING = re.compile(
    r"\bBRIEF VAN (?:DE|HET)\b|^\s*(?:Nr\.\s*\d+\s+)?(?P<start>Brief van (?:de|het)\b)",
    re.MULTILINE,
)
_CAPITALS_LINE = re.compile(r"^[^a-zà-ÿ]*[A-ZÀ-Þ]{2}[^a-zà-ÿ]*$")
# The report of a Council, not of a debate or committee meeting of parliament about one.
_REPORT_HEADING = re.compile(
    r"^\s*(?P<kind>Verslag(?!\s+van\s+(?:een|de)\s+(?:\w+\s+)?(?:overleg|commissiedebat|"
    r"vergadering|notaoverleg|wetgevingsoverleg)\b)|Geannoteerde agenda)\b.*\bRaad\b",
    re.DOTALL,
)
_HEADING_START = re.compile(r"^\s*(?:Verslag|Geannoteerde agenda)\b", re.MULTILINE)
_HEADING_END = re.compile(rf"(?:\b\d{{4}}|\b{_MONTH})\W*$", re.IGNORECASE)
_DATE_GOES_ON = re.compile(r"^\s*(?:(?:en|t/m|tot en met|[-–])\s*\d|\d{4}\b)", re.IGNORECASE)
# The sentence of a cover letter that presents its enclosure.
_PRESENTS = re.compile(
    r"\b(?:Hierbij|Hiermee|Bijgaand|Bijgevoegd)\s+(?:bied|zend|stuur|ontvang|doe|tref)\w*\b"
    r"[^.]{0,300}?\b(?:verslag|agenda)\b",
    re.IGNORECASE,
)
# "Met deze brief informeren wij u ... over de Milieuraad die op 20 december 2022 ... plaatsvond".
_INFORMS_ABOUT_COUNCIL = re.compile(
    r"\binforme(?:er|ren)\s+(?:ik|wij)\s+u(?:w\s+Kamer)?\b[^.]{0,300}?\bover\s+de\s+"
    r"(?:\w*raad|Raad\b|Europese\s+Raad|Eurogroep)",
    re.IGNORECASE,
)
_COUNCIL_NAME = (
    r"(?:(?:\w+\s+){0,2}?(?:JBZ-?\s?[Rr]aad|Raad\s+(?:voor\s+)?Justitie\s+en\s+Binnenlandse\s+Zaken"
    r"|Raad\s+Algemene\s+Zaken|Europese\s+Raad|\w+raad))"
)
_ABOUT_AGENDA = re.compile(
    rf"\bgeannoteerde\s+agenda\s+(?:(?:van|voor)\s+de\s+)?{_COUNCIL_NAME}", re.IGNORECASE
)
_ABOUT_COUNCIL = re.compile(rf"\bover\s+(?:de\s+)?{_COUNCIL_NAME}", re.IGNORECASE)
_ABOUT_REPORT = re.compile(rf"\bverslag\s+(?:van\s+de\s+)?{_COUNCIL_NAME}", re.IGNORECASE)
_ABOUT_REACH = 160  # characters from the agenda's name to the meeting's dates
_SUBJECT = re.compile(r"^\s*Betreft\s*:?\s+(?P<subject>\S.*?)\s*$", re.MULTILINE)
# The end of a sentence: not the full stop of "d.d. 29" or "o.a. de".
_SENTENCE_END = re.compile(r"[.!?](?=\s+[A-Z(‘“\"]|\s*$)")
_SENTENCE_MAX_CHARS = 600
_PLACE_AND_DATE = re.compile(
    rf"^\s*(?:Den Haag|'s-Gravenhage|Datum|Vastgesteld|Voorgesteld)\s*[,:]?\s*(?P<day>\d{{1,2}})\s+"
    rf"(?P<month>{_MONTH})\s+(?P<year>\d{{4}})",
    re.IGNORECASE | re.MULTILINE,
)
# Answers to written questions are dated when the chamber received them.
# The official publications' page heads a paper with a row of its facts:
# "| Eerste Kamer der Staten-Generaal | 2021-2022 | 32317 nr. NH |".
_PUBLICATION_ROW = re.compile(
    r"\|\s*(?P<which>Eerste|Tweede)\s+Kamer\s+der\s+Staten-Generaal\s*\|\s*"
    r"(?P<session>(?:19|20)\d{2}-(?:19|20)\d{2})\s*\|\s*(?P<number>\d{4,6})"
    r"(?:-(?P<chapter>\d{2}|[IVX]{1,5}))?\s+nr\.\s*(?P<sub>\d{1,5}|[A-Z]{1,2})\s*\|"
)
# A committee's report of a written consultation opens with its date and the members.
_CONSULTATION_OPENING = re.compile(
    r"^\s*Vastgesteld\s+\d{1,2}\s+\w+\s+\d{4}\s*\n\s*De\s+leden\s+van\s+de\s+(?:vaste\s+)?commissie",
    re.MULTILINE | re.IGNORECASE,
)
# The Tweede Kamer's site labels a government letter "Brief regering" above its title.
_GOVERNMENT_LETTER = re.compile(r"^\s*Brief regering\b", re.MULTILINE)
_ANSWER_RECEIVED = re.compile(
    rf"^\s*Antwoord\b[\s\S]{{0,300}}?\(ontvangen\s+(?P<day>\d{{1,2}})\s+(?P<month>{_MONTH})\s+"
    r"(?P<year>\d{4})\)",
    re.IGNORECASE | re.MULTILINE,
)
_QUESTIONS = re.compile(r"^\s*(?:Vragen|Vraag)\s+van\s+(?:het|de)\s+(?:lid|leden)\b", re.MULTILINE)
_WRITTEN_CONSULTATION = re.compile(r"\bVERSLAG VAN EEN SCHRIFTELIJK OVERLEG\b", re.IGNORECASE)
# "Nr. 796 MOTIE VAN HET LID VAN DER PLAS", "GEWIJZIGDE MOTIE VAN DE LEDEN ...".
_MOTION_HEADING = re.compile(
    r"^\s*(?:Nr\.\s*\d+\s+)?(?:GEWIJZIGDE\s+)?MOTIE\s+VAN\s+(?:HET\s+LID|DE\s+LEDEN)\b",
    re.MULTILINE,
)
# A page of berthub.eu's tkconv heads a paper with its facts: "Nummer: 2025D47954, datum:
# 2025-11-24" and "Onderdeel van kamerstukdossier 32317 -978".
_PAGE_DATE = re.compile(
    r"^\s*Nummer:\s*\d{4}D\d{5},\s*datum:\s*(?P<date>\d{4}-\d{2}-\d{2})\b", re.M
)
_PAGE_DOSSIER = re.compile(
    r"\bkamerstukdossier\s+(?P<number>\d{4,6})(?:-(?P<chapter>\d{2}))?\s*-(?P<sub>\d{1,5})\b"
)
# A BNC cover letter presents fiches; the paper is the fiche ("Fiche: Prüm II-verordening").
_FICHES = re.compile(
    r"\bontvangt u hierbij\s+\S+\s+fiches?\b|^\s*Fiche\s*:", re.IGNORECASE | re.MULTILINE
)
# Council formations other than the JBZ-Raad, by the names the letters use.
_OTHER_FORMATIONS = re.compile(
    r"\b(?:Milieuraad|Transportraad|Telecomraad|Energieraad|Landbouw- en Visserijraad|"
    r"Visserijraad|Landbouwraad|Gezondheidsraad|Onderwijsraad|Defensieraad|Handelsraad|"
    r"Concurrentievermogenraad|Mededingingsraad|EPSCO(?:-[Rr]aad)?|Ecofinraad|Ecofin|Eurogroep|"
    r"Raad\s+(?:voor\s+)?(?:Buitenlandse\s+Zaken|Concurrentievermogen|Werkgelegenheid|Onderwijs|"
    r"Landbouw|Vervoer|Economische|Milieu|Energie|Telecommunicatie))\b"
)
_FORMATIONS = (
    (re.compile(r"\bRaad\s+Algemene\s+Zaken\b|\bRAZ\b"), "raz"),
    (re.compile(r"\bEuropese\s+Raad\b(?!\s+(?:Justitie|voor))"), "er"),
    (_OTHER_FORMATIONS, "overig"),
)
_JHA_COUNCIL = re.compile(r"\bJBZ-[Rr]aad\b|\bRaad\s+Justitie\s+en\s+Binnenlandse\s+Zaken\b")
# The formation a paper's series is about, where the paper names none by the meeting: the
# Kamerstuk series of the Council reports (21 501-02 the Raad Algemene Zaken, 21 501-20 the
# Europese Raad, any other 21 501 series another formation; 32 317 the JBZ-Raad).
_SERIES_FORMATIONS = {("21501", "02"): "raz", ("21501", "20"): "er", ("32317", ""): "jbz"}
_ADDRESSEE = re.compile(
    r"\bAan\s+de\s+[Vv]oorzitter\s+van\s+de\s+(?P<addressee>(?P<which>Tweede|Eerste)\s+Kamer"
    r"(?:\s+der\s+Staten-Generaal)?)"
)
_CHAMBER_BY_WORD = {"tweede": "TK", "eerste": "EK"}
_SIGNATORY = re.compile(
    r"^\s*(?P<title>De\s+(?:Minister(?:-[Pp]resident)?|Staatssecretaris)\b[^,]*?),?\s*$"
)
# A signature: initials and a name, "D. Yeşilgöz-Zegerius", "mr. F.M. Weerwind".
_SIGNATURE_NAME = re.compile(r"^\s*(?:(?i:mr|dr|drs|ir|prof)\.\s*)*(?:[A-Z][a-z]?\.\s*){1,5}\s*\S")
# "Nr. 867 BRIEF VAN ..." or, for a lettered paper of the Eerste Kamer, "OO BRIEF VAN ...",
# "D VERSLAG VAN EEN SCHRIFTELIJK OVERLEG", "AH MOTIE VAN HET LID ...", "C3 VERSLAG ..." (with
# a footnote's number).
_PAPER_NUMBER = (
    r"(?:Nr\.\s*(?P<sub>\d{1,5})\b|(?P<letter>[A-Z]{1,2})\d?\s+(?=(?:BRIEF|VERSLAG|MEMORIE|"
    r"NOTA|MOTIE|GEWIJZIGDE\s+MOTIE|VOORLOPIG\s+VERSLAG|NADER\s+VERSLAG|NADERE\s+MEMORIE|"
    r"EINDVERSLAG)\b))"
)
# "32 317 JBZ-Raad", "21 501-08 Milieuraad", "36 410 VI Vaststelling ...".
_DOSSIER_NUMBER = r"(?P<number>\d{2}\s?\d{3})(?:-(?P<series>\d{2})|\s+(?P<chapter>[IVX]{1,5}))?"
_OWN_NUMBER = re.compile(rf"^\s*{_PAPER_NUMBER}", re.MULTILINE)
_DOSSIER_NUMBER_LINE = re.compile(rf"^\s*{_DOSSIER_NUMBER}(?:\s|$)", re.MULTILINE)
# A dossier line with the paper's number on the next line (a blank line between at most).
_NUMBERED_TITLE = re.compile(
    rf"^[ \t]*{_DOSSIER_NUMBER}[ \t][^\n]*\n(?:[ \t]*\n)?[ \t]*{_PAPER_NUMBER}", re.MULTILINE
)
_SESSION_LINE = re.compile(
    r"\bVergaderjaar\s+(?P<session>(?:19|20)\d{2}\s*[-–/]\s*(?:19|20)?\d{2})", re.IGNORECASE
)
_CHAMBER_IN_FOOTER = re.compile(r"\b(?P<which>Tweede|Eerste)\s+Kamer\b", re.IGNORECASE)

# "25, 26 en 27", "8-9", and "13 14" as a web page's title prints a range.
_DAY_LIST = r"\d{1,2}(?:\s*(?:,|en|-|–|t/m|tot en met)\s*\d{1,2}|\s\d{1,2}(?=\s[a-z]))*"
_DATE_RANGE = re.compile(
    rf"""\b(?:
        (?P<first_day>\d{{1,2}})\s+(?P<first_month>{_MONTH})(?:\s+(?P<first_year>\d{{4}}))?
        \s*(?:-|–|en|t/m|tot\s+en\s+met)\s*
        (?P<last_day>\d{{1,2}})\s+(?P<last_month>{_MONTH})(?:\s+(?P<last_year>\d{{4}}))?
      | (?P<days>{_DAY_LIST})\s+(?P<month>{_MONTH})(?:\s+(?P<year>\d{{4}}))?
    )\b""",
    re.IGNORECASE | re.VERBOSE,
)
_PLACE = r"(?P<place>(?:'s-)?[A-Z][a-zà-ÿ]+(?:[- ][A-Z][a-zà-ÿ]+)?)"
_PLACE_AFTER = re.compile(rf"^\s*,?\s*(?:in|te)\s+{_PLACE}")
_PLACE_BEFORE = re.compile(rf"\bte\s+{_PLACE}\s+(?:van|op)\s*$")
_INFORMAL = re.compile(r"\binformele?\b", re.IGNORECASE)

_SECTION = re.compile(r"^\s*(?:(?P<numeral>[IVX]{1,4})\.\s+)?(?P<name>[A-Z][^\n]{2,60}?)\s*:?\s*$")
_ROMAN = ("I", "II", "III", "IV", "V", "VI")
# The section's name, perhaps with its day: "Binnenlandse Zaken (4 maart)", "Justitie - 5 maart".
_SECTION_AREAS = (
    (re.compile(r"^(?:binnenlandse\s+zaken|home\s+affairs)(?:\s*[(,–-].*)?$", re.I), HOME_AFFAIRS),
    (re.compile(r"^(?:justitie|justice)(?:\s*[(,–-].*)?$", re.I), JUSTICE),
)
_LONE_NUMBER = re.compile(r"^\s*(\d{1,2}[.)])\s*$")
_ITEM = re.compile(r"^\s*(?P<number>\d{1,2})[.)]\s+(?P<title>[A-ZÀ-Þ(‘'\"“].*?)\s*$")
_ITEM_MAX_CHARS = 200
# How footnotes begin: a numbered line that starts so is not an agenda item.
_FOOTNOTE_START = re.compile(
    r"^(?:Kamerstuk|Handelingen|Aanhangsel|Zie\b|Vgl\.|Toezegging|Motie\b|https?:|www\.|COM\s*\()"
    r"|\bnr\.\s*\d",
    re.IGNORECASE,
)
_TITLE_MAX_CHARS = 300
_PARAGRAPH_END = re.compile(r"[.!?][”\"')]?\d{0,3}\s*$")
_RESULTS_HEADING = re.compile(r"^\s*Belangrijkste\s+resultaten\s*:?\s*$", re.IGNORECASE)
_FORMAT_LINE = re.compile(r"^\s*=")
_BULLET = re.compile(r"^\s*[•●▪■◦\-–\uf0b7\uf0a7]\s*")
# A title line ending in one of these words goes on on the next line.
_CONNECTIVES = frozenset(
    ("aan", "bij", "de", "der", "des", "door", "een", "en", "het", "in", "inzake", "met", "naar",
     "of", "om", "op", "over", "te", "ten", "ter", "tegen", "tot", "uit", "van", "voor")
)  # fmt: skip
_WORD = re.compile(r"[^\W\d_]{4,}")
_STEM_CHARS = 6
_MIN_RESULT_SCORE = 5.0

_FUTURE = re.compile(r"\b(?:zal|zullen|naar verwachting|voornemens|verwacht)\b", re.IGNORECASE)
_PAST = re.compile(
    r"\b(?:benadrukte|benadrukten|lichtte|lichtten|sprak|spraken|gaf|gaven|nam|namen|riep|"
    r"riepen|uitte|uitten|wisselden|concludeerde|verwelkomde|verwelkomden|presenteerde|vond|"
    r"stond|deelde|deelden|pleitten|steunden)\b",
    re.IGNORECASE,
)


@dataclasses.dataclass
class _Heading:
    """A heading: its text (normalized) and the raw lines it spans."""

    text: str
    start: int
    end: int


def extract_document(source):
    """What kind of paper `source` opens with, with its title, date, addressee, signatories and
    own number. A cover letter with its enclosure is proposed as the letter."""
    lines = source.raw.split("\n")
    head = source.raw[:_HEAD_CHARS]
    letter = _letter_heading(lines) or _subject_line(lines) or _addressee_line(lines)
    report = _report_heading(lines)
    if letter and (report is None or letter.start < report.start):
        title = _recase(letter.text, source.text) if letter.text.isupper() else letter.text
        presents = _PRESENTS.search(source.text[:_HEAD_CHARS])
        document_type = COVER_LETTER if presents else LETTER
        confidence = 0.9
        letter_end = report.start if report else len(lines)
        signatories = _signatories(lines[letter.end : letter_end])
    elif report:
        title = report.text
        document_type = AGENDA if report.text.lower().startswith("geannoteerde") else REPORT
        confidence = 0.9
        signatories = []
    else:
        title = ""
        document_type, confidence = _guess_type(source)
        signatories = []
    if document_type in (AGENDA, REPORT) and _GOVERNMENT_LETTER.search(head[:600]):
        # "Geannoteerde agenda JBZ-Raad ..." as the title of the letter that presents it.
        document_type, confidence = COVER_LETTER, 0.7
    if _WRITTEN_CONSULTATION.search(head) or _CONSULTATION_OPENING.search(head):
        document_type, confidence = WRITTEN_CONSULTATION, 0.8
    elif _MOTION_HEADING.search(head):
        document_type, confidence = MOTION, 0.9
    elif document_type in (COVER_LETTER, LETTER) and _FICHES.search(head):
        document_type, confidence = BNC_FICHE, 0.8
    # A letter repeats its date in the running header of later pages ("Datum 15 januari 2024").
    date = (
        _letter_date(head)
        or _letter_date("\n".join(source.dropped))
        or _letter_date(head, _ANSWER_RECEIVED)
        or _page_date(head)
    )
    addressee = _ADDRESSEE.search(normalize_text(head))
    chamber = _CHAMBER_BY_WORD[addressee.group("which").lower()] if addressee else ""
    if not chamber and _QUESTIONS.search(head[:500]):
        chamber = TWEEDE_KAMER  # written questions are put by members of the Tweede Kamer
    if not chamber:
        named = {match.group("which").lower() for match in _CHAMBER_IN_FOOTER.finditer(head)}
        if len(named) == 1:  # a paper that names one chamber only is that chamber's
            chamber = _CHAMBER_BY_WORD[named.pop()]
    citation = _own_citation(source, head, chamber, date)
    if not chamber and citation:
        chamber = citation.chamber
    return DocumentProposal(
        document_type=document_type,
        title=title,
        date=date,
        chamber=chamber,
        addressee=addressee.group("addressee") if addressee else "",
        signatories=signatories,
        citation=format_citation(citation) if citation else "",
        confidence=confidence,
    )


def extract_meeting(source, document):
    """The Council meeting the paper is about, from its heading or from the sentence of the
    cover letter that presents the enclosure; None when neither names one."""
    lines = source.raw.split("\n")
    candidates = []
    if document.document_type in (COVER_LETTER, LETTER):
        for pattern in (_PRESENTS, _INFORMS_ABOUT_COUNCIL):
            presents = pattern.search(source.text[:_HEAD_CHARS])
            if presents:
                sentence = _sentence_from(source.text, presents.start())
                if re.search(r"\bRaad\b|raad\b|\bEurogroep\b", sentence):
                    candidates.append(sentence)
    heading = _report_heading(lines)
    if heading and heading.text in source.text:
        candidates.append(heading.text)
    # A written consultation or a debate on "de geannoteerde agenda van de formele JBZ-Raad
    # van 8 en 9 december 2025", or "over informele JBZ-Raad te Stockholm van ...", is about
    # that meeting; failing one, about the Council whose report it discusses.
    if not candidates:
        head = source.text[:_HEAD_CHARS]
        about = min(
            (
                match
                for pattern in (_ABOUT_AGENDA, _ABOUT_COUNCIL)
                if (match := pattern.search(head))
            ),
            key=lambda match: match.start(),
            default=None,
        ) or _ABOUT_REPORT.search(head)
        if about:
            candidates.append(head[about.start() : about.start() + _ABOUT_REACH])
    found = [meeting for text in candidates if (meeting := _meeting_in(text, document.date))]
    if not found:
        return None
    best = max(found, key=lambda meeting: meeting.confidence)
    location = best.location or next((m.location for m in found if m.location), "")
    is_informal = any(meeting.is_informal for meeting in found)
    formation = best.formation or _formation_of(source, document)
    return dataclasses.replace(
        best, location=location, is_informal=is_informal, formation=formation
    )


def _formation_of(source, document):
    """The formation of a meeting whose passage names none: by the paper's own series, else by
    the formation the paper's opening names, else the JBZ-Raad."""
    try:
        cited = parse_citation(document.citation) if document.citation else None
    except CitationError:
        cited = None
    if cited:
        series = (cited.dossier_number, cited.dossier_chapter)
        if series in _SERIES_FORMATIONS:
            return _SERIES_FORMATIONS[series]
        if cited.dossier_number == "21501":
            return "overig"
    head = source.text[:_HEAD_CHARS]
    if _OTHER_FORMATIONS.search(head) and not _JHA_COUNCIL.search(head):
        return "overig"
    return "jbz"


def _sentence_from(text, start):
    end = _SENTENCE_END.search(text, start, start + _SENTENCE_MAX_CHARS)
    return text[start : end.end() if end else start + _SENTENCE_MAX_CHARS].strip()


def extract_agenda_items(source):
    """The numbered items under the sections "I. Binnenlandse Zaken" and "II. Justitie", in
    document order, with the main results the report lists for them when they can be told apart.

    An item is a short heading line "3. Title" whose number follows the previous item's (or
    starts a section at 1, or continues the numbering of the section before); numbered lists
    and footnotes in the running text do not fit that sequence or that layout.
    """
    lines = _join_lone_numbers(source.raw.split("\n"))
    items, bodies, results = [], [], []
    section = None
    sections_seen = 0
    last_number = 0
    section_numbers = []
    previous_filled = ""
    blank_before = True
    index = 0
    while index < len(lines):
        line = lines[index]
        if not line.strip():
            blank_before = True
            index += 1
            continue
        heading = _SECTION.match(line)
        area = _section_area(line)
        numeral = heading.group("numeral") if heading else None
        if area or (numeral and numeral == _ROMAN[min(sections_seen, len(_ROMAN) - 1)]):
            # A numbered section of another kind ("III. Gemengd Comité") ends the one before.
            section = area
            sections_seen += 1
            section_numbers = []
            previous_filled, blank_before = line, True
            index += 1
            continue
        if _RESULTS_HEADING.match(line):
            block, index = _results_block(lines, index + 1)
            results.append((section, block))
            previous_filled, blank_before = "", True
            continue
        match = _ITEM.match(line)
        if (
            section
            and match
            and _is_item(match, section_numbers, last_number, previous_filled, blank_before)
        ):
            title, next_index = _item_title(lines, index)
            items.append(
                AgendaItemProposal(
                    section=section,
                    number=int(match.group("number")),
                    title=title,
                    confidence=0.9 if next_index == index + 1 else 0.8,
                )
            )
            bodies.append([])
            section_numbers.append(items[-1].number)
            last_number = items[-1].number
            previous_filled, blank_before = "", True
            index = next_index
            continue
        if bodies:
            bodies[-1].append(line)
        previous_filled, blank_before = line, False
        index += 1
    _attach_results(items, [" ".join(body) for body in bodies], results, source.text)
    return items


def _join_lone_numbers(lines):
    """Put an item number that a PDF printed on a line of its own ("3.") before its title."""
    joined = list(lines)
    for index, line in enumerate(joined):
        match = _LONE_NUMBER.match(line)
        if not match:
            continue
        following = next(
            (position for position in range(index + 1, min(index + 3, len(joined)))
             if joined[position].strip()),
            None,
        )  # fmt: skip
        if following is not None and _ITEM.match(f"{match.group(1)} {joined[following]}"):
            joined[index] = f"{match.group(1)} {joined[following].strip()}"
            joined[following] = ""
    return joined


def _letter_heading(lines):
    """The letter's heading ("BRIEF VAN DE MINISTER ..."), its lines joined and de-hyphenated."""
    for index, line in enumerate(lines[:20]):
        match = _LETTER_HEADING.search(line)
        if not match:
            continue
        capitals = not match.group("start")
        parts = [line[match.start("start") if not capitals else match.start() :].strip()]
        end = index + 1
        while end < len(lines) and len(parts) < 5 and _heading_goes_on(lines[end], capitals):
            parts.append(lines[end].strip())
            end += 1
        text = ""
        for part in parts:
            # "STAATSSECRE-" at a line's end goes on as "TARIS"; "ASIEL- EN" within it stays.
            text += part[:-1] if part.endswith("-") and part[-2:-1].isalpha() else f"{part} "
        return _Heading(text=re.sub(r"\s+", " ", text).strip(), start=index, end=end)
    return None


def _heading_goes_on(line, capitals):
    if not line.strip():
        return False
    if capitals:
        return bool(_CAPITALS_LINE.match(line))
    return not (_ADDRESSEE.search(line) or _PLACE_AND_DATE.match(line))


def _subject_line(lines):
    """The subject of a letter in the Rijksoverheid layout: "Betreft Geannoteerde agenda ..."."""
    for index, line in enumerate(lines[:40]):
        match = _SUBJECT.match(line)
        if match:
            return _Heading(text=match.group("subject"), start=index, end=index + 1)
    return None


def _addressee_line(lines):
    """A letter without a heading still opens with its addressee; it then has no title."""
    for index, line in enumerate(lines[:40]):
        if _ADDRESSEE.search(line):
            return _Heading(text="", start=index, end=index)
    return None


def _report_heading(lines):
    """The heading of an annotated agenda or report: "Verslag van de ... Raad ..., <dates>".

    It starts a line after a finished one (not in the middle of a sentence) and ends on the
    meeting's dates, within four lines.
    """
    previous = ""
    for index, line in enumerate(lines):
        if _HEADING_START.match(line) and not _continues(previous):
            parts, end = [line], index + 1
            while end < len(lines) and len(parts) < 4:
                following = lines[end]
                if not following.strip():
                    end += 1
                    continue
                if (_HEADING_END.search(parts[-1]) and not _DATE_GOES_ON.match(following)) or (
                    _section_area(following) or _ITEM.match(following)
                ):
                    break
                parts.append(following)
                end += 1
            text = normalize_text("\n".join(parts))
            if (
                _HEADING_END.search(parts[-1])
                and _REPORT_HEADING.match(text)
                and len(text) < _TITLE_MAX_CHARS
            ):
                return _Heading(text=text, start=index, end=end)
        if line.strip():
            previous = line
    return None


def _continues(line):
    """Whether a line breaks off in the middle of a sentence."""
    words = line.split()
    return bool(words) and (words[-1].endswith("-") or words[-1].lower() in _CONNECTIVES)


def _recase(heading, text):
    """A heading printed in capitals, in the casing its words have in the running text."""
    casings = Counter(word for word in re.findall(r"[^\W\d_]+", text) if not word.isupper())
    by_lower = {}
    for word, count in casings.items():
        best = by_lower.get(word.lower())
        if best is None or count > casings[best]:
            by_lower[word.lower()] = word

    def recase(match):
        word = match.group(0)
        lower = word.lower()
        if lower in by_lower:
            return by_lower[lower]
        singular = by_lower.get(lower[:-1]) if lower.endswith("s") else None
        if singular and singular[0].isupper():
            return word.capitalize()
        return lower

    recased = re.sub(r"[^\W\d_]+", recase, heading)
    return recased[:1].upper() + recased[1:]


def _guess_type(source):
    """A paper without a heading: a report when it tells what happened, an annotated agenda when
    it tells what will; only when it has the sections of either."""
    lines = source.raw.split("\n")
    if not any(_section_area(line) for line in lines):
        return OTHER, 0.3
    if any(_RESULTS_HEADING.match(line) for line in lines):
        return REPORT, 0.6
    past = len(_PAST.findall(source.text))
    future = len(_FUTURE.findall(source.text))
    return (REPORT if past >= future else AGENDA), 0.5


def _letter_date(head, pattern=_PLACE_AND_DATE):
    match = pattern.search(head)
    if not match:
        return None
    return _date(match.group("day"), match.group("month"), match.group("year"))


def _page_date(head):
    match = _PAGE_DATE.search(head)
    return datetime.date.fromisoformat(match.group("date")) if match else None


def _date(day, month, year):
    try:
        return datetime.date(int(year), MONTHS[month.lower()], int(day))
    except ValueError:
        return None


def _signatories(lines):
    """The titles above the names of a letter's signature block, as printed."""
    found = []
    filled = [line for line in lines if line.strip()]
    for index, line in enumerate(filled[:-1]):
        title = line
        name_index = index + 1
        if (
            not line.rstrip().endswith(",")
            and name_index < len(filled) - 1
            and filled[name_index].rstrip().endswith(",")
        ):
            title = f"{line.strip()} {filled[name_index].strip()}"
            name_index += 1
        match = _SIGNATORY.match(title)
        if match and title.rstrip().endswith(",") and _SIGNATURE_NAME.match(filled[name_index]):
            signatory = re.sub(r"\s+", " ", match.group("title")).strip()
            if signatory not in found:
                found.append(signatory)
    return found


def _own_citation(source, head, chamber, date):
    """The paper's own Kamerstuk number: from a running footer ("Tweede Kamer, vergaderjaar
    2023–2024, 32 317, nr. 867"), from the letterhead ("Nr. 867" above the heading, with the
    dossier number printed above it or, failing that, the dossier number of the papers it
    cites just before it in the same series), or from a print mark ("kst-32317-867")."""
    printed = [citation for line in source.dropped for citation in _footer_citations(line)]
    with_session = next((citation for citation in printed if citation.session_year), None)
    return (
        with_session
        or _letterhead_citation(source, head, chamber, date)
        or _numbered_title(head, chamber, date)
        or next(iter(printed), None)
        or _publication_row(head)
        or _print_mark(head)
        or _page_dossier(head)
    )


def _numbered_title(head, chamber, date):
    """The dossier line and the paper's number under it, wherever the title block stands: a
    web page puts its own title first ("21 501-32 Landbouw- en Visserijraad / Nr. 1731", "21
    501-31 Raad voor de Werkgelegenheid ... / BD BRIEF VAN DE MINISTER")."""
    match = _NUMBERED_TITLE.search(head)
    if not match:
        return None
    sub_number = match.group("sub") or match.group("letter")
    session = _SESSION_LINE.search(head)
    # A joint paper lists its dossiers one a line ("34 482 EU-voorstellen: ...", "34 585
    # EU-voorstellen: ...", "C VERSLAG ..."): the first is its number, the others joint ones.
    lines = [
        line
        for line in _DOSSIER_NUMBER_LINE.finditer(head, 0, match.start("number"))
        if not (line.group("series") or line.group("chapter"))
    ]
    numbers = [re.sub(r"\s", "", line.group("number")) for line in lines]
    number = re.sub(r"\s", "", match.group("number"))
    if numbers and not (match.group("series") or match.group("chapter")):
        numbers.append(number)
        number, joint = numbers[0], tuple(dict.fromkeys(numbers[1:]))
    else:
        joint = ()
    return Citation(
        chamber=EERSTE_KAMER if sub_number.isalpha() else (chamber or TWEEDE_KAMER),
        dossier_number=number,
        sub_number=sub_number,
        session_year=_session_year(session.group("session") if session else "", date),
        dossier_chapter=match.group("series") or match.group("chapter") or "",
        joint_dossier_numbers=tuple(n for n in joint if n != number),
    )


def _publication_row(head):
    match = _PUBLICATION_ROW.search(head)
    if not match:
        return None
    return Citation(
        chamber=_CHAMBER_BY_WORD[match.group("which").lower()],
        dossier_number=match.group("number"),
        dossier_chapter=match.group("chapter") or "",
        sub_number=match.group("sub"),
        session_year=match.group("session"),
    )


def _print_mark(head):
    """The official publications' mark of the paper, "kst-32317-830" or "kst-21501-02-2669"."""
    return find_official_identifier(head)


def _page_dossier(head):
    """A tkconv page's "Onderdeel van kamerstukdossier 32317 -978"."""
    match = _PAGE_DOSSIER.search(head)
    if not match:
        return None
    return Citation(
        chamber=TWEEDE_KAMER,
        dossier_number=match.group("number"),
        dossier_chapter=match.group("chapter") or "",
        sub_number=match.group("sub"),
    )


def _footer_citations(line):
    which = _CHAMBER_IN_FOOTER.search(line)
    for found in find_citations(line):
        if which:
            yield dataclasses.replace(
                found.citation, chamber=_CHAMBER_BY_WORD[which.group("which").lower()]
            )
        else:
            yield found.citation


def _letterhead_citation(source, head, chamber, date):
    heading = _LETTER_HEADING.search(head) or _HEADING_START.search(head)
    before_heading = head[: heading.start()] if heading else head[:300]
    if heading is None and (lettered := _OWN_NUMBER.search(head[:300])):
        before_heading = head[: lettered.end() + 1]
    own = _OWN_NUMBER.search(before_heading)
    if not own:
        return None
    sub_number = own.group("sub") or own.group("letter")
    session = _SESSION_LINE.search(before_heading)
    dossier = _DOSSIER_NUMBER_LINE.search(before_heading[: own.start()])
    chapter = ""
    if dossier:
        dossier_number = re.sub(r"\s", "", dossier.group("number"))
        chapter = dossier.group("series") or dossier.group("chapter") or ""
    elif sub_number.isdigit():
        dossier_number = _series_of(source.text, int(sub_number))
        if not dossier_number:
            return None
    else:
        return None
    if sub_number.isalpha():
        chamber = EERSTE_KAMER  # lettered papers are the Eerste Kamer's
    return Citation(
        chamber=chamber or TWEEDE_KAMER,
        dossier_number=dossier_number,
        sub_number=sub_number,
        session_year=_session_year(session.group("session") if session else "", date),
        dossier_chapter=chapter,
    )


def _series_of(text, sub_number):
    """The dossier number of the cited paper with the nearest lower number: a letter in a
    series cites its predecessors ("Kamerstuk 32 317, nr. 866")."""
    nearest = None
    for found in find_citations(text):
        cited = found.citation
        if cited.sub_number.isdigit() and 0 < sub_number - int(cited.sub_number) <= 30:
            distance = sub_number - int(cited.sub_number)
            if nearest is None or distance < nearest[0]:
                nearest = (distance, cited.dossier_number)
    return nearest[1] if nearest else ""


def _session_year(printed, date):
    """'2023-2024': as printed in the letterhead, else the session the date falls in (a session
    opens on the third Tuesday of September)."""
    if printed:
        start, end = re.split(r"\s*[-–/]\s*", printed)
        start = int(start)
        return f"{start}-{start + 1}"
    return session_year_on(date) if date else ""


def _meeting_in(passage, document_date):
    """The meeting named in a heading or sentence: its dates, formality and place."""
    match = _DATE_RANGE.search(passage)
    if not match:
        return None
    if match.group("first_day"):
        first = (match.group("first_day"), match.group("first_month"))
        last = (match.group("last_day"), match.group("last_month"))
        first_year, last_year = match.group("first_year"), match.group("last_year")
    else:
        days = re.findall(r"\d{1,2}", match.group("days"))
        first, last = (days[0], match.group("month")), (days[-1], match.group("month"))
        first_year = last_year = match.group("year")
    confidence = 0.9
    if not (first_year or last_year):
        if document_date is None:
            return None
        last_year = _nearest_year(last, document_date)
        confidence = 0.7
    start = _date(*first, first_year or last_year)
    end = _date(*last, last_year or first_year)
    if start and end and end < start and not first_year:
        start -= relativedelta(years=1)  # "30 december en 1 januari 2025"
    if start is None or end is None or end < start:
        return None
    if document_date and abs((start - document_date).days) > _MEETING_WINDOW_DAYS:
        shifted = _nearest_year(first, document_date)
        shift = relativedelta(years=shifted - start.year)
        if abs((start + shift - document_date).days) <= _MEETING_WINDOW_DAYS:
            start, end, confidence = start + shift, end + shift, 0.5
    place = _PLACE_AFTER.match(passage[match.end() :]) or _PLACE_BEFORE.search(
        passage[: match.start()]
    )
    # None: the passage does not say; extract_meeting looks further.
    formation = next((name for pattern, name in _FORMATIONS if pattern.search(passage)), None)
    return MeetingProposal(
        start_date=start,
        end_date=end,
        formation=formation,
        is_informal=bool(_INFORMAL.search(passage[: match.start()])),
        location=place.group("place") if place else "",
        passage=passage,
        confidence=confidence,
    )


def _nearest_year(day_and_month, near):
    """The year that puts a day and month closest to the date `near`."""
    day, month = day_and_month

    def distance(year):
        date = _date(day, month, year)
        return abs((date - near).days) if date else math.inf

    return min((near.year - 1, near.year, near.year + 1), key=distance)


def _section_area(line):
    match = _SECTION.match(line)
    if not match:
        return None
    name = re.sub(r"\s+", " ", match.group("name")).strip()
    for pattern, area in _SECTION_AREAS:
        if pattern.match(name):
            return area
    return None


def _is_item(match, section_numbers, last_number, previous_line, blank_before):
    number = int(match.group("number"))
    expected = {section_numbers[-1] + 1} if section_numbers else {1, last_number + 1}
    if number not in expected:
        return False
    title = match.group("title")
    if (
        len(title) > _ITEM_MAX_CHARS
        or re.search(r"[.;]\d{0,3}$", title.rstrip())
        or _FOOTNOTE_START.search(title)
    ):
        return False
    return blank_before or not previous_line or bool(_PARAGRAPH_END.search(previous_line))


def _item_title(lines, index):
    """An item's title as printed, over as many lines as it runs; and the index after it.

    A title goes on on the next line when that line starts in lower case, or when the title's
    line ends on a word such as "van" or "het" that cannot end a heading.
    """
    parts = [_ITEM.match(lines[index]).group("title")]
    end = index + 1
    look = end
    while look < len(lines) and len(parts) < 4:
        following = lines[look]
        if not following.strip():
            look += 1
            continue
        current = parts[-1].rstrip()
        last_word = current.split()[-1].lower() if current.split() else ""
        if (
            re.search(r"[.:;!?]$", current)
            or _ITEM.match(following)
            or _section_area(following)
            or _RESULTS_HEADING.match(following)
            or _FORMAT_LINE.match(following)
        ):
            break
        starts_lower = following.lstrip()[:1].islower()
        if not (starts_lower or last_word in _CONNECTIVES):
            break
        parts.append(following.strip())
        look += 1
        end = look
    title = normalize_text("\n".join(parts)).rstrip(" :")
    return title[:_TITLE_MAX_CHARS], end


def _results_block(lines, index):
    """The main results listed under "Belangrijkste resultaten": one per bullet, or one per
    sentence when the bullets were lost; and the index after the block."""
    block = []
    while index < len(lines):
        line = lines[index]
        if line.strip() and (_ITEM.match(line) or _section_area(line)):
            break
        block.append(line)
        index += 1
    results, current = [], []
    has_bullets = any(_BULLET.match(line) for line in block if line.strip())
    for line in block:
        if not line.strip():
            continue
        if has_bullets and _BULLET.match(line):
            if current:
                results.append(current)
            current = [_BULLET.sub("", line, count=1)]
        else:
            current.append(line)
    if current:
        results.append(current)
    texts = [normalize_text("\n".join(result)) for result in results]
    if not has_bullets:
        texts = [
            sentence.strip()
            for text in texts
            for sentence in re.split(r"(?<=[.!?])\s+(?=[A-Z])", text)
            if sentence.strip()
        ]
    return texts, index


def _attach_results(items, bodies, results, text):
    """Give each main result to the item of its section that shares its rarest words, title
    words counting most; a result that fits no item well is left out."""
    if not results:
        return
    documents = [
        _stems(item.title) | _stems(body) for item, body in zip(items, bodies, strict=True)
    ]
    frequency = Counter(stem for stems in documents for stem in stems)

    def weight(stem):
        return math.log((len(items) + 1) / (frequency[stem] + 0.5))

    pairs = []
    for section, block in results:
        for result in block:
            if result not in text:
                continue
            stems = _stems(result)
            for position, item in enumerate(items):
                if section is not None and item.section != section:
                    continue
                title_stems = _stems(item.title)
                score = sum(weight(stem) * (3 if stem in title_stems else 1)
                            for stem in stems & documents[position])  # fmt: skip
                pairs.append((score, result, position))
    best_by_result = {}
    for score, result, _position in pairs:
        best_by_result.setdefault(result, []).append(score)
    taken_results, taken_items = set(), set()
    for score, result, position in sorted(pairs, key=lambda pair: -pair[0]):
        if score < _MIN_RESULT_SCORE or result in taken_results or position in taken_items:
            continue
        runner_up = sorted(best_by_result[result], reverse=True)[1:2] or [0.0]
        items[position].main_result = result
        items[position].confidence = min(
            items[position].confidence, 0.8 if score >= 1.5 * runner_up[0] else 0.6
        )
        taken_results.add(result)
        taken_items.add(position)


def _stems(text):
    return {word.lower()[:_STEM_CHARS] for word in _WORD.findall(text)}
