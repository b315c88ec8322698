"""Kamerstukken from the government's repository of official publications.

The repository is searched with SRU 2.0 (the KOOP "Handleiding SRU" of repository.overheid.nl):
`operation=searchRetrieve`, a CQL `query` on the indexes `c.product-area`, `w.publicatienaam`,
`w.dossiernummer`, `dt.identifier` and `dt.date`, paged with `startRecord` and
`maximumRecords`. Each record (`sru:record/sru:recordData/gzd:gzd`) gives the metadata of one
publication (`gzd:originalData`: `dcterms:identifier` "kst-32317-867", title, creator, date,
`overheidwetgeving:vergaderjaar`) and the addresses of its forms (`gzd:enrichedData`:
`gzd:preferredUrl`, the page; `gzd:itemUrl manifestation="xml"`, the text). A query the server
cannot parse is answered HTTP 200 with `diagnostics` instead of records.

The text of a Kamerstuk is read from its XML form (root `officiele-publicatie`): one line per
paragraph (`al`), heading (`kop`, `titel`), list item or letterhead line, a blank line between
them, the dossier number and paper number as printed ("32 317", "Nr. 867"), footnotes (`noot`)
as their number in the text and "<number> <text>" lines at the end, as the importer reads a PDF.
"""

import dataclasses
from dataclasses import dataclass
from xml.etree.ElementTree import ParseError

import defusedxml.ElementTree as ElementTree
from defusedxml import DefusedXmlException
from django.conf import settings
from django.utils.translation import gettext as _

from ..citations import (
    EERSTE_KAMER,
    find_official_identifier,
    format_dossier_number,
    normalize_session_year,
    official_identifier,
)
from ..models.sources import Source
from . import http

SRU = "{http://docs.oasis-open.org/ns/search-ws/sruResponse}"
DIAGNOSTIC = "{http://docs.oasis-open.org/ns/search-ws/diagnostic}"
GZD = "{http://standaarden.overheid.nl/sru}"
DCTERMS = "{http://purl.org/dc/terms/}"
WETGEVING = "{http://standaarden.overheid.nl/wetgeving/}"
PAGE_SIZE = 100
WHAT = Source.OFFICIAL_PUBLICATIONS.label


@dataclass(frozen=True)
class Publication:
    """One Kamerstuk as the repository describes it."""

    identifier: str  # "kst-32317-867"
    citation: object  # a citations.Citation
    title: str
    page_url: str  # its page on zoek.officielebekendmakingen.nl
    xml_url: str  # its text


def series_query(series, since=None):
    """The CQL for the Kamerstukken of one series ("32317", "21501-20"), since a day."""
    query = (
        "c.product-area==officielepublicaties AND w.publicatienaam==Kamerstuk "
        f'AND w.dossiernummer=="{series}"'
    )
    if since:
        query += f' AND dt.date>="{since.isoformat()}"'
    return query


def identifier_query(identifier):
    return f'c.product-area==officielepublicaties AND dt.identifier=="{identifier}"'


def search(query):
    """Every Kamerstuk the query finds, page by page."""
    publications, start = [], 1
    while True:
        response = http.get(
            settings.OFFICIAL_SOURCES["officielebekendmakingen"],
            {
                "operation": "searchRetrieve",
                "version": "2.0",
                "query": query,
                "startRecord": start,
                "maximumRecords": PAGE_SIZE,
            },
            what=WHAT,
            accept="application/xml",
        )
        total, page = parse_search(response.content)
        publications += page
        start += PAGE_SIZE
        if not page or start > total:
            return publications


def publication(citation):
    """The repository's record of a cited Kamerstuk; SourceError when it has none."""
    identifier = official_identifier(citation)
    found = [item for item in search(identifier_query(identifier)) if item.identifier == identifier]
    if not found:
        raise http.SourceError(
            _("%(what)s: no Kamerstuk %(identifier)s was found.")
            % {"what": WHAT, "identifier": identifier}
        )
    return found[0]


def download_text(publication):
    """The text of a Kamerstuk, from its XML form."""
    if not publication.xml_url:
        raise http.SourceError(
            _("%(what)s: %(identifier)s has no text in XML.")
            % {"what": WHAT, "identifier": publication.identifier}
        )
    response = http.get(publication.xml_url, what=WHAT, accept="application/xml")
    # Its address first, as a web page's text has it: the importer reads the paper's
    # identifier from it ("kst-32317-867").
    return f"{publication.page_url}\n\n" + publication_text(response.content)


