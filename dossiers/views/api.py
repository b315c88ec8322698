"""A read-only JSON API over the register, the Council meetings and the commitments.

Plain Django views rather than Django REST framework: the API is read-only, has five endpoints,
reuses the register's FilterSet and the timeline loader, and uses the session login the site
already has; DRF would add a second auth, permission and serialization stack to keep in line.
"""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import F, Prefetch
from django.http import Http404, JsonResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from ..filters import CommitmentFilter, DossierFilter, MeetingFilter
from ..models import (
    AgendaItem,
    Commitment,
    CouncilMeeting,
    Dossier,
    Mention,
    Stage,
    StandingCommitmentCheck,
)
from ..timeline import latest_actual_event, load_dossier

PAGE_SIZE = 100


def _json(data, status=200):
    # Dutch titles and passages stay readable in the response instead of \u-escaped.
    return JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})


def _errors(form_errors):
    errors = {field: list(messages) for field, messages in form_errors.items()}
    return _json({"errors": errors}, status=400)


def _not_found(message):
    return _json({"error": message}, status=404)


def _paginated(request, queryset, serialize):
    """One page of `queryset` in the envelope every list endpoint shares."""
    paginator = Paginator(queryset, PAGE_SIZE)
    try:
        page = paginator.page(request.GET.get("page", 1))
    except PageNotAnInteger:
        return _errors({"page": [_("Give the page as a whole number.")]})
    except EmptyPage:
        return _not_found(_("There is no page %(page)s.") % {"page": request.GET["page"]})

    def page_url(number):
        params = request.GET.copy()
        params["page"] = number
        return request.build_absolute_uri("?" + params.urlencode())

    return _json(
        {
            "count": paginator.count,
            "page": page.number,
            "num_pages": paginator.num_pages,
            "next": page_url(page.next_page_number()) if page.has_next() else None,
            "previous": page_url(page.previous_page_number()) if page.has_previous() else None,
            "results": [serialize(request, item) for item in page],
        }
    )


def _stage(code):
    return {"code": code, "label": Stage(code).label} if code is not None else None


def _person(person):
    if person is None:
        return None
    name = f"{person.initials} {person.name}".strip()
    return {"name": name, "role": person.role, "party": person.party or None}


def _source(document, passage=""):
    """Where a record comes from: the document and the verbatim passage."""
    if document is None and not passage:
        return None
    return {
        "document": document.pk if document else None,
        "citation": document.citation if document else None,
        "title": document.title if document else None,
        "date": document.date if document else None,
        "passage": passage,
    }


def _dossier(request, dossier):
    return {
        "slug": dossier.slug,
        "title": dossier.title,
        "short_name": dossier.short_name,
        "instrument_type": dossier.instrument_type,
        "policy_area": dossier.policy_area,
        "package": dossier.parent.slug if dossier.parent else None,
        "commission_reference": dossier.commission_reference,
        "procedure_reference": dossier.procedure_reference,
        "celex": dossier.celex,
        "current_stage": _stage(dossier.current_stage),
        "current_stage_date": dossier.current_stage_date,
        "current_stage_precision": dossier.current_stage_precision,
        "url": request.build_absolute_uri(
            reverse("dossiers:api_dossier_detail", args=[dossier.slug])
        ),
        "page_url": request.build_absolute_uri(dossier.get_absolute_url()),
    }


def _stage_event(event):
    return {
        "id": event.pk,
        "stage": _stage(event.stage),
        "date": event.date,
        "precision": event.precision,
        "expected": event.is_expected,
        "meeting": event.meeting_id,
        "source": _source(event.source_document, event.source_passage),
    }


def _mention(mention):
    item = mention.agenda_item
    return {
        "meeting": {
            "id": mention.meeting_id,
            "label": str(mention.meeting),
            "start_date": mention.meeting.start_date,
        },
        "agenda_item": (
            {"section": item.section, "number": item.number, "title": item.title} if item else None
        ),
        "summary": mention.summary,
        "dutch_position": mention.dutch_position,
        "outcome": mention.outcome,
        "source": _source(mention.source_document, mention.source_passage),
    }


def _commitment(commitment):
    """A commitment; expects debate, made_by and both documents selected, members prefetched."""
    debate = commitment.debate
    return {
        "id": commitment.pk,
        "subject": commitment.subject,
        "text": commitment.text,
        "status": commitment.status,
        "fulfilment_mode": commitment.fulfilment_mode,
        "members": [_person(member) for member in commitment.members.all()],
        "made_by": _person(commitment.made_by),
        "made_on": commitment.made_on,
        "debate": {"kind": debate.kind, "date": debate.date} if debate else None,
        "made_in": _source(commitment.made_in_document, commitment.made_in_passage),
        "due_meeting": commitment.due_meeting_id,
        "due_date": commitment.due_date,
        "fulfilled_on": commitment.fulfilled_on,
        "fulfilled_by": (
            _source(commitment.fulfilled_by_document, commitment.fulfilment_passage)
            if commitment.fulfilled_by_document
            else None
        ),
    }


def _motion(motion):
    document = motion.document
    return {
        "subject": motion.subject,
        "citation": document.citation,
        "date": document.date,
        "submitters": [_person(person) for person in motion.submitters.all()],
        "outcome": motion.outcome,
        "execution": motion.execution,
        "reports": [_source(report.document, report.passage) for report in motion.reports.all()],
    }


