"""Dossier mentions: known files in the forms documents print them, new instruments by their
form, one proposal per file per sentence; and the recall and precision on the five seeds."""

import datetime
import time
from dataclasses import dataclass

import pytest
from django.core.management import call_command
from django.db import transaction

from dossiers.importing.gazetteer import Gazetteer, KnownDossier
from dossiers.importing.mentions import (
    FOOTNOTE,
    HEADING,
    SENTENCE,
    extract_mentions,
    segments,
)
from dossiers.importing.reader import ImportText
from dossiers.models import Mention, ParliamentaryDocument, StageEvent

from .conftest import SEEDS_DIR, seed_text

SEED_NAMES = sorted(path.name for path in SEEDS_DIR.glob("*.txt"))

GAZETTEER = Gazetteer(
    dossiers=[
        KnownDossier(
            "asiel-en-migratiepact", "Asiel- en Migratiepact", "", "pakket", ("Migratiepact",)
        ),
        KnownDossier("eurodac-verordening", "Eurodac-verordening", "", "verordening", ("Eurodac",)),
        KnownDossier("screeningsverordening", "Screeningsverordening", "", "verordening"),
        KnownDossier(
            "asielprocedureverordening", "Asielprocedureverordening", "APR", "verordening"
        ),
        KnownDossier("crisisverordening", "Crisisverordening", "", "verordening"),
        KnownDossier("kwalificatieverordening", "Kwalificatieverordening", "", "verordening"),
        KnownDossier(
            "routekaart-drugshandel",
            "EU-routekaart voor de aanpak van drugshandel",
            "",
            "mededeling",
            ("routekaart voor de aanpak van drugshandel",),
        ),
        KnownDossier(
            "partnerschap-egypte",
            "Partnerschap tussen de EU en Egypte",
            "",
            "overeenkomst",
            ("partnerschap met Egypte",),
        ),
        KnownDossier("mou-tunesie", "Memorandum of Understanding met Tunesië", "", "overeenkomst"),
        KnownDossier("eu-celac", "Strategisch partnerschap EU-CELAC", "", "overig", ("EU-CELAC",)),
    ]
)


def mentions_in(text, gazetteer=GAZETTEER):
    source = ImportText.from_text(text)
    found = extract_mentions(source, gazetteer)
    for mention in found:
        assert mention.passage in source.text
    return found


def dossiers_in(text):
    return [(mention.dossier, mention.name) for mention in mentions_in(text)]


def test_titles_and_aliases_in_any_case_and_form():
    assert dossiers_in(
        "De lidstaten spraken over het asiel- en migratiepact. Daarna volgden de "
        "Crisis-verordening en de crisisverordeningen van eerder."
    ) == [
        ("asiel-en-migratiepact", "asiel- en migratiepact"),
        ("crisisverordening", "Crisis-verordening"),
    ]


def test_one_proposal_per_dossier_per_sentence_and_the_sentence_as_passage():
    found = mentions_in(
        "Titel\n\nDe Crisisverordening en nogmaals de Crisisverordening werden besproken. "
        "De Kwalificatieverordening niet."
    )
    assert [(m.dossier, m.passage) for m in found] == [
        (
            "crisisverordening",
            "De Crisisverordening en nogmaals de Crisisverordening werden besproken.",
        ),
        ("kwalificatieverordening", "De Kwalificatieverordening niet."),
    ]


def test_a_word_hyphenated_across_a_line_break():
    found = mentions_in("Het akkoord geldt ook voor de Kwalificatieveror-\ndening en de rest.")
    assert [(m.dossier, m.name) for m in found] == [
        ("kwalificatieverordening", "Kwalificatieverordening")
    ]
    assert found[0].passage == "Het akkoord geldt ook voor de Kwalificatieverordening en de rest."


def test_short_names_are_case_sensitive_words():
    assert dossiers_in("Over de APR werd gestemd.") == [("asielprocedureverordening", "APR")]
    assert dossiers_in("Het apr-bestand en de APRIL-tool; Apr. 2024.") == []


def test_elided_compounds():
    assert dossiers_in("De Eurodac- en Screeningsverordening liggen ter tafel.") == [
        ("eurodac-verordening", "Eurodac-"),
        ("screeningsverordening", "Screeningsverordening"),
    ]


