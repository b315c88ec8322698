"""The upload form and the review forms: one form per proposal, one formset per kind.

A review form carries the proposal's index and the fields a reviewer may correct; the passage
is taken from the stored proposal, never from the request.
"""

from dataclasses import dataclass

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from ..citations import CitationError, EUReference, citation_to_fetch, parse_reference
from ..dates import Precision
from ..forms import CitationField
from ..models import (
    Commitment,
    CouncilMeeting,
    Debate,
    Dossier,
    ParliamentaryDocument,
    PolicyArea,
    Stage,
)
from ..models.base import Chamber
from ..models.council import AgendaItem
from .reader import MAX_UPLOAD_BYTES

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("PDF or text file"),
        required=False,
        help_text=_("The annotated agenda, the report or its cover letter, as published."),
    )
    text = forms.CharField(
        label=_("or paste the text"), required=False, widget=forms.Textarea(attrs={"rows": 8})
    )
    fetch = forms.CharField(
        label=_("or fetch a Kamerstuk"),
        required=False,
        max_length=300,
        widget=forms.TextInput(attrs={"size": 60}),
        help_text=_(
            "A citation (Kamerstuk 32 317, nr. 867) or its address on "
            "zoek.officielebekendmakingen.nl: the app fetches it from the official publications."
        ),
    )

    def clean_fetch(self):
        text = self.cleaned_data["fetch"].strip()
        if not text:
            return None
        try:
            return citation_to_fetch(text)
        except CitationError as error:
            raise ValidationError(str(error)) from error

    def clean(self):
        cleaned = super().clean()
        upload, text = cleaned.get("file"), cleaned.get("text", "").strip()
        given = [bool(upload), bool(text), bool(cleaned.get("fetch") or self.data.get("fetch"))]
        if given.count(True) != 1:
            raise forms.ValidationError(
                _("Upload a file, paste the text or give a Kamerstuk to fetch: one of the three.")
            )
        if upload and upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(size)d MB.") % {"size": MAX_UPLOAD_BYTES // 2**20}
            )
        return cleaned

    def citation_to_fetch(self):
        """The Kamerstuk to fetch, or None when a file or text was given."""
        return self.cleaned_data.get("fetch")

    def name_and_bytes(self):
        upload = self.cleaned_data.get("file")
        if upload:
            return upload.name, upload.read()
        return _("pasted text"), self.cleaned_data["text"].encode()


class DocumentReviewForm(forms.Form):
    document_type = forms.ChoiceField(
        label=_("document type"), choices=ParliamentaryDocument.DocumentType.choices
    )
    title = forms.CharField(label=_("title"), max_length=400, required=False)
    date = forms.DateField(label=_("date"), required=False, widget=DATE_INPUT)
    chamber = forms.ChoiceField(label=_("chamber"), choices=Chamber.choices, required=False)
    citation = CitationField(label=_("Kamerstuk citation"), required=False)
    policy_area = forms.ChoiceField(
        label=_("policy area of new dossiers"), choices=PolicyArea.choices
    )

    def proposal(self):
        data = dict(self.cleaned_data)
        data["citation"] = str(data["citation"]) if data["citation"] else ""
        return data


class MeetingReviewForm(forms.Form):
    accept = forms.BooleanField(label=_("record this meeting"), required=False)
    start_date = forms.DateField(label=_("start date"), required=False, widget=DATE_INPUT)
    end_date = forms.DateField(label=_("end date"), required=False, widget=DATE_INPUT)
    is_informal = forms.BooleanField(label=_("informal"), required=False)
    formation = forms.ChoiceField(
        label=_("formation"),
        choices=CouncilMeeting.Formation.choices,
        initial=CouncilMeeting.Formation.JHA,
        required=False,  # the JBZ-Raad when not given
    )
    location = forms.CharField(label=_("location"), max_length=100, required=False)

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if cleaned.get("accept") and not start:
            self.add_error("start_date", _("Give the date of the meeting."))
        if start and end and end < start:
            self.add_error("end_date", _("A meeting cannot end before it starts."))
        return cleaned


class ProposalForm(forms.Form):
    """A proposal of a list kind: accept or not, and the fields that can be corrected."""

    index = forms.IntegerField(widget=forms.HiddenInput)
    accept = forms.BooleanField(label=_("accept"), required=False)

    def proposal(self, stored):
        """The stored proposal with the reviewer's corrections; None when rejected."""
        if not self.cleaned_data.get("accept"):
            return None
        data = dict(stored)
        for name, value in self.cleaned_data.items():
            if name in ("index", "accept"):
                continue
            data[name] = self.to_json(name, value)
        return data

    def to_json(self, name, value):
        if hasattr(value, "isoformat"):
            return value.isoformat()
        return value


class AgendaItemReviewForm(ProposalForm):
    section = forms.ChoiceField(label=_("section"), choices=PolicyArea.choices)
    number = forms.IntegerField(label=_("number"), min_value=1)
    title = forms.CharField(
        label=_("title"), max_length=AgendaItem._meta.get_field("title").max_length
    )


class CitationReviewForm(ProposalForm):
    canonical = CitationField(label=_("citation"), parse=parse_reference)

    def to_json(self, name, value):
        return str(value) if name == "canonical" else super().to_json(name, value)


