"""Writing what the official sources bring, and taking or leaving what they propose.

Every run against a source is recorded as a SourceSync: when, what it brought (counted), and
why it failed. A record is written in a transaction of its own, so that a failure halfway
leaves every record whole; a source that cannot be read at all writes nothing but the failed
SourceSync. Nothing an editor curated is overwritten: what a source says otherwise becomes a
SourceProposal that an editor accepts or dismisses.
"""

import contextlib
import datetime
import difflib
import hashlib
import json
import logging
import re
from collections import Counter

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from ..citations import (
    find_official_identifier,
    official_identifier,
    official_url,
    procedure_links,
)
from ..dates import Precision
from ..importing.pipeline import _sha256, start_import
from ..importing.reader import UnreadableDocument
from ..models import (
    Commitment,
    CouncilMeeting,
    Debate,
    DocumentImport,
    Dossier,
    ParliamentaryDocument,
    Person,
    Source,
    SourceProposal,
    SourceSync,
    StageEvent,
)
from ..services import move_due_date
from . import europarl, officielebekendmakingen, tweedekamer
from .http import SourceError

# The chamber's statuses of a commitment, the current and the older ones, and ours.
STATUS_CROSSWALK = {
    "openstaand": Commitment.Status.OPEN,
    "afgedaan": Commitment.Status.FULFILLED,
    "voldaan": Commitment.Status.FULFILLED,
    "deels afgedaan": Commitment.Status.PARTLY_FULFILLED,
    "deels voldaan": Commitment.Status.PARTLY_FULFILLED,
    "vervallen": Commitment.Status.WITHDRAWN,
}
# What a sync calls itself in the history of the records it writes. Stored and compared
# (_written_only_by_sync), so fixed Dutch text rather than the Source's translated label.
CHANGE_REASON = {
    Source.OFFICIAL_PUBLICATIONS: "Officiële bekendmakingen",
    Source.TWEEDE_KAMER: "Tweede Kamer (open data)",
    Source.EUROPEAN_PARLIAMENT: "Europees Parlement (open data)",
}
# A committee debate on the JBZ-Raad is held in the weeks before it.
DEBATE_BEFORE_MEETING = datetime.timedelta(days=21)
DEBATE_WORDS = ("JBZ",)
_SUBJECT_WORDS = 16

logger = logging.getLogger(__name__)


class SyncProblem(Exception):
    """One record of a source that cannot be written (an unknown status); the others go on."""


@contextlib.contextmanager
def recorded(source):
    """A SourceSync around a run: its summary is the Counter the block fills; any exception
    ends the run as failed, with a message the health page shows, and is raised again."""
    sync = SourceSync.objects.create(source=source)
    summary = Counter()
    try:
        yield summary
    except SourceError as error:
        sync.message = str(error)
        raise
    except Exception as error:
        sync.message = f"{type(error).__name__}: {error}"
        raise
    else:
        sync.succeeded = True
    finally:
        sync.finished_at = timezone.now()
        sync.summary = {key: value for key, value in summary.items() if value}
        sync.save()


def last_success(source):
    """When the last successful run of `source` started, or None."""
    sync = SourceSync.objects.filter(source=source, succeeded=True).first()  # newest first
    return sync.started_at if sync else None


# -- Kamerstukken ----------------------------------------------------------------------------


