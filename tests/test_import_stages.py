"""Stage statements: the stage, actual or expected, its dossier, date and precision, and the
recall and precision on the five seeds against fixtures/50_stage_events.json."""

import datetime
import time

import pytest

from dossiers.dates import Precision
from dossiers.importing.evaluation import CORPUS_DIR, document_text
from dossiers.importing.gazetteer import Gazetteer, KnownDossier
from dossiers.importing.reader import ImportText
from dossiers.importing.stages import extract_stage_events
from dossiers.models import Stage

from .conftest import SEEDS_DIR, fixture_gazetteer
from .test_import_mentions import SEED_NAMES, seed_records  # noqa: F401 (a fixture)

d = datetime.date

GAZETTEER = Gazetteer(
    dossiers=[
        KnownDossier("pact", "Asiel- en Migratiepact", "", "pakket"),
        KnownDossier("crisisverordening", "Crisisverordening", "", "verordening"),
        KnownDossier("eurodac", "Eurodac-verordening", "", "verordening"),
        KnownDossier("screening", "Screeningsverordening", "", "verordening"),
        KnownDossier("apr", "Asielprocedureverordening", "APR", "verordening"),
        KnownDossier(
            "istanbul",
            "Toetreding van de EU tot het Verdrag van Istanbul",
            "",
            "overeenkomst",
            ("Verdrag van Istanbul",),
        ),
        KnownDossier("ees", "Entry-Exit System (EES)", "EES", "overig"),
        KnownDossier(
            "etias", "Europees systeem voor reisinformatie en -autorisatie", "ETIAS", "overig"
        ),
        KnownDossier("conclusies", "Raadsconclusies over de rechtsstaat", "", "raadsconclusies"),
    ]
)


def events(text, reference):
    source = ImportText.from_text(text)
    found = extract_stage_events(source, GAZETTEER, reference)
    for event in found:
        assert event.passage in source.text
    return [
        (event.dossier, Stage(event.stage), event.expected, event.date, event.precision)
        for event in found
    ]


def test_an_agreement_reached_on_a_day_last_month():
    assert events(
        "Op 12 maart jl. bereikten de Raad en het Europees Parlement een voorlopig akkoord over "
        "de Crisisverordening.",
        d(2024, 4, 2),
    ) == [("crisisverordening", Stage.PROVISIONAL_AGREEMENT, False, d(2024, 3, 12), "day")]


def test_expected_and_about_the_file_of_the_section():
    source = ImportText.from_text(
        "Afronding Crisisverordening\n\nDe teksten worden nu met de lidstaten gedeeld. Naar "
        "verwachting zal het akkoord begin februari voorliggen in Coreper."
    )
    (event,) = extract_stage_events(source, GAZETTEER, d(2024, 1, 15))
    assert (event.dossier, event.stage, event.expected) == (
        "crisisverordening",
        Stage.COREPER_ENDORSEMENT,
        True,
    )
    assert (event.date, event.precision) == (d(2024, 2, 1), Precision.MONTH)
    assert event.passage == (
        "Naar verwachting zal het akkoord begin februari voorliggen in Coreper."
    )
    # The file is not named in the sentence itself: less sure.
    assert event.confidence < 0.8


def test_each_stage_goes_to_the_file_named_next_to_it():
    assert events(
        "Na de aanname van een Raadspositie over de Crisisverordening zijn de trilogen over de "
        "APR hervat.",
        d(2023, 10, 20),
    ) == [
        ("crisisverordening", Stage.COUNCIL_MANDATE, False, None, "day"),
        ("apr", Stage.TRILOGUES, False, None, "day"),
    ]


def test_an_enumeration_shares_its_stage():
    assert [
        dossier
        for dossier, *_rest in events(
            "Het voorzitterschap bereikte vóór het kerstreces een politiek akkoord over de "
            "Eurodac-verordening, de Screeningsverordening en de APR.",
            d(2024, 2, 2),
        )
    ] == ["eurodac", "screening", "apr"]


def test_what_is_foreseen():
    assert events(
        "Als het Europees Parlement in april instemt, zal de Raad de APR formeel aannemen.",
        d(2024, 1, 15),
    ) == [
        ("apr", Stage.EP_PLENARY_VOTE, True, d(2024, 4, 1), "month"),
        ("apr", Stage.COUNCIL_ADOPTION, True, None, "day"),
    ]


