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
        """What the database knows, read as plain values: with twenty years of data (thousands
        of dossiers, commitments and documents) model instances would cost seconds."""
        from ..citations import Citation
        from ..models import (
            Commitment,
            Dossier,
            DossierAlias,
            Motion,
            ParliamentaryDocument,
            Person,
        )

        aliases = {}
        for dossier_id, alias in DossierAlias.objects.values_list("dossier_id", "alias"):
            aliases.setdefault(dossier_id, []).append(alias)
        dossier_fields = ("slug", "title", "short_name", "instrument_type")
        dossier_fields += ("commission_reference", "procedure_reference")
        dossiers = [
            KnownDossier(**values, aliases=tuple(aliases.get(pk, ())))
            for pk, values in (
                (row.pop("pk"), row) for row in Dossier.objects.values("pk", *dossier_fields)
            )
        ]
        members_of = {}
        for commitment_id, name in Commitment.members.through.objects.values_list(
            "commitment_id", "person__name"
        ):
            members_of.setdefault(commitment_id, []).append(name)
        commitment_rows = Commitment.objects.values_list(
            "pk", "debate__kind", "debate__date", "subject", "text", "status"
        )
        commitments = [
            KnownCommitment(
                pk=pk,
                members=tuple(members_of.get(pk, ())),
                debate_kind=debate_kind or "",
                debate_date=debate_date,
                subject=subject,
                text=text,
                status=status,
            )
            for pk, debate_kind, debate_date, subject, text, status in commitment_rows
        ]

        def key(chamber, number, chapter, sub_number):
            return Citation(
                chamber=chamber,
                dossier_number=number,
                dossier_chapter=chapter,
                sub_number=sub_number,
            ).key

        number_fields = ("chamber", "dossier_number", "dossier_chapter", "sub_number")
        documents = {
            key(*fields): pk
            for pk, *fields in ParliamentaryDocument.objects.exclude(sub_number="").values_list(
                "pk", *number_fields
            )
        }
        motions = {
            key(*fields): pk
            for pk, *fields in Motion.objects.exclude(document__sub_number="").values_list(
                "pk", *(f"document__{field}" for field in number_fields)
            )
        }
        members = list(
            Person.objects.filter(role=Person.Role.MEMBER).values_list("name", flat=True)
        )
        return cls(dossiers, members, commitments, documents, motions)
