import datetime
import functools
import json
from pathlib import Path

import pytest
import responses
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import override_settings
from django.utils import translation

from dossiers.importing.gazetteer import Gazetteer, KnownDossier
from dossiers.importing.text import normalize_text
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
from dossiers.roles import EDITOR_GROUP, READER_GROUP

from . import source_fakes

SEEDS_DIR = Path(settings.BASE_DIR).parent / "shared" / "seeds"
FIXTURES_DIR = Path(settings.BASE_DIR) / "fixtures"


@functools.cache
def admin_change_data(client, url, inline_prefixes=()):
    """What an admin change form at `url` posts back unchanged: its initial values (lists, the
    many-to-many fields, left for the caller) and empty management forms for its inlines."""
    form = client.get(url).context["adminform"].form
    data = {
        name: value
        for name, value in form.initial.items()
        if value is not None and not isinstance(value, list)
    }
    for prefix in inline_prefixes:
        data.update({f"{prefix}-TOTAL_FORMS": 0, f"{prefix}-INITIAL_FORMS": 0})
    return data


def seed_text(name):
    """The normalized text of a seed document: what quoted passages are checked against."""
    return normalize_text((SEEDS_DIR / name).read_text(encoding="utf-8"))


@functools.cache
def fixture_gazetteer():
    """What the importer knows once the seed data is loaded (the dossiers of
    fixtures/30_dossiers.json with their aliases), read without a database."""
    records = json.loads((FIXTURES_DIR / "30_dossiers.json").read_text(encoding="utf-8"))
    aliases = {}
    for record in records:
        if record["model"] == "dossiers.dossieralias":
            aliases.setdefault(record["fields"]["dossier"], []).append(record["fields"]["alias"])
    return Gazetteer(
        dossiers=[
            KnownDossier(
                slug=record["fields"]["slug"],
                title=record["fields"]["title"],
                short_name=record["fields"]["short_name"],
                instrument_type=record["fields"]["instrument_type"],
                aliases=tuple(aliases.get(record["pk"], ())),
                commission_reference=record["fields"].get("commission_reference", ""),
                procedure_reference=record["fields"].get("procedure_reference", ""),
            )
            for record in records
            if record["model"] == "dossiers.dossier"
        ]
    )


@pytest.fixture
def seeded(db):
    """The curated seed data of fixtures/, loaded as `make run` loads it."""
    call_command("load_seed", verbosity=0)


