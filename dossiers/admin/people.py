from django.contrib import admin

from ..models import Commitment, Debate, Person
from .base import HistoryAdmin


@admin.register(Person)
class PersonAdmin(HistoryAdmin):
    list_display = ["name", "initials", "role", "party", "chamber", "title"]
    list_filter = ["role", "chamber", "party"]
    search_fields = ["name", "party", "title"]


class CommitmentInline(admin.StackedInline):
    model = Commitment
    extra = 0
    fields = [
        "subject",
        "text",
        "members",
        "made_by",
        "fulfilment_mode",
        "due_meeting",
        "due_date",
        "status",
    ]
    autocomplete_fields = ["members", "made_by", "due_meeting"]
    show_change_link = True


@admin.register(Debate)
class DebateAdmin(HistoryAdmin):
    list_display = ["subject", "kind", "date", "committee", "meeting"]
    list_filter = ["kind", "chamber"]
    search_fields = ["subject", "committee", "notes"]
    date_hierarchy = "date"
    autocomplete_fields = ["meeting"]
    list_select_related = ["meeting"]
    inlines = [CommitmentInline]
