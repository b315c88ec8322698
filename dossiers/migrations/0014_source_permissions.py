"""Give editors the permissions of the official sources' records; readers get none of them."""

from django.contrib.auth.management import create_permissions
from django.db import migrations


def grant(apps, schema_editor):
    app_config = apps.get_app_config("dossiers")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(
        content_type__app_label="dossiers",
        content_type__model__in=["sourcesync", "sourceproposal"],
    )
    for group in Group.objects.filter(name="Beleidsmedewerker"):
        group.permissions.add(*permissions)


class Migration(migrations.Migration):
    dependencies = [("dossiers", "0013_official_sources")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