@pytest.fixture(autouse=True, scope="session")
def test_settings():
    """Tests run without collectstatic, so templates link unhashed static files."""
    storage = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    with override_settings(
        STORAGES={**settings.STORAGES, "staticfiles": storage},
        # A deliberately slow hash protects real passwords, not test users.
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        # Tasks run as they are enqueued, in the test's transaction; tests of the queue itself
        # (test_import_tasks.py) switch to the database backend.
        TASKS={"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}},
    ):
        yield


@pytest.fixture(autouse=True)
def dutch_by_default():
    """Each test starts in the default language, whatever an earlier request switched to."""
    with translation.override(settings.LANGUAGE_CODE):
        yield


def _user(django_user_model, username, group_name):
    user = django_user_model.objects.create_user(username, password="pw", is_staff=True)
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def editor(django_user_model):
    return _user(django_user_model, "editor", EDITOR_GROUP)


@pytest.fixture
def reader(django_user_model):
    return _user(django_user_model, "reader", READER_GROUP)


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def reader_client(client, reader):
    client.force_login(reader)
    return client


@pytest.fixture
def sample(db):
    """A small, realistic data set: the Pact's APR through one Council and its report."""
    d = datetime.date
    state_secretary = Person.objects.create(
        name="van der Burg",
        initials="E.",
        role=Person.Role.STATE_SECRETARY,
        title="Staatssecretaris van Justitie en Veiligheid",
    )
    piri = Person.objects.create(name="Piri", role=Person.Role.MEMBER, chamber="TK")
    meeting = CouncilMeeting.objects.create(
        start_date=d(2024, 3, 4), end_date=d(2024, 3, 5), presidency="België"
    )
    item = AgendaItem.objects.create(
        meeting=meeting, section="bz", number=6, title="Externe dimensie van migratie"
    )
    agenda = ParliamentaryDocument.objects.create(
        dossier_number="32317",
        sub_number="872",
        session_year="2023-2024",
        document_type=ParliamentaryDocument.DocumentType.ANNOTATED_AGENDA,
        date=d(2024, 2, 19),
        title="Geannoteerde agenda JBZ-Raad 4 en 5 maart 2024",
    )
    report = ParliamentaryDocument.objects.create(
        document_type=ParliamentaryDocument.DocumentType.REPORT,
        date=d(2024, 3, 20),
        title="Verslag van de formele bijeenkomst van de Raad JBZ, 4 en 5 maart 2024",
    )
    agenda.meetings.add(meeting)
    report.meetings.add(meeting)
    topic = Topic.objects.create(name="Asiel en migratie", slug="asiel-en-migratie")
    pact = Dossier.objects.create(
        title="Asiel- en Migratiepact",
        slug="asiel-en-migratiepact",
        instrument_type=Dossier.InstrumentType.PACKAGE,
        policy_area="bz",
    )
    apr = Dossier.objects.create(
        title="Asielprocedureverordening",
        short_name="APR",
        slug="asielprocedureverordening",
        instrument_type=Dossier.InstrumentType.REGULATION,
        policy_area="bz",
        parent=pact,
        commission_reference="COM(2020) 611",
        procedure_reference="2016/0224(COD)",
    )
    apr.topics.add(topic)
    DossierAlias.objects.create(dossier=apr, alias="Asielprocedureverordening")
    StageEvent.objects.create(
        dossier=apr, stage=Stage.PROPOSAL, date=d(2020, 9, 1), precision="month"
    )
    StageEvent.objects.create(
        dossier=apr,
        stage=Stage.PROVISIONAL_AGREEMENT,
        date=d(2023, 12, 1),
        precision="month",
        source_document=agenda,
        source_passage="politiek akkoord op hoofdlijnen",
    )
    StageEvent.objects.create(
        dossier=apr,
        stage=Stage.COREPER_ENDORSEMENT,
        date=d(2024, 2, 1),
        precision="month",
        is_expected=True,
    )
    Mention.objects.create(
        meeting=meeting,
        agenda_item=item,
        dossier=pact,
        summary="Implementatie van het Pact",
        source_document=report,
        source_passage="riepen op tot goede implementatie van het Asiel- en Migratiepact",
    )
    debate = Debate.objects.create(
        date=d(2024, 2, 29),
        kind=Debate.Kind.COMMITTEE_DEBATE,
        subject="JBZ-Raad 4 en 5 maart 2024",
        meeting=meeting,
    )
    commitment = Commitment.objects.create(
        subject="Partnerschap met Egypte",
        text="Informeren over de plannen van de Commissie met Egypte",
        made_by=state_secretary,
        debate=debate,
        meeting=meeting,
        fulfilment_mode=Commitment.FulfilmentMode.IN_REPORT,
        due_meeting=meeting,
    )
    commitment.members.add(piri)
    standing = Commitment.objects.create(
        subject="Mensenrechten in elk verslag",
        text="In het verslag van de JBZ-Raad altijd terugkomen op mensenrechten",
        debate=debate,
        fulfilment_mode=Commitment.FulfilmentMode.STANDING,
    )
    StandingCommitmentCheck.objects.create(
        commitment=standing, document=report, passage="Tijdens deze Raad"
    )
    motion_document = ParliamentaryDocument.objects.create(
        dossier_number="36333",
        sub_number="50",
        session_year="2023-2024",
        document_type=ParliamentaryDocument.DocumentType.MOTION,
    )
    motion = Motion.objects.create(document=motion_document, subject="Dublin-afspraken")
    motion.dossiers.add(pact)
    MotionReport.objects.create(motion=motion, document=report, passage="uitvoering")
    return {
        "meeting": meeting,
        "item": item,
        "agenda": agenda,
        "report": report,
        "pact": pact,
        "apr": apr,
        "debate": debate,
        "commitment": commitment,
        "standing": standing,
        "motion": motion,
        "piri": piri,
        "state_secretary": state_secretary,
        "topic": topic,
    }


@pytest.fixture
def fake_sources():
    """The official sources played by their kept responses (tests/source_fakes.py): a
    RequestsMock that refuses every request nothing was registered for."""
    with source_fakes.QUICK, responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        yield mock


@pytest.fixture
def procedure_dossier(db):
    """A dossier with the EU procedure number of the kept events (source_responses/europarl)."""
    return Dossier.objects.create(
        title="Voorbeeld (geconstrueerd)",
        slug="voorbeeld",
        procedure_reference="2099/0001(COD)",
        policy_area=PolicyArea.HOME_AFFAIRS,
    )
