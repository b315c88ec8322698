from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce, Lower, NullIf
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..citations import procedure_links
from ..dates import format_period
from .base import PolicyArea
from .locking import VersionedModel
from .stage import LATEST_FIRST, LEGISLATIVE_PATH, Stage, StageEvent

commission_reference_validator = RegexValidator(
    r"^(COM|C|JOIN|SWD|SEC)\(\d{4}\) ?\d{1,5}$",
    _("Write a Commission reference as COM(2020) 611."),
)
procedure_reference_validator = RegexValidator(
    r"^\d{4}/\d{4}\((COD|CNS|NLE|APP|SYN|AVC|BUD|DEC|INI|RSP)\)$",
    _("Write an interinstitutional procedure as 2016/0224(COD)."),
)
celex_validator = RegexValidator(
    r"^[0-9CE]\d{4}[A-Z]{1,2}\d{4}(\(\d{2}\))?$", _("A CELEX number looks like 32023H0681.")
)


class Topic(models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), unique=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["name"]

    def __str__(self):
        return self.name


def _latest_actual_stage_event(on=None):
    events = StageEvent.objects.filter(dossier=OuterRef("pk"), is_expected=False)
    if on is not None:
        events = events.filter(date__lte=on)
    return events.order_by(*LATEST_FIRST)


class DossierQuerySet(models.QuerySet):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)

    def with_names_for_lists(self):
        """Annotate package_name and officer_name: the names a list shows, without loading the
        package and the officer as model instances for every row.

        Subqueries, not joins: a page chosen by its keys (KeysFirstQuerysetData) then reads
        the names for its own rows only.
        """
        package = Dossier.objects.filter(pk=OuterRef("parent_id")).annotate(
            name=Coalesce(NullIf("short_name", Value("")), "title")
        )
        officer = get_user_model().objects.filter(pk=OuterRef("responsible_officer_id"))
        return self.annotate(
            package_name=Subquery(package.values("name")),
            officer_name=Subquery(officer.values("username")),
        )

    def with_current_stage(self):
        """Annotate current_stage with its date and precision from the latest actual event."""
        latest = _latest_actual_stage_event()
        return self.annotate(
            current_stage=Subquery(latest.values("stage")[:1]),
            current_stage_date=Subquery(latest.values("date")[:1]),
            current_stage_precision=Subquery(latest.values("precision")[:1]),
        )

    def with_stage_on(self, day, name="stage_on_date"):
        """Annotate `name`: the stage each dossier had reached on `day`, in the same query."""
        return self.annotate(
            **{name: Subquery(_latest_actual_stage_event(on=day).values("stage")[:1])}
        )

    def changed_since(self, day):
        """Dossiers that reached a stage on or after `day`, or were edited since."""
        reached = StageEvent.objects.filter(
            dossier=OuterRef("pk"), is_expected=False, date__gte=day
        )
        return self.filter(Q(Exists(reached)) | Q(updated_at__date__gte=day))

    def packages(self):
        return self.filter(instrument_type=Dossier.InstrumentType.PACKAGE)

    def legislative(self):
        return self.filter(instrument_type__in=Dossier.LEGISLATIVE_TYPES)

    def search(self, text):
        """Match title, short name, aliases and EU references."""
        text = text.strip()
        if not text:
            return self
        return self.filter(
            Q(title__icontains=text)
            | Q(short_name__icontains=text)
            | Q(commission_reference__icontains=text)
            | Q(procedure_reference__icontains=text)
            | Q(celex__icontains=text)
            | Q(pk__in=DossierAlias.objects.filter(alias__icontains=text).values("dossier"))
        )


