from django.contrib import admin

from ..models import DocumentImport


@admin.register(DocumentImport)
class DocumentImportAdmin(admin.ModelAdmin):
    """Imports are reviewed on their own page; the admin shows where data came from."""

    list_display = ["file_name", "status", "document", "created_by", "created_at"]
    list_filter = ["status"]
    list_select_related = ["document", "created_by"]
    search_fields = ["file_name"]
    # The upload is bytes kept only until the import is read: nothing to show.
    exclude = ["upload"]
    readonly_fields = [
        field.name for field in DocumentImport._meta.fields if field.name != "upload"
    ]

    def has_add_permission(self, request):
        return False
