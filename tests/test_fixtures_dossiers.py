"""Spot checks of the curated dossiers, agenda items, stage events and mentions."""

import datetime

import pytest

from dossiers.importing.evaluation import CORPUS_DIR, document_text
from dossiers.importing.reader import ImportText
from dossiers.models import AgendaItem, Dossier, DossierAlias, Mention, Stage, StageEvent

from .conftest import SEEDS_DIR, seed_text

pytestmark = pytest.mark.django_db

d = datetime.date
INFORMAL_JAN_2024, MARCH_2024, OCTOBER_2023 = 1, 2, 3


def _events(slug, stage, **filters):
    return StageEvent.objects.filter(dossier__slug=slug, stage=stage, **filters)


def test_slugs_that_other_fixtures_refer_to_exist(seeded):
    slugs = {
        "asiel-en-migratiepact",
        "schengentoetreding-bulgarije-roemenie",
        "eu-routekaart-drugshandel",
        "terugkeerrichtlijn",
        "mensensmokkelrichtlijn",
        "visumopschortingsmechanisme",
        "partnerschap-egypte",
        "richtlijn-tijdelijke-bescherming",
        "schengengrenscode",
        "mensenhandelrichtlijn",
    }
    assert set(Dossier.objects.filter(slug__in=slugs).values_list("slug", flat=True)) == slugs


def test_every_alias_is_found_in_a_seed_and_names_one_dossier(seeded):
    """Or in the import corpus's development half (fixtures/learned/aliases.json);
    never in its test half."""
    documents = [seed_text(path.name) for path in SEEDS_DIR.glob("*.txt")]
    documents += [
        ImportText.from_text(document_text(path)).text
        for path in (CORPUS_DIR / "dev").glob("*.txt")
    ]
    corpus = " ".join(documents).lower()
    aliases = list(DossierAlias.objects.values_list("alias", flat=True))
    assert len(aliases) >= 80
    assert len({alias.lower() for alias in aliases}) == len(aliases)
    assert [alias for alias in aliases if alias.lower() not in corpus] == []
    assert DossierAlias.objects.get(alias="APR").dossier.slug == "asielprocedureverordening"
    assert DossierAlias.objects.get(alias="Crisis-verordening").dossier.slug == "crisisverordening"
    assert list(
        Dossier.objects.search("Single Permit Directive").values_list("slug", flat=True)
    ) == ["gvva-richtlijn"]


def test_pact_package_has_the_eight_instruments_named_in_the_seeds(seeded):
    pact = Dossier.objects.get(slug="asiel-en-migratiepact")
    assert pact.instrument_type == Dossier.InstrumentType.PACKAGE
    assert set(pact.instruments.values_list("short_name", "slug")) == {
        ("", "eurodac-verordening"),
        ("", "screeningsverordening"),
        ("APR", "asielprocedureverordening"),
        ("AMMR", "asiel-en-migratiemanagementverordening"),
        ("", "crisisverordening"),
        ("", "opvangrichtlijn"),
        ("", "hervestigingsverordening"),
        ("", "kwalificatieverordening"),
    }


def test_pact_agreements_of_december_2023_and_of_2018(seeded):
    december = _events("asielprocedureverordening", Stage.PROVISIONAL_AGREEMENT).get()
    assert (december.date, december.precision, december.is_expected) == (
        d(2023, 12, 1),
        "month",
        False,
    )
    assert december.source_document_id == 1
    qualification = _events("kwalificatieverordening", Stage.PROVISIONAL_AGREEMENT).get()
    assert (qualification.date, qualification.precision) == (d(2018, 1, 1), "year")
    assert "in 2018 een onderhandelingsresultaat" in qualification.source_passage


def test_pact_expected_steps_before_the_june_elections(seeded):
    expected = _events("asiel-en-migratiepact", Stage.COREPER_ENDORSEMENT, is_expected=True)
    assert set(expected.values_list("date", "precision", "source_document")) == {
        (d(2024, 2, 1), "month", 3),
        (d(2024, 1, 1), "half_year", 1),
    }
    for stage in (
        Stage.EP_COMMITTEE_VOTE,
        Stage.EP_PLENARY_VOTE,
        Stage.COUNCIL_ADOPTION,
        Stage.PUBLICATION,
    ):
        event = _events("asiel-en-migratiepact", stage).get()
        assert (event.is_expected, event.date, event.precision) == (
            True,
            d(2024, 1, 1),
            "half_year",
        )


def test_gvva_coreper_endorsement_of_20_december_2023(seeded):
    event = _events("gvva-richtlijn", Stage.COREPER_ENDORSEMENT).get()
    assert (event.date, event.precision, event.is_expected, event.source_document_id) == (
        d(2023, 12, 20),
        "day",
        False,
        3,
    )
    assert Dossier.objects.get(slug="gvva-richtlijn").short_name == "GVVA"


