import io

from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from ..dates import quarter_of
from ..drafts.documents import quarterly_overview_docx as overview_docx
from ..drafts.word import DOCX
from ..overview import quarterly_overview as build_overview
from ..spreadsheets import xlsx_from_dataset

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _overview_or_404(year, quarter):
    if not (1 <= quarter <= 4 and 1990 <= year <= 2100):
        raise Http404("No such quarter.")
    return build_overview(year, quarter)


def current_quarter(request):
    year, quarter = quarter_of(timezone.localdate())
    return redirect("dossiers:quarterly_overview", year=year, quarter=quarter)


def quarterly_overview(request, year, quarter):
    overview = _overview_or_404(year, quarter)
    return render(request, "dossiers/overview/quarterly.html", {"overview": overview})


def quarterly_overview_xlsx(request, year, quarter):
    overview = _overview_or_404(year, quarter)
    response = HttpResponse(xlsx_from_dataset(overview.as_dataset()), content_type=XLSX)
    filename = f"kwartaaloverzicht-{year}-Q{quarter}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def quarterly_overview_docx(request, year, quarter):
    overview = _overview_or_404(year, quarter)
    return FileResponse(
        io.BytesIO(overview_docx(overview)),
        as_attachment=True,
        filename=f"kwartaaloverzicht-{year}-Q{quarter}.docx",
        content_type=DOCX,
    )
