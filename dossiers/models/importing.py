from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class DocumentImport(models.Model):
    """A document read by the importer, its proposals, and what the reviewer accepted.

    An upload is kept as `upload` until the task that reads it (importing.tasks) has run;
    then `text` and `proposals` hold what it found, or `error` why it could not be read.
    Kept after acceptance as the record of where imported data came from; the hashes let a
    second upload of the same file or text find the first.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("waiting to be read")
        READING = "reading", _("being read")
        FAILED = "failed", _("could not be read")
        PENDING = "pending", _("awaiting review")
        ACCEPTED = "accepted", _("accepted")
        DISCARDED = "discarded", _("discarded")

    file_name = models.CharField(_("file name"), max_length=255, blank=True)
    source_url = models.URLField(
        _("source address"),
        max_length=500,
        blank=True,
        help_text=_("Where it was fetched from; the accepted document keeps it as its link."),
    )
    upload = models.BinaryField(
        _("upload"), blank=True, default=b"", help_text=_("The file as uploaded, until read.")
    )
    upload_hash = models.CharField(_("upload hash"), max_length=64, blank=True, db_index=True)
    text = models.TextField(
        _("text"), blank=True, help_text=_("The text as read, before normalisation.")
    )
    text_hash = models.CharField(_("text hash"), max_length=64, blank=True, db_index=True)
    proposals = models.JSONField(_("proposals"), default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    steps_done = models.PositiveSmallIntegerField(_("steps done"), default=0)
    error = models.TextField(_("why it could not be read"), blank=True)
    language = models.CharField(
        _("language"),
        max_length=10,
        blank=True,
        help_text=_("The uploader's language: the one the reading task's messages are in."),
    )
    duplicate_of = models.ForeignKey(
        "self",
        verbose_name=_("duplicate of"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("An earlier import of the same text, found when this one was read."),
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

    @property
    def is_being_read(self):
        return self.status in (self.Status.QUEUED, self.Status.READING)
