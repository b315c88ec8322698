"""Optimistic locking: a version number that every stored change raises.

A form remembers the version it showed; saving it succeeds only if the record still has that
version, so the second of two editors is told to reload instead of silently overwriting.
"""

from django.core.exceptions import ValidationError
from django.db import models, router, transaction
from django.utils.translation import gettext_lazy as _


class ConflictError(ValidationError):
    """The record was changed by someone else after the form was loaded."""


class VersionedModel(models.Model):
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    conflict_message = _("Someone else has changed this record in the meantime; reload the page.")

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        # Every stored change counts, also those made without a form (the importer, an action).
        if not self._state.adding:
            self.version += 1
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "version"}
        super().save(*args, **kwargs)

    def save_if_version(self, expected, **kwargs):
        """Save only if the stored record still has version `expected`; ConflictError if not.

        The conditional UPDATE claims the next version in the database itself, so of two
        concurrent saves from the same version exactly one succeeds, on any database.
        """
        with transaction.atomic(using=router.db_for_write(type(self), instance=self)):
            claimed = (
                type(self)
                ._base_manager.filter(pk=self.pk, version=expected)
                .update(version=expected + 1)
            )
            if not claimed:
                raise ConflictError(self.conflict_message, code="conflict")
            self.version = expected
            self.save(**kwargs)
