"""Create the demo logins for a local run: one editor, one reader. Refuses in production."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import BaseCommand, CommandError

from dossiers.roles import EDITOR_GROUP, READER_GROUP

DEMO_USERS = [
    ("redacteur", "jbz-redacteur-demo", EDITOR_GROUP),
    ("lezer", "jbz-lezer-demo", READER_GROUP),
]


class Command(BaseCommand):
    help = "Create (or reset) the demo users 'redacteur' (editor) and 'lezer' (reader)."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("Demo users are for local runs only (DEBUG is off).")
        User = get_user_model()
        for username, password, group_name in DEMO_USERS:
            user, _ = User.objects.get_or_create(username=username)
            user.is_staff = True
            user.set_password(password)
            user.save()
            user.groups.set([Group.objects.get(name=group_name)])
            self.stdout.write(f"Demo login ({group_name}): {username} / {password}")