def parse_search(content):
    """(the number of records the query finds, the Kamerstukken of this page)."""
    root = _parse(content)
    diagnostic = root.find(f".//{DIAGNOSTIC}message")
    if diagnostic is not None:
        raise http.SourceError(
            _("%(what)s did not understand the search: %(message)s")
            % {"what": WHAT, "message": diagnostic.text}
        )
    count = root.findtext(f"{SRU}numberOfRecords")
    if count is None or not count.strip().isdigit():
        raise http.SourceError(
            _("%(what)s answered without a number of records: not an SRU answer.") % {"what": WHAT}
        )
    publications = []
    for record in root.iter(f"{GZD}gzd"):
        found = _publication(record)
        if found is not None:
            publications.append(found)
    return int(count), publications


def _publication(record):
    """A Kamerstuk of a `gzd:gzd` record, or None for another kind of publication."""
    identifier = (record.findtext(f".//{DCTERMS}identifier") or "").strip()
    citation = find_official_identifier(identifier)
    if citation is None or identifier != official_identifier(citation):
        return None  # an attachment (blg-...), the Handelingen: not a Kamerstuk
    creator = record.findtext(f".//{DCTERMS}creator") or ""
    session = record.findtext(f".//{WETGEVING}vergaderjaar") or ""
    chamber = EERSTE_KAMER if "Eerste Kamer" in creator else citation.chamber
    try:
        session_year = normalize_session_year(session) if session else ""
    except ValueError:
        session_year = ""
    xml_url = next(
        (
            (item.text or "").strip()
            for item in record.iter(f"{GZD}itemUrl")
            if item.get("manifestation") == "xml"
        ),
        (record.findtext(f".//{GZD}url") or "").strip(),
    )
    return Publication(
        identifier=identifier,
        citation=dataclasses.replace(citation, chamber=chamber, session_year=session_year),
        title=(record.findtext(f".//{DCTERMS}title") or "").strip(),
        page_url=(record.findtext(f".//{GZD}preferredUrl") or "").strip(),
        xml_url=xml_url,
    )


def _parse(content):
    try:
        return ElementTree.fromstring(content)
    except (ParseError, DefusedXmlException) as error:
        raise http.SourceError(
            _("%(what)s answered with XML that cannot be read (%(error)s).")
            % {"what": WHAT, "error": error}
        ) from error


# The elements of a Kamerstuk's XML that are a line of their own; anything inside them is part
# of that line.
_LINES = frozenset(
    {"tekstregel", "dossiernummer", "titel", "stuknr", "al", "kop", "li", "functie", "naam", "tr"}
)


def publication_text(content):
    """A Kamerstuk's XML as the importer reads text: a line per paragraph or heading, a blank
    line between them, footnotes numbered in the text and listed at the end."""
    root = _parse(content)
    lines, notes = [], []

    def inline(element):
        parts = [element.text or ""]
        for child in element:
            tag = _local(child.tag)
            if tag == "noot":
                number = (child.findtext("noot.nr") or str(len(notes) + 1)).strip()
                text = " ".join(
                    "".join(part.itertext()) for part in child if _local(part.tag) != "noot.nr"
                )
                notes.append(f"{number} {' '.join(text.split())}")
                parts.append(number)
            elif tag == "td" or tag == "th":
                parts.append("\t" + inline(child))
            else:
                parts.append(inline(child))
            parts.append(child.tail or "")
        return "".join(parts)

    def walk(element):
        for child in element:
            tag = _local(child.tag)
            if tag in _LINES:
                line = " ".join(inline(child).split())
                if line and tag == "dossiernummer":
                    line = format_dossier_number(line)  # "32 317", as the paper prints it
                elif line and tag == "stuknr":
                    line = f"Nr. {line}"
                if line:
                    lines.append(line)
            else:
                walk(child)

    if _local(root.tag) in _LINES:
        lines.append(" ".join(inline(root).split()))
    walk(root)
    if not lines:
        raise http.SourceError(
            _("%(what)s: the publication has no text the app can read.") % {"what": WHAT}
        )
    return "\n\n".join(lines + notes) + "\n"


def _local(tag):
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""
