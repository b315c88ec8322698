"""What every curation admin shares: history that readers cannot revert, and locked saves."""

from django.contrib import messages
from django.contrib.admin.utils import flatten_fieldsets
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from simple_history.admin import SimpleHistoryAdmin

from ..forms import VersionedModelForm
from ..models.locking import ConflictError


class HistoryAdmin(SimpleHistoryAdmin):
    """SimpleHistoryAdmin whose revert form saves only for those who may change the record.

    django-simple-history 3.13 saves a POST to the revert form of anyone who may view the
    record, so without this check a reader could change data by reverting it.
    """

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST" and not self.has_change_permission(request):
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)


class VersionedAdmin(HistoryAdmin):
    """Change and revert forms carry the record's version; a save over a newer one is refused."""

    form = VersionedModelForm

    def get_fieldsets(self, request, obj=None):
        (name, options), *rest = super().get_fieldsets(request, obj)
        return [(name, {**options, "fields": [*options["fields"], "version"]}), *rest]

    def get_form(self, request, obj=None, change=False, **kwargs):
        # `version` is the form's own hidden field, not an editable model field.
        fields = kwargs.get("fields") or flatten_fieldsets(self.get_fieldsets(request, obj))
        kwargs["fields"] = [name for name in fields if name != "version"]
        return super().get_form(request, obj, change, **kwargs)

    def save_model(self, request, obj, form, change):
        expected = form.expected_version if change else None
        if expected is None:
            super().save_model(request, obj, form, change)
            return
        obj._history_user = request.user
        obj.save_if_version(expected)

    def _refuse_conflict(self, request, conflict):
        """A save that lost the race after the form check: say so and show the stored record."""
        self.message_user(request, " ".join(conflict.messages), messages.ERROR)
        return HttpResponseRedirect(request.get_full_path())

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except ConflictError as conflict:
            return self._refuse_conflict(request, conflict)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        try:
            return super().history_form_view(request, object_id, version_id, extra_context)
        except ConflictError as conflict:
            return self._refuse_conflict(request, conflict)
