"""Malformed input everywhere it can enter, sent by an editor.

Every input gets a clear message (the field's error, in Dutch) with a 4xx status or the page
shown again, or a 404 for an id or a quarter that does not exist; never a 500. Nothing in the
database changes: the row count of every table, the history tables included, is the same after.
The lists below are the inputs tried; BAD_INPUTS counts them. Bad uploads already covered by
test_import_pages.py (empty, binary, not UTF-8, damaged PDF, over 20 MB) are not repeated.
"""

import html
import io
from contextlib import contextmanager

import pytest
from django.apps import apps
from django.contrib.sessions.models import Session
from django.urls import reverse

from dossiers.importing.pipeline import start_import
from dossiers.models import (
    Commitment,
    CouncilMeeting,
    DocumentImport,
    Dossier,
    ParliamentaryDocument,
    StageEvent,
)

from .conftest import SEEDS_DIR
from .test_import_pages import _review_data

pytestmark = pytest.mark.django_db

INVALID_DATE = "Voer een geldige datum in."
INVALID_CHOICE = "Selecteer een geldige keuze"
REQUIRED = "Dit veld is verplicht."
NOT_A_CITATION = "is geen herkenbare Kamerstukverwijzing"
END_BEFORE_START = "Een bijeenkomst kan niet eindigen voordat zij begint."
FULFILLED_BEFORE_MADE = "Een toezegging kan niet worden afgedaan voordat zij is gedaan."
NOT_FOUND = None  # Django's 404 page


