from django.contrib import admin

from ..models import AgendaItem, CouncilMeeting, Mention
from .base import HistoryAdmin


class AgendaItemInline(admin.TabularInline):
    model = AgendaItem
    extra = 0
    fields = ["section", "number", "title", "format", "main_result"]


@admin.register(CouncilMeeting)
class CouncilMeetingAdmin(HistoryAdmin):
    list_display = ["__str__", "start_date", "end_date", "is_informal", "location", "presidency"]
    list_filter = ["formation", "is_informal", "presidency"]
    search_fields = ["location", "presidency", "notes", "start_date"]
    date_hierarchy = "start_date"
    inlines = [AgendaItemInline]


@admin.register(AgendaItem)
class AgendaItemAdmin(HistoryAdmin):
    list_display = ["title", "meeting", "section", "number", "format", "is_main_result"]
    list_filter = ["section", "format"]
    search_fields = ["title", "main_result"]
    autocomplete_fields = ["meeting"]
    list_select_related = ["meeting"]

    @admin.display(boolean=True, description=AgendaItem._meta.get_field("main_result").verbose_name)
    def is_main_result(self, obj):
        return obj.is_main_result


@admin.register(Mention)
class MentionAdmin(HistoryAdmin):
    list_display = ["dossier", "meeting", "agenda_item", "source_document"]
    list_filter = ["meeting"]
    date_hierarchy = "meeting__start_date"
    search_fields = ["dossier__title", "dossier__short_name", "summary", "dutch_position"]
    autocomplete_fields = ["dossier", "meeting", "agenda_item", "source_document"]
    list_select_related = ["dossier", "meeting", "agenda_item", "source_document"]
