from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from ..filters import CommitmentFilter
from ..forms import MoveDueDateForm, ReferenceDateForm, TickOffForm
from ..models import Commitment, CouncilMeeting, ParliamentaryDocument, StandingCommitmentCheck
from ..reminders import rappel as rappel_list

LIST_PAGE_SIZE = 50


def _commitments():
    return Commitment.objects.select_related(
        "made_by", "debate", "due_meeting", "fulfilled_by_document", "made_in_document"
    ).prefetch_related("members")


def _checklist_context(meeting, failed=None):
    """What the report of `meeting` must address; `failed` is (commitment pk, invalid form)."""
    documents = ParliamentaryDocument.objects.filter(meetings=meeting).order_by(
        "document_type", "date"
    )
    checks = StandingCommitmentCheck.objects.filter(document__meetings=meeting).select_related(
        "document"
    )
    today = timezone.localdate()
    sections = {
        "due": _commitments().due_in_report_of(meeting).order_by("status", "subject"),
        "standing": _commitments()
        .open()
        .standing()
        .prefetch_related(Prefetch("checks", checks, to_attr="checks_for_meeting")),
        "overdue": _commitments().overdue(today).exclude(due_meeting=meeting),
    }
    context = {name: list(queryset) for name, queryset in sections.items()}
    documents = list(documents)
    context.update(
        meeting=meeting,
        documents=documents,
        # The same options in the tick-off form of every open commitment: labelled once.
        document_choices=[
            (document.pk, f"{document.get_document_type_display()}: {document}")
            for document in documents
        ],
        failed_pk=failed[0] if failed else None,
        failed_form=failed[1] if failed else None,
        report=next((d for d in documents if d.document_type == "verslag"), None),
        today=today,
    )
    return context


@require_http_methods(["GET", "HEAD", "POST"])
def checklist(request, pk):
    """The commitments the report of one Council must address; ?afdrukken=1 for print.

    A POST ticks one off and is answered here too: on success by a redirect back to the
    list, on a refusal with the list and the form's message, at the list's own address.
    """
    meeting = get_object_or_404(CouncilMeeting, pk=pk)
    if request.method == "POST":
        return _tick_off(request, meeting)
    template = (
        "dossiers/commitment/checklist_print.html"
        if request.GET.get("afdrukken")
        else "dossiers/commitment/checklist.html"
    )
    return render(request, template, _checklist_context(meeting))


@permission_required("dossiers.change_commitment", raise_exception=True)
def _tick_off(request, meeting):
    """Tick a commitment off the checklist with the document and passage that fulfil it."""
    documents = ParliamentaryDocument.objects.filter(meetings=meeting)
    form = TickOffForm(request.POST, documents=documents)
    if form.is_valid():
        try:
            commitment = form.fulfil()
        except ValidationError as error:
            form.add_error(None, error)
    if form.errors:
        failed = form.cleaned_data.get("commitment")
        context = _checklist_context(meeting, failed=(failed.pk if failed else None, form))
        return render(request, "dossiers/commitment/checklist.html", context, status=400)
    messages.success(request, _("Recorded as fulfilled: %(subject)s") % {"subject": commitment})
    # Back to where the officer was on the list.
    checklist_url = reverse("dossiers:checklist", args=[meeting.pk])
    return redirect(f"{checklist_url}#toezegging-{commitment.pk}")


GROUPINGS = {
    "minister": lambda c: [str(c.made_by)] if c.made_by else [_("no minister recorded")],
    "mp": lambda c: [str(member) for member in c.members.all()] or [_("no member recorded")],
    "status": lambda c: [c.get_status_display()],
}


def commitment_list(request):
    """All commitments, filtered, grouped by minister, by member or by status."""
    filterset = CommitmentFilter(
        request.GET or None, queryset=_commitments().with_overdue().order_by("-created_at")
    )
    grouping = request.GET.get("groep", "status")
    if grouping not in GROUPINGS:
        grouping = "status"
    valid = not filterset.is_bound or filterset.is_valid()
    commitments = filterset.qs if valid else filterset.queryset.none()
    page = Paginator(commitments, LIST_PAGE_SIZE).get_page(request.GET.get("page"))
    groups = {}
    for commitment in page:
        for key in GROUPINGS[grouping](commitment):
            groups.setdefault(key, []).append(commitment)
    return render(
        request,
        "dossiers/commitment/list.html",
        {
            "filter": filterset,
            "page": page,
            "groups": sorted(groups.items()),
            "grouping": grouping,
        },
    )


def rappel(request):
    """The rappel list: overdue commitments per minister, printable; ?peildatum= as on a day."""
    form = ReferenceDateForm(request.GET or None)
    on = form.reference_date()
    return render(
        request,
        "dossiers/commitment/rappel.html",
        {"groups": rappel_list(on), "on": on, "form": form},
    )


@require_POST
@permission_required("dossiers.change_commitment", raise_exception=True)
def move_due(request, pk):
    """Give an open commitment a new due date with the reason; back to the rappel list."""
    commitment = get_object_or_404(Commitment, pk=pk)
    form = MoveDueDateForm(request.POST)
    if form.is_valid():
        try:
            form.move(commitment, request.user)
        except ValidationError as error:
            form.add_error(None, error)
    if form.errors:
        errors = [message for messages_ in form.errors.values() for message in messages_]
        messages.error(request, f"{commitment}: " + " ".join(errors))
    else:
        messages.success(
            request,
            _("New due date for %(subject)s: %(day)s")
            % {"subject": commitment, "day": date_format(form.cleaned_data["new_date"], "j F Y")},
        )
    # Back to the list as the officer saw it: the same day (?peildatum=).
    day = ReferenceDateForm(request.GET)
    query = (
        f"?{request.GET.urlencode()}" if day.is_valid() and day.cleaned_data["peildatum"] else ""
    )
    return redirect(reverse("dossiers:rappel") + query)
