"""Dossier mentions: known files in the forms documents print them, new instruments by their
form, one proposal per file per sentence; and the recall and precision on the five seeds."""

import datetime
import time
from dataclasses import dataclass

import pytest
from django.core.management import call_command
from django.db import transaction

from dossiers.importing.evaluation import CORPUS_DIR, document_text
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

from .conftest import SEEDS_DIR, fixture_gazetteer, seed_text

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


# Forms learned from the development half of the corpus (tests/import_corpus/dev) --------------


def _known(text):
    """The known dossiers `text` names, with the fixtures' dossiers known."""
    return {m.dossier for m in extract_mentions(ImportText.from_text(text), fixture_gazetteer())}


def _new(text, gazetteer=None):
    """The names of the new files `text` names."""
    found = extract_mentions(ImportText.from_text(text), gazetteer or fixture_gazetteer())
    return [m.name for m in found if m.dossier is None]


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        # A known elided pair in the other order (kst-32317-NH).
        ("over het Europees migratie- en asielpact van de Commissie.", "asiel-en-migratiepact"),
        # The last compound of one known name alone (ek-T03401), and lower case "het pact".
        ("De inzet bij het nieuwe migratiepact.", "asiel-en-migratiepact"),
        ("de moties over de impasse op het pact.", "asiel-en-migratiepact"),
        # The words of a known name in another order and form (tk-2019D53655).
        (
            "De Commissie werkt aan een nieuw pact inzake migratie en asiel.",
            "asiel-en-migratiepact",
        ),
        # A new name defined as a known abbreviation (tkconv-2025D47954).
        (
            "artikel 12 van de Asiel- en migratiebeheerverordening (hierna: AMMR) regelt dat.",
            "asiel-en-migratiemanagementverordening",
        ),
        # A new name that shares a word only one known file of its kind has (kst-32317-842).
        (
            "Raadsposities op de Richtlijn voorkomen en bestrijden van mensenhandel.",
            "mensenhandelrichtlijn",
        ),
        # A deal by its partner country.
        ("Rutte was bij de deal met Tunesië.", "partnerschap-tunesie"),
    ],
)
def test_a_known_file_under_a_name_the_gazetteer_does_not_hold(text, slug):
    assert slug in _known(text)


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # A kind capitalised in the middle of a sentence, a list of them (tk-2025D22432).
        (
            "om tot een politiek akkoord te komen op de Verordening passagiersrechten in de "
            "luchtvaart en de Verordening inzake aansprakelijkheid van luchtvervoerders.",
            [
                "Verordening passagiersrechten in de luchtvaart",
                "Verordening inzake aansprakelijkheid van luchtvervoerders",
            ],
        ),
        (
            "over de herziening van de richtlijn Gewichten en Afmetingen.",
            ["richtlijn Gewichten en Afmetingen"],
        ),
        ("en de Herziening rijbewijsrichtlijn.", ["rijbewijsrichtlijn"]),
        (
            "het door de Commissie gepresenteerde Roadworthiness Package.",
            ["Roadworthiness Package"],
        ),
        ("de Raadsposities op anti-SLAPP richtlijn (Pagina 7).", ["anti-SLAPP richtlijn"]),
        # A communication by its title, cut at its footnote number (tkconv-2025D47954).
        (
            "heeft de Commissie de Mededeling Europees jaarverslag asiel en migratie1, het",
            ["Mededeling Europees jaarverslag asiel en migratie"],
        ),
        # Acts listed by number (other-openkamer-32317-541).
        (
            "de uitvoering van de besluiten (EU) 2015/1523 en (EU) 2015/1601 van de Raad.",
            ["Besluit (EU) 2015/1523", "Besluit (EU) 2015/1601"],
        ),
        # A file named by its number alone, not when its name follows.
        (
            "gefinancierd met EU-voorstel COM (2018) 719 (Kamerstuk 30 573, nr. 165).",
            ["COM (2018) 719"],
        ),
        (
            "het voorstel COM(2023)755 voor de Richtlijn inzake hulpverlening bij illegale "
            "binnenkomst.",
            ["Richtlijn inzake hulpverlening bij illegale binnenkomst"],
        ),
        # What a BNC fiche is about (tk-2021D10858).
        (
            "Het BNC-fiche over het Verslag EU-burgerschapsrapport 2020 is onlangs verzonden.",
            ["Verslag EU-burgerschapsrapport 2020"],
        ),
        (
            "de Europese Havenstrategie die de Commissie heeft aangekondigd.",
            ["Europese Havenstrategie"],
        ),
    ],
)
def test_new_files_by_their_form(text, names):
    assert _new(text) == names


@pytest.mark.parametrize(
    "text",
    [
        "De Raad zal de Verordening te wijzigen.",
        "een Council Directive was niet nodig.",
        "Nederland ondersteunt via het COMPASS-programma de bescherming van migranten.",
    ],
)
def test_no_new_file_where_none_is_named(text):
    assert _new(text) == []


