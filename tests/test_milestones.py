"""What the start page, the stage bar and the timeline say about stages: one line per step that
several documents state, only what was known and certain on the day shown (issue 16)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from dossiers.dates import Precision
from dossiers.milestones import expected_milestones
from dossiers.models import Dossier, ParliamentaryDocument, Stage, StageEvent
from dossiers.models.stage import merge_restatements, one_per_stage
from dossiers.timeline import load_dossier, stage_bar

pytestmark = pytest.mark.django_db

d = datetime.date
DASHBOARD = reverse("dossiers:dashboard")


def _event(pk, date, precision=Precision.DAY, source_date=None, stage=Stage.COUNCIL_ADOPTION):
    """An unsaved statement of one step of one dossier."""
    document = ParliamentaryDocument(date=source_date) if source_date else None
    return StageEvent(
        pk=pk,
        dossier_id=1,
        stage=stage,
        date=date,
        precision=precision,
        is_expected=False,
        source_document=document,
    )


def test_a_vaguer_statement_restates_a_precise_one():
    day = _event(1, d(2023, 12, 30), source_date=d(2024, 1, 15))
    month = _event(2, d(2023, 12, 1), Precision.MONTH)
    (kept,) = one_per_stage([month, day])
    assert kept is day and kept.repeats == [month]
    (merged,) = merge_restatements([month, day])
    assert merged is day and merged.repeats == [month]


def test_statements_that_disagree_stay_apart_on_the_timeline_and_the_newest_counts_now():
    february = _event(1, d(2024, 2, 1), Precision.MONTH, source_date=d(2024, 1, 15))
    april = _event(2, d(2024, 4, 1), Precision.MONTH, source_date=d(2024, 3, 1))
    assert merge_restatements([february, april]) == [february, april]
    (kept,) = one_per_stage([february, april])
    assert kept is april and kept.repeats == [february]


def test_of_two_undated_sources_the_later_period_counts():
    october = _event(1, d(2023, 10, 1), Precision.MONTH)
    first_half = _event(2, d(2024, 1, 1), Precision.HALF_YEAR)
    assert one_per_stage([october, first_half]) == [first_half]


def test_an_undated_statement_restates_a_dated_one_and_other_steps_stay():
    dated = _event(1, d(2024, 3, 31))
    undated = _event(2, None)
    other_stage = _event(3, None, stage=Stage.PUBLICATION)
    assert one_per_stage([undated, dated, other_stage]) == [dated, other_stage]
    assert dated.repeats == [undated]


def test_the_same_statement_twice_is_one_with_the_newest_source_first():
    older = _event(1, d(2024, 3, 31), source_date=d(2024, 1, 15))
    newer = _event(2, d(2024, 3, 31), source_date=d(2024, 3, 20))
    (kept,) = one_per_stage([older, newer])
    assert kept is newer and kept.repeats == [older]


def test_a_quarter_is_certain_once_it_is_over_or_reported(seeded):
    csam = Dossier.objects.get(slug="csam-verordening")
    quarter = StageEvent.objects.create(
        dossier=csam, stage=Stage.TRILOGUES, date=d(2024, 1, 1), precision=Precision.QUARTER
    )
    assert quarter not in StageEvent.objects.certain_by(d(2024, 2, 1))
    assert quarter in StageEvent.objects.certain_by(d(2024, 3, 31))
    quarter.source_document = ParliamentaryDocument.objects.get(pk=3)  # of 15 January 2024
    quarter.save()
    assert quarter in StageEvent.objects.certain_by(d(2024, 2, 1))


@pytest.mark.parametrize(
    ("start", "precision", "last_day"),
    [
        (d(2024, 3, 1), Precision.MONTH, d(2024, 3, 31)),  # after the 29 days of February
        (d(2024, 5, 1), Precision.MONTH, d(2024, 5, 31)),  # after the 30 days of April
        (d(2023, 10, 1), Precision.QUARTER, d(2023, 12, 31)),  # Q4 after September's 30
        (d(2024, 1, 1), Precision.YEAR, d(2024, 12, 31)),
    ],
)
def test_a_period_is_certain_on_its_last_day_and_not_the_day_before(
    seeded, start, precision, last_day
):
    event = StageEvent.objects.create(
        dossier=Dossier.objects.get(slug="csam-verordening"),
        stage=Stage.TRILOGUES,
        date=start,
        precision=precision,
    )
    assert event not in StageEvent.objects.certain_by(last_day - datetime.timedelta(days=1))
    assert event in StageEvent.objects.certain_by(last_day)


def test_what_an_undated_report_says_is_known_once_its_council_has_met(seeded):
    report = ParliamentaryDocument.objects.get(pk=5)  # 4-5 March 2024, undated
    assert report.date is None
    from_report = StageEvent.objects.filter(source_document=report)
    assert from_report.exists()
    assert not StageEvent.objects.known_on(d(2024, 3, 5)).filter(source_document=report)
    assert StageEvent.objects.known_on(d(2024, 3, 6)).filter(source_document=report).count() == (
        from_report.count()
    )


# -- the start page as on 1 February 2024, as the issue reports it ------------------------------


def _lines(response, name):
    return [
        (event.dossier.slug, event.stage, event.date_display) for event in response.context[name]
    ]


def test_each_step_is_one_line_on_the_start_page(seeded, reader_client):
    response = reader_client.get(DASHBOARD, {"peildatum": "2024-02-01"})
    recent, expected = _lines(response, "recent_changes"), _lines(response, "milestones")
    assert recent.count(("schengentoetreding-bulgarije-roemenie", 110, "30 december 2023")) == 1
    assert ("schengentoetreding-bulgarije-roemenie", 110, "december 2023") not in recent
    assert expected.count(("schengentoetreding-bulgarije-roemenie", 140, "31 maart 2024")) == 1
    pact = [line for line in expected if line[:2] == ("asiel-en-migratiepact", 80)]
    assert pact == [("asiel-en-migratiepact", 80, "februari 2024")]
    # Each line once, also five weeks later when the March report and the letter of
    # 2 February 2024 ("H1 2024" for the Pact's Coreper agreement) are known too.
    later = reader_client.get(DASHBOARD, {"peildatum": "2024-03-10"})
    for name in ("recent_changes", "milestones"):
        steps = [(slug, stage) for slug, stage, _ in _lines(later, name)]
        assert len(steps) == len(set(steps)), name


def test_no_stage_of_an_unfinished_period_is_a_recent_change(seeded, reader_client):
    response = reader_client.get(DASHBOARD, {"peildatum": "2024-02-01"})
    assert "Q1 2024" not in [date for _, _, date in _lines(response, "recent_changes")]
    html = response.content.decode()
    recent = html.split('id="recent"')[1].split("</section>")[0]
    assert "Q1 2024" not in recent


def test_what_a_later_document_says_is_not_on_an_earlier_start_page(seeded):
    # The Egyptian partnership's expected agreement of 17 March 2024 is in the March report.
    day = d(2024, 2, 1)
    expected = expected_milestones(day, day + datetime.timedelta(days=60), 25)
    assert "partnerschap-egypte" not in {event.dossier.slug for event in expected}
    assert "partnerschap-egypte" in {
        event.dossier.slug for event in expected_milestones(d(2024, 3, 6), d(2024, 5, 5), 25)
    }


def test_the_ports_alliance_has_no_legislative_stage(seeded, reader_client):
    alliance = Dossier.objects.get(slug="europese-havenalliantie")
    assert alliance.instrument_type == Dossier.InstrumentType.PARTNERSHIP
    assert not alliance.stage_events.exists()
    launch = StageEvent(dossier=alliance, stage=Stage.APPLICATION, date=d(2024, 1, 24))
    with pytest.raises(ValidationError) as refused:
        launch.full_clean()
    assert refused.value.message_dict["stage"] == [
        "Een dossier van het type samenwerkingsverband of platform kent geen stap "
        "'Toepassing of omzettingstermijn'."
    ]
    page = reader_client.get(alliance.get_absolute_url()).content.decode()
    assert "doorloopt geen wetgevingstraject" in page
    assert 'class="stage-bar"' not in page


# -- a package's expectations on its instruments ------------------------------------------------


def test_an_instrument_shows_what_its_package_expects(seeded, reader_client):
    response = reader_client.get(
        reverse("dossiers:dossier_detail", args=["asielprocedureverordening"])
    )
    coreper = next(
        step for step in response.context["steps"] if step.stage == Stage.COREPER_ENDORSEMENT
    )
    assert coreper.state == "expected"
    assert coreper.from_package
    assert coreper.expectation.date_display == "februari 2024"
    html = response.content.decode()
    assert 'Akkoord in Coreper<span class="stage-state">verwacht: februari 2024 (pakket)' in html


def test_a_dossiers_own_expectation_comes_before_its_packages(seeded):
    package = Dossier.objects.get(slug="asiel-en-migratiepact")
    instrument = package.instruments.get(slug="asielprocedureverordening")
    StageEvent.objects.create(
        dossier=instrument,
        stage=Stage.COREPER_ENDORSEMENT,
        date=d(2024, 3, 1),
        precision=Precision.MONTH,
        is_expected=True,
    )
    steps = stage_bar(load_dossier("asielprocedureverordening"))
    coreper = next(step for step in steps if step.stage == Stage.COREPER_ENDORSEMENT)
    assert not coreper.from_package
    assert coreper.expectation.date_display == "maart 2024"


def test_the_timeline_gives_a_step_two_documents_state_once_with_both_sources(
    seeded, reader_client
):
    response = reader_client.get(
        reverse("dossiers:dossier_detail", args=["schengentoetreding-bulgarije-roemenie"])
    )
    adoption = [
        entry
        for entry in response.context["entries"]
        if entry.kind == "stage" and entry.title == "Aanneming door de Raad"
    ]
    assert [entry.date_display for entry in adoption] == ["30 december 2023"]
    (entry,) = adoption
    assert entry.source_document.pk == 3
    assert [document.pk for document, _ in entry.more_sources] == [5]
    html = response.content.decode()
    assert "Een grote groep lidstaten verwelkomde het Raadsbesluit van december jl." in html


# -- an expected step is off the start page once a document known on its day reports it -------


def _report_the_pacts_coreper_agreement(date, reported_on):
    """An actual Coreper agreement of the Pact (expected for February 2024), from a letter."""
    letter = ParliamentaryDocument.objects.create(
        dossier_number="32317", sub_number="899", session_year="2023-2024", date=reported_on
    )
    return StageEvent.objects.create(
        dossier=Dossier.objects.get(slug="asiel-en-migratiepact"),
        stage=Stage.COREPER_ENDORSEMENT,
        date=date,
        source_document=letter,
    )


def _expects_the_pacts_coreper_agreement(day):
    return ("asiel-en-migratiepact", Stage.COREPER_ENDORSEMENT) in {
        (event.dossier.slug, event.stage)
        for event in expected_milestones(day, day + datetime.timedelta(days=60), 25)
    }


def test_a_step_reported_only_by_a_later_document_is_still_expected_on_an_earlier_day(seeded):
    _report_the_pacts_coreper_agreement(d(2024, 1, 30), reported_on=d(2024, 2, 20))
    assert _expects_the_pacts_coreper_agreement(d(2024, 2, 1))
    assert not _expects_the_pacts_coreper_agreement(d(2024, 2, 21))


def test_a_step_reported_without_its_date_is_no_longer_expected(seeded):
    _report_the_pacts_coreper_agreement(None, reported_on=d(2024, 1, 31))
    assert not _expects_the_pacts_coreper_agreement(d(2024, 2, 1))
