"""The two roles of the app and what each may do, in one place for the migration and the tests."""

EDITOR_GROUP = "Beleidsmedewerker"
READER_GROUP = "Lezer"

EDITOR_ACTIONS = ("add", "change", "delete", "view")
READER_ACTIONS = ("view",)


def grant_model_permissions(apps, model_names, *, readers_view=True):
    """In a migration: create the permissions of new models of this app and give them to the
    editors, and their view permission to the readers when `readers_view`.

    Migrations 0014 and 0015 call it with their historical `apps`: what it grants must not
    change, or those migrations would grant something else on a fresh database."""
    from django.contrib.auth.management import create_permissions

    app_config = apps.get_app_config("dossiers")
    # Permissions are made after all migrations; make them now, for a fresh database.
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    permissions = apps.get_model("auth", "Permission").objects.filter(
        content_type__app_label="dossiers", content_type__model__in=model_names
    )
    for group in Group.objects.filter(name=EDITOR_GROUP):
        group.permissions.add(*permissions)
    if readers_view:
        for group in Group.objects.filter(name=READER_GROUP):
            group.permissions.add(*permissions.filter(codename__startswith="view_"))