def test_publication_and_entry_into_force_each_with_their_own_date():
    assert events(
        "De APR is op 22 mei 2024 gepubliceerd in het Publicatieblad en treedt op 11 juni 2024 "
        "in werking.",
        d(2024, 10, 1),
    ) == [
        ("apr", Stage.PUBLICATION, False, d(2024, 5, 22), "day"),
        ("apr", Stage.ENTRY_INTO_FORCE, False, d(2024, 6, 11), "day"),
    ]


def test_a_transposition_period_is_the_application_stage():
    assert events(
        "De lidstaten krijgen twee jaar de tijd om de APR in te voeren en zich op de "
        "inwerkingtreding voor te bereiden.",
        d(2024, 1, 15),
    ) == [("apr", Stage.APPLICATION, True, None, "day")]


def test_the_date_of_a_meeting_or_paper_is_not_the_stage_date():
    assert events(
        "In het verslag van de JBZ-Raad van 9 en 10 juni 2022 is uw Kamer geïnformeerd over de "
        "eerder bereikte Raadspositie over de APR.",
        d(2024, 1, 15),
    ) == [("apr", Stage.COUNCIL_MANDATE, False, None, "day")]


def test_withdrawn_and_stalled():
    assert events(
        "Het voorstel voor de Crisisverordening is door de Commissie ingetrokken. De "
        "onderhandelingen over de APR liggen al maanden stil.",
        d(2024, 1, 15),
    ) == [
        ("crisisverordening", Stage.WITHDRAWN, False, None, "day"),
        ("apr", Stage.STALLED, False, None, "day"),
    ]


def test_a_proposal_that_only_exists_and_a_wish_is_no_adoption():
    assert events(
        "Tevens moet de Crisisverordening zo snel mogelijk worden aangenomen.", d(2024, 1, 15)
    ) == [("crisisverordening", Stage.PROPOSAL, False, None, "day")]


def test_stages_as_they_apply_to_the_kind_of_file():
    # An agreement the EU accedes to enters into force for it.
    assert events(
        "De EU is op 1 oktober jl. toegetreden tot het Verdrag van Istanbul.", d(2023, 10, 19)
    ) == [("istanbul", Stage.ENTRY_INTO_FORCE, False, d(2023, 10, 1), "day")]
    # A system "enters into force" when it goes live; the next one "follows".
    assert events(
        "De inwerkingtreding van het EES staat gepland voor najaar 2024. Het ETIAS zou dan "
        "volgen in voorjaar 2025.",
        d(2023, 10, 19),
    ) == [
        ("ees", Stage.APPLICATION, True, d(2024, 7, 1), "half_year"),
        ("etias", Stage.APPLICATION, True, d(2025, 1, 1), "half_year"),
    ]
    # Council conclusions are adopted, never proposed by the Commission.
    assert events(
        "De JBZ-Raad nam de Raadsconclusies over de rechtsstaat aan.", d(2023, 10, 19)
    ) == [("conclusies", Stage.COUNCIL_ADOPTION, False, None, "day")]


def test_no_file_no_stage():
    assert events("De Raad nam de conclusies aan. Er is een akkoord bereikt.", d(2024, 1, 1)) == []


def test_without_the_document_date_relative_dates_stay_open():
    assert events(
        "Het Coreper stemde op 20 december jl. in met het akkoord over de APR.", None
    ) == [("apr", Stage.COREPER_ENDORSEMENT, False, None, "day")]


# The seeds, against fixtures/50_stage_events.json --------------------------------------------


def _score(found, expected):
    """True positives: expected (slug, stage, expected, date) matched one to one by a found
    proposal with the same dossier, stage and tense, and the same date when both have one.
    Proposals equal in all four count once."""
    found = {(e.dossier or f"new:{e.name}", e.stage, e.expected, e.date) for e in found}
    expected = set(expected)
    used, missed = set(), []
    # Dated expectations first, each preferring a proposal with the same date.
    for key in sorted(expected, key=lambda key: key[3] is None):
        candidates = [
            proposal
            for proposal in found - used
            if proposal[:3] == key[:3] and (None in (proposal[3], key[3]) or proposal == key)
        ]
        if candidates:
            used.add(min(candidates, key=lambda proposal: proposal[3] != key[3]))
        else:
            missed.append(key)
    return len(used), found, expected, missed, sorted(found - used, key=str)


