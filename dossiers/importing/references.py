"""Kamerstukken and motions a document cites, and the layout their passages are quoted from.

A published Kamerstuk cites papers in running text and in footnotes, in many forms
("Kamerstukken II 2023/24, 32 317, nr. 867", "32317-872", "36 410 VI nr. 85"); citations.py reads
the forms, this module places each in its sentence or footnote. `Layout` recovers what the
running text lost (footnotes, headings, sentence ends) from the document's lines, so that every
passage is one sentence or one footnote of `source.text`. Plain Python, no ORM.
"""

import bisect
import functools
import re
import statistics
from dataclasses import dataclass
from typing import NamedTuple

from ..citations import (
    Citation,
    EUReference,
    find_citations,
    find_recent_letters,
    format_citation,
    references_in,
)
from ..spans import TakenSpans
from .proposals import CitationProposal, MotionProposal
from .text import bounded_spans, period_ends_sentence

_SPACES = re.compile(r"\s+")
# A footnote at the foot of a page: its number, then its text, on a line of its own.
_FOOTNOTE_LINE = re.compile(r"^(\d{1,3}) (\S.*)$")
# A footnote kept inline by a word processor's export: "[2: COM (2022) 8987 ...]".
_INLINE_FOOTNOTE = re.compile(r"\[(\d{1,3}):\s+([^\]]*?)\s*\]")
_ENDS_SENTENCE = re.compile(r"[.!?:;][)\"”’»]*\d{0,2}$")
_ENDS_OPEN = re.compile(r"[.,;:!?\-–]$")
_INNER_SENTENCE_END = re.compile(r"[.!?]\s+[A-Z]")
_NUMBERED_HEADING = re.compile(r"^(?:\d{1,2}|[IVX]{1,4})\.\s+\S")
_NUMBERED_HEADING_PREFIX = re.compile(r"^(?:\d{1,2}|[IVX]{1,4})\.\s+")
_STARTS_UPPER = re.compile(r"^[^\w\s]{0,2}\s*[A-Z\u00c0-\u00de\d]")
# A heading does not end in a word that needs a continuation.
_ENDS_FUNCTION_WORD = re.compile(
    r"\b(?:de|het|een|van|en|of|voor|op|in|tot|met|te|aan|over|bij|uit|om|der|den|die|dat)$",
    re.IGNORECASE,
)
_PAGE_NUMBER = re.compile(r"^\d{1,3}$")
_DIGIT_RUN = re.compile(r"\d+")
_HEADING_MAX = 250
# A sentence ends at . ! or ?, after any closing quote or bracket and a footnote number stuck to
# it ("pakket.1 Uw Kamer"), before a capital.
_SENTENCE_END = re.compile(r"[.!?]([)\"”’»]*)(\d{1,2})?\s+(?=[\"“‘'«(]?[A-Z\u00c0-\u00de])")
# A footnote number printed against the word or punctuation it annotates: "Veiligheid1",
# "Egypte.5", "Mauritanië 3.".
_MARKER = (
    r"(?:(?<=[^\W\d_])|(?<=[.,;:)\"”’])){number}(?![\d,])(?=[\s.,;:)]|$)"
    r"|(?<=[^\W\d_] ){number}(?=[.,;:])"
)

# Dutch surnames as the Kamer prints them: "Piri", "van Haga", "Faber-Van de Klashorst".
_PARTICLE = r"(?:[Vv]an|[Dd]e|[Dd]en|[Dd]er|[Tt]er|[Tt]en|[Tt]e|[Oo]p|[Ii]n ['’]t|['’]t)"
_SURNAME_WORD = r"[A-Z\u00c0-\u00de][a-zà-ÿ'’]+"
NAME = rf"(?:{_PARTICLE}\s+)*{_SURNAME_WORD}(?:-(?:{_PARTICLE}\s+)*{_SURNAME_WORD})*"
NAMES = rf"{NAME}(?:(?:,\s*|\s+en\s+){NAME})*"
_NAME_RE = re.compile(NAME)
# A motion's dictum ends "en gaat over tot de orde van de dag"; its signers follow, one a line.
_DICTUM_END = re.compile(r"\ben\s+gaat\s+over\s+tot\s+de\s+orde\s+van\s+de\s+dag\b", re.I)
_MOTION_HEADING = re.compile(
    r"\b(?:GEWIJZIGDE\s+)?MOTIE\s+VAN\s+(?:HET\s+LID|DE\s+LEDEN)\s+"
    r"[A-ZÀ-Þ' ,.-]+?(?=\s+[A-Z][a-z]|$)"
)
_SIGNATURE_MAX = 40
# What a web page prints under the signatures: not a signer.
_PAGE_LABELS = frozenset(("Ondertekenaars", "Eerste ondertekenaar", "Mede ondertekenaar"))
# Capitalised words after "lid van" that name a body, not a member: "een lid van de Raad".
_INSTITUTIONS = frozenset(
    ("Raad", "Commissie", "Kamer", "Parlement", "Voorzitterschap", "Unie", "Hof", "Regering")
    # "de toezegging aan de Eerste Kamer": the chamber, cut before "Kamer" by the name pattern.
    + ("Eerste", "Tweede")
)