def test_schengen_border_code_mandate_then_trilogues(seeded):
    sgc = Dossier.objects.with_current_stage().get(slug="schengengrenscode")
    assert sgc.current_stage == Stage.TRILOGUES
    assert sgc.current_stage_date == d(2024, 2, 1)
    before = Dossier.objects.with_stage_on(d(2023, 6, 1)).get(slug="schengengrenscode")
    assert before.stage_on_date == Stage.COUNCIL_MANDATE
    assert sgc.bnc_fiche.sub_number == "3298"
    assert sgc.short_name == "SGC"


def test_trafficking_directive_agreement_and_fiche(seeded):
    agreement = _events("mensenhandelrichtlijn", Stage.PROVISIONAL_AGREEMENT).get()
    assert (agreement.date, agreement.precision) == (d(2024, 1, 23), "day")
    fiche = _events("mensenhandelrichtlijn", Stage.BNC_FICHE).get()
    assert fiche.date == d(2023, 2, 24)
    dossier = Dossier.objects.get(slug="mensenhandelrichtlijn")
    assert dossier.bnc_fiche.sub_number == "3627"
    assert list(Dossier.objects.search("richtlijn 2011/36/eu")) == [dossier]


def test_ai_act_agreement_and_expected_adoption(seeded):
    agreement = _events("ai-verordening", Stage.PROVISIONAL_AGREEMENT).get()
    assert (agreement.date, agreement.is_expected, agreement.source_document_id) == (
        d(2023, 12, 9),
        False,
        4,
    )
    adoption = _events("ai-verordening", Stage.COUNCIL_ADOPTION).get()
    assert (adoption.date, adoption.precision, adoption.is_expected) == (
        d(2024, 1, 1),
        "half_year",
        True,
    )


def test_crisis_regulation_position_and_first_trilogue_in_october_2023(seeded):
    position = _events("crisisverordening", Stage.COUNCIL_MANDATE).get()
    trilogue = _events("crisisverordening", Stage.TRILOGUES).get()
    for event in (position, trilogue):
        assert (event.date, event.precision, event.source_document_id) == (
            d(2023, 10, 1),
            "month",
            6,
        )
    assert "eerste politieke triloog" in trilogue.source_passage


def test_schengen_bulgaria_romania_decision_and_lifting_of_checks(seeded):
    decision = _events(
        "schengentoetreding-bulgarije-roemenie",
        Stage.COUNCIL_ADOPTION,
        source_document=3,
        is_expected=False,
    ).get()
    assert (decision.date, decision.precision, decision.meeting) == (d(2023, 12, 30), "day", None)
    lifting = _events("schengentoetreding-bulgarije-roemenie", Stage.APPLICATION)
    assert set(lifting.values_list("date", "is_expected")) == {(d(2024, 3, 31), True)}
    assert lifting.count() == 2
    land_borders = _events(
        "schengentoetreding-bulgarije-roemenie", Stage.COUNCIL_ADOPTION, is_expected=True
    ).get()
    assert (land_borders.date, land_borders.source_document_id) == (None, 3)
    assert "landgrenzen met Bulgarije en Roemenië" in land_borders.source_passage


def test_temporary_protection_extended_by_decision_of_28_september_2023(seeded):
    event = _events("richtlijn-tijdelijke-bescherming", Stage.COUNCIL_ADOPTION).get()
    assert (event.date, event.source_document_id) == (d(2023, 9, 28), 4)
    assert "tot en met 4 maart 2025" in event.source_passage


def test_acts_adopted_at_the_councils_of_october_2023_and_march_2024(seeded):
    adopted = StageEvent.objects.filter(stage=Stage.COUNCIL_ADOPTION, meeting__isnull=False)
    assert set(adopted.values_list("dossier__slug", "meeting", "date")) == {
        ("besluit-aanbevelingen-drugssmokkel", MARCH_2024, d(2024, 3, 4)),
        ("raadsconclusies-handvest-grondrechten-2024", MARCH_2024, d(2024, 3, 5)),
        ("raadsconclusies-digitale-empowerment", OCTOBER_2023, d(2023, 10, 20)),
    }
    item = AgendaItem.objects.get(meeting=MARCH_2024, section="bz", number=3)
    assert item.main_result.startswith("De Raad nam het besluit aan")


def test_csam_mention_in_october_2023_carries_the_dutch_position(seeded):
    mention = Mention.objects.get(
        dossier__slug="csam-verordening", meeting=OCTOBER_2023, source_document=6
    )
    assert mention.agenda_item.number == 1
    assert mention.agenda_item.section == "bz"
    assert "reviewclausule" in mention.dutch_position
    expected = _events("csam-verordening", Stage.COUNCIL_MANDATE, is_expected=True)
    assert set(expected.values_list("date", "precision")) == {
        (d(2023, 10, 1), "month"),
        (d(2024, 1, 1), "half_year"),
    }


