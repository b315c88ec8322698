import datetime

from django.shortcuts import render

from ..forms import ReferenceDateForm
from ..milestones import expected_milestones, recent_changes
from ..models import Commitment, CouncilMeeting, ParliamentaryDocument

DUE_SOON_DAYS = 30
RECENT_CHANGE_DAYS = 90
MILESTONE_DAYS = 60
LIST_LENGTH = 25
# Data older than this before the day shown: the page says so and links to their day.
STALE_AFTER = datetime.timedelta(days=30)


def dashboard(request):
    """The next and last Council, commitments that need attention, recent and coming stages."""
    form = ReferenceDateForm(request.GET or None)
    today = form.reference_date()
    commitments = Commitment.objects.select_related(
        "made_by", "debate", "due_meeting"
    ).prefetch_related("members")
    due_soon = commitments.due_soon(today, today + datetime.timedelta(days=DUE_SOON_DAYS)).order_by(
        "due_date", "due_meeting__end_date"
    )
    overdue = commitments.overdue(today).order_by("due_date", "due_meeting__end_date")
    newest = ParliamentaryDocument.objects.newest_date(on=today)
    context = {
        "form": form,
        "today": today,
        "newest_data": newest,
        "data_is_stale": newest is not None and newest < today - STALE_AFTER,
        "next_meeting": CouncilMeeting.objects.upcoming(today).first(),
        "last_meeting": CouncilMeeting.objects.past(today).first(),
        "due_soon": due_soon[:LIST_LENGTH],
        "overdue": overdue[:LIST_LENGTH],
        "recent_changes": recent_changes(today, RECENT_CHANGE_DAYS, LIST_LENGTH),
        "milestones": expected_milestones(
            today, today + datetime.timedelta(days=MILESTONE_DAYS), LIST_LENGTH
        ),
        "list_length": LIST_LENGTH,
    }
    return render(request, "dossiers/dashboard.html", context)
