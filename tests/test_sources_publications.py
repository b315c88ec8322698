"""Kamerstukken from the official publications: the SRU search, the XML text, the command and
the web fetch, against the kept responses (tests/source_responses/officielebekendmakingen)."""

import datetime

import pytest
import requests
import responses
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation

from dossiers.citations import parse_citation
from dossiers.importing import pipeline
from dossiers.importing.accept import accept_import
from dossiers.models import DocumentImport, ParliamentaryDocument, Source, SourceSync
from dossiers.sources import officielebekendmakingen
from dossiers.sources.http import SourceError
from dossiers.sources.sync import fetch_documents

from .source_fakes import (
    SRU,
    kept,
    query_of,
    serve_publication_xml,
    serve_sru,
)

pytestmark = pytest.mark.django_db

SERIES_PAGES = {
    "32317": [
        "officielebekendmakingen/search_32317_page1.xml",
        "officielebekendmakingen/search_32317_page2.xml",
    ],
    "kst-32317-842": "officielebekendmakingen/identifier_kst-32317-842.xml",
    "kst-99999-1": "officielebekendmakingen/identifier_kst-99999-1.xml",
}
PAGE_842 = "https://zoek.officielebekendmakingen.nl/kst-32317-842.html"
START = reverse("dossiers:import_start")


@pytest.fixture
def two_per_page(monkeypatch):
    """The kept search has three records in two pages: ask for two per page."""
    monkeypatch.setattr(officielebekendmakingen, "PAGE_SIZE", 2)


# -- reading the answers ----------------------------------------------------------------------


def test_a_search_page_gives_its_kamerstukken_and_leaves_attachments_out():
    total, page = officielebekendmakingen.parse_search(
        kept("officielebekendmakingen/search_32317_page1.xml")
    )
    assert total == 3
    assert [p.identifier for p in page] == ["kst-32317-842", "kst-32317-867"]
    first = page[0]
    assert first.citation == parse_citation("Kamerstukken II 2022/23, 32 317, nr. 842")
    assert first.page_url == PAGE_842
    assert first.xml_url.endswith("/kst/32317/kst-32317-842/1/xml/kst-32317-842.xml")
    _total, attachments = officielebekendmakingen.parse_search(
        kept("officielebekendmakingen/search_32317_page2.xml")
    )
    assert attachments == []  # blg-1000001 is no Kamerstuk


def test_the_text_of_a_kamerstuk_is_one_line_per_paragraph_as_printed():
    text = officielebekendmakingen.publication_text(
        kept("officielebekendmakingen/kst-32317-842.xml")
    )
    lines = text.split("\n\n")
    assert lines[:5] == [
        "Tweede Kamer der Staten-Generaal",
        "Vergaderjaar 2022–2023",
        "32 317",
        "JBZ-Raad",
        "Nr. 842",
    ]
    assert "Den Haag, 19 juni 2023" in lines
    assert any(line.startswith("Hierbij bieden wij uw Kamer") for line in lines)


def test_footnotes_are_numbered_in_the_text_and_listed_at_the_end():
    # The sentence and footnote of seed 004 (verslag JBZ-Raad 19-20 oktober 2023), in the XML.
    xml = (
        b"<officiele-publicatie><al>Nederland pleitte voor een evenwichtig compromis."
        b"<noot id='n1' type='voet'><noot.nr>1</noot.nr><noot.al>Zie ook de beantwoording van "
        b"de vragen in het schriftelijke overleg over deze JBZ-Raad, Kamerstukken II, 2023/24, "
        b"32317, nr. 859.</noot.al></noot> Verder.</al></officiele-publicatie>"
    )
    text = officielebekendmakingen.publication_text(xml)
    assert text.startswith("Nederland pleitte voor een evenwichtig compromis.1 Verder.")
    assert text.rstrip().endswith(
        "1 Zie ook de beantwoording van de vragen in het schriftelijke "
        "overleg over deze JBZ-Raad, Kamerstukken II, 2023/24, 32317, "
        "nr. 859."
    )


