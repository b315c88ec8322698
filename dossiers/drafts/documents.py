"""The drafts officers write, as Word documents: the annotated agenda before a Council, the
report after it, and the quarterly overview beside its spreadsheet.

A draft says what the app knows, each fact with its source in a footnote (the canonical
citation of the Kamerstuk), and leaves what only the officer can write as a marked gap
("[...]"), so nothing in it reads as written when it was not.
"""

import functools

from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from ..models import Motion, Stage
from ..models.base import choice_label
from .word import WordDocument

GAP = "[…]"
# Labels a draft repeats per dossier: translated once per draft (_Texts).
STAGE = gettext_noop("Stage: ")
NO_STAGE = gettext_noop("no stage reached.")
LAST_POSITION = gettext_noop("Last Dutch position: ")
MOTION = gettext_noop("Motion: ")
COMMITMENT_DUE = gettext_noop("Commitment due: ")
DUTCH_POSITION = gettext_noop("Dutch position: ")


def _day(day):
    return date_format(day, "j F Y") if day else _("date unknown")


def source_note(document, passage=""):
    """The footnote that names a source: its canonical citation (or title and date), and the
    passage quoted when given."""
    if document is None:
        return ""
    name = document.citation or (
        f"{document}, {_day(document.date)}" if document.date else str(document)
    )
    return f"{name}: “{passage}”" if passage else name


def members_display(commitment):
    """ "het lid Piri (GroenLinks-PvdA)", "de leden Mutluer en Faber-Van de Klashorst"."""
    names = [
        f"{member.name} ({member.party})" if member.party else member.name
        for member in commitment.members.all()
    ]
    if not names:
        return _("the chamber")
    if len(names) == 1:
        return _("the member %(name)s") % {"name": names[0]}
    listed = ", ".join(names[:-1]) + " " + _("and") + " " + names[-1]
    return _("the members %(names)s") % {"names": listed}


def commitment_origin(commitment):
    """Where a commitment was made, as a report's footnote says it: "Toezegging aan het lid
    Piri in het commissiedebat ..., d.d. 29 februari 2024"."""
    to = members_display(commitment)
    if commitment.debate_id:
        debate = commitment.debate
        where = f"{debate.get_kind_display()} {debate.subject}"
        day = _(", on %(day)s") % {"day": _day(debate.date)} if debate.date else ""
        return _("Commitment to %(to)s in the %(where)s%(day)s") % {
            "to": to,
            "where": where,
            "day": day,
        }
    return _("Commitment to %(to)s in %(document)s") % {
        "to": to,
        "document": source_note(commitment.made_in_document),
    }


def _when_and_where(meeting):
    place = meeting.location or _("place unknown")
    return f"{meeting.date_range_display}, {place}"


def _stage(value):
    return str(choice_label(Stage, value)) if value is not None else _("no stage recorded")


# -- the annotated agenda ---------------------------------------------------------------------


def _unknown_agenda(word, draft):
    """Say so when no recorded document gives the Council's agenda, as its page does."""
    if not (draft.sections or draft.other_dossiers):
        word.paragraph(
            _("Agenda unknown: none of the recorded documents gives the agenda of this Council."),
            italic=True,
        )


def _draft_of(meeting, title, explanation):
    """A draft's opening: its title, when and where the Council meets, what the draft is."""
    word = WordDocument(title)
    word.heading(title, 0)
    word.paragraph(_when_and_where(meeting))
    word.paragraph(explanation, italic=True)
    return word


def annotated_agenda_docx(draft):
    meeting = draft.meeting
    word = _draft_of(
        meeting,
        _("Annotated agenda %(meeting)s (draft)") % {"meeting": meeting},
        _(
            "Draft written by jbztracker from what it records; each fact has its source in a "
            "footnote. Text between square brackets is for the officer to write."
        ),
    )
    word.heading(_("Introduction"), 1)
    word.paragraph(GAP)
    _unknown_agenda(word, draft)
    since = (
        _("Since the previous Council (%(meeting)s): ") % {"meeting": draft.previous}
        if draft.previous
        else _("Recently: ")
    )
    texts = _Texts(since)
    for section, items in draft.sections:
        word.heading(section, 1)
        for item_draft in items:
            item = item_draft.item
            word.heading(f"{item.number}. {item.title}", 2)
            if item.format:
                word.paragraph(item.get_format_display(), label=_("Format: "))
            for dossier_draft in item_draft.dossiers:
                _agenda_dossier(word, texts, dossier_draft)
            word.paragraph(GAP, label=texts.label(DUTCH_POSITION))
    if draft.other_dossiers:
        word.heading(_("Also on the table"), 1)
        for dossier_draft in draft.other_dossiers:
            _agenda_dossier(word, texts, dossier_draft)
    _commitments_section(word, draft.commitments, _("Other commitments due in this round"))
    _standing_section(word, draft.standing)
    return word.to_bytes()