def surnames(text, pattern=_NAME_RE):
    """The surnames `pattern` finds in `text`, in order, without bodies named like people."""
    found = []
    for match in pattern.finditer(text):
        name = match.group(0)
        if name.split()[-1].split("-")[-1] not in _INSTITUTIONS and name not in found:
            found.append(name)
    return found


_MOTION = re.compile(
    rf"""\b(?:(?:nader\s+)?gewijzigde\s+|aangenomen\s+|aangehouden\s+)?[Mm]otie(?P<plural>s)?\b
    (?:
        -(?P<hyphen>{NAME})
      | \s+van\s+(?:(?:het|de)\s+)?(?:lid|leden)\s+(?P<of>{NAMES})
      | \s+(?P<bare>{NAMES})(?=[\s\d.,;:)]|$)
    )?""",
    re.VERBOSE,
)


@dataclass(frozen=True)
class Footnote:
    number: int
    start: int  # the footnote's text in source.text, without its number
    end: int

    def __contains__(self, position):
        return self.start <= position < self.end


class Layout:
    """Footnotes, headings and sentences of a document, as spans of `source.text`."""

    def __init__(self, raw, text):
        self.text = text
        lines = _line_spans(raw, text)
        footnotes, footnote_lines = _footnotes(lines, text)
        self.footnotes = footnotes or _inline_footnotes(text)
        self._by_start = sorted(self.footnotes, key=lambda note: note.start)
        self._footnote_starts = [note.start for note in self._by_start]
        self._by_number = {}  # number -> (starts, footnotes), in order
        for note in self._by_start:
            starts, notes = self._by_number.setdefault(note.number, ([], []))
            starts.append(note.start)
            notes.append(note)
        self.headings = _headings(lines, footnote_lines)
        self.sentences = self._split()
        self._sentence_starts = [start for start, _end in self.sentences]
        self._heading_starts = [start for start, _end in self.headings]

    @classmethod
    def of(cls, source):
        return _layout(source.raw, source.text)

    def footnote_at(self, position):
        index = bisect.bisect_right(self._footnote_starts, position) - 1
        if index >= 0 and position in self._by_start[index]:
            return self._by_start[index]
        return None

    def sentence_index_at(self, position):
        """The index in `sentences` of the sentence, footnote sentence or heading at
        `position`."""
        return max(bisect.bisect_right(self._sentence_starts, position) - 1, 0)

    def sentence_at(self, position):
        """The (start, end) of the sentence, footnote sentence or heading at `position`, or
        None where there is none (text without a letter: "21 501-20, 32 317")."""
        if not self.sentences:
            return None
        start, end = self.sentences[self.sentence_index_at(position)]
        return (start, end) if start <= position < end else None

    def passage_span(self, start, end):
        """The sentences that hold text[start:end], as one span; the match itself where no
        sentence holds it."""
        first = self.sentence_at(start) or (start, end)
        last = self.sentence_at(max(end - 1, start)) or (start, end)
        return first[0], max(first[1], last[1])

    def is_heading(self, span):
        index = bisect.bisect_left(self._heading_starts, span[0])
        return index < len(self.headings) and self.headings[index] == span

    def heading_before(self, position):
        """The text of the last heading before `position`, or ""."""
        index = bisect.bisect_right(self._heading_starts, position) - 1
        if index < 0:
            return ""
        start, end = self.headings[index]
        return self.text[start:end]

    def markers(self, start, end):
        """The footnotes whose markers stand in text[start:end] or just after it: for each
        number, the first footnote of that number after `start`."""
        # A sentence's passage ends at its full stop, before the number of its footnote.
        end = min(end + 4, len(self.text))
        region = self.text[start:end]
        found = []
        # A marker is a number of its own in the region: only those numbers are looked up.
        for number in {int(run) for run in _DIGIT_RUN.findall(region) if len(run) <= 3}:
            starts, notes = self._by_number.get(number, ((), ()))
            index = bisect.bisect_right(starts, start)
            if index == len(notes):
                continue
            inline = f"[footnoteRef:{number}]" in region
            if inline or _marker(number).search(region):
                found.append(notes[index])
        return sorted(found, key=lambda note: note.start)

    def _split(self):
        cuts = {0, len(self.text)}
        for note in self.footnotes:
            number_start = self.text.rfind(str(note.number), max(note.start - 8, 0), note.start)
            cuts.update((number_start if number_start >= 0 else note.start, note.start, note.end))
        for start, end in self.headings:
            cuts.update((start, end))
        headings = set(self.headings)
        spans = []
        edges = sorted(cuts)
        for region_start, region_end in zip(edges, edges[1:], strict=False):
            if (region_start, region_end) in headings:
                spans.append((region_start, region_end))
            else:
                spans.extend(self._split_region(region_start, region_end))
        return spans

    def _split_region(self, start, end):
        region = self.text[start:end]
        spans = []
        sentence_start = 0
        for match in _SENTENCE_END.finditer(region):
            following = region[match.end() : match.end() + 1]
            if not match.group(2) and not period_ends_sentence(
                _last_word(region[: match.start()]), following
            ):
                continue
            # The sentence ends at its full stop; a footnote number after it is left out.
            spans.append((sentence_start, match.start() + 1 + len(match.group(1))))
            sentence_start = match.end()
        spans.append((sentence_start, len(region)))
        result = []
        for span_start, span_end in spans:
            piece = region[span_start:span_end]
            stripped = piece.strip()
            if not re.search(r"[^\W\d_]", stripped):  # a footnote number, a bracket
                continue
            offset = start + span_start + (len(piece) - len(piece.lstrip()))
            result.extend(bounded_spans(self.text, offset, offset + len(stripped)))
        return result