@pytest.mark.django_db  # so that the test database is set up for seed_records
def test_stage_events_on_the_seeds(seed_records):  # noqa: F811
    true_positives = found_total = expected_total = 0
    lines = []
    for seed in SEED_NAMES:
        source = ImportText.from_text((SEEDS_DIR / seed).read_text(encoding="utf-8"))
        start = time.perf_counter()
        found = extract_stage_events(
            source, seed_records.gazetteer, seed_records.reference_dates[seed]
        )
        milliseconds = (time.perf_counter() - start) * 1000
        hits, proposed, expected, missed, spurious = _score(found, seed_records.stage_events[seed])
        true_positives += hits
        found_total += len(proposed)
        expected_total += len(expected)
        recall = hits / len(expected) if expected else 1.0
        precision = hits / len(proposed) if proposed else 1.0
        lines.append(
            f"{seed}: recall {recall:.0%} ({hits}/{len(expected)}), precision {precision:.0%} "
            f"({hits}/{len(proposed)}), {milliseconds:.0f} ms"
        )
        lines += [f"    missed {key}" for key in missed]
        lines += [f"    not curated {key}" for key in spurious]
        for event in found:
            assert event.passage in source.text
    recall, precision = true_positives / expected_total, true_positives / found_total
    lines.append(f"stage events overall: recall {recall:.1%}, precision {precision:.1%}")
    print("\n".join(lines))
    assert recall >= 0.75, "\n".join(lines)
    assert precision >= 0.75, "\n".join(lines)


# Statements learned from the development half of the corpus (tests/import_corpus/dev) ---------


def _events(text, reference, meeting_days=(None, None), gazetteer=None):
    source = ImportText.from_text(text)
    return {
        (event.dossier or event.name, event.stage, event.date, event.expected)
        for event in extract_stage_events(
            source, gazetteer or fixture_gazetteer(), reference, meeting_days
        )
    }


def _files_at(stage, text, reference):
    """The files `text` says reached or will reach `stage`."""
    return {name for name, found, _date, _expected in _events(text, reference) if found == stage}


def test_what_the_commission_published_is_proposed_or_adopted_by_it():
    """tkconv-2025D47954: a communication and a proposal are published, the Commission's own
    implementing decision is adopted."""
    text = (
        "Op 11 november 2025 heeft de Europese Commissie (hierna: Commissie) de Mededeling "
        "Europees jaarverslag asiel en migratie1, het Uitvoeringsbesluit ter bepaling van de "
        "lidstaten onder migratiedruk2 en een voorstel voor een Uitvoeringshandeling van de Raad "
        "tot vaststelling van de jaarlijkse solidariteitspool gepubliceerd."
    )
    events = _events(text, d(2025, 11, 24))
    published = d(2025, 11, 11)

    assert ("Mededeling Europees jaarverslag asiel en migratie", 10, published, False) in events
    assert (
        "Uitvoeringsbesluit ter bepaling van de lidstaten onder migratiedruk",
        115,
        published,
        False,
    ) in events


def test_a_one_day_council_dates_what_it_will_do_there():
    """tk-2025D22432: the annotated agenda of the Transport Council of 5 June 2025."""
    text = (
        "Verder wordt een eerste beleidsdebat verwacht over het al door de Europese Commissie "
        "gepresenteerde Roadworthiness Package."
    )
    events = _events(text, d(2025, 5, 20), (d(2025, 6, 5), d(2025, 6, 5)))

    assert ("Roadworthiness Package", 30, d(2025, 6, 5), True) in events
    assert ("Roadworthiness Package", 10, None, False) in events
    # Of a two-day meeting the day is not said: no date.
    two_days = _events(text, d(2025, 5, 20), (d(2025, 6, 5), d(2025, 6, 6)))
    assert ("Roadworthiness Package", 30, None, True) in two_days


def test_a_sentence_that_lists_the_files_takes_the_stage_of_the_one_before():
    text = (
        "Daarnaast zal het voorzitterschap informatie delen over de voortgang van de trilogen. "
        "Dit betreft het voorstel voor de Richtlijn Rivierinformatiediensten (RIS), de Richtlijn "
        "wederzijdse erkenning rijontzeggingen, de Herziening rijbewijsrichtlijn en de "
        "Verordening spoorweginfrastructuur-capaciteit."
    )
    assert _files_at(Stage.TRILOGUES, text, d(2025, 5, 20)) == {
        "Richtlijn Rivierinformatiediensten (RIS)",
        "Richtlijn wederzijdse erkenning rijontzeggingen",
        "rijbewijsrichtlijn",
        "Verordening spoorweginfrastructuur-capaciteit",
    }


