from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .base import Chamber


class PersonManager(models.Manager):
    def get_by_natural_key(self, name, role):
        return self.get(name=name, role=role)


class Person(models.Model):
    """A member of parliament, or a minister or state secretary who speaks for the cabinet."""

    class Role(models.TextChoices):
        MEMBER = "member", _("member of parliament")
        MINISTER = "minister", _("minister")
        STATE_SECRETARY = "state_secretary", _("state secretary")

    name = models.CharField(
        _("name"), max_length=120, help_text=_("As the documents print it: 'Piri', 'Van der Burg'.")
    )
    initials = models.CharField(_("initials"), max_length=20, blank=True)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    party = models.CharField(_("party"), max_length=60, blank=True)
    chamber = models.CharField(_("chamber"), max_length=2, choices=Chamber.choices, blank=True)
    title = models.CharField(
        _("title"),
        max_length=200,
        blank=True,
        help_text=_("For ministers: 'Minister van Justitie en Veiligheid'."),
    )
    notes = models.TextField(_("notes"), blank=True)
    history = HistoricalRecords()

    objects = PersonManager()

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["name", "role"], name="person_unique_name_role"),
            models.CheckConstraint(
                condition=~models.Q(role="member") | ~models.Q(chamber=""),
                name="person_member_has_chamber",
                violation_error_message=_("A member of parliament belongs to a chamber."),
            ),
        ]

    def __str__(self):
        full = f"{self.initials} {self.name}".strip()
        if self.role == self.Role.MEMBER and self.party:
            return f"{full} ({self.party})"
        return full

    def natural_key(self):
        return (self.name, self.role)


class Debate(models.Model):
    """A debate in which ministers answer members, and where commitments are made."""

    class Kind(models.TextChoices):
        COMMITTEE_DEBATE = "commissiedebat", _("commissiedebat")
        LEGISLATIVE_CONSULTATION = "wetgevingsoverleg", _("wetgevingsoverleg")
        PLENARY_DEBATE = "plenair_debat", _("plenair debat")
        WRITTEN_CONSULTATION = "schriftelijk_overleg", _("schriftelijk overleg")

    date = models.DateField(
        _("date"), null=True, blank=True, help_text=_("Empty when no document gives the date.")
    )
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    chamber = models.CharField(
        _("chamber"), max_length=2, choices=Chamber.choices, default=Chamber.TWEEDE_KAMER
    )
    committee = models.CharField(_("committee"), max_length=200, blank=True)
    subject = models.CharField(_("subject"), max_length=300)
    meeting = models.ForeignKey(
        "dossiers.CouncilMeeting",
        verbose_name=_("Council meeting"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="debates",
        help_text=_("The Council this debate prepared."),
    )
    chamber_number = models.CharField(
        _("the chamber's number"),
        max_length=20,
        blank=True,
        help_text=_("The Tweede Kamer's number of the activity: 2024A01894."),
    )
    notes = models.TextField(_("notes"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("debate")
        verbose_name_plural = _("debates")
        ordering = ["-date"]
        constraints = [
            models.UniqueConstraint(
                fields=["date", "kind", "subject"], name="debate_unique_date_kind_subject"
            ),
            models.UniqueConstraint(
                fields=["chamber_number"],
                condition=~models.Q(chamber_number=""),
                name="debate_chamber_number_once",
            ),
        ]

    def __str__(self):
        label = f"{self.get_kind_display().capitalize()} {self.subject}"
        return f"{label} ({self.date:%d-%m-%Y})" if self.date else label
