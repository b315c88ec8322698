"""Write what a reviewer accepted from an import, in one transaction, without duplicates.

`accepted` has the shape of Proposals.as_json(), holding only the accepted proposals (possibly
edited). Every record is looked up by its identity first (a citation, a meeting's date, a
dossier and stage from this source document ...), so accepting the same document twice adds
nothing the second time.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from ..citations import (
    CELEX,
    COMMISSION_DOCUMENT,
    PROCEDURE,
    Citation,
    CitationError,
    EUReference,
    LetterCitation,
    parse_citation,
    parse_reference,
)
from ..models import (
    AgendaItem,
    Chamber,
    Commitment,
    CouncilMeeting,
    Debate,
    DocumentImport,
    Dossier,
    DossierAlias,
    Mention,
    Motion,
    MotionReport,
    ParliamentaryDocument,
    Person,
    PolicyArea,
    StageEvent,
)
from ..services import fulfil_commitment
from .mentions import GENERIC_NAMES, name_key

# The instrument type a new dossier gets from the word its name ends in.
_INSTRUMENT_BY_WORD = {
    "verordening": Dossier.InstrumentType.REGULATION,
    "richtlijn": Dossier.InstrumentType.DIRECTIVE,
    "besluit": Dossier.InstrumentType.DECISION,
    "aanbeveling": Dossier.InstrumentType.RECOMMENDATION,
    "raadsconclusies": Dossier.InstrumentType.COUNCIL_CONCLUSIONS,
    "overeenkomst": Dossier.InstrumentType.INTERNATIONAL_AGREEMENT,
    "mededeling": Dossier.InstrumentType.COMMUNICATION,
}


def _references_by_kind(texts):
    """The first EU reference of each kind: {kind: canonical text}."""
    found = {}
    for text in texts:
        try:
            reference = parse_reference(text)
        except CitationError:
            continue
        if isinstance(reference, EUReference):
            found.setdefault(reference.kind, str(reference))
    return found


def _date(value):
    if value in (None, ""):
        return None
    if isinstance(value, datetime.date):
        return value
    return datetime.date.fromisoformat(value)


def known_alias_keys():
    """The spelling key (name_key) of every alias, read once by whoever adds several."""
    return {name_key(alias) for alias in DossierAlias.objects.values_list("alias", flat=True)}


def learn_alias(dossier, name, known_keys):
    """Add `name` as an alias of `dossier` unless some spelling of it names a dossier already
    (`known_keys`, kept up to date here) or it is no name (too short, too long, generic).
    Whether it was added."""
    key = name_key(name)
    if len(name) < 4 or len(name) > 200 or key in GENERIC_NAMES:
        return False
    if key in known_keys or key in {name_key(dossier.title), name_key(dossier.short_name)}:
        return False
    DossierAlias.objects.create(dossier=dossier, alias=name)
    known_keys.add(key)
    return True


class Acceptance:
    """One run of accepting: remembers what it created so the summary can count it."""

    def __init__(self, document_import, accepted, policy_area=PolicyArea.HOME_AFFAIRS):
        self.document_import = document_import
        self.accepted = accepted
        self.policy_area = policy_area
        self.created = {}
        self.document = None
        self.meeting = None
        self.new_dossiers = {}
        self.dossiers_by_slug = {}
        self.alias_keys = None  # name_key of every alias, loaded when first needed

    def count(self, kind, created):
        if created:
            self.created[kind] = self.created.get(kind, 0) + 1

    def run(self):
        self.document = self.save_document(self.accepted["document"])
        if self.accepted.get("meeting"):
            self.meeting = self.save_meeting(self.accepted["meeting"])
            self.document.meetings.add(self.meeting)
        for item in self.accepted.get("agenda_items", []):
            self.save_agenda_item(item)
        for citation in self.accepted.get("citations", []):
            self.save_cited_document(citation["canonical"] or citation["text"])
        for mention in self.accepted.get("mentions", []):
            self.save_mention(mention)
        for event in self.accepted.get("stage_events", []):
            self.save_stage_event(event)
        for commitment in self.accepted.get("commitments", []):
            self.save_commitment(commitment)
        for motion in self.accepted.get("motions", []):
            self.save_motion(motion)
        return self.created

    # -- the document and its meeting ----------------------------------------------------------

    def save_document(self, proposal):
        fields = {
            "document_type": proposal["document_type"],
            "title": proposal.get("title", "")[:400],
            "date": _date(proposal.get("date")),
        }
        if not fields["title"] and not proposal.get("citation"):
            # A document needs a number or a title; the file it came in is the next best name.
            fields["title"] = self.document_import.file_name[:400]
        if proposal.get("chamber"):
            fields["chamber"] = proposal["chamber"]
        if self.document_import.source_url:
            fields["url"] = self.document_import.source_url  # where it was fetched from
        document = None
        if proposal.get("citation"):
            citation = parse_citation(proposal["citation"])
            fields.update(ParliamentaryDocument.fields_from_citation(citation))
            document = ParliamentaryDocument.objects.for_citation(citation).first()
        if document is None and self.document_import.document_id:
            document = self.document_import.document
        if document is None:
            document = ParliamentaryDocument.objects.filter(
                document_type=fields["document_type"], title=fields["title"], date=fields["date"]
            ).first()
        created = document is None
        document = document or ParliamentaryDocument(notes=_("Imported."))
        for name, value in fields.items():
            if value or created:
                setattr(document, name, value)
        document.full_clean()
        document.save()
        self.count("documents", created)
        return document

    def save_meeting(self, proposal):
        start = _date(proposal["start_date"])
        meeting, created = CouncilMeeting.objects.get_or_create(
            formation=proposal.get("formation") or CouncilMeeting.Formation.JHA,
            start_date=start,
            defaults={
                "end_date": _date(proposal.get("end_date")) or start,
                "is_informal": proposal.get("is_informal", False),
                "location": proposal.get("location", "")[:100],
            },
        )
        self.count("meetings", created)
        return meeting

    def save_agenda_item(self, proposal):
        if self.meeting is None:
            return
        _item, created = AgendaItem.objects.get_or_create(
            meeting=self.meeting,
            section=proposal["section"],
            number=proposal["number"],
            defaults={
                "title": proposal["title"][:400],
                "main_result": proposal.get("main_result", ""),
            },
        )
        self.count("agenda_items", created)

    # -- cited papers -------------------------------------------------------------------------

    def save_cited_document(self, text, document_type=ParliamentaryDocument.DocumentType.OTHER):
        try:
            citation = parse_reference(text)
        except CitationError as error:
            raise ValidationError(str(error)) from error
        if not isinstance(citation, Citation):
            return self.save_cited_paper_without_number(citation)
        document = ParliamentaryDocument.objects.for_citation(citation).first()
        created = document is None
        if created:
            document = ParliamentaryDocument(
                document_type=document_type,
                notes=_("Cited in %(document)s.") % {"document": self.document},
            )
            document.set_citation(text)
            document.full_clean()
            document.save()
        self.count("documents", created)
        return document

    def save_cited_paper_without_number(self, reference):
        """The Handelingen, an Aanhangsel or a letter known by its date: a document known by its
        canonical citation as title (and its date, for a letter)."""
        is_letter = isinstance(reference, LetterCitation)
        document, created = ParliamentaryDocument.objects.get_or_create(
            title=str(reference),
            sub_number="",
            defaults={
                "document_type": ParliamentaryDocument.DocumentType.LETTER
                if is_letter
                else ParliamentaryDocument.DocumentType.OTHER,
                "date": reference.date if is_letter else None,
                "chamber": getattr(reference, "chamber", "") or Chamber.TWEEDE_KAMER,
                "notes": _("Cited in %(document)s.") % {"document": self.document},
            },
        )
        self.count("documents", created)
        return document

    # -- dossiers, mentions and stages --------------------------------------------------------

    def dossier(self, proposal):
        """The known dossier by slug (the name it was found under becomes an alias, so the
        next import knows it), or a dossier by the new instrument's name or alias, or a new one
        with what the passage says of it."""
        name = proposal["name"].strip()
        if proposal.get("dossier"):
            dossier = self.known_dossier(proposal["dossier"])
            self.learn_alias(dossier, name)
            return dossier
        if name in self.new_dossiers:
            return self.new_dossiers[name]
        dossier = (
            Dossier.objects.filter(title__iexact=name).first()
            or Dossier.objects.filter(aliases__alias__iexact=name).first()
        )
        if dossier is None:
            dossier = self.create_dossier(name, proposal)
            for alias in proposal.get("aliases") or []:
                self.learn_alias(dossier, alias.strip())
        self.new_dossiers[name] = dossier
        return dossier

    def create_dossier(self, name, proposal):
        references = _references_by_kind(proposal.get("references") or [])
        instrument = proposal.get("instrument_type") or ""
        if instrument not in Dossier.InstrumentType.values:
            last_word = name.split()[-1].lower() if name.split() else ""
            instrument = next(
                (kind for word, kind in _INSTRUMENT_BY_WORD.items() if last_word.endswith(word)),
                Dossier.InstrumentType.OTHER,
            )
        base = slugify(name)[:90] or "dossier"
        slug, suffix = base, 2
        while Dossier.objects.filter(slug=slug).exists():
            slug, suffix = f"{base}-{suffix}", suffix + 1
        dossier = Dossier(
            title=name[:400],
            short_name=(proposal.get("short_name") or "")[:100],
            slug=slug,
            instrument_type=instrument,
            policy_area=self.policy_area,
            commission_reference=references.get(COMMISSION_DOCUMENT, ""),
            procedure_reference=references.get(PROCEDURE, ""),
            celex=references.get(CELEX, ""),
            notes=_("Proposed by the import of %(document)s.") % {"document": self.document},
        )
        dossier.full_clean()
        dossier.save()
        self.count("dossiers", True)
        return dossier

    def known_dossier(self, slug):
        """The dossier of a slug, fetched once per acceptance: a report mentions a file often."""
        if slug not in self.dossiers_by_slug:
            self.dossiers_by_slug[slug] = Dossier.objects.get(slug=slug)
        return self.dossiers_by_slug[slug]

    def learn_alias(self, dossier, name):
        """Keep `name` as an alias of `dossier`: an editor has said that this name means this
        file."""
        if self.alias_keys is None:  # every alias once, not a query per mention
            self.alias_keys = known_alias_keys()
        if learn_alias(dossier, name, self.alias_keys):
            self.count("aliases", True)

    def save_mention(self, proposal):
        if self.meeting is None:
            return
        _mention, created = Mention.objects.get_or_create(
            dossier=self.dossier(proposal),
            meeting=self.meeting,
            agenda_item=None,
            source_document=self.document,
            defaults={"source_passage": proposal["passage"]},
        )
        self.count("mentions", created)

    def save_stage_event(self, proposal):
        dossier, date = self.dossier(proposal), _date(proposal.get("date"))
        # The model's rules: a stage the kind of file has, a period's first day.
        StageEvent(
            dossier=dossier, stage=proposal["stage"], date=date, precision=proposal["precision"]
        ).clean()
        _event, created = StageEvent.objects.get_or_create(
            dossier=dossier,
            stage=proposal["stage"],
            is_expected=proposal["expected"],
            date=date,
            source_document=self.document,
            defaults={
                "precision": proposal["precision"],
                "source_passage": proposal["passage"],
            },
        )
        self.count("stage_events", created)

    # -- commitments and motions --------------------------------------------------------------

    def save_commitment(self, proposal):
        passage = proposal["passage"]
        if proposal.get("matched_commitment"):
            commitment = Commitment.objects.get(pk=proposal["matched_commitment"])
            if commitment.fulfilment_mode == Commitment.FulfilmentMode.STANDING:
                new = not commitment.checks.filter(document=self.document).exists()
            elif commitment.fulfilled_by_document_id:
                # Fulfilled already (by this or another document): the first record stands.
                return
            else:
                new = True
            fulfil_commitment(commitment, document=self.document, passage=passage)
            self.count("commitments_fulfilled", new)
            return
        if not proposal["fulfilled_here"]:
            _commitment, created = Commitment.objects.get_or_create(
                made_in_document=self.document,
                made_in_passage=passage,
                defaults={
                    "subject": proposal["subject"][:300] or passage[:300],
                    "text": passage,
                    "fulfilment_mode": Commitment.FulfilmentMode.BY_LETTER,
                    "meeting": self.meeting,
                },
            )
            self.count("commitments", created)
            return
        debate, _created = Debate.objects.get_or_create(
            date=_date(proposal.get("debate_date")),
            kind=proposal.get("debate_kind") or Debate.Kind.COMMITTEE_DEBATE,
            subject=_("as cited in %(document)s") % {"document": self.document}
            if not self.meeting
            else _("before the %(meeting)s") % {"meeting": self.meeting},
        )
        existing = Commitment.objects.filter(
            debate=debate, fulfilled_by_document=self.document, fulfilment_passage=passage
        ).first()
        if existing:
            return
        commitment = Commitment.objects.create(
            subject=proposal["subject"][:300] or passage[:300],
            text=passage,
            debate=debate,
            fulfilment_mode=Commitment.FulfilmentMode.BY_LETTER,
            meeting=self.meeting,
        )
        commitment.members.set(self.members(proposal.get("mps", [])))
        fulfil_commitment(commitment, document=self.document, passage=passage)
        self.count("commitments", True)

    def members(self, surnames):
        people = []
        for surname in surnames:
            person = Person.objects.filter(role=Person.Role.MEMBER, name__iexact=surname).first()
            if person is None:
                person = Person.objects.create(
                    name=surname, role=Person.Role.MEMBER, chamber=self.document.chamber
                )
                self.count("people", True)
            people.append(person)
        return people

    def save_motion(self, proposal):
        if not proposal.get("citation"):
            return
        document = self.save_cited_document(
            proposal["citation"], ParliamentaryDocument.DocumentType.MOTION
        )
        motion, created = Motion.objects.get_or_create(
            document=document,
            defaults={"subject": proposal["passage"][:400]},
        )
        if created:
            motion.submitters.set(self.members(proposal.get("submitters", [])))
        self.count("motions", created)
        _report, created = MotionReport.objects.get_or_create(
            motion=motion, document=self.document, defaults={"passage": proposal["passage"]}
        )
        self.count("motion_reports", created)


@transaction.atomic
def accept_import(document_import, accepted, user=None, policy_area=PolicyArea.HOME_AFFAIRS):
    """Write `accepted` for `document_import`; all of it or, on any error, nothing.

    Returns {kind: number of records created}. Raises ValidationError with a message for the
    reviewer when a proposal cannot be written (for example a commitment fulfilled by a
    document without a date).
    """
    document_import = DocumentImport.objects.select_for_update().get(pk=document_import.pk)
    acceptance = Acceptance(document_import, accepted, policy_area)
    created = acceptance.run()
    document_import.document = acceptance.document
    document_import.status = DocumentImport.Status.ACCEPTED
    document_import.accepted_at = timezone.now()
    document_import.summary = created
    document_import.save()
    return created