# (url, status, text shown); for the admin's 302 the text is on the page it redirects to.
GET_INPUTS = [
    # The register: the filter shows its error.
    ("/dossiers/?changed_since=2024-13-45", 200, INVALID_DATE),
    ("/dossiers/?changed_since=99999-01-01", 200, INVALID_DATE),
    ("/dossiers/?stage=abc", 200, INVALID_CHOICE),
    ("/dossiers/?stage=99999", 200, INVALID_CHOICE),
    ("/dossiers/?package=%00", 200, "Null-tekens zijn niet toegestaan."),
    ("/dossiers/?instrument_type=xyz", 200, INVALID_CHOICE),
    ("/dossiers/?policy_area=xyz", 200, INVALID_CHOICE),
    ("/dossiers/?responsible_officer=abc", 200, INVALID_CHOICE),
    ("/dossiers/?q=%00", 200, "Null-tekens zijn niet toegestaan."),
    ("/dossiers/?page=abc", 404, NOT_FOUND),
    ("/dossiers/?page=-1", 404, NOT_FOUND),
    ("/dossiers/?page=0", 404, NOT_FOUND),
    ("/dossiers/?page=99999", 404, NOT_FOUND),
    ("/dossiers/?sort=bestaat-niet", 200, "Dossierregister"),
    ("/dossiers/?per_page=abc", 200, "Dossierregister"),
    ("/dossiers/?per_page=-5", 200, "Dossierregister"),
    ("/dossiers/?_export=pdf", 400, "kies CSV of Excel (XLSX)"),
    ("/dossiers/?_export=csv&changed_since=2024-13-45", 200, "Titel"),
    # The API: 400 with the errors by field, 404 for a page that does not exist.
    ("/api/dossiers/?changed_since=2024-13-45", 400, INVALID_DATE),
    ("/api/dossiers/?stage=abc", 400, INVALID_CHOICE),
    ("/api/dossiers/?package=%00", 400, "Null-tekens zijn niet toegestaan."),
    ("/api/dossiers/?q=%00", 400, "Null-tekens zijn niet toegestaan."),
    ("/api/dossiers/?page=abc", 400, "Geef het paginanummer als geheel getal."),
    ("/api/dossiers/?page=-1", 404, "Pagina -1 bestaat niet."),
    ("/api/dossiers/?page=0", 404, "Pagina 0 bestaat niet."),
    ("/api/dossiers/?page=99999", 404, "Pagina 99999 bestaat niet."),
    ("/api/commitments/?status=xyz", 400, INVALID_CHOICE),
    ("/api/commitments/?made_by=abc", 400, INVALID_CHOICE),
    ("/api/commitments/?member=%00", 400, "Null-tekens zijn niet toegestaan."),
    ("/api/commitments/?fulfilment_mode=xyz", 400, INVALID_CHOICE),
    ("/api/commitments/?page=abc", 400, "Geef het paginanummer als geheel getal."),
    ("/api/meetings/?year=abc", 400, "Voer een geheel getal in."),
    ("/api/meetings/?year=0", 400, "minstens 1"),
    ("/api/meetings/?year=-2024", 400, "minstens 1"),
    ("/api/meetings/?year=99999", 400, "hoogstens 9999"),
    ("/api/meetings/?page=99999", 404, "Pagina 99999 bestaat niet."),
    # The commitment and meeting lists.
    ("/toezeggingen/?status=xyz", 200, INVALID_CHOICE),
    ("/toezeggingen/?made_by=abc", 200, INVALID_CHOICE),
    ("/toezeggingen/?member=%00", 200, "Null-tekens zijn niet toegestaan."),
    ("/toezeggingen/?groep=xyz", 200, "Partnerschap met Egypte"),
    ("/toezeggingen/?page=abc", 200, "Partnerschap met Egypte"),
    ("/toezeggingen/?page=-1", 200, "Partnerschap met Egypte"),
    ("/raden/?year=abc", 200, "Voer een geheel getal in."),
    ("/raden/?year=99999", 200, "hoogstens 9999"),
    # The dashboard's day (peildatum).
    ("/?peildatum=2024-13-45", 200, INVALID_DATE),
    ("/?peildatum=abc", 200, INVALID_DATE),
    ("/?peildatum=0001-01-01", 200, "Zorg ervoor dat deze waarde minstens"),
    ("/?peildatum=9999-12-31", 200, "Zorg ervoor dat deze waarde hoogstens"),
    # Quarters and ids that do not exist.
    ("/kwartaaloverzicht/2024/5/", 404, NOT_FOUND),
    ("/kwartaaloverzicht/2024/0/", 404, NOT_FOUND),
    ("/kwartaaloverzicht/2024/abc/", 404, NOT_FOUND),
    ("/kwartaaloverzicht/99999/1/", 404, NOT_FOUND),
    ("/kwartaaloverzicht/2024/5/xlsx/", 404, NOT_FOUND),
    ("/kwartaaloverzicht/99999999999999999999999/1/", 404, NOT_FOUND),
    ("/dossiers/bestaat-niet/", 404, NOT_FOUND),
    ("/raden/99999/", 404, NOT_FOUND),
    ("/raden/-1/", 404, NOT_FOUND),
    ("/raden/99999999999999999999999/", 404, NOT_FOUND),
    ("/raden/99999/checklist/", 404, NOT_FOUND),
    ("/import/99999/", 404, NOT_FOUND),
    ("/import/99999999999999999999999/", 404, NOT_FOUND),
    ("/api/dossiers/bestaat-niet/", 404, "Dossier bestaat-niet bestaat niet."),
    ("/api/meetings/99999/", 404, "Raadsbijeenkomst 99999 bestaat niet."),
    ("/api/meetings/99999999999999999999999/", 404, "bestaat niet."),
    ("/admin/dossiers/dossier/99999/change/", 302, "bestaat niet. Misschien is deze verwijderd?"),
    ("/admin/dossiers/dossier/abc/change/", 302, "bestaat niet. Misschien is deze verwijderd?"),
    ("/admin/dossiers/commitment/99999/delete/", 302, "bestaat niet."),
    ("/admin/dossiers/dossier/99999/history/", 404, NOT_FOUND),
    ("/admin/dossiers/councilmeeting/1/history/99999/", 404, NOT_FOUND),
    ("/admin/dossiers/dossier/?updated_at__gte=2024-13-45", 302, "Selecteer dossier"),
]

