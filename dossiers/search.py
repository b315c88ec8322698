"""One search over everything the app records, for the box in the header.

The results come grouped by kind (dossiers, Council meetings, documents, commitments, motions,
people, source passages), each group ranked and cut at MAX_PER_KIND, one query per kind.

On PostgreSQL the texts are matched with full-text search in the Dutch configuration
("asielaanvragen" finds "asielaanvraag"; websearch syntax: "quotes", or, -not), each word also
as the start of a word (Dutch compounds: "Schengen" finds "Schengengrenscode"), and ranked with
ts_rank; people's names also by trigram similarity without accents ("Yesilgoz" finds
"Yeşilgöz-Zegerius", "Pirri" finds "Piri"). Migration 0016 indexes the full-text vectors.
On SQLite every word must appear in one of the fields (icontains), ranked by where: a short
name or name that is the query, then one that starts with it, then the rest.

A citation in any printed form ("32 317, nr. 867", "32317-867", "kst-32317-867") finds that
Kamerstuk first; a month and a year ("maart 2024") or a year finds the Councils then.
"""

import datetime
import re
from dataclasses import dataclass, field

from django.contrib.postgres.lookups import Unaccent
from django.contrib.postgres.search import (
    SearchQuery,
    SearchRank,
    SearchVector,
    TrigramWordSimilarity,
)
from django.db import connection
from django.db.models import (
    Case,
    ExpressionWrapper,
    F,
    FloatField,
    IntegerField,
    Q,
    Value,
    When,
)
from django.db.models.functions import Greatest
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from .citations import CitationError, EUReference, citation_to_fetch, parse_reference
from .dates import DUTCH, Precision, period_end
from .models import (
    Commitment,
    CouncilMeeting,
    Dossier,
    DossierAlias,
    Mention,
    Motion,
    ParliamentaryDocument,
    Person,
    StageEvent,
)

MAX_PER_KIND = 8
MAX_QUERY_LENGTH = 200
# Control characters (a NUL, which PostgreSQL refuses in any text) count as spaces.
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
CONFIG = "dutch"
# A name this similar to the query (pg_trgm's word similarity, 0 to 1) is a match.
NAME_SIMILARITY = 0.5
# The fields each kind is searched in; on PostgreSQL each list is one indexed tsvector.
SEARCHED = {
    "dossier": ("title", "short_name"),
    "alias": ("alias",),
    "document": ("title",),
    "commitment": ("subject", "text"),
    "motion": ("subject",),
    "stage_passage": ("source_passage",),
    "mention_passage": ("source_passage", "dutch_position", "summary", "outcome"),
}


@dataclass(frozen=True)
class Hit:
    label: str
    url: str
    detail: str = ""


@dataclass
class Group:
    kind: str
    label: str
    hits: list
    more_url: str = ""  # where the rest is listed, when there are more than MAX_PER_KIND

    @property
    def has_more(self):
        return len(self.hits) > MAX_PER_KIND

    @property
    def shown(self):
        return self.hits[:MAX_PER_KIND]


@dataclass
class Results:
    query: str
    groups: list = field(default_factory=list)

    @property
    def count(self):
        return sum(len(group.shown) for group in self.groups)


def search(text):
    """The Results for `text`; no groups for an empty or too short query."""
    text = " ".join(_CONTROL.sub(" ", str(text or "")).split())[:MAX_QUERY_LENGTH]
    results = Results(text)
    if len(text) < 2:
        return results
    backend = _Postgres(text) if connection.vendor == "postgresql" else _Simple(text)
    for kind, label, find in _KINDS:
        hits, more_url = find(backend, text)
        if hits:
            results.groups.append(Group(kind, str(label), hits, more_url))
    return results


# -- matching, per database -------------------------------------------------------------------


