"""Generate a synthetic, realistic data set for benchmarks: twenty years of JBZ work per scale unit.

Scale 1 is about 150 Council meetings, 2,000 dossiers, 20,000 stage events, 30,000 mentions,
5,000 commitments and 10,000 documents between October 2006 and October 2026 (SYNTHETIC_TODAY),
with the shapes the real data has: stage events in path order with increasing dates (most dossiers
3-15, a few 80), agenda items per meeting, aliases, packages with instruments, expected
milestones, commitments of every fulfilment mode and status, people and debates.

The same seed gives the same data on an empty database. Every record is recognisable: slugs and
user names start with "syn-<seed>-", notes with "[syn-<seed>]", so --flush-synthetic can remove
them. Records are inserted with bulk_create, so django-simple-history keeps no history of them.
"""

import bisect
import datetime
import itertools
import random
from contextlib import contextmanager

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.management import BaseCommand, CommandError
from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.models import Max, Q
from django.utils.text import slugify

from dossiers.dates import MONTH_NAMES, Precision, period_start
from dossiers.models import (
    AgendaItem,
    Commitment,
    CouncilMeeting,
    Debate,
    Dossier,
    DossierAlias,
    Mention,
    Motion,
    MotionReport,
    ParliamentaryDocument,
    Person,
    PolicyArea,
    Stage,
    StageEvent,
    StandingCommitmentCheck,
    Topic,
)
from dossiers.models.dossier import STAGE_PATHS
from dossiers.models.stage import LEGISLATIVE_PATH

SYNTHETIC_TODAY = datetime.date(2026, 10, 1)
START = datetime.date(2006, 10, 1)
SPAN_DAYS = (SYNTHETIC_TODAY - START).days
BATCH_SIZE = 2000
MARK = "[syn-"

# What one unit of scale holds (twenty years of JBZ work).
PER_SCALE = {
    "meetings": 150,
    "dossiers": 2000,
    "stage_events": 20000,
    "mentions": 30000,
    "commitments": 5000,
    "documents": 10000,
    "motions": 400,
    "members": 250,
    "ministers": 20,
    "officers": 15,
}


# The rotating presidency, one a half year from the second half of 2006.
PRESIDENCIES = [
    ("Finland", "Helsinki"),
    ("Duitsland", "Berlijn"),
    ("Portugal", "Lissabon"),
    ("Slovenië", "Ljubljana"),
    ("Frankrijk", "Parijs"),
    ("Tsjechië", "Praag"),
    ("Zweden", "Stockholm"),
    ("Spanje", "Madrid"),
    ("België", "Brussel"),
    ("Hongarije", "Boedapest"),
    ("Polen", "Warschau"),
    ("Denemarken", "Kopenhagen"),
    ("Cyprus", "Nicosia"),
    ("Ierland", "Dublin"),
    ("Litouwen", "Vilnius"),
    ("Griekenland", "Athene"),
    ("Italië", "Rome"),
    ("Letland", "Riga"),
    ("Luxemburg", "Luxemburg"),
    ("Nederland", "Amsterdam"),
    ("Slowakije", "Bratislava"),
    ("Malta", "Valletta"),
    ("Estland", "Tallinn"),
    ("Bulgarije", "Sofia"),
    ("Oostenrijk", "Wenen"),
    ("Roemenië", "Boekarest"),
    ("Finland", "Helsinki"),
    ("Kroatië", "Zagreb"),
    ("Duitsland", "Berlijn"),
    ("Portugal", "Lissabon"),
    ("Slovenië", "Ljubljana"),
    ("Frankrijk", "Parijs"),
    ("Tsjechië", "Praag"),
    ("Zweden", "Stockholm"),
    ("Spanje", "Madrid"),
    ("België", "Brussel"),
    ("Hongarije", "Boedapest"),
    ("Polen", "Warschau"),
    ("Denemarken", "Kopenhagen"),
    ("Cyprus", "Nicosia"),
    ("Ierland", "Dublin"),
    ("Litouwen", "Vilnius"),
]

SURNAMES = [
    "De Vries",
    "Jansen",
    "Van den Berg",
    "Bakker",
    "Visser",
    "Smit",
    "Meijer",
    "De Boer",
    "Mulder",
    "De Groot",
    "Bos",
    "Vos",
    "Peters",
    "Hendriks",
    "Van Leeuwen",
    "Dekker",
    "Brouwer",
    "De Wit",
    "Dijkstra",
    "Smits",
    "De Graaf",
    "Van der Meer",
    "Van der Linden",
    "Kok",
    "Jacobs",
    "De Haan",
    "Vermeulen",
    "Van den Heuvel",
    "Van der Veen",
    "Van den Broek",
    "De Bruijn",
    "Van der Heijden",
    "Schouten",
    "Van Beek",
    "Willems",
    "Van Vliet",
    "Van de Ven",
    "Hoekstra",
    "Maas",
    "Verhoeven",
    "Koster",
    "Van Dam",
    "Van der Wal",
    "Prins",
    "Blom",
    "Huisman",
    "Peeters",
    "Kuipers",
    "Postma",
    "Kramer",
]
PARTIES = ["VVD", "PVV", "CDA", "D66", "GL-PvdA", "SP", "CU", "SGP", "PvdD", "JA21", "NSC", "BBB"]
MINISTER_TITLES = [
    (Person.Role.MINISTER, "Minister van Justitie en Veiligheid"),
    (Person.Role.STATE_SECRETARY, "Staatssecretaris van Justitie en Veiligheid"),
    (Person.Role.MINISTER, "Minister voor Asiel en Migratie"),
    (Person.Role.MINISTER, "Minister van Binnenlandse Zaken en Koninkrijksrelaties"),
]
TOPICS = [
    "Asiel en migratie",
    "Grenzen en Schengen",
    "Politiesamenwerking",
    "Terrorismebestrijding",
    "Strafrechtelijke samenwerking",
    "Civiel recht",
    "Digitalisering en gegevens",
    "Grondrechten",
]

