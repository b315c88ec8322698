"""The official sources for editors: how each fared, and what they propose."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..filters import SourceProposalFilter
from ..models import Source, SourceProposal, SourceSync
from ..sources.sync import accept_proposal, dismiss_proposal, needs_fulfilling_document

RECENT_SYNCS = 20
PROPOSALS_PER_PAGE = 50


@permission_required("dossiers.view_sourcesync", raise_exception=True)
def source_health(request):
    """Per source: its last successful sync and what it brought, its last failure, and how
    many of its proposals wait for review."""
    latest = SourceSync.objects.latest_per_source()
    pending = SourceProposal.objects.pending().counts_per_source()
    sources = [
        {
            "source": Source(source),
            "last_success": last_success,
            "last_run": last_run,
            # A run without an end is still going, not failed.
            "failing": bool(last_run and last_run.finished_at and not last_run.succeeded),
            "pending": pending.get(source, 0),
        }
        for source, (last_success, last_run) in latest.items()
    ]
    recent = SourceSync.objects.all()[:RECENT_SYNCS]
    return render(request, "dossiers/sources/health.html", {"sources": sources, "recent": recent})


def _list_state(params):
    """The proposals list's source (?bron=) and page (?page=), where valid: kept across a
    decision, so that the editor returns where they were."""
    state = {}
    if params.get("bron") in Source.values:
        state["bron"] = params["bron"]
    if params.get("page", "").isdigit():
        state["page"] = params["page"]
    return state


@permission_required("dossiers.change_sourceproposal", raise_exception=True)
def proposal_list(request):
    """What the sources propose that no editor has decided on yet, newest first; ?bron= shows
    one source's."""
    filterset = SourceProposalFilter(
        request.GET or None,
        queryset=SourceProposal.objects.pending().select_related(
            "dossier", "commitment__debate", "commitment__made_by", "commitment__due_meeting"
        ),
    )
    page = Paginator(filterset.qs, PROPOSALS_PER_PAGE).get_page(request.GET.get("page"))
    for proposal in page:
        proposal.needs_document = needs_fulfilling_document(proposal)
    return render(request, "dossiers/sources/proposals.html", {"page": page, "filter": filterset})


@require_POST
@permission_required("dossiers.change_sourceproposal", raise_exception=True)
def proposal_decide(request, pk):
    """Accept or dismiss one proposal (the button's `decision`)."""
    proposal = get_object_or_404(SourceProposal, pk=pk)
    state = _list_state(request.GET)
    back = reverse("dossiers:source_proposals") + (f"?{urlencode(state)}" if state else "")
    decision = request.POST.get("decision")
    decide = {"accept": accept_proposal, "dismiss": dismiss_proposal}.get(decision)
    if decide is None:
        messages.error(request, _("Choose to accept or to dismiss the proposal."))
        return redirect(back)
    try:
        decide(proposal, request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("Accepted: %(proposal)s") % {"proposal": proposal}
            if decision == "accept"
            else _("Dismissed: %(proposal)s") % {"proposal": proposal},
        )
    return redirect(back)