@pytest.mark.parametrize(
    "content, message",
    [
        (kept("officielebekendmakingen/kst-32317-842.xml")[:700], "cannot be read"),
        (b"", "cannot be read"),
        (b"<html><body>Onderhoud</body></html>", "no text the app can read"),
        (
            b'<!DOCTYPE x [<!ENTITY a "aaaa">]><officiele-publicatie>&a;</officiele-publicatie>',
            "cannot be read",
        ),
    ],
    ids=["truncated", "empty", "not a publication", "entities"],
)
def test_xml_that_cannot_be_read_is_a_clear_error(content, message):
    with translation.override("en"), pytest.raises(SourceError, match=message):
        officielebekendmakingen.publication_text(content)


def test_a_search_the_server_cannot_parse_says_why():
    with pytest.raises(SourceError, match="Query syntax error"):
        officielebekendmakingen.parse_search(kept("officielebekendmakingen/diagnostics.xml"))


def test_an_answer_that_is_no_sru_is_refused():
    with pytest.raises(SourceError, match="SRU"):
        officielebekendmakingen.parse_search(b"<searchRetrieveResponse/>")


def test_the_search_asks_for_the_series_and_the_date():
    query = officielebekendmakingen.series_query("21501-20", since=parse_date("2024-01-01"))
    assert 'w.dossiernummer=="21501-20"' in query
    assert 'dt.date>="2024-01-01"' in query
    assert "w.publicatienaam==Kamerstuk" in query


def parse_date(text):
    return datetime.date.fromisoformat(text)


# -- fetch_documents --------------------------------------------------------------------------


def test_new_kamerstukken_of_a_series_are_kept_for_review(seeded, fake_sources, two_per_page):
    serve_sru(fake_sources, SERIES_PAGES)
    serve_publication_xml(fake_sources, "kst-32317-842")
    lines = []
    summary = fetch_documents(["32317"], report=lines.append)

    # 867 is in the seed data: skipped; 842 is new: read and kept for review.
    assert summary == {"found": 2, "known": 1, "imported": 1}
    document_import = DocumentImport.objects.get()
    assert document_import.status == DocumentImport.Status.PENDING
    assert document_import.source_url == PAGE_842
    assert document_import.file_name == "kst-32317-842.txt"
    proposals = document_import.proposals
    assert proposals["document"]["citation"] == "Kamerstukken II 2022/23, 32 317, nr. 842"
    assert proposals["meeting"]["start_date"] == "2023-06-08"
    assert len(lines) == 1
    assert lines[0].startswith("kst-32317-842: ")
    assert lines[0].endswith(document_import.get_absolute_url())
    sync = SourceSync.objects.get()
    assert (sync.source, sync.succeeded, sync.summary) == (
        Source.OFFICIAL_PUBLICATIONS,
        True,
        {"found": 2, "known": 1, "imported": 1},
    )

    # Accepted, the document keeps the address it was fetched from.
    accept_import(document_import, {"document": proposals["document"]})
    document = ParliamentaryDocument.objects.for_citation(parse_citation("32317-842")).get()
    assert document.url == PAGE_842

    # The next run finds it known.
    assert fetch_documents(["32317"], report=lines.append) == {"found": 2, "known": 2}


def test_a_paper_being_reviewed_is_not_fetched_again(seeded, fake_sources, two_per_page):
    serve_sru(fake_sources, SERIES_PAGES)
    serve_publication_xml(fake_sources, "kst-32317-842")
    fetch_documents(["32317"], report=lambda line: None)
    assert fetch_documents(["32317"], report=lambda line: None) == {"found": 2, "known": 2}
    assert DocumentImport.objects.count() == 1


