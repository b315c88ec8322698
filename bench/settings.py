"""The project's settings as a deployment runs them, for the benchmark: DEBUG off.

Two differences, both outside the code measured: static files are served from the app folders
(no collectstatic manifest needed), and the URLconf adds the benchmark's floor view.
"""

from jbztracker.settings import *  # noqa: F403

DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
ROOT_URLCONF = "bench.urls"
# Logged-in users in the benchmark need no slow password hash.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