TICK_OFF_INPUTS = [
    # The agenda is dated 19 February, before the debate of 29 February that made the promise.
    ({"document": "agenda", "passage": "Passage."}, FULFILLED_BEFORE_MADE),
    (
        {"document": "report", "passage": "Passage.", "fulfilled_on": "2024-01-01"},
        FULFILLED_BEFORE_MADE,
    ),
    ({"document": "report", "passage": "Passage.", "fulfilled_on": "2024-02-30"}, INVALID_DATE),
    ({"document": "report", "passage": "Passage.", "fulfilled_on": "0000-00-00"}, INVALID_DATE),
    ({"document": "report", "passage": "Passage.", "fulfilled_on": "99999-01-01"}, INVALID_DATE),
    ({"document": "report", "passage": "Passage.", "fulfilled_on": "morgen"}, INVALID_DATE),
    ({"document": "99999", "passage": "Passage."}, INVALID_CHOICE),
    ({"passage": "Passage."}, REQUIRED),
]

MEETING_INPUTS = [
    ({"end_date": "2024-06-12"}, END_BEFORE_START),
    ({"start_date": "2024-13-45"}, INVALID_DATE),
    ({"end_date": "14-06"}, INVALID_DATE),
    ({"end_date": ""}, REQUIRED),
    ({"formation": "xyz"}, INVALID_CHOICE),
    ({"start_date": "2024-03-04", "end_date": "2024-03-05"}, "bestaat al"),
    (
        {"agenda_items-TOTAL_FORMS": "1", "agenda_items-0-number": "abc"},
        "Voer een geheel getal in.",
    ),
    ({"agenda_items-TOTAL_FORMS": "1", "agenda_items-0-number": "-1"}, "minstens 0"),
]

DOCUMENT_INPUTS = [
    ({"citation_text": "Kamerstukken II 2023/24, 32 317, nr."}, NOT_A_CITATION),
    ({"citation_text": "12"}, NOT_A_CITATION),
    ({"citation_text": "Kamerstukken II 2023/25, 32 317, nr. 867"}, "klopt niet"),
    ({"citation_text": "32317-872"}, "Er bestaat al een document met dit Kamerstuknummer."),
    ({"dossier_number": "32a17", "sub_number": "5"}, "alleen uit cijfers"),
    ({"dossier_number": "", "sub_number": "5"}, "Een ondernummer vereist een dossiernummer."),
    ({"session_year": "2023-2025"}, "Het tweede jaar van een vergaderjaar volgt op het eerste."),
    ({"session_year": "23/24"}, "Geef het vergaderjaar op als '2023-2024'."),
    ({"date": "2024-02-30"}, INVALID_DATE),
    ({"title": ""}, "Geef een Kamerstuknummer of een titel op."),
    ({"url": "javascript:alert(1)"}, "Voer een geldige URL in."),
    ({"document_type": "xyz"}, INVALID_CHOICE),
]

STAGE_EVENT_INPUTS = [
    ({"date": "2024-03-15", "precision": "month"}, "2024-03-01"),
    ({"date": "2024-13-01"}, INVALID_DATE),
    ({"precision": "week"}, INVALID_CHOICE),
    ({"stage": "12345"}, INVALID_CHOICE),
    ({"dossier": "99999"}, INVALID_CHOICE),
]

DOSSIER_INPUTS = [
    ({"commission_reference": "COM 2020 611"}, "Noteer een Commissiekenmerk als COM(2020) 611."),
    ({"procedure_reference": "2016/224(COD)"}, "2016/0224(COD)"),
    ({"celex": "abc"}, "32023H0681"),
    ({"slug": "met spaties"}, "slug"),
    ({"parent": "apr"}, INVALID_CHOICE),
    ({"aliases-0-alias": "ASIELPROCEDUREVERORDENING"}, "Deze alias wordt al gebruikt"),
]

