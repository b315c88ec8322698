"""Turn an upload (a published PDF or a text file) into the text the extractors read.

A PDF's text layer is read with pypdf. Running headers and footers (the lines a PDF repeats at
the top or bottom of many pages) and page numbers are dropped, because they would split
sentences and passages in two; footnotes are kept, because they carry citations and
commitments. Anything that is not a readable document is refused with a message for the user.
"""

import io
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from .text import normalize_text

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
# The longest text and PDF the importer reads: a 30-page report has about 90,000 characters,
# the longest seed 41,000; the bounds keep one import's time and memory bounded (the
# benchmark measures both per MB of text).
MAX_TEXT_CHARS = 3_000_000
MAX_PDF_PAGES = 1000

# A page's header and footer zone: this many non-blank lines at its top and at its bottom.
_EDGE_LINES = 3
# A page with fewer letters than this (after clean-up) has no usable text layer.
_MIN_LETTERS_PER_PAGE = 20
# Running footers in text without page breaks stand at least this many lines apart.
_MIN_PAGE_LINES = 10
# A running line this long is recognised inside a longer line at a page's edge.
_MIN_CONTAINED_CHARS = 20
# Every byte but the control bytes (below 0x20, other than tab, line and form feed, return).
_NOT_CONTROL_BYTES = bytes(range(32, 256)) + b"\t\n\x0c\r"
_MAX_CONTROL_SHARE = 0.01
_SAMPLE_BYTES = 64 * 1024

_PAGE_NUMBER = re.compile(
    r"""^\s*(?:
        (?:pagina|blz\.?|page|p\.)?\s*\d{1,3}(?:\s*(?:/|van|of)\s*\d{1,3})?
      | [-–—]\s*\d{1,3}\s*[-–—]
    )\s*$""",
    re.IGNORECASE | re.VERBOSE,
)
# What the Staatsdrukkerij prints in the margin of a Kamerstuk's first page.
_PRINT_MARKS = re.compile(r"^\s*(?:kst-\d[\d-]*|ISSN\s*\d{4}\s*-\s*\d{3}[\dX])\s*$", re.I)
_LEADING_NUMBER = re.compile(r"^\d{1,4}\b")
_TRAILING_NUMBER = re.compile(r"\b\d{1,4}$")
_SPACES = re.compile(r"\s+")
# Line breaks of every convention; a form feed separates the pages of pasted PDF text.
_NEWLINES = re.compile(r"\r\n?|[\u2028\u2029\x85\x0b]")
_LIGATURES = str.maketrans({"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi",
                            "\ufb04": "ffl", "\ufb05": "st", "\ufb06": "st"})  # fmt: skip


class UnreadableDocument(ValueError):
    """The upload is not a document the importer can read; the message says why, for the user."""


@dataclass(frozen=True)
class ImportText:
    """A document's text: `raw` keeps its lines, `text` is one line of running text.

    Passages in proposals are substrings of `text`. `dropped` holds the running headers,
    footers and page numbers removed from `raw`, in order, since a footer may print the
    document's own Kamerstuk number.
    """

    raw: str
    text: str
    dropped: tuple[str, ...] = ()

    @classmethod
    def from_text(cls, text):
        """From plain text; a form feed, where present, separates pages."""
        return cls.from_pages(_NEWLINES.sub("\n", text).split("\f"))

    @classmethod
    def from_pages(cls, pages):
        """From the text of each page, as a PDF reader gives it."""
        return cls._from_lines(*_clean(pages))

    @classmethod
    def _from_lines(cls, pages, dropped):
        raw = "\n".join(line for lines in pages for line in lines)
        return cls(raw=raw, text=normalize_text(raw), dropped=tuple(dropped))


def check_upload(name, data):
    """Refuse at once what cannot be read, before the upload is kept to be read in a task.

    Cheap checks only (size, kind, encoding, whether a PDF opens and its page count); the
    ImportText comes from read_upload, which makes the same checks on its way.
    """
    _check_size(data)
    if _is_pdf(data):
        _open_pdf(data)
    else:
        _decode_text(data)


def read_upload(name, data):
    """The ImportText of an uploaded file; UnreadableDocument when it cannot be read.

    `name` is the file's name as uploaded; the content decides how it is read.
    """
    _check_size(data)
    source = _read_pdf(data) if _is_pdf(data) else _read_text(data)
    if len(source.text) > MAX_TEXT_CHARS:
        raise UnreadableDocument(_too_long(len(source.text)))
    return source


