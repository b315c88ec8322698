"""Building blocks shared by the domain models."""

from django.db import models
from django.utils.translation import gettext_lazy as _


def choice_label(choices, value):
    """The label of `value` in a choices class, or the value itself: get_FOO_display()'s answer.

    Django's get_FOO_display() rebuilds the field's choices and hashes every lazy label on each
    call (about 20 µs): the pages that name hundreds of stages or documents pay it per name.
    """
    try:
        return choices(value).label
    except ValueError:
        return value


class Chamber(models.TextChoices):
    TWEEDE_KAMER = "TK", _("Tweede Kamer")
    EERSTE_KAMER = "EK", _("Eerste Kamer")


class PolicyArea(models.TextChoices):
    HOME_AFFAIRS = "bz", _("Binnenlandse Zaken")
    JUSTICE = "justitie", _("Justitie")


class SourcedModel(models.Model):
    """A record taken from a document: it keeps the document and the verbatim passage as proof."""

    source_document = models.ForeignKey(
        "dossiers.ParliamentaryDocument",
        verbose_name=_("source document"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="%(class)ss",
    )
    source_passage = models.TextField(
        _("source passage"), blank=True, help_text=_("The passage quoted verbatim.")
    )

    class Meta:
        abstract = True