def fetch_documents(series, since=None, report=print):
    """Import every Kamerstuk of the `series` ("32317", "21501-20") published since `since`
    that the app does not know yet, kept for review. `report(line)` is told one line per
    document. A document that cannot be fetched or read, is not about the JBZ-Raad, or breaks
    the importer, is reported and left aside, with nothing of it written; the others go on."""
    with recorded(Source.OFFICIAL_PUBLICATIONS) as summary:
        for number in series:
            query = officielebekendmakingen.series_query(number, since)
            for publication in officielebekendmakingen.search(query):
                summary["found"] += 1
                if not _in_series(publication.citation, number):
                    summary["other_series"] += 1
                    continue
                if _known(publication.citation, publication.page_url):
                    summary["known"] += 1
                    continue
                try:
                    text = officielebekendmakingen.download_text(publication)
                    check_about_jbz(publication, text)
                    with transaction.atomic():
                        document_import, created = start_import(
                            f"{publication.identifier}.txt",
                            text.encode(),
                            source_url=publication.page_url,
                        )
                except (SourceError, UnreadableDocument) as error:
                    summary["left_aside"] += 1
                    report(f"{publication.identifier}: {_('left aside')}: {error}")
                    continue
                except Exception as error:
                    # A fault of the app, not of the document: logged with its traceback.
                    logger.exception("Importing %s failed", publication.identifier)
                    summary["left_aside"] += 1
                    report(
                        f"{publication.identifier}: {_('left aside')}: "
                        f"{type(error).__name__}: {error}"
                    )
                    continue
                summary["imported" if created else "known"] += 1
                if created:
                    report(
                        f"{publication.identifier}: {_('kept for review')} "
                        f"{document_import.get_absolute_url()}"
                    )
        return summary


def _in_series(citation, series):
    """ "21501-20" is dossier 21501, chapter 20; "32317" is the dossier whatever its chapter."""
    number, _dash, chapter = series.partition("-")
    return citation.dossier_number == number and (
        not chapter or citation.dossier_chapter == chapter
    )


# What a Kamerstuk about the JBZ-Raad or its files says somewhere: the Council's name or the
# ministries that attend it (Veiligheid en Justitie was Justice's name from 2010 to 2017).
_JBZ_WORDS = re.compile(
    r"\bJBZ\b|Justitie en Binnenlandse Zaken|Justitie en Veiligheid|Veiligheid en Justitie"
    r"|Asiel en Migratie",
    re.IGNORECASE,
)


def check_about_jbz(publication, text):
    """SourceError unless the Kamerstuk is about the JBZ-Raad: in a series of SOURCE_SERIES,
    or naming the Council or one of its ministries."""
    in_jbz_series = any(_in_series(publication.citation, s) for s in settings.SOURCE_SERIES)
    if not in_jbz_series and not _JBZ_WORDS.search(text):
        raise SourceError(
            _(
                "%(identifier)s (%(title)s) is not about the JBZ-Raad: it names neither the "
                "Council nor the ministries of Justice and Security or Asylum and Migration. "
                "Nothing was imported."
            )
            % {"identifier": publication.identifier, "title": publication.title or "?"}
        )


def _known(citation, page_url):
    """The paper is in the database, or an import of it is waiting or accepted."""
    return (
        ParliamentaryDocument.objects.for_citation(citation).exists()
        or DocumentImport.objects.filter(source_url=page_url)
        .exclude(status=DocumentImport.Status.FAILED)
        .exists()
    )


def queue_fetch(citation, user=None, language=""):
    """A DocumentImport that will fetch the cited Kamerstuk and read it (importing.tasks):
    (the import, True); or (the known document, False) when the app has it already."""
    known = ParliamentaryDocument.objects.for_citation(citation).first()
    if known is not None:
        return known, False
    identifier = official_identifier(citation)
    page_url = official_url(citation)
    waiting = (
        DocumentImport.objects.filter(source_url=page_url)
        .exclude(status=DocumentImport.Status.FAILED)
        .first()
    )
    if waiting is not None:
        return waiting, False
    from ..importing.tasks import fetch_import

    with transaction.atomic():
        document_import = DocumentImport.objects.create(
            file_name=f"{identifier}.txt",
            source_url=page_url,
            status=DocumentImport.Status.QUEUED,
            created_by=user,
            language=language,
        )
        fetch_import.enqueue(document_import.pk)
    return document_import, True


