from django.contrib import admin

from ..models import Motion, MotionReport
from .base import HistoryAdmin


class MotionReportInline(admin.StackedInline):
    model = MotionReport
    extra = 0
    autocomplete_fields = ["document"]


@admin.register(Motion)
class MotionAdmin(HistoryAdmin):
    list_display = ["subject", "document", "outcome", "execution"]
    list_filter = ["outcome", "execution"]
    date_hierarchy = "document__date"
    search_fields = ["subject", "submitters__name", "document__dossier_number", "notes"]
    autocomplete_fields = ["document", "submitters", "dossiers"]
    list_select_related = ["document"]
    inlines = [MotionReportInline]
