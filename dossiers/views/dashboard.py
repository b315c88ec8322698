import datetime

from django.shortcuts import render

from ..forms import ReferenceDateForm
from ..models import Commitment, CouncilMeeting, StageEvent

DUE_SOON_DAYS = 30
RECENT_CHANGE_DAYS = 90
MILESTONE_DAYS = 60
LIST_LENGTH = 25


def dashboard(request):
    """The next and last Council, commitments that need attention, recent and coming stages."""
    form = ReferenceDateForm(request.GET or None)
    today = form.reference_date()
    commitments = Commitment.objects.select_related(
        "made_by", "debate", "due_meeting"
    ).prefetch_related("members")
    due_soon = (
        commitments.open()
        .one_off()
        .due_between(today, today + datetime.timedelta(days=DUE_SOON_DAYS))
        .order_by("due_date", "due_meeting__end_date")
    )
    overdue = commitments.overdue(today).order_by("due_date", "due_meeting__end_date")
    recent_changes = (
        StageEvent.objects.actual()
        .filter(date__range=(today - datetime.timedelta(days=RECENT_CHANGE_DAYS), today))
        .select_related("dossier", "source_document")
        .order_by("-date", "-stage")
    )
    milestones = (
        StageEvent.objects.expected()
        .overlapping(today, today + datetime.timedelta(days=MILESTONE_DAYS))
        .select_related("dossier", "source_document")
        .chronological()
    )
    context = {
        "form": form,
        "today": today,
        "next_meeting": CouncilMeeting.objects.upcoming(today).first(),
        "last_meeting": CouncilMeeting.objects.past(today).first(),
        "due_soon": due_soon[:LIST_LENGTH],
        "overdue": overdue[:LIST_LENGTH],
        "recent_changes": recent_changes[:LIST_LENGTH],
        "milestones": milestones[:LIST_LENGTH],
        "list_length": LIST_LENGTH,
    }
    return render(request, "dossiers/dashboard.html", context)
