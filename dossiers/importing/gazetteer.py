"""What the app already knows, as plain data for the extractors: dossiers with their names,
members of parliament, commitments, documents and motions.

Built from the database in a fixed number of queries (Gazetteer.from_database), or by hand in
tests, so that extractors never touch the ORM.
"""

import datetime
import functools
from dataclasses import dataclass, field


@dataclass(frozen=True)
class KnownDossier:
    slug: str
    title: str
    short_name: str
    instrument_type: str
    aliases: tuple[str, ...] = ()
    commission_reference: str = ""  # "COM(2022) 245": a new name next to it is this dossier
    procedure_reference: str = ""

    @property
    def names(self):
        """Every name the documents may use: title, short name and aliases."""
        return tuple(name for name in (self.title, self.short_name, *self.aliases) if name)


@dataclass(frozen=True)
class KnownCommitment:
    pk: int
    members: tuple[str, ...]  # surnames
    debate_kind: str
    debate_date: datetime.date | None
    subject: str
    text: str
    status: str


@dataclass
class Gazetteer:
    dossiers: list[KnownDossier] = field(default_factory=list)
    members: list[str] = field(default_factory=list)  # surnames of members of parliament
    commitments: list[KnownCommitment] = field(default_factory=list)
    # Citation.key -> pk, for resolving cited Kamerstukken and motions.
    documents: dict[tuple, int] = field(default_factory=dict)
    motions: dict[tuple, int] = field(default_factory=dict)

    @functools.cached_property
    def commitments_by_members(self):
        """The commitments by the set of their members' surnames in lower case: a commitment in
        a document is matched only with those made to the same members."""
        by_members = {}
        for commitment in self.commitments:
            members = frozenset(name.lower() for name in commitment.members)
            by_members.setdefault(members, []).append(commitment)
        return by_members

    @classmethod
    def from_database(cls):
        from ..models import Commitment, Dossier, Motion, ParliamentaryDocument, Person

        dossiers = [
            KnownDossier(
                slug=dossier.slug,
                title=dossier.title,
                short_name=dossier.short_name,
                instrument_type=dossier.instrument_type,
                aliases=tuple(alias.alias for alias in dossier.aliases.all()),
                commission_reference=dossier.commission_reference,
                procedure_reference=dossier.procedure_reference,
            )
            for dossier in Dossier.objects.prefetch_related("aliases")
        ]
        commitments = [
            KnownCommitment(
                pk=commitment.pk,
                members=tuple(member.name for member in commitment.members.all()),
                debate_kind=commitment.debate.kind if commitment.debate else "",
                debate_date=commitment.debate.date if commitment.debate else None,
                subject=commitment.subject,
                text=commitment.text,
                status=commitment.status,
            )
            for commitment in Commitment.objects.select_related("debate").prefetch_related(
                "members"
            )
        ]
        documents = {
            document.as_citation().key: document.pk
            for document in ParliamentaryDocument.objects.exclude(sub_number="")
        }
        motions = {
            motion.document.as_citation().key: motion.pk
            for motion in Motion.objects.select_related("document").exclude(document__sub_number="")
        }
        members = list(
            Person.objects.filter(role=Person.Role.MEMBER).values_list("name", flat=True)
        )
        return cls(dossiers, members, commitments, documents, motions)