def test_abbreviations_the_document_defines():
    found = dossiers_in(
        "De Commissie publiceerde de routekaart voor de aanpak van drugshandel (hierna: "
        "roadmap). Het kabinet verwelkomt de roadmap. De Crisisverordening (CV) is klaar. De CV "
        "treedt snel in werking."
    )
    assert found == [
        ("routekaart-drugshandel", "routekaart voor de aanpak van drugshandel"),
        ("routekaart-drugshandel", "roadmap"),
        ("crisisverordening", "Crisisverordening"),
        ("crisisverordening", "CV"),
    ]


def test_a_footnote_marker_printed_against_a_name():
    assert dossiers_in("Het Voorzitterschap blikte terug op de EU-CELAC11 vergadering.") == [
        ("eu-celac", "EU-CELAC")
    ]


def test_the_head_of_a_name_only_one_known_file_has():
    assert dossiers_in("De implementatie van het Pact vraagt inzet.") == [
        ("asiel-en-migratiepact", "Pact")
    ]
    # Many files end in "verordening": "de Verordening" names none of them.
    assert dossiers_in("De herziening wijzigt de huidige Verordening.") == []


def test_agreements_by_their_partner_country():
    assert dossiers_in(
        "De Raad verwelkomde de partnerschappen met Tunesië, Marokko en Egypte."
    ) == [("mou-tunesie", "Tunesië"), ("partnerschap-egypte", "Egypte")]
    assert dossiers_in("De minister reisde naar Egypte.") == []


def test_instruments_not_yet_known_are_proposed_without_a_dossier():
    found = mentions_in(
        "De Commissie presenteerde de Terugkeerverordening. De Raad besprak Verordening (EU) "
        "2016/679 en de Richtlijn betreffende de bestrijding van fraude, waarna de Raad "
        "raadsconclusies over de toekomst van Schengen aannam."
    )
    assert [(m.dossier, m.name) for m in found] == [
        (None, "Terugkeerverordening"),
        (None, "Verordening (EU) 2016/679"),
        (None, "Richtlijn betreffende de bestrijding van fraude"),
        (None, "raadsconclusies over de toekomst van Schengen"),
    ]
    assert all(mention.confidence < 0.7 for mention in found)


def test_generic_words_are_no_instruments():
    assert (
        dossiers_in(
            "De verordening en deze richtlijn zijn besproken. Verordeningen en richtlijnen "
            "blijven nodig. De Verordening wordt herzien; een EU-richtlijn ook."
        )
        == []
    )


def test_part_of_a_known_name_is_that_file():
    gazetteer = Gazetteer(
        dossiers=[
            KnownDossier(
                "besluit-x",
                "Uitvoeringsbesluit van de Raad tot vaststelling van aanbevelingen over goede "
                "praktijken bij de grensbewaking",
                "",
                "besluit",
            )
        ]
    )
    found = mentions_in(
        "Besluit van de Raad tot vaststelling van aanbevelingen over goede praktijken.",
        gazetteer,
    )
    assert [(m.dossier, m.name) for m in found] == [
        (
            "besluit-x",
            "Besluit van de Raad tot vaststelling van aanbevelingen over goede praktijken",
        )
    ]


def test_segments_of_a_report_with_headings_and_footnotes():
    source = ImportText.from_text((SEEDS_DIR / "000_a1fef7c9b2080e2a.txt").read_text())
    parts = segments(source)
    for part in parts:
        assert source.text[part.start : part.end] == part.text
    by_text = {part.text: part for part in parts}
    assert by_text["Afronding triloogonderhandelingen Schengengrenscode"].kind == HEADING
    assert by_text["Kamerstukken II, 2021–22, 22 112, nr. 3298"].kind == FOOTNOTE
    assert by_text["1. Strategische discussie over migratiebeleid"].kind == HEADING
    # The footnotes at the foot of a page do not end up inside the sentence they interrupt.
    interrupted = [part for part in parts if part.text.endswith("zodat het Europees")]
    assert len(interrupted) == 1 and interrupted[0].kind == SENTENCE
    assert interrupted[0].text.startswith("Het Belgische voorzitterschap hoopt")
    # Abbreviations and dates do not end a sentence; a footnote number after "jl." does.
    assert any(
        part.text.startswith("Op 30 december jl. heeft de Raad besloten")
        for part in segments(
            ImportText.from_text((SEEDS_DIR / "001_7468cf160a9047f9.txt").read_text())
        )
    )
    assert (
        "Uw Kamer werd per brief geïnformeerd over de inhoud en appreciatie van het bereikte "
        "politiek hoofdlijnenakkoord in december jl.2" in by_text
    )