# The subject of a file: its Dutch wording, policy area, topic index and acronym stem.
SUBJECTS = [
    ("de terugkeer van illegaal verblijvende onderdanen van derde landen", "bz", 0, "TR"),
    ("de gemeenschappelijke asielprocedure", "bz", 0, "AP"),
    ("de opvang van verzoekers om internationale bescherming", "bz", 0, "OV"),
    ("de erkenning als persoon die internationale bescherming geniet", "bz", 0, "KW"),
    ("de vestiging van Eurodac", "bz", 0, "EUR"),
    ("de screening van onderdanen van derde landen aan de buitengrenzen", "bz", 1, "SCR"),
    ("crisissituaties en overmacht op het gebied van migratie en asiel", "bz", 0, "CRI"),
    ("hervestiging en humanitaire toelating", "bz", 0, "HV"),
    ("de Schengengrenscode", "bz", 1, "SGC"),
    ("het Schengeninformatiesysteem", "bz", 1, "SIS"),
    ("het inreis-uitreissysteem", "bz", 1, "EES"),
    ("het Europees reisinformatie- en -autorisatiesysteem", "bz", 1, "ETIAS"),
    ("de interoperabiliteit van informatiesystemen", "bz", 6, "IO"),
    ("het Visuminformatiesysteem", "bz", 1, "VIS"),
    ("de gecombineerde vergunning voor verblijf en arbeid", "bz", 0, "GVVA"),
    ("langdurig ingezeten onderdanen van derde landen", "bz", 0, "LTR"),
    ("Europol", "bz", 2, "EPL"),
    ("de uitwisseling van informatie tussen rechtshandhavingsinstanties", "bz", 2, "IE"),
    ("geautomatiseerde gegevensuitwisseling voor politiële samenwerking (Prüm II)", "bz", 2, "PR"),
    ("passagiersgegevens (PNR)", "bz", 2, "PNR"),
    ("het voorkomen van de verspreiding van terroristische online-inhoud", "bz", 3, "TCO"),
    ("precursoren voor explosieven", "bz", 3, "PRE"),
    ("de bestrijding van seksueel misbruik van kinderen", "justitie", 4, "CSAM"),
    ("de voorkoming en bestrijding van mensenhandel", "justitie", 4, "MH"),
    ("het Europees openbaar ministerie", "justitie", 4, "EOM"),
    ("Eurojust", "justitie", 4, "EJ"),
    ("het Europees bewijsverkrijgingsbevel", "justitie", 6, "EBV"),
    ("de overdracht van strafvervolging", "justitie", 4, "OS"),
    ("procedurele rechten van verdachten", "justitie", 7, "PRV"),
    ("slachtofferrechten", "justitie", 7, "SR"),
    ("de bestrijding van corruptie", "justitie", 4, "COR"),
    ("de confiscatie en ontneming van vermogensbestanddelen", "justitie", 4, "CON"),
    ("milieucriminaliteit", "justitie", 4, "MC"),
    ("de digitalisering van justitiële samenwerking", "justitie", 6, "DIG"),
    ("grensoverschrijdende insolventieprocedures", "justitie", 5, "INS"),
    ("de erkenning van ouderschap tussen lidstaten", "justitie", 5, "OUD"),
    ("de bescherming van volwassenen in grensoverschrijdende situaties", "justitie", 5, "BV"),
    ("strategische rechtszaken tegen publieke participatie (anti-SLAPP)", "justitie", 7, "SLP"),
    ("de bestrijding van geweld tegen vrouwen en huiselijk geweld", "justitie", 7, "GTV"),
    ("kunstmatige intelligentie", "justitie", 6, "AI"),
    ("gegevensbescherming bij rechtshandhaving", "justitie", 6, "GB"),
    ("e-evidence", "justitie", 6, "EEV"),
]
QUALIFIERS = ["betreffende", "tot wijziging van de regels inzake", "inzake", "over"]
GENERAL_AGENDA_ITEMS = [
    "Stand van zaken Schengen",
    "Migratiesituatie",
    "Externe dimensie van migratie",
    "Terrorismebestrijding",
    "Rechtsstaat",
    "Oekraïne",
    "Interne veiligheid",
    "Georganiseerde criminaliteit en drugshandel",
    "Justitiële samenwerking",
    "Mensenrechten",
    "Digitalisering van justitie",
    "Overige onderwerpen",
]

T = Dossier.InstrumentType
# Instrument types with their share of the dossiers (packages are added separately).
INSTRUMENT_MIX = [
    (T.REGULATION, 35),
    (T.DIRECTIVE, 20),
    (T.DECISION, 12),
    (T.RECOMMENDATION, 6),
    (T.COUNCIL_CONCLUSIONS, 13),
    (T.INTERNATIONAL_AGREEMENT, 5),
    (T.COMMUNICATION, 6),
    (T.OTHER, 3),
]
TYPE_WORDS = {
    T.REGULATION: "Verordening",
    T.DIRECTIVE: "Richtlijn",
    T.DECISION: "Besluit",
    T.RECOMMENDATION: "Aanbeveling van de Raad",
    T.COUNCIL_CONCLUSIONS: "Raadsconclusies",
    T.INTERNATIONAL_AGREEMENT: "Overeenkomst",
    T.COMMUNICATION: "Mededeling",
    T.PACKAGE: "Pakket",
    T.OTHER: "Initiatief",
}
PROCEDURE_TYPES = {T.REGULATION: "COD", T.DIRECTIVE: "COD", T.DECISION: "NLE"}
CELEX_LETTERS = {T.REGULATION: "R", T.DIRECTIVE: "L", T.DECISION: "D", T.RECOMMENDATION: "H"}