def test_a_heading_that_is_an_acts_title_names_it():
    source = ImportText.from_text(
        "Verslag van de bijeenkomst\n\nVerordening cessie van vorderingen\n\n"
        "Het voorzitterschap deed verslag van de voortgang van de onderhandelingen.\n"
    )
    found = extract_mentions(source, Gazetteer())

    assert [(m.name, m.passage) for m in found] == [
        ("Verordening cessie van vorderingen", "Verordening cessie van vorderingen")
    ]


def test_a_web_page_without_paragraph_breaks_is_read_line_by_line():
    """tweedekamer.nl pages print a report as wrapped lines without blank lines: a short line
    between two paragraphs is a heading (tk-2019D27399)."""
    source = ImportText.from_text(_dev_text("tk-2019D27399"))
    headings = [s.text for s in segments(source) if s.kind == "heading"]

    assert "Verordening cessie van vorderingen" in headings
    assert "Digitalisering van de justitiële samenwerking" in headings


def test_a_fiche_is_one_file_under_its_full_title_with_its_heading_as_alias():
    """The guide: the fullest name is the title as printed, a heading's label only when no
    title is printed."""
    found = extract_mentions(ImportText.from_text(_dev_text("tk-2022D04444")), Gazetteer())
    title = "Aanbeveling van de Raad inzake operationele politiële samenwerking"
    fiche = [m for m in found if m.name == title]

    assert {tuple(m.aliases) for m in fiche} >= {
        ("Raadsaanbeveling operationele politiesamenwerking",)
    }
    assert {m.instrument_type for m in fiche} == {"aanbeveling"}
    assert not [m for m in found if "politiesamenwerking" in m.name]
    # Each listed fiche is its own passage, not the whole list.
    assert all(not m.passage.count("Fiche:") > 1 for m in found)


def test_a_new_file_named_short_and_long_is_one_file():
    found = extract_mentions(ImportText.from_text(_dev_text("tk-2025D17740")), Gazetteer())
    names = {m.name for m in found if "erugkeerverordening" in m.name}

    assert len(names) == 1


def _dev_text(name):
    return document_text(CORPUS_DIR / "dev" / f"{name}.txt")


def test_a_name_printed_shorter_than_a_known_title_is_that_file():
    gazetteer = Gazetteer(
        dossiers=[
            KnownDossier(
                "csam-verordening",
                "Verordening tot vaststelling van regels ter voorkoming en bestrijding van "
                "seksueel misbruik van kinderen",
                "CSAM",
                "verordening",
            ),
            KnownDossier("terugkeerrichtlijn", "Terugkeerrichtlijn", "", "richtlijn"),
        ]
    )
    found = mentions_in(
        "De motie over de Europese Verordening ter bestrijding en voorkoming van seksueel "
        "misbruik is uitgevoerd.",
        gazetteer,
    )
    assert [m.dossier for m in found] == ["csam-verordening"]
    # Of another kind, or with too few words of its own, it stays a new file.
    assert [
        m.dossier for m in mentions_in("De Richtlijn ter bestrijding van misbruik.", gazetteer)
    ] == [None]


def test_a_long_official_title_lends_no_distinctive_words():
    """ "onderdanen" stands in the screening regulation's official title, but a return
    regulation's title says it too (kst-36761-G)."""
    gazetteer = Gazetteer(
        dossiers=[
            KnownDossier(
                "screeningsverordening",
                "Screeningsverordening",
                "",
                "verordening",
                (
                    "verordening tot invoering van een screening van onderdanen van derde "
                    "landen aan de buitengrenzen",
                ),
            )
        ]
    )
    found = mentions_in(
        "Het voorstel voor een verordening tot vaststelling van een gemeenschappelijk systeem "
        "voor de terugkeer van onderdanen van derde landen.",
        gazetteer,
    )
    assert [m.dossier for m in found] == [None]


def test_an_agreement_named_in_one_compound_is_found_by_its_partner():
    gazetteer = Gazetteer(
        dossiers=[KnownDossier("eu-turkijeverklaring", "EU-Turkijeverklaring", "", "overeenkomst")]
    )
    found = mentions_in("Over de herziening van de migratiedeal met Turkije.", gazetteer)
    assert [(m.dossier, m.name) for m in found] == [("eu-turkijeverklaring", "Turkije")]


