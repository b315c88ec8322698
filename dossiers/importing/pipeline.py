"""Run every extractor over one document and keep the proposals for review.

An upload is checked and recorded at once (create_import); reading it and running the
extractors (run_import) takes up to seconds per MB, so the web app runs it in a task
(queue_import, importing.tasks) and the command line in its own process (start_import).
"""

import hashlib

from django.conf import settings
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..citations import parse_citation
from ..models import DocumentImport
from .commitments import extract_commitments
from .gazetteer import Gazetteer
from .mentions import extract_mentions
from .proposals import KIND_LABELS, Proposals, bounded
from .reader import UnreadableDocument, check_upload, read_upload
from .references import extract_citations, extract_motions, motion_of_its_own
from .stages import extract_stage_events
from .structure import extract_agenda_items, extract_document, extract_meeting

# The steps of run_import in order, as the progress on the review page names them.
IMPORT_STEPS = {
    "read": gettext_lazy("reading the text"),
    "document": gettext_lazy("the document"),
    "meeting": gettext_lazy("the meeting"),
    # Then each kind of proposal, in the order extract() looks for them.
    **KIND_LABELS,
}
STEP_NUMBERS = {name: number for number, name in enumerate(IMPORT_STEPS)}


def extract(source, gazetteer=None, progress=None):
    """Proposals for `source` (a reader.ImportText); `progress(step_name)` is told as each
    step begins.

    TooManyProposals when one kind exceeds its bound: no list of proposals grows without end.
    """
    gazetteer = gazetteer if gazetteer is not None else Gazetteer.from_database()

    def step(name):
        if progress:
            progress(name)

    step("document")
    document = extract_document(source)
    step("meeting")
    meeting = extract_meeting(source, document)
    # "op 11 juni jl." counts back from the document's date; a report that prints none is
    # written just after its meeting, so the meeting's last day stands in for it.
    reference_date = document.date or (meeting.end_date if meeting else None)
    extractors = {
        "agenda_items": lambda: extract_agenda_items(source),
        "citations": lambda: extract_citations(source, gazetteer, reference_date),
        "mentions": lambda: extract_mentions(source, gazetteer),
        "stage_events": lambda: extract_stage_events(
            source,
            gazetteer,
            reference_date,
            (meeting.start_date, meeting.end_date) if meeting else (None, None),
            document_date=document.date,
        ),
        "commitments": lambda: extract_commitments(source, gazetteer, reference_date),
        "motions": lambda: extract_motions(source, gazetteer),
    }
    found = {}
    for kind, extractor in extractors.items():
        step(kind)
        found[kind] = bounded(kind, extractor())
    if document.document_type == "motie" and document.citation:
        # A motion's own paper: its title names the motion without a number; it is this one.
        own = motion_of_its_own(source, parse_citation(document.citation), gazetteer)
        cited = [motion for motion in found["motions"] if motion.citation]
        if own and own.citation not in {motion.citation for motion in cited}:
            cited.insert(0, own)
        found["motions"] = cited
    return Proposals(document=document, meeting=meeting, **found)


def _sha256(data):
    return hashlib.sha256(data).hexdigest()


def create_import(file_name, data, user=None, language="", source_url=""):
    """(the DocumentImport of an upload, whether it is new), waiting to be read.

    Refuses at once (UnreadableDocument, nothing written) what check_upload can tell cannot be
    read. The same file uploaded again returns the import made the first time, unless that
    one failed.
    """
    check_upload(file_name, data)
    upload_hash = _sha256(data)
    existing = (
        DocumentImport.objects.filter(upload_hash=upload_hash)
        .exclude(status=DocumentImport.Status.FAILED)
        .defer("upload", "text", "proposals")
        .first()
    )
    if existing:
        return existing.duplicate_of or existing, False
    document_import = DocumentImport.objects.create(
        file_name=file_name[:255],
        source_url=source_url,
        upload=data,
        upload_hash=upload_hash,
        status=DocumentImport.Status.QUEUED,
        language=language or translation.get_language() or "",
        created_by=user,
    )
    return document_import, True


def queue_import(file_name, data, user=None, language=""):
    """create_import, and a task to read it (importing.tasks.read_import) when it is new."""
    from .tasks import read_import

    with transaction.atomic():
        document_import, created = create_import(file_name, data, user, language)
        if created:
            # In the same transaction: the worker sees the task only with its import.
            read_import.enqueue(document_import.pk)
    return document_import, created


def run_import(document_import, progress=None):
    """Read a queued import, extract its proposals and keep them for review.

    The result is written in one go at the end: PENDING with text and proposals, or FAILED
    with the reason (UnreadableDocument's message) and nothing else. An earlier import of the
    same text makes this one a DISCARDED duplicate pointing to it. `progress(step_name)` is
    told each step; the import's steps_done follows them, for the review page.
    """
    queued = DocumentImport.objects.filter(
        pk=document_import.pk, status=DocumentImport.Status.QUEUED
    )
    if not queued.update(status=DocumentImport.Status.READING, steps_done=0):
        return document_import  # already read, or being read by another worker
    updates = DocumentImport.objects.filter(pk=document_import.pk)

    def step(name):
        updates.update(steps_done=STEP_NUMBERS[name])
        if progress:
            progress(name)

    language = document_import.language or settings.LANGUAGE_CODE
    data = bytes(DocumentImport.objects.values_list("upload", flat=True).get(pk=document_import.pk))
    result = {"upload": b"", "steps_done": len(IMPORT_STEPS)}
    with translation.override(language):
        try:
            step("read")
            source = read_upload(document_import.file_name, data)
            text_hash = _sha256(source.text.encode())
            earlier = (
                DocumentImport.objects.filter(text_hash=text_hash)
                .exclude(pk=document_import.pk)
                .only("pk")
                .first()
            )
            if earlier:
                result.update(status=DocumentImport.Status.DISCARDED, duplicate_of=earlier)
            else:
                proposals = extract(source, progress=step)
                result.update(
                    status=DocumentImport.Status.PENDING,
                    text=source.raw,
                    text_hash=text_hash,
                    proposals=proposals.as_json(),
                )
        except UnreadableDocument as error:
            result.update(status=DocumentImport.Status.FAILED, error=str(error))
        except Exception:
            updates.update(
                upload=b"",
                status=DocumentImport.Status.FAILED,
                error=_("The importer failed on this document; the error is in the log."),
            )
            raise
    for field, value in result.items():
        setattr(document_import, field, value)
    document_import.save(update_fields=list(result))
    return document_import


def start_import(file_name, data, user=None, progress=None, source_url=""):
    """create_import and run_import in this process: for the command line and the tests.

    UnreadableDocument when the upload cannot be read, with nothing written.
    """
    document_import, created = create_import(file_name, data, user, source_url=source_url)
    if not created:
        return document_import, False
    document_import = run_import(document_import, progress=progress)
    if document_import.duplicate_of:
        # The same text from another file: the command line keeps no second record of it.
        earlier = document_import.duplicate_of
        document_import.delete()
        return earlier, False
    if document_import.status == DocumentImport.Status.FAILED:
        error = document_import.error
        document_import.delete()
        raise UnreadableDocument(error)
    return document_import, True