def _check_size(data):
    if not data or not data.strip():
        raise UnreadableDocument(_("The file is empty."))
    if len(data) > MAX_UPLOAD_BYTES:
        raise UnreadableDocument(
            _("The file is larger than %(size)d MB.") % {"size": MAX_UPLOAD_BYTES // 2**20}
        )


def _is_pdf(data):
    # The PDF header may follow a few bytes of junk (the standard allows 1024).
    return b"%PDF-" in data[:1024]


def _too_long(length):
    return _(
        "The text has %(length)s characters; the importer reads at most %(limit)s (about "
        "1,000 pages). Upload the parts of a collection one by one."
    ) % {
        "length": number_format(length, force_grouping=True),
        "limit": number_format(MAX_TEXT_CHARS, force_grouping=True),
    }


def _read_pdf(data):
    pages, dropped = _clean(_pdf_pages(data))
    if not any(_letters("\n".join(lines)) >= _MIN_LETTERS_PER_PAGE for lines in pages):
        raise UnreadableDocument(
            _(
                "This PDF has no text layer: it is probably a scan. Upload a PDF with text, "
                "or paste the text."
            )
        )
    return ImportText._from_lines(pages, dropped)


def _unreadable_pdf():
    return _("This PDF cannot be read: it is damaged or protected with a password.")


def _open_pdf(data):
    """A pypdf PdfReader of `data`, decrypted; UnreadableDocument when it cannot be opened."""
    # pypdf is imported here so that reading text files does not load it.
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise UnreadableDocument(_unreadable_pdf())
        pages = len(reader.pages)
    except UnreadableDocument:
        raise
    except Exception as error:  # pypdf raises many kinds of error on malformed files
        raise UnreadableDocument(_unreadable_pdf()) from error
    if pages > MAX_PDF_PAGES:
        raise UnreadableDocument(
            _("The PDF has %(pages)d pages; the importer reads at most %(limit)d.")
            % {"pages": pages, "limit": MAX_PDF_PAGES}
        )
    return reader


def _pdf_pages(data):
    reader = _open_pdf(data)
    try:
        return [page.extract_text() or "" for page in reader.pages]
    except Exception as error:  # pypdf raises many kinds of error on malformed files
        raise UnreadableDocument(_unreadable_pdf()) from error


def _decode_text(data):
    """The text of a text file; UnreadableDocument for binary data or an unknown encoding."""
    sample = data[:_SAMPLE_BYTES]
    binary = _("This file is neither a PDF nor a text file. Upload a PDF or a text file (UTF-8).")
    if sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        # Text saved as "Unicode" by Windows: UTF-16 with a byte order mark, unambiguous.
        encoding = "utf-16"
    elif b"\x00" in sample or _control_share(sample) > _MAX_CONTROL_SHARE:
        raise UnreadableDocument(binary)
    else:
        encoding = "utf-8-sig"  # UTF-8, with or without a byte order mark
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as error:
        raise UnreadableDocument(
            _(
                "The text is not in UTF-8 (it may be Windows or Latin-1 text). Save the file as "
                "UTF-8 and upload it again."
            )
        ) from error
    if _unprintable_share(text) > _MAX_CONTROL_SHARE:
        raise UnreadableDocument(binary)
    if len(text) > MAX_TEXT_CHARS:
        raise UnreadableDocument(_too_long(len(text)))
    return text


def _read_text(data):
    source = ImportText.from_text(_decode_text(data))
    if not source.text:
        raise UnreadableDocument(_("The file contains no text."))
    return source


def _control_share(data):
    return len(data.translate(None, delete=_NOT_CONTROL_BYTES)) / len(data)


def _unprintable_share(text):
    sample = text[:_SAMPLE_BYTES]
    unprintable = sum(
        1 for char in sample if unicodedata.category(char) == "Cc" and char not in "\t\n\r\f"
    )
    return unprintable / max(len(sample), 1)


def _letters(text):
    return sum(1 for char in text if char.isalpha())


def _clean(pages):
    """(the kept lines of each page, the dropped lines): running headers, footers and page
    numbers dropped.

    A running header or footer stands in the top or bottom lines of many pages: the same line
    on at least half the pages (and at least three), or the same line but for a page number
    at its end that goes up with the page, on at least half the pages and at least two (three
    for a number at its start, as a footnote has). The first page keeps its top lines, where
    a running header often repeats the title. In text without page breaks, a line that comes
    back a page or more later with a counter gone up by one ("..., nr. 867 2", "..., nr. 867
    3") is a running footer. Lone page numbers ("3", "Pagina 3 van 12", "3/12", "- 3 -") are
    dropped from the edges of a page, or anywhere in text without page breaks.
    """
    pages = [_NEWLINES.sub("\n", page.translate(_LIGATURES)).split("\n") for page in pages]
    running = _running_lines(pages) if len(pages) > 1 else set()
    counters = _counter_lines(pages[0]) if len(pages) == 1 else set()
    kept_pages, dropped = [], []
    for number, lines in enumerate(pages):
        edges = _edge_indexes(lines) if len(pages) > 1 else range(len(lines))
        # The first page keeps its top lines: a running header there is often the title.
        title_zone = (
            _edge_indexes(lines, bottom=False) - _edge_indexes(lines, top=False)
            if number == 0
            else set()
        )
        kept = []
        for index, line in enumerate(lines):
            is_running = (
                running
                and index in edges
                and index not in title_zone
                and _is_running(line, running)
            )
            is_page_number = index in edges and (
                _PAGE_NUMBER.match(line) or _PRINT_MARKS.match(line)
            )
            if line.strip() and (is_running or index in counters or is_page_number):
                dropped.append(line.strip())
            else:
                kept.append(line)
        kept_pages.append(kept)
    return kept_pages, dropped


def _line_key(line):
    """A line as it is compared with the lines of other pages."""
    return _SPACES.sub(" ", line).strip().lower()


def _counter_keys(key):
    """(the line with the number at its start or end masked, that number), for each end."""
    found = []
    for pattern in (_LEADING_NUMBER, _TRAILING_NUMBER):
        match = pattern.search(key)
        if match:
            masked = f"{key[: match.start()]}#{key[match.end() :]}"
            found.append((masked, int(match.group(0))))
    return found


def _edge_indexes(lines, top=True, bottom=True):
    filled = [index for index, line in enumerate(lines) if line.strip()]
    return set((filled[:_EDGE_LINES] if top else []) + (filled[-_EDGE_LINES:] if bottom else []))


def _running_lines(pages):
    """The keys (_line_key, or a _counter_keys mask) of the running headers and footers."""
    same, counting = Counter(), Counter()
    for number, lines in enumerate(pages):
        keys = {_line_key(lines[index]) for index in _edge_indexes(lines)}
        same.update(keys)
        counting.update(
            {(masked, value - number) for key in keys for masked, value in _counter_keys(key)}
        )
    half = len(pages) / 2
    running = {key for key, count in same.items() if count >= max(3, half)}
    # A footnote starts with its number too, and may come back in other words on a later
    # page: a number at the start must count up on more pages than one at the end.
    running |= {
        masked
        for (masked, _offset), count in counting.items()
        if count >= max(3 if masked.startswith("#") else 2, half)
    }
    return {key for key in running if _letters(key) >= 3}


def _is_running(line, running):
    key = _line_key(line)
    keys = [key, *(masked for masked, _number in _counter_keys(key))]
    if any(candidate in running for candidate in keys):
        return True
    # The first page's footer may hold the running one with more around it:
    # "'s-Gravenhage 2024 Tweede Kamer, vergaderjaar 2023–2024, 32 317, nr. 872 1".
    return any(
        len(known) >= _MIN_CONTAINED_CHARS and known in candidate
        for known in running
        for candidate in keys
    )


def _counter_lines(lines):
    """Indexes of lines that repeat with a number that goes up by one each time at their start
    or end: the running footers (with page numbers) of text that has lost its page breaks."""
    occurrences = {}
    for index, line in enumerate(lines):
        for masked, value in _counter_keys(_line_key(line)):
            if _letters(masked) >= 3:
                occurrences.setdefault(masked, []).append((index, value))
    found = set()
    for occurring in occurrences.values():
        steps = list(zip(occurring, occurring[1:], strict=False))
        if len(occurring) >= 3 and all(
            later == earlier + 1 and later_index - earlier_index >= _MIN_PAGE_LINES
            for (earlier_index, earlier), (later_index, later) in steps
        ):
            found.update(index for index, _value in occurring)
    return found
