"""Backup and restore: dump, wipe, restore gives the same records, history included."""

import datetime
import gzip
import json

import pytest
from django.apps import apps
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.management import CommandError, call_command
from simple_history.models import HistoricalChanges

from dossiers.models import (
    Commitment,
    CouncilMeeting,
    Debate,
    DocumentImport,
    Dossier,
    DossierAlias,
    ParliamentaryDocument,
    Person,
    Stage,
    StageEvent,
)
from dossiers.services import fulfil_commitment

# Restore flushes the database, which PostgreSQL refuses inside the transaction of a plain
# test; the flush at the end empties the groups of the data migration, which
# serialized_rollback restores for the tests after.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def every_model():
    """What a backup must hold, listed independently of the command: the app, users, groups."""
    return [Group, apps.get_model("auth", "User"), LogEntry] + list(
        apps.get_app_config("dossiers").get_models()
    )


def snapshot():
    """Every row of every model, serialized, in primary key order; many-to-many included.

    Content types and permissions are compared by natural key: flush and migrate recreate them
    with ids of their own. History rows are compared as stored, by primary key.
    """
    return {
        model._meta.label: serializers.serialize(
            "python",
            model._base_manager.order_by("pk"),
            use_natural_foreign_keys=not issubclass(model, HistoricalChanges),
        )
        for model in every_model()
    }


@pytest.fixture
def curated(editor):
    """The seed, then a working day of changes through the ORM, each kept in the history."""
    call_command("load_seed", verbosity=0)
    apr = Dossier.objects.get(slug="asielprocedureverordening")
    apr.notes = "Stemming in het Europees Parlement voorzien in april."
    apr.responsible_officer = editor
    apr._history_user = editor
    apr.save()
    StageEvent.objects.create(
        dossier=apr,
        stage=Stage.EP_PLENARY_VOTE,
        date=datetime.date(2024, 4, 1),
        precision="month",
        is_expected=True,
        note="Verwacht",
    )
    # History outlives what it records: the history rows of a deleted dossier, its stages and
    # the commitments that named it point at records that are gone.
    named = Dossier.objects.filter(commitments__isnull=False, instruments__isnull=True)
    named.exclude(pk=apr.pk).first().delete()
    DossierAlias.objects.create(dossier=apr, alias="APR-verordening")
    piri = Person.objects.get(name="Piri", role=Person.Role.MEMBER)
    commitment = Commitment.objects.create(
        subject="Brief over de uitvoering van het Pact",
        text="De Kamer voor de zomer informeren over de uitvoering",
        debate=Debate.objects.exclude(date=None).order_by("date").first(),
        fulfilment_mode=Commitment.FulfilmentMode.BY_LETTER,
    )
    commitment.members.add(piri)
    commitment.dossiers.add(apr)
    report = ParliamentaryDocument.objects.reports().exclude(date=None).order_by("date").last()
    fulfil_commitment(commitment, document=report, passage="Uw Kamer wordt hierbij geïnformeerd")
    editor.user_permissions.add(Permission.objects.get(codename="view_dossier"))
    DocumentImport.objects.create(
        file_name="verslag.txt",
        text="Verslag",
        text_hash="0" * 64,
        proposals={"document": {"title": "Verslag"}},
        created_by=editor,
    )
    LogEntry.objects.create(
        user=editor,
        content_type=ContentType.objects.get_for_model(Dossier),
        object_id=str(apr.pk),
        object_repr=str(apr),
        action_flag=CHANGE,
        change_message="[]",
    )
    return apr


def _printed_counts(output):
    """The "label  count" lines a command printed, as a dict."""
    lines = (line.split() for line in output.splitlines() if line.startswith("  "))
    return {label: int(count) for label, count in lines if label != "total"}


def test_dump_wipe_restore_gives_identical_records(curated, tmp_path, capsys):
    before = snapshot()
    deleted = Dossier.history.filter(history_type="-").values("id")
    assert StageEvent.history.filter(dossier_id__in=deleted).exists()
    path = tmp_path / "backup.json.gz"

    call_command("backup", str(path))
    assert _printed_counts(capsys.readouterr().out) == {
        label.lower(): len(rows) for label, rows in before.items()
    }
    assert list(tmp_path.iterdir()) == [path]

    call_command("flush", interactive=False, verbosity=0)
    assert not Dossier.objects.exists() and not Group.objects.exists()
    call_command("restore", str(path))
    output = capsys.readouterr().out
    assert f"Restored {sum(map(len, before.values()))} records" in output
    assert _printed_counts(output) == {label.lower(): len(rows) for label, rows in before.items()}

    after = snapshot()
    assert [label for label in before if before[label] != after[label]] == []