def test_council_positions_listed_after_a_colon():
    text = (
        "Tijdens de Justitiedag stelde de JBZ-Raad vijf Raadsposities vast: op de Richtlijn "
        "geweld tegen vrouwen, de Richtlijn vermogensherstel en confiscatie en op anti-SLAPP "
        "richtlijn (Pagina 7)."
    )
    assert _files_at(Stage.COUNCIL_MANDATE, text, d(2023, 6, 19)) == {
        "richtlijn-geweld-tegen-vrouwen",
        "Richtlijn vermogensherstel en confiscatie",
        "anti-SLAPP richtlijn",
    }


def test_a_withdrawal_at_the_same_time_takes_the_day_before_not_the_proposals_year():
    """tk-2025D17740: "uit 2018" is when the withdrawn proposal was made."""
    text = (
        "Op 11 maart 2025 heeft de Europese Commissie (hierna: Commissie) een voorstel gedaan "
        "voor een Terugkeerverordening, die de huidige Terugkeerrichtlijn vervangt. Tegelijkertijd "
        "trekt de Commissie het voorstel tot herziening van de Terugkeerrichtlijn uit 2018 in."
    )
    events = _events(text, d(2025, 4, 17))

    assert ("terugkeerrichtlijn", 900, d(2025, 3, 11), False) in events
    assert ("Terugkeerverordening", 10, d(2025, 3, 11), False) in events
    # The current directive the new regulation replaces is not what is proposed.
    assert not [e for e in events if e[0] == "terugkeerrichtlijn" and e[1] == 10]


def test_an_act_cited_as_the_legal_basis_reaches_no_stage():
    text = (
        "De Uitvoeringshandeling wordt, conform artikel 12 lid 6 van de Asiel- en "
        "migratiebeheerverordening (hierna: AMMR), openbaar op het moment dat de Raad "
        "overeenstemming over de inhoud heeft bereikt."
    )
    assert _events(text, d(2025, 11, 24)) == set()


def test_a_fiche_dates_the_commissions_document_by_its_receipt_and_is_sent_with_its_letter():
    source = ImportText.from_text(document_text(CORPUS_DIR / "dev" / "tkconv-2022D48602.txt"))
    events = {
        (e.name, e.stage, e.date)
        for e in extract_stage_events(source, Gazetteer(), d(2022, 11, 18))
    }

    assert ("Mededeling handhaving EU-recht", 10, d(2022, 10, 13)) in events
    assert ("Mededeling handhaving EU-recht", 20, d(2022, 11, 18)) in events


def test_a_fiche_in_a_list_of_papers_is_sent_on_its_letters_date():
    text = (
        "Het overleg ging over:\n\n"
        "  • de brief van de Minister van Buitenlandse Zaken d.d. 21 december 2018 inzake fiche: "
        "Wijziging verordening lijst visumvrije landen (Kamerstuk 22 112, nr. 2745);\n"
    )
    events = _events(text, d(2019, 2, 22), gazetteer=Gazetteer())

    assert ("Wijziging verordening lijst visumvrije landen", 20, d(2018, 12, 21), False) in events


def test_council_conclusions_adopted_at_a_one_day_meeting():
    text = (
        "Raadsconclusies Europese universiteiten\n\n"
        "Tijdens dit onderdeel van de Raad zijn twee sets Raadsconclusies (kansengelijkheid en "
        "inclusie, en het Europese Universiteiten-initiatief) aangenomen.\n"
    )
    events = _events(text, d(2021, 7, 2), (d(2021, 5, 17), d(2021, 5, 17)))

    assert events == {("Raadsconclusies Europese universiteiten", 110, d(2021, 5, 17), False)}


def test_negotiating_a_programme_does_not_show_that_it_was_proposed():
    """A new file whose name says no kind of act gets no undated proposal from a sentence that
    only shows it exists; an act of a known kind still does."""
    assert (
        _events(
            "Ook stuur ik u een appreciatie van het Erasmus+ programma 2021–2027 toe.",
            d(2021, 7, 2),
        )
        == set()
    )
    assert _events(
        "Ook stuur ik u een appreciatie van de Terugkeerverordening toe.", d(2021, 7, 2)
    ) == {("Terugkeerverordening", 10, None, False)}