class ListedChoiceField(forms.CharField):
    """One of many records, typed with the help of a <datalist> the page shows once.

    A <select> in every form would repeat every dossier in every form: with twenty years of
    data (2,045 dossiers) the review page of one report was 71 MB. The value is the record's
    key; the view hands every form the keys of its list (review_datalists), so that checking a
    page of forms costs one query, not one per form. Until it does, no value is valid.
    """

    def __init__(self, *, datalist, coerce=str, **kwargs):
        kwargs.setdefault("required", False)
        attrs = {"list": datalist, "autocomplete": "off"}
        super().__init__(widget=forms.TextInput(attrs=attrs), **kwargs)
        self.datalist = datalist
        self.coerce = coerce
        self.valid_keys = frozenset()

    def to_python(self, value):
        value = super().to_python(value).strip()
        if not value:
            return None
        if value not in self.valid_keys:
            raise ValidationError(
                _("“%(value)s” is not in the list: choose one of its entries."),
                code="invalid_choice",
                params={"value": value},
            )
        return self.coerce(value)


@dataclass(frozen=True)
class Datalist:
    """The entries of one <datalist>: (key, label) in order, and the set of keys."""

    options: list
    keys: frozenset


def review_datalists():
    """The lists the review page shows once, by the id its inputs name; a query each."""

    def listed(pairs):
        options = [(str(key), label) for key, label in pairs]
        return Datalist(options, frozenset(key for key, _label in options))

    return {
        "import-dossiers": listed(Dossier.objects.order_by("title").values_list("slug", "title")),
        "import-commitments": listed(
            Commitment.objects.order_by("subject").values_list("pk", "subject")
        ),
    }


def _dossier_field():
    return ListedChoiceField(
        label=_("dossier"),
        datalist="import-dossiers",
        help_text=_("Empty: a new dossier with the name below. Type to find one in the list."),
    )


class CommaSeparatedField(forms.CharField):
    def to_python(self, value):
        value = super().to_python(value)
        return [part.strip() for part in value.split(",") if part.strip()]

    def prepare_value(self, value):
        return ", ".join(value) if isinstance(value, list) else value


class LinesField(forms.CharField):
    """A list of texts, one per line: names may hold commas."""

    widget = forms.Textarea(attrs={"rows": 2})

    def to_python(self, value):
        value = super().to_python(value)
        return [line.strip() for line in value.splitlines() if line.strip()]

    def prepare_value(self, value):
        return "\n".join(value) if isinstance(value, list) else value


class MentionReviewForm(ProposalForm):
    """A mention; for a file not known yet, also what its new dossier is given."""

    dossier = _dossier_field()
    name = forms.CharField(label=_("name"), max_length=400)
    instrument_type = forms.ChoiceField(
        label=_("instrument type (new dossier)"),
        choices=[("", "—"), *Dossier.InstrumentType.choices],
        required=False,
    )
    short_name = forms.CharField(
        label=_("short name (new dossier)"), max_length=100, required=False
    )
    references = CommaSeparatedField(
        label=_("EU references (new dossier)"),
        required=False,
        help_text=_("COM(2022) 245, 2022/0155(COD), a CELEX number; separated by commas."),
    )
    aliases = LinesField(
        label=_("other names (new dossier)"),
        required=False,
        help_text=_("One per line; the next import knows the file by them too."),
    )

    def clean_references(self):
        references = []
        for text in self.cleaned_data["references"]:
            try:
                reference = parse_reference(text)
            except CitationError as error:
                raise ValidationError(str(error), code="invalid_reference") from error
            if not isinstance(reference, EUReference):
                raise ValidationError(
                    _("“%(text)s” is no EU reference (COM, procedure, CELEX ...)."),
                    code="invalid_reference",
                    params={"text": text},
                )
            references.append(str(reference))
        return references


class StageEventReviewForm(ProposalForm):
    dossier = _dossier_field()
    name = forms.CharField(label=_("name"), max_length=400)
    stage = forms.TypedChoiceField(label=_("stage"), choices=Stage.choices, coerce=int)
    date = forms.DateField(label=_("date"), required=False, widget=DATE_INPUT)
    precision = forms.ChoiceField(label=_("precision"), choices=Precision.choices)
    expected = forms.BooleanField(label=_("expected"), required=False)


class CommitmentReviewForm(ProposalForm):
    subject = forms.CharField(label=_("subject"), max_length=300)
    mps = CommaSeparatedField(label=_("members"), required=False)
    debate_kind = forms.ChoiceField(
        label=_("debate"), choices=[("", "—"), *Debate.Kind.choices], required=False
    )
    debate_date = forms.DateField(label=_("debate date"), required=False, widget=DATE_INPUT)
    fulfilled_here = forms.BooleanField(label=_("fulfilled in this document"), required=False)
    matched_commitment = ListedChoiceField(
        label=_("known commitment"),
        datalist="import-commitments",
        coerce=int,
    )


class MotionReviewForm(ProposalForm):
    citation = CitationField(label=_("citation"))
    submitters = CommaSeparatedField(label=_("submitted by"), required=False)

    def to_json(self, name, value):
        return str(value) if name == "citation" else super().to_json(name, value)


REVIEW_FORMS = {
    "agenda_items": AgendaItemReviewForm,
    "citations": CitationReviewForm,
    "mentions": MentionReviewForm,
    "stage_events": StageEventReviewForm,
    "commitments": CommitmentReviewForm,
    "motions": MotionReviewForm,
}
REVIEW_FORMSETS = {
    kind: forms.formset_factory(form, extra=0) for kind, form in REVIEW_FORMS.items()
}
