"""Create the groups Beleidsmedewerker (editor) and Lezer (read only)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITOR_GROUP = "Beleidsmedewerker"
READER_GROUP = "Lezer"


def create_groups(apps, schema_editor):
    # Permissions are normally created after all migrations; create them now so that the groups
    # can be given them on a fresh database.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    app_permissions = Permission.objects.filter(content_type__app_label="dossiers")
    editor, _ = Group.objects.get_or_create(name=EDITOR_GROUP)
    editor.permissions.set(app_permissions)
    reader, _ = Group.objects.get_or_create(name=READER_GROUP)
    reader.permissions.set(app_permissions.filter(codename__startswith="view_"))


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=[EDITOR_GROUP, READER_GROUP]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("dossiers", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
