"""Run every extractor over one document and collect the proposals."""

import hashlib

from ..models import DocumentImport
from .commitments import extract_commitments
from .gazetteer import Gazetteer
from .mentions import extract_mentions
from .proposals import Proposals
from .reader import read_upload
from .references import extract_citations, extract_motions
from .stages import extract_stage_events
from .structure import extract_agenda_items, extract_document, extract_meeting


def extract(source, gazetteer=None, progress=None):
    """Proposals for `source` (a reader.ImportText); `progress(step_name)` is told each step."""
    gazetteer = gazetteer if gazetteer is not None else Gazetteer.from_database()
    steps = []

    def step(name):
        steps.append(name)
        if progress:
            progress(name)

    step("document")
    document = extract_document(source)
    step("meeting")
    meeting = extract_meeting(source, document)
    # "op 11 juni jl." counts back from the document's date; a report that prints none is
    # written just after its meeting, so the meeting's last day stands in for it.
    reference_date = document.date or (meeting.end_date if meeting else None)
    step("agenda_items")
    agenda_items = extract_agenda_items(source)
    step("citations")
    citations = extract_citations(source, gazetteer)
    step("mentions")
    mentions = extract_mentions(source, gazetteer)
    step("stage_events")
    stage_events = extract_stage_events(source, gazetteer, reference_date)
    step("commitments")
    commitments = extract_commitments(source, gazetteer, reference_date)
    step("motions")
    motions = extract_motions(source, gazetteer)
    return Proposals(
        document=document,
        meeting=meeting,
        agenda_items=agenda_items,
        citations=citations,
        mentions=mentions,
        stage_events=stage_events,
        commitments=commitments,
        motions=motions,
    )


def start_import(file_name, data, user=None, progress=None):
    """Read an upload, extract its proposals and keep them for review.

    The same text uploaded again returns the import made the first time (with its review
    state), so a document is never imported twice. UnreadableDocument for bad input, with
    nothing written.
    """
    source = read_upload(file_name, data)
    text_hash = hashlib.sha256(source.text.encode()).hexdigest()
    existing = DocumentImport.objects.filter(text_hash=text_hash).first()
    if existing:
        return existing, False
    proposals = extract(source, progress=progress)
    document_import = DocumentImport.objects.create(
        file_name=file_name[:255],
        text=source.raw,
        text_hash=text_hash,
        proposals=proposals.as_json(),
        created_by=user,
    )
    return document_import, True
