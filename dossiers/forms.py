import datetime

from django import forms
from django.contrib import admin
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .citations import CitationError, parse_citation
from .models import Commitment, ParliamentaryDocument, ReminderSubscription
from .models.locking import ConflictError
from .services import fulfil_commitment, move_due_date


class CitationField(forms.CharField):
    """A Kamerstuk citation in any of its printed forms, cleaned to a Citation; with
    parse=parse_reference, any paper citations.py reads (the Handelingen, a dated letter ...)."""

    def __init__(self, *args, parse=parse_citation, **kwargs):
        super().__init__(*args, **kwargs)
        self.parse = parse

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return None
        try:
            return self.parse(value)
        except CitationError as error:
            raise forms.ValidationError(str(error), code="invalid_citation") from error


class ParliamentaryDocumentAdminForm(forms.ModelForm):
    url = forms.URLField(label=_("link"), max_length=500, required=False, assume_scheme="https")
    citation_text = CitationField(
        label=_("Kamerstuk citation"),
        required=False,
        help_text=_(
            "Paste the citation as printed ('Kamerstukken II 2023/24, 32 317, nr. 867', "
            "'32317-867'); it fills chamber, numbers and session year."
        ),
    )

    class Meta:
        model = ParliamentaryDocument
        fields = [
            "document_type",
            "title",
            "date",
            "url",
            *ParliamentaryDocument.CITATION_FIELDS,
            "meetings",
            "signatories",
            "enclosed_in",
            "notes",
        ]

    def clean(self):
        cleaned = super().clean()
        citation = cleaned.get("citation_text")
        if citation:
            # The pasted citation wins over the separate number fields.
            cleaned.update(ParliamentaryDocument.fields_from_citation(citation))
        return cleaned


class VersionedModelForm(forms.ModelForm):
    """A change form that carries the version it showed and refuses to save over a newer one.

    The form check gives the message with the officer's input kept; the model's
    save_if_version() catches a save that slips in between the check and the write.
    """

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.stored_version = self._stored_version()
        self.initial["version"] = self.stored_version

    def _stored_version(self):
        instance = self.instance
        if instance.pk is None:
            return None
        if instance._state.db is not None:
            return instance.version
        # Not loaded from the database (a revert form shows a historical copy): ask it.
        return (
            type(instance)
            ._base_manager.filter(pk=instance.pk)
            .values_list("version", flat=True)
            .first()
        )

    @property
    def expected_version(self):
        """The version to save over, or None when there is no stored record to protect."""
        return None if self.stored_version is None else self.cleaned_data.get("version")

    def clean(self):
        cleaned = super().clean()
        if self.stored_version is not None and cleaned.get("version") != self.stored_version:
            raise ConflictError(self.instance.conflict_message, code="conflict")
        return cleaned


class FulfilCommitmentForm(forms.Form):
    """Choose the document and passage that fulfil the selected commitments."""

    document = forms.ModelChoiceField(
        queryset=ParliamentaryDocument.objects.all(), label=_("fulfilled by document")
    )
    passage = forms.CharField(
        label=_("fulfilling passage"), widget=forms.Textarea(attrs={"rows": 4})
    )
    fulfilled_on = forms.DateField(
        label=_("fulfilled on"),
        required=False,
        help_text=_("Leave empty to use the date of the document."),
    )
    partly = forms.BooleanField(label=_("partly fulfilled"), required=False)
    # The version of the commitment the checklist showed; the admin's bulk action has none.
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, admin_site=None, documents=None, commitments=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.commitments = commitments
        if documents is not None:
            self.fields["document"].queryset = documents
        if admin_site is not None:
            field = self.fields["document"]
            field.widget = admin.widgets.AutocompleteSelect(
                Commitment._meta.get_field("fulfilled_by_document"), admin_site
            )
            field.widget.choices = field.choices

    def clean(self):
        cleaned = super().clean()
        document = cleaned.get("document")
        # A standing commitment is addressed in each report, not fulfilled on a day.
        needs_date = any(
            commitment.fulfilment_mode != Commitment.FulfilmentMode.STANDING
            for commitment in self.commitments_to_fulfil()
        )
        if (
            needs_date
            and document is not None
            and not cleaned.get("fulfilled_on")
            and document.date is None
        ):
            self.add_error(
                "fulfilled_on",
                _("This document has no date: give the date on which it fulfilled them."),
            )
        return cleaned

    def commitments_to_fulfil(self):
        return self.commitments

    def fulfil(self, commitment):
        """Record the cleaned choice on `commitment`; ValidationError if the rules refuse it."""
        return fulfil_commitment(
            commitment,
            document=self.cleaned_data["document"],
            passage=self.cleaned_data["passage"],
            fulfilled_on=self.cleaned_data["fulfilled_on"],
            partly=self.cleaned_data["partly"],
            expected_version=self.cleaned_data["version"],
        )


class TickOffForm(FulfilCommitmentForm):
    """One commitment ticked off a Council's checklist."""

    commitment = forms.ModelChoiceField(
        queryset=Commitment.objects.all(),
        widget=forms.HiddenInput,
        error_messages={"invalid_choice": _("This commitment does not exist (any more).")},
    )

    def commitments_to_fulfil(self):
        commitment = self.cleaned_data.get("commitment")
        return [commitment] if commitment else []

    def fulfil(self):
        return super().fulfil(self.cleaned_data["commitment"])


class ReferenceDateForm(forms.Form):
    """The day a page looks from (peildatum): today unless the officer picks another."""

    peildatum = forms.DateField(
        label=_("as of"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        # The dashboard counts days back and on from it: keep it well inside the calendar.
        validators=[
            MinValueValidator(datetime.date(1990, 1, 1)),
            MaxValueValidator(datetime.date(2100, 12, 31)),
        ],
    )

    def reference_date(self):
        """The chosen day, or today when none (or an invalid one) was given."""
        if self.is_bound and self.is_valid() and self.cleaned_data["peildatum"]:
            return self.cleaned_data["peildatum"]
        return timezone.localdate()


class MoveDueDateForm(forms.Form):
    """A new due date for an open commitment, and why; the old one is kept."""

    new_date = forms.DateField(
        label=_("new due date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    reason = forms.CharField(label=_("reason"), max_length=500)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def move(self, commitment, user):
        """Record the cleaned new date on `commitment`; ValidationError if the rules refuse it."""
        return move_due_date(
            commitment,
            new_date=self.cleaned_data["new_date"],
            reason=self.cleaned_data["reason"],
            user=user,
            expected_version=self.cleaned_data.get("version"),
        )


class ReminderSubscriptionForm(forms.ModelForm):
    class Meta:
        model = ReminderSubscription
        fields = ["is_active", "days_ahead"]
        widgets = {"days_ahead": forms.NumberInput(attrs={"min": 1, "max": 90})}
