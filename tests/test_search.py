"""The one search box: every kind of record, grouped and ranked, on PostgreSQL (full text in
Dutch, trigram names) and on SQLite (every word in a field)."""

import importlib

import pytest
from django.db import connection
from django.urls import reverse

from dossiers.models import (
    Commitment,
    Dossier,
    DossierAlias,
    Mention,
    Motion,
    ParliamentaryDocument,
    StageEvent,
)
from dossiers.search import MAX_PER_KIND, SEARCHED, _Postgres, search

pytestmark = pytest.mark.django_db

SEARCH = reverse("dossiers:search")
POSTGRES = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="full-text search and trigrams are PostgreSQL's"
)


def _labels(results, kind):
    groups = {group.kind: group for group in results.groups}
    return [hit.label for hit in groups[kind].shown] if kind in groups else []


@pytest.mark.parametrize("query", ["32 317, nr. 867", "32317-867", "kst-32317-867"])
def test_a_citation_in_any_form_finds_its_kamerstuk_first(seeded, query):
    results = search(query)
    assert results.groups[0].kind == "documents"
    assert results.groups[0].shown[0].label.startswith("Kamerstukken II 2023/24, 32 317, nr. 867")


def test_a_dossier_is_found_by_short_name_title_and_alias(seeded):
    assert _labels(search("APR"), "dossiers")[0] == "Asielprocedureverordening (APR)"
    assert "Herziening van de Schengengrenscode (SGC)" in _labels(search("Schengen"), "dossiers")
    # An alias only (the seeds call the CSAM regulation by its long name too).
    assert any(
        "CSAM" in label for label in _labels(search("voorkoming en bestrijding"), "dossiers")
    )


def test_a_month_and_year_find_the_councils_then(seeded):
    assert _labels(search("maart 2024"), "meetings") == ["JBZ-Raad 4-5 maart 2024"]
    assert len(_labels(search("2023"), "meetings")) == 4


def test_a_month_written_short_and_a_year_inside_a_reference(seeded):
    assert _labels(search("mrt 2024"), "meetings") == ["JBZ-Raad 4-5 maart 2024"]
    # The year of a Commission reference names no Councils; the reference finds its dossier
    # however it is printed.
    found = search("COM(2022)8987")
    assert _labels(found, "meetings") == []
    assert len(_labels(found, "dossiers")) == 1


def test_commitments_motions_people_and_passages(seeded):
    assert "Asielaanvragen door personen met visumvrije nationaliteiten" in _labels(
        search("visumvrije"), "commitments"
    )
    assert _labels(search("Piri"), "people") == ["Piri"]
    assert any(
        "Pact af te ronden" in label for label in _labels(search("Pact af te ronden"), "motions")
    )
    passages = _labels(search("personencontroles"), "passages")
    assert passages and all("personencontroles" in passage for passage in passages)


def test_nothing_for_nothing(seeded):
    assert search("").groups == []
    assert search(" x ").groups == []
    assert search("qqqqzzzz").groups == []


@pytest.mark.parametrize("query", ["Piri\x00", "Pi\x00ri", "32317-867\x00"])
def test_a_control_character_in_the_query_is_a_space_not_a_server_error(
    seeded, reader_client, query
):
    # PostgreSQL refuses a NUL in any text it is given; pasted text can hold one.
    response = reader_client.get(SEARCH, {"q": query})
    assert response.status_code == 200
    assert search(query).query == query.replace("\x00", " ").strip()
    assert _labels(search("Piri\x00"), "people") == ["Piri"]


def test_a_group_is_cut_and_says_where_the_rest_is(seeded):
    group = next(g for g in search("JBZ").groups if g.kind == "passages")
    assert len(group.shown) == MAX_PER_KIND
    assert group.has_more
    dossiers = next(g for g in search("richtlijn").groups if g.kind == "dossiers")
    assert dossiers.more_url == reverse("dossiers:dossier_list") + "?q=richtlijn"


@POSTGRES
def test_postgres_finds_word_forms_and_names_spelled_otherwise(seeded):
    # Dutch stemming: the plural in the record, the singular in the query.
    assert "Asielaanvragen door personen met visumvrije nationaliteiten" in _labels(
        search("asielaanvraag"), "commitments"
    )
    # A name without its accents, and one misspelt.
    assert _labels(search("Yesilgoz"), "people") == ["D. Yeşilgöz-Zegerius"]
    assert _labels(search("Pirri"), "people") == ["Piri"]


# Each kind of search.SEARCHED, its model and the name of its index in migration 0016.
INDEXED = {
    "dossier": (Dossier, "dossier_fts"),
    "alias": (DossierAlias, "alias_fts"),
    "document": (ParliamentaryDocument, "document_fts"),
    "commitment": (Commitment, "commitment_fts"),
    "motion": (Motion, "motion_fts"),
    "stage_passage": (StageEvent, "stageevent_fts"),
    "mention_passage": (Mention, "mention_fts"),
}


def test_the_migration_indexes_the_fields_the_search_searches():
    migration = importlib.import_module("dossiers.migrations.0016_search_indexes")
    indexed = {f"{short}_fts": fields for _model, short, fields in migration.SEARCHED}
    assert {kind: indexed[name] for kind, (_model, name) in INDEXED.items()} == SEARCHED


@POSTGRES
@pytest.mark.parametrize("kind", INDEXED)
def test_postgres_answers_each_kind_from_its_index(seeded, kind):
    model, index = INDEXED[kind]
    queryset = _Postgres("akkoord").match(model.objects.all(), SEARCHED[kind])
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
        try:
            plan = queryset.explain()
        finally:
            cursor.execute("SET enable_seqscan = on")
    assert index in plan


def test_the_page_groups_the_results(seeded, reader_client):
    html = reader_client.get(SEARCH, {"q": "Schengen"}).content.decode()
    assert '<h2 id="group-dossiers">Dossiers</h2>' in html
    assert "Herziening van de Schengengrenscode (SGC)" in html
    assert "resultaten voor “Schengen”" in html


def test_the_page_takes_a_bounded_number_of_queries(
    seeded, reader_client, django_assert_max_num_queries
):
    # Session, user and permissions (4), one query per kind (seven, the passages two) and the
    # meetings of the documents found (none when none is found), whatever it finds.
    with django_assert_max_num_queries(13):
        reader_client.get(SEARCH, {"q": "asiel"})
    with django_assert_max_num_queries(13):
        reader_client.get(SEARCH, {"q": "Brekelmans"})


@pytest.mark.parametrize(
    "query, message",
    [("a", "Typ ten minste twee tekens."), ("zzzzqqqq", "Niets gevonden."), ("x" * 500, "200")],
)
def test_the_page_says_what_it_did_with_a_short_long_or_vain_query(
    seeded, reader_client, query, message
):
    response = reader_client.get(SEARCH, {"q": query})
    assert response.status_code == 200
    assert message in response.content.decode()


def test_the_header_has_the_search_box(reader_client):
    html = reader_client.get(reverse("dossiers:dashboard")).content.decode()
    assert f'action="{SEARCH}"' in html
    assert 'role="search"' in html
