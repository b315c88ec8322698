from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from ..forms import FulfilCommitmentForm, VersionedModelForm
from ..models import Commitment, DueDateChange, StandingCommitmentCheck
from .base import VersionedAdmin


class CommitmentAdminForm(VersionedModelForm):
    """A due date changed here is recorded with its reason, as on the rappel list: the day it
    was due (Commitment.due_on: its date, or the end of the Council in whose report) moves."""

    due_date_reason = forms.CharField(
        label=_("reason for the new due date"),
        required=False,
        max_length=500,
        help_text=_("Required when an existing due date changes; kept with the old date."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.old_due_on = self.instance.due_on if self.instance.pk else None

    def clean(self):
        cleaned = super().clean()
        if self.due_date_moved() and not cleaned.get("due_date_reason", "").strip():
            self.add_error("due_date_reason", _("Say why the due date moves."))
        return cleaned

    def new_due_on(self):
        """Commitment.due_on of what the editor entered (the instance is filled in only after
        clean())."""
        entered = Commitment(
            due_date=self.cleaned_data.get("due_date"),
            due_meeting=self.cleaned_data.get("due_meeting"),
        )
        return entered.due_on

    def due_date_moved(self):
        return self.old_due_on is not None and self.new_due_on() != self.old_due_on


class DueDateChangeInline(admin.TabularInline):
    model = DueDateChange
    extra = 0
    can_delete = False
    fields = ["old_date", "new_date", "reason", "changed_by", "changed_at"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


class StandingCommitmentCheckInline(admin.TabularInline):
    model = StandingCommitmentCheck
    extra = 0
    autocomplete_fields = ["document"]


class DebateDateListFilter(admin.DateFieldListFilter):
    """Today, past 7 days, this month, this year: of the debate, not just 'date'."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.title = _("date of the debate")


@admin.register(Commitment)
class CommitmentAdmin(VersionedAdmin):
    list_display = [
        "subject",
        "members_display",
        "made_by",
        "debate",
        "fulfilment_mode",
        "status",
        "overdue_display",
        "fulfilled_by_document",
    ]
    # As for dossiers: no list of every meeting or member (search finds a member by name; the
    # checklist lists what is due in a meeting's report) and no date_hierarchy.
    list_filter = [
        "status",
        "fulfilment_mode",
        "made_by",
        ("debate__date", DebateDateListFilter),
    ]
    search_fields = ["subject", "text", "members__name", "notes"]
    autocomplete_fields = [
        "members",
        "made_by",
        "debate",
        "made_in_document",
        "dossiers",
        "meeting",
        "due_meeting",
        "fulfilled_by_document",
    ]
    form = CommitmentAdminForm
    readonly_fields = ["chamber_status"]
    inlines = [StandingCommitmentCheckInline, DueDateChangeInline]
    actions = ["mark_fulfilled"]
    fieldsets = [
        (None, {"fields": ["subject", "text", "members", "to_chamber", "made_by"]}),
        # The chamber's own record: the number links the sync to this commitment (an editor
        # corrects a wrong link here); the status is what the sync last read.
        (_("In the chamber's register"), {"fields": ["chamber_number", "chamber_status"]}),
        (_("Made in"), {"fields": ["debate", "made_in_document", "made_in_passage"]}),
        (_("Context"), {"fields": ["dossiers", "meeting"]}),
        (_("Due"), {"fields": ["fulfilment_mode", "due_meeting", "due_date", "due_date_reason"]}),
        (
            _("Fulfilment"),
            {
                "fields": [
                    "status",
                    "fulfilled_by_document",
                    "fulfilment_passage",
                    "fulfilled_on",
                    "notes",
                ]
            },
        ),
    ]

    def save_model(self, request, obj, form, change):
        moved = change and form.due_date_moved()
        if moved:
            # The reason in the record's history too, as a move from the rappel list has it.
            obj._change_reason = form.cleaned_data["due_date_reason"].strip()
        super().save_model(request, obj, form, change)
        if moved:
            DueDateChange.objects.create(
                commitment=obj,
                old_date=form.old_due_on,
                new_date=obj.due_on,  # None when the editor cleared it
                reason=obj._change_reason,
                changed_by=request.user,
            )

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .with_overdue()
            .select_related("made_by", "debate", "fulfilled_by_document")
            .prefetch_related("members")
        )

    @admin.display(description=_("to members"))
    def members_display(self, obj):
        return ", ".join(member.name for member in obj.members.all())

    @admin.display(description=_("overdue"), boolean=True, ordering="overdue")
    def overdue_display(self, obj):
        return obj.overdue

    @admin.action(description=_("Mark fulfilled by a document"), permissions=["change"])
    def mark_fulfilled(self, request, queryset):
        form = FulfilCommitmentForm(
            request.POST if "apply" in request.POST else None,
            admin_site=self.admin_site,
            commitments=queryset,
        )
        if form.is_valid():
            try:
                # All selected or none: a refusal for one leaves the others unchanged too.
                with transaction.atomic():
                    for commitment in queryset:
                        form.fulfil(commitment)
            except ValidationError as error:
                self.message_user(request, "; ".join(error.messages), messages.ERROR)
                return None
            count = queryset.count()
            self.message_user(
                request,
                ngettext(
                    "%(count)d commitment recorded as fulfilled.",
                    "%(count)d commitments recorded as fulfilled.",
                    count,
                )
                % {"count": count},
                messages.SUCCESS,
            )
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": _("Mark fulfilled by a document"),
            "opts": self.model._meta,
            "commitments": queryset,
            "form": form,
            "media": self.media + form.media,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/dossiers/commitment/fulfil.html", context)