class _Texts:
    """The texts a draft repeats for every dossier, translated and formatted once: a Council
    with 250 dossiers spent a third of its time on the same labels and meeting names."""

    def __init__(self, since):
        self.since = since
        self.label = functools.cache(_)
        self.stage = functools.cache(_stage)
        self.name = functools.cache(str)
        self.outcome = functools.cache(lambda value: str(choice_label(Motion.Outcome, value)))


def _agenda_dossier(word, texts, dossier_draft):
    dossier = dossier_draft.dossier
    word.heading(str(dossier), 3)
    word.paragraph(texts.stage(dossier_draft.stage), label=texts.label(STAGE))
    if dossier_draft.changes:
        word.paragraph(label=texts.since)
        for event in dossier_draft.changes:
            line = word.bullet(f"{event.date_display}: {texts.stage(event.stage)}")
            for statement in (event, *event.repeats):
                if statement.source_document_id:
                    word.footnote(
                        line, source_note(statement.source_document, statement.source_passage)
                    )
    else:
        word.paragraph(texts.label(NO_STAGE), label=texts.since)
    position = dossier_draft.position
    if position is not None:
        line = word.paragraph(
            f"{position.dutch_position} ({texts.name(position.meeting)})",
            label=texts.label(LAST_POSITION),
        )
        if position.source_document_id:
            word.footnote(line, source_note(position.source_document, position.source_passage))
    for motion in dossier_draft.motions:
        line = word.paragraph(
            f"{motion.subject} ({texts.outcome(motion.outcome)})", label=texts.label(MOTION)
        )
        word.footnote(line, source_note(motion.document))
    for commitment in dossier_draft.commitments:
        line = word.paragraph(_commitment_text(commitment), label=texts.label(COMMITMENT_DUE))
        word.footnote(line, commitment_origin(commitment))


def _commitment_text(commitment):
    due = _(" (due %(day)s)") % {"day": _day(commitment.due_date)} if commitment.due_date else ""
    return f"{commitment.text}{due}"


def _commitments_section(word, commitments, heading):
    if not commitments:
        return
    word.heading(heading, 1)
    for commitment in commitments:
        line = word.paragraph(_commitment_text(commitment), label=f"{commitment.subject}: ")
        word.footnote(line, commitment_origin(commitment))


def _standing_section(word, standing):
    if not standing:
        return
    word.heading(_("Standing commitments"), 1)
    for commitment in standing:
        line = word.paragraph(commitment.text, label=f"{commitment.subject}: ")
        word.footnote(line, commitment_origin(commitment))
        word.paragraph(GAP, label=_("How this round honours it: "))


# -- the report -------------------------------------------------------------------------------


def report_docx(draft):
    meeting = draft.meeting
    word = _draft_of(
        meeting,
        _("Report %(meeting)s (draft)") % {"meeting": meeting},
        _(
            "Skeleton written by jbztracker: the Council's agenda, the commitments this report "
            "is to fulfil and the standing ones. Text between square brackets is for the officer "
            "to write."
        ),
    )
    _unknown_agenda(word, draft)
    for section, items in draft.sections:
        word.heading(section, 1)
        for item_draft in items:
            item = item_draft.item
            word.heading(f"{item.number}. {item.title}", 2)
            names = ", ".join(str(d.dossier) for d in item_draft.dossiers)
            if names:
                word.paragraph(names, label=_("Dossiers: "))
            for label in (_("Main result: "), _("Discussion: "), _("Dutch intervention: ")):
                word.paragraph(GAP, label=label)
    commitments = draft.due_commitments
    if commitments:
        word.heading(_("Commitments"), 1)
        for commitment in commitments:
            _report_commitment(word, commitment)
    if draft.standing:
        word.heading(_("Standing commitments"), 1)
        for commitment in draft.standing:
            _report_commitment(word, commitment)
    return word.to_bytes()


def _report_commitment(word, commitment):
    """ "Toezegging aan het lid Piri (GroenLinks-PvdA): <text>", the debate in a footnote, and
    the gap for how the report fulfils it."""
    lead = capfirst(_("commitment to %(to)s: ") % {"to": members_display(commitment)})
    line = word.paragraph(commitment.text, label=lead)
    word.footnote(line, commitment_origin(commitment))
    word.paragraph(GAP, label=_("Fulfilment: "))


# -- the quarterly overview -------------------------------------------------------------------


# The dossier's title and what changed need room; references and names less.
QUARTERLY_WIDTHS = (3.6, 1.1, 1.4, 1.4, 1.4, 1.6, 2.1, 2.1, 3.2)


def quarterly_overview_docx(overview):
    """The overview's table (the spreadsheet's columns) in a landscape document."""
    dataset = overview.as_dataset()
    word = WordDocument(overview.title, landscape=True)
    word.heading(overview.title, 0)
    word.paragraph(f"{_day(overview.start)} – {_day(overview.end)}")
    if dataset.height:
        word.table(dataset.headers, [list(row) for row in dataset], widths=QUARTERLY_WIDTHS)
    else:
        word.paragraph(_("No open legislative file in this quarter."), italic=True)
    return word.to_bytes()
