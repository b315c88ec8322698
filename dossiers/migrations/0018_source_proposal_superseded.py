"""A status of its own for a proposal the sync closed because the source's newer record made it
moot. Until now such a proposal was DISMISSED without an editor, which an editor's dismissal
became too once the editor's account was deleted (decided_by is SET_NULL), and the sync then
reopened it. Existing rows are told apart as well as they still can be: a commitment change
dismissed without an editor is taken as superseded."""

from django.db import migrations, models

MOOT = {"kind": "commitment_change", "decided_by__isnull": True}


def mark_superseded(apps, schema_editor):
    SourceProposal = apps.get_model("dossiers", "SourceProposal")
    SourceProposal.objects.filter(status="dismissed", **MOOT).update(status="superseded")


def mark_dismissed(apps, schema_editor):
    SourceProposal = apps.get_model("dossiers", "SourceProposal")
    SourceProposal.objects.filter(status="superseded").update(status="dismissed")


class Migration(migrations.Migration):
    dependencies = [
        ("dossiers", "0017_partnership_instrument_type"),
    ]

    operations = [
        migrations.AlterField(
            model_name="sourceproposal",
            name="status",
            field=models.CharField(
                choices=[
                    ("pending", "awaiting review"),
                    ("accepted", "accepted"),
                    ("dismissed", "dismissed"),
                    ("superseded", "superseded"),
                ],
                default="pending",
                max_length=10,
                verbose_name="status",
            ),
        ),
        migrations.RunPython(mark_superseded, mark_dismissed),
    ]