STAGE_PHRASES = {
    Stage.PROPOSAL: "presenteerde de Europese Commissie het voorstel",
    Stage.BNC_FICHE: "is het BNC-fiche aan de Kamer gezonden",
    Stage.WORKING_PARTY: "begonnen de besprekingen in de Raadswerkgroep",
    Stage.COUNCIL_MANDATE: "bereikte de Raad een algemene oriëntatie",
    Stage.EP_MANDATE: "stelde het Europees Parlement zijn onderhandelingsmandaat vast",
    Stage.TRILOGUES: "begonnen de triloogonderhandelingen",
    Stage.PROVISIONAL_AGREEMENT: "werd een voorlopig politiek akkoord bereikt",
    Stage.COREPER_ENDORSEMENT: "stemde het Coreper in met het akkoord",
    Stage.EP_COMMITTEE_VOTE: "stemde de LIBE-commissie in",
    Stage.EP_PLENARY_VOTE: "stemde het Europees Parlement in plenaire vergadering in",
    Stage.COUNCIL_ADOPTION: "stelde de Raad de tekst vast",
    Stage.COMMISSION_ADOPTION: "stelde de Commissie de tekst vast",
    Stage.PUBLICATION: "is de tekst bekendgemaakt in het Publicatieblad",
    Stage.ENTRY_INTO_FORCE: "trad de tekst in werking",
    Stage.APPLICATION: "verstreek de termijn voor omzetting of toepassing",
    Stage.WITHDRAWN: "trok de Commissie het voorstel in",
    Stage.STALLED: "liepen de onderhandelingen vast",
}
COUNCIL_STAGES = (Stage.COUNCIL_MANDATE, Stage.COUNCIL_ADOPTION)
COMMITMENT_TOPICS = [
    "de voortgang van de onderhandelingen",
    "de uitvoering in Nederland",
    "de financiële gevolgen",
    "de positie van andere lidstaten",
    "de gevolgen voor de uitvoeringsorganisaties",
    "de appreciatie van het compromisvoorstel",
    "de stand van de implementatie",
    "de evaluatie door de Commissie",
    "de rechtsstatelijke waarborgen",
    "de inzet bij de triloog",
]


def scaled(name, scale):
    return max(1, round(PER_SCALE[name] * scale))


def dutch_date(day):
    return f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year}"


def session_year(day):
    first = day.year if day.month >= 9 else day.year - 1
    return f"{first}-{first + 1}"


def synthetic_q(seed=None):
    """The synthetic records of one seed (or of every seed), by their marked notes."""
    prefix = MARK if seed is None else f"{MARK}{seed}]"
    return {
        "notes": Q(notes__startswith=prefix),
        "note": Q(note__startswith=prefix),
        "slug": Q(slug__startswith="syn-" if seed is None else f"syn-{seed}-"),
    }


def synthetic_exists(seed):
    return Dossier.objects.filter(synthetic_q(seed)["slug"]).exists()


def flush_synthetic():
    """Delete every synthetic record with plain DELETE statements, in dependency order.

    Deleting through the ORM would fetch each row and write a history record for each one
    (django-simple-history listens to post_delete): minutes at scale 10 instead of seconds.
    """
    q = synthetic_q()
    User = get_user_model()
    commitments = Commitment.objects.filter(q["notes"]).values("pk")
    motions = Motion.objects.filter(q["notes"]).values("pk")
    dossiers = Dossier.objects.filter(q["slug"]).values("pk")
    documents = ParliamentaryDocument.objects.filter(q["notes"]).values("pk")
    steps = [
        (Commitment.members.through, Q(commitment__in=commitments)),
        (Commitment.dossiers.through, Q(commitment__in=commitments)),
        (Motion.submitters.through, Q(motion__in=motions)),
        (Motion.dossiers.through, Q(motion__in=motions)),
        (Dossier.topics.through, Q(dossier__in=dossiers)),
        (ParliamentaryDocument.meetings.through, Q(parliamentarydocument__in=documents)),
        (ParliamentaryDocument.signatories.through, Q(parliamentarydocument__in=documents)),
        (StandingCommitmentCheck, Q(commitment__in=commitments)),
        (MotionReport, Q(motion__in=motions)),
        (Commitment, q["notes"]),
        (Motion, q["notes"]),
        (StageEvent, q["note"]),
        (Mention, q["note"]),
        (AgendaItem, q["note"]),
        (DossierAlias, Q(dossier__in=dossiers)),
        (Dossier, q["slug"]),
        (Debate, q["notes"]),
        (ParliamentaryDocument, q["notes"]),
        (CouncilMeeting, q["notes"]),
        (Person, q["notes"]),
        (Topic, q["slug"]),
        (User, Q(username__startswith="syn-")),
    ]
    counts = {}
    with transaction.atomic(), connection.cursor() as cursor:
        for model, condition in steps:
            pks, params = (
                model._default_manager.filter(condition).values("pk").query.sql_with_params()
            )
            table = connection.ops.quote_name(model._meta.db_table)
            pk = connection.ops.quote_name(model._meta.pk.column)
            cursor.execute(f"DELETE FROM {table} WHERE {pk} IN ({pks})", params)
            counts[model._meta.label] = cursor.rowcount
    return counts


@contextmanager
def given_timestamps(*models):
    """Let bulk_create keep the created_at/updated_at we set: twenty years of history, not now."""
    fields = [
        field
        for model in models
        for field in model._meta.concrete_fields
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)
    ]
    saved = [(field, field.auto_now, field.auto_now_add) for field in fields]
    for field in fields:
        field.auto_now = field.auto_now_add = False
    try:
        yield
    finally:
        for field, auto_now, auto_now_add in saved:
            field.auto_now, field.auto_now_add = auto_now, auto_now_add


def at_nine(day):
    return datetime.datetime.combine(day, datetime.time(9), tzinfo=datetime.UTC)