def dossier_list(request):
    """The register as JSON, with the register's filters."""
    queryset = Dossier.objects.with_current_stage().select_related("parent", "responsible_officer")
    filterset = DossierFilter(request.GET, queryset=queryset)
    if not filterset.is_valid():
        return _errors(filterset.errors)
    return _paginated(request, filterset.qs.order_by("title", "pk"), _dossier)


def dossier_detail(request, slug):
    """One dossier with its whole timeline, loaded as the HTML page loads it."""
    try:
        dossier = load_dossier(slug)
    except Http404:
        return _not_found(_("There is no dossier %(slug)s.") % {"slug": slug})
    events = dossier.stage_events.all()
    latest = latest_actual_event(events)
    dossier.current_stage = latest.stage if latest else None
    dossier.current_stage_date = latest.date if latest else None
    dossier.current_stage_precision = latest.precision if latest else None
    data = _dossier(request, dossier)
    data.update(
        aliases=[alias.alias for alias in dossier.aliases.all()],
        instruments=[instrument.slug for instrument in dossier.instruments.all()],
        topics=[{"slug": topic.slug, "name": topic.name} for topic in dossier.topics.all()],
        stage_events=[_stage_event(event) for event in events],
        mentions=[_mention(mention) for mention in dossier.mentions.all()],
        commitments=[_commitment(commitment) for commitment in dossier.commitments.all()],
        motions=[_motion(motion) for motion in dossier.motions.all()],
    )
    return _json(data)


def _meeting(request, meeting):
    return {
        "id": meeting.pk,
        "label": str(meeting),
        "formation": meeting.formation,
        "informal": meeting.is_informal,
        "start_date": meeting.start_date,
        "end_date": meeting.end_date,
        "location": meeting.location,
        "presidency": meeting.presidency,
        "url": request.build_absolute_uri(
            reverse("dossiers:api_meeting_detail", args=[meeting.pk])
        ),
        "page_url": request.build_absolute_uri(meeting.get_absolute_url()),
    }


def meeting_list(request):
    """Council meetings, newest first; ?year=2024 for one year."""
    filterset = MeetingFilter(request.GET, queryset=CouncilMeeting.objects.all())
    if not filterset.is_valid():
        return _errors(filterset.errors)
    return _paginated(request, filterset.qs.order_by("-start_date", "pk"), _meeting)


def meeting_detail(request, pk):
    """One Council: agenda with the dossiers under each item, documents, commitments."""
    mentions = Mention.objects.select_related("dossier").order_by(
        F("agenda_item").asc(nulls_last=True), "pk"
    )
    meeting = (
        CouncilMeeting.objects.prefetch_related(
            Prefetch("agenda_items", AgendaItem.objects.order_by("section", "number")),
            Prefetch("mentions", mentions),
            "documents",
        )
        .filter(pk=pk)
        .first()
    )
    if meeting is None:
        return _not_found(_("There is no Council meeting %(pk)s.") % {"pk": pk})
    # Each dossier once per agenda item, however many documents mention it there.
    dossiers_by_item = {}
    for mention in meeting.mentions.all():
        dossiers_by_item.setdefault(mention.agenda_item_id, {})[mention.dossier.slug] = None
    dossiers = {slug: None for slugs in dossiers_by_item.values() for slug in slugs}
    commitments = Commitment.objects.select_related(
        "made_by", "debate", "made_in_document", "fulfilled_by_document"
    ).prefetch_related("members")
    checks = StandingCommitmentCheck.objects.filter(document__meetings=meeting).select_related(
        "document"
    )
    data = _meeting(request, meeting)
    data.update(
        agenda_items=[
            {
                "section": item.section,
                "number": item.number,
                "title": item.title,
                "format": item.format,
                "main_result": item.main_result,
                "dossiers": list(dossiers_by_item.get(item.pk, {})),
            }
            for item in meeting.agenda_items.all()
        ],
        dossiers=list(dossiers),
        documents=[
            {
                "id": document.pk,
                "type": document.document_type,
                "date": document.date,
                "citation": document.citation,
                "title": document.title,
                "url": document.publication_url,
            }
            for document in meeting.documents.all()
        ],
        commitments_made=[
            _commitment(c) for c in commitments.filter(debate__meeting=meeting).order_by("pk")
        ],
        commitments_fulfilled=[
            _commitment(c)
            for c in commitments.filter(fulfilled_by_document__meetings=meeting)
            .distinct()
            .order_by("pk")
        ],
        standing_commitment_checks=[
            {"commitment": check.commitment_id, **_source(check.document, check.passage)}
            for check in checks
        ],
    )
    return _json(data)


def _commitment_with_overdue(request, commitment):
    return {**_commitment(commitment), "overdue": commitment.overdue}


def commitment_list(request):
    """Commitments, newest first, with the commitment list's filters (?status=open ...)."""
    queryset = (
        Commitment.objects.with_overdue()
        .select_related("made_by", "debate", "made_in_document", "fulfilled_by_document")
        .prefetch_related("members")
    )
    filterset = CommitmentFilter(request.GET, queryset=queryset)
    if not filterset.is_valid():
        return _errors(filterset.errors)
    return _paginated(
        request, filterset.qs.order_by("-created_at", "-pk"), _commitment_with_overdue
    )