def test_a_heading_that_lists_two_acts_names_both():
    """A report printed with a blank line after each line (tkconv-2021D27019): the line after
    a date heading is short against the paragraphs, so it is a heading too."""
    source = ImportText.from_text(_dev_text("tkconv-2021D27019"))
    names = {m.name for m in extract_mentions(source, Gazetteer())}

    assert {
        "Raadsconclusies kansengelijkheid en inclusie",
        "Raadsconclusies Europese universiteiten",
    } <= names
    assert not [name for name in names if " en Raadsconclusies" in name]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        (
            "Een appreciatie van het Erasmus+ programma 2021–2027 volgt.",
            ["Erasmus+ programma 2021–2027"],
        ),
        ("De onderhandelingen over het InvestEU-programma lopen.", ["InvestEU-programma"]),
        ("Stand van zaken van het Fit for 55-pakket.", ["Fit for 55-pakket"]),
        (
            "De financiering van de Hervormings- en Groeifaciliteit voor de Westelijke Balkan.",
            ["Hervormings- en Groeifaciliteit voor de Westelijke Balkan"],
        ),
        ("De aanname van het EU-sanctieregime Guatemala.", ["EU-sanctieregime Guatemala"]),
        (
            "Een oriëntatie over de verordening vereenvoudiging Carbon Border Adjustment Mechanism "
            "(CBAM) uit het omnibusvoorstel.",
            ["verordening vereenvoudiging Carbon Border Adjustment Mechanism (CBAM)"],
        ),
        (
            "De voorstellen voor de vierde en vijfde aanvullende Europese begrotingen voor 2021.",
            [
                "vierde aanvullende Europese begroting voor 2021",
                "vijfde aanvullende Europese begroting voor 2021",
            ],
        ),
        ("De Raadspositie over de Europese begroting voor 2022.", ["Europese begroting voor 2022"]),
    ],
)
def test_programmes_packages_facilities_sanctions_budgets_and_described_acts_are_new_files(
    text, names
):
    assert [m.name for m in mentions_in(text, Gazetteer()) if m.dossier is None] == names


@pytest.mark.parametrize(
    "text",
    [
        "Het programma loopt tot 2027.",
        "Nederland steunt het WHO-programma tegen polio.",
        "De Nederlandse begroting 2024 is aangenomen.",
        "Op de begroting van het ministerie staat 2021 genoemd.",
    ],
)
def test_no_programme_or_budget_where_none_of_the_union_is_named(text):
    assert [m.name for m in mentions_in(text, Gazetteer())] == []


def test_two_titles_joined_by_en_de_are_each_their_known_file():
    """kst-32317-862: read as one name, which of the two files it was depended on the order of
    a set, so two runs of the importer could differ; each title is now read on its own."""
    gazetteer = Gazetteer(
        dossiers=[
            KnownDossier("mensenhandelrichtlijn", "Mensenhandelrichtlijn", "", "richtlijn"),
            KnownDossier(
                "langdurig-ingezetenen-richtlijn",
                "Richtlijn langdurig ingezeten derdelanders",
                "",
                "richtlijn",
            ),
        ]
    )
    found = mentions_in(
        "De Raad besprak de Richtlijn betreffende de status van langdurig ingezeten "
        "derdelanders en de Richtlijn inzake voorkoming en bestrijding van mensenhandel.",
        gazetteer,
    )
    assert [m.dossier for m in found] == [
        "langdurig-ingezetenen-richtlijn",
        "mensenhandelrichtlijn",
    ]


def test_a_shorter_name_may_join_two_words_of_the_known_title_in_one():
    gazetteer = Gazetteer(
        dossiers=[
            KnownDossier(
                "richtlijn-seksueel-misbruik-kinderen",
                "Herziening van de richtlijn ter bestrijding van seksueel misbruik en seksuele "
                "uitbuiting van kinderen en van materiaal betreffende seksueel misbruik van "
                "kinderen",
                "",
                "richtlijn",
            ),
            KnownDossier(
                "csam-verordening",
                "CSAM-verordening",
                "",
                "verordening",
                ("verordening ter voorkoming en bestrijding van online seksueel kindermisbruik",),
            ),
        ]
    )
    found = mentions_in(
        "Het BNC-fiche over de Herziening richtlijn bestrijding van seksueel kindermisbruik en "
        "materiaal betreffende seksueel kindermisbruik. De Raad bespreekt de EU-Verordening ter "
        "bestrijding van online seksueel kindermisbruik.",
        gazetteer,
    )
    assert [m.dossier for m in found] == [
        "richtlijn-seksueel-misbruik-kinderen",
        "csam-verordening",
    ]


def test_conclusions_adopted_with_the_verbs_particle_between():
    found = mentions_in(
        "De Raad nam Raadsconclusies aan over de EU-prioriteiten ten aanzien van de Raad van "
        "Europa. De Raad ging akkoord met een tranche uit de Europese Vredesfaciliteit (EPF) "
        "voor Oekraïne. De Richtlijn voor bodemmonitoring werd besproken.",
        Gazetteer(),
    )
    assert [m.name for m in found] == [
        "Raadsconclusies over de EU-prioriteiten ten aanzien van de Raad van Europa",
        "Europese Vredesfaciliteit (EPF)",
        "Richtlijn voor bodemmonitoring",
    ]
