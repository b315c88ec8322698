import functools

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import gettext as _
from django_filters.views import FilterView
from django_tables2 import SingleTableMixin
from django_tables2.export import ExportMixin

from ..filters import DossierFilter
from ..models import Dossier
from ..spreadsheets import SpreadsheetExport
from ..tables import DossierTable, KeysFirstQuerysetData
from ..timeline import load_dossier, off_path_stage, package_axis, stage_bar, timeline_entries

REGISTER_FIELDS = ("title", "short_name", "slug", "instrument_type", "policy_area")


class RegisterPaginator(Paginator):
    """Pages of 1 to 500 rows: django-tables2 takes the page size from ?per_page= unchecked."""

    def __init__(self, object_list, per_page, **kwargs):
        super().__init__(object_list, min(max(int(per_page), 1), 500), **kwargs)


class CountedPaginator(RegisterPaginator):
    """The register's paginator, told how many rows there are: they have been counted once."""

    def __init__(self, object_list, per_page, *, count, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.count = count


class DossierListView(ExportMixin, SingleTableMixin, FilterView):
    """The register: filter, sort, page through and export every dossier."""

    table_class = DossierTable
    filterset_class = DossierFilter
    template_name = "dossiers/dossier/list.html"
    paginate_by = 50
    paginator_class = RegisterPaginator
    export_class = SpreadsheetExport
    export_formats = SpreadsheetExport.OFFERED
    export_name = "dossiers"

    def render_to_response(self, context, **kwargs):
        export_format = self.request.GET.get(self.export_trigger_param)
        if export_format is not None and not self.export_class.is_valid_format(export_format):
            context["export_error"] = _(
                "“%(format)s” is not a download this page offers: choose CSV or Excel (XLSX)."
            ) % {"format": export_format[:20]}
            kwargs["status"] = 400
        return super().render_to_response(context, **kwargs)

    def get_queryset(self):
        # Only the columns of the table: the downloads load every dossier.
        return Dossier.objects.with_current_stage().with_names_for_lists().only(*REGISTER_FIELDS)

    def get_table_data(self):
        return KeysFirstQuerysetData(super().get_table_data())

    def paginate_queryset(self, queryset, page_size):
        paginated = super().paginate_queryset(queryset, page_size)
        self.dossier_count = paginated[0].count
        return paginated

    def get_table_pagination(self, table):
        # The list view has counted the filtered dossiers to check the page number; the table
        # pages through the same ones, so it is told the count instead of counting again.
        pagination = super().get_table_pagination(table)
        pagination["paginator_class"] = functools.partial(
            CountedPaginator, count=self.dossier_count
        )
        return pagination


def dossier_detail(request, slug):
    """The timeline: where the file is on its path and how it got there."""
    dossier = load_dossier(slug)
    context = {
        "dossier": dossier,
        "steps": stage_bar(dossier),
        "off_path_stage": off_path_stage(dossier),
        "entries": timeline_entries(dossier),
        "axis": package_axis(dossier) if dossier.instruments.all() else None,
    }
    return render(request, "dossiers/dossier/detail.html", context)
