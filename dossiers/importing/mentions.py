"""Dossier mentions: where a document names an EU file, known to the app or not yet.

Known files are found by their title, short name and aliases (the Gazetteer), in the forms a
document prints them: in any case except for acronyms (short names are case-sensitive words),
inflected ("verordeningen"), with or without a hyphen ("Terugkeer-verordening"), elided in a
pair ("Grens- en Terugkeerverordening"), abbreviated as the document itself defines it
("... (hierna: de roadmap)"), by the head of a name that only one known file has ("het Pact"),
and agreements by their partner country ("partnerschappen met Marokko en Jordanië").
Instruments not yet known are proposed by their form ("Dublinverordening", "Richtlijn
2016/680/EU", "Raadsconclusies over ...") with a lower confidence. Precision matters more than
recall: a generic word ("de verordening") is never a mention.

This module also cuts a document into its sentences, headings and footnotes (`segments`), the
units that the passages of all sentence-level proposals are.
"""

import bisect
import collections
import dataclasses
import functools
import re
from dataclasses import dataclass

from ..citations import (
    COMMISSION_DOCUMENT,
    PROCEDURE,
    CitationError,
    EUReference,
    FoundCitation,
    find_eu_references,
    parse_reference,
    references_in,
)
from ..dates import MONTH_NAMES
from ..prefilter import may_match, required_strings
from ..spans import TakenSpans
from . import name_tagger
from .gazetteer import Gazetteer
from .proposals import MentionProposal, TooManyProposals, past_the_bound
from .text import bounded_spans, normalize_text, period_ends_sentence

SENTENCE, HEADING, FOOTNOTE = "sentence", "heading", "footnote"


@dataclass(frozen=True)
class Segment:
    """A sentence, heading or footnote sentence: source.text[start:end] is its text."""

    kind: str
    start: int
    end: int
    text: str
    section: int  # index of the heading segment that opens its section; -1 before any
    # The EU references it prints (citations.FoundCitation, positions in its own text), read
    # from one pass over the whole document: its files and its mentions both need them.
    eu_references: tuple = ()

    @property
    def is_format_line(self):
        """An annotated agenda's line under an item that says what the Council is to do with it
        ("= Algemene oriëntatie", "Beleidsdebat en voortgangsrapportage"): part of the item, not
        a heading of its own."""
        return self.kind == HEADING and bool(FORMAT_LINE.match(self.text))


@dataclass(frozen=True)
class Found:
    """A name of a dossier at source.text[start:end]; dossier is None for a new instrument."""

    dossier: str | None
    name: str
    start: int
    end: int
    confidence: float
    alias: str = ""  # another name of the same new file in the document: a fiche's full title


# Layout ------------------------------------------------------------------------------------

# What the Council does with an agenda item, on a line of its own under the item's title: "=
# Algemene oriëntatie", or without the sign as other ministries print it ("Besluitvorming:
# Algemene oriëntatie", "Beleidsdebat en voortgangsrapportage", "Informatievoorziening"). This
# says which lines are format lines; stages._FORMAT_LINE which step each one foresees.
# The Council's mandate, in today's and the older word, with or without the diaeresis.
GENERAL_APPROACH = r"algemene\s+(?:ori[eë]ntatie|benadering)"
FORMAT_LINE = re.compile(
    r"=|(?i:(?:besluitvorming|informatievoorziening|gedachtewisseling|beleidsdebat|"
    rf"voortgangsrapport\w*|(?:gedeeltelijke\s+)?{GENERAL_APPROACH}|presentatie\s+door\s+"
    r"de\s+commissie)\b[^.]{0,60}$)"
)
_FOOTNOTE_START = re.compile(r"(\d{1,3})[ \t]+(?=[A-Z\[(“\"'])")
_NUMBERED_HEADING = re.compile(r"(?:\d{1,2}|[IVX]{1,5})\.\s+[^\W\d_(]|\d{1,2}\.\s+\(")
_BULLET = re.compile(r"[•\uf0b7\u25aa\u25cf\u2023]\s*")
# A line that starts an item of a list: a bullet, or a fiche a BNC cover letter lists.
_LIST_ITEM = re.compile(r"[•\uf0b7\u25aa\u25cf\u2023]|Fiche(?:\s+\d{1,2})?\s*:")
_SENTENCE_END = re.compile(r"[.!?][\"”’)\]]*(?:\d{1,2}(?![\d.,]))?(?=\s+[\"“‘(\[]?[A-ZÀ-Ý•\uf0b7])")
_HEADING_MAX = 250
# More lines than this per run between blank lines on average: the blank lines are not
# paragraph breaks.
_UNBROKEN_LINES = 12
_NOTE_START = "note_start"  # the line of a footnote that begins with its number
# A heading line that ends in one of these words goes on on the next line.
_OPEN_END = re.compile(
    r"\b(?:de|het|een|van|en|of|voor|over|tot|op|in|met|der|te|aan|bij|naar|om|ter|tegen)\s*$"
)


def segments(source):
    """The sentences, headings and footnote sentences of `source` (a reader.ImportText), in
    order. Headings are the numbered agenda items and the short lines that stand alone between
    paragraphs; footnotes interrupt the sentence they fall in, as on the printed page."""
    text = source.text
    lines = source.raw.split("\n")
    contents = [normalize_text(line) for line in lines]
    spans = _line_spans(contents, text)
    kinds = _classify(lines, contents)
    found, section = [], -1
    for kind, group in _groups(kinds, contents, spans):
        start, end = group[0][0], group[-1][1]
        if kind == HEADING and end - start <= _HEADING_MAX:
            heading = Segment(HEADING, start, end, text[start:end], len(found))
            if heading.is_format_line:
                heading = dataclasses.replace(heading, section=section)
            section = heading.section
            found.append(heading)
            continue
        if kind == FOOTNOTE:
            number = _FOOTNOTE_START.match(text, start)
            start = number.end() if number else start
        for sentence_start, sentence_end in _sentences(text, start, end):
            segment_kind = FOOTNOTE if kind == FOOTNOTE else SENTENCE
            found.append(
                Segment(
                    segment_kind,
                    sentence_start,
                    sentence_end,
                    text[sentence_start:sentence_end],
                    section,
                )
            )
    return _with_eu_references(found, text)


def _with_eu_references(found, text):
    """Each segment with the EU references that stand within it."""
    references = [item for item in references_in(text) if isinstance(item.citation, EUReference)]
    starts = [item.start for item in references]
    for index, segment in enumerate(found):
        first = bisect.bisect_left(starts, segment.start)
        last = bisect.bisect_left(starts, segment.end, first)
        inside = tuple(
            FoundCitation(
                item.citation, item.text, item.start - segment.start, item.end - segment.start
            )
            for item in references[first:last]
            if item.end <= segment.end
        )
        if inside:
            found[index] = dataclasses.replace(segment, eu_references=inside)
    return found


def _line_spans(contents, text):
    """Where each line's text is in the normalized text (None for blank or lost lines)."""
    spans, cursor = [], 0
    for content in contents:
        if not content:
            spans.append(None)
            continue
        position = cursor
        while position < len(text) and text[position] == " ":
            position += 1
        if text.startswith(content, position):
            spans.append((position, position + len(content)))
        elif content.endswith("-") and text.startswith(content[:-1], position):
            # A word hyphenated across the line break: normalize_text joined it.
            spans.append((position, position + len(content) - 1))
        else:
            found = text.find(content, cursor, cursor + len(content) + 200)
            spans.append((found, found + len(content)) if found >= 0 else None)
        if spans[-1]:
            cursor = spans[-1][1]
    return spans


def _classify(lines, contents):
    """SENTENCE (body text), HEADING, _NOTE_START or FOOTNOTE, or None (blank), per line.

    A footnote starts with the next footnote number at the start of a line and runs on until a
    line that starts a page (indented) or a sentence after a line that ended one."""
    kinds = [None] * len(lines)
    next_note, in_note, last_note = 1, False, ""
    for index, (line, content) in enumerate(zip(lines, contents, strict=True)):
        if not content:
            if line.strip() == "" and line:
                in_note = False  # a line of only spaces: a page or paragraph boundary
            continue
        number = _FOOTNOTE_START.match(line)
        if number and _starts_note(int(number.group(1)), next_note, lines, index):
            kinds[index] = _NOTE_START
            next_note, in_note, last_note = int(number.group(1)) + 1, True, content
            continue
        if in_note:
            page_start = line[:1].isspace()
            ended = last_note.endswith((".", ")")) and content[:1].isupper()
            if not (page_start or ended):
                kinds[index] = FOOTNOTE
                last_note = content
                continue
            in_note = False
        kinds[index] = SENTENCE
    _mark_headings(kinds, contents)
    for index, kind in enumerate(kinds):
        if (
            kind == SENTENCE
            and len(contents[index]) <= _FORMAT_LINE_MAX
            and FORMAT_LINE.match(contents[index])
            and _follows_a_title(kinds, contents, index)
        ):
            kinds[index] = HEADING
    return kinds


_FORMAT_LINE_MAX = 80


def _follows_a_title(kinds, contents, index):
    """Whether the line before stands as an agenda item's title: a heading, or a line that
    does not end like a sentence."""
    before = next((i for i in range(index - 1, -1, -1) if kinds[i] is not None), None)
    if before is None:
        return False
    return kinds[before] == HEADING or not contents[before].rstrip().endswith((".", "!", "?", ":"))


def _starts_note(number, expected, lines, index):
    """The next footnote number, or 1 after a blank line (a second document in the text)."""
    if number == expected:
        return True
    previous = lines[index - 1] if index else ""
    return number == 1 and expected > 1 and not previous.strip()


