"""The Council calendar as iCalendar and the stage changes as an Atom feed, for subscribing.

Calendar apps and feed readers cannot log in: these two views, and only these, also accept the
user's personal token (?token=..., see the account page) instead of a session.
"""

import datetime
import functools
from zoneinfo import ZoneInfo

from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.views import redirect_to_login
from django.contrib.syndication.views import Feed
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseBadRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from icalendar import Calendar, Event

from ..dates import period_end
from ..forms import ReferenceDateForm
from ..models import Commitment, CouncilMeeting, FeedToken, StageEvent
from ..models.stage import LATEST_FIRST, one_per_stage

# The documents date things by the Dutch calendar day.
AMSTERDAM = ZoneInfo("Europe/Amsterdam")
ONE_DAY = datetime.timedelta(days=1)
# How far back the calendar goes: everything ahead, and the last three months for reference.
# Twenty years of expected milestones made every calendar app download 2.4 MB each hour.
CALENDAR_PAST = datetime.timedelta(days=92)


def _check_session_or_token(request):
    """Let a logged-in user or a valid token through; without either, send to the login page.

    A wrong or revoked token is refused (403) rather than redirected: a calendar app cannot
    follow a login page, and the user should see that the address no longer works.
    """
    if request.user.is_authenticated:
        return None
    key = request.GET.get("token")
    if not key:
        return redirect_to_login(request.get_full_path())
    if FeedToken.objects.user_for_key(key) is None:
        raise PermissionDenied
    return None


def session_or_token(view):
    """Open `view` to a valid token as well as to a session (LoginRequiredMiddleware would not)."""

    @login_not_required
    @functools.wraps(view)
    def checked(request, *args, **kwargs):
        return _check_session_or_token(request) or view(request, *args, **kwargs)

    return checked


def _all_day_event(uid, summary, first_day, last_day, stamp, url, description="", location=""):
    event = Event()
    event.add("uid", f"{uid}@jbztracker")
    event.add("dtstamp", stamp)
    event.add("summary", summary)
    # An all-day DTEND is exclusive: the day after the last day.
    event.add("dtstart", first_day)
    event.add("dtend", last_day + ONE_DAY)
    event.add("url", url)
    if description:
        event.add("description", description)
    if location:
        event.add("location", location)
    return event


@session_or_token
def calendar(request):
    """Council meetings, expected stages and commitment due dates, for a calendar app.

    From three months before today (or ?peildatum=) on; an expected stage is left out once
    the dossier has actually reached it.
    """
    form = ReferenceDateForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        return HttpResponseBadRequest(
            " ".join(form.errors["peildatum"]), content_type="text/plain; charset=utf-8"
        )
    start = form.reference_date() - CALENDAR_PAST
    stamp = timezone.now()
    cal = Calendar()
    cal.add("prodid", "-//jbztracker//JBZ-dossiers//NL")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", _("EU Justice and Home Affairs"))
    presidency = _("Presidency: %(country)s")
    for meeting in CouncilMeeting.objects.filter(end_date__gte=start).order_by("start_date", "pk"):
        cal.add_component(
            _all_day_event(
                f"meeting-{meeting.pk}",
                str(meeting),
                meeting.start_date,
                meeting.end_date,
                stamp,
                request.build_absolute_uri(meeting.get_absolute_url()),
                description=presidency % {"country": meeting.presidency}
                if meeting.presidency
                else "",
                location=meeting.location,
            )
        )
    expected = (
        StageEvent.objects.expected()
        .not_reached()
        .filter(date__gte=start)
        .select_related("dossier", "source_document")
        .only(
            "stage",
            "date",
            "precision",
            "is_expected",
            "source_passage",
            "dossier__slug",
            "dossier__title",
            "dossier__short_name",
            "source_document__date",
        )
        .order_by("date", "stage", "pk")
    )
    summary = _("Expected: %(stage)s – %(dossier)s")
    dossier_urls = {}  # a dossier expects several stages: one reverse() each
    # One calendar entry per expected step, however many documents repeat it.
    for event in one_per_stage(list(expected)):
        dossier = event.dossier
        if dossier.pk not in dossier_urls:
            dossier_urls[dossier.pk] = request.build_absolute_uri(dossier.get_absolute_url())
        cal.add_component(
            _all_day_event(
                f"stage-event-{event.pk}",
                summary
                % {
                    "stage": event.get_stage_display(),
                    "dossier": dossier.short_name or dossier.title,
                },
                event.date,
                period_end(event.date, event.precision),
                stamp,
                dossier_urls[dossier.pk],
                description=event.source_passage,
            )
        )
    due = (
        Commitment.objects.open()
        .filter(due_date__gte=start)
        .only("subject", "text", "due_date")
        .order_by("due_date", "pk")
    )
    summary = _("Commitment due: %(subject)s")
    commitments_url = request.build_absolute_uri(reverse("dossiers:commitment_list"))
    for commitment in due:
        cal.add_component(
            _all_day_event(
                f"commitment-{commitment.pk}",
                summary % {"subject": commitment.subject},
                commitment.due_date,
                commitment.due_date,
                stamp,
                commitments_url,
                description=commitment.text,
            )
        )
    return HttpResponse(cal.to_ical(), content_type="text/calendar; charset=utf-8")


class StageChangeFeed(Feed):
    """The 50 latest stages reached, newest first."""

    feed_type = Atom1Feed
    title = gettext_lazy("JBZ dossiers: stages reached")
    subtitle = gettext_lazy("The latest stages reached by EU Justice and Home Affairs files.")
    login_required = False  # checked in __call__: a session or a token

    def __call__(self, request, *args, **kwargs):
        return _check_session_or_token(request) or super().__call__(request, *args, **kwargs)

    def link(self):
        return reverse("dossiers:dossier_list")

    def items(self):
        return (
            StageEvent.objects.actual()
            .exclude(date=None)
            .select_related("dossier", "source_document")
            .order_by(*LATEST_FIRST)[:50]
        )

    def item_title(self, event):
        return f"{event.dossier} — {event.get_stage_display()}"

    def item_description(self, event):
        if event.source_document:
            return f"{event.source_passage} ({event.source_document})"
        return event.source_passage

    def item_link(self, event):
        return f"{event.dossier.get_absolute_url()}#stage-event-{event.pk}"

    def item_guid(self, event):
        return f"tag:jbztracker,2024:stage-event-{event.pk}"

    def item_guid_is_permalink(self, event):
        return False

    def item_pubdate(self, event):
        return datetime.datetime.combine(event.date, datetime.time(), tzinfo=AMSTERDAM)