@functools.lru_cache(maxsize=8)
def _layout(raw, text):
    return Layout(raw, text)


@functools.lru_cache(maxsize=64)
def _marker(number):
    return re.compile(_MARKER.format(number=number))


@functools.lru_cache(maxsize=8)
def _citations_in(text):
    """find_citations, once per text: citations and motions both need them."""
    return tuple(find_citations(text))


def _has_sentence_end(line):
    return any(
        period_ends_sentence(_last_word(line[: match.start()]), match.group()[-1])
        for match in _INNER_SENTENCE_END.finditer(line)
    )


def _last_word(text):
    return text[text.rfind(" ") + 1 :]


class _Line(NamedTuple):
    content: str  # whitespace collapsed, as in source.text
    indented: bool
    start: int | None  # where the line stands in source.text, None when not found
    end: int | None


def _line_spans(raw, text):
    """Each line of `raw` with its place in `text` (normalize_text(raw), lines joined)."""
    lines = []
    cursor = 0
    for line in raw.split("\n"):
        content = " ".join(line.replace("\u00ad", "").split())
        indented = bool(line[:1].isspace())
        if not content:
            lines.append(_Line("", indented, None, None))
            continue
        start = cursor + 1 if text.startswith(" ", cursor) else cursor
        span = None
        candidates = [content, content[:-1]] if content.endswith("-") else [content]
        for candidate in candidates:
            if text.startswith(candidate, start):
                span = (start, start + len(candidate))
                break
        if span is None:
            found = text.find(content[:30], cursor, cursor + 300)
            if found >= 0:
                span = (found, min(found + len(content), len(text)))
        if span is not None:
            cursor = span[1]
            lines.append(_Line(content, indented, *span))
        else:
            lines.append(_Line(content, indented, None, None))
    return lines


def _footnotes(lines, text):
    """Footnotes at the foot of the pages, numbered in sequence, and the indexes of their lines.

    A footnote starts on a line of its own after a blank line or another footnote, with the
    next number; it runs until the page text resumes: an indented line, a capital after a blank
    line or a finished sentence, or anything after several blank lines.
    """
    footnotes, footnote_lines = [], set()
    expected = {1}  # the next number of each sequence of notes
    index = 0
    while index < len(lines):
        line = lines[index]
        match = _FOOTNOTE_LINE.match(line.content)
        after_break = index == 0 or not lines[index - 1].content or index - 1 in footnote_lines
        if not (match and after_break and line.start is not None):
            index += 1
            continue
        number = int(match.group(1))
        # An enclosure or a table may number its notes from 1 again, after a marker "1" in its
        # text; the main sequence goes on after it.
        follows = next((n for n in expected if number in (n, n + 1)), None)
        if follows is None and not (
            number == 1 and footnotes and _marker(1).search(text, footnotes[-1].end, line.start)
        ):
            index += 1
            continue
        expected.discard(follows)
        start = line.start + match.start(2)
        end = line.end
        footnote_lines.add(index)
        last = line
        blanks = 0
        index += 1
        while index < len(lines):
            following = lines[index]
            if not following.content:
                blanks += 1
                index += 1
                continue
            next_match = _FOOTNOTE_LINE.match(following.content)
            if next_match and int(next_match.group(1)) - number in (1, 2):
                break
            starts_upper = bool(_STARTS_UPPER.match(following.content))
            if (
                following.indented
                or following.start is None
                or blanks >= 3
                or _PAGE_NUMBER.match(following.content)
                or (starts_upper and (blanks or _ENDS_SENTENCE.search(last.content)))
            ):
                break
            end = following.end
            footnote_lines.add(index)
            last = following
            blanks = 0
            index += 1
        footnotes.append(Footnote(number, start, end))
        expected.add(number + 1)
    return footnotes, footnote_lines


