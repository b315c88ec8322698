import datetime

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..citations import (
    Citation,
    CitationError,
    ProceedingsCitation,
    format_citation,
    official_url,
    parse_citation,
    parse_reference,
    session_year_on,
    session_years_possible,
)
from .base import Chamber, choice_label

session_year_validator = RegexValidator(
    r"^(19|20)\d{2}-(19|20)\d{2}$", _("Give the session year as '2023-2024'.")
)
dossier_number_validator = RegexValidator(
    r"^\d{4,6}$", _("A Kamerstuk dossier number has digits only, for example 32317.")
)


class ParliamentaryDocumentQuerySet(models.QuerySet):
    def get_by_natural_key(self, chamber, dossier_number, dossier_chapter, sub_number):
        return self.get(
            chamber=chamber,
            dossier_number=dossier_number,
            dossier_chapter=dossier_chapter,
            sub_number=sub_number,
        )

    def for_citation(self, citation):
        return self.filter(
            chamber=citation.chamber,
            dossier_number=citation.dossier_number,
            dossier_chapter=citation.dossier_chapter,
            sub_number=citation.sub_number,
        )

    def reports(self):
        return self.filter(document_type=ParliamentaryDocument.DocumentType.REPORT)

    def newest_date(self, on=None):
        """How fresh the data is: the newest day (on or before `on`) from which a document is
        known, as StageEventQuerySet.known_on() has it: its date, or for a report without one
        the day after its Council ended (so that the start page of that day shows it)."""
        dated = models.Q(date__isnull=False)
        reported = models.Q(
            date=None,
            document_type=ParliamentaryDocument.DocumentType.REPORT,
            meetings__end_date__isnull=False,
        )
        if on is not None:
            dated &= models.Q(date__lte=on)
            reported &= models.Q(meetings__end_date__lt=on)
        newest = self.aggregate(
            document=models.Max("date", filter=dated),
            council=models.Max("meetings__end_date", filter=reported),
        )
        council = newest["council"] and newest["council"] + datetime.timedelta(days=1)
        return max((day for day in (newest["document"], council) if day), default=None)


