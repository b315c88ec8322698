"""What the importer proposes: one dataclass per kind, each with its passage and a confidence.

The field names are the JSON schema of `import_document --dry-run --format json` (README).
Confidence is a float in 0..1: how sure the extractor is that the proposal is right.
"""

import datetime
from dataclasses import asdict, dataclass, field

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .reader import UnreadableDocument

# What each list of proposals is called on the review page and in messages.
KIND_LABELS = {
    "agenda_items": _("Agenda items"),
    "citations": _("Cited Kamerstukken"),
    "mentions": _("Dossier mentions"),
    "stage_events": _("Stage events"),
    "commitments": _("Commitments"),
    "motions": _("Motions"),
}
# More proposals of one kind than this and a document is refused: a 30-page report gives at
# most a few hundred (the five seeds together: 74 mentions, 82 stage events), and no one
# reviews thousands on one page.
MAX_PROPOSALS_PER_KIND = 1000


class TooManyProposals(UnreadableDocument):
    """A document gives more proposals of one kind than MAX_PROPOSALS_PER_KIND; `count` None
    when the extractor stopped as soon as it knew (it has more, how many more is not known)."""

    def __init__(self, kind, count=None):
        values = {"count": count, "kind": KIND_LABELS[kind], "limit": MAX_PROPOSALS_PER_KIND}
        if count is None:
            message = gettext(
                "This document gives more than %(limit)d proposals of the kind “%(kind)s”, the "
                "most the importer takes per document. Is it one Kamerstuk? Upload the parts of "
                "a collection one by one."
            )
        else:
            message = gettext(
                "This document gives %(count)d proposals of the kind “%(kind)s”; the importer "
                "takes at most %(limit)d per document. Is it one Kamerstuk? Upload the parts "
                "of a collection one by one."
            )
        super().__init__(message % values)


def past_the_bound(count):
    """Whether `count` proposals of one kind are more than a document may give (the bound is
    read here, when asked, so that the benchmark can lift it in one place)."""
    return count > MAX_PROPOSALS_PER_KIND


def bounded(kind, proposals):
    """`proposals` of `kind`, or TooManyProposals when there are more than the bound."""
    if past_the_bound(len(proposals)):
        raise TooManyProposals(kind, len(proposals))
    return proposals


@dataclass
class DocumentProposal:
    document_type: str  # a ParliamentaryDocument.DocumentType value
    title: str = ""
    date: datetime.date | None = None
    chamber: str = ""  # "TK" or "EK"; the addressee
    addressee: str = ""  # as printed: "Tweede Kamer der Staten-Generaal"
    signatories: list[str] = field(default_factory=list)  # titles as printed
    citation: str = ""  # its own Kamerstuk number, canonical, when printed
    confidence: float = 1.0


@dataclass
class MeetingProposal:
    start_date: datetime.date | None
    end_date: datetime.date | None
    is_informal: bool = False
    location: str = ""
    passage: str = ""
    formation: str = "jbz"  # a CouncilMeeting.Formation value
    confidence: float = 1.0


@dataclass
class AgendaItemProposal:
    section: str  # "bz" or "justitie"
    number: int
    title: str
    main_result: str = ""
    confidence: float = 1.0


@dataclass
class CitationProposal:
    text: str  # as printed
    # The number fields hold a Kamerstuk's; other kinds (citations.parse_reference: the
    # Handelingen, their Aanhangsel, a letter by its date) are known by `canonical` alone.
    chamber: str
    number: str
    sub_number: str
    session_year: str
    chapter: str = ""
    canonical: str = ""
    known_document: int | None = None  # pk of the ParliamentaryDocument it resolves to
    passage: str = ""
    in_footnote: bool = False
    confidence: float = 1.0


@dataclass
class MentionProposal:
    dossier: str | None  # slug of a known dossier, None for an instrument not yet known
    name: str  # as found in the text
    passage: str
    confidence: float = 1.0
    # What the passage says of the instrument, for a new dossier: EU references (canonical,
    # citations.EUReference), the instrument type and a short name where one is defined.
    references: list[str] = field(default_factory=list)
    instrument_type: str = ""
    short_name: str = ""
    aliases: list[str] = field(default_factory=list)  # other names of the new file, as printed


@dataclass
class StageEventProposal:
    dossier: str | None
    name: str
    stage: int  # a Stage value
    date: datetime.date | None
    precision: str  # a Precision value
    expected: bool
    passage: str
    confidence: float = 1.0


@dataclass
class CommitmentProposal:
    mps: list[str]  # surnames as printed: ["Piri"]
    debate_kind: str  # a Debate.Kind value, "" when not said
    debate_date: datetime.date | None
    subject: str
    fulfilled_here: bool  # the document fulfils it (True) or promises to inform later (False)
    matched_commitment: int | None  # pk of a known commitment it fulfils
    passage: str
    confidence: float = 1.0
    number: str = ""  # the Eerste Kamer's own number, "T03401", where printed


@dataclass
class MotionProposal:
    citation: str  # canonical Kamerstuk citation of the motion
    submitters: list[str]
    passage: str
    known_motion: int | None = None
    confidence: float = 1.0


@dataclass
class Proposals:
    document: DocumentProposal
    meeting: MeetingProposal | None = None
    agenda_items: list[AgendaItemProposal] = field(default_factory=list)
    citations: list[CitationProposal] = field(default_factory=list)
    mentions: list[MentionProposal] = field(default_factory=list)
    stage_events: list[StageEventProposal] = field(default_factory=list)
    commitments: list[CommitmentProposal] = field(default_factory=list)
    motions: list[MotionProposal] = field(default_factory=list)

    KINDS = ("agenda_items", "citations", "mentions", "stage_events", "commitments", "motions")

    def as_json(self):
        """Plain JSON types: dates as ISO strings."""
        return _jsonable(asdict(self))


def _jsonable(value):
    if isinstance(value, dict):
        return {key: _jsonable(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_jsonable(item) for item in value]
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value
