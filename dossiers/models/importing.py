from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class DocumentImport(models.Model):
    """A document read by the importer, its proposals, and what the reviewer accepted.

    Kept after acceptance as the record of where imported data came from; the text hash lets a
    second upload of the same document find the first.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("awaiting review")
        ACCEPTED = "accepted", _("accepted")
        DISCARDED = "discarded", _("discarded")

    file_name = models.CharField(_("file name"), max_length=255, blank=True)
    text = models.TextField(_("text"), help_text=_("The text as read, before normalisation."))
    text_hash = models.CharField(_("text hash"), max_length=64, db_index=True)
    proposals = models.JSONField(_("proposals"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    document = models.ForeignKey(
        "dossiers.ParliamentaryDocument",
        verbose_name=_("document"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="imports",
    )
    summary = models.JSONField(_("summary"), default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("imported by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("imported"), auto_now_add=True)
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)

    class Meta:
        verbose_name = _("document import")
        verbose_name_plural = _("document imports")
        ordering = ["-created_at"]

    def __str__(self):
        return self.file_name or self.proposals.get("document", {}).get("title", "") or str(self.pk)

    def get_absolute_url(self):
        return reverse("dossiers:import_review", args=[self.pk])
