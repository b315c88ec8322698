from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .base import PolicyArea, SourcedModel


class CouncilMeetingQuerySet(models.QuerySet):
    def get_by_natural_key(self, formation, start_date):
        return self.get(formation=formation, start_date=start_date)

    def upcoming(self, on):
        return self.filter(end_date__gte=on).order_by("start_date")

    def past(self, on):
        return self.filter(end_date__lt=on).order_by("-start_date")


class CouncilMeeting(models.Model):
    """One meeting of a Council formation, formal or informal."""

    class Formation(models.TextChoices):
        JHA = "jbz", _("JBZ-Raad")
        EUROPEAN_COUNCIL = "er", _("Europese Raad")
        GENERAL_AFFAIRS = "raz", _("Raad Algemene Zaken")
        OTHER = "overig", _("other formation")

    formation = models.CharField(
        _("formation"), max_length=10, choices=Formation.choices, default=Formation.JHA
    )
    is_informal = models.BooleanField(_("informal"), default=False)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    location = models.CharField(_("location"), max_length=100, blank=True)
    presidency = models.CharField(
        _("presidency"), max_length=60, blank=True, help_text=_("The presiding member state.")
    )
    notes = models.TextField(_("notes"), blank=True)
    history = HistoricalRecords()

    objects = CouncilMeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("Council meeting")
        verbose_name_plural = _("Council meetings")
        ordering = ["-start_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")),
                name="meeting_end_not_before_start",
                violation_error_message=_("A meeting cannot end before it starts."),
            ),
            models.UniqueConstraint(
                fields=["formation", "start_date"], name="meeting_unique_formation_start"
            ),
        ]
        # Meetings are listed newest first; the next and the last Council are found by date.
        indexes = [models.Index(fields=["start_date"])]

    def __str__(self):
        name = self.get_formation_display()
        if self.is_informal:
            name = _("Informal %(formation)s") % {"formation": name}
        return f"{name} {self.date_range_display}"

    def get_absolute_url(self):
        return reverse("dossiers:meeting_detail", args=[self.pk])

    def natural_key(self):
        return (self.formation, self.start_date.isoformat())

    @property
    def date_range_display(self):
        start, end = self.start_date, self.end_date
        if start == end:
            return date_format(start, "j F Y")
        if (start.year, start.month) == (end.year, end.month):
            return f"{start.day}-{date_format(end, 'j F Y')}"
        return f"{date_format(start, 'j F')} - {date_format(end, 'j F Y')}"


class AgendaItem(models.Model):
    """An item on a Council agenda, numbered per section as the documents number it."""

    class Format(models.TextChoices):
        WORKING_SESSION = "werksessie", _("werksessie")
        WORKING_LUNCH = "werklunch", _("werklunch")
        CLOSED_LUNCH = "besloten_lunch", _("besloten lunch")
        POLICY_DEBATE = "beleidsdebat", _("beleidsdebat")
        GENERAL_APPROACH = "algemene_orientatie", _("algemene oriëntatie")
        A_ITEM = "a_punt", _("A-punt")
        ANY_OTHER_BUSINESS = "overige_onderwerpen", _("overige onderwerpen")
        OTHER = "overig", _("other")

    meeting = models.ForeignKey(
        CouncilMeeting,
        verbose_name=_("Council meeting"),
        on_delete=models.CASCADE,
        related_name="agenda_items",
    )
    section = models.CharField(_("section"), max_length=10, choices=PolicyArea.choices)
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=400)
    format = models.CharField(_("format"), max_length=30, choices=Format.choices, blank=True)
    main_result = models.TextField(
        _("main result"),
        blank=True,
        help_text=_("The sentence under 'Belangrijkste resultaten', when this item produced one."),
    )
    note = models.TextField(_("note"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["meeting", "section", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "section", "number"], name="agenda_item_unique_number"
            )
        ]

    def __str__(self):
        return f"{self.get_section_display()} {self.number}. {self.title}"

    @property
    def is_main_result(self):
        return bool(self.main_result)


class Mention(SourcedModel):
    """A dossier discussed at a Council meeting, as an agenda or report describes it."""

    meeting = models.ForeignKey(
        CouncilMeeting,
        verbose_name=_("Council meeting"),
        on_delete=models.CASCADE,
        related_name="mentions",
    )
    agenda_item = models.ForeignKey(
        AgendaItem,
        verbose_name=_("agenda item"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="mentions",
    )
    dossier = models.ForeignKey(
        "dossiers.Dossier",
        verbose_name=_("dossier"),
        on_delete=models.CASCADE,
        related_name="mentions",
    )
    summary = models.TextField(_("summary"), blank=True)
    dutch_position = models.TextField(_("Dutch position (inzet)"), blank=True)
    outcome = models.TextField(_("outcome"), blank=True)
    note = models.TextField(_("note"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Council mention")
        verbose_name_plural = _("Council mentions")
        ordering = ["meeting", "agenda_item"]
        constraints = [
            models.UniqueConstraint(
                fields=["dossier", "meeting", "agenda_item", "source_document"],
                name="mention_unique_per_item_and_source",
            )
        ]
        indexes = [models.Index(fields=["dossier", "meeting"])]

    def __str__(self):
        return f"{self.dossier} @ {self.meeting}"

    def clean(self):
        super().clean()
        if (
            self.agenda_item_id
            and self.meeting_id
            and self.agenda_item.meeting_id != self.meeting_id
        ):
            raise ValidationError(
                {"agenda_item": _("This agenda item belongs to another Council meeting.")}
            )
