import io

from django.db.models import Count, Prefetch
from django.http import FileResponse
from django.shortcuts import get_object_or_404, render
from django.utils.text import slugify

from ..drafts.documents import annotated_agenda_docx, report_docx
from ..drafts.meeting import meeting_draft
from ..drafts.word import DOCX
from ..filters import MeetingFilter
from ..models import (
    AgendaItem,
    Commitment,
    CouncilMeeting,
    Dossier,
    Mention,
    ParliamentaryDocument,
    StandingCommitmentCheck,
)


def meeting_list(request):
    """Council meetings by year, newest first; ?year= shows one year."""
    meetings = CouncilMeeting.objects.annotate(
        agenda_item_count=Count("agenda_items", distinct=True),
        document_count=Count("documents", distinct=True),
    ).order_by("-start_date")
    filterset = MeetingFilter(request.GET or None, queryset=meetings)
    years = [day.year for day in CouncilMeeting.objects.dates("start_date", "year", order="DESC")]
    valid = not filterset.is_bound or filterset.is_valid()
    return render(
        request,
        "dossiers/council/list.html",
        {
            # Like the register: a filter that cannot be read shows its error and no rows.
            "meetings": filterset.qs if valid else meetings.none(),
            "filter": filterset,
            "years": years,
            "year": filterset.form.cleaned_data.get("year")
            if filterset.is_bound and valid
            else None,
        },
    )


def meeting_detail(request, pk):
    """One Council: its agenda with each dossier's stage on the day, documents and commitments."""
    meeting = get_object_or_404(CouncilMeeting, pk=pk)
    mentions = Mention.objects.filter(meeting=meeting)
    # The stage each dossier on the agenda had reached when the Council met, in one query.
    dossiers = {
        dossier.pk: dossier
        for dossier in Dossier.objects.filter(pk__in=mentions.values("dossier")).with_stage_on(
            meeting.end_date
        )
    }
    # The page names each dossier once per item; of a mention it needs only where it belongs.
    mentions = mentions.only("dossier", "agenda_item")
    agenda_items = AgendaItem.objects.filter(meeting=meeting).prefetch_related(
        Prefetch("mentions", mentions)
    )
    for item in agenda_items:
        item.dossiers = list(
            {
                mention.dossier_id: dossiers[mention.dossier_id] for mention in item.mentions.all()
            }.values()
        )
    documents = ParliamentaryDocument.objects.filter(meetings=meeting).order_by(
        "document_type", "date"
    )
    commitments = Commitment.objects.select_related(
        "made_by", "debate", "due_meeting", "fulfilled_by_document"
    ).prefetch_related("members")
    context = {
        "meeting": meeting,
        "agenda_items": agenda_items,
        "other_mentions": [
            (mention, dossiers[mention.dossier_id]) for mention in mentions.filter(agenda_item=None)
        ],
        "documents": documents,
        "debates": meeting.debates.all(),
        "commitments_made": commitments.filter(debate__meeting=meeting),
        "commitments_fulfilled": commitments.filter(
            fulfilled_by_document__meetings=meeting
        ).distinct(),
        "standing_checks": StandingCommitmentCheck.objects.filter(
            document__meetings=meeting
        ).select_related("commitment", "document"),
    }
    return render(request, "dossiers/council/detail.html", context)


def _draft_download(meeting, write, name):
    data = write(meeting_draft(meeting))
    filename = f"{name}-{slugify(str(meeting))}.docx"
    return FileResponse(io.BytesIO(data), as_attachment=True, filename=filename, content_type=DOCX)


def meeting_agenda_docx(request, pk):
    """A draft of the annotated agenda of a Council, in Word."""
    meeting = get_object_or_404(CouncilMeeting, pk=pk)
    return _draft_download(meeting, annotated_agenda_docx, "concept-geannoteerde-agenda")


def meeting_report_docx(request, pk):
    """A skeleton of the report of a Council, in Word."""
    meeting = get_object_or_404(CouncilMeeting, pk=pk)
    return _draft_download(meeting, report_docx, "concept-verslag")