def test_agenda_items_per_meeting_and_numbering(seeded):
    informal = AgendaItem.objects.filter(meeting=INFORMAL_JAN_2024)
    assert list(informal.values_list("section", "number", "format")) == [
        ("bz", 1, "werksessie"),
        ("bz", 2, "werklunch"),
        ("bz", 3, "werksessie"),
        ("justitie", 4, "werksessie"),
        ("justitie", 5, "werklunch"),
        ("justitie", 6, "werksessie"),
    ]
    assert informal.get(number=4).title == "Strijd tegen georganiseerde criminaliteit"
    assert "II.1" in informal.get(number=4).note
    for meeting in (MARCH_2024, OCTOBER_2023):
        items = AgendaItem.objects.filter(meeting=meeting)
        assert items.filter(section="bz").count() == 9
        assert items.filter(section="justitie").count() == 6
    assert AgendaItem.objects.exclude(main_result="").count() == 7


def test_annotated_agenda_and_report_both_describe_the_informal_council(seeded):
    sources = set(
        Mention.objects.filter(
            dossier__slug="richtlijn-tijdelijke-bescherming", meeting=INFORMAL_JAN_2024
        ).values_list("source_document", flat=True)
    )
    assert sources == {1, 2, 4}
    agenda_mention = Mention.objects.get(
        dossier__slug="richtlijn-tijdelijke-bescherming", source_document=4
    )
    assert "na 4 maart 2025 steunen" in agenda_mention.dutch_position
    assert Mention.objects.filter(source_document=4).exclude(agenda_item__meeting=1).count() == 0


def test_egypt_partnership_plans_reported_in_march_2024(seeded):
    mention = Mention.objects.get(dossier__slug="partnerschap-egypte", meeting=MARCH_2024)
    assert mention.agenda_item.title == "Externe dimensie van migratie"
    assert "steunt dit voornemen van de Commissie" in mention.dutch_position
    declaration = _events("partnerschap-egypte", Stage.PROVISIONAL_AGREEMENT, precision="day").get()
    assert (declaration.date, declaration.is_expected) == (d(2024, 3, 17), True)


def test_expected_systems_and_agreements(seeded):
    assert set(
        _events("entry-exit-systeem", Stage.APPLICATION).values_list("date", "precision")
    ) == {(d(2024, 7, 1), "half_year")}
    etias = _events("etias", Stage.APPLICATION).get()
    assert (etias.date, etias.precision, etias.is_expected) == (d(2025, 1, 1), "half_year", True)
    evidence = _events("e-evidence-overeenkomst-eu-vs", Stage.PROVISIONAL_AGREEMENT).get()
    assert (evidence.date, evidence.precision, evidence.is_expected) == (
        d(2024, 10, 1),
        "quarter",
        True,
    )


def test_pre_trial_detention_recommendation_references(seeded):
    recommendation = Dossier.objects.get(slug="aanbeveling-voorlopige-hechtenis")
    assert recommendation.commission_reference == "COM(2022) 8987"
    assert recommendation.celex == "32023H0681"
    assert recommendation.policy_area == "justitie"
    assert recommendation.instrument_type == Dossier.InstrumentType.RECOMMENDATION


def test_roadmap_published_18_october_2023_with_its_fiche(seeded):
    roadmap = Dossier.objects.get(slug="eu-routekaart-drugshandel")
    assert roadmap.bnc_fiche.sub_number == "3842"
    published = _events("eu-routekaart-drugshandel", Stage.PROPOSAL, precision="day").get()
    assert published.date == d(2023, 10, 18)
    fiche = _events("eu-routekaart-drugshandel", Stage.BNC_FICHE).get()
    assert fiche.date == d(2023, 11, 8)


# --- Stage statements that no document dates, and the notes moved out of titles and summaries ---


def test_gvva_steps_after_coreper_are_expected_without_a_date(seeded):
    passage = (
        "Als het EP ook instemt in de eerste lezing, zal de tekst formeel aangenomen worden door "
        "de Raad en krijgen lidstaten twee jaar de tijd om de herziening te implementeren."
    )
    assert passage in seed_text("001_7468cf160a9047f9.txt")
    for stage in (Stage.EP_PLENARY_VOTE, Stage.COUNCIL_ADOPTION, Stage.APPLICATION):
        event = _events("gvva-richtlijn", stage).get()
        assert (event.date, event.is_expected, event.source_document_id) == (None, True, 3)
        assert event.source_passage == passage
    fiche = _events("gvva-richtlijn", Stage.BNC_FICHE).get()
    assert (fiche.date, fiche.is_expected) == (None, False)
    gvva = Dossier.objects.with_current_stage().get(slug="gvva-richtlijn")
    assert gvva.bnc_fiche_id == 112
    assert gvva.bnc_fiche.document_type == "bnc_fiche"
    # Undated events count as the oldest: the Coreper endorsement of 20 December stays current.
    assert (gvva.current_stage, gvva.current_stage_date) == (
        Stage.COREPER_ENDORSEMENT,
        d(2023, 12, 20),
    )