class _Simple:
    """Every word in one of the fields, case-insensitively; ranked by how the first field
    matches the whole query."""

    def __init__(self, text):
        self.text = text
        self.words = text.split()

    def match(self, queryset, fields, names=()):
        condition = Q()
        for word in self.words:
            condition &= _any_field(fields + names, word)
        ranked_by = (names or fields)[0]
        return queryset.filter(condition).annotate(
            rank=Case(
                When(**{f"{ranked_by}__iexact": self.text}, then=Value(3)),
                When(**{f"{ranked_by}__istartswith": self.text}, then=Value(2)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )


class _Postgres:
    """Full-text search in Dutch, each word also as the start of a word (Dutch compounds:
    "Schengen" finds "Schengengrenscode"), served by the indexes of migration 0016; names also
    by trigram similarity without accents ("Yesilgoz")."""

    def __init__(self, text):
        self.text = text
        self.query = SearchQuery(text, config=CONFIG, search_type="websearch")
        words = [re.sub(r"\W", "", word) for word in text.split()]
        prefixes = " & ".join(f"{word}:*" for word in words if word)
        if prefixes:
            self.query |= SearchQuery(prefixes, config=CONFIG, search_type="raw")

    def match(self, queryset, fields, names=()):
        condition, annotations, rank = Q(), {}, Value(0.0)
        if fields:
            vector = SearchVector(*fields, config=CONFIG)
            annotations["_vector"] = vector
            condition |= Q(_vector=self.query)
            rank = SearchRank(vector, self.query)
        if names:
            similarity = Greatest(
                *(
                    TrigramWordSimilarity(Unaccent(Value(self.text)), Unaccent(name))
                    for name in names
                ),
                Value(0.0),
            )
            annotations["_similarity"] = similarity
            condition |= Q(_similarity__gte=NAME_SIMILARITY)
            rank = Greatest(rank, F("_similarity"))
        return (
            queryset.annotate(**annotations)
            .filter(condition)
            .annotate(rank=ExpressionWrapper(rank, output_field=FloatField()))
        )


def _any_field(fields, word):
    condition = Q()
    for name in fields:
        condition |= Q(**{f"{name}__icontains": word})
    return condition


def _top(queryset, *order):
    """One more than is shown, to know whether there are more."""
    return list(queryset.order_by("-rank", *order)[: MAX_PER_KIND + 1])


def _more(url_name, **query):
    return f"{reverse(url_name)}?{urlencode(query)}"


# -- the kinds --------------------------------------------------------------------------------


def _dossiers(backend, text):
    aliases = backend.match(DossierAlias.objects.all(), SEARCHED["alias"]).values("dossier")
    reference = _eu_reference(text)
    references = (
        Q(commission_reference__iexact=reference)
        | Q(procedure_reference__iexact=reference)
        | Q(celex__iexact=reference)
    )
    matched = backend.match(Dossier.objects.all(), SEARCHED["dossier"])
    dossiers = (
        Dossier.objects.filter(Q(pk__in=matched.values("pk")) | Q(pk__in=aliases) | references)
        .annotate(
            rank=Case(
                When(references, then=Value(10.0)),
                When(short_name__iexact=text, then=Value(5.0)),
                When(title__iexact=text, then=Value(5.0)),
                default=Value(1.0),
                output_field=FloatField(),
            )
        )
        .only("slug", "title", "short_name", "instrument_type")
    )
    hits = [
        Hit(str(dossier), dossier.get_absolute_url(), dossier.get_instrument_type_display())
        for dossier in _top(dossiers, "title")
    ]
    return hits, _more("dossiers:dossier_list", q=text)


# A query that is a year or a month and a year ("maart 2024", "mrt 2024", "2023"), and nothing
# else: a year inside a reference ("COM(2022) 245") names no Councils.
_WHEN = re.compile(r"(?:(?P<month>[a-z]+)\.?\s+)?(?P<year>(?:19|20)\d{2})", re.IGNORECASE)


def _period_asked(text):
    """(first day, last day) of the month or year the query is, or None."""
    when = _WHEN.fullmatch(text)
    if not when:
        return None
    month = DUTCH.month(when["month"]) if when["month"] else None
    if when["month"] and month is None:
        return None
    precision = Precision.MONTH if month else Precision.YEAR
    start = datetime.date(int(when["year"]), month or 1, 1)
    return start, period_end(start, precision)


def _meetings(backend, text):
    """By a year or a month and year the query is, or by place or presidency."""
    meetings = CouncilMeeting.objects.all()
    period = _period_asked(text)
    if period:
        meetings = meetings.filter(start_date__range=period)
    else:
        meetings = meetings.filter(
            _any_field(("location", "presidency"), text) | Q(formation__iexact=text)
        )
    meetings = meetings.annotate(rank=Value(1))
    hits = [
        Hit(str(meeting), reverse("dossiers:meeting_detail", args=[meeting.pk]), meeting.location)
        for meeting in _top(meetings, "-start_date")
    ]
    return hits, _more("dossiers:meeting_list", year=period[0].year) if period else ""


def _documents(backend, text):
    try:
        citation = citation_to_fetch(text)
    except CitationError:
        citation = None
    if citation is not None:
        documents = ParliamentaryDocument.objects.for_citation(citation).annotate(
            rank=Value(10.0, output_field=FloatField())
        )
    else:
        number = re.fullmatch(r"(\d{2})\s?(\d{3})", text)
        if number:
            documents = ParliamentaryDocument.objects.filter(
                dossier_number=number[1] + number[2]
            ).annotate(rank=Value(1.0, output_field=FloatField()))
        else:
            documents = backend.match(ParliamentaryDocument.objects.all(), SEARCHED["document"])
    hits = [
        Hit(
            str(document),
            document.publication_url or _first_meeting_url(document),
            document.get_document_type_display(),
        )
        for document in _top(documents.prefetch_related("meetings"), "-date", "-pk")
    ]
    return hits, ""


def _first_meeting_url(document):
    meetings = document.meetings.all()
    return reverse("dossiers:meeting_detail", args=[meetings[0].pk]) if meetings else ""


def _commitments(backend, text):
    commitments = backend.match(Commitment.objects.all(), SEARCHED["commitment"]).only(
        "subject", "status"
    )
    hits = [
        Hit(
            commitment.subject,
            reverse("dossiers:commitment_list") + f"?{urlencode({'q': commitment.subject})}"
            f"#toezegging-{commitment.pk}",
            commitment.get_status_display(),
        )
        for commitment in _top(commitments, "-created_at")
    ]
    return hits, _more("dossiers:commitment_list", q=text)


def _motions(backend, text):
    motions = backend.match(Motion.objects.all(), SEARCHED["motion"]).select_related("document")
    hits = [
        Hit(str(motion), motion.document.publication_url, motion.get_outcome_display())
        for motion in _top(motions, "-document__date", "-pk")
    ]
    return hits, ""


def _people(backend, text):
    people = backend.match(Person.objects.all(), (), names=("name",))
    hits = [
        Hit(
            str(person),
            _more("dossiers:commitment_list", member=person.name)
            if person.role == Person.Role.MEMBER
            else _more("dossiers:commitment_list", made_by=person.pk),
            person.get_role_display(),
        )
        for person in _top(people, "name")
    ]
    return hits, ""


def _eu_reference(text):
    """The query as the dossiers store an EU reference: "COM(2022)8987" as "COM(2022) 8987"."""
    try:
        reference = parse_reference(text)
    except CitationError:
        return text
    return str(reference) if isinstance(reference, EUReference) else text


def _event_hit(event):
    return Hit(event.source_passage, event.dossier.get_absolute_url(), str(event.dossier))


def _passages(backend, text):
    """The verbatim passages stage events and Council mentions were taken from."""
    events = (
        backend.match(StageEvent.objects.actual(), SEARCHED["stage_passage"])
        .exclude(source_passage="")
        .select_related("dossier")
    )
    mentions = backend.match(Mention.objects.all(), SEARCHED["mention_passage"]).select_related(
        "dossier", "meeting"
    )
    found = [(event.rank, _event_hit(event)) for event in _top(events, "-date")] + [
        (
            mention.rank,
            Hit(
                mention.source_passage or mention.dutch_position or mention.summary,
                reverse("dossiers:meeting_detail", args=[mention.meeting_id]),
                f"{mention.dossier} · {mention.meeting}",
            ),
        )
        for mention in _top(mentions, "-meeting__start_date")
    ]
    found.sort(key=lambda pair: pair[0], reverse=True)
    return [hit for _rank, hit in found], ""


_KINDS = (
    ("dossiers", _("Dossiers"), _dossiers),
    ("meetings", _("Council meetings"), _meetings),
    ("documents", _("Documents"), _documents),
    ("commitments", _("Commitments"), _commitments),
    ("motions", _("Motions"), _motions),
    ("people", _("People"), _people),
    ("passages", _("Source passages"), _passages),
)