ONE_OF_THREE = "Upload een bestand, plak de tekst of geef een Kamerstuk om op te halen"
UPLOAD_INPUTS = [
    ({"text": "   \n\t "}, ONE_OF_THREE),
    ({"text": ""}, ONE_OF_THREE),
    ({"text": "Verslag", "file": b"Verslag van de Raad"}, ONE_OF_THREE),
    ({"text": "Verslag\x00"}, "Null-tekens zijn niet toegestaan."),
]

REVIEW_INPUTS = [
    ({"document-citation": "Kamerstukken II 2023/24, 32 317, nr."}, NOT_A_CITATION),
    ({"document-date": "2024-13-45"}, INVALID_DATE),
    ({"document-document_type": "xyz"}, INVALID_CHOICE),
    (
        {
            "meeting-accept": "on",
            "meeting-start_date": "2024-03-05",
            "meeting-end_date": "2024-03-04",
        },
        END_BEFORE_START,
    ),
    ({"meeting-accept": "on", "meeting-start_date": ""}, "Geef de datum van de bijeenkomst."),
    ({"stage_events-0-date": "2024-13-45"}, INVALID_DATE),
    ({"stage_events-0-stage": "abc"}, INVALID_CHOICE),
    ({"citations-0-canonical": "12"}, NOT_A_CITATION),
    ({"stage_events-TOTAL_FORMS": "abc"}, "ManagementForm"),
]

BAD_INPUTS = sum(
    map(
        len,
        [
            GET_INPUTS,
            TICK_OFF_INPUTS,
            MEETING_INPUTS,
            DOCUMENT_INPUTS,
            STAGE_EVENT_INPUTS,
            DOSSIER_INPUTS,
            UPLOAD_INPUTS,
            REVIEW_INPUTS,
        ],
    )
)


def row_counts():
    """Rows in every table; sessions excepted, which a request may renew."""
    return {
        model._meta.label: model._base_manager.count()
        for model in apps.get_models()
        if model is not Session
    }


@contextmanager
def nothing_written():
    before = row_counts()
    yield
    assert row_counts() == before


def page_text(response):
    return html.unescape(response.content.decode(errors="replace"))


def refused(response, status, message):
    """The request was refused with `status`, and the page (or JSON) says `message`."""
    assert response.status_code == status, page_text(response)[:2000]
    assert message in page_text(response)


@pytest.mark.parametrize(("url", "status", "message"), GET_INPUTS)
def test_a_malformed_query_or_unknown_id_is_refused_with_a_message(
    sample, editor_client, url, status, message
):
    with nothing_written():
        response = editor_client.get(url, follow=status == 302)
    if status == 302:
        assert response.redirect_chain[0][1] == 302 and response.status_code == 200
    else:
        assert response.status_code == status
    if message:
        assert message in page_text(response)


@pytest.mark.parametrize(("data", "message"), TICK_OFF_INPUTS)
def test_a_bad_tick_off_is_refused_and_the_commitment_stays_open(
    sample, editor_client, data, message
):
    commitment, meeting = sample["commitment"], sample["meeting"]
    documents = {"agenda": sample["agenda"].pk, "report": sample["report"].pk}
    data = {**data, "document": documents.get(data.get("document"), data.get("document", ""))}
    url = reverse("dossiers:checklist", args=[meeting.pk])
    with nothing_written():
        refused(editor_client.post(url, {"commitment": commitment.pk, **data}), 400, message)
    commitment.refresh_from_db()
    assert commitment.status == Commitment.Status.OPEN


def test_a_withdrawn_commitment_cannot_be_ticked_off(sample, editor_client):
    commitment, meeting = sample["commitment"], sample["meeting"]
    Commitment.objects.filter(pk=commitment.pk).update(status=Commitment.Status.WITHDRAWN)
    url = reverse("dossiers:checklist", args=[meeting.pk])
    data = {"commitment": commitment.pk, "document": sample["report"].pk, "passage": "Passage."}
    with nothing_written():
        response = editor_client.post(url, data)
    refused(response, 400, "Een ingetrokken toezegging kan niet worden afgedaan.")


