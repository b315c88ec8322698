"""The filters of the register, the commitment lists and the API: one FilterSet per list."""

import django_filters
from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from .models import (
    Commitment,
    CouncilMeeting,
    Dossier,
    Person,
    PolicyArea,
    Source,
    SourceProposal,
    Stage,
)

DATE_INPUT = forms.DateInput(attrs={"type": "date"})


class DossierFilter(django_filters.FilterSet):
    """Filters the register; expects a queryset annotated with_current_stage()."""

    q = django_filters.CharFilter(
        label=_("Search"),
        method="filter_text",
        help_text=_("Title, short name, alias or reference (COM, procedure, CELEX)."),
    )
    stage = django_filters.ChoiceFilter(
        label=_("current stage"), field_name="current_stage", choices=Stage.choices
    )
    instrument_type = django_filters.ChoiceFilter(
        label=_("instrument type"), choices=Dossier.InstrumentType.choices
    )
    policy_area = django_filters.ChoiceFilter(label=_("policy area"), choices=PolicyArea.choices)
    # Packages, members and meetings grow with the years: a text to match, not a list of all.
    package = django_filters.CharFilter(
        label=_("package"),
        method="filter_package",
        help_text=_("Title, short name or alias of the package."),
    )
    responsible_officer = django_filters.ModelChoiceFilter(
        label=_("responsible officer"),
        # EXISTS rather than a join made DISTINCT: no pass over every dossier's officer.
        queryset=get_user_model().objects.filter(
            Exists(Dossier.objects.filter(responsible_officer=OuterRef("pk")))
        ),
    )
    changed_since = django_filters.DateFilter(
        label=_("changed since"), method="filter_changed_since", widget=DATE_INPUT
    )

    class Meta:
        model = Dossier
        fields = []

    def filter_text(self, queryset, name, value):
        return queryset.search(value)

    def filter_changed_since(self, queryset, name, value):
        return queryset.changed_since(value)

    def filter_package(self, queryset, name, value):
        return queryset.filter(parent__in=Dossier.objects.packages().search(value))


class CommitmentFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(label=_("status"), choices=Commitment.Status.choices)
    made_by = django_filters.ModelChoiceFilter(
        label=_("made by"),
        queryset=Person.objects.exclude(role=Person.Role.MEMBER),
    )
    member = django_filters.CharFilter(
        label=_("to member"), method="filter_member", help_text=_("Surname, such as Piri.")
    )
    fulfilment_mode = django_filters.ChoiceFilter(
        label=_("to be fulfilled"), choices=Commitment.FulfilmentMode.choices
    )
    q = django_filters.CharFilter(label=_("Search"), method="filter_text")

    class Meta:
        model = Commitment
        fields = []

    def filter_text(self, queryset, name, value):
        return queryset.filter(Q(subject__icontains=value) | Q(text__icontains=value))

    def filter_member(self, queryset, name, value):
        # EXISTS rather than a join: a commitment to two matching members is listed once.
        members = Person.objects.filter(
            commitments_received=OuterRef("pk"), role=Person.Role.MEMBER, name__icontains=value
        )
        return queryset.filter(Exists(members))


class YearFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField


class MeetingFilter(django_filters.FilterSet):
    # Whole years within Python's dates: outside them the year lookup would fail.
    year = YearFilter(
        label=_("year"), field_name="start_date", lookup_expr="year", min_value=1, max_value=9999
    )

    class Meta:
        model = CouncilMeeting
        fields = []


class SourceProposalFilter(django_filters.FilterSet):
    """The official sources' proposals of one source (?bron=)."""

    bron = django_filters.ChoiceFilter(
        label=_("source"),
        field_name="source",
        choices=Source.choices,
        empty_label=_("every source"),
    )

    class Meta:
        model = SourceProposal
        fields = []