def test_the_commission_published_with_the_verb_first_is_past():
    """tkconv-2020D16031: a letter of 24 April 2020, whose expectations name the guidelines in
    full, as the importer now does."""
    text = document_text(CORPUS_DIR / "dev" / "tkconv-2020D16031.txt")
    name = "richtsnoeren op het gebied van asiel, terugkeer en hervestiging"
    assert (name, 10, d(2020, 4, 16), False) in _events(text, d(2020, 4, 24))


def test_the_date_of_a_european_council_is_not_the_proposals():
    text = (
        "Op 1 december jl. presenteerde de Europese Commissie een voorstel voor een Raadsbesluit "
        "betreffende noodmaatregelen naar aanleiding van de conclusies van de Europese Raad van "
        "21–22 oktober."
    )
    dates = {
        date for _name, stage, date, _expected in _events(text, d(2021, 12, 17)) if stage == 10
    }
    assert dates == {d(2021, 12, 1)}


def test_the_councils_general_approach_is_not_the_acts_adoption():
    text = (
        "De Raad zal een algemene oriëntatie vaststellen over de verordening vereenvoudiging "
        "Carbon Border Adjustment Mechanism (CBAM)."
    )
    stages = {stage for _name, stage, _date, _expected in _events(text, d(2025, 5, 20))}
    assert stages == {40}


def test_the_adoption_of_a_sanctions_regime_at_a_one_day_meeting():
    text = "Uw Kamer wordt tevens geïnformeerd over de aanname van het EU-sanctieregime Guatemala."
    assert _events(text, d(2024, 1, 30), (d(2024, 1, 22), d(2024, 1, 22))) == {
        ("EU-sanctieregime Guatemala", 110, d(2024, 1, 22), False)
    }


def test_an_agendas_format_line_foresees_the_stage_of_its_items_file():
    """kst-32317-525: the item's title, its format line, then the sentences that describe it
    (the format line belongs to the item: what follows it is still about that file)."""
    text = (
        "I. Justitie\n\n"
        "1. Insolventie\n\n"
        "Richtlijn betreffende preventieve herstructureringsstelsels en een tweede kans.\n\n"
        "= Algemene oriëntatie\n\n"
        "De Europese Commissie heeft op 22 november 2016 een voorstel voor een richtlijn "
        "COM(2016)723 uitgebracht over preventieve herstructurering.\n"
    )
    name = "Richtlijn betreffende preventieve herstructureringsstelsels en een tweede kans"
    events = _events(text, d(2018, 10, 2), (d(2018, 10, 11), d(2018, 10, 12)))

    assert events == {(name, 40, None, True), (name, 10, d(2016, 11, 22), False)}
    one_day = _events(text, d(2018, 10, 2), (d(2018, 10, 11), d(2018, 10, 11)))
    assert (name, 40, d(2018, 10, 11), True) in one_day


def test_a_format_line_of_an_item_about_no_file_gives_no_stage():
    text = "1. EU actie tegen corruptie\n\n= Beleidsdebat\n\nHet kabinet steunt de inzet.\n"
    assert _events(text, d(2019, 9, 27), (d(2019, 10, 7), d(2019, 10, 7))) == set()


def test_member_states_agreeing_on_the_councils_position_is_its_mandate():
    text = (
        "Op 14 juli jl. hebben de lidstaten in Coreper overeenstemming bereikt over de positie "
        "van de Raad ten aanzien van het voorstel van de Europese Commissie voor de Europese "
        "begroting voor 2022."
    )
    events = _events(text, d(2021, 8, 26))
    assert ("Europese begroting voor 2022", 40, d(2021, 7, 14), False) in events


def test_the_council_agreeing_to_a_tranche_adopts_it_at_a_one_day_meeting():
    text = "De Raad ging akkoord met een tranche uit de Europese Vredesfaciliteit (EPF)."
    assert _events(text, d(2023, 2, 1), (d(2023, 1, 23), d(2023, 1, 23))) == {
        ("Europese Vredesfaciliteit (EPF)", 110, d(2023, 1, 23), False)
    }
