import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from dossiers.models import Dossier, DossierAlias, Stage, StageEvent

d = datetime.date
pytestmark = pytest.mark.django_db


def test_current_stage_is_the_latest_actual_event(sample):
    apr = sample["apr"]
    # The expected Coreper endorsement of February 2024 does not count as reached.
    assert apr.current_stage == Stage.PROVISIONAL_AGREEMENT


def test_current_stage_changes_when_the_expected_milestone_arrives(sample):
    apr = sample["apr"]
    StageEvent.objects.create(dossier=apr, stage=Stage.COREPER_ENDORSEMENT, date=d(2024, 2, 8))
    fresh = Dossier.objects.get(pk=apr.pk)
    assert fresh.current_stage == Stage.COREPER_ENDORSEMENT
    # The expected milestone is kept beside the actual one.
    assert apr.stage_events.filter(stage=Stage.COREPER_ENDORSEMENT).count() == 2


def test_with_current_stage_annotates_without_extra_queries(sample, django_assert_num_queries):
    with django_assert_num_queries(1):
        stages = {
            dossier.slug: dossier.current_stage for dossier in Dossier.objects.with_current_stage()
        }
    assert stages == {
        "asielprocedureverordening": Stage.PROVISIONAL_AGREEMENT,
        "asiel-en-migratiepact": None,
    }


def test_stage_on_a_date(sample):
    on = {
        dossier.slug: dossier.stage_on_date
        for dossier in Dossier.objects.with_stage_on(d(2021, 6, 1))
    }
    assert on["asielprocedureverordening"] == Stage.PROPOSAL
    before = Dossier.objects.with_stage_on(d(2019, 1, 1)).get(slug="asielprocedureverordening")
    assert before.stage_on_date is None


def test_search_covers_aliases_and_references(sample):
    DossierAlias.objects.create(dossier=sample["apr"], alias="Procedureverordening asiel")
    for text in ("APR", "procedureverordening asiel", "COM(2020) 611", "2016/0224"):
        assert list(Dossier.objects.search(text)) == [sample["apr"]], text


def test_stage_path_depends_on_instrument(sample):
    conclusions = Dossier(instrument_type=Dossier.InstrumentType.COUNCIL_CONCLUSIONS)
    assert conclusions.stage_path == (
        Stage.WORKING_PARTY,
        Stage.COREPER_ENDORSEMENT,
        Stage.COUNCIL_ADOPTION,
    )
    assert Stage.TRILOGUES in sample["apr"].stage_path
    assert Stage.WITHDRAWN not in sample["apr"].stage_path


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("commission_reference", "COM 2020/611", "COM(2020) 611"),
        ("procedure_reference", "2016-0224-COD", "2016/0224(COD)"),
        ("celex", "2023H681", "32023H0681"),
    ],
)
def test_eu_references_are_format_checked(sample, field, value, message):
    apr = sample["apr"]
    setattr(apr, field, value)
    with pytest.raises(ValidationError) as error:
        apr.full_clean()
    assert message in str(error.value.message_dict[field])


def test_alias_is_unique_whatever_the_case(sample):
    with pytest.raises(IntegrityError), transaction.atomic():
        DossierAlias.objects.create(dossier=sample["pact"], alias="ASIELPROCEDUREVERORDENING")


def test_procedure_reference_is_unique(sample):
    with pytest.raises(IntegrityError), transaction.atomic():
        Dossier.objects.create(
            title="Dubbel",
            slug="dubbel",
            instrument_type="verordening",
            policy_area="bz",
            procedure_reference="2016/0224(COD)",
        )


def test_a_package_cannot_be_nested(sample):
    with pytest.raises(IntegrityError), transaction.atomic():
        Dossier.objects.create(
            title="Pakket in pakket",
            slug="pakket-in-pakket",
            instrument_type="pakket",
            policy_area="bz",
            parent=sample["pact"],
        )


def test_stage_event_date_must_start_its_period(sample):
    event = StageEvent(
        dossier=sample["apr"], stage=Stage.EP_PLENARY_VOTE, date=d(2024, 4, 10), precision="month"
    )
    with pytest.raises(ValidationError) as error:
        event.full_clean()
    assert "2024-04-01" in str(error.value.message_dict["date"])


def test_stage_event_prints_its_precision(sample):
    event = sample["apr"].stage_events.get(stage=Stage.COREPER_ENDORSEMENT)
    assert "februari 2024" in str(event)


def test_an_undated_event_never_outranks_a_dated_one(sample):
    apr = sample["apr"]
    # "Als het EP ook instemt ... zal de tekst formeel aangenomen worden door de Raad": no date.
    undated = StageEvent.objects.create(
        dossier=apr, stage=Stage.COUNCIL_ADOPTION, date=None, is_expected=True
    )
    StageEvent.objects.create(dossier=apr, stage=Stage.TRILOGUES, date=None)
    assert Dossier.objects.get(pk=apr.pk).current_stage == Stage.PROVISIONAL_AGREEMENT
    assert Dossier.objects.with_current_stage().get(pk=apr.pk).current_stage == (
        Stage.PROVISIONAL_AGREEMENT
    )
    assert list(apr.stage_events.chronological())[-1] == undated
    assert "datum onbekend" in str(undated)


def test_an_undated_actual_event_gives_a_stage_when_nothing_is_dated(db):
    smuggling = Dossier.objects.create(
        title="Mensensmokkelrichtlijn",
        slug="mss",
        instrument_type="richtlijn",
        policy_area="justitie",
    )
    StageEvent.objects.create(dossier=smuggling, stage=Stage.PROPOSAL, date=None)
    assert Dossier.objects.with_current_stage().get(pk=smuggling.pk).current_stage == Stage.PROPOSAL
    assert Dossier.objects.with_stage_on(d(2030, 1, 1)).get(pk=smuggling.pk).stage_on_date is None


@pytest.mark.parametrize("language", ["nl", "en"])
def test_stage_labels_are_what_django_would_display(language):
    from django.utils import translation

    field = StageEvent._meta.get_field("stage")
    with translation.override(language):
        for value in [*Stage.values, 999]:  # 999: a value no Stage has
            event = StageEvent(stage=value)
            assert event.get_stage_display() == event._get_FIELD_display(field)