class Generator:
    """Builds the records in memory with explicit primary keys, then bulk-inserts them."""

    def __init__(self, scale, seed):
        self.seed = seed
        self.rng = random.Random(seed)
        self.mark = f"{MARK}{seed}] Synthetische testgegevens."
        self.rows = {}
        self.next_pk = {}
        self.counts = {name: scaled(name, scale) for name in PER_SCALE}

    # Bookkeeping --------------------------------------------------------------------------

    def add(self, obj):
        model = type(obj)
        if obj.pk is None:
            if model not in self.next_pk:
                current = model._default_manager.aggregate(top=Max("pk"))["top"] or 0
                self.next_pk[model] = current + 1
            obj.pk = self.next_pk[model]
            self.next_pk[model] += 1
        self.rows.setdefault(model, []).append(obj)
        return obj

    def through(self, model, **fields):
        self.rows.setdefault(model, []).append(model(**fields))

    def chance(self, p):
        return self.rng.random() < p

    def day_between(self, first, last):
        return first + datetime.timedelta(days=self.rng.randint(0, max(0, (last - first).days)))

    # The data -----------------------------------------------------------------------------

    def build(self):
        self.build_people()
        self.build_meetings()
        self.build_dossiers()
        self.build_documents()
        self.build_stage_events()
        self.build_mentions()
        self.build_debates()
        self.build_commitments()
        self.build_motions()

    def build_people(self):
        rng = self.rng
        taken = set(Person.objects.values_list("name", "role"))
        names = itertools.chain(
            SURNAMES,
            (f"{a}-{b}" for a, b in itertools.product(SURNAMES, SURNAMES) if a != b),
            (
                f"{a}-{b} {n}"
                for n in itertools.count(2)
                for a, b in zip(SURNAMES, SURNAMES[1:], strict=False)
            ),
        )
        self.members = []
        for name in names:
            if len(self.members) == self.counts["members"]:
                break
            if (name, Person.Role.MEMBER) in taken:
                continue
            chamber = "EK" if self.chance(0.15) else "TK"
            self.members.append(
                self.add(
                    Person(
                        name=name,
                        initials=self._initials(),
                        role=Person.Role.MEMBER,
                        party=rng.choice(PARTIES),
                        chamber=chamber,
                        notes=self.mark,
                    )
                )
            )
        # Ministers hold a post for a term; several posts run side by side.
        self.ministers = []
        ministers = self.counts["ministers"]
        posts = min(len(MINISTER_TITLES), max(1, ministers // 5))
        terms = -(-ministers // posts)
        term_days = SPAN_DAYS // terms + 1
        surnames = itertools.cycle(reversed(SURNAMES))
        for index in range(ministers):
            role, title = MINISTER_TITLES[index % posts]
            term = index // posts
            name = next(surnames)
            while (name, role) in taken:
                name = f"{name} {self.seed}-{index}"
            taken.add((name, role))
            person = self.add(
                Person(
                    name=name,
                    initials=self._initials(),
                    role=role,
                    title=title,
                    party=rng.choice(PARTIES),
                    notes=self.mark,
                )
            )
            person.term = (
                START + datetime.timedelta(days=term * term_days),
                START + datetime.timedelta(days=(term + 1) * term_days),
            )
            self.ministers.append(person)
        User = get_user_model()
        password = make_password(None)
        self.officers = [
            self.add(
                User(
                    username=f"syn-{self.seed}-medewerker-{n + 1}",
                    first_name="Medewerker",
                    last_name=str(n + 1),
                    password=password,
                )
            )
            for n in range(self.counts["officers"])
        ]
        self.topics = [
            self.add(
                Topic(name=f"{name} (syn-{self.seed})", slug=f"syn-{self.seed}-{slugify(name)}")
            )
            for name in TOPICS
        ]

    def _initials(self):
        letters = "ABCDEFGHIJKLMNOPRSTW"
        return "".join(f"{self.rng.choice(letters)}." for _ in range(self.rng.randint(1, 2)))

    def minister_on(self, day):
        serving = [m for m in self.ministers if m.term[0] <= day < m.term[1]]
        return self.rng.choice(serving or self.ministers)

    def build_meetings(self):
        rng = self.rng
        taken = set(CouncilMeeting.objects.values_list("formation", "start_date"))
        n = self.counts["meetings"]
        # A few meetings are still to come after SYNTHETIC_TODAY.
        span = SPAN_DAYS + 180
        self.meetings = []
        for index in range(n):
            start = START + datetime.timedelta(days=int((index + rng.random()) * span / n))
            start -= datetime.timedelta(days=max(0, start.weekday() - 3))
            roll = rng.random()
            formation = (
                CouncilMeeting.Formation.JHA
                if roll < 0.86
                else CouncilMeeting.Formation.EUROPEAN_COUNCIL
                if roll < 0.93
                else CouncilMeeting.Formation.GENERAL_AFFAIRS
            )
            while (formation, start) in taken:
                start += datetime.timedelta(days=1)
            taken.add((formation, start))
            informal = formation == CouncilMeeting.Formation.JHA and self.chance(0.22)
            semester = (start.year - 2006) * 2 + (start.month > 6) - 1
            country, capital = PRESIDENCIES[max(0, semester) % len(PRESIDENCIES)]
            if informal:
                location = capital
            elif start.month in (4, 6, 10):
                location = "Luxemburg"
            else:
                location = "Brussel"
            end = start + datetime.timedelta(days=1 if self.chance(0.7) else 0)
            meeting = self.add(
                CouncilMeeting(
                    formation=formation,
                    is_informal=informal,
                    start_date=start,
                    end_date=end,
                    location=location,
                    presidency=country,
                    notes=self.mark,
                )
            )
            meeting.items = {PolicyArea.HOME_AFFAIRS: [], PolicyArea.JUSTICE: []}
            for section in (PolicyArea.HOME_AFFAIRS, PolicyArea.JUSTICE):
                for number in range(1, rng.randint(4, 10) + 1):
                    item = self.add(
                        AgendaItem(
                            meeting=meeting,
                            section=section,
                            number=number,
                            title=rng.choice(GENERAL_AGENDA_ITEMS),
                            format=rng.choice(AgendaItem.Format.values),
                            main_result=(
                                "De Raad bereikte overeenstemming." if self.chance(0.1) else ""
                            ),
                            note=self.mark,
                        )
                    )
                    meeting.items[section].append(item)
            meeting.papers = []
            self.meetings.append(meeting)
        self.meetings.sort(key=lambda m: m.start_date)
        self.meeting_days = [m.start_date for m in self.meetings]
        self.jha_meetings = [m for m in self.meetings if m.formation == "jbz"]
        self.jha_days = [m.start_date for m in self.jha_meetings]
        self.reported_meetings = bisect.bisect_right(self.jha_days, SYNTHETIC_TODAY)

    def build_dossiers(self):
        """Dossier skeletons with their planned stage history; stage events come later."""
        rng = self.rng
        n = self.counts["dossiers"]
        n_packages = max(1, n // 50)
        types = [kind for kind, weight in INSTRUMENT_MIX for _ in range(weight)]
        taken_refs = set(
            Dossier.objects.exclude(procedure_reference="").values_list(
                "procedure_reference", flat=True
            )
        )
        taken_celex = set(Dossier.objects.exclude(celex="").values_list("celex", flat=True))
        taken_aliases = {
            alias.lower() for alias in DossierAlias.objects.values_list("alias", flat=True)
        }
        numbers = {}
        self.dossiers = []
        self.fiches = []
        for index in range(n):
            kind = T.PACKAGE if index < n_packages else rng.choice(types)
            subject, area, topic, stem = rng.choice(SUBJECTS)
            proposed = START + datetime.timedelta(days=int(rng.random() * SPAN_DAYS))
            if kind == T.PACKAGE:
                title = f"Pakket {subject} ({proposed.year})"
            else:
                title = f"{TYPE_WORDS[kind]} {rng.choice(QUALIFIERS)} {subject}"
            short_name = f"{stem}{proposed.year % 100:02d}" if self.chance(0.6) else ""
            year = proposed.year
            commission_reference = procedure_reference = ""
            if kind not in (T.COUNCIL_CONCLUSIONS, T.PACKAGE, T.OTHER):
                numbers[year] = numbers.get(year, 0) + rng.randint(1, 4)
                commission_reference = f"COM({year}) {numbers[year]}"
            if kind in PROCEDURE_TYPES:
                candidate = f"{year}/{numbers[year]:04d}({PROCEDURE_TYPES[kind]})"
                if candidate not in taken_refs:
                    taken_refs.add(candidate)
                    procedure_reference = candidate
            dossier = self.add(
                Dossier(
                    title=title,
                    short_name=short_name,
                    slug=f"syn-{self.seed}-{index + 1:05d}-{slugify(subject)}"[:100],
                    instrument_type=kind,
                    commission_reference=commission_reference,
                    procedure_reference=procedure_reference,
                    policy_area=area,
                    responsible_officer=rng.choice(self.officers) if self.chance(0.7) else None,
                    notes=self.mark,
                )
            )
            dossier.topic_ids = sorted({self.topics[topic].pk} | {rng.choice(self.topics).pk})
            dossier.plan = self._plan(dossier, proposed)
            actual = [step for step in dossier.plan if not step[2] and step[1]]
            dossier.active = (proposed, actual[-1][1] if actual else proposed)
            dossier.created_at = at_nine(proposed)
            dossier.updated_at = at_nine(max((s[1] for s in actual), default=proposed))
            if kind in CELEX_LETTERS and any(s[0] == Stage.PUBLICATION for s in actual):
                candidate = f"3{year}{CELEX_LETTERS[kind]}{numbers.get(year, 1):04d}"
                if candidate not in taken_celex:
                    taken_celex.add(candidate)
                    dossier.celex = candidate
            fiche_step = next((s for s in actual if s[0] == Stage.BNC_FICHE), None)
            if fiche_step:
                fiche = self.add(
                    ParliamentaryDocument(
                        dossier_number="22112",
                        document_type=ParliamentaryDocument.DocumentType.BNC_FICHE,
                        date=fiche_step[1],
                        title=f"Fiche: {title}"[:400],
                        notes=self.mark,
                    )
                )
                dossier.bnc_fiche = fiche
                self.fiches.append(fiche)
            for alias in (short_name, commission_reference, f"{stem}-{kind} {year}/{index + 1}"):
                if alias and alias.lower() not in taken_aliases:
                    taken_aliases.add(alias.lower())
                    self.add(DossierAlias(dossier=dossier, alias=alias))
            for topic_id in dossier.topic_ids:
                self.through(Dossier.topics.through, dossier_id=dossier.pk, topic_id=topic_id)
            self.dossiers.append(dossier)
        # Packages hold three to eight legislative instruments of the years around them.
        legislative = [d for d in self.dossiers if d.instrument_type in Dossier.LEGISLATIVE_TYPES]
        legislative.sort(key=lambda d: d.active[0])
        starts = [d.active[0] for d in legislative]
        for package in self.dossiers[:n_packages]:
            at = bisect.bisect_left(starts, package.active[0])
            free = [d for d in legislative[max(0, at - 10) : at + 10] if d.parent_id is None]
            for instrument in free[: rng.randint(3, 8)]:
                instrument.parent = package
        self.dossiers_by_start = sorted(self.dossiers, key=lambda d: (d.active[0], d.pk))
        self.dossier_starts = [d.active[0] for d in self.dossiers_by_start]

    def _plan(self, dossier, proposed):
        """(stage, date or None, expected, precision, meeting) in path order, dates increasing."""
        rng = self.rng
        path = list(STAGE_PATHS.get(dossier.instrument_type, LEGISLATIVE_PATH))
        crowded = self.chance(0.003)
        if self.chance(0.07):
            off_path = Stage.WITHDRAWN if self.chance(0.6) else Stage.STALLED
            path = path[: rng.randint(2, max(2, len(path) - 2))] + [off_path]
        vague = [Precision.MONTH, Precision.QUARTER, Precision.HALF_YEAR]
        steps = []
        day = proposed
        for position, stage in enumerate(path):
            if position:
                day += datetime.timedelta(days=rng.randint(20, 220))
            if day > SYNTHETIC_TODAY:
                # What lies ahead is foreseen by the documents, not reached.
                for ahead in path[position : position + rng.randint(1, 3)]:
                    if ahead in Stage.off_path():
                        break
                    precision = rng.choice(vague)
                    steps.append((ahead, period_start(day, precision), True, precision, None))
                    day += datetime.timedelta(days=rng.randint(60, 200))
                break
            if position and stage not in Stage.off_path() and self.chance(0.22):
                continue  # passed, but no document recorded it
            if crowded or self.chance(0.35):
                precision = rng.choice(vague)
                foreseen = day + datetime.timedelta(days=rng.randint(-40, 90))
                steps.append((stage, period_start(foreseen, precision), True, precision, None))
            meeting = None
            if stage in COUNCIL_STAGES:
                at = bisect.bisect_left(self.jha_days, day)
                if at < len(self.jha_days) and self.jha_days[at] <= SYNTHETIC_TODAY:
                    meeting = self.jha_meetings[at]
                    day = meeting.start_date
            if self.chance(0.01):
                steps.append((stage, None, False, Precision.DAY, meeting))
                continue
            precision = Precision.DAY
            if meeting is None:
                precision = rng.choices(vague[:2] + [Precision.DAY], [20, 8, 72])[0]
                previous = max((s[1] for s in steps if not s[2] and s[1]), default=None)
                if previous and period_start(day, precision) < previous:
                    precision = Precision.DAY
            steps.append((stage, period_start(day, precision), False, precision, meeting))
        if crowded:
            # A long negotiation: every report restates when the next steps are expected.
            while len(steps) < 80:
                precision = rng.choice(vague[:2])
                foreseen = period_start(self.day_between(proposed, SYNTHETIC_TODAY), precision)
                steps.append((rng.choice(path), foreseen, True, precision, None))
        elif len(steps) > 15:
            surplus = len(steps) - 15
            dropped = [i for i, s in enumerate(steps) if s[2]][:surplus]
            steps = [s for i, s in enumerate(steps) if i not in dropped]
        return steps

    def build_documents(self):
        """Meeting papers, letters and motions; fiches exist already. Numbers follow dates."""
        rng = self.rng
        D = ParliamentaryDocument.DocumentType
        for meeting in self.meetings:
            series = "32317" if meeting.formation == "jbz" else "21501"
            label = f"{meeting.get_formation_display()} van {dutch_date(meeting.start_date)}"
            papers = [(D.ANNOTATED_AGENDA, -14, f"Geannoteerde agenda {label}")]
            if meeting.end_date + datetime.timedelta(days=14) <= SYNTHETIC_TODAY:
                papers.append((D.REPORT, 14, f"Verslag {label}"))
            if self.chance(0.3):
                papers.append((D.WRITTEN_CONSULTATION, -7, f"Schriftelijk overleg {label}"))
            for kind, offset, title in papers:
                document = self.add(
                    ParliamentaryDocument(
                        dossier_number=series,
                        document_type=kind,
                        date=meeting.start_date + datetime.timedelta(days=offset),
                        title=title,
                        notes=self.mark,
                    )
                )
                meeting.papers.append(document)
                self.through(
                    ParliamentaryDocument.meetings.through,
                    parliamentarydocument_id=document.pk,
                    councilmeeting_id=meeting.pk,
                )
            meeting.report = next((d for d in meeting.papers if d.document_type == D.REPORT), None)
        n_meeting_papers = sum(len(m.papers) for m in self.meetings)
        n_letters = max(
            1,
            self.counts["documents"] - n_meeting_papers - len(self.fiches) - self.counts["motions"],
        )
        self.letters = []
        for _ in range(n_letters):
            day = START + datetime.timedelta(days=rng.randint(0, SPAN_DAYS))
            kind = D.LETTER if self.chance(0.85) else D.OTHER
            subject = rng.choice(SUBJECTS)[0]
            letter = self.add(
                ParliamentaryDocument(
                    dossier_number=rng.choice(["32317", "19637", "29911", "32824", "33826"]),
                    document_type=kind,
                    date=day,
                    title=f"Brief over {subject}"
                    if kind == D.LETTER
                    else f"Stand van zaken {subject}",
                    notes=self.mark,
                )
            )
            if self.chance(0.1):
                at = min(bisect.bisect_left(self.meeting_days, day), len(self.meetings) - 1)
                self.through(
                    ParliamentaryDocument.meetings.through,
                    parliamentarydocument_id=letter.pk,
                    councilmeeting_id=self.meetings[at].pk,
                )
            self.letters.append(letter)
        self.letters.sort(key=lambda d: (d.date, d.pk))
        self.letter_days = [d.date for d in self.letters]
        self.motion_documents = []
        for _ in range(self.counts["motions"]):
            day = START + datetime.timedelta(days=rng.randint(0, SPAN_DAYS))
            self.motion_documents.append(
                self.add(
                    ParliamentaryDocument(
                        dossier_number=rng.choice(["32317", "19637", "29911"]),
                        document_type=D.MOTION,
                        date=day,
                        notes=self.mark,
                    )
                )
            )
        self._number_documents()

    def _number_documents(self):
        """Sub-numbers per Kamerstuk dossier in date order, after the highest already taken."""
        highest = {}
        for number, sub in ParliamentaryDocument.objects.filter(chamber="TK").values_list(
            "dossier_number", "sub_number"
        ):
            if sub.isdigit():
                highest[number] = max(highest.get(number, 0), int(sub))
        documents = self.rows[ParliamentaryDocument]
        for document in sorted(documents, key=lambda d: (d.date, d.pk)):
            if self.chance(0.04) and document.document_type != "motie":
                document.dossier_number = ""  # known by title and date only
                continue
            number = document.dossier_number
            highest[number] = highest.get(number, 0) + 1
            document.sub_number = str(highest[number])
            document.session_year = session_year(document.date)
            document.url = (
                f"https://zoek.officielebekendmakingen.nl/kst-{number}-{document.sub_number}.html"
            )
            if document.document_type == "motie":
                document.title = f"Motie over {self.rng.choice(SUBJECTS)[0]}"
            if self.chance(0.6):
                self.through(
                    ParliamentaryDocument.signatories.through,
                    parliamentarydocument_id=document.pk,
                    person_id=self.minister_on(document.date).pk,
                )

    def source_after(self, day, within=60):
        """A report or letter of the weeks after `day` that records what happened on it."""
        at = bisect.bisect_left(self.jha_days, day)
        if at < len(self.jha_meetings) and self.chance(0.5):
            report = self.jha_meetings[at].report
            if report and report.date - day <= datetime.timedelta(days=within + 30):
                return report
        at = bisect.bisect_left(self.letter_days, day)
        if at < len(self.letters) and self.letters[at].date - day <= datetime.timedelta(
            days=within
        ):
            return self.letters[at]
        return None

    def source_before(self, day):
        """A document before `day` that foresees it."""
        at = bisect.bisect_left(self.letter_days, min(day, SYNTHETIC_TODAY)) - 1
        if at < 0:
            return None
        return self.letters[max(0, at - self.rng.randint(0, 30))]

    def build_stage_events(self):
        for dossier in self.dossiers:
            seen = set()
            for stage, day, expected, precision, meeting in dossier.plan:
                if expected:
                    source = self.source_before(day)
                    passage = (
                        f"Naar verwachting {STAGE_PHRASES[stage]} in de periode die begint op "
                        f"{dutch_date(day)}."
                    )
                elif day is None:
                    source = self.source_after(dossier.active[0], within=365)
                    passage = f"Eerder {STAGE_PHRASES[stage]}."
                else:
                    if stage == Stage.BNC_FICHE and dossier.bnc_fiche:
                        source = dossier.bnc_fiche
                    else:
                        source = self.source_after(day)
                    passage = f"Op {dutch_date(day)} {STAGE_PHRASES[stage]} ({dossier.title})."
                if source is not None and self.chance(0.1):
                    source = None
                key = (stage, expected, day, source.pk if source else None)
                if key in seen:
                    continue
                seen.add(key)
                self.add(
                    StageEvent(
                        dossier_id=dossier.pk,
                        stage=stage,
                        date=day,
                        precision=precision,
                        is_expected=expected,
                        meeting_id=meeting.pk if meeting else None,
                        source_document_id=source.pk if source else None,
                        source_passage=passage if source else "",
                        note=self.mark,
                    )
                )

    def build_mentions(self):
        """Each dossier on the agenda of several Councils while it is negotiated."""
        rng = self.rng
        per_dossier = self.counts["mentions"] / max(1, len(self.dossiers))
        for dossier in self.dossiers:
            first, last = dossier.active
            last = max(last, first + datetime.timedelta(days=365))
            lo = bisect.bisect_left(self.jha_days, first)
            hi = bisect.bisect_right(self.jha_days, min(last, SYNTHETIC_TODAY))
            wanted = max(1, round(rng.gauss(per_dossier / 1.8, per_dossier / 5)))
            # With few meetings (small scales) a file is discussed around its negotiation too.
            while hi - lo < wanted and (lo > 0 or hi < self.reported_meetings):
                lo, hi = max(0, lo - 1), min(self.reported_meetings, hi + 1)
            window = self.jha_meetings[lo:hi]
            for meeting in sorted(rng.sample(window, min(len(window), wanted)), key=lambda m: m.pk):
                items = meeting.items[dossier.policy_area]
                item = rng.choice(items) if items and self.chance(0.8) else None
                if item and self.chance(0.5) and dossier.instrument_type != T.PACKAGE:
                    item.title = dossier.title[:400]
                papers = [d for d in meeting.papers if d.document_type != "schriftelijk_overleg"]
                if self.chance(0.15):
                    papers = papers[:1]
                for paper in papers:
                    reported = paper.document_type == "verslag"
                    self.add(
                        Mention(
                            meeting_id=meeting.pk,
                            agenda_item_id=item.pk if item else None,
                            dossier_id=dossier.pk,
                            summary=(
                                f"De Raad sprak over {dossier.title[:120].lower()}."
                                if reported
                                else f"Het voorzitterschap wil de stand van zaken bespreken "
                                f"over {dossier.title[:120].lower()}."
                            ),
                            dutch_position=(
                                "Nederland steunt de inzet van het voorzitterschap, met oog "
                                "voor de uitvoerbaarheid en de rechtsstatelijke waarborgen."
                            ),
                            outcome="De Raad nam kennis van de voortgang." if reported else "",
                            source_document_id=paper.pk,
                            source_passage=f"Ten aanzien van {dossier.title[:120].lower()} "
                            "wordt de stand van zaken besproken.",
                            note=self.mark,
                        )
                    )

    def build_debates(self):
        D = Debate.Kind
        self.debates = []
        for meeting in self.jha_meetings:
            label = f"JBZ-Raad van {dutch_date(meeting.start_date)}"
            kinds = [(D.COMMITTEE_DEBATE, -7)]
            if self.chance(0.4):
                kinds.append((D.WRITTEN_CONSULTATION, -12))
            if self.chance(0.3):
                kinds.append((D.PLENARY_DEBATE, -3))
            for kind, offset in kinds:
                day = meeting.start_date + datetime.timedelta(days=offset)
                debate = self.add(
                    Debate(
                        date=day,
                        kind=kind,
                        chamber="EK" if self.chance(0.1) else "TK",
                        committee="Vaste commissie voor Justitie en Veiligheid",
                        subject=label,
                        meeting=meeting,
                        notes=self.mark,
                    )
                )
                self.debates.append(debate)

    def build_commitments(self):
        rng = self.rng
        F = Commitment.FulfilmentMode
        S = Commitment.Status
        n = self.counts["commitments"]
        n_standing = max(1, n // 500)
        reports = [m.report for m in self.jha_meetings if m.report]
        for index in range(n):
            if self.debates and self.chance(0.75):
                debate = rng.choice(self.debates)
                made_in, made_on = None, debate.date
            else:
                debate, made_in = None, rng.choice(self.letters)
                made_on = made_in.date
            mode = (
                F.STANDING
                if index < n_standing
                else rng.choices(
                    [F.IN_REPORT, F.BY_LETTER, F.BY_DATE, F.BY_ACTION], [35, 30, 20, 15]
                )[0]
            )
            due_meeting = due_date = None
            if mode == F.IN_REPORT:
                due_meeting = debate.meeting if debate else None
                if due_meeting is None:
                    at = bisect.bisect_right(self.jha_days, made_on)
                    due_meeting = self.jha_meetings[min(at, len(self.jha_meetings) - 1)]
            elif mode == F.BY_DATE or (mode == F.BY_LETTER and self.chance(0.3)):
                due_date = made_on + datetime.timedelta(days=rng.randint(30, 180))
            due = due_date or (due_meeting.end_date if due_meeting else None)
            due = due or made_on + datetime.timedelta(days=120)
            if mode == F.STANDING:
                status = S.WITHDRAWN if self.chance(0.2) else S.OPEN
            elif due < SYNTHETIC_TODAY - datetime.timedelta(days=60):
                status = rng.choices(
                    [S.FULFILLED, S.PARTLY_FULFILLED, S.WITHDRAWN, S.OPEN], [86, 5, 7.5, 1.5]
                )[0]
            else:
                status = S.OPEN if self.chance(0.8) else S.FULFILLED
            fulfilled_by = None
            if status in (S.FULFILLED, S.PARTLY_FULFILLED):
                if due_meeting and due_meeting.report and due_meeting.report.date >= made_on:
                    fulfilled_by = due_meeting.report
                else:
                    at = bisect.bisect_left(
                        self.letter_days, made_on + datetime.timedelta(days=rng.randint(7, 150))
                    )
                    fulfilled_by = self.letters[at] if at < len(self.letters) else None
                if fulfilled_by is None:
                    status = S.OPEN
            topic = rng.choice(COMMITMENT_TOPICS)
            subject = rng.choice(SUBJECTS)[0]
            commitment = self.add(
                Commitment(
                    subject=(
                        "Mensenrechten in elk verslag van de JBZ-Raad"
                        if mode == F.STANDING
                        else f"Informeren over {topic} ({subject})"[:300]
                    ),
                    text=f"De Kamer informeren over {topic} bij {subject}.",
                    made_by=self.minister_on(made_on) if self.chance(0.9) else None,
                    debate=debate,
                    made_in_document=made_in,
                    made_in_passage=(
                        f"Ik zal uw Kamer informeren over {topic}." if made_in else ""
                    ),
                    meeting=debate.meeting if debate else None,
                    fulfilment_mode=mode,
                    due_meeting=due_meeting,
                    due_date=due_date,
                    status=status,
                    fulfilled_by_document=fulfilled_by,
                    fulfilment_passage=(
                        f"Zoals toegezegd informeer ik uw Kamer over {topic}."
                        if fulfilled_by
                        else ""
                    ),
                    fulfilled_on=fulfilled_by.date if fulfilled_by else None,
                    notes=self.mark,
                    created_at=at_nine(made_on),
                    updated_at=at_nine(fulfilled_by.date if fulfilled_by else made_on),
                )
            )
            for member_id in sorted(
                {rng.choice(self.members).pk for _ in range(rng.randint(0, 3))}
            ):
                self.through(
                    Commitment.members.through, commitment_id=commitment.pk, person_id=member_id
                )
            if self.chance(0.6):
                at = bisect.bisect_left(self.dossier_starts, made_on)
                candidates = self.dossiers_by_start[max(0, at - 40) : at] or self.dossiers_by_start
                for dossier_id in sorted(
                    {rng.choice(candidates).pk for _ in range(rng.randint(1, 2))}
                ):
                    self.through(
                        Commitment.dossiers.through,
                        commitment_id=commitment.pk,
                        dossier_id=dossier_id,
                    )
            if mode == F.STANDING:
                for report in reports:
                    if report.date >= made_on and self.chance(0.9):
                        self.add(
                            StandingCommitmentCheck(
                                commitment=commitment,
                                document=report,
                                passage="In dit verslag wordt ingegaan op de bespreking van "
                                "mensenrechten tijdens de Raad.",
                            )
                        )

    def build_motions(self):
        rng = self.rng
        Outcome = Motion.Outcome
        Execution = Motion.Execution
        for document in self.motion_documents:
            outcome = rng.choices(list(Outcome), [7, 45, 40, 5, 3])[0]
            execution = Execution.UNKNOWN
            if outcome == Outcome.ADOPTED:
                execution = rng.choices(list(Execution), [15, 30, 50, 5])[0]
            subject = rng.choice(SUBJECTS)[0]
            motion = self.add(
                Motion(
                    document=document,
                    subject=f"Verzoekt de regering bij {subject} de Kamer te betrekken"[:400],
                    outcome=outcome,
                    execution=execution,
                    notes=self.mark,
                )
            )
            for member_id in sorted(
                {rng.choice(self.members).pk for _ in range(rng.randint(1, 3))}
            ):
                self.through(Motion.submitters.through, motion_id=motion.pk, person_id=member_id)
            if self.chance(0.5):
                at = bisect.bisect_left(self.dossier_starts, document.date)
                candidates = self.dossiers_by_start[max(0, at - 40) : at] or self.dossiers_by_start
                self.through(
                    Motion.dossiers.through,
                    motion_id=motion.pk,
                    dossier_id=rng.choice(candidates).pk,
                )
            if outcome == Outcome.ADOPTED and execution != Execution.UNKNOWN:
                at = bisect.bisect_left(
                    self.letter_days, document.date + datetime.timedelta(days=30)
                )
                for letter in self.letters[at : at + rng.randint(1, 2)]:
                    self.add(
                        MotionReport(
                            motion=motion,
                            document=letter,
                            passage="Met deze brief informeer ik uw Kamer over de uitvoering "
                            "van de motie.",
                        )
                    )

    # Writing ------------------------------------------------------------------------------

    def save(self):
        """Insert everything in one transaction; PostgreSQL sequences follow the explicit keys."""
        User = get_user_model()
        order = [
            User,
            Person,
            Topic,
            CouncilMeeting,
            AgendaItem,
            ParliamentaryDocument,
            ParliamentaryDocument.meetings.through,
            ParliamentaryDocument.signatories.through,
            Dossier,
            Dossier.topics.through,
            DossierAlias,
            StageEvent,
            Mention,
            Debate,
            Commitment,
            Commitment.members.through,
            Commitment.dossiers.through,
            StandingCommitmentCheck,
            Motion,
            Motion.submitters.through,
            Motion.dossiers.through,
            MotionReport,
        ]
        counts = {}
        with transaction.atomic(), given_timestamps(Dossier, Commitment):
            for model in order:
                rows = self.rows.get(model, [])
                model._default_manager.bulk_create(rows, batch_size=BATCH_SIZE)
                counts[model._meta.label] = len(rows)
            sequences = connection.ops.sequence_reset_sql(no_style(), order)
            if sequences:
                with connection.cursor() as cursor:
                    for sql in sequences:
                        cursor.execute(sql)
        return counts


class Command(BaseCommand):
    help = (
        "Add a synthetic data set for benchmarks: scale 1 is twenty years of JBZ work "
        "(2,000 dossiers, 20,000 stage events, 30,000 mentions ...). Deterministic per seed."
    )

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=float, help="1 = twenty years of JBZ work.")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument(
            "--flush-synthetic",
            action="store_true",
            dest="flush",
            help="First delete every synthetic record (of any seed); alone, only delete.",
        )

    def handle(self, *args, scale, seed, flush, verbosity, **options):
        if flush:
            counts = flush_synthetic()
            if verbosity:
                deleted = sum(counts.values())
                self.stdout.write(f"Deleted {deleted} synthetic records.")
            if scale is None:
                return
        if scale is None or scale <= 0:
            raise CommandError("Give --scale, a positive number (1 = twenty years of JBZ work).")
        if synthetic_exists(seed):
            raise CommandError(
                f"Synthetic data of seed {seed} is already there (slugs 'syn-{seed}-'). Use "
                "another --seed, or --flush-synthetic to replace it."
            )
        generator = Generator(scale, seed)
        generator.build()
        counts = generator.save()
        if verbosity:
            for label, count in counts.items():
                self.stdout.write(f"{label:45} {count:>8}")
