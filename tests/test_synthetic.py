"""The synthetic data set of the benchmark: deterministic, valid, and cheap to serve."""

import django_tables2 as tables
import pytest
from django.core.management import CommandError, call_command

from bench.run import QUERY_BUDGET, pages
from dossiers.management.commands.generate_synthetic import flush_synthetic, synthetic_q
from dossiers.models import (
    AgendaItem,
    Commitment,
    CouncilMeeting,
    Debate,
    Dossier,
    DossierAlias,
    Mention,
    Motion,
    MotionReport,
    ParliamentaryDocument,
    Person,
    StageEvent,
    StandingCommitmentCheck,
    Topic,
)
from dossiers.tables import DossierTable
from dossiers.views.dossier import DossierListView

pytestmark = pytest.mark.django_db

SCALE = 0.01
SEED = 5

# Each synthetic model, and how its synthetic records are told apart.
MARKED = {
    Dossier: "slug",
    Topic: "slug",
    CouncilMeeting: "notes",
    AgendaItem: "note",
    ParliamentaryDocument: "notes",
    Person: "notes",
    Debate: "notes",
    StageEvent: "note",
    Mention: "note",
    Commitment: "notes",
    Motion: "notes",
}
OWNED = {
    DossierAlias: "dossier__slug__startswith",
    StandingCommitmentCheck: "commitment__notes__startswith",
    MotionReport: "motion__notes__startswith",
}


def _generate(seed=SEED):
    call_command("generate_synthetic", scale=SCALE, seed=seed, verbosity=0)


def _synthetic(model, seed=SEED):
    if model in OWNED:
        prefix = f"syn-{seed}-" if model is DossierAlias else f"[syn-{seed}]"
        return model.objects.filter(**{OWNED[model]: prefix})
    return model.objects.filter(synthetic_q(seed)[MARKED[model]])


def _snapshot():
    return {
        "counts": {model.__name__: _synthetic(model).count() for model in [*MARKED, *OWNED]},
        "first_slugs": list(_synthetic(Dossier).order_by("pk").values_list("slug", flat=True)[:5]),
        "stages": list(
            _synthetic(StageEvent).order_by("pk").values_list("stage", "date", "is_expected")[:20]
        ),
    }


def test_same_seed_gives_the_same_data(seeded):
    _generate()
    first = _snapshot()
    flush_synthetic()
    assert _synthetic(Dossier).count() == 0
    _generate()
    assert _snapshot() == first
    assert first["counts"]["Dossier"] == 20
    assert first["counts"]["StageEvent"] >= 100
    assert all(slug.startswith(f"syn-{SEED}-") for slug in first["first_slugs"])


def test_another_seed_adds_other_data_and_the_same_seed_is_refused(seeded):
    _generate()
    _generate(seed=SEED + 1)
    assert _synthetic(Dossier, SEED + 1).count() == 20
    assert (
        _synthetic(Dossier).values_list("slug", flat=True)[0]
        != (_synthetic(Dossier, SEED + 1).values_list("slug", flat=True)[0])
    )
    with pytest.raises(CommandError, match="--flush-synthetic"):
        _generate()
    call_command("generate_synthetic", flush=True, verbosity=0)
    assert not Dossier.objects.filter(slug__startswith="syn-").exists()
    assert Dossier.objects.count() == 45  # the seed stays


def test_synthetic_records_satisfy_the_model_rules(seeded):
    _generate()
    for model in [*MARKED, *OWNED]:
        sample = list(_synthetic(model).order_by("?")[:25])
        assert sample, model.__name__
        for record in sample:
            record.full_clean()


def test_synthetic_shapes(seeded):
    _generate()
    dossiers = _synthetic(Dossier)
    assert dossiers.filter(instrument_type=Dossier.InstrumentType.PACKAGE).exists()
    assert dossiers.filter(parent__isnull=False).exists()
    statuses = set(_synthetic(Commitment).values_list("fulfilment_mode", "status"))
    assert {mode for mode, _ in statuses} == set(Commitment.FulfilmentMode.values)
    assert {"open", "fulfilled"} <= {status for _, status in statuses}
    for dossier in dossiers.exclude(instrument_type=Dossier.InstrumentType.PACKAGE)[:10]:
        actual = [
            event.date
            for event in dossier.stage_events.actual().order_by("pk")
            if event.date is not None
        ]
        assert actual == sorted(actual), dossier.slug


def test_every_page_stays_within_its_query_budget(
    seeded, admin_client, django_assert_max_num_queries
):
    _generate()
    for page, url in pages():
        with django_assert_max_num_queries(QUERY_BUDGET):
            response = admin_client.get(url)
        assert response.status_code == 200, page


def test_register_download_is_what_django_tables2_exports(seeded):
    _generate()
    queryset = DossierListView().get_queryset()
    table = DossierTable(queryset.order_by("title"))
    rows = list(table.as_values())
    assert rows == list(tables.Table.as_values(table))
    assert len(rows) == Dossier.objects.count() + 1
    assert list(table.as_values(exclude_columns=["slug"])) == list(
        tables.Table.as_values(table, exclude_columns=["slug"])
    )