class ParliamentaryDocument(models.Model):
    """A paper sent to parliament (Kamerstuk), or a document known by title and date only."""

    CITATION_FIELDS = (
        "chamber",
        "dossier_number",
        "dossier_chapter",
        "joint_dossier_numbers",
        "sub_number",
        "session_year",
    )

    class DocumentType(models.TextChoices):
        ANNOTATED_AGENDA = "geannoteerde_agenda", _("geannoteerde agenda")
        REPORT = "verslag", _("verslag")
        COVER_LETTER = "aanbiedingsbrief", _("aanbiedingsbrief")
        BNC_FICHE = "bnc_fiche", _("BNC-fiche")
        LETTER = "brief", _("brief")
        MOTION = "motie", _("motie")
        WRITTEN_CONSULTATION = "schriftelijk_overleg", _("schriftelijk overleg")
        OTHER = "overig", _("overig")

    chamber = models.CharField(
        _("chamber"), max_length=2, choices=Chamber.choices, default=Chamber.TWEEDE_KAMER
    )
    dossier_number = models.CharField(
        _("dossier number"),
        max_length=6,
        blank=True,
        validators=[dossier_number_validator],
        help_text=_("Digits only: 32317."),
    )
    dossier_chapter = models.CharField(
        _("chapter"),
        max_length=8,
        blank=True,
        help_text=_("A budget chapter such as VI, or a sub-series such as 20 (21 501-20)."),
    )
    joint_dossier_numbers = models.CharField(
        _("joint dossier numbers"),
        max_length=40,
        blank=True,
        help_text=_("Further dossier numbers of a paper printed under several, space-separated."),
    )
    sub_number = models.CharField(
        _("sub-number"), max_length=10, blank=True, help_text=_("nr. 867, or a letter such as B.")
    )
    session_year = models.CharField(
        _("session year"), max_length=9, blank=True, validators=[session_year_validator]
    )
    document_type = models.CharField(
        _("document type"), max_length=30, choices=DocumentType.choices, default=DocumentType.OTHER
    )
    date = models.DateField(_("date"), null=True, blank=True)
    title = models.CharField(_("title"), max_length=400, blank=True)
    url = models.URLField(_("link"), max_length=500, blank=True)
    meetings = models.ManyToManyField(
        "dossiers.CouncilMeeting",
        verbose_name=_("Council meetings"),
        blank=True,
        related_name="documents",
    )
    signatories = models.ManyToManyField(
        "dossiers.Person", verbose_name=_("signed by"), blank=True, related_name="signed_documents"
    )
    enclosed_in = models.ForeignKey(
        "self",
        verbose_name=_("enclosed with"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="enclosures",
        help_text=_("The cover letter this document was sent with."),
    )
    notes = models.TextField(_("notes"), blank=True)
    history = HistoricalRecords(m2m_fields=[meetings, signatories])

    objects = ParliamentaryDocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("parliamentary document")
        verbose_name_plural = _("parliamentary documents")
        ordering = ["-date", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["chamber", "dossier_number", "dossier_chapter", "sub_number"],
                condition=~models.Q(sub_number=""),
                name="document_unique_citation",
                violation_error_message=_("A document with this Kamerstuk number already exists."),
            ),
            models.CheckConstraint(
                condition=models.Q(sub_number="") | ~models.Q(dossier_number=""),
                name="document_sub_number_needs_dossier_number",
                violation_error_message=_("A sub-number needs a dossier number."),
            ),
        ]
        indexes = [models.Index(fields=["document_type", "date"])]

    def __str__(self):
        citation = self.citation
        if citation and self.title:
            return f"{citation} ({self.title})"
        return str(citation or self.title or _("document without title"))

    def get_document_type_display(self):
        return choice_label(self.DocumentType, self.document_type)

    @property
    def citation(self):
        """The canonical citation, or None for a document without a Kamerstuk number."""
        if not (self.dossier_number and self.sub_number):
            return None
        return format_citation(self.as_citation())

    @property
    def publication_url(self):
        """Where to read the document: the link stored with it, else the official
        publication's page its citation names (a Kamerstuk, or the Handelingen or Aanhangsel a
        document is titled by); "" when neither gives one."""
        if self.url:
            return self.url
        if self.dossier_number and self.sub_number:
            return official_url(self.as_citation())
        if self.title.startswith(("Handelingen", "Aanhangsel")):
            try:
                reference = parse_reference(self.title)
            except CitationError:
                return ""
            if isinstance(reference, ProceedingsCitation):
                return official_url(reference)
        return ""

    def as_citation(self):
        return Citation(
            chamber=self.chamber,
            dossier_number=self.dossier_number,
            sub_number=self.sub_number,
            session_year=self.session_year,
            dossier_chapter=self.dossier_chapter,
            joint_dossier_numbers=tuple(self.joint_dossier_numbers.split()),
        )

    @staticmethod
    def fields_from_citation(citation):
        """The values a citation gives the number fields (the session year only when cited)."""
        values = {
            "chamber": citation.chamber,
            "dossier_number": citation.dossier_number,
            "dossier_chapter": citation.dossier_chapter,
            "sub_number": citation.sub_number,
            "joint_dossier_numbers": " ".join(citation.joint_dossier_numbers),
        }
        if citation.session_year:
            values["session_year"] = citation.session_year
        return values

    def set_citation(self, text):
        """Fill the number fields from a citation in any form; CitationError if malformed."""
        citation = parse_citation(text)
        for name, value in self.fields_from_citation(citation).items():
            setattr(self, name, value)
        return citation

    def clean(self):
        super().clean()
        # A session year in another form is refused by the field's validator.
        if session_year_validator.regex.match(self.session_year):
            start, end = self.session_year.split("-")
            if int(end) != int(start) + 1:
                raise ValidationError(
                    {"session_year": _("The second year of a session year follows the first.")}
                )
        if not (self.title or self.sub_number):
            raise ValidationError(_("Give a Kamerstuk number or a title."))
        self._check_session_year_against_date()

    def _check_session_year_against_date(self):
        """A dated document's session year follows from its date: filled in for a Kamerstuk
        when missing, refused when it names another year (documents misprint it: "2022–23"
        for a letter of December 2023)."""
        if self.date is None:
            return
        if not self.session_year:
            if self.dossier_number and self.sub_number:
                self.session_year = session_year_on(self.date)
            return
        possible = session_years_possible(self.date)
        if session_year_validator.regex.match(self.session_year) and (
            self.session_year not in possible
        ):
            raise ValidationError(
                {
                    "session_year": _(
                        "A paper of %(date)s belongs to session year %(expected)s, not %(given)s."
                    )
                    % {
                        "date": date_format(self.date, "j F Y"),
                        "expected": session_year_on(self.date),
                        "given": self.session_year,
                    }
                }
            )
