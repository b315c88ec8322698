from django.urls import path

from .views import (
    api,
    commitment,
    council,
    dashboard,
    dossier,
    feeds,
    importing,
    overview,
    search,
    sources,
)
from .views.account import account

app_name = "dossiers"

urlpatterns = [
    path("", dashboard.dashboard, name="dashboard"),
    path("zoeken/", search.search_page, name="search"),
    path("dossiers/", dossier.DossierListView.as_view(), name="dossier_list"),
    path("dossiers/<slug:slug>/", dossier.dossier_detail, name="dossier_detail"),
    path("raden/", council.meeting_list, name="meeting_list"),
    path("raden/<int:pk>/", council.meeting_detail, name="meeting_detail"),
    path(
        "raden/<int:pk>/concept-geannoteerde-agenda.docx",
        council.meeting_agenda_docx,
        name="meeting_agenda_docx",
    ),
    path(
        "raden/<int:pk>/concept-verslag.docx",
        council.meeting_report_docx,
        name="meeting_report_docx",
    ),
    path("raden/<int:pk>/checklist/", commitment.checklist, name="checklist"),
    path("toezeggingen/", commitment.commitment_list, name="commitment_list"),
    path("toezeggingen/rappel/", commitment.rappel, name="rappel"),
    path("toezeggingen/<int:pk>/termijn/", commitment.move_due, name="commitment_move_due"),
    path("kwartaaloverzicht/", overview.current_quarter, name="quarterly_overview_current"),
    path(
        "kwartaaloverzicht/<int:year>/<int:quarter>/",
        overview.quarterly_overview,
        name="quarterly_overview",
    ),
    path(
        "kwartaaloverzicht/<int:year>/<int:quarter>/xlsx/",
        overview.quarterly_overview_xlsx,
        name="quarterly_overview_xlsx",
    ),
    path(
        "kwartaaloverzicht/<int:year>/<int:quarter>/docx/",
        overview.quarterly_overview_docx,
        name="quarterly_overview_docx",
    ),
    path("import/", importing.import_start, name="import_start"),
    path("import/<int:pk>/", importing.import_review, name="import_review"),
    path("bronnen/", sources.source_health, name="source_health"),
    path("bronnen/voorstellen/", sources.proposal_list, name="source_proposals"),
    path("bronnen/voorstellen/<int:pk>/besluit/", sources.proposal_decide, name="proposal_decide"),
    path("agenda.ics", feeds.calendar, name="calendar"),
    path("feed/stadia/", feeds.StageChangeFeed(), name="stage_feed"),
    path("account/", account, name="account"),
    path("api/dossiers/", api.dossier_list, name="api_dossier_list"),
    path("api/dossiers/<slug:slug>/", api.dossier_detail, name="api_dossier_detail"),
    path("api/meetings/", api.meeting_list, name="api_meeting_list"),
    path("api/meetings/<int:pk>/", api.meeting_detail, name="api_meeting_detail"),
    path("api/commitments/", api.commitment_list, name="api_commitment_list"),
]