def test_a_paper_that_cannot_be_fetched_is_left_aside_and_the_others_go_on(
    seeded, fake_sources, two_per_page
):
    serve_sru(fake_sources, SERIES_PAGES)
    serve_publication_xml(fake_sources, "kst-32317-842", status=404)
    lines = []
    summary = fetch_documents(["32317"], report=lines.append)
    assert summary == {"found": 2, "known": 1, "left_aside": 1}
    assert "HTTP 404" in lines[0]
    assert not DocumentImport.objects.exists()
    assert SourceSync.objects.get().succeeded


def test_a_truncated_paper_is_left_aside_with_nothing_written(seeded, fake_sources, two_per_page):
    serve_sru(fake_sources, SERIES_PAGES)
    serve_publication_xml(
        fake_sources, "kst-32317-842", body=kept("officielebekendmakingen/kst-32317-842.xml")[:900]
    )
    summary = fetch_documents(["32317"], report=lambda line: None)
    assert summary["left_aside"] == 1
    assert not DocumentImport.objects.exists()


def test_a_paper_that_breaks_the_importer_is_left_aside_and_the_others_go_on(
    db, fake_sources, two_per_page, monkeypatch
):
    """Without the seed data 842 and 867 are both new; the importer fails on the first."""
    serve_sru(fake_sources, SERIES_PAGES)
    serve_publication_xml(fake_sources, "kst-32317-842")
    serve_publication_xml(
        fake_sources, "kst-32317-867", name="officielebekendmakingen/kst-32317-842.xml"
    )
    extract, calls = pipeline.extract, []

    def fails_once(*args, **kwargs):
        calls.append(args)
        if len(calls) == 1:
            raise KeyError("importer bug")
        return extract(*args, **kwargs)

    monkeypatch.setattr(pipeline, "extract", fails_once)
    lines = []
    summary = fetch_documents(["32317"], report=lines.append)
    assert summary == {"found": 2, "left_aside": 1, "imported": 1}
    assert lines[0] == "kst-32317-842: overgeslagen: KeyError: 'importer bug'"
    assert lines[1].startswith("kst-32317-867: ")
    # Nothing of the paper that failed is kept: a next run tries it again.
    assert list(DocumentImport.objects.values_list("file_name", flat=True)) == ["kst-32317-867.txt"]
    assert SourceSync.objects.get().succeeded


def test_a_record_of_another_series_is_left_out(seeded, fake_sources, two_per_page):
    serve_sru(fake_sources, SERIES_PAGES)
    serve_publication_xml(fake_sources, "kst-32317-842")
    summary = fetch_documents(["32317-20"], report=lambda line: None)  # nothing of 32317 is
    assert summary == {"found": 2, "other_series": 2}
    assert not DocumentImport.objects.exists()


def test_a_search_that_fails_is_recorded_and_writes_nothing(seeded, fake_sources):
    fake_sources.add(responses.GET, SRU, status=500)
    with pytest.raises(SourceError, match="HTTP 500"):
        fetch_documents(["32317"], report=lambda line: None)
    sync = SourceSync.objects.get()
    assert not sync.succeeded
    assert "HTTP 500" in sync.message
    assert sync.finished_at is not None
    assert not DocumentImport.objects.exists()


def test_the_command_fetches_and_reports(seeded, fake_sources, two_per_page, capsys):
    serve_sru(fake_sources, SERIES_PAGES)
    serve_publication_xml(fake_sources, "kst-32317-842")
    call_command("fetch_documents", "--series", "32 317", "--since", "2023-01-01")
    out = capsys.readouterr().out
    assert "kst-32317-842" in out
    assert "found 2, imported 1, known 1" in out
    assert 'dt.date>="2023-01-01"' in query_of(fake_sources.calls[0].request)["query"]


@pytest.mark.parametrize(
    "arguments, message",
    [
        (["--since", "gisteren"], "YYYY-MM-DD"),
        (["--series", "JBZ"], "dossier number"),
    ],
)
def test_the_command_refuses_bad_arguments(arguments, message):
    with pytest.raises(CommandError, match=message):
        call_command("fetch_documents", *arguments)