def _inline_footnotes(text):
    return [
        Footnote(int(match.group(1)), match.start(2), match.end(2))
        for match in _INLINE_FOOTNOTE.finditer(text)
        if match.group(2)
    ]


def _headings(lines, footnote_lines):
    """Spans of the headings: short lines after a finished sentence, before a capital.

    A heading may run over two lines, or three when numbered ("3. Besluit van de Raad ...") or
    set apart by blank lines; no line of it ends in punctuation, and the text after it starts
    with a capital.
    """
    body, blank_before, blank_after = [], set(), set()
    for index, line in enumerate(lines):
        if line.content and line.start is not None and index not in footnote_lines:
            if index == 0 or not lines[index - 1].content:
                blank_before.add(len(body))
            if index + 1 == len(lines) or not lines[index + 1].content:
                blank_after.add(len(body))
            body.append(line)
    if not body:
        return []
    typical = statistics.median(len(line.content) for line in body)
    if len(blank_before & blank_after) > 0.25 * len(body):
        blank_before = blank_after = set()  # blank lines everywhere: they set nothing apart
    closed = {}

    def is_closed(position):
        """Whether the line could be part of a heading: it neither ends open nor holds a
        sentence end. Worked out once per line, as a line is tried in up to three runs."""
        if position not in closed:
            content = body[position].content
            closed[position] = not (
                _ENDS_OPEN.search(content)
                or _has_sentence_end(_NUMBERED_HEADING_PREFIX.sub("", content))
            )
        return closed[position]

    headings = []
    previous_ends = True
    index = 0
    while index < len(body):
        line = body[index]
        numbered = bool(_NUMBERED_HEADING.match(line.content))
        found = None
        if previous_ends or numbered:
            for length in range(1, 4):
                run = body[index : index + length]
                if len(run) < length or sum(len(item.content) for item in run) > _HEADING_MAX:
                    break
                if not all(map(is_closed, range(index, index + length))):
                    break
                following = body[index + length] if index + length < len(body) else None
                last = run[-1]
                if _ENDS_FUNCTION_WORD.search(last.content):
                    continue
                last_index = index + length - 1
                block = (
                    index in blank_before
                    and last_index in blank_after
                    and not any(inner in blank_after for inner in range(index, last_index))
                )
                short = len(last.content) <= 0.8 * typical and length < 3
                # A page that starts with a capital does not make its previous line a heading.
                starts_text = following is None or (
                    _STARTS_UPPER.match(following.content) and not following.indented
                )
                if (starts_text or (numbered and _STARTS_UPPER.match(following.content))) and (
                    numbered or short or (block and len(last.content) <= 1.1 * typical)
                ):
                    found = run
                    break
        if found:
            headings.append((found[0].start, found[-1].end))
            index += len(found)
            previous_ends = True
            continue
        previous_ends = bool(_ENDS_SENTENCE.search(line.content))
        index += 1
    return headings


# -- citations --------------------------------------------------------------------------------


