"""WSGI entry point, used by gunicorn: ``gunicorn jbztracker.wsgi``."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jbztracker.settings")

application = get_wsgi_application()
