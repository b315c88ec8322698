from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from ..importing.accept import accept_import
from ..importing.forms import (
    REVIEW_FORMSETS,
    DocumentReviewForm,
    ListedChoiceField,
    MeetingReviewForm,
    UploadForm,
    review_datalists,
)
from ..importing.pipeline import IMPORT_STEPS, queue_import
from ..importing.proposals import KIND_LABELS
from ..importing.reader import UnreadableDocument
from ..models import DocumentImport, PolicyArea
from ..sources.sync import queue_fetch

# Proposals the extractor is at least this sure of are ticked for acceptance at first.
PRESELECT_CONFIDENCE = 0.5
RECENT_IMPORTS = 20
# The progress page reloads itself this often (seconds) while the import is read.
PROGRESS_REFRESH_SECONDS = 2
# Still waiting after this long (seconds): the page asks whether the worker is running.
WORKER_HINT_AFTER_SECONDS = 30


@permission_required("dossiers.add_documentimport", raise_exception=True)
def import_start(request):
    """Upload a file or paste text; the proposals are kept for review."""
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        citation = form.citation_to_fetch()
        if citation is not None:
            return _fetch(request, citation)
        name, data = form.name_and_bytes()
        try:
            document_import, created = queue_import(
                name, data, user=request.user, language=request.LANGUAGE_CODE
            )
        except UnreadableDocument as error:
            form.add_error(None, str(error))
        else:
            if not created:
                messages.info(request, _("This document was imported before; here it is."))
            return redirect(document_import)
    imports = DocumentImport.objects.select_related("document", "created_by").defer(
        "upload", "text", "proposals"
    )[:RECENT_IMPORTS]
    status = 400 if form.errors else 200
    return render(
        request, "dossiers/importing/start.html", {"form": form, "imports": imports}, status=status
    )


def _fetch(request, citation):
    """Queue the fetch of a Kamerstuk; a paper the app has, or is fetching, is shown instead."""
    found, created = queue_fetch(citation, user=request.user, language=request.LANGUAGE_CODE)
    if created:
        return redirect(found)
    if isinstance(found, DocumentImport):
        messages.info(request, _("This Kamerstuk was fetched before; here it is."))
        return redirect(found)
    messages.info(
        request,
        _("The app knows this Kamerstuk already: %(document)s.") % {"document": found},
    )
    return redirect("dossiers:import_start")


def _import_progress(request, document_import):
    """While an import is read: its step, reloading itself; when it failed: why."""
    waited = (timezone.now() - document_import.created_at).total_seconds()
    steps = len(IMPORT_STEPS)
    step_names = list(IMPORT_STEPS.values())
    context = {
        "document_import": document_import,
        # A fetch waiting for its text: the source is asked before the steps begin.
        "fetching": document_import.status == DocumentImport.Status.QUEUED
        and bool(document_import.source_url),
        "steps": steps,
        "step_number": document_import.steps_done + 1,
        "step_name": step_names[min(document_import.steps_done, steps - 1)],
        "refresh_seconds": PROGRESS_REFRESH_SECONDS,
        "worker_hint": waited > WORKER_HINT_AFTER_SECONDS,
    }
    # A POST (the review form of another tab) finds nothing to accept yet.
    status = 409 if request.method == "POST" else 200
    return render(request, "dossiers/importing/progress.html", context, status=status)


def _highlight_term(proposal):
    """What to mark in the passage: the name, citation or first member the proposal is about."""
    names = proposal.get("mps") or proposal.get("submitters") or [""]
    return proposal.get("name") or proposal.get("text") or names[0]


def _review_forms(document_import, data=None):
    proposals = document_import.proposals
    document_form = DocumentReviewForm(
        data,
        prefix="document",
        initial={**proposals["document"], "policy_area": PolicyArea.HOME_AFFAIRS},
    )
    meeting = proposals.get("meeting") or {}
    meeting_form = MeetingReviewForm(
        data, prefix="meeting", initial={**meeting, "accept": bool(meeting)}
    )
    formsets = {
        kind: formset_class(
            data,
            prefix=kind,
            initial=[
                {
                    **proposal,
                    "index": index,
                    "accept": proposal["confidence"] >= PRESELECT_CONFIDENCE,
                    "term": _highlight_term(proposal),
                }
                for index, proposal in enumerate(proposals.get(kind, []))
            ],
        )
        for kind, formset_class in REVIEW_FORMSETS.items()
    }
    # One query for each list, shown once on the page as a <datalist> and shared by every form.
    datalists = review_datalists()
    for formset in formsets.values():
        for form in formset:
            for field in form.fields.values():
                if isinstance(field, ListedChoiceField):
                    field.valid_keys = datalists[field.datalist].keys
    return document_form, meeting_form, formsets, datalists


def _accepted(document_import, document_form, meeting_form, formsets):
    """The reviewed proposals in the shape accept_import takes."""
    stored = document_import.proposals
    accepted = {"document": document_form.proposal()}
    if meeting_form.cleaned_data.get("accept"):
        accepted["meeting"] = {
            key: value.isoformat() if hasattr(value, "isoformat") else value
            for key, value in meeting_form.cleaned_data.items()
            if key != "accept"
        }
    for kind, formset in formsets.items():
        reviewed = (form.proposal(stored[kind][form.cleaned_data["index"]]) for form in formset)
        accepted[kind] = [proposal for proposal in reviewed if proposal is not None]
    return accepted


@permission_required("dossiers.add_documentimport", raise_exception=True)
def import_review(request, pk):
    """Each proposal with its passage: accept, correct or reject; accepting writes them all."""
    document_import = get_object_or_404(DocumentImport.objects.defer("upload"), pk=pk)
    if document_import.duplicate_of_id:
        messages.info(request, _("This document was imported before; here it is."))
        return redirect(document_import.duplicate_of)
    if document_import.is_being_read or document_import.status == DocumentImport.Status.FAILED:
        return _import_progress(request, document_import)
    data = request.POST if request.method == "POST" else None
    document_form, meeting_form, formsets, datalists = _review_forms(document_import, data)
    forms_valid = (
        data is not None
        and document_form.is_valid()
        and meeting_form.is_valid()
        and all(formset.is_valid() for formset in formsets.values())
    )
    if forms_valid:
        accepted = _accepted(document_import, document_form, meeting_form, formsets)
        try:
            created = accept_import(
                document_import,
                accepted,
                user=request.user,
                policy_area=document_form.cleaned_data["policy_area"],
            )
        except ValidationError as error:
            document_form.add_error(None, error)
        else:
            total = sum(created.values())
            messages.success(
                request,
                _("Accepted: %(total)d records written.") % {"total": total}
                if total
                else _("Accepted: everything was already recorded."),
            )
            return redirect(document_import)
    context = {
        "document_import": document_import,
        "document_form": document_form,
        "meeting_form": meeting_form,
        "formsets": formsets,
        "datalists": datalists,
        "sections": [(kind, KIND_LABELS[kind], formset) for kind, formset in formsets.items()],
    }
    status = 400 if data is not None else 200
    return render(request, "dossiers/importing/review.html", context, status=status)