def extract_citations(source, gazetteer, reference_date=None):
    """Every paper cited (Kamerstukken, the Handelingen and their Aanhangsel, letters by their
    date), once per paper per passage, with its sentence or footnote. `reference_date` (the
    document's date) dates the letters cited by a day "jl."."""
    layout = Layout.of(source)
    proposals = []
    seen = set()
    found_references = list(references_in(source.text))
    taken = TakenSpans()
    for found in found_references:
        taken.add(found.start, found.end)
    found_references += [
        letter
        for letter in find_recent_letters(source.text, reference_date)
        if not taken.overlaps(letter.start, letter.end)
    ]
    for found in sorted(found_references, key=lambda item: item.start):
        citation = found.citation
        if isinstance(citation, EUReference):
            continue  # EU documents are no papers to parliament; mentions carry them
        start, end = layout.passage_span(found.start, found.end)
        if (citation.key, start) in seen:
            continue
        seen.add((citation.key, start))
        is_kamerstuk = isinstance(citation, Citation)
        known = gazetteer.documents.get(citation.key) if is_kamerstuk else None
        proposals.append(
            CitationProposal(
                text=found.text,
                chamber=getattr(citation, "chamber", ""),
                number=citation.dossier_number if is_kamerstuk else "",
                sub_number=citation.sub_number if is_kamerstuk else "",
                session_year=getattr(citation, "session_year", ""),
                chapter=citation.dossier_chapter if is_kamerstuk else "",
                canonical=str(citation),
                known_document=known,
                passage=source.text[start:end],
                in_footnote=layout.footnote_at(found.start) is not None,
                confidence=_citation_confidence(found, known) if is_kamerstuk else 0.8,
            )
        )
    return proposals


def _citation_confidence(found, known):
    if known is not None:
        return 0.99
    text = found.text.lower()
    if text.startswith("kamerstuk") and found.citation.session_year:
        return 0.95
    if text.startswith("kamerstuk") or found.citation.session_year:
        return 0.85
    return 0.7  # a bare "32317-872" or "32 317, nr. 872"


# -- motions ----------------------------------------------------------------------------------


def extract_motions(source, gazetteer):
    """Every motion cited, with its submitters and its Kamerstuk number when given."""
    layout = Layout.of(source)
    text = source.text
    citations = _citations_in(text)
    citation_starts = [found.start for found in citations]
    matches = list(_MOTION.finditer(text))
    proposals = []
    seen = set()
    for position, match in enumerate(matches):
        start, end = layout.passage_span(match.start(), match.end())
        following = matches[position + 1].start() if position + 1 < len(matches) else len(text)
        reach = min(end, following)
        submitters = _submitters(match)
        cited = _inline_citations(citations, citation_starts, match.end(), reach)
        if not match.group("plural"):
            cited = cited[:1]  # "de moties Ceder (Kamerstuk A en Kamerstuk B)": each of them
        if not cited:
            cited = [_footnoted_citation(layout, citations, citation_starts, match.start(), reach)]
        for citation in cited:
            if not (submitters or citation):
                continue
            key = (citation.key if citation else tuple(submitters), start)
            if key in seen:
                continue
            seen.add(key)
            known = gazetteer.motions.get(citation.key) if citation else None
            proposals.append(
                MotionProposal(
                    citation=format_citation(citation) if citation else "",
                    submitters=submitters,
                    passage=text[start:end],
                    known_motion=known,
                    confidence=_motion_confidence(submitters, citation, known),
                )
            )
    return proposals


def motion_of_its_own(source, citation, gazetteer):
    """The motion a motion's own paper is ("Nr. 796 MOTIE VAN HET LID VAN DER PLAS"), with the
    members who signed it under its dictum; None when the paper prints no dictum."""
    lines = [line.strip() for line in source.raw.split("\n")]
    end = next((i for i, line in enumerate(lines) if _DICTUM_END.search(line)), None)
    if end is None:
        return None
    signers = []
    for line in lines[end + 1 :]:
        if not line:
            continue
        if (
            len(line) > _SIGNATURE_MAX
            or line in _PAGE_LABELS
            or not _NAME_RE.fullmatch(line.split(" ", 1)[-1])
        ):
            break
        signers.append(line)
    heading = _MOTION_HEADING.search(source.text)
    known = gazetteer.motions.get(citation.key)
    return MotionProposal(
        citation=format_citation(citation),
        submitters=[surnames(name)[-1] if surnames(name) else name for name in signers],
        passage=heading.group() if heading else lines[end],
        known_motion=known,
        confidence=0.95 if known else 0.9,
    )


def _submitters(match):
    return surnames(match.group("hyphen") or match.group("of") or match.group("bare") or "")


def _inline_citations(citations, starts, start, stop):
    """The citations printed after the motion and before the next one or the sentence end."""
    found = []
    index = bisect.bisect_left(starts, start)
    while index < len(citations) and citations[index].start < stop:
        found.append(citations[index].citation)
        index += 1
    return found


def _footnoted_citation(layout, citations, starts, start, stop):
    """The citation in a footnote whose marker follows the motion in its sentence."""
    for note in layout.markers(start, stop):
        index = bisect.bisect_left(starts, note.start)
        if index < len(citations) and citations[index].start < note.end:
            return citations[index].citation
    return None


def _motion_confidence(submitters, citation, known):
    if known is not None:
        return 0.95
    if submitters and citation:
        return 0.9
    return 0.7 if citation else 0.6