def test_new_records_get_fresh_ids_after_a_restore(sample, tmp_path):
    """After loading rows with their own ids, PostgreSQL's sequences must be moved past them."""
    path = tmp_path / "backup.json"
    call_command("backup", str(path), verbosity=0)
    highest = {model: model.objects.order_by("-pk").first().pk for model in [Person, Dossier]}
    call_command("flush", interactive=False, verbosity=0)
    call_command("restore", str(path), verbosity=0)

    person = Person.objects.create(name="Nieuw", role=Person.Role.MEMBER, chamber="TK")
    dossier = Dossier.objects.create(
        title="Nieuw dossier", slug="nieuw", instrument_type="richtlijn", policy_area="bz"
    )
    meeting = CouncilMeeting.objects.create(
        start_date=datetime.date(2030, 1, 1), end_date=datetime.date(2030, 1, 2)
    )
    assert person.pk > highest[Person] and dossier.pk > highest[Dossier]
    assert meeting.history.get().history_type == "+"
    assert Group.objects.create(name="Nieuwe rol").pk
    assert apps.get_model("auth", "User").objects.create_user("nieuw").pk


def test_restore_refuses_a_database_with_records_unless_told_yes(sample, tmp_path):
    path = tmp_path / "backup.json"
    call_command("backup", str(path), verbosity=0)
    saved = snapshot()
    sample["apr"].title = "Gewijzigd na de backup"
    sample["apr"].save()
    changed = snapshot()

    with pytest.raises(CommandError, match="--yes"):
        call_command("restore", str(path))
    assert snapshot() == changed

    call_command("restore", str(path), "--yes", verbosity=0)
    assert snapshot() == saved


def _truncated(path):
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def _not_a_list(path):
    path.write_text(json.dumps({"model": "dossiers.dossier"}))


def _with_record(model="dossiers.stageevent", **fields):
    """A whole, readable file whose last record cannot be loaded: loaddata fails after flush."""

    def spoil(path):
        records = json.loads(path.read_text())
        event = next(record for record in records if record["model"] == "dossiers.stageevent")
        bad = {"model": model, "pk": 99999, "fields": {**event["fields"], **fields}}
        path.write_text(json.dumps([*records, bad]))

    return spoil


@pytest.mark.parametrize(
    ("name", "spoil", "message"),
    [
        ("truncated.json", _truncated, "not a readable backup"),
        ("truncated.json.gz", _truncated, "not a readable backup"),
        ("list.json", _not_a_list, "expected a list of records"),
        ("date.json", _with_record(date="2024-13-45"), "could not be restored"),
        ("dossier.json", _with_record(dossier=["bestaat-niet"]), "could not be restored"),
        ("model.json", _with_record(model="dossiers.nietbestaand"), "could not be restored"),
    ],
)
def test_a_damaged_file_is_refused_and_changes_nothing(sample, tmp_path, name, spoil, message):
    path = tmp_path / name
    call_command("backup", str(path), verbosity=0)
    spoil(path)
    before = snapshot()
    with pytest.raises(CommandError, match=message) as refused:
        call_command("restore", str(path), "--yes")
    assert "the database was not changed" in str(refused.value)
    assert snapshot() == before


def test_file_names_say_the_format(db, tmp_path):
    with pytest.raises(CommandError, match=r"\.json or \.json\.gz"):
        call_command("backup", str(tmp_path / "backup.zip"))
    with pytest.raises(CommandError, match="no such file"):
        call_command("restore", str(tmp_path / "bestaat-niet.json"))


def test_a_failed_write_leaves_the_previous_backup_whole(sample, tmp_path, monkeypatch):
    path = tmp_path / "backup.json.gz"
    call_command("backup", str(path), verbosity=0)
    previous = path.read_bytes()

    def disk_full(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("dossiers.management.commands.backup.os.fsync", disk_full)
    with pytest.raises(CommandError, match="No space left on device"):
        call_command("backup", str(path), verbosity=0)
    assert path.read_bytes() == previous
    assert json.loads(gzip.decompress(previous))
    assert list(tmp_path.iterdir()) == [path]
