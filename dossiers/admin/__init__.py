"""The admin is the curation tool: one module per model group, every change kept in history."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from . import commitment, council, document, dossier, importing, motion, people  # noqa: F401

admin.site.site_header = "jbztracker"
admin.site.site_title = "jbztracker"
admin.site.index_title = _("Curation of EU files")