class Dossier(VersionedModel):
    """An EU file: a legislative proposal, a Council decision or conclusions, an agreement."""

    class InstrumentType(models.TextChoices):
        REGULATION = "verordening", _("regulation")
        DIRECTIVE = "richtlijn", _("directive")
        DECISION = "besluit", _("decision")
        RECOMMENDATION = "aanbeveling", _("recommendation")
        COUNCIL_CONCLUSIONS = "raadsconclusies", _("Council conclusions")
        INTERNATIONAL_AGREEMENT = "overeenkomst", _("international agreement")
        COMMUNICATION = "mededeling", _("communication")
        PARTNERSHIP = "samenwerking", _("partnership or platform")
        PACKAGE = "pakket", _("package")
        OTHER = "overig", _("other")

    LEGISLATIVE_TYPES = (
        InstrumentType.REGULATION,
        InstrumentType.DIRECTIVE,
        InstrumentType.DECISION,
    )

    title = models.CharField(_("title"), max_length=400, help_text=_("The Dutch title."))
    short_name = models.CharField(
        _("short name"), max_length=40, blank=True, help_text=_("APR, AMMR, SGC, CSAM.")
    )
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    instrument_type = models.CharField(
        _("instrument type"), max_length=20, choices=InstrumentType.choices
    )
    commission_reference = models.CharField(
        _("Commission reference"),
        max_length=30,
        blank=True,
        validators=[commission_reference_validator],
        help_text="COM(2020) 611",
    )
    procedure_reference = models.CharField(
        _("procedure reference"),
        max_length=20,
        blank=True,
        validators=[procedure_reference_validator],
        help_text="2016/0224(COD)",
    )
    celex = models.CharField(
        "CELEX", max_length=20, blank=True, validators=[celex_validator], help_text="32023H0681"
    )
    policy_area = models.CharField(_("policy area"), max_length=10, choices=PolicyArea.choices)
    topics = models.ManyToManyField(Topic, verbose_name=_("topics"), blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("package"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="instruments",
        limit_choices_to={"instrument_type": InstrumentType.PACKAGE},
        help_text=_(
            "The package this instrument belongs to, such as the Asylum and Migration Pact."
        ),
    )
    bnc_fiche = models.ForeignKey(
        "dossiers.ParliamentaryDocument",
        verbose_name=_("BNC fiche"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    responsible_officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsible officer"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="dossiers",
    )
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    history = HistoricalRecords(m2m_fields=[topics])

    objects = DossierQuerySet.as_manager()

    conflict_message = _("Someone else has changed this dossier in the meantime; reload the page.")

    class Meta:
        verbose_name = _("dossier")
        verbose_name_plural = _("dossiers")
        ordering = ["title"]
        constraints = [
            models.UniqueConstraint(
                fields=["procedure_reference"],
                condition=~Q(procedure_reference=""),
                name="dossier_unique_procedure_reference",
            ),
            models.UniqueConstraint(
                fields=["celex"], condition=~Q(celex=""), name="dossier_unique_celex"
            ),
            models.CheckConstraint(
                condition=~Q(instrument_type="pakket") | Q(parent__isnull=True),
                name="dossier_package_not_nested",
                violation_error_message=_("A package cannot itself belong to a package."),
            ),
        ]
        indexes = [
            models.Index(fields=["policy_area", "instrument_type"]),
            models.Index(fields=["updated_at"]),
            # The register and the admin list sort by title, the register's pages by title and
            # key: read in order, stop after a page.
            models.Index(fields=["title", "id"]),
            # The packages: the package filter's search, the admin's choice of a package.
            models.Index(fields=["instrument_type", "title"]),
        ]

    def __str__(self):
        return f"{self.title} ({self.short_name})" if self.short_name else self.title

    def procedure_links(self):
        """(label, address) of the EU's public pages of its procedure: OEIL and EUR-Lex."""
        return procedure_links(self.procedure_reference) if self.procedure_reference else []

    def get_absolute_url(self):
        return reverse("dossiers:dossier_detail", args=[self.slug])

    def natural_key(self):
        return (self.slug,)

    @property
    def stage_path(self):
        """The stages that apply to this kind of instrument, in order."""
        return STAGE_PATHS.get(self.instrument_type, LEGISLATIVE_PATH)

    @property
    def current_stage(self):
        """The stage of the latest actual event; with_current_stage() fills it without a query."""
        if not hasattr(self, "_current_stage"):
            latest = self.stage_events.actual().order_by(*LATEST_FIRST).first()
            self._current_stage = latest.stage if latest else None
        return Stage(self._current_stage) if self._current_stage is not None else None

    @current_stage.setter
    def current_stage(self, value):
        self._current_stage = value

    @property
    def current_stage_since(self):
        """'20 december 2023' or 'december 2023', as precise as the documents are; needs
        with_current_stage()."""
        if getattr(self, "current_stage_date", None) is None:
            return ""
        return format_period(self.current_stage_date, self.current_stage_precision)


_T = Dossier.InstrumentType
STAGE_PATHS = {
    _T.RECOMMENDATION: (
        Stage.PROPOSAL,
        Stage.COMMISSION_ADOPTION,
        Stage.BNC_FICHE,
        Stage.WORKING_PARTY,
        Stage.COREPER_ENDORSEMENT,
        Stage.COUNCIL_ADOPTION,
        Stage.PUBLICATION,
    ),
    _T.COUNCIL_CONCLUSIONS: (
        Stage.WORKING_PARTY,
        Stage.COREPER_ENDORSEMENT,
        Stage.COUNCIL_ADOPTION,
    ),
    _T.INTERNATIONAL_AGREEMENT: (
        Stage.PROPOSAL,
        Stage.COUNCIL_MANDATE,
        Stage.PROVISIONAL_AGREEMENT,
        Stage.EP_PLENARY_VOTE,
        Stage.COUNCIL_ADOPTION,
        Stage.ENTRY_INTO_FORCE,
    ),
    _T.COMMUNICATION: (Stage.PROPOSAL, Stage.BNC_FICHE, Stage.WORKING_PARTY),
    # An alliance or a partnership is launched and met, not legislated: it has no stages.
    _T.PARTNERSHIP: (),
}


class DossierAlias(models.Model):
    """A name under which documents mention a dossier; used to recognise it in text."""

    dossier = models.ForeignKey(
        Dossier, verbose_name=_("dossier"), on_delete=models.CASCADE, related_name="aliases"
    )
    alias = models.CharField(_("alias"), max_length=200)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("alias")
        verbose_name_plural = _("aliases")
        ordering = ["alias"]
        constraints = [
            models.UniqueConstraint(
                Lower("alias"),
                name="alias_unique_case_insensitive",
                violation_error_message=_("This alias already names another dossier."),
            )
        ]

    def __str__(self):
        return self.alias