def test_proposals_the_seeds_name_without_a_date_are_the_current_stage(seeded):
    slugs = {
        "mensensmokkelrichtlijn": 5,
        "insolventierichtlijn": 6,
        "terugkeerrichtlijn": 6,
        "langdurig-ingezetenen-richtlijn": 2,
        "richtlijn-geweld-tegen-vrouwen": 6,
    }
    dossiers = Dossier.objects.with_current_stage().filter(slug__in=slugs)
    assert {(x.slug, x.current_stage, x.current_stage_date) for x in dossiers} == {
        (slug, Stage.PROPOSAL, None) for slug in slugs
    }
    for slug, document in slugs.items():
        proposal = _events(slug, Stage.PROPOSAL).get()
        assert (proposal.is_expected, proposal.source_document_id) == (False, document)
    smuggling = _events("mensensmokkelrichtlijn", Stage.PROPOSAL).get()
    assert "het voorstel voor de nieuwe mensensmokkelrichtlijn" in smuggling.source_passage


def test_undated_expectations_for_the_pact_border_code_and_trafficking_directive(seeded):
    pact = _events("asiel-en-migratiepact", Stage.APPLICATION).get()
    assert (pact.date, pact.is_expected, pact.source_document_id) == (None, True, 1)
    assert (
        "twee jaar de tijd om zich op de inwerkingtreding voor te bereiden" in pact.source_passage
    )
    force = _events("schengengrenscode", Stage.ENTRY_INTO_FORCE).get()
    assert (force.date, force.is_expected) == (None, True)
    assert "definitief in werking kan treden" in force.source_passage
    fiche = _events("schengengrenscode", Stage.BNC_FICHE).get()
    assert (fiche.date, fiche.is_expected) == (None, False)
    adoption = _events("mensenhandelrichtlijn", Stage.COUNCIL_ADOPTION).get()
    assert (adoption.date, adoption.is_expected) == (None, True)
    assert "na verdere vaststelling binnen de Europese gremia" in adoption.source_passage
    mauritania = _events("partnerschap-mauritanie", Stage.PROVISIONAL_AGREEMENT, is_expected=True)
    assert list(mauritania.values_list("date", "source_document")) == [(None, 5)]


def test_eprivacy_derogation_extension_confirmed_in_march_2024(seeded):
    derogation = Dossier.objects.with_current_stage().get(slug="eprivacy-derogatie")
    assert (derogation.current_stage, derogation.current_stage_date) == (
        Stage.COUNCIL_ADOPTION,
        None,
    )
    event = _events("eprivacy-derogatie", Stage.COUNCIL_ADOPTION).get()
    assert (event.is_expected, event.source_document_id, event.meeting) == (False, 5, None)
    assert event.source_passage.startswith(
        "Het Voorzitterschap bevestigde de afgeronde besluitvorming ter verlenging van de derogatie"
    )
    assert "4-5 maart 2024" in event.note
    assert event.date is None


def test_recommendation_adopted_by_the_commission(seeded):
    events = StageEvent.objects.filter(dossier__slug="aanbeveling-voorlopige-hechtenis")
    assert list(events.values_list("stage", "date", "precision", "is_expected")) == [
        (Stage.COMMISSION_ADOPTION, d(2022, 12, 1), "month", False)
    ]
    recommendation = Dossier.objects.with_current_stage().get(
        slug="aanbeveling-voorlopige-hechtenis"
    )
    assert recommendation.current_stage == Stage.COMMISSION_ADOPTION


def test_provenance_remarks_are_notes_not_titles_or_summaries(seeded):
    assert not AgendaItem.objects.filter(title__icontains="geannoteerde agenda").exists()
    assert AgendaItem.objects.get(meeting=INFORMAL_JAN_2024, number=5).title == (
        "(De)criminalisering van sekswerk"
    )
    assert "II.2 Decriminalisering van sekswerk" in (
        AgendaItem.objects.get(meeting=INFORMAL_JAN_2024, number=5).note
    )
    assert AgendaItem.objects.exclude(note="").count() == 4
    for phrase in ("geannoteerde agenda", "agendapunt", "Volgens de brief", "aanbiedingsbrief"):
        assert not Mention.objects.filter(summary__icontains=phrase).exists(), phrase
    egypt = Mention.objects.get(dossier__slug="partnerschap-egypte", meeting=MARCH_2024)
    assert "Piri" not in egypt.summary and "Piri" in egypt.note
    assert Mention.objects.exclude(note="").count() == 8
