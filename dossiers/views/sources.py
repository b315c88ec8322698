"""The official sources for editors: how each fared, and what they propose."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..models import Source, SourceProposal, SourceSync
from ..sources.sync import accept_proposal, dismiss_proposal

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


@permission_required("dossiers.change_sourceproposal", raise_exception=True)
def proposal_list(request):
    """What the sources propose that no editor has decided on yet, newest first."""
    proposals = SourceProposal.objects.pending().select_related(
        "dossier", "commitment__debate", "commitment__made_by"
    )
    page = Paginator(proposals, PROPOSALS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "dossiers/sources/proposals.html", {"page": page})


@require_POST
@permission_required("dossiers.change_sourceproposal", raise_exception=True)
def proposal_decide(request, pk):
    """Accept or dismiss one proposal (the button's `decision`)."""
    proposal = get_object_or_404(SourceProposal, pk=pk)
    decision = request.POST.get("decision")
    decide = {"accept": accept_proposal, "dismiss": dismiss_proposal}.get(decision)
    if decide is None:
        messages.error(request, _("Choose to accept or to dismiss the proposal."))
        return redirect("dossiers:source_proposals")
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
    return redirect("dossiers:source_proposals")
