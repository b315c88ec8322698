import datetime

import pytest
from django.contrib import admin
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from dossiers.models import Commitment, DocumentImport, Dossier, ParliamentaryDocument

from .conftest import admin_change_data

pytestmark = pytest.mark.django_db

# The curated models; DocumentImport is the importer's record and read-only (tested below).
DOSSIER_MODELS = sorted(
    (
        model
        for model in admin.site._registry
        if model._meta.app_label == "dossiers" and model is not DocumentImport
    ),
    key=lambda model: model._meta.model_name,
)


def _url(model, view, *args):
    return reverse(f"admin:dossiers_{model._meta.model_name}_{view}", args=args)


def test_every_domain_model_is_registered():
    names = {model._meta.model_name for model in DOSSIER_MODELS}
    assert names == {
        "agendaitem",
        "commitment",
        "councilmeeting",
        "debate",
        "dossier",
        "mention",
        "motion",
        "parliamentarydocument",
        "person",
        "stageevent",
        "topic",
    }


def test_imports_are_shown_read_only(editor_client, db):
    document_import = DocumentImport.objects.create(
        file_name="verslag.pdf", text="...", text_hash="x", proposals={}
    )
    assert "verslag.pdf" in editor_client.get(_url(DocumentImport, "changelist")).content.decode()
    assert editor_client.get(_url(DocumentImport, "add")).status_code == 403
    change = editor_client.get(_url(DocumentImport, "change", document_import.pk))
    assert 'name="text"' not in change.content.decode()


@pytest.mark.parametrize("model", DOSSIER_MODELS, ids=lambda m: m._meta.model_name)
def test_editor_can_list_add_and_change(editor_client, sample, model):
    instance = model.objects.first()
    changelist = editor_client.get(_url(model, "changelist"))
    assert changelist.status_code == 200
    assert str(instance) in changelist.content.decode()
    assert editor_client.get(_url(model, "add")).status_code == 200
    change = editor_client.get(_url(model, "change", instance.pk))
    assert change.status_code == 200
    assert 'name="_save"' in change.content.decode()
    history = editor_client.get(_url(model, "history", instance.pk))
    assert history.status_code == 200


@pytest.mark.parametrize("model", DOSSIER_MODELS, ids=lambda m: m._meta.model_name)
def test_reader_sees_but_cannot_change(reader_client, sample, model):
    instance = model.objects.first()
    assert reader_client.get(_url(model, "changelist")).status_code == 200
    assert reader_client.get(_url(model, "add")).status_code == 403
    change = reader_client.get(_url(model, "change", instance.pk))
    assert change.status_code == 200
    assert 'name="_save"' not in change.content.decode()
    assert reader_client.post(_url(model, "change", instance.pk), {}).status_code == 403
    assert (
        reader_client.post(_url(model, "delete", instance.pk), {"post": "yes"}).status_code == 403
    )
    assert model.objects.filter(pk=instance.pk).exists()


@pytest.mark.parametrize("path", ["/", "/admin/", "/admin/dossiers/dossier/"])
def test_anonymous_users_are_sent_to_login(client, path):
    response = client.get(path)
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_login_page_is_open(client):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    assert 'name="password"' in response.content.decode()


def test_editor_changes_are_kept_in_history_with_the_user(editor_client, editor, sample):
    apr = sample["apr"]
    url = _url(Dossier, "change", apr.pk)
    data = admin_change_data(editor_client, url, ("aliases", "stage_events", "mentions"))
    data.update(
        {
            "title": "Asielprocedureverordening (herzien)",
            "topics": [sample["topic"].pk],
            "parent": sample["pact"].pk,
        }
    )
    # Existing inline rows must be posted back; a change without inlines keeps them.
    response = editor_client.post(url, data)
    assert response.status_code in (200, 302)
    apr.refresh_from_db()
    if response.status_code == 200:
        pytest.fail(f"admin form rejected: {response.context['adminform'].form.errors}")
    latest = apr.history.first()
    assert latest.title == "Asielprocedureverordening (herzien)"
    assert latest.history_user == editor
    history_page = editor_client.get(_url(Dossier, "history", apr.pk)).content.decode()
    assert "editor" in history_page