def fetch_queued(document_import):
    """Put the text of the Kamerstuk a queued import names in as its upload: True; or end the
    import FAILED with the reason (unreachable, unknown, not about the JBZ-Raad): False."""
    citation = find_official_identifier(document_import.file_name)
    try:
        if citation is None:
            raise SourceError(
                _("%(name)s names no Kamerstuk.") % {"name": document_import.file_name}
            )
        publication = officielebekendmakingen.publication(citation)
        text = officielebekendmakingen.download_text(publication)
        check_about_jbz(publication, text)
    except SourceError as error:
        DocumentImport.objects.filter(pk=document_import.pk).update(
            status=DocumentImport.Status.FAILED, error=str(error)
        )
        document_import.status = DocumentImport.Status.FAILED
        document_import.error = str(error)
        return False
    data = text.encode()
    DocumentImport.objects.filter(pk=document_import.pk).update(
        upload=data, upload_hash=_sha256(data)
    )
    return True


# -- commitments and debates of the Tweede Kamer ---------------------------------------------


def sync_tweede_kamer(since=None, report=print):
    """The committee debates on the JBZ-Raad and the commitments of the ministers of
    SOURCE_MINISTRIES, since `since` (a datetime; by default the last successful sync)."""
    since = since or last_success(Source.TWEEDE_KAMER)
    with recorded(Source.TWEEDE_KAMER) as summary:
        # Everything is read before anything is written: an answer that fails on its last
        # page leaves the records as they were.
        debates = tweedekamer.committee_debates(DEBATE_WORDS, since)
        items = tweedekamer.commitments(settings.SOURCE_MINISTRIES, since)
        for debate in debates:
            with transaction.atomic():
                _debate_record, created = _debate(debate)
            summary["debates_created" if created else "debates_seen"] += 1
        for item in items:
            try:
                with transaction.atomic():
                    outcome = write_commitment(item)
            except SyncProblem as problem:
                summary["problems"] += 1
                report(f"{item.number}: {problem}")
                continue
            summary[f"commitments_{outcome}"] += 1
        return summary


def write_commitment(item):
    """Record one of the chamber's commitments: 'created', 'updated' (a record only the sync
    wrote), 'proposed' (what an editor curated differs, or a fulfilment that needs its
    document: a SourceProposal), 'proposed_before' or 'unchanged'."""
    status = STATUS_CROSSWALK.get(item.status.lower())
    if status is None:
        raise SyncProblem(
            _("the chamber's status “%(status)s” is unknown to the app; nothing was written.")
            % {"status": item.status}
        )
    commitment = Commitment.objects.filter(chamber_number=item.number).first()
    if commitment is None:
        commitment = _same_commitment(item)
    if commitment is None:
        _create_commitment(item, status)
        return "created"
    _write_chamber_fields(commitment, item)
    changes = _changes(commitment, item, status)
    if not changes:
        _supersede_proposals(commitment)
        return "unchanged"
    if _needs_document(commitment, changes) or not _written_only_by_sync(commitment):
        return "proposed" if _propose_change(commitment, item, changes) else "proposed_before"
    try:
        _apply_changes(commitment, changes, reason=CHANGE_REASON[Source.TWEEDE_KAMER])
    except ValidationError as error:
        raise SyncProblem(" ".join(error.messages)) from error
    _supersede_proposals(commitment)
    return "updated"


_FULFILLED = (Commitment.Status.FULFILLED, Commitment.Status.PARTLY_FULFILLED)


def _needs_document(commitment, changes):
    """The chamber has it fulfilled and no document fulfils it here: only an editor who
    gives that document can write it."""
    return (
        changes.get("status", (None, None))[1] in _FULFILLED
        and commitment.fulfilled_by_document_id is None
    )


def _write_chamber_fields(commitment, item):
    """The chamber's number and status are its register's, not an editor's record: written
    without a history row, so that a curated commitment stays curated (_written_only_by_sync)."""
    if (commitment.chamber_number, commitment.chamber_status) == (item.number, item.status):
        return
    Commitment.objects.filter(pk=commitment.pk).update(
        chamber_number=item.number, chamber_status=item.status
    )
    commitment.chamber_number, commitment.chamber_status = item.number, item.status


