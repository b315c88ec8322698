"""The admin is the curation tool: one module per model group, every change kept in history."""

from . import commitment, council, document, dossier, motion, people  # noqa: F401
