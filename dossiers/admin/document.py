from django.contrib import admin

from ..citations import CitationError, parse_citation
from ..forms import ParliamentaryDocumentAdminForm
from ..models import ParliamentaryDocument
from .base import HistoryAdmin


@admin.register(ParliamentaryDocument)
class ParliamentaryDocumentAdmin(HistoryAdmin):
    form = ParliamentaryDocumentAdminForm
    list_display = ["__str__", "document_type", "chamber", "date", "session_year"]
    list_filter = ["document_type", "chamber", "session_year"]
    search_fields = ["title", "dossier_number", "sub_number", "notes"]
    date_hierarchy = "date"
    autocomplete_fields = ["meetings", "signatories", "enclosed_in"]
    fieldsets = [
        (None, {"fields": ["citation_text", "document_type", "title", "date", "url"]}),
        (
            "Kamerstuk",
            {"fields": ParliamentaryDocument.CITATION_FIELDS},
        ),
        (None, {"fields": ["meetings", "signatories", "enclosed_in", "notes"]}),
    ]

    def get_search_results(self, request, queryset, search_term):
        """A search term that is a citation finds that document, whatever form it is typed in."""
        try:
            citation = parse_citation(search_term)
        except CitationError:
            return super().get_search_results(request, queryset, search_term)
        return queryset.for_citation(citation), False
