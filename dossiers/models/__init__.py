"""The domain: EU files (dossiers), their stages, Council meetings, documents, people,
commitments and motions. One module per concept."""

from .access import FeedToken, ReminderSubscription
from .base import Chamber, PolicyArea
from .commitment import Commitment, DueDateChange, StandingCommitmentCheck
from .council import AgendaItem, CouncilMeeting, Mention
from .document import ParliamentaryDocument
from .dossier import Dossier, DossierAlias, Topic
from .importing import DocumentImport
from .motion import Motion, MotionReport
from .people import Debate, Person
from .sources import Source, SourceProposal, SourceSync
from .stage import Stage, StageEvent

__all__ = [
    "AgendaItem",
    "Chamber",
    "Commitment",
    "CouncilMeeting",
    "Debate",
    "DocumentImport",
    "Dossier",
    "DossierAlias",
    "DueDateChange",
    "FeedToken",
    "Mention",
    "Motion",
    "MotionReport",
    "ParliamentaryDocument",
    "Person",
    "PolicyArea",
    "ReminderSubscription",
    "Source",
    "SourceProposal",
    "SourceSync",
    "Stage",
    "StageEvent",
    "StandingCommitmentCheck",
    "Topic",
]
