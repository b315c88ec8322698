"""Imports read in a background task: queued by the web, read by `db_worker`, progress shown.

The other import tests run tasks as they are enqueued (conftest: ImmediateBackend); these put
them in the database queue, as production does, and run the worker themselves.
"""

import io

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from bench.hostile_inputs import dense_citations
from dossiers.importing import pipeline
from dossiers.importing.pipeline import IMPORT_STEPS, queue_import, run_import
from dossiers.importing.proposals import MAX_PROPOSALS_PER_KIND
from dossiers.models import DocumentImport

from .conftest import SEEDS_DIR

pytestmark = pytest.mark.django_db

MARCH_REPORT = SEEDS_DIR / "002_a12f43510f00c640.txt"
START = reverse("dossiers:import_start")
DATABASE_QUEUE = override_settings(
    TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
)


def _upload(client, data, name="verslag.txt"):
    upload = io.BytesIO(data)
    upload.name = name
    return client.post(START, {"file": upload})


# The worker closes the connection between tasks (close_old_connections): with PostgreSQL that
# would end the transaction a test runs in, so the tests that run it commit instead (and get
# the groups made by the migrations back after the flush: serialized_rollback).
WORKER_TEST = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _work_off_the_queue():
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)


@WORKER_TEST
@DATABASE_QUEUE
def test_an_upload_is_queued_and_the_worker_reads_it(seeded, editor_client):
    response = _upload(editor_client, MARCH_REPORT.read_bytes())
    document_import = DocumentImport.objects.get()
    assert response["Location"] == document_import.get_absolute_url()
    # The request only checked and queued the upload: nothing was extracted in it.
    assert document_import.status == DocumentImport.Status.QUEUED
    assert document_import.proposals == {}
    assert DBTaskResult.objects.get().args_kwargs["args"] == [document_import.pk]

    waiting = editor_client.get(response["Location"])
    html = waiting.content.decode()
    assert waiting.status_code == 200
    assert '<meta http-equiv="refresh" content="2">' in html
    assert f'<progress id="import-progress" max="{len(IMPORT_STEPS)}" value="0">' in html
    assert "Stap 1 van 9: de tekst lezen" in html
    assert "db_worker" not in html  # the hint comes only after a long wait

    _work_off_the_queue()
    document_import.refresh_from_db()
    assert document_import.status == DocumentImport.Status.PENDING
    assert document_import.steps_done == len(IMPORT_STEPS)
    assert document_import.upload == b""  # read: the bytes are not kept twice
    assert document_import.proposals["stage_events"]
    review = editor_client.get(response["Location"])
    assert "http-equiv" not in review.content.decode()
    assert review.context["formsets"]["stage_events"].total_form_count() > 0


@DATABASE_QUEUE
def test_a_long_wait_asks_whether_the_worker_runs(seeded, editor_client):
    _upload(editor_client, MARCH_REPORT.read_bytes())
    document_import = DocumentImport.objects.get()
    DocumentImport.objects.update(created_at=document_import.created_at.replace(year=2020))
    assert (
        "python manage.py db_worker"
        in editor_client.get(START + f"{document_import.pk}/").content.decode()
    )


@WORKER_TEST
@DATABASE_QUEUE
def test_a_document_the_worker_cannot_read_fails_with_its_reason(seeded, editor_client):
    # A PDF that opens (the request's check) but has no text layer: only reading tells.
    blank_pdf = _blank_pdf()
    response = _upload(editor_client, blank_pdf, "scan.pdf")
    assert response.status_code == 302
    _work_off_the_queue()
    document_import = DocumentImport.objects.get()
    assert document_import.status == DocumentImport.Status.FAILED
    assert "geen tekstlaag" in document_import.error
    assert document_import.proposals == {} and document_import.text == ""
    page = editor_client.get(response["Location"])
    assert page.status_code == 200
    assert "geen tekstlaag" in page.content.decode()
    assert "http-equiv" not in page.content.decode()
    # Nothing to accept: a POST changes nothing.
    assert editor_client.post(response["Location"], {}).status_code == 409
    document_import.refresh_from_db()
    assert document_import.status == DocumentImport.Status.FAILED
    # The same file again is a new attempt, not the failed import.
    _upload(editor_client, blank_pdf, "scan.pdf")
    assert DocumentImport.objects.count() == 2


def _blank_pdf():
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_too_many_proposals_of_a_kind_fail_the_import_with_a_message(seeded, editor_client):
    # Immediate tasks: the upload is read during the request, the outcome is the same.
    data = dense_citations(200_000).encode()
    response = _upload(editor_client, data, "citaten.txt")
    document_import = DocumentImport.objects.get()
    assert document_import.status == DocumentImport.Status.FAILED
    assert f"neemt er hoogstens {MAX_PROPOSALS_PER_KIND} per document aan" in document_import.error
    assert "Aangehaalde Kamerstukken" in document_import.error
    assert document_import.proposals == {}
    assert 'role="alert"' in editor_client.get(response["Location"]).content.decode()


def test_an_error_in_an_extractor_fails_the_import_and_reaches_the_log(seeded, editor, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("extractor bug")

    monkeypatch.setattr(pipeline, "extract_mentions", broken)
    with DATABASE_QUEUE:
        document_import, _created = queue_import("verslag.txt", MARCH_REPORT.read_bytes(), editor)
        with pytest.raises(RuntimeError):
            run_import(document_import)
    document_import.refresh_from_db()
    assert document_import.status == DocumentImport.Status.FAILED
    assert "log" in document_import.error
    assert document_import.proposals == {} and document_import.upload == b""


@DATABASE_QUEUE
def test_an_import_is_read_once_even_if_its_task_runs_twice(seeded, editor):
    document_import, _created = queue_import("verslag.txt", MARCH_REPORT.read_bytes(), editor)
    run_import(document_import)
    proposals = DocumentImport.objects.get().proposals
    run_import(document_import)  # a retried task finds it read and leaves it
    assert DocumentImport.objects.get().proposals == proposals


@WORKER_TEST
@DATABASE_QUEUE
def test_the_same_text_in_another_file_leads_to_the_first_import(seeded, editor_client):
    _upload(editor_client, MARCH_REPORT.read_bytes())
    _upload(editor_client, MARCH_REPORT.read_bytes().replace(b"\n", b"\r\n"), "kopie.txt")
    _work_off_the_queue()
    first, second = DocumentImport.objects.order_by("created_at", "pk")
    assert second.status == DocumentImport.Status.DISCARDED
    assert second.duplicate_of == first
    response = editor_client.get(second.get_absolute_url())
    assert response["Location"] == first.get_absolute_url()


def test_the_command_line_shows_a_progress_bar(seeded, tmp_path):
    err = io.StringIO()
    err.isatty = lambda: True  # tqdm draws only on a terminal
    call_command(
        "import_document", str(MARCH_REPORT), "--dry-run", stderr=err, stdout=io.StringIO()
    )
    drawn = err.getvalue()
    assert "002_a12f43510f00c640.txt" in drawn and f"/{len(IMPORT_STEPS)}" in drawn
    assert str(IMPORT_STEPS["stage_events"]) in drawn
    quiet = io.StringIO()
    call_command("import_document", str(MARCH_REPORT), "--dry-run", "--no-progress", stderr=quiet)
    assert quiet.getvalue() == ""
