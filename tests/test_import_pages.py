"""Importing through the web and the command line: upload, review, accept, bad input."""

import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from dossiers.importing.reader import MAX_UPLOAD_BYTES
from dossiers.models import DocumentImport, Mention, StageEvent

from .conftest import SEEDS_DIR

pytestmark = pytest.mark.django_db

MARCH_REPORT = SEEDS_DIR / "002_a12f43510f00c640.txt"
START = reverse("dossiers:import_start")


def _upload(client, path=MARCH_REPORT, name=None):
    data = path.read_bytes() if hasattr(path, "read_bytes") else path
    upload = io.BytesIO(data)
    upload.name = name or getattr(path, "name", "upload.txt")
    return client.post(START, {"file": upload})


def _review_data(response):
    """The review form's fields as the browser would submit them, every proposal as shown."""
    data = {}
    for form in [response.context["document_form"], response.context["meeting_form"]]:
        for field in form:
            value = field.value()
            if value is not None and value is not False:
                data[field.html_name] = value
    for formset in response.context["formsets"].values():
        for name, value in formset.management_form.initial.items():
            data[f"{formset.prefix}-{name}"] = value
        for form in formset:
            for field in form:
                value = field.field.prepare_value(field.value())
                if value is not None and value is not False and value != "":
                    data[field.html_name] = value
    return data


def test_upload_review_and_accept_a_report(seeded, editor_client):
    response = _upload(editor_client)
    document_import = DocumentImport.objects.get()
    assert response["Location"] == document_import.get_absolute_url()
    review = editor_client.get(response["Location"])
    assert review.status_code == 200
    html = review.content.decode()
    assert "<mark>" in html
    assert review.context["formsets"]["stage_events"].total_form_count() > 0
    stage_events, mentions = StageEvent.objects.count(), Mention.objects.count()
    accepted = editor_client.post(response["Location"], _review_data(review))
    assert accepted.status_code == 302
    document_import.refresh_from_db()
    assert document_import.status == DocumentImport.Status.ACCEPTED
    assert StageEvent.objects.count() + Mention.objects.count() > stage_events + mentions
    for event in StageEvent.objects.filter(source_document=document_import.document):
        assert event.source_passage


def test_the_same_document_twice_is_one_import(seeded, editor_client):
    first = _upload(editor_client)
    second = _upload(editor_client)
    assert first["Location"] == second["Location"]
    assert DocumentImport.objects.count() == 1


def test_pasted_text_is_imported(seeded, editor_client):
    response = editor_client.post(START, {"text": MARCH_REPORT.read_text()})
    assert response.status_code == 302


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (b"", "leeg.txt"),
        (b"\x00\x01\x02\xff" * 100, "binair.bin"),
        ("Verslag over één Raad – België".encode("cp1252"), "windows.txt"),
        (b"%PDF-1.4\n%%EOF", "kapot.pdf"),
    ],
)
def test_bad_input_gets_a_message_and_writes_nothing(seeded, editor_client, data, name):
    response = _upload(editor_client, data, name)
    assert response.status_code == 400
    assert 'role="alert"' in response.content.decode()
    assert DocumentImport.objects.count() == 0


def test_an_oversized_upload_is_refused(seeded, editor_client):
    response = _upload(editor_client, b"a" * (MAX_UPLOAD_BYTES + 1), "groot.txt")
    assert response.status_code == 400
    assert DocumentImport.objects.count() == 0


def test_readers_cannot_import(seeded, reader_client):
    assert reader_client.get(START).status_code == 403
    assert _upload(reader_client).status_code == 403


