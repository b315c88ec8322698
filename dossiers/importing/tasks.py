"""The importer's background task: `manage.py db_worker` runs it (django-tasks, database queue)."""

from django_tasks import task

from ..models import DocumentImport
from ..sources.sync import fetch_queued
from .pipeline import run_import


@task()
def read_import(document_import_id):
    """Read an upload queued by pipeline.queue_import; the review page shows its progress."""
    document_import = DocumentImport.objects.defer("upload").filter(pk=document_import_id).first()
    if document_import is None:
        return None  # deleted while it waited
    run_import(document_import)
    return document_import.status


@task()
def fetch_import(document_import_id):
    """Fetch the Kamerstuk a queued import names (sources.sync.queue_fetch), then read it."""
    document_import = DocumentImport.objects.defer("upload").filter(pk=document_import_id).first()
    if document_import is None:
        return None
    if fetch_queued(document_import):
        run_import(document_import)
    return document_import.status