def _mark_headings(kinds, contents):
    """Numbered headings, then unnumbered ones: a short block (single-spaced text) or a short
    line (text with a blank line after every line) that does not end like a sentence, after
    one that does, before a line that starts like a sentence."""
    _mark_numbered_headings(kinds, contents)
    blocks = _blocks(kinds, contents)
    double_spaced = _double_spaced(blocks)
    if double_spaced:
        blocks = [[index] for block in blocks for index in block]  # each line stands alone
    # A line is short against the lines that end a sentence: a page's many short header lines
    # would otherwise make a heading as long as them look long.
    lengths = sorted(
        len(contents[i])
        for block in blocks
        for i in block
        if contents[i].rstrip().endswith((".", "!", "?"))
    ) or sorted(len(contents[i]) for block in blocks for i in block)
    typical = lengths[len(lengths) * 3 // 4] if lengths else 0
    for position, block in enumerate(blocks):
        first = contents[block[0]]
        before = next((i for i in range(block[0] - 1, -1, -1) if kinds[i] is not None), None)
        previous_ends = (
            before is None
            or kinds[before] != SENTENCE
            or contents[before].rstrip().endswith((".", "!", "?", ":", ";"))
            # Wrapped lines without blank lines: a line short of the width ends its paragraph.
            or (double_spaced and len(contents[before]) < 0.7 * typical)
        )
        joined = " ".join(contents[i] for i in block)
        following = blocks[position + 1] if position + 1 < len(blocks) else None
        next_first = contents[following[0]] if following else ""
        if double_spaced:
            short = len(first) <= 0.6 * typical
            heading_lines = (
                block[:1] if short and previous_ends and _heading_like(first, next_first) else []
            )
        else:
            fits = len(block) <= 3 and len(joined) <= 200
            heading_lines = (
                block if fits and previous_ends and _heading_like(joined, next_first) else []
            )
            if not heading_lines and len(block) >= 2 and previous_ends:
                # A title right over its paragraph, no blank line between: a short line that
                # does not end like a sentence or wrap on, before a line that starts anew.
                second = contents[block[1]]
                if (
                    len(first) <= 0.6 * typical
                    and not _OPEN_END.search(first)
                    and _heading_like(first, second)
                ):
                    heading_lines = block[:1]
        for index in heading_lines:
            kinds[index] = HEADING
        if heading_lines:
            _continue_heading(kinds, contents, heading_lines[-1])


def _mark_numbered_headings(kinds, contents):
    """Numbered agenda items ("3. Externe dimensie ...", "II. Justitie") that begin a line
    after the end of a sentence."""
    previous, blank = None, True
    for index, kind in enumerate(kinds):
        if kind != SENTENCE:
            if kind is None:
                blank = True
            else:
                previous = None
            continue
        content = contents[index]
        after_sentence = (
            blank
            or previous is None
            or kinds[previous] == HEADING
            or contents[previous].rstrip().endswith((".", "!", "?", ":", ";"))
        )
        blank = False
        if after_sentence and len(content) < _HEADING_MAX and _NUMBERED_HEADING.match(content):
            kinds[index] = HEADING
            _continue_heading(kinds, contents, index)
        previous = index


def _heading_like(joined, next_first):
    """Starts like a title, does not end like a sentence, and a sentence or heading follows."""
    stripped = joined.rstrip()
    if not stripped or stripped.endswith((".", "!", "?", ";", ",", ":")):
        return False
    if not (stripped[:1].isupper() or stripped[:1] == "=") or _BULLET.match(stripped):
        return False
    return bool(next_first) and (
        next_first[:1].isupper()
        or next_first[:1] in "=\u2022\uf0b7"
        or bool(_NUMBERED_HEADING.match(next_first))
    )


def _continue_heading(kinds, contents, last):
    """A heading wraps onto following lines that start in lower case, with a day number or a
    parenthesis, or after a line that ends in an article or preposition ("... van het")."""
    index, added = last + 1, 0
    while index < len(kinds) and added < 3:
        if kinds[index] is None:
            index += 1
            continue
        content = contents[index]
        if kinds[index] != SENTENCE and kinds[index] != HEADING:
            return
        if contents[last].rstrip().endswith((".", ":", "!", "?")):
            return
        continues = (
            content[:1].islower()
            or content[:1] == "("
            or (content[:1].isdigit() and not _NUMBERED_HEADING.match(content))
            or _OPEN_END.search(contents[last])
        )
        if not continues:
            return
        kinds[index] = HEADING
        last, index, added = index, index + 1, added + 1


def _double_spaced(blocks):
    """Text whose blank lines say nothing of its paragraphs: a blank line after every line (text
    extracted so), or none at all in a long text (a web page's wrapped lines)."""
    if not blocks:
        return False
    lines = sum(len(block) for block in blocks)
    return sum(len(block) == 1 for block in blocks) > 0.6 * len(blocks) or (
        lines / len(blocks) > _UNBROKEN_LINES
    )


def _blocks(kinds, contents):
    """Runs of consecutive body lines without a blank line between them."""
    blocks, current = [], []
    for index, kind in enumerate(kinds):
        if kind == SENTENCE and current and _LIST_ITEM.match(contents[index]):
            blocks.append(current)
            current = [index]
        elif kind == SENTENCE:
            current.append(index)
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


def _groups(kinds, contents, spans):
    """(kind, [spans]) runs: one heading, one footnote, or the body between them; a bullet
    starts a new run, and so does a blank line in single-spaced text (a paragraph)."""
    groups = []
    double_spaced = _double_spaced(_blocks(kinds, contents))
    current_kind, current, blank, previous = None, [], False, ""
    for index, kind in enumerate(kinds):
        span = spans[index]
        if kind is None:
            blank = True
            continue
        if span is None:
            continue
        group_kind = FOOTNOTE if kind in (_NOTE_START, FOOTNOTE) else kind
        new = (
            group_kind != current_kind
            or kind == _NOTE_START
            or _LIST_ITEM.match(contents[index])
            or (kind == SENTENCE and blank and not double_spaced)
            # Headings one after the other; a heading's wrapped lines start in lower case.
            or (
                kind == HEADING
                and blank
                and not contents[index][:1].islower()
                and not _OPEN_END.search(previous)
            )
            or (kind == HEADING and FORMAT_LINE.match(contents[index]))
        )
        if new and current:
            groups.append((current_kind, current))
            current = []
        current_kind = group_kind
        current.append(span)
        blank, previous = False, contents[index]
    if current:
        groups.append((current_kind, current))
    return groups


def _sentences(text, start, end):
    """(start, end) of each sentence in text[start:end], without leading bullets or spaces."""
    pieces, begin = [], start
    for match in _SENTENCE_END.finditer(text, start, end):
        # The word before the full stop; the text's spaces are single (normalize_text).
        token = text[max(text.rfind(" ", begin, match.start()) + 1, begin) : match.start()]
        if not period_ends_sentence(token, text[match.end() + 1 : match.end() + 2]):
            continue
        pieces.append((begin, match.end()))
        begin = match.end()
    pieces.append((begin, end))
    result = []
    for piece_start, piece_end in pieces:
        while piece_start < piece_end and (
            text[piece_start].isspace() or _BULLET.match(text, piece_start, piece_start + 1)
        ):
            piece_start += 1
        while piece_end > piece_start and text[piece_end - 1].isspace():
            piece_end -= 1
        if piece_end > piece_start:
            result.extend(bounded_spans(text, piece_start, piece_end))
    return result


# Names -------------------------------------------------------------------------------------

# Words that name a kind of instrument, never one instrument by themselves.
GENERIC_NAMES = frozenset(
    {
        *("verordening", "verordeningen", "richtlijn", "richtlijnen", "besluit", "besluiten"),
        *("aanbeveling", "aanbevelingen", "overeenkomst", "overeenkomsten", "verklaring"),
        *("verklaringen", "mededeling", "conclusies", "raadsconclusies", "pakket", "voorstel"),
        *("voorstellen", "herziening", "eu", "ep", "raad", "commissie"),
    }
)
# Heads that compounds of instrument names end in; a hyphen before them is optional.
_HEADS = (
    "verordening",
    "richtlijn",
    "besluit",
    "code",
    "pact",
    "mechanisme",
    "systeem",
    "verklaring",
    "overeenkomst",
    "alliantie",
    "aanbeveling",
)
# Capitalised words that name an institution, never a file ("de Raad", "het Agentschap").
_INSTITUTIONS = frozenset(
    {"raad", "commissie", "parlement", "voorzitterschap", "lidstaten", "lidstaat", "kamer"}
    | {"unie", "agentschap"}
)
_ACRONYM = re.compile(r"[A-Z][A-Z0-9]{1,7}")
_KEY_DROP = re.compile(r"[\W_]+")
_COUNTRY_NAME = re.compile(
    r"(?:partnerschap|overeenkomst|verklaring|memorandum|mou|akkoord|afspraken|deal)\b.*"
    r"\b(?:met|en)\s+(?P<country>[A-Z][^\W\d_]+)$",
    re.IGNORECASE,
)
# "EU-Turkijeverklaring": an agreement named by its partner in one compound.
_COUNTRY_COMPOUND = re.compile(
    r"EU-(?P<country>[A-Z][a-zà-ÿ]{3,}?)[\s-]?(?i:verklaring|overeenkomst|akkoord|partnerschap|"
    r"deal)$"
)
_COUNTRY = r"[A-Z][^\W\d_]+"
_COUNTRY_LIST = re.compile(
    r"(?:partnerschap(?:pen)?|overeenkomst(?:en)?|verklaring(?:en)?|MoU|memorandum of "
    r"understanding|memorandum\s+van\s+overeenstemming|akkoord(?:en)?|afspraken|deal(?:s)?|"
    r"overeen\s*(?:te\s+)?(?:kwam|kwamen|komen|gekomen))"
    r"\s+(?:met|tussen\s+de\s+(?:EU|Europese\s+Unie)\s+en)"
    rf"\s+(?P<list>{_COUNTRY}(?:\s*,\s*{_COUNTRY})*(?:\s+en\s+{_COUNTRY})?)",
)
_ELIDED = re.compile(r"(?<![^\W\d_])(?P<first>[^\W\d_][\w]*)-\s+(?:en|of)\s+(?P<second>[^\W\d_]+)")
# A compound that a known name's last word ends ("EU-migratiepact"); at least this long.
_MIN_COMPOUND = 9
_COMPOUND_WORD = re.compile(r"(?<![\w-])[^\W\d_]+(?:-[^\W\d_]+)+(?![\w-])")
_HEAD_REFERENCE = re.compile(
    r"\b(?:het|de|dit|deze)\s+(?P<head>[A-Z][a-zà-ÿ]{3,}|pact)(?![\w-])"  # "het Pact", "het pact"
)
_DEFINITION = re.compile(
    r"\s*\((?P<hierna>hierna:?\s*)?(?:de\s+|het\s+)?(?P<abbreviation>[^()]{2,40}?)\)"
)

# Instruments by their form, for files the app does not know yet. A title runs on to the end of
# its clause: punctuation, quotes, a footnote number or year, a fiche's next heading ("b) Datum
# ontvangst"), or a verb that begins the rest of the sentence.
_TITLE_BODY = r"[^.;:()«»“”\"\d]{3,160}?"
_TITLE_WORDS = r"[^\W\d_][\w-]*(?:\s+[^\W\d_](?:[^\W\d_]|-)*){0,10}?"
_TITLE_END = (
    r"(?=\s*[.;:(),«»“”\"]|\s*\d|\s+[a-z]\)\s|\s+(?:aan|die|dat|is|zijn|werd|worden|wordt|"
    r"heeft|hebben|waarin|waarmee|aan(?:nam|namen|neemt)|vast(?:stelde|stelden|stelt)|"
    # a participle that closes the sentence's verb: "... heeft de Raad de richtlijn X aangenomen"
    r"aangenomen|vastgesteld|goedgekeurd|besproken|bereikt|ingediend|voorgesteld|aanvaard|"
    r"ondertekend|bekrachtigd|overeengekomen|uitgesteld|afgerond|ingetrokken|opgenomen|"
    # a modal verb, an infinitive or an adverb of the rest of the sentence: "... formeel
    # aannemen", "... moet uiterlijk in 2027 zijn omgezet"
    r"moet|moeten|kan|kunnen|zal|zullen|zou|zouden|mag|mogen|wil|willen|"
    r"aannemen|vaststellen|goedkeuren|bespreken|bereiken|formeel|uiterlijk|definitief|"
    r"inmiddels|reeds|binnenkort|verscheen|verschijnt|ligt|liggen|lag|lagen|komt|kwam|"
    r"starten|beginnen|begint|volgt|volgen|geen|niet|bevat|bevatten|"
    # a separable verb's infinitive: "... het voorstel voor de richtlijn X in te trekken"
    r"(?:in|voor|aan|vast|uit|op|af|terug)\s+te\s+[a-zà-ÿ]+en|"
    r"besp(?:rak|raken|reekt)|steun(?:de|den|t)|verwelkom(?:de|den|t)|goedkeur(?:de|den)|keurt|"
    r"gepubliceerd|gepresenteerd|verschenen|uitgebracht|ontvangen|verzonden|gestuurd)\b"
    # a capitalised article or pronoun: the next sentence, its line break lost ("... afvalwater
    # Het voorzitterschap gaf ...")
    r"|\s+(?-i:(?:De|Het|Een|Dit|Deze|Die|Dat|Er|Op|In|Tijdens|Nederland|Zij|Hij|Ik|Wij)\s)"
    r"|\s+[–—-]\s"  # "Verordening X – Algemene oriëntatie": the item's format after a dash
    # "Richtlijn A en de Richtlijn B": a capitalised kind begins the next title
    r"|\s+(?:en|of)\s+(?:de\s+|het\s+)?(?=(?-i:Richtlijn|Verordening|Kaderbesluit|Raadsbesluit)\b)"
    # "Verordening A en tot wijziging van Richtlijn B": the acts it amends are not its name
    r"|\s+(?:en\s+)?tot\s+(?:wijziging|intrekking)\s+van\s|\s*$)"
)
_YEAR = r"(?:\s+(?:19|20)\d{2}(?!\d))?"
_MONTH = rf"(?:{'|'.join(MONTH_NAMES)})"
# Verbs that may follow a lower-case kind: "de verordening treedt in werking".
_VERB = (
    r"(?:treedt|wordt|heeft|gaat|komt|staat|geldt|bevat|vereist|biedt|ligt|past|regelt|voorziet|"
    r"bepaalt|legt|stelt|maakt|krijgt|blijft|werd|had|zou|omvat|beoogt|introduceert)\b"
)
# Words that do not begin a title: "de Verordening te wijzigen", "het Raadsbesluit zal".
_FUNCTION_WORD = (
    r"(?:van|tot|betreffende|inzake|over|ter|houdende|en|of|te|om|op|in|met|voor|aan|bij|door|"
    r"als|nog|niet|ook|al|wel|die|dat|is|zijn|was|waren|wordt|worden|werd|werden|zal|zullen|"
    r"heeft|hebben|kan|kunnen|moet|moeten|gaat|gaan|zou|zouden|"
    r"naar|een|maar|echter|daarom|dus|waarin|zo)\b"
)
# ... or where the next of a list of titles begins ("A en de Verordening B").
_TITLE_END_OR_NEXT = _TITLE_END[:-1] + (
    r"|\s+(?:en|of)\s+(?:de|het|een)\s"
    r"|\s+(?:en|of)\s+(?=(?:[\w-]+\s+){0,2}(?i:richtlijn|verordening|besluit)\b))"
)

# A title a BNC cover letter lists: "Fiche: Prüm II-verordening (Kamerstuk ...)"; the reader has
# joined the lines, so a title ends at its citation or the next "Fiche:". stages.py dates the
# BNC fiche of each by the letter.
# Older letters number them: "Fiche 1: Fiscale geschilbeslechting ...".
FICHE_TITLE = re.compile(
    r"\b(?i:fiche)(?:\s+\d{1,2})?\s*:\s*(?P<name>[^():]{3,150}?)\s*"
    r"(?=\(|\bFiche(?:\s+\d{1,2})?\s*:|\d\.(?:\s|$)|(?:De|Het)\s+(?:Minister|Staatssecretaris)\b|$)"
)
# A fiche's own title: "a) Titel voorstel Aanbeveling van de Raad inzake ... b) Datum".
FICHE_SUBJECT = re.compile(r"\bTitel voorstel\s+(?P<name>.{5,500}?)\s+(?=[a-z]\)\s)")

# Acts by their number: "Richtlijn 2011/36/EU", "de besluiten (EU) 2015/1523 en (EU) 2015/1601".
_ACT_NUMBER = (
    r"(?:\((?:EU|EG|EU,\s*Euratom)\)\s*)?(?:nr\.?\s*)?\d{1,4}/\d{1,4}(?:/(?:EU|EG|EEG|JBZ|GBVB))?"
    r"(?![\w/])"
)
_NUMBERED_ACTS = re.compile(
    r"(?<![\w-])(?P<kind>(?i:richtlijn|verordening|kaderbesluit|uitvoeringsbesluit|"
    r"uitvoeringsverordening|besluit|aanbeveling))(?P<plural>en)?\s+"
    rf"(?P<numbers>{_ACT_NUMBER}(?:\s*(?:,|en)\s*{_ACT_NUMBER})*)"
)
_ONE_NUMBER = re.compile(_ACT_NUMBER)

# Capitalised words that begin a sentence or a heading, not a name.
_NOT_A_NAME = (
    r"(?:De|Het|Dit|Dat|Deze|Die|Een|Elk|Ieder|Ons|Onze|Stand|Nationaal|Nationale|Werk|"
    r"Wetgevend|Meerjarig|Europees|Europese|"
    # an agenda's words for what happens to an item: "Besluitvorming AML-pakket"
    r"Besluitvorming|Beleidsdebat|Informatievoorziening|Voortgang|Onderdeel)\b"
)

# What English titles of EU files end in: "AI Continent Action Plan", "Brexit Adjustment Reserve".
_ENGLISH_HEADS = (
    r"(?:Act|Package|Pact|Directive|Regulation|Strategy|Deal|Plan|Fund|Reserve|Facility|"
    r"Instrument|Mechanism|Programme|Initiative|Space)"
)

# A programme by an acronym alone is others' ("het WHO-programma", "het COMPASS-programma"), not an
# EU file, unless the acronym is the EU's own ("het EU-programma voor gezondheid").
_OTHERS_PROGRAMME = re.compile(r"(?!EU[-\s])[A-Z]+[-\s]programma")
# A programme or a law, and what says it is the Union's (_learnt_name).
_PROGRAMME_OR_LAW = re.compile(r"(?i:programma|wet)\b")
_OF_THE_UNION = re.compile(r"\bEU\b|EU-|Europ|\bUnie\b|Commissie|Raads?")
_NEW_INSTRUMENTS = (
    (
        # "Dublinverordening", "Europol-verordening", "EU-Dublin-verordening",
        # "Prüm II-verordening".
        re.compile(
            r"(?<![\w-])(?P<name>(?:[A-Z][a-zà-ÿ]{2,}|[A-Z]{2,5}-[A-Z][a-zà-ÿ]{2,}|"
            # "MFK-rechtsstaatverordening": an abbreviation before a lower-case compound
            r"(?!EU-)[A-Z]{2,5}-[a-zà-ÿ]{3,}(?=[a-zà-ÿ]*(?:verordening|richtlijn)))"
            r"(?:\s(?:[IVX]{1,4}|[A-Z]{2,5})(?=-))?(?:-[a-zà-ÿ]+)*-?"
            r"(?:verordening|richtlijn|procedurerichtlijn))(?:en)?(?![\w-])"
        ),
        0.5,
    ),
    (FICHE_TITLE, 0.7),
    (
        re.compile(
            # "EU-Verordening ter bestrijding van ...", "Richtlijn voor bodemmonitoring".
            r"(?<![\w-])(?:concept-|ontwerp-)?(?P<name>(?:EU-)?(?:Richtlijn|Verordening|Besluit|Aanbeveling|"
            r"[Rr]aadsconclusies|"
            r"[Rr]aadsaanbeveling(?:en)?|Raadsbesluit|Conclusies|Mededeling|Commissiemededeling|"
            r"Richtsnoeren|Uitvoeringshandeling|Uitvoeringsbesluit|"
            r"Uitvoeringsverordening|Kaderbesluit)"
            r"\s+(?:van\s+(?:de\s+Raad|de\s+Commissie|het\s+Europees\s+Parlement"
            r"(?:\s+en\s+de\s+Raad)?)\s+)?"
            # "De Raad nam Raadsconclusies aan over ...": the verb's particle stands between.
            r"(?P<particle>(?:aan|aangenomen|aannemen|vastgesteld|vaststellen|goedgekeurd)\s+)?"
            r"(?:tot|betreffende|inzake|over|ter|houdende|voor|op\s+het\s+gebied\s+van)\s+"
            rf"{_TITLE_BODY})" + _TITLE_END
        ),
        0.4,
    ),
    (
        # "een verordening om de betekening ... te verbeteren": a lower-case kind, described.
        re.compile(
            # "de ontwerp-richtlijn betreffende ...": the draft is the act.
            r"\b(?:[Ee]en|[Dd]e|nieuwe)\s+(?:ontwerp-)?(?P<name>(?:(?:Europese|nieuwe|herziene|voorgestelde)\s+)?"
            r"(?:(?:richtlijn|verordening|aanbeveling|(?:raads)?conclusies)(?:en)?\s+"
            r"(?:van\s+de\s+(?:Raad|(?:Europese\s+)?Commissie)\s+)?"
            # a communication only with its author: "de mededeling over de stand" is none
            r"|mededeling\s+van\s+de\s+(?:Europese\s+)?Commissie\s+)(?:om|op\s+"
            rf"het\s+gebied\s+van|inzake|betreffende|houdende|ter|tot|over"
            # "een Europese richtlijn voor ontneming en confiscatie": "voor" after the Union's
            r"|(?<=Europese richtlijn )voor|(?<=Europese verordening )voor)"
            rf"\s+{_TITLE_BODY})" + _TITLE_END
        ),
        0.4,
    ),
    (
        # "het uitvoeringsbesluit van de Raad voor de goedkeuring van het herstelplan", "het
        # kaderbesluit aangaande nationale bureaus ...": a decision in lower case, described.
        re.compile(
            r"\b(?:[Ee]en|[Dd]e|[Hh]et)\s+(?P<name>(?:uitvoerings|kader|raads)besluit(?:en)?\s+"
            r"(?:van\s+de\s+(?:Raad|(?:Europese\s+)?Commissie)\s+)?"
            rf"(?:voor|tot|inzake|betreffende|aangaande|over|ter)\s+{_TITLE_BODY})" + _TITLE_END
        ),
        0.4,
    ),
    (
        # "de Europese Havenstrategie", "de Europese Kiesakte", "de Europese klimaatwet", "de
        # EU-drugsstrategie", "het EU-drugsactieplan".
        re.compile(
            r"(?<![\w-])(?P<name>Europese\s+[A-Z][a-zà-ÿ]+(?:strategie|akte|agenda|actieplan)"
            r"|Europese\s+[a-zà-ÿ]{4,}wet|EU-[a-zà-ÿ]{4,}(?:strategie|actieplan|agenda))"
            r"(?![\w-])"
        ),
        0.4,
    ),
    (
        # "de Mededeling van de Commissie maatregelen die ...": its title after the author.
        re.compile(
            r"(?<![\w-])(?P<name>(?:Mededeling|Commissiemededeling)\s+van\s+de\s+(?:Europese\s+)?"
            rf"Commissie\s+(?!{_FUNCTION_WORD}){_TITLE_BODY})" + _TITLE_END
        ),
        0.4,
    ),
    (
        # "de Mededeling Europees jaarverslag asiel en migratie": a communication by its title.
        re.compile(
            rf"(?<![\w-])(?P<name>(?:Commissiem|M)ededeling\s+[A-Z]{_TITLE_WORDS}{_YEAR})"
            + _TITLE_END
        ),
        0.4,
    ),
    (
        # "Het BNC-fiche over het Verslag EU-burgerschapsrapport 2020": what a fiche is about.
        re.compile(
            r"\bBNC[-\s]?fiche\s+(?:over|inzake|betreffende)\s+(?:het|de|een)\s+"
            rf"(?P<name>[A-Z]{_TITLE_WORDS}{_YEAR})" + _TITLE_END
        ),
        0.4,
    ),
    (
        # "de EU-code voor politiële samenwerking", "de Europese strategie inzake ...".
        re.compile(
            r"(?<![\w-])(?P<name>(?:(?:EU-|EU\s+|Europese\s+)(?i:code|strategie|actieplan|routekaart|pact|"
            r"agenda)|(?:EU-|Europees\s+)scorebord)\s+"
            rf"(?:voor|inzake|over|ter|tegen|betreffende)\s+{_TITLE_BODY})" + _TITLE_END
        ),
        0.4,
    ),
    (
        # "de Verordening passagiersrechten in de luchtvaart en de ...": an act by its title,
        # the kind capitalised in the middle of a sentence.
        re.compile(
            r"(?<=[a-zà-ÿ,] )(?P<name>(?:Verordening|Richtlijn|Kaderbesluit|Raadsbesluit)\s+"
            rf"(?!{_FUNCTION_WORD})"
            rf"{_TITLE_WORDS}(?:\s+\([A-Z]{{2,8}}\))?)" + _TITLE_END_OR_NEXT
        ),
        0.4,
    ),
    (
        # "Richtlijn vermoeden van onschuld: de Raad bereikte ...": a paragraph headed by the
        # act it is about, before a colon.
        re.compile(
            r"(?<![\w-])(?P<name>(?:Verordening|Richtlijn|Kaderbesluit|Raadsbesluit|Besluit|"
            rf"Aanbeveling|Raadsconclusies|Conclusies)\s+(?!{_FUNCTION_WORD})[^:.;()\n]{{3,100}}?)"
            r"\s*:\s+(?=[a-z]|(?:De|Het|Er|In|Op|Tijdens)\s)"
        ),
        0.4,
    ),
    (
        # "de Raadsconclusies van 10 oktober 2014": conclusions by the day they were adopted.
        re.compile(
            r"(?<![\w-])(?P<name>(?:[Rr]aadsconclusies|[Cc]onclusies\s+van\s+de\s+Raad)\s+van\s+"
            rf"\d{{1,2}}\s+{_MONTH}\s+(?:19|20)\d{{2}})(?!\d)"
        ),
        0.4,
    ),
    (
        # "de Europol verordening", "de Dublin Verordening": a compound written apart.
        re.compile(
            rf"(?<![\w-])(?P<name>(?!{_NOT_A_NAME}|Nieuwe\b|Gewijzigde\b)[A-Z][a-zà-ÿ]{{3,}}"
            r"\s+(?:[Vv]erordening|[Rr]ichtlijn))(?![\w-])"
        ),
        0.4,
    ),
    (
        # "de verordening voor Eurojust", "de verordeningen voor het Europees Openbaar
        # Ministerie": a lower-case kind for a named body or system.
        re.compile(
            r"\b(?:[Dd]e|[Ee]en)\s+(?P<name>(?:richtlijn|verordening)(?:en)?\s+voor\s+(?:het\s+|de\s+)?"
            r"[A-Z][\w-]+(?:\s+[A-Z][\w-]+){0,3})(?![\w-])"
        ),
        0.4,
    ),
    (
        # "de anti-SLAPP richtlijn", "de NIS2-richtlijn": an abbreviation and its kind.
        re.compile(
            # "de eIDAS-verordening": an abbreviation may start in lower case.
            r"(?<![\w-])(?P<name>(?:[a-z]+-|[a-z](?=[A-Z]{2}))?[A-Z][A-Z0-9]{1,7}[-\s]"
            r"(?:richtlijn|verordening))"
            r"(?:en)?(?![\w-])"
        ),
        0.4,
    ),
    (
        # "de richtlijn Gewichten en Afmetingen": a lower-case kind before a capitalised title;
        # "de verordening vereenvoudiging Carbon Border Adjustment Mechanism (CBAM)": after
        # what it does.
        re.compile(
            r"(?<![\w-])(?:ontwerp-?)?(?P<name>(?:richtlijn|verordening)\s+(?:[a-z]{4,}ing\s+)?"
            r"(?!(?:COM|JOIN|SWD|ST)\b)[A-Z][^\W\d_]+"
            r"(?:\s+(?:en\s+)?[A-Z][^\W\d_]+){0,4}(?:\s+\([A-Z]{2,8}\))?)(?![\w-])"
        ),
        0.4,
    ),
    (
        # "de herziening van de richtlijn stedelijk afvalwater": an act under revision, by what
        # it is about in lower case.
        re.compile(
            r"\b(?:[Hh]erziening(?:en)?|[Ww]ijziging(?:en)?|[Ee]valuatie)\s+van\s+de\s+"
            rf"(?P<name>(?:richtlijn|verordening)\s+(?!{_FUNCTION_WORD})[a-zà-ÿ][a-zà-ÿ-]{{3,}}"
            rf"(?:\s+(?!{_FUNCTION_WORD})[a-zà-ÿ][a-zà-ÿ-]{{2,}}){{0,3}}(?:\s+\([A-Z]{{2,8}}\))?)"
            + _TITLE_END
        ),
        0.4,
    ),
    (
        # "de herziening van de richtlijn voor hernieuwbare energie", "de herziening van de
        # verordening omtrent het Trans-Europese Transportnetwerk": an act under revision by what
        # it is for or about.
        re.compile(
            r"\b(?:[Hh]erziening(?:en)?|[Ww]ijziging(?:en)?)\s+van\s+de\s+"
            r"(?P<name>(?i:richtlijn|verordening)\s+(?:voor|omtrent|betreffende|inzake|over|ter|"
            rf"tot)\s+{_TITLE_BODY})" + _TITLE_END
        ),
        0.4,
    ),
    (
        # "de richtlijn energieprestatie gebouwen (EPBD)", "de richtlijn loontransparantie": a
        # lower-case kind before the compound noun it is about.
        re.compile(
            r"\b(?:[Dd]e|[Ee]en|van)\s+(?P<name>(?:richtlijn|verordening)\s+"
            # a noun, not a verb ("de richtlijn omzetten")
            rf"(?!{_FUNCTION_WORD}|{_VERB})(?![a-zà-ÿ-]*(?:en|ijk|baar|ig|isch|ief)\b)"
            r"[a-zà-ÿ]{3,}(?:[a-zà-ÿ]{5,}|-[a-zà-ÿ]{4,})"
            rf"(?:\s+(?!{_FUNCTION_WORD})[a-zà-ÿ][a-zà-ÿ-]{{2,}}){{0,2}}?(?:\s+\([A-Z]{{2,8}}\))?)"
            + _TITLE_END
        ),
        0.4,
    ),
    (
        # "rijbewijsrichtlijn", "opvangrichtlijn": a lower-case compound of a kind of act.
        re.compile(
            r"(?<![\w-])(?P<name>(?:[A-Z][a-zà-ÿ]+-\s+(?:en|of)\s+)?"
            r"(?!(?:kader|basis|oprichtings|uitvoerings|wijzigings|ontwerp|"
            r"herschikkings|moeder|dochter|eu)-?(?:verordening|richtlijn))"
            r"[a-zà-ÿ]{3,}-?(?:verordening|richtlijn))(?:en)?(?![\w-])"
        ),
        0.4,
    ),
    (
        # "het Roadworthiness Package", "de Digital Services Act": English titles.
        re.compile(
            r"(?<![\w-])(?!(?:De|Het|Een|Dit|Deze|Die|Dat)\s)"  # a Dutch article is no part of it
            r"(?P<name>(?!(?:(?:Council|Commission|European|EU|The|This|New|Proposed|"
            r"Implementing|Delegated|Europees|Europese|Nieuw|Nieuwe|Het|De|Action)\s+)+"
            rf"{_ENGLISH_HEADS}\b)"
            rf"(?:[A-Z][\w-]*\s+){{1,4}}{_ENGLISH_HEADS})"
            r"(?![\w-])"
        ),
        0.4,
    ),
    (
        # EU programmes, packages and funds by name: "het InvestEU-programma", "het Erasmus+
        # programma 2021–2027", "het Fit for 55-pakket", "de Herstel- en Veerkrachtfaciliteit",
        # "de Hervormings- en Groeifaciliteit voor de Westelijke Balkan".
        re.compile(
            r"(?<![\w-])(?P<name>"
            rf"(?!{_NOT_A_NAME})(?!{_OTHERS_PROGRAMME.pattern})[A-Z][\w+]{{2,}}(?:\s+[A-Z][\w+]*){{0,2}}"
            r"[-\s]programma(?:\s+(?:19|20)\d{2}\s*[–-]\s*(?:19|20)\d{2})?"
            rf"|(?!{_NOT_A_NAME})[A-Z][\w+]*(?:-[\w+]+)*(?:\s+[\w+]+){{0,3}}-pakket"
            # "het REPowerEU-plan", "de Oekraïne-faciliteit"
            r"|[A-Z][\w+]*(?:-[\w+]+)*-(?:plan|faciliteit)"
            r"|Commissiewerkprogramma\s+(?:19|20)\d{2}"  # the Commission's, of a year
            r"|(?:Europese\s+)?(?:[A-Z][a-zà-ÿ]+-\s+en\s+)?[A-Z][a-zà-ÿ]+faciliteit"
            r"(?:\s+\([A-Z]{2,6}\))?(?:\s+voor\s+de\s+[A-Z][a-zà-ÿ]+(?:\s+[A-Z][a-zà-ÿ]+)?)?"
            r")(?![\w-])"
        ),
        0.4,
    ),
    (
        # The Union's instruments, mechanisms, facilities and funds: "het EU Civiele
        # Beschermingsmechanisme", "de EU-vluchtelingenfaciliteit", "het
        # interne-marktnoodinstrument (SMEI)" (a lower-case one only with its abbreviation).
        re.compile(
            r"(?<![\w-])(?P<name>EU[-\s](?:[A-Za-zà-ÿ]+\s+)?[A-Za-zà-ÿ]{3,}"
            r"(?:mechanisme|faciliteit|instrument|fonds)"
            # "het Europees Fonds voor Maritieme Zaken en Visserij"
            r"|(?:Europees|Europese)\s+(?:[A-Z][a-zà-ÿ]+\s+)?(?:Fonds|Faciliteit|Instrument)\s+"
            r"voor\s+(?:de\s+)?[A-Z][\w-]+(?:\s+(?:en\s+)?[A-Z][\w-]+){0,3}"
            r"|[a-zà-ÿ]{3,}(?:-[a-zà-ÿ]+)*(?:mechanisme|faciliteit|instrument|fonds)"
            r"\s+\([A-Z][A-Za-z0-9]{1,7}\))(?![\w-])"
        ),
        0.4,
    ),
    (
        # "het Commissievoorstel tot herziening van de Visumcode", "het Commissierapport inzake
        # het opschortingsmechanisme": the Commission's paper by what it is about.
        re.compile(
            r"(?<![\w-])(?P<name>(?:Commissievoorstel(?:len)?|Commissierapport|Commissieverslag)\s+"
            rf"(?:tot|inzake|over|betreffende|ten\s+aanzien\s+van)\s+{_TITLE_BODY})" + _TITLE_END
        ),
        0.4,
    ),
    (
        # "het associatieakkoord tussen de Europese Unie (EU) en Chili", "de interim-overeenkomst
        # inzake Handel tussen de Europese Unie en de Republiek Chili": an agreement by its
        # partner.
        re.compile(
            rf"(?<![\w-])(?P<name>(?:(?!{_NOT_A_NAME})[A-Z][a-zà-ÿ]+\s+)?[A-Za-zà-ÿ-]*"
            r"(?:overeenkomst|akkoord)\s+"
            r"(?:inzake\s+[A-Z][\w-]+\s+)?tussen\s+de\s+(?:Europese\s+Unie|EU)(?:\s+\(EU\))?"
            r"(?:\s+en\s+haar\s+lidstaten,?\s+enerzijds,?)?\s+en\s+(?:de\s+)?"
            r"(?:Republiek\s+|Koninkrijk\s+)?[A-Z][\w-]+(?:\s+[A-Z][\w-]+)?(?:\s+van\s+[A-Z][\w-]+)?)"
        ),
        0.4,
    ),
    (
        # "het EU-sanctieregime Guatemala", "het EU-sanctieregime tegen Iran".
        re.compile(
            r"(?<![\w-])(?P<name>EU-sanctieregime\s+(?:(?:voor|tegen|ten\s+aanzien\s+van|inzake)"
            r"\s+)?[A-Z][\w-]+)"
        ),
        0.4,
    ),
    (
        # "het veertiende sanctiepakket tegen Rusland": a package of the Council's sanctions.
        re.compile(
            r"(?<![\w-])(?P<name>[a-z]+(?:de|ste)\s+sanctiepakket(?:\s+tegen\s+[A-Z][\w-]+)?)"
        ),
        0.4,
    ),
    (
        # "het Mobiliteitspakket", "het Stabiliteits- en Groeipact", "de Europese Klimaatwet",
        # "een Europees Defensie-industrieprogramma": a capitalised compound of a package or pact;
        # of a programme or law only when it is the Union's (national ones are not).
        re.compile(
            r"(?<![\w-])(?P<name>(?:(?:Europees|Europese)\s+|EU-)(?:[A-Z][a-zà-ÿ]+-\s+en\s+)?"
            r"[A-Z][a-zà-ÿ]{2,}(?:-[a-zà-ÿ]+)*-?(?:programma|wet)"
            r"|(?:[A-Z][a-zà-ÿ]+-\s+en\s+)?(?!(?:Werk|Actie|Jaar|Hulp|Steun|Voorjaars|Najaars)"
            r"(?:pakket|pact))[A-Z][a-zà-ÿ]{3,}(?:-[a-zà-ÿ]+)*-?(?:pakket|pact))"
            r"(?:\s+\([A-Z]{2,8}\))?(?![\w-])"
        ),
        0.4,
    ),
    (
        # "het voorstel voor een Europese identiteitsportemonnee", "... voor een EU-talentenpool":
        # a proposal by what it sets up, when that is the Union's.
        re.compile(
            r"\b(?:[Vv]oorstel(?:len)?|Commissievoorstel(?:len)?)\s+(?:voor|inzake|over)\s+"
            r"(?:een|de|het)\s+(?P<name>(?:Europese|Europees)\s+[a-zà-ÿ][\w-]{5,}"
            r"(?:\s+[a-zà-ÿ][\w-]{5,})?|EU-[a-zà-ÿ][\w-]{4,})(?![\w-])"
        ),
        0.4,
    ),
    (
        # "het voorstel voor een richtlijn inzake ...": the instrument a proposal is for.
        re.compile(
            r"\b[Vv]oorstel(?:len)?\s+voor\s+een\s+(?P<name>(?:[Rr]aads)?(?:richtlijn|verordening|"
            r"besluit|kaderbesluit|aanbeveling)\s+(?:van\s+de\s+Raad\s+)?(?:tot|betreffende|inzake|"
            rf"over|ter|houdende)\s+{_TITLE_BODY})" + _TITLE_END
        ),
        0.4,
    ),
)

# Each form with the strings one of which a sentence must hold for the form to match in it: a
# sentence without them is not searched (dossiers/prefilter.py says why).
_NEW_INSTRUMENTS_PREFILTERED = tuple(
    (pattern, confidence, required_strings(pattern)) for pattern, confidence in _NEW_INSTRUMENTS
)

# "verordening betreffende AI", "Herziening richtlijn normen opvang asielzoekers": a kind of act
# and the words after it, one of which may make the known compound ("opvangrichtlijn").
_KIND_AND_WORDS = re.compile(
    r"(?:(?:herziening|herziene|wijziging|voorstel)\s+(?:van\s+de\s+)?)?"
    r"(?P<kind>richtlijn|verordening)\s+(?P<words>.+)",
    re.IGNORECASE,
)
# The title after an act's number, to the end of its clause.
_TITLE_AFTER_NUMBER = re.compile(
    r"\s+(?P<title>(?:betreffende|inzake|tot|over|houdende)\s+[^.;:()]{3,160}?)(?=\s*[.;:()]|$)"
)
# A title cut at a year or a footnote number loses the words that led to it: "... in".
# "... per juni" before "2026": a month with what leads to it.
_TRAILING_WORDS = re.compile(
    r"(?:\s+(?:in|van|de|het|een|en|of|over|voor|op|met|tot|te|per|vanaf|sinds|begin|eind|medio|"
    rf"{_MONTH}))*\s*$"
)
# Where a title goes on to the acts it amends or repeals, which are not its name.
_AMENDS_TOO = re.compile(r"\s+en\s+(?:tot\s+)?(?:wijziging|intrekking)\b")
# Where a title goes on to say what the act is about.
_ABOUT = re.compile(r"\s(?:over|inzake|betreffende|tot|ter|houdende)\s")
# Compounds that name a kind of act, not one ("Uitvoeringsverordening", "EU-richtlijn").
_NOT_NEW_PREFIXES = ("uitvoerings", "wijzigings", "herschikkings", "gedelegeerd")


# Words of legal titles that say what kind of rule it is, not what it is about.
_TITLE_VOCABULARY = frozenset(
    {
        *("voorkoming", "voorkomen", "bestrijding", "bestrijden", "vaststelling", "wijziging"),
        *("herziening", "herziene", "minimumnormen", "minimumvoorschriften", "betreffende"),
        *("toepassing", "tijdelijke", "europese", "europees", "lidstaten", "bepalingen"),
        *("procedures", "procedure", "gemeenschappelijke", "uitvoering", "instelling"),
        *("oprichting", "intrekking", "voorstel", "nieuwe", "regels", "kader", "tussen"),
        # "ter bescherming van": the Richtlijn tijdelijke bescherming shares no subject with a
        # directive on protecting the environment through criminal law.
        "bescherming",
        # Kinds of document: "EU-actieplan tegen drugshandel" shares no subject with the
        # Actieplan voor de Oostmediterrane route.
        *("actieplan", "strategie", "routekaart", "programma", "werkprogramma", "mededeling"),
        *("stappenplan", "voortgangsverslag", "voortgangsrapport", "jaarverslag"),
    }
)
_MIN_DISTINCTIVE = 8
_DISTINCTIVE_NAME_WORDS = 8


def _without_the_act_referred_to(name):
    """A name without the act it ends by referring to: "Maatregelen op grond van artikel 25a
    van de Visumcode" is about measures, not the Visa Code."""
    words = name.split()
    if len(words) > 2 and words[-2].lower() in ("de", "het", "der"):
        return " ".join(words[:-1])
    return name


def _distinctive_words(name, min_length=_MIN_DISTINCTIVE):
    """The long words of a name that say what it is about, and the stems of its compounds
    ("mensenhandel" of "mensenhandelrichtlijn")."""
    found = set()
    for word in re.findall(r"[^\W\d_]+", name.lower()):
        if word.startswith(_NOT_NEW_PREFIXES):
            continue
        for head in _HEADS:
            if word.endswith(head) and len(word) - len(head) >= min_length:
                word = word[: -len(head)]
                # "screenings" of "Screeningsverordening" is "screening" with a linking s
                if word.endswith("s") and len(word) > min_length:
                    word = word[:-1]
                break
        if len(word) >= min_length and word not in _TITLE_VOCABULARY and word not in GENERIC_NAMES:
            found.add(word)
    return found


# Words a name's words are found by in any order ("nieuw pact inzake migratie en asiel" is the
# Asiel- en Migratiepact): not these, which any title has.
_BAG_STOPWORDS = frozenset(
    {
        *("de", "het", "een", "van", "en", "of", "in", "op", "te", "met", "voor", "over", "aan"),
        *("bij", "door", "tot", "om", "uit", "als", "dat", "die", "dit", "deze", "inzake", "ter"),
        *("betreffende", "houdende", "nieuw", "nieuwe", "eu", "europese", "europees", "unie"),
        *("raad", "commissie", "herziening", "herziene", "voorstel", "wijziging", "tussen"),
        *("gewijzigd", "gewijzigde"),  # "Verordening X, gewijzigd voorstel" is X
        "tegengaan",  # as "ter voorkoming en bestrijding van": what kind of rule, not its subject
    }
)
_BAG_MIN_WORDS = 3  # fewer words find too much
_MIN_PART = 4  # letters of each word a compound is split into
_BAG_WINDOW = 10  # the words must stand within this many words of each other
_WORD = re.compile(r"[^\W\d_]+")
_SUFFIXES = ("ingen", "ing", "en", "e", "s")


def _stem(word):
    """'voorkom' for "voorkomen" and "voorkoming": the words a name is printed in vary."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


@functools.lru_cache(maxsize=65536)  # a text repeats its words
def _word_stems(word):
    """The stems of one word, a compound split before its head ("migratiepact": migratie,
    pact)."""
    word = word.lower()
    if word in _BAG_STOPWORDS:
        return ()
    for head in _HEADS:
        if word.endswith(head) and len(word) - len(head) >= 4:
            return (_stem(word[: -len(head)]), head)
    return (_stem(word),)


def bag_of_words(name):
    """The stems of a name's words, which text must hold near each other to name it."""
    return frozenset(stem for word in _WORD.findall(name) for stem in _word_stems(word))


# A word start: letters after anything that is not one.
_WORD_START = re.compile(r"(?<![^\W\d_])[^\W\d_]+")
_PREFIX_LETTERS = 5


@functools.lru_cache(maxsize=65536)  # a text repeats its words
def _prefix_key(text):
    """The first letters of the first word of `text` in lower case, or "" when it starts with no
    letter: the key a name is looked up by at a word start."""
    match = _WORD.match(text)
    return match.group()[:_PREFIX_LETTERS].lower() if match else ""


def _pair_key(first, second):
    """(the two stems in lower case, the head) of an elided pair ("Asiel-", "Migratiepact"),
    or None when the second word ends in no head."""
    second = second.lower()
    for head in _HEADS:
        if second.endswith(head) and len(second) > len(head):
            return frozenset((first.lower(), second[: -len(head)])), head
    return None


def name_key(name):
    """What two spellings of one name have in common: 'Asiel- en Migratiepact' and
    'asiel en migratiepact' give one key."""
    return _KEY_DROP.sub("", name.lower())


def _name_pattern(name):
    """A regular expression for `name` as documents print it."""
    words = name.split()
    parts = []
    for word in words:
        pieces = [re.escape(piece) for piece in word.split("-")]
        parts.append(r"\s?-?\s?".join(pieces) if len(pieces) > 1 else pieces[0])
    pattern = r"\s+".join(parts)
    # The head of the last word may stand apart: "EU-Turkijeverklaring", "EU-Turkije Verklaring".
    last_piece = words[-1].split("-")[-1]
    for head in _HEADS:
        if last_piece.lower().endswith(head) and len(last_piece) > len(head):
            stem = re.escape(last_piece[: -len(head)])
            tail = re.escape(last_piece[-len(head) :])
            pattern = pattern[: -len(re.escape(last_piece))] + f"{stem}(?:-\\s?|\\s)?{tail}"
            break
    return rf"{pattern}(?:en|s|n|e|'s)?(?:voorstel(?:len)?)?(?![^\W\d_])"


class DossierMatcher:
    """The known dossiers' names compiled once: finds every known name in a text."""

    @classmethod
    def of(cls, gazetteer):
        """The matcher for these dossiers, compiled once for as long as they stay the same."""
        return _matcher(tuple(gazetteer.dossiers))

    def __init__(self, gazetteer):
        by_key, acronyms = {}, {}
        for dossier in gazetteer.dossiers:
            for name in dossier.names:
                name = " ".join(name.split())
                if len(name) < 2 or name_key(name) in GENERIC_NAMES:
                    continue
                if _ACRONYM.fullmatch(name):
                    acronyms.setdefault(name, set()).add(dossier.slug)
                else:
                    by_key.setdefault(name_key(name), {}).setdefault(dossier.slug, name)
        self.by_key = {
            key: next(iter(slugs.items())) for key, slugs in by_key.items() if len(slugs) == 1
        }
        self.acronyms = {name: next(iter(s)) for name, s in acronyms.items() if len(s) == 1}
        alternatives = [(name, slug, True) for name, slug in self.acronyms.items()]
        alternatives += [(name, slug, False) for _key_, (slug, name) in self.by_key.items()]
        alternatives.sort(key=lambda item: len(item[0]), reverse=True)
        self.names = [name for name, _slug, _acronym in alternatives]
        self.slugs = [slug for _name, slug, _acronym in alternatives]
        # The names by the first letters of their first word: at a word start of a text only
        # the names that can begin there are tried (thousands of names in one alternation would
        # each be tried at every word). A name that begins with no letter ("32023H0681") is
        # looked for on its own. The matched group's number says which name it is.
        self.branches_by_prefix, other = {}, []
        for index, (name, _slug, acronym) in enumerate(alternatives):
            # Acronyms are case-sensitive words ("APR" is not "apr"); other names are not.
            branch = rf"{re.escape(name)}(?![^\W\d_])" if acronym else f"(?i:{_name_pattern(name)})"
            branch = f"(?P<n{index}>{branch})"
            prefix = _prefix_key(name)
            (self.branches_by_prefix.setdefault(prefix, []) if prefix else other).append(branch)
        self.patterns_by_prefix = {}
        self.other_names = re.compile(rf"(?<![^\W\d_])(?:{'|'.join(other)})") if other else None
        self.types = {dossier.slug: dossier.instrument_type for dossier in gazetteer.dossiers}
        self.distinctive = self._distinctive(gazetteer)
        self.bags = self._bags(gazetteer)
        self.names_by_stem = self._names_by_stem(gazetteer)
        self.stems_by_slug = {}
        for stem, slugs in self.names_by_stem.items():
            for slug in slugs:
                self.stems_by_slug.setdefault(slug, set()).add(stem)
        self.heads = self._unique_heads()
        self.last_words = self._unique_last_words()
        self.pairs = self._elided_pairs()
        # The last words alone, in any case and Dutch form ("migratiepact", "Migratiepacten").
        self.last_words_pattern = re.compile(
            r"(?<![\w-])(?P<word>"
            + "|".join(sorted(map(re.escape, self.last_words), key=len, reverse=True) or ["(?!)"])
            + r")(?:en|s|n)?(?![\w-])",
            re.IGNORECASE,
        )
        self.countries = self._countries(gazetteer)

    @staticmethod
    def _bags(gazetteer):
        """stem -> [(slug, bag)] for every known name of at least _BAG_MIN_WORDS words, each
        under the stem of its bag that fewest names have: a text must hold that one to name it,
        so a common word ("richtlijn") brings few names to check."""
        bags = {
            (dossier.slug, bag_of_words(name))
            for dossier in gazetteer.dossiers
            for name in dossier.names
            if not _ACRONYM.fullmatch(name)
        }
        bags = {(slug, bag) for slug, bag in bags if len(bag) >= _BAG_MIN_WORDS}
        counts = collections.Counter(stem for _slug, bag in bags for stem in bag)
        index = {}
        for slug, bag in bags:
            rarest = min(bag, key=lambda stem: (counts[stem], stem))
            index.setdefault(rarest, []).append((slug, bag))
        return index

    @staticmethod
    def _names_by_stem(gazetteer):
        """stem -> {slug}: the known files one of whose names holds that stem."""
        index = {}
        for dossier in gazetteer.dossiers:
            for name in dossier.names:
                if not _ACRONYM.fullmatch(name):
                    for stem in bag_of_words(name):
                        index.setdefault(stem, set()).add(dossier.slug)
        return index

    def _shortens(self, name):
        """The one known file of the same kind whose name holds every word of `name`: "Verordening
        ter bestrijding en voorkoming van seksueel misbruik" is the CSAM regulation, whose title
        says more. A name needs _BAG_MIN_WORDS words besides its kind to be read so."""
        kind = instrument_type_of(name)
        bag = bag_of_words(name) - _KIND_STEMS
        if len(bag) < _BAG_MIN_WORDS:
            return None
        candidates = {slug for stem in bag for slug in self.names_by_stem.get(stem, ())}
        slugs = {
            slug
            for slug in candidates
            if self.types.get(slug) == kind
            and all(_covered(stem, self.stems_by_slug[slug]) for stem in bag)
        }
        return slugs.pop() if len(slugs) == 1 else None

    def by_words(self, text, start, end, found):
        """Known files named in text[start:end] by their words in another order or form,
        where `found` names them not yet: one Found each, over the words that name it."""
        words = [
            (match.start(), match.end(), stem)
            for match in _WORD.finditer(text, start, end)
            for stem in _word_stems(match.group())
        ]
        present = {stem for _start, _end, stem in words}
        named = {item.dossier for item in found}
        extra = []
        candidates = {entry for stem in present for entry in self.bags.get(stem, ())}
        # The fullest names first, then by slug: the same text gives the same finds in any run.
        for slug, bag in sorted(candidates, key=lambda entry: (-len(entry[1]), entry[0])):
            if slug in named or not bag <= present:
                continue
            span = _window(words, bag)
            if span and not any(i.start < span[1] and span[0] < i.end for i in found + extra):
                extra.append(Found(slug, text[span[0] : span[1]], *span, 0.5))
                named.add(slug)
        return extra

    @staticmethod
    def _distinctive(gazetteer):
        """word -> slug, for the words of known names that only one known file has. A long
        official title is left out: its legal words ("onderdanen", "buitengrenzen") are what
        other files' titles say too, though no other title the app knows says them yet."""
        words = {}
        for dossier in gazetteer.dossiers:
            for name in dossier.names:
                if len(name.split()) > _DISTINCTIVE_NAME_WORDS:
                    continue
                for word in _distinctive_words(_without_the_act_referred_to(name)):
                    words.setdefault(word, set()).add(dossier.slug)
        return {word: next(iter(slugs)) for word, slugs in words.items() if len(slugs) == 1}

    def _unique_heads(self):
        heads = {}
        for slug, name in self.by_key.values():
            last = name_key(name.split()[-1])
            for cut in range(1, len(last) - 3):
                heads.setdefault(last[cut:], set()).add(slug)
        return {
            head: next(iter(slugs))
            for head, slugs in heads.items()
            if len(slugs) == 1
            and head not in GENERIC_NAMES
            and head not in _INSTITUTIONS
            and not any(head.endswith(generic) for generic in _HEADS if generic != "pact")
        }

    def _unique_last_words(self):
        """The compound a single dossier's name ends in ("migratiepact" of the Asiel- en
        Migratiepact): that word alone, or a longer word ending in it ("EU-migratiepact"),
        names that dossier. Only compounds headed by a kind of instrument count: "drugssmokkel"
        ends a name too, but names no file."""
        words = {}
        for slug, name in self.by_key.values():
            words_of_name = name.split()
            last = words_of_name[-1].lower()
            if (
                len(words_of_name) > 1
                and len(last) >= _MIN_COMPOUND
                and last.isalpha()
                and any(last.endswith(head) and last != head for head in _HEADS)
                # "Maatregelen op grond van artikel 25a van de Visumcode" are not the Visa Code.
                and _without_the_act_referred_to(name) == name
            ):
                words.setdefault(last, set()).add(slug)
        return {
            word: next(iter(slugs))
            for word, slugs in words.items()
            if len(slugs) == 1 and word not in GENERIC_NAMES
        }

    def _elided_pairs(self):
        """Names that are an elided pair ("Asiel- en Migratiepact"), by their two stems and
        head, so that the pair in the other order ("migratie- en asielpact") is found too."""
        pairs = {}
        for slug, name in self.by_key.values():
            match = _ELIDED.search(name)
            if match and match.end() == len(name.rstrip()):
                key = _pair_key(match.group("first"), match.group("second"))
                if key:
                    pairs.setdefault(key, set()).add(slug)
        return {key: next(iter(slugs)) for key, slugs in pairs.items() if len(slugs) == 1}

    @staticmethod
    def _countries(gazetteer):
        countries = {}
        for dossier in gazetteer.dossiers:
            for name in dossier.names:
                match = _COUNTRY_NAME.search(name.strip()) or _COUNTRY_COMPOUND.match(name.strip())
                if match:
                    countries.setdefault(match.group("country"), set()).add(dossier.slug)
        return {country: next(iter(s)) for country, s in countries.items() if len(s) == 1}

    def _names_at(self, text):
        """Matches of the known names in `text`, leftmost first, none inside another."""
        end = 0
        for word in _WORD_START.finditer(text):
            if word.start() < end:
                continue
            pattern = self._pattern_for(_prefix_key(word.group()))
            match = pattern.match(text, word.start()) if pattern else None
            if match:
                end = match.end()
                yield match
        if self.other_names is not None:
            yield from self.other_names.finditer(text)

    def _pattern_for(self, prefix):
        """The alternation of the names that begin with `prefix`, compiled when first needed."""
        if prefix not in self.patterns_by_prefix:
            branches = self.branches_by_prefix.get(prefix)
            self.patterns_by_prefix[prefix] = re.compile("|".join(branches)) if branches else None
        return self.patterns_by_prefix[prefix]

    def find(self, text):
        """Every known name in `text`, as Found, in order; overlapping finds are dropped."""
        found = []
        for match in self._names_at(text):
            index = int(match.lastgroup[1:])
            # As the gazetteer spells it, or in another case or form.
            confidence = 0.95 if match.group() == self.names[index] else 0.85
            found.append(
                Found(self.slugs[index], match.group(), match.start(), match.end(), confidence)
            )
        found += self._elided(text)
        found += self._defined(text, found)
        found += self._countries_in(text)
        found += self._head_references(text)
        return _without_overlaps(found)

    def _elided(self, text):
        """ "Grens- en Terugkeerverordening": the first word takes the second's head; a known
        pair is also found in the other order."""
        found = []
        for match in _ELIDED.finditer(text):
            first, second = match.group("first"), match.group("second")
            swapped = self.pairs.get(_pair_key(first, second))
            if swapped:
                found.append(Found(swapped, match.group(), match.start(), match.end(), 0.8))
                continue
            for cut in range(1, len(second) - 3):
                known = self.by_key.get(name_key(first + second[cut:]))
                if known:
                    found.append(
                        Found(
                            known[0],
                            first + "-",
                            match.start(),
                            match.start() + len(first) + 1,
                            0.8,
                        )
                    )
                    break
        return found

    def _defined(self, text, found):
        """Abbreviations the document defines after a known name: "(APR)", "(hierna: X)"."""
        definitions = []
        for mention in found:
            match = _DEFINITION.match(text, mention.end)
            if not match:
                continue
            abbreviation = match.group("abbreviation").strip()
            if not (match.group("hierna") or _ACRONYM.fullmatch(abbreviation)):
                continue
            if name_key(abbreviation) in GENERIC_NAMES or len(name_key(abbreviation)) < 2:
                continue
            known = (
                self.acronyms.get(abbreviation)
                or self.by_key.get(name_key(abbreviation), (None,))[0]
            )
            if known and known != mention.dossier:
                continue
            if not known:
                definitions.append((abbreviation, mention.dossier, match.end()))
        # Each abbreviation counts from its first definition on; all are looked for in one pass
        # (longest first, as _without_overlaps would keep them), not one pass each.
        first = {}
        for abbreviation, slug, after in definitions:
            first.setdefault((abbreviation, slug), after)
        if not first:
            return []
        defined = sorted(first.items(), key=lambda item: len(item[0][0]), reverse=True)
        branches = []
        for index, ((abbreviation, _slug), _after) in enumerate(defined):
            if _ACRONYM.fullmatch(abbreviation):
                branch = rf"{re.escape(abbreviation)}(?![^\W\d_])"
            else:
                branch = f"(?i:{_name_pattern(abbreviation)})"
            branches.append(f"(?P<d{index}>{branch})")
        pattern = re.compile(rf"(?<![^\W\d_])(?:{'|'.join(branches)})")
        extra = []
        for match in pattern.finditer(text, min(first.values())):
            (_abbreviation, slug), after = defined[int(match.lastgroup[1:])]
            if match.start() >= after:
                extra.append(Found(slug, match.group(), match.start(), match.end(), 0.85))
        return extra

    def _resembles(self, name):
        """The known file of the same kind that a new name shares a word with that no other
        known file has: "Richtlijn voorkomen en bestrijden van mensenhandel" is the
        mensenhandelrichtlijn, whatever its title's wording."""
        kind = instrument_type_of(name)
        slugs = {self._distinctive_of(word) for word in _distinctive_words(name)}
        slugs = {slug for slug in slugs if slug and self.types.get(slug) == kind}
        # Words of two files ("de Richtlijn A en de Richtlijn B") name neither for sure.
        return slugs.pop() if len(slugs) == 1 else None

    def _distinctive_of(self, word):
        """The known file a distinctive word is of, also as the start of a compound: an
        "EU-hervestigingskader" is set up by the Hervestigingsverordening."""
        for cut in range(len(word), _MIN_DISTINCTIVE - 1, -1):
            slug = self.distinctive.get(word[:cut])
            if slug:
                return slug
        return None

    def _compound_of(self, name):
        """The one known file whose compound name the kind and a word of `name` say apart:
        "verordening betreffende AI" is the AI-verordening, "richtlijn normen opvang
        asielzoekers" the opvangrichtlijn."""
        match = _KIND_AND_WORDS.match(name)
        if not match:
            return None
        kind = match.group("kind").lower()
        slugs = set()
        for word in re.findall(r"[^\W\d_][\w]{1,20}", match.group("words")):
            if word.lower() in _BAG_STOPWORDS:
                continue
            for compound in (f"{word}-{kind}", f"{word}{kind}"):
                slug, _name = self.by_key.get(name_key(compound), (None, None))
                if slug:
                    slugs.add(slug)
        return slugs.pop() if len(slugs) == 1 else None

    def _titled_after_number(self, text, name, end):
        """The known file an act by its number is, by the title printed after the number:
        "Richtlijn 2003/109/EG betreffende de status van langdurig ingezeten onderdanen"."""
        if not _ONE_NUMBER.search(name):
            return None
        title = _TITLE_AFTER_NUMBER.match(text, end)
        if not title:
            return None
        described = f"{name.split()[0]} {title.group('title')}"
        return self._resembles(described) or self._shortens(described)

    def _defined_as(self, text, end):
        """The known file a name is defined as right after it: "Asiel- en
        migratiebeheerverordening (hierna: AMMR)" is the AMMR under another name."""
        match = _DEFINITION.match(text, end)
        if not match:
            return None
        abbreviation = match.group("abbreviation").strip()
        if abbreviation in self.acronyms:
            return self.acronyms[abbreviation]
        slug, _name = self.by_key.get(name_key(abbreviation), (None, None))
        return slug

    def _countries_in(self, text):
        if not self.countries:
            return []
        found = []
        for match in _COUNTRY_LIST.finditer(text):
            for country in re.finditer(_COUNTRY, match.group("list")):
                slug = self.countries.get(country.group())
                if slug:
                    start = match.start("list") + country.start()
                    found.append(
                        Found(slug, country.group(), start, start + len(country.group()), 0.7)
                    )
        return found

    def _head_references(self, text):
        found = []
        if self.last_words:
            for match in _COMPOUND_WORD.finditer(text):
                word = match.group().lower()
                for cut in range(1, len(word) - _MIN_COMPOUND + 1):
                    slug = self.last_words.get(word[cut:])
                    if slug and word[cut - 1] == "-":
                        found.append(Found(slug, match.group(), *match.span(), 0.6))
                        break
            for match in self.last_words_pattern.finditer(text):
                slug = self.last_words[match.group("word").lower()]
                found.append(Found(slug, match.group(), *match.span(), 0.6))
        if not self.heads:
            return found
        for match in _HEAD_REFERENCE.finditer(text):
            slug = self.heads.get(match.group("head").lower())
            if slug:
                found.append(
                    Found(slug, match.group("head"), match.start("head"), match.end("head"), 0.6)
                )
        return found

    @staticmethod
    def _forms(text, start, end):
        """Every name in text[start:end] that has the form of an instrument, as Found."""
        found = _numbered_acts(text, start, end) + _budgets(text, start, end)
        lowered = text[start:end].lower()
        for pattern, confidence, required in _NEW_INSTRUMENTS_PREFILTERED:
            if not may_match(required, lowered):
                continue
            for match in pattern.finditer(text, start, end):
                name_start = match.start("name")
                name = text[name_start : match.end("name")]
                amends = _AMENDS_TOO.search(name)
                if amends and amends.start() > 0:  # "Verordening X en wijziging Richtlijn Y"
                    name = name[: amends.start()]
                name = _TRAILING_WORDS.sub("", name)
                name_end = name_start + len(name)
                if match.groupdict().get("particle"):  # "Raadsconclusies [aan] over ..."
                    name = (
                        text[name_start : match.start("particle")]
                        + text[match.end("particle") : name_end]
                    )
                found.append(Found(None, name, name_start, name_end, confidence))
        return found

    def new_instruments(self, text, start, end, known, tagger=None):
        """Instruments in text[start:end] by their form, and where `tagger` (a
        name_tagger.NameTagger) is given by the names it finds where no form stands: the forms
        say where a name begins and ends as the guide has it, the model fills their gaps. `known`
        are the Found known names there, which overlapping forms yield to. A form that is part
        of a known file's name ("Besluit van de Raad tot ..." of its "Uitvoeringsbesluit van de
        Raad tot ...") is that file; the others are new (dossier None)."""
        forms = self._forms(text, start, end)
        found = self._checked(text, start, forms, known)
        if tagger is not None:
            learnt = []
            for name_start, name_end, confidence in tagger.names(text, start, end):
                if any(f.start < name_end and name_start < f.end for f in forms):
                    continue
                if name := _learnt_name(text[name_start:name_end]):
                    end_of_name = name_start + len(name)
                    learnt.append(Found(None, name, name_start, end_of_name, confidence))
            found += self._checked(text, start, learnt, known)
        return _with_names_in_brackets(text, _without_overlaps(found))

    def _checked(self, text, start, candidates, known):
        """The candidates that name an instrument, each with its known file where it is one."""
        found = []
        for candidate in candidates:
            name, name_start, name_end = candidate.name, candidate.start, candidate.end
            if _AMENDED_IN_A_TITLE.search(text, max(start, name_start - 250), name_start):
                continue  # "Verordening A ... en tot wijziging van Richtlijn B": B is no mention
            key = name_key(name)
            lowered = name.lower()
            if key in GENERIC_NAMES or (lowered.startswith(_NOT_NEW_PREFIXES) and " " not in name):
                continue
            if lowered.startswith("eu-") and name_key(name[3:]) in GENERIC_NAMES:
                continue  # "EU-richtlijn" names no file
            kind = instrument_type_of(name)
            if any(
                k.start < name_end
                and name_start < k.end
                and (
                    not _ABOUT.search(text, name_start, max(k.start, name_start))
                    or self.types.get(k.dossier) == kind
                )
                for k in known
            ):
                # A known name in the form is that file, unless it is what a new file of another
                # kind is about ("Mededeling over ... van het Asiel- en Migratiepact"); a
                # "Verordening inzake instelling EURODAC" is the Eurodac regulation.
                continue
            part_of = {slug for name_key, (slug, _name) in self.by_key.items() if key in name_key}
            if len(part_of) == 1:
                dossier = part_of.pop()
            elif other_name := _in_brackets_after(text, name_start, name_end, known):
                dossier = other_name.dossier  # "de AI-verordening (Artificial Intelligence Act)"
            else:
                dossier = (
                    self._defined_as(text, name_end)
                    or self._resembles(name)
                    or self._shortens(name)
                    or self._titled_after_number(text, name, name_end)
                    or self._compound_of(name)
                )
            found.append(
                dataclasses.replace(
                    candidate, dossier=dossier, confidence=0.7 if dossier else candidate.confidence
                )
            )
        return found


# Another act's title that goes on to the acts it amends or repeals, up to where a name starts.
_AMENDED_IN_A_TITLE = re.compile(
    r"(?i:verordening|richtlijn|besluit)\b[^.;()]{0,200}?\b(?:en\s+tot|en|tot)\s+"
    r"(?:wijziging|intrekking)(?:\s+van)?\s(?:[^.;]|\.(?=\s*\d))*$"  # "nr. 767/2008" goes on
)


_MIN_LEARNT_NAME = 4
# What a name does not hold outside brackets and quotes: a comma that goes on to another clause
# ("... asielverzoeken, langere verantwoordelijkheidstermijnen ... bieden aanknopingspunten"),
# told from a list in a title ("richtsnoeren op het gebied van asiel, terugkeer en
# hervestiging") by its length.
_A_CLAUSE = re.compile(r"^[^(«“\"]*,\s")
_MAX_WORDS_WITH_A_CLAUSE = 10


def _learnt_name(name):
    """The name a find of the name model stands for, or "" where a learnt find may not stand
    alone: shorter than four letters; one word that does not say its kind ("Turkije", "Europol"
    are a country or a body far more often than a file); a programme by an acronym alone; or a
    programme or law that does not say it is the Union's ("het Deltaprogramma" is as likely
    national; the forms read the EU's own)."""
    if (
        len(name) < _MIN_LEARNT_NAME
        or (" " not in name and not name_tagger.KIND.search(name))
        or (_A_CLAUSE.search(name) and len(name.split()) > _MAX_WORDS_WITH_A_CLAUSE)
        or _OTHERS_PROGRAMME.match(name)
        or (_PROGRAMME_OR_LAW.search(name) and not _OF_THE_UNION.search(name))
    ):
        return ""
    return _TRAILING_WORDS.sub("", name)


def _in_brackets_after(text, start, end, names, new=False):
    """The name of `names` (known ones; `new`: new ones) that text[start:end] stands in brackets
    right after: its other name."""
    if not (text[end : end + 1] == ")" and text[:start].rstrip().endswith("(")):
        return None
    opening = text.rindex("(", 0, start)
    return next(
        (
            k
            for k in names
            if (k.dossier is None) == new and k.end <= opening and not text[k.end : opening].strip()
        ),
        None,
    )


def _with_names_in_brackets(text, found):
    """ "Verordening inzake Digitale Markten (Digital Markets Act)": one new file, the name in
    brackets its other name."""
    kept = []
    for item in found:
        before = _in_brackets_after(text, item.start, item.end, kept, new=True)
        if item.dossier is None and before is not None:
            if not before.alias:
                kept[kept.index(before)] = dataclasses.replace(before, alias=item.name)
            continue
        kept.append(item)
    return kept


def _numbered_acts(text, start, end):
    """Acts named by their number, one Found each; a list names the kind once and each act is
    called "<Kind> <number>" ("Besluit (EU) 2015/1523")."""
    found = []
    for match in _NUMBERED_ACTS.finditer(text, start, end):
        numbers = list(_ONE_NUMBER.finditer(text, match.start("numbers"), match.end("numbers")))
        if len(numbers) == 1 and not match.group("plural"):
            found.append(Found(None, match.group(), match.start(), match.end(), 0.6))
            continue
        kind = match.group("kind").capitalize()
        for number in numbers:
            found.append(Found(None, f"{kind} {number.group()}", *number.span(), 0.6))
    return found


_ORDINAL = r"(?:eerste|tweede|derde|vierde|vijfde|zesde|zevende|achtste|negende|tiende)"
# "de Europese begroting voor 2022", "de EU-jaarbegroting 2024", "de vierde en vijfde
# aanvullende Europese begrotingen voor 2021": the Union's budget of a year is a file of its own.
_BUDGETS = re.compile(
    rf"(?<![\w-])(?:(?P<ordinals>{_ORDINAL}(?:\s*,\s*{_ORDINAL})*(?:\s+en\s+{_ORDINAL})?)\s+"
    r"(?P<amending>aanvullende\s+))?(?P<body>(?:Europese\s+|EU-)(?:jaar)?begroting)(?:en)?\s+"
    r"(?P<year>(?:voor\s+)?(?:19|20)\d{2})(?![\d/])"
)


def _budgets(text, start, end):
    """The Union's budgets of a year named in text[start:end], one Found each; a list of
    amending budgets ("de vierde en vijfde aanvullende ...") names each by its ordinal."""
    found = []
    for match in _BUDGETS.finditer(text, start, end):
        body, year = match.group("body"), match.group("year")
        if not match.group("ordinals"):
            found.append(Found(None, f"{body} {year}", match.start("body"), match.end(), 0.4))
            continue
        for ordinal in re.finditer(_ORDINAL, match.group("ordinals")):
            name = f"{ordinal.group()} aanvullende {body} {year}"
            first = match.start("ordinals") + ordinal.start()
            found.append(Found(None, name, first, first + len(ordinal.group()), 0.4))
    return found


def _covered(stem, stems):
    """Whether a name's `stems` hold `stem`, or the two words a compound joins ("kindermisbruik"
    in "misbruik van kinderen")."""
    if stem in stems:
        return True
    if any(
        stem[:cut] in stems and _stem(stem[cut:]) in stems
        for cut in range(_MIN_PART, len(stem) - _MIN_PART + 1)
    ):
        return True
    # ... or a compound of the name holds it: "situaties van crisis en overmacht" in
    # "crisis- en overmachtsituaties".
    return len(stem) > _MIN_PART and any(
        len(other) > len(stem) and (other.startswith(stem) or other.endswith(stem))
        for other in stems
    )


def _window(words, bag):
    """(start, end) of the shortest run of `words` ((start, end, stem) in order) that holds
    every stem of `bag`, or None when it is longer than _BAG_WINDOW words."""
    best = None
    for first in range(len(words)):
        missing = set(bag)
        for last in range(first, min(first + _BAG_WINDOW + len(bag), len(words))):
            missing.discard(words[last][2])
            if not missing:
                if best is None or words[last][1] - words[first][0] < best[1] - best[0]:
                    best = (words[first][0], words[last][1])
                break
    return best


@functools.lru_cache(maxsize=4)
def _matcher(dossiers):
    return DossierMatcher(Gazetteer(dossiers=list(dossiers)))


def _without_overlaps(found):
    """Longest first wins where finds overlap; then in text order."""
    kept, taken = [], TakenSpans()
    for item in sorted(found, key=lambda f: (-(f.end - f.start), f.start)):
        if not taken.overlaps(item.start, item.end):
            taken.add(item.start, item.end)
            kept.append(item)
    return sorted(kept, key=lambda f: f.start)


# Mentions ----------------------------------------------------------------------------------


@dataclass
class DocumentMentions:
    """A document cut into segments, with the known names found in each."""

    segments: list
    found: list  # per segment: list of Found (known dossiers and new instruments)
    fiche_subjects: list = dataclasses.field(default_factory=list)  # Found: what a fiche is about

    def segment_at(self, position):
        """The segment that holds source.text[position], or None."""
        index = bisect.bisect_right([segment.start for segment in self.segments], position) - 1
        if index >= 0 and position < self.segments[index].end:
            return self.segments[index]
        return None

    @classmethod
    def read(cls, source, gazetteer, learned=True):
        """The document's segments and names; computed once for a document and gazetteer, as
        extract_mentions and extract_stage_events both need them. Callers must not change it.
        `learned`: with the names name_tagger's model finds (not while training it)."""
        return _read(source, tuple(gazetteer.dossiers), learned)

    @classmethod
    def _read(cls, source, gazetteer, tagger=None):
        matcher = DossierMatcher.of(gazetteer)
        by_reference = _dossiers_by_reference(gazetteer)
        parts = segments(source)
        known = matcher.find(source.text)
        starts = [segment.start for segment in parts]
        per_segment = [[] for _segment in parts]
        # Each segment that names a file gives at least one proposal: past the bound, the
        # document is refused at once instead of after reading the rest of it.
        naming = 0
        for item in known:
            index = bisect.bisect_right(starts, item.start) - 1
            if index >= 0 and item.end <= parts[index].end:
                per_segment[index].append(item)
        for index, segment in enumerate(parts):
            per_segment[index] += matcher.new_instruments(
                source.text, segment.start, segment.end, per_segment[index], tagger
            )
            if segment.kind == HEADING:
                per_segment[index] = _titled_by_heading(segment, per_segment[index])
            per_segment[index] += matcher.by_words(
                source.text, segment.start, segment.end, per_segment[index]
            )
            per_segment[index] += _by_reference(segment, per_segment[index], by_reference)
            per_segment[index].sort(key=lambda f: f.start)
            naming += bool(per_segment[index])
            if past_the_bound(naming):
                raise TooManyProposals("mentions")
        subjects = _fiche_subjects(source.text, parts, starts, per_segment)
        renamed = _one_name_per_new_file(per_segment)
        return cls(
            parts, [[renamed(item) for item in found] for found in per_segment], renamed(subjects)
        )


_MIN_NAME_KEY = 8


def _one_name_per_new_file(per_segment):
    """A new file a document names in a short and a long form ("Terugkeerverordening", "Voorstel
    Terugkeerverordening"), or twice with one subject, is one file: the function returned gives
    a find (or a list of finds) the fullest name its file goes by in `per_segment`, as the guide
    names a file, keeping its own as an alias."""
    names = _NewFileNames()
    for found in per_segment:  # in document order: the first name found stands for the file
        for item in found:
            names.learn(item)
    return names.renamed


class _NewFileNames:
    """The new files of one document, each under the name it is first found by."""

    def __init__(self):
        self.first_by_key = {}  # _new_file_key of a name or its alias -> the file's first name
        self.subjects = []  # (first name, its _subject_words), for _same_subject
        self.fullest = {}  # first name -> the fullest name the file goes by

    def _file_of(self, item):
        """The file's first name, None for a find that is no new file."""
        key = _new_file_key(item.name)
        if item.dossier is not None or len(key) < _MIN_NAME_KEY:
            return None
        keys = {key} | ({_new_file_key(item.alias)} if item.alias else set())
        first = next(
            (
                name
                for known, name in self.first_by_key.items()
                if any(each in known or known in each for each in keys)
            ),
            None,
        ) or _same_subject(item.name, self.subjects)
        if first is None:
            first = item.name
            self.first_by_key.update(dict.fromkeys(keys, first))
            self.subjects.append((first, _subject_words(first)))
        return first

    def learn(self, item):
        first = self._file_of(item)
        if first is not None:
            self.fullest[first] = max(self.fullest.get(first, first), item.name, key=len)

    def renamed(self, item):
        if isinstance(item, list):
            return [self.renamed(each) for each in item]
        first = self._file_of(item)
        name = self.fullest.get(first, first)
        if first is None or name == item.name:
            return item
        return dataclasses.replace(item, name=name, alias=item.alias or item.name)


_LONG_SUBJECT_WORD = 10


def _same_subject(name, subjects):
    """The one of `subjects` ((name, _subject_words)) of the same kind of act with the same
    subject as `name`: "Richtlijn Platformwerk" and "EU-richtlijnvoorstel verbetering van
    arbeidsvoorwaarden bij platformwerk" in one document are one file."""
    kind = instrument_type_of(name)
    words = _subject_words(name)
    if not words or kind == "overig":
        return None
    # A long subject word, or all of them: "Richtlijn representatieve acties" is the directive on
    # "representatieve vorderingen", but the regulation on "digitale markten" shares only
    # "digitale" with the one on "digitale diensten", and "Europol" names several files.
    fits = [
        other
        for other, other_words in subjects
        if instrument_type_of(other) == kind
        and other_words
        and (
            words == other_words
            or any(len(word) >= _LONG_SUBJECT_WORD for word in words & other_words)
        )
    ]
    return fits[0] if len(fits) == 1 else None


def _subject_words(name):
    """_distinctive_words of at least five letters, without kinds of act ("Raadsaanbeveling")
    and words any title has: what two names of one file in one document share."""
    return {
        word
        for word in _distinctive_words(name, min_length=_MIN_SUBJECT_WORD)
        if word not in _BAG_STOPWORDS
        and word not in _KIND_STEMS_ALONE
        and not any(word.endswith(head) for head in _HEADS)
    }


_MIN_SUBJECT_WORD = 5
# What is left of "Raadsbesluit" or "Kaderrichtlijn" without its kind.
_KIND_STEMS_ALONE = frozenset({"raads", "kader"})


_OF_THE_COUNCIL = re.compile(r"\b(aanbeveling|besluit|conclusies)\s+van\s+de\s+raad\b")
_LINKING_WORDS = re.compile(r"\b(?:over|inzake|betreffende|ter|tot|voor|van|de|het|een)\b")


def _new_file_key(name):
    """name_key, the same for "Raadsaanbeveling operationele politiesamenwerking" and "aanbeveling
    van de Raad over operationele politiesamenwerking"."""
    lowered = _OF_THE_COUNCIL.sub(r"raads\1", name.lower())
    return name_key(_LINKING_WORDS.sub(" ", lowered))


# "het voorstel COM(2023) 755 voor de Richtlijn ...": the name follows the number.
_NAME_FOLLOWS = re.compile(r"\s*(?:voor|tot|inzake|betreffende|over)\s+(?:de|een|het)\s", re.I)
_NAMED_BY_NUMBER = re.compile(
    r"\b(?:voorstel|EU-voorstel|Commissievoorstel|mededeling|Commissiemededeling)\s+$",
    re.IGNORECASE,
)


def _by_reference(segment, found, by_reference):
    """Files a segment names by a COM or procedure number: the known file with that number, or,
    where nothing else in the segment names a file, a new one called by the number ("het
    EU-voorstel COM (2018) 719")."""
    extra = []
    for reference in segment.eu_references:
        if reference.citation.kind not in (COMMISSION_DOCUMENT, PROCEDURE):
            continue
        start, end = segment.start + reference.start, segment.start + reference.end
        if any(item.start < end and start < item.end for item in found + extra):
            continue
        slug = by_reference.get(str(reference.citation))
        if slug:
            extra.append(Found(slug, reference.text, start, end, 0.8))
        elif _NAMED_BY_NUMBER.search(segment.text, 0, reference.start) and not _NAME_FOLLOWS.match(
            segment.text, reference.end
        ):
            extra.append(Found(None, reference.text, start, end, 0.4))
    return extra


# An agenda item titled by the act it is about: "3. Verordening cessie van vorderingen".
_ACT_HEADING = re.compile(
    r"(?:(?:\d{1,2}|[IVX]{1,4})\.\s+)?(?P<name>(?:Verordening|Richtlijn|Besluit|Kaderbesluit|"
    r"Raadsbesluit|Raadsconclusies|Conclusies|Aanbeveling|Raadsaanbeveling|Mededeling)\s+"
    r"(?:\((?:EU|EG)\)\s*)?[^\W\d_][^.;:–—]{2,200}?)"
    # "2. Verordening passagiersrechten – Voortgangsrapport": the item's format after a dash.
    r"(?:\s+[–—-]\s+[^.;:]{2,80})?$"
)


_NEXT_ACT = re.compile(
    r"\s+en\s+(?=(?:Verordening|Richtlijn|Besluit|Kaderbesluit|Raadsbesluit|Raadsconclusies|"
    r"Conclusies|Aanbeveling|Raadsaanbeveling|Mededeling)\s)"
)


def _titled_by_heading(segment, found):
    """A heading that is the title of an act names that file, all of it: the new finds inside
    it give way. A known name at its start, or a form found with a name of its own, stands."""
    match = _ACT_HEADING.match(segment.text)
    if not match or any(item.dossier for item in found):
        return found
    # "Raadsconclusies A en Raadsconclusies B": a heading that lists two acts names both.
    start, end = match.start("name"), match.start("name") + len(match.group("name").rstrip())
    bounds = [start]
    for joint in _NEXT_ACT.finditer(segment.text, start, end):
        bounds += [joint.start(), joint.end()]
    bounds.append(end)
    return [
        Found(None, segment.text[first:last], segment.start + first, segment.start + last, 0.6)
        for first, last in zip(bounds[::2], bounds[1::2], strict=True)
    ]


# A fiche's "Titel voorstel" that names one act in Dutch, without the acts it amends or
# repeals; an English title, or one of two acts, leaves the heading's label the name.
_PLAIN_TITLE = re.compile(
    r"(?!Proposal\b|Commission\b|Council\b|Joint\b)"
    r"[^–—](?:(?!\b(?:tot\s+wijziging|tot\s+intrekking|amending|repealing)\b"
    r"|\s(?-i:Richtlijn|Verordening|Besluit|Mededeling)\b)[^–—])+",
    re.IGNORECASE,
)
# "Voorstel voor een richtlijn ...": the title of the act, without the proposal's words.
_PROPOSAL_FOR = re.compile(
    r"^(?:[Gg]ewijzigd\s+)?[Vv]oorstel\s+(?:voor|tot)\s+(?:een\s+|de\s+|het\s+)?"
)


def _fiche_subjects(text, parts, starts, per_segment):
    """The file each BNC fiche is about, found at its full title ("a) Titel voorstel Aanbeveling
    van de Raad inzake ...") and named as the fiche's heading names it ("Fiche:
    Raadsaanbeveling operationele politiesamenwerking"): one file under two names, not two
    files. Replaces the finds at the full title in `per_segment`."""
    headings = [match.span("name") for match in FICHE_TITLE.finditer(text)]
    known_at = {item.start: item for found in per_segment for item in found if item.dossier}
    subjects = []
    for match in FICHE_SUBJECT.finditer(text):
        start, end = match.span("name")
        index = bisect.bisect_right(starts, start) - 1
        if index < 0:
            continue
        end = min(end, parts[index].end)
        title = text[start:end]
        heading = next((span for span in reversed(headings) if span[0] < start), None)
        known = known_at.get(start) or (known_at.get(heading[0]) if heading else None)
        if known:
            subject = Found(known.dossier, title, start, end, 0.8)
        elif heading and not _PLAIN_TITLE.fullmatch(title):
            subject = Found(None, text[slice(*heading)], start, end, 0.7, alias=title)
        elif heading:
            # A Dutch title of one act is the file's name, the heading's label its other name.
            label = text[slice(*heading)]
            name = _PROPOSAL_FOR.sub("", title)
            subject = Found(None, name, start, end, 0.7, alias=label)
            for found in per_segment:  # wherever the document uses the label
                for position, item in enumerate(found):
                    if item.dossier is None and name_key(item.name) == name_key(label):
                        found[position] = dataclasses.replace(item, name=name, alias=label)
        else:
            subject = Found(None, _PROPOSAL_FOR.sub("", title) or title, start, end, 0.7)
        per_segment[index] = sorted(
            [item for item in per_segment[index] if not (item.start < end and start < item.end)]
            + [subject],
            key=lambda f: f.start,
        )
        subjects.append(subject)
    return subjects


@functools.lru_cache(maxsize=2)
def _read(source, dossiers, learned):
    tagger = name_tagger.shipped() if learned else None
    return DocumentMentions._read(source, Gazetteer(dossiers=list(dossiers)), tagger)


def extract_mentions(source, gazetteer):
    """One MentionProposal per dossier (or new instrument) per sentence, heading or footnote
    that names it; the passage is that sentence. A new instrument whose passage prints the COM
    or procedure reference of a known dossier is that dossier; otherwise it carries what a new
    dossier needs: the EU references of its passage, its instrument type and short name."""
    document = DocumentMentions.read(source, gazetteer)
    by_reference = _dossiers_by_reference(gazetteer)
    proposals = []
    for segment, found in zip(document.segments, document.found, strict=True):
        in_segment = [str(item.citation) for item in segment.eu_references]
        seen, references_of, short_names = {}, {}, {}
        for item in found:
            references = in_segment
            if item.dossier is None:
                # A new file's references may follow its name outside its sentence: a fiche
                # gives "Titel voorstel ..." and then "Nr. Commissiedocument COM(2021) 780".
                references = _unique(in_segment + _references_after(source.text, item.end))
                references_of[item.start] = references
                known = {by_reference[r] for r in references if r in by_reference}
                if len(known) == 1:
                    item = dataclasses.replace(item, dossier=known.pop(), confidence=0.8)
            key = item.dossier or "new:" + item.name.lower()
            if item.dossier is None:  # "... (hierna: X)" after any of the file's names
                short_names[key] = short_names.get(key) or _short_name_after(source.text, item.end)
            if key in seen and seen[key].confidence >= item.confidence:
                continue
            seen[key] = item
        for item in sorted(seen.values(), key=lambda f: f.start):
            new = item.dossier is None
            proposals.append(
                MentionProposal(
                    dossier=item.dossier,
                    name=item.name,
                    passage=segment.text,
                    confidence=item.confidence,
                    references=references_of.get(item.start, in_segment) if new else in_segment,
                    instrument_type=instrument_type_of(item.alias or item.name) if new else "",
                    short_name=short_names.get("new:" + item.name.lower(), "") if new else "",
                    aliases=[item.alias] if new and item.alias else [],
                )
            )
    return proposals


# The instrument type of a new file, from the word its name is headed by.
_INSTRUMENT_WORDS = (
    ("raadsconclusies", "raadsconclusies"),
    ("regulation", "verordening"),
    ("directive", "richtlijn"),
    ("package", "pakket"),
    ("conclusies", "raadsconclusies"),
    ("mededeling", "mededeling"),
    ("aanbeveling", "aanbeveling"),
    ("verordening", "verordening"),
    ("richtlijn", "richtlijn"),
    ("besluit", "besluit"),
    ("overeenkomst", "overeenkomst"),
    ("pact", "pakket"),
    ("pakket", "pakket"),
)


# The stems of the words that say what kind of act a name is, not what it is about.
_KIND_STEMS = bag_of_words(
    " ".join(head for head, _kind in _INSTRUMENT_WORDS)
    + " kaderbesluit raadsbesluit uitvoeringsbesluit commissiemededeling voorstellen"
)


def instrument_type_of(name):
    """'verordening' for "Prüm II-verordening", "Verordening anti-dwang instrument" or "Wijziging
    verordening lijst visumplichtige landen": the first word that names a kind, the last word
    before the others; 'overig' when none does."""
    words = name.lower().split()
    for word in words[:1] + words[-1:] + words[1:-1]:
        for head, kind in _INSTRUMENT_WORDS:
            if head in word:
                return kind
    return "overig"


# How far after a new file's name its EU references are looked for.
_REFERENCE_REACH = 300


def _references_after(text, end):
    window = text[end : end + _REFERENCE_REACH]
    return [str(found.citation) for found in find_eu_references(window)]


def _unique(items):
    return list(dict.fromkeys(items))


def _short_name_after(text, end):
    """'Confiscatierichtlijn' from "... (hierna: Confiscatierichtlijn)" right after a name."""
    match = _DEFINITION.match(text, end, end + 60)
    if match and match.group("hierna"):
        return match.group("abbreviation").strip()
    return ""


def _dossiers_by_reference(gazetteer):
    found = {}
    for dossier in gazetteer.dossiers:
        for reference in (dossier.commission_reference, dossier.procedure_reference):
            if reference:
                found[_canonical_reference(reference)] = dossier.slug
    return found


def _canonical_reference(text):
    try:
        return str(parse_reference(text))
    except CitationError:
        return text