def test_cli_dry_run_prints_the_json_schema_and_writes_nothing(seeded, capsys):
    call_command("import_document", str(MARCH_REPORT), "--dry-run", "--format", "json")
    output = json.loads(capsys.readouterr().out)
    assert set(output) == {
        "document",
        "meeting",
        "agenda_items",
        "citations",
        "mentions",
        "stage_events",
        "commitments",
        "motions",
    }
    assert output["meeting"]["start_date"] == "2024-03-04"
    for citation in output["citations"]:
        assert {"text", "chamber", "number", "sub_number", "session_year", "confidence"} <= set(
            citation
        )
    for event in output["stage_events"]:
        assert {"dossier", "name", "stage", "date", "precision", "expected", "passage"} <= set(
            event
        )
    for commitment in output["commitments"]:
        assert {
            "mps",
            "debate_kind",
            "debate_date",
            "subject",
            "fulfilled_here",
            "matched_commitment",
            "passage",
        } <= set(commitment)
    assert DocumentImport.objects.count() == 0


def test_cli_import_keeps_the_proposals_for_review_and_accept_writes(seeded, capsys):
    call_command("import_document", str(MARCH_REPORT))
    assert "Review it at /import/" in capsys.readouterr().out
    call_command("import_document", str(MARCH_REPORT), "--accept")
    out = capsys.readouterr().out
    assert "Already imported" in out and "Accepted" in out
    assert DocumentImport.objects.get().status == DocumentImport.Status.ACCEPTED


def test_cli_refuses_a_missing_or_empty_file(seeded, tmp_path):
    with pytest.raises(CommandError):
        call_command("import_document", str(tmp_path / "bestaat-niet.pdf"))
    empty = tmp_path / "leeg.txt"
    empty.write_bytes(b"")
    with pytest.raises(CommandError):
        call_command("import_document", str(empty))


@pytest.mark.parametrize("seed", sorted(path.name for path in SEEDS_DIR.glob("*.txt")))
def test_every_seed_imports_and_accepts_without_duplicates(seeded, capsys, seed):
    call_command("import_document", str(SEEDS_DIR / seed), "--dry-run", "--format", "json")
    assert json.loads(capsys.readouterr().out)["document"]["document_type"]
    call_command("import_document", str(SEEDS_DIR / seed), "--accept")
    assert "Accepted" in capsys.readouterr().out
    document_import = DocumentImport.objects.get()
    assert document_import.status == DocumentImport.Status.ACCEPTED
    counts = [model.objects.count() for model in (StageEvent, Mention)]
    call_command("import_document", str(SEEDS_DIR / seed), "--accept")
    assert "Created: {}" in capsys.readouterr().out
    assert [model.objects.count() for model in (StageEvent, Mention)] == counts


def test_review_lists_each_dossier_once_however_many_proposals(
    seeded, editor_client, django_assert_max_num_queries
):
    response = _upload(editor_client)
    with django_assert_max_num_queries(12):
        review = editor_client.get(response["Location"])
    html = review.content.decode()
    forms = review.context["formsets"]["mentions"].total_form_count()
    forms += review.context["formsets"]["stage_events"].total_form_count()
    assert forms > 20
    assert html.count('<datalist id="import-dossiers">') == 1
    assert html.count('list="import-dossiers"') == forms
    assert html.count('<option value="asielprocedureverordening">') == 1
    mentions = html.split('id="mentions"')[1].split('id="stage_events"')[0]
    assert 'name="mentions-0-dossier"' in mentions
    assert '<select name="mentions-0-dossier"' not in mentions  # a datalist, not a select


def test_review_refuses_a_dossier_that_is_not_in_the_list(
    seeded, editor_client, django_assert_max_num_queries
):
    response = _upload(editor_client)
    review = editor_client.get(response["Location"])
    data = _review_data(review)
    data["mentions-0-dossier"] = "bestaat-niet"
    data["mentions-0-accept"] = "on"
    mentions = Mention.objects.count()
    # Checking every form's dossier and commitment costs no query per form.
    with django_assert_max_num_queries(12):
        refused = editor_client.post(response["Location"], data)
    assert refused.status_code == 400
    assert "“bestaat-niet” staat niet in de lijst" in refused.content.decode()
    assert Mention.objects.count() == mentions
    assert DocumentImport.objects.get().status == DocumentImport.Status.PENDING