def _changes(commitment, item, status):
    """{field: [ours, the chamber's]} where they differ; values as JSON."""
    changes = {}
    if item.text and item.text != commitment.text:
        changes["text"] = [commitment.text, item.text]
    if item.due_date and item.due_date != commitment.due_date:
        changes["due_date"] = [_iso(commitment.due_date), item.due_date.isoformat()]
    if status != commitment.status:
        changes["status"] = [commitment.status, status]
    return changes


def _apply_changes(commitment, changes, *, reason, user=None):
    """Write the chamber's side of `changes`, in the history with `reason` and `user`.

    Back to open, a commitment loses its fulfilment (document, passage, date); a new due date
    of an open commitment is moved with move_due_date, which logs the old one. ValidationError
    when it cannot be written: fulfilled needs the fulfilling document.
    """
    if _needs_document(commitment, changes):
        raise ValidationError(
            _(
                "The chamber has this commitment as fulfilled: tick it off with the document "
                "that fulfils it (the checklist or the admin), then dismiss this proposal."
            )
        )
    if "text" in changes:
        commitment.text = changes["text"][1]
    if "status" in changes:
        status = commitment.status = changes["status"][1]
        if status == Commitment.Status.OPEN:
            commitment.fulfilled_by_document = None
            commitment.fulfilment_passage = ""
            commitment.fulfilled_on = None
    due_date = (
        datetime.date.fromisoformat(changes["due_date"][1]) if "due_date" in changes else None
    )
    moved = (
        due_date is not None
        and commitment.status == Commitment.Status.OPEN
        and commitment.fulfilment_mode != Commitment.FulfilmentMode.STANDING
    )
    if due_date is not None and not moved:
        commitment.due_date = due_date  # closed or standing: nothing to move, nothing to log
    if set(changes) != {"due_date"} or not moved:
        commitment._change_reason = reason
        commitment._history_user = user
        commitment.full_clean()
        commitment.save()
    if moved:
        move_due_date(commitment, new_date=due_date, reason=reason, user=user)


def _propose_change(commitment, item, changes):
    """Propose the chamber's `changes`: True when that is new. A commitment has one pending
    proposal, the chamber's latest difference: the older ones are superseded
    (_supersede_proposals), and a superseded difference the chamber gives again is pending
    again."""
    key = (
        f"{item.number}:"
        + hashlib.sha1(json.dumps(changes, sort_keys=True).encode()).hexdigest()[:16]
    )
    proposal, created = SourceProposal.objects.get_or_create(
        source=Source.TWEEDE_KAMER,
        key=key,
        defaults={
            "kind": SourceProposal.Kind.COMMITMENT_CHANGE,
            "commitment": commitment,
            "data": {"changes": changes},
        },
    )
    superseded = proposal.status == SourceProposal.Status.SUPERSEDED
    if superseded:
        proposal.status, proposal.decided_at = SourceProposal.Status.PENDING, None
        proposal.save(update_fields=["status", "decided_at"])
    _supersede_proposals(commitment, keep=proposal)
    return created or superseded


def _supersede_proposals(commitment, keep=None):
    """Close the commitment's pending proposals that the chamber's latest record has made moot:
    SUPERSEDED, never DISMISSED, so that an editor's dismissal is never reopened (not even when
    the editor's account is gone and decided_by is empty)."""
    moot = SourceProposal.objects.pending().filter(
        commitment=commitment, kind=SourceProposal.Kind.COMMITMENT_CHANGE
    )
    if keep is not None:
        moot = moot.exclude(pk=keep.pk)
    moot.update(status=SourceProposal.Status.SUPERSEDED, decided_at=timezone.now(), decided_by=None)