def test_document_form_parses_a_pasted_citation(editor_client, db):
    response = editor_client.post(
        _url(ParliamentaryDocument, "add"),
        {
            "citation_text": "Kamerstukken II 2023-2024, 36 410 VI nr. 85",
            "document_type": "motie",
            "chamber": "TK",
            "title": "Motie van het lid Veldkamp c.s.",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    document = ParliamentaryDocument.objects.get()
    assert document.citation == "Kamerstukken II 2023/24, 36 410 VI, nr. 85"


def test_document_form_refuses_a_malformed_citation(editor_client, db):
    response = editor_client.post(
        _url(ParliamentaryDocument, "add"),
        {"citation_text": "Kamerstuk zonder nummer", "document_type": "brief", "chamber": "TK"},
    )
    assert response.status_code == 200
    assert "geen herkenbare Kamerstukverwijzing" in response.content.decode()
    assert not ParliamentaryDocument.objects.exists()


def test_admin_search_finds_a_document_by_any_citation_form(editor_client, sample):
    response = editor_client.get(_url(ParliamentaryDocument, "changelist"), {"q": "32317-872"})
    assert list(response.context["cl"].result_list) == [sample["agenda"]]


def test_mark_fulfilled_action(editor_client, sample):
    commitment = sample["commitment"]
    changelist = _url(Commitment, "changelist")
    form_page = editor_client.post(
        changelist, {"action": "mark_fulfilled", ACTION_CHECKBOX_NAME: [commitment.pk]}
    )
    assert form_page.status_code == 200
    assert commitment.subject in form_page.content.decode()
    response = editor_client.post(
        changelist,
        {
            "action": "mark_fulfilled",
            ACTION_CHECKBOX_NAME: [commitment.pk],
            "apply": "1",
            "document": sample["report"].pk,
            "passage": "Conform de toezegging aan lid Piri",
        },
    )
    assert response.status_code == 302
    commitment.refresh_from_db()
    assert commitment.status == Commitment.Status.FULFILLED
    assert commitment.fulfilled_on == datetime.date(2024, 3, 20)
    assert commitment.history.first().history_user.username == "editor"


def test_fulfil_action_records_all_selected_or_none(editor_client, sample):
    commitment = sample["commitment"]
    withdrawn = Commitment.objects.create(
        subject="Ingetrokken",
        text="-",
        debate=commitment.debate,
        fulfilment_mode=Commitment.FulfilmentMode.BY_LETTER,
        status=Commitment.Status.WITHDRAWN,
    )
    # The changelist lists newest first: make the refused one come after the good one.
    Commitment.objects.filter(pk=withdrawn.pk).update(
        created_at=datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)
    )
    editor_client.post(
        _url(Commitment, "changelist"),
        {
            "action": "mark_fulfilled",
            ACTION_CHECKBOX_NAME: [commitment.pk, withdrawn.pk],
            "apply": "1",
            "document": sample["report"].pk,
            "passage": "Conform de toezegging",
        },
    )
    commitment.refresh_from_db()
    assert commitment.status == Commitment.Status.OPEN


def test_reader_cannot_run_the_fulfil_action(reader_client, sample):
    commitment = sample["commitment"]
    response = reader_client.post(
        _url(Commitment, "changelist"),
        {
            "action": "mark_fulfilled",
            ACTION_CHECKBOX_NAME: [commitment.pk],
            "apply": "1",
            "document": sample["report"].pk,
            "passage": "p",
        },
    )
    assert response.status_code in (200, 302, 403)
    commitment.refresh_from_db()
    assert commitment.status == Commitment.Status.OPEN


@pytest.mark.parametrize("model", [Commitment, Dossier], ids=["commitment", "dossier"])
def test_changelist_queries_do_not_grow_with_the_data(editor_client, sample, model):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count_queries():
        with CaptureQueriesContext(connection) as queries:
            assert editor_client.get(_url(model, "changelist")).status_code == 200
        return len(queries)

    before = count_queries()
    for number in range(10):
        commitment = Commitment.objects.create(
            subject=f"Toezegging {number}",
            text="x",
            debate=sample["debate"],
            fulfilment_mode="by_letter",
        )
        commitment.members.add(sample["piri"])
        dossier = Dossier.objects.create(
            title=f"Dossier {number}",
            slug=f"dossier-{number}",
            instrument_type="verordening",
            policy_area="bz",
            parent=sample["pact"],
        )
        dossier.stage_events.create(stage=10, date=datetime.date(2024, 1, 1))
    assert count_queries() == before
    assert before <= 15


def test_history_page_shows_who_changed_what(editor_client, editor, sample):
    commitment = sample["commitment"]
    commitment.subject = "Partnerschap met Egypte (bijgewerkt)"
    commitment._history_user = editor
    commitment.save()
    page = editor_client.get(_url(Commitment, "history", commitment.pk)).content.decode()
    assert "editor" in page
    assert "Partnerschap met Egypte (bijgewerkt)" in page


def test_admin_offers_english(editor_client):
    page = editor_client.get(reverse("admin:index")).content.decode()
    assert 'name="language" value="en"' in page
    response = editor_client.post(reverse("set_language"), {"language": "en", "next": "/admin/"})
    assert response.status_code == 302
    assert "Log out" in editor_client.get(reverse("admin:index")).content.decode()


def test_changelists_list_no_choice_that_grows_with_the_years(editor_client, sample):
    # No list of every meeting, member or package, and no date_hierarchy (its list of years
    # reads every row): relative dates instead.
    for model, absent in [
        (Dossier, ["parent__id__exact"]),
        (Commitment, ["due_meeting__id__exact", "members__id__exact"]),
    ]:
        model_admin = admin.site._registry[model]
        assert model_admin.date_hierarchy is None
        html = editor_client.get(_url(model, "changelist")).content.decode()
        for parameter in absent:
            assert parameter not in html
    html = editor_client.get(_url(Dossier, "changelist")).content.decode()
    assert "updated_at__gte" in html  # "Vandaag", "Afgelopen 7 dagen", ...
    html = editor_client.get(_url(Commitment, "changelist")).content.decode()
    assert "debate__date__gte" in html
    assert "datum van het debat" in html


def test_dossier_changelist_finds_a_packages_instruments_by_its_name(editor_client, sample):
    instrument = Dossier.objects.create(
        title="Opvangrichtlijn (herzien)",
        slug="opvangrichtlijn-herzien",
        instrument_type="richtlijn",
        policy_area="bz",
        parent=sample["pact"],
    )
    response = editor_client.get(_url(Dossier, "changelist"), {"q": sample["pact"].title})
    found = set(response.context["cl"].result_list)
    assert {instrument, sample["pact"]} <= found


def test_commitment_changelist_finds_a_member_by_name(editor_client, sample):
    commitment = Commitment.objects.create(
        subject="Brief over terugkeer", text="x", debate=sample["debate"]
    )
    commitment.members.add(sample["piri"])
    response = editor_client.get(_url(Commitment, "changelist"), {"q": "Piri"})
    assert commitment in response.context["cl"].result_list
