from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from ..models import Dossier, DossierAlias, Mention, Stage, StageEvent, Topic
from .base import HistoryAdmin, VersionedAdmin


class DossierAliasInline(admin.TabularInline):
    model = DossierAlias
    extra = 1


class StageEventInline(admin.TabularInline):
    model = StageEvent
    extra = 0
    fields = ["stage", "date", "precision", "is_expected", "meeting", "source_document"]
    autocomplete_fields = ["meeting", "source_document"]
    show_change_link = True


class MentionInline(admin.TabularInline):
    model = Mention
    extra = 0
    fields = ["meeting", "agenda_item", "source_document", "summary"]
    autocomplete_fields = ["meeting", "agenda_item", "source_document"]
    show_change_link = True


@admin.register(Topic)
class TopicAdmin(HistoryAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Dossier)
class DossierAdmin(VersionedAdmin):
    list_display = [
        "title",
        "short_name",
        "instrument_type",
        "policy_area",
        "current_stage_display",
        "parent",
        "responsible_officer",
        "updated_at",
    ]
    # Filters whose choices stay few, and relative dates instead of date_hierarchy, which
    # reads every dossier for its list of years: a changelist page costs the same in year 20
    # as in year 1. A package is found by searching its name, which matches its instruments.
    list_filter = [
        "policy_area",
        "instrument_type",
        "topics",
        "responsible_officer",
        ("updated_at", admin.DateFieldListFilter),
    ]
    search_fields = [
        "title",
        "short_name",
        "aliases__alias",
        "commission_reference",
        "procedure_reference",
        "celex",
        "parent__title",
    ]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["parent", "bnc_fiche", "responsible_officer", "topics"]
    inlines = [DossierAliasInline, StageEventInline, MentionInline]
    fieldsets = [
        (None, {"fields": ["title", "short_name", "slug", "instrument_type", "policy_area"]}),
        (
            _("EU references"),
            {"fields": ["commission_reference", "procedure_reference", "celex"]},
        ),
        (
            _("Context"),
            {"fields": ["parent", "topics", "bnc_fiche", "responsible_officer", "notes"]},
        ),
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .with_current_stage()
            .select_related("parent", "responsible_officer")
        )

    @admin.display(description=_("current stage"), ordering="current_stage")
    def current_stage_display(self, obj):
        return Stage(obj.current_stage).label if obj.current_stage else "—"


@admin.register(StageEvent)
class StageEventAdmin(HistoryAdmin):
    list_display = ["dossier", "stage", "date_display", "precision", "is_expected", "meeting"]
    list_filter = ["stage", "is_expected", "precision"]
    search_fields = ["dossier__title", "dossier__short_name", "source_passage", "note"]
    date_hierarchy = "date"
    autocomplete_fields = ["dossier", "meeting", "source_document"]
    list_select_related = ["dossier", "meeting"]

    @admin.display(description=_("date"), ordering="date")
    def date_display(self, obj):
        return obj.date_display
