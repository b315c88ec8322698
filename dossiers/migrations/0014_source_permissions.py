"""Give editors the permissions of the official sources' records; readers get none of them."""

from django.db import migrations

from dossiers.roles import grant_model_permissions


def grant(apps, schema_editor):
    grant_model_permissions(apps, ["sourcesync", "sourceproposal"], readers_view=False)


class Migration(migrations.Migration):
    dependencies = [("dossiers", "0013_official_sources")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