def test_the_command_fails_when_the_source_does(seeded, fake_sources):
    fake_sources.add(responses.GET, SRU, body=requests.exceptions.ConnectionError("refused"))
    with pytest.raises(CommandError, match="niet bereikbaar"):
        call_command("fetch_documents", "--series", "32317")


# -- the web fetch ----------------------------------------------------------------------------


def test_an_editor_fetches_a_kamerstuk_by_its_citation(seeded, editor_client, fake_sources):
    serve_sru(fake_sources, SERIES_PAGES)
    serve_publication_xml(fake_sources, "kst-32317-842")
    response = editor_client.post(START, {"fetch": "Kamerstuk 32 317, nr. 842"})
    document_import = DocumentImport.objects.get()
    assert response["Location"] == document_import.get_absolute_url()
    document_import.refresh_from_db()
    assert document_import.status == DocumentImport.Status.PENDING
    assert document_import.source_url == PAGE_842
    review = editor_client.get(response["Location"]).content.decode()
    assert "Kamerstukken II 2022/23, 32 317, nr. 842" in review


def test_an_official_address_is_fetched_too(seeded, editor_client, fake_sources):
    serve_sru(fake_sources, SERIES_PAGES)
    serve_publication_xml(fake_sources, "kst-32317-842")
    editor_client.post(START, {"fetch": PAGE_842})
    assert DocumentImport.objects.get().status == DocumentImport.Status.PENDING


def test_fetching_a_known_kamerstuk_shows_it_and_fetches_nothing(
    seeded, editor_client, fake_sources
):
    response = editor_client.post(
        START, {"fetch": "Kamerstukken II 2023/24, 32 317, nr. 867"}, follow=True
    )
    assert "kent dit Kamerstuk al" in response.content.decode()
    assert not DocumentImport.objects.exists()
    assert not fake_sources.calls


def test_a_kamerstuk_not_about_the_jbz_raad_is_refused(seeded, editor_client, fake_sources):
    serve_sru(fake_sources, SERIES_PAGES)
    serve_publication_xml(fake_sources, "kst-99999-1")
    response = editor_client.post(START, {"fetch": "Kamerstuk 99 999, nr. 1"})
    document_import = DocumentImport.objects.get()
    assert document_import.status == DocumentImport.Status.FAILED
    assert "niet over de JBZ-Raad" in document_import.error
    page = editor_client.get(response["Location"]).content.decode()
    assert "niet over de JBZ-Raad" in page
    assert not ParliamentaryDocument.objects.for_citation(parse_citation("99999-1")).exists()


def test_a_kamerstuk_the_repository_does_not_have_is_a_clear_failure(
    seeded, editor_client, fake_sources
):
    serve_sru(fake_sources, SERIES_PAGES)
    editor_client.post(START, {"fetch": "Kamerstuk 32 317, nr. 9999"})
    document_import = DocumentImport.objects.get()
    assert document_import.status == DocumentImport.Status.FAILED
    assert "kst-32317-9999" in document_import.error


def test_a_fetch_without_a_network_says_so(seeded, editor_client, fake_sources):
    fake_sources.add(responses.GET, SRU, body=requests.exceptions.ConnectionError("no route"))
    editor_client.post(START, {"fetch": "Kamerstuk 32 317, nr. 842"})
    document_import = DocumentImport.objects.get()
    assert document_import.status == DocumentImport.Status.FAILED
    assert "netwerkverbinding" in document_import.error


@pytest.mark.parametrize(
    "data, message",
    [
        ({"fetch": "32 317"}, "geen herkenbare Kamerstukverwijzing"),
        ({"fetch": "Kamerstukken II 2023/24, 32 317"}, "geen herkenbare Kamerstukverwijzing"),
        ({"fetch": "32317-867", "text": "JBZ-Raad"}, "een van de drie"),
    ],
)
def test_a_bad_fetch_request_is_refused_with_nothing_written(
    seeded, editor_client, fake_sources, data, message
):
    response = editor_client.post(START, data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not DocumentImport.objects.exists()
    assert not fake_sources.calls