def _admin_form_data(client, url):
    """What the admin's add page would post unchanged: its fields and its inlines' formsets."""
    response = client.get(url)
    assert response.status_code == 200
    form = response.context["adminform"].form
    data = {}
    for field in form:
        value = field.value()
        if value not in (None, False, "", []):
            data[field.html_name] = value
    for inline in response.context["inline_admin_formsets"]:
        management = inline.formset.management_form
        data.update(
            {f"{management.prefix}-{name}": value for name, value in management.initial.items()}
        )
    return data


def _admin_add(client, model, values, changes):
    """Post the add form of `model` with `values` and the bad `changes`; empty means left out."""
    url = reverse(f"admin:dossiers_{model._meta.model_name}_add")
    data = {**_admin_form_data(client, url), **values, **changes}
    with nothing_written():
        response = client.post(url, {key: value for key, value in data.items() if value != ""})
    return response


@pytest.mark.parametrize(("changes", "message"), MEETING_INPUTS)
def test_a_council_meeting_with_bad_dates_is_not_saved(sample, editor_client, changes, message):
    values = {
        "formation": "jbz",
        "start_date": "2024-06-13",
        "end_date": "2024-06-14",
        "agenda_items-0-section": "bz",
        "agenda_items-0-title": "Migratie",
    }
    refused(_admin_add(editor_client, CouncilMeeting, values, changes), 200, message)


@pytest.mark.parametrize(("changes", "message"), DOCUMENT_INPUTS)
def test_a_document_with_a_malformed_citation_is_not_saved(sample, editor_client, changes, message):
    values = {"document_type": "brief", "chamber": "TK", "title": "Brief over het Pact"}
    refused(_admin_add(editor_client, ParliamentaryDocument, values, changes), 200, message)


@pytest.mark.parametrize(("changes", "message"), STAGE_EVENT_INPUTS)
def test_a_stage_event_with_a_bad_date_is_not_saved(sample, editor_client, changes, message):
    values = {"dossier": sample["apr"].pk, "stage": "70", "date": "2024-03-01", "precision": "day"}
    refused(_admin_add(editor_client, StageEvent, values, changes), 200, message)


@pytest.mark.parametrize(("changes", "message"), DOSSIER_INPUTS)
def test_a_dossier_with_malformed_references_is_not_saved(sample, editor_client, changes, message):
    values = {
        "title": "Terugkeerverordening",
        "slug": "terugkeerverordening",
        "instrument_type": "verordening",
        "policy_area": "bz",
    }
    changes = {key: sample["apr"].pk if value == "apr" else value for key, value in changes.items()}
    refused(_admin_add(editor_client, Dossier, values, changes), 200, message)


@pytest.mark.parametrize(("data", "message"), UPLOAD_INPUTS)
def test_an_upload_without_usable_text_is_refused(sample, editor_client, data, message):
    if "file" in data:
        data = {**data, "file": io.BytesIO(data["file"])}
        data["file"].name = "verslag.txt"
    with nothing_written():
        refused(editor_client.post(reverse("dossiers:import_start"), data), 400, message)


def test_pasted_text_over_the_request_limit_is_a_400(sample, editor_client, settings):
    with nothing_written():
        response = editor_client.post(
            reverse("dossiers:import_start"),
            {"text": "a" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)},
        )
    assert response.status_code == 400


@pytest.fixture
def pending_import(sample, editor):
    document_import, _ = start_import(
        "verslag.txt", (SEEDS_DIR / "002_a12f43510f00c640.txt").read_bytes(), user=editor
    )
    return document_import


@pytest.mark.parametrize(("changes", "message"), REVIEW_INPUTS)
def test_a_bad_review_accepts_nothing(pending_import, editor_client, changes, message):
    url = pending_import.get_absolute_url()
    data = {**_review_data(editor_client.get(url)), **changes}
    with nothing_written():
        refused(editor_client.post(url, data), 400, message)
    pending_import.refresh_from_db()
    assert pending_import.status == DocumentImport.Status.PENDING