# The seeds, against what a person curated from them -----------------------------------------


@dataclass
class SeedRecords:
    """What fixtures/ says of each seed, as plain data (the database is rolled back)."""

    gazetteer: Gazetteer
    reference_dates: dict  # seed name -> the date "jl." is read against
    stage_events: dict  # seed name -> [(slug, stage, expected, date)]
    dossiers: dict  # seed name -> slugs of the dossiers with a mention or stage event from it


def _in_seed(passage, seed):
    return "".join(passage.split()) in "".join(seed_text(seed).split())


def _read_seed_records():
    gazetteer = Gazetteer.from_database()
    documents = ParliamentaryDocument.objects.prefetch_related("meetings")
    reference_dates, stage_events, dossiers = {}, {}, {}
    for seed in SEED_NAMES:
        ours = [document for document in documents.order_by("pk") if seed in document.notes]
        first = ours[0]
        meeting = min(first.meetings.all(), key=lambda m: m.start_date, default=None)
        reference_dates[seed] = first.date or (meeting.start_date if meeting else None)
        events = StageEvent.objects.filter(source_document__in=ours).select_related("dossier")
        stage_events[seed] = [
            (event.dossier.slug, event.stage, event.is_expected, event.date)
            for event in events
            if _in_seed(event.source_passage, seed)
        ]
        mentions = Mention.objects.filter(source_document__in=ours).select_related("dossier")
        dossiers[seed] = {
            mention.dossier.slug for mention in mentions if _in_seed(mention.source_passage, seed)
        } | {slug for slug, _stage, _expected, _date in stage_events[seed]}
    return SeedRecords(gazetteer, reference_dates, stage_events, dossiers)


@pytest.fixture(scope="module")
def seed_records(django_db_setup, django_db_blocker):
    """fixtures/ loaded once for the module and read into plain data; then rolled back."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_seed", verbosity=0)
        records = _read_seed_records()
        transaction.set_rollback(True)
    return records


def _ratio(part, whole):
    return part / whole if whole else 1.0


@pytest.mark.django_db  # so that the test database is set up for seed_records
def test_mentions_on_the_seeds(seed_records):
    """Per seed: the dossiers the curated mentions and stage events name, against the dossiers
    our mentions name (an instrument proposed as new counts as a wrong one)."""
    true_positives = found_total = expected_total = 0
    lines = []
    for seed in SEED_NAMES:
        source = ImportText.from_text((SEEDS_DIR / seed).read_text(encoding="utf-8"))
        start = time.perf_counter()
        found = extract_mentions(source, seed_records.gazetteer)
        milliseconds = (time.perf_counter() - start) * 1000
        named = {mention.dossier or f"new:{mention.name}" for mention in found}
        expected = seed_records.dossiers[seed]
        hits = len(named & expected)
        true_positives, found_total = true_positives + hits, found_total + len(named)
        expected_total += len(expected)
        lines.append(
            f"{seed}: recall {_ratio(hits, len(expected)):.0%} ({hits}/{len(expected)}), "
            f"precision {_ratio(hits, len(named)):.0%} ({hits}/{len(named)}), "
            f"{milliseconds:.0f} ms; missed {sorted(expected - named)}, "
            f"not curated {sorted(named - expected)}"
        )
        for mention in found:
            assert mention.passage in source.text
    recall = _ratio(true_positives, expected_total)
    precision = _ratio(true_positives, found_total)
    lines.append(f"mentions overall: recall {recall:.1%}, precision {precision:.1%}")
    print("\n".join(lines))
    assert recall >= 0.9, "\n".join(lines)
    assert precision >= 0.9, "\n".join(lines)


@pytest.mark.django_db
def test_seed_records_are_complete(seed_records):
    assert set(seed_records.reference_dates) == set(SEED_NAMES)
    assert seed_records.reference_dates["000_a1fef7c9b2080e2a.txt"] == datetime.date(2024, 2, 2)
    # The reports of 4-5 March 2024 and 19-20 October 2023 print no date: their meeting's.
    assert seed_records.reference_dates["002_a12f43510f00c640.txt"] == datetime.date(2024, 3, 4)
    assert sum(len(events) for events in seed_records.stage_events.values()) >= 80