def _create_commitment(item, status):
    debate = _debate(item.debate)[0] if item.debate else None
    if debate is None:
        raise SyncProblem(_("the chamber gives no debate it was made in; nothing was written."))
    closed = status in _FULFILLED
    commitment = Commitment(
        subject=_subject(item.text),
        text=item.text or item.number,
        made_by=_minister(item),
        debate=debate,
        meeting=debate.meeting,
        fulfilment_mode=_fulfilment_mode(item),
        due_date=item.due_date,
        # Fulfilled needs the fulfilling document: the editor gives it (a proposal says so).
        status=Commitment.Status.OPEN if closed else status,
        chamber_number=item.number,
        chamber_status=item.status,
    )
    _save(commitment, Source.TWEEDE_KAMER)
    member = _member(item)
    if member is not None:
        commitment.members.add(member)
    if closed:
        _propose_change(commitment, item, {"status": [Commitment.Status.OPEN, status]})
    return commitment


def _written_only_by_sync(record):
    """The sync created `record` and made every later change in its history. A record an
    editor made, or one loaded without history (the fixtures, a bulk load), is curated."""
    history = record.history.all()
    reasons = CHANGE_REASON.values()
    return (
        history.filter(history_type="+", history_change_reason__in=reasons).exists()
        and not history.exclude(history_change_reason__in=reasons).exists()
    )


def _fulfilment_mode(item):
    if item.due_date:
        return Commitment.FulfilmentMode.BY_DATE
    return Commitment.FulfilmentMode.BY_LETTER


def _same_commitment(item):
    """An editor's record of the chamber's commitment that has no number of the chamber yet:
    made in the same debate, to the same member, with a text clearly the nearest to the
    chamber's. None when there is no such one: a record is better added twice than linked to
    another promise."""
    same_debate = _same_debate(item.debate) if item.debate else Q()
    if not same_debate:
        return None
    member = item.member.lower()
    candidates = [
        commitment
        for commitment in Commitment.objects.filter(
            same_debate, chamber_number=""
        ).prefetch_related("members")
        if {m.name.lower() for m in commitment.members.all()} == ({member} if member else set())
    ]
    scored = sorted(
        ((_similarity(item.text, c.text), c) for c in candidates),
        key=lambda pair: pair[0],
        reverse=True,
    )
    if not scored:
        return None
    best, commitment = scored[0]
    second = scored[1][0] if len(scored) > 1 else 0.0
    return commitment if best >= SAME_TEXT and best - second >= SAME_TEXT_MARGIN else None


# How near the chamber's text must be to an editor's record to be taken for the same one.
SAME_TEXT = 0.6
SAME_TEXT_MARGIN = 0.15


def _similarity(a, b):
    return difflib.SequenceMatcher(None, a.lower().split(), b.lower().split()).ratio()


def _same_debate(item):
    """Q of the commitments made in what may be the chamber's activity: the Debate with its
    number, or an editor's record of that day and kind without one. Unlike _find_debate,
    whatever the subject: the member and the text then tell the commitment, so a debate on
    asylum is found as well as one on the JBZ-Raad."""
    same_debate = Q()
    if item.number:
        same_debate |= Q(debate__chamber_number=item.number)
    if item.date:
        same_debate |= Q(
            debate__chamber_number="",
            debate__date=item.date,
            debate__kind=_debate_kind(item.kind),
            debate__chamber="TK",
        )
    return same_debate


def _find_debate(item):
    """The Debate of the chamber's activity: the one with its number, or else an editor's
    record of that day and kind, when both are a debate on the JBZ-Raad (DEBATE_WORDS). None
    when there is none; nothing is written."""
    if item.number:
        debate = Debate.objects.filter(chamber_number=item.number).first()
        if debate is not None:
            return debate
    if not (item.date and _about_the_council(item.subject)):
        return None
    candidates = Debate.objects.filter(
        chamber_number="", date=item.date, kind=_debate_kind(item.kind), chamber="TK"
    ).order_by("pk")
    return next((d for d in candidates if _about_the_council(d.subject)), None)


def _about_the_council(subject):
    return any(word.lower() in subject.lower() for word in DEBATE_WORDS)


def _debate(item):
    """(the Debate of the chamber's activity, created or not), linked to the Council it
    prepared when it is a committee debate on the JBZ-Raad. Saved only when that changes it,
    so that a sync that brings nothing new adds nothing to its history."""
    debate = _find_debate(item)
    created = debate is None
    if created:
        debate = Debate(
            date=item.date,
            kind=_debate_kind(item.kind),
            subject=(item.subject or item.number)[:300],
            committee=item.committee[:200],
        )
    before = (debate.chamber_number, debate.meeting_id)
    debate.chamber_number = item.number
    if debate.meeting_id is None and item.date and _about_the_council(item.subject):
        debate.meeting = (
            CouncilMeeting.objects.filter(
                start_date__gte=item.date, start_date__lte=item.date + DEBATE_BEFORE_MEETING
            )
            .order_by("start_date")
            .first()
        )
    if created or (debate.chamber_number, debate.meeting_id) != before:
        _save(debate, Source.TWEEDE_KAMER)
    return debate, created


def _debate_kind(soort):
    soort = soort.lower()
    if soort.startswith("commissiedebat") or soort.startswith("algemeen overleg"):
        return Debate.Kind.COMMITTEE_DEBATE
    if soort.startswith("wetgevingsoverleg"):
        return Debate.Kind.LEGISLATIVE_CONSULTATION
    if "schriftelijk" in soort:
        return Debate.Kind.WRITTEN_CONSULTATION
    return Debate.Kind.PLENARY_DEBATE


def _minister(item):
    if not item.minister:
        return None
    role = (
        Person.Role.STATE_SECRETARY
        if item.minister_title.lower().startswith("staatssecretaris")
        else Person.Role.MINISTER
    )
    return _person(item.minister, role, title=item.minister_title[:200])


def _member(item):
    if not item.member:
        return None
    return _person(item.member, Person.Role.MEMBER, chamber="TK", party=item.faction[:60])


def _person(name, role, **details):
    """The Person of that name and role ("van der Burg" is "Van der Burg"), or a new one."""
    person = Person.objects.filter(name__iexact=name, role=role).order_by("pk").first()
    return person or Person.objects.create(name=name, role=role, **details)


def _subject(text):
    words = text.split()
    subject = " ".join(words[:_SUBJECT_WORDS])
    return (subject + (" …" if len(words) > _SUBJECT_WORDS else ""))[:300] or "—"


def _save(record, source, **options):
    record._change_reason = CHANGE_REASON[source]
    record.save(**options)


def _iso(day):
    return day.isoformat() if day else None


# -- the European Parliament's procedure files -----------------------------------------------


def sync_europarl(report=print):
    """Propose the stage events the European Parliament's procedure files give for every
    dossier with a procedure number, that the dossier does not have yet. A procedure that
    cannot be read is reported and the others go on; the run fails when none can be read."""
    with recorded(Source.EUROPEAN_PARLIAMENT) as summary:
        dossiers = Dossier.objects.exclude(procedure_reference="").only(
            "pk", "slug", "procedure_reference"
        )
        last_error = None
        for dossier in dossiers:
            summary["dossiers"] += 1
            try:
                events = europarl.events(dossier.procedure_reference)
            except SourceError as error:
                last_error = error
                summary["failed"] += 1
                report(f"{dossier.procedure_reference}: {error}")
                continue
            for event in events:
                if event.stage is None:
                    summary[f"left_aside_{event.activity_type}"] += 1
                    continue
                created = _propose_stage_event(dossier, event)
                summary["proposed" if created else "known"] += 1
        if last_error is not None and summary["failed"] == summary["dossiers"]:
            raise last_error
        return summary


def _propose_stage_event(dossier, event):
    """Propose the event unless the dossier has reached its stage already, on whatever day the
    editors recorded it (perhaps by the month): True when the proposal is new."""
    reached = StageEvent.objects.filter(
        dossier=dossier, stage=event.stage, is_expected=False
    ).exists()
    if reached:
        return False
    links = procedure_links(dossier.procedure_reference)
    _proposal, created = SourceProposal.objects.get_or_create(
        source=Source.EUROPEAN_PARLIAMENT,
        key=f"{dossier.procedure_reference}:{event.activity_id or event.activity_type}",
        defaults={
            "kind": SourceProposal.Kind.STAGE_EVENT,
            "dossier": dossier,
            "data": {
                "stage": int(event.stage),
                "date": _iso(event.date),
                "activity_type": event.activity_type,
                "activity_id": event.activity_id,
                "label": event.label,
            },
            "source_url": links[0][1] if links else "",
        },
    )
    return created


# -- an editor's decision --------------------------------------------------------------------


def accept_proposal(proposal, user):
    """Write what the proposal says, recorded in the history as the editor's; ValidationError
    when it cannot be written as it stands."""
    with transaction.atomic():
        proposal = SourceProposal.objects.select_for_update().get(pk=proposal.pk)
        if proposal.status != SourceProposal.Status.PENDING:
            raise ValidationError(_("This proposal was decided already."))
        if proposal.kind == SourceProposal.Kind.STAGE_EVENT:
            _accept_stage_event(proposal)
        else:
            commitment = Commitment.objects.select_for_update().get(pk=proposal.commitment_id)
            changes = proposal.data["changes"]
            _check_still_recorded(commitment, changes)
            _apply_changes(
                commitment,
                changes,
                reason=_("Proposal of %(source)s accepted")
                % {"source": proposal.get_source_display()},
                user=user,
            )
        _decide(proposal, SourceProposal.Status.ACCEPTED, user)


def needs_fulfilling_document(proposal):
    """The chamber has the commitment fulfilled and no document fulfils it here: accepting
    cannot write that; an editor ticks it off with the document instead."""
    return proposal.kind == SourceProposal.Kind.COMMITMENT_CHANGE and _needs_document(
        proposal.commitment, proposal.data.get("changes", {})
    )


def _check_still_recorded(commitment, changes):
    """ValidationError when the commitment no longer has what the proposal calls recorded:
    accepting would overwrite a change made since (by an editor, or a later proposal)."""
    current = {
        "text": commitment.text,
        "due_date": _iso(commitment.due_date),
        "status": commitment.status,
    }
    moved = [field for field, (ours, _theirs) in changes.items() if current.get(field) != ours]
    if moved:
        labels = ", ".join(str(Commitment._meta.get_field(field).verbose_name) for field in moved)
        raise ValidationError(
            _(
                "The commitment has changed since this proposal was made: its %(fields)s is no "
                "longer what the proposal calls recorded. Compare it with the chamber's register "
                "and dismiss the proposal."
            )
            % {"fields": labels}
        )


def _accept_stage_event(proposal):
    """Record the stage event, under the model's rules (a stage the kind of dossier has):
    ValidationError, with nothing written, when it breaks one."""
    data = proposal.data
    event = StageEvent(
        dossier=proposal.dossier,
        stage=data["stage"],
        is_expected=False,
        date=datetime.date.fromisoformat(data["date"]) if data.get("date") else None,
        precision=Precision.DAY,
        source_passage=f"{data.get('label') or data['activity_type']} "
        f"({data['activity_type']}, {data.get('activity_id', '')})",
        note=_("Source: %(source)s, %(address)s")
        % {"source": proposal.get_source_display(), "address": proposal.source_url},
    )
    event.full_clean()
    StageEvent.objects.get_or_create(
        dossier=event.dossier,
        stage=event.stage,
        is_expected=False,
        date=event.date,
        source_document=None,
        defaults={
            "precision": event.precision,
            "source_passage": event.source_passage,
            "note": event.note,
        },
    )


def dismiss_proposal(proposal, user):
    with transaction.atomic():
        proposal = SourceProposal.objects.select_for_update().get(pk=proposal.pk)
        if proposal.status != SourceProposal.Status.PENDING:
            raise ValidationError(_("This proposal was decided already."))
        _decide(proposal, SourceProposal.Status.DISMISSED, user)


def _decide(proposal, status, user):
    proposal.status = status
    proposal.decided_by = user
    proposal.decided_at = timezone.now()
    proposal.save(update_fields=["status", "decided_by", "decided_at"])
