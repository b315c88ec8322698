"""What the importer learned from the development half of the corpus (tests/import_corpus/dev):
the papers of other series and chambers, BNC cover letters, other Council formations, new EU
files with their references, and names an editor teaches it. Worked on real documents of the
development half only; the test half is evaluated, never used here."""

import datetime

import pytest

from dossiers.importing.accept import accept_import
from dossiers.importing.evaluation import CORPUS_DIR, document_text
from dossiers.importing.gazetteer import Gazetteer, KnownDossier
from dossiers.importing.mentions import extract_mentions, instrument_type_of
from dossiers.importing.pipeline import extract
from dossiers.importing.reader import ImportText
from dossiers.importing.stages import extract_stage_events
from dossiers.models import (
    CouncilMeeting,
    DocumentImport,
    Dossier,
    DossierAlias,
    ParliamentaryDocument,
    Stage,
)

DEV = CORPUS_DIR / "dev"


def _read(name):
    return ImportText.from_text(document_text(DEV / f"{name}.txt"))


def _extract(name, gazetteer=None):
    return extract(_read(name), gazetteer or Gazetteer())


def test_a_papers_own_number_in_a_sub_series():
    proposals = _extract("kst-21501-08-891")

    assert proposals.document.citation == "Kamerstukken II 2022/23, 21 501-08, nr. 891"
    # "21 501-08 Milieuraad" in the letterhead is no citation of paper nr. 8.
    assert all(c.sub_number != "8" for c in proposals.citations)


def test_a_lettered_paper_of_the_eerste_kamer_and_its_written_consultation():
    document = _extract("kst-35612-D").document

    assert (document.document_type, document.chamber) == ("schriftelijk_overleg", "EK")
    assert document.citation.endswith("35 612, D")
    assert document.date == datetime.date(2021, 3, 25)  # "Vastgesteld 25 maart 2021"


@pytest.mark.parametrize(
    ("name", "citation"),
    [
        # A lettered motion of the Eerste Kamer ("AH MOTIE VAN HET LID ...").
        ("kst-33709-AH", "Kamerstukken I 2017/18, 33 709, AH"),
        # A joint paper: its dossiers one a line, the first its number ("C3 VERSLAG ...", with
        # a footnote's number after the letter).
        ("kst-34482-C", "Kamerstukken I 2017/18, 34 482 en 34 585, C"),
        ("kst-32317-DQ", "Kamerstukken I 2013/14, 32 317 en 33 081 en 33 082, DQ"),
    ],
)
def test_the_eerste_kamers_lettered_and_joint_papers_know_their_own_number(name, citation):
    document = _extract(name).document

    assert (document.citation, document.chamber) == (citation, "EK")


def test_answers_to_questions_are_dated_when_received_and_cite_the_aanhangsel():
    proposals = _extract("ah-tk-20222023-3340")

    assert proposals.document.date == datetime.date(2023, 8, 9)
    assert proposals.document.chamber == "TK"
    assert "Aanhangsel Handelingen II 2022/23, nr. 3301" in {
        c.canonical for c in proposals.citations
    }


def test_another_formation_is_proposed_as_such():
    meeting = _extract("kst-21501-08-891").meeting

    assert (meeting.start_date, meeting.formation) == (datetime.date(2022, 12, 20), "overig")


@pytest.mark.parametrize(
    ("name", "formation"),
    [
        # The meeting's own sentence names no formation: the paper's series says it (21 501-31,
        # EPSCO; 21 501-34, Onderwijs), or the formation its opening names.
        ("kst-21501-31-452", "overig"),
        ("other-eumonitor-21501-34-380", "overig"),
        ("tkconv-2021D46335", "overig"),
        ("kst-32317-447", "jbz"),
    ],
)
def test_a_meeting_is_of_the_formation_its_paper_is_about(name, formation):
    assert _extract(name).meeting.formation == formation


def test_a_bnc_cover_letter_proposes_each_fiche_as_a_new_file_sent_on_its_date():
    proposals = _extract("tk-2022D04444")
    fiches = {
        e.name for e in proposals.stage_events if e.stage == Stage.BNC_FICHE and not e.expected
    }

    assert proposals.document.document_type == "bnc_fiche"
    assert {"Prüm II-verordening", "Mededeling Actieplan Sociale Economie"} <= fiches
    assert {e.date for e in proposals.stage_events if e.stage == Stage.BNC_FICHE} == {
        datetime.date(2022, 2, 4)
    }


def test_a_new_file_carries_the_eu_references_type_and_short_name_its_passage_gives():
    text = (
        "De Commissie publiceerde het voorstel voor een richtlijn betreffende de ontneming en "
        "confiscatie van vermogensbestanddelen (hierna: Confiscatierichtlijn), COM(2022) 245, "
        "procedure 2022/0167(COD)."
    )
    found = extract_mentions(ImportText.from_text(text), Gazetteer())
    [mention] = [m for m in found if m.name.startswith("richtlijn")]

    assert mention.dossier is None
    assert mention.instrument_type == "richtlijn"
    assert mention.short_name == "Confiscatierichtlijn"
    assert mention.references == ["COM(2022) 245", "2022/0167(COD)"]


def test_a_new_name_next_to_a_known_files_reference_is_that_file():
    known = KnownDossier(
        slug="confiscatierichtlijn",
        title="Richtlijn ontneming en confiscatie",
        short_name="",
        instrument_type="richtlijn",
        commission_reference="COM(2022) 245",
    )
    text = "Het voorstel voor de Vermogensrichtlijn (COM(2022) 245) ligt in de triloog."

    mentions = extract_mentions(ImportText.from_text(text), Gazetteer(dossiers=[known]))

    assert [m.dossier for m in mentions] == ["confiscatierichtlijn"]


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("Prüm II-verordening", "verordening"),
        ("Mededeling Schengen Strategie", "mededeling"),
        ("Raadsaanbeveling individuele leerrekeningen", "aanbeveling"),
        ("Conclusies inzake het EU-burgerschapsrapport", "raadsconclusies"),
        ("Europese Kiesakte", "overig"),
    ],
)
def test_the_instrument_type_of_a_new_file(name, kind):
    assert instrument_type_of(name) == kind


@pytest.fixture
def document_import(seeded):
    return DocumentImport.objects.create(text="...", text_hash="x", proposals={})


def _accepted(mentions, **changes):
    accepted = {
        "document": {"document_type": "brief", "title": "Brief", "date": "2022-02-04"},
        "meeting": {"start_date": "2022-03-03", "end_date": "2022-03-04", "formation": "raz"},
        "citations": [],
        "mentions": mentions,
    }
    accepted.update(changes)
    return accepted


@pytest.mark.django_db
def test_an_accepted_new_file_is_created_with_its_references_and_short_name(document_import):
    mention = {
        "dossier": None,
        "name": "Richtlijn betreffende de ontneming en confiscatie van vermogensbestanddelen",
        "passage": "...",
        "references": ["COM(2022) 245", "2022/0167(COD)", "32024L1260"],
        "instrument_type": "richtlijn",
        "short_name": "Confiscatierichtlijn",
    }

    accept_import(document_import, _accepted([mention]))

    dossier = Dossier.objects.get(short_name="Confiscatierichtlijn")
    assert (dossier.commission_reference, dossier.procedure_reference, dossier.celex) == (
        "COM(2022) 245",
        "2022/0167(COD)",
        "32024L1260",
    )
    assert dossier.instrument_type == "richtlijn"
    assert CouncilMeeting.objects.get(start_date="2022-03-03").formation == "raz"


@pytest.mark.django_db
def test_a_name_an_editor_links_to_a_known_file_becomes_its_alias(document_import):
    dossier = Dossier.objects.get(slug="asielprocedureverordening")
    mention = {"dossier": dossier.slug, "name": "Procedurerichtlijn-opvolger", "passage": "..."}

    accept_import(document_import, _accepted([mention]))

    assert DossierAlias.objects.filter(
        dossier=dossier, alias="Procedurerichtlijn-opvolger"
    ).exists()
    gazetteer = Gazetteer.from_database()
    text = "De Procedurerichtlijn-opvolger werd besproken."
    found = extract_mentions(ImportText.from_text(text), gazetteer)
    assert [m.dossier for m in found] == ["asielprocedureverordening"]


@pytest.mark.django_db
def test_a_name_it_already_knows_adds_no_alias(document_import):
    dossier = Dossier.objects.get(slug="asielprocedureverordening")
    before = dossier.aliases.count()
    mention = {"dossier": dossier.slug, "name": dossier.title.upper(), "passage": "..."}

    accept_import(document_import, _accepted([mention]))

    assert dossier.aliases.count() == before


@pytest.mark.django_db
def test_a_cited_handelingen_item_or_dated_letter_is_kept_by_its_citation(document_import):
    citations = [
        {"canonical": "Handelingen II 2021/22, nr. 106, item 8", "text": "x"},
        {"canonical": "Kamerbrief van 26 augustus 2022", "text": "x"},
    ]

    accept_import(document_import, _accepted([], citations=citations))
    accept_import(
        DocumentImport.objects.create(text="..", text_hash="y", proposals={}),
        _accepted([], citations=citations),
    )

    letter = ParliamentaryDocument.objects.get(title="Kamerbrief van 26 augustus 2022")
    assert letter.date == datetime.date(2022, 8, 26)
    assert (
        ParliamentaryDocument.objects.filter(
            title="Handelingen II 2021/22, nr. 106, item 8"
        ).count()
        == 1
    )


def test_the_eerste_kamers_numbered_commitment_keeps_its_number():
    [commitment] = _extract("ek-T03401").commitments

    assert commitment.number == "T03401"


def test_a_commitment_heading_over_its_paragraph_is_a_commitment_fulfilled():
    from dossiers.importing.commitments import extract_commitments

    text = (
        "Verslag\n\nToezegging aan het lid Piri (GL-PvdA)\n\n"
        "In het commissiedebat van 5 juni 2024 vroeg het lid naar de terugkeer. Nederland "
        "heeft dit punt in de Raad ingebracht.\n"
    )
    found = extract_commitments(
        ImportText.from_text(text), Gazetteer(members=["Piri"]), datetime.date(2024, 6, 20)
    )

    assert [(c.mps, c.fulfilled_here) for c in found] == [(["Piri"], True)]


def test_a_hyphenated_compound_of_a_known_names_last_word_is_that_dossier():
    pact = KnownDossier(
        slug="asiel-en-migratiepact",
        title="Asiel- en Migratiepact",
        short_name="",
        instrument_type="pakket",
    )
    text = "De Kamer sprak over het EU-migratiepact en over de migratie in het algemeen."

    mentions = extract_mentions(ImportText.from_text(text), Gazetteer(dossiers=[pact]))

    assert [(m.dossier, m.name) for m in mentions] == [("asiel-en-migratiepact", "EU-migratiepact")]


def test_a_page_of_the_tweede_kamers_site_is_the_letter_with_its_print_mark():
    document = _extract("tkconv-2023D23098").document

    assert document.document_type == "aanbiedingsbrief"
    assert document.citation == "Kamerstukken II, 32 317, nr. 830"


def test_the_official_pages_row_of_facts_gives_a_lettered_papers_number_and_chamber():
    document = _extract("kst-32317-NH").document

    assert document.citation == "Kamerstukken I 2021/22, 32 317, NH"
    assert (document.document_type, document.chamber) == ("schriftelijk_overleg", "EK")
    assert document.date == datetime.date(2022, 9, 6)


@pytest.mark.django_db
def test_accepting_many_mentions_of_a_file_looks_it_and_the_aliases_up_once(document_import):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from dossiers.importing.accept import Acceptance

    acceptance = Acceptance(document_import, _accepted([]))
    with CaptureQueriesContext(connection) as queries:
        for number in range(10):
            acceptance.dossier({"dossier": "asielprocedureverordening", "name": f"Naam {number}"})

    selects = [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith("SELECT")]
    assert len([sql for sql in selects if 'FROM "dossiers_dossier"' in sql]) == 1
    assert len([sql for sql in selects if 'FROM "dossiers_dossieralias"' in sql]) == 1
    assert DossierAlias.objects.filter(alias__startswith="Naam ").count() == 10


def test_the_review_form_checks_a_new_files_eu_references():
    from dossiers.importing.forms import MentionReviewForm

    base = {"index": 0, "accept": "on", "name": "Terugkeerverordening"}
    good = MentionReviewForm({**base, "references": "COM (2025) 101 final, 2025/0059 (COD)"})
    bad = MentionReviewForm({**base, "references": "Kamerstuk 32 317, nr. 866"})
    good.valid_keys = bad.valid_keys = set()

    assert good.is_valid(), good.errors
    assert good.proposal({})["references"] == ["COM(2025) 101", "2025/0059(COD)"]
    assert not bad.is_valid()
    assert "references" in bad.errors


@pytest.mark.django_db
def test_a_new_files_other_names_become_its_aliases(document_import):
    """A fiche's heading and full title name one file: the second becomes an alias, so that the
    next document that prints the full title finds the dossier."""
    mention = {
        "dossier": None,
        "name": "Raadsaanbeveling operationele politiesamenwerking",
        "passage": "...",
        "instrument_type": "aanbeveling",
        "aliases": ["Aanbeveling van de Raad inzake operationele politiële samenwerking"],
    }

    accept_import(document_import, _accepted([mention]))

    dossier = Dossier.objects.get(title="Raadsaanbeveling operationele politiesamenwerking")
    assert list(dossier.aliases.values_list("alias", flat=True)) == [
        "Aanbeveling van de Raad inzake operationele politiële samenwerking"
    ]
    text = "De Aanbeveling van de Raad inzake operationele politiële samenwerking werd aangenomen."
    found = extract_mentions(ImportText.from_text(text), Gazetteer.from_database())
    assert [m.dossier for m in found] == [dossier.slug]


def test_the_review_form_takes_other_names_one_per_line():
    from dossiers.importing.forms import MentionReviewForm

    form = MentionReviewForm(
        {
            "index": 0,
            "accept": "on",
            "name": "Terugkeerverordening",
            "aliases": "Voorstel Terugkeerverordening\n\nVerordening, terugkeer \n",
        }
    )
    form.valid_keys = set()

    assert form.is_valid(), form.errors
    assert form.proposal({})["aliases"] == [
        "Voorstel Terugkeerverordening",
        "Verordening, terugkeer",
    ]


@pytest.mark.parametrize(
    ("name", "start", "end", "informal"),
    [
        # A written consultation on an annotated agenda (kst-32317-PX).
        ("kst-32317-PX", datetime.date(2025, 12, 8), datetime.date(2025, 12, 9), False),
        # A committee debate "over informele JBZ-Raad te Stockholm van 25, 26 en 27 januari".
        ("tkconv-2023D02547", datetime.date(2023, 1, 25), datetime.date(2023, 1, 27), True),
        # A web page's title that prints the range without "en": "13 14 oktober 2025".
        ("tkconv-2025D43823", datetime.date(2025, 10, 13), datetime.date(2025, 10, 14), False),
    ],
)
def test_a_paper_about_a_council_meeting_belongs_to_it(name, start, end, informal):
    meeting = _extract(name).meeting

    assert (meeting.start_date, meeting.end_date, meeting.is_informal) == (start, end, informal)


def test_the_report_of_a_debate_is_no_council_report():
    proposals = _extract("other-openkamer-32317-541")

    assert proposals.document.document_type != "verslag"
    assert proposals.meeting.start_date == datetime.date(2019, 2, 7)


def test_a_tkconv_page_gives_the_papers_date_and_number():
    document = _extract("tkconv-2025D47954").document

    assert document.date == datetime.date(2025, 11, 24)
    assert document.citation == "Kamerstukken II, 32 317, nr. 978"


# Phrasings the guide describes, written for these tests (not taken from the corpus): the
# importer should read them in documents it has never seen.


def _mentions(text, *known):
    return extract_mentions(ImportText.from_text(text), Gazetteer(dossiers=list(known)))


def test_a_kind_of_document_shared_with_a_known_file_does_not_make_it_that_file():
    plan = KnownDossier(
        slug="actieplan-route",
        title="Actieplan voor de Oostmediterrane route",
        short_name="",
        instrument_type="overig",
    )
    text = "Op 12 februari jl. heeft de Commissie het EU-actieplan tegen drugshandel gepubliceerd."

    assert [(m.dossier, m.name) for m in _mentions(text, plan)] == [
        (None, "EU-actieplan tegen drugshandel")
    ]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "De verordening inzake de Europese ruimte voor gezondheidsgegevens is gepubliceerd.",
            "verordening inzake de Europese ruimte voor gezondheidsgegevens",
        ),
        (
            "De Raad heeft op 13 juni 2024 de richtlijn ter bestrijding van corruptie aangenomen.",
            "richtlijn ter bestrijding van corruptie",
        ),
        (
            "De Raad zal de verordening tot vaststelling van een terugkeersysteem formeel "
            "aannemen.",
            "verordening tot vaststelling van een terugkeersysteem",
        ),
        (
            "De richtlijn over de bestrijding van corruptie moet uiterlijk in 2027 zijn omgezet.",
            "richtlijn over de bestrijding van corruptie",
        ),
        (
            "Wij gaan in op de Mededeling van de Commissie maatregelen tegen instrumentalisatie.",
            "Mededeling van de Commissie maatregelen tegen instrumentalisatie",
        ),
    ],
)
def test_a_described_act_is_named_up_to_where_the_sentence_goes_on(text, name):
    assert [(m.dossier, m.name) for m in _mentions(text)] == [(None, name)]


def test_a_name_in_brackets_after_a_known_name_is_that_file():
    ai = KnownDossier(
        slug="ai-verordening", title="AI-verordening", short_name="", instrument_type="verordening"
    )
    text = "Het debat ging over de AI-verordening (Artificial Intelligence Act) en de Chips Act."

    assert [(m.dossier, m.name) for m in _mentions(text, ai)] == [
        ("ai-verordening", "AI-verordening"),
        (None, "Chips Act"),
    ]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Het kabinet zal uw Kamer via een BNC-fiche informeren over {plan}.", True),
        ("Het BNC-fiche over {plan} wordt u binnenkort toegestuurd.", True),
        ("Het BNC-fiche over {plan} is op 3 maart 2025 verzonden.", False),
        ("Zoals beschreven in het BNC-fiche over {plan} volgt een appreciatie.", False),
    ],
)
def test_a_bnc_fiche_to_come_is_expected(sentence, expected):
    sentence = sentence.format(plan="het EU-actieplan tegen drugshandel")
    proposals = extract(ImportText.from_text("Den Haag, 10 maart 2025. " + sentence), Gazetteer())

    fiches = [e for e in proposals.stage_events if e.stage == Stage.BNC_FICHE]
    assert [e.expected for e in fiches] == [expected]


_CORRUPTIE_NAME = "richtlijn inzake de bestrijding van corruptie"
_CORRUPTIE = "de " + _CORRUPTIE_NAME


def test_conclusions_adopted_about_a_subject_are_named_by_it():
    text = "De Raad heeft raadsconclusies aangenomen over de toekomst van de EU-drugsaanpak."

    assert [m.name for m in _mentions(text)] == [
        "raadsconclusies over de toekomst van de EU-drugsaanpak"
    ]


def test_an_undated_report_may_tell_of_days_after_its_meeting():
    """A report that prints no date is dated by its meeting's last day only as a stand-in: what
    it says happened two days later did happen."""
    text = f"De Raad heeft op 7 maart 2024 {_CORRUPTIE} aangenomen."
    meeting = (datetime.date(2024, 3, 4), datetime.date(2024, 3, 5))

    events = extract_stage_events(
        ImportText.from_text(text), Gazetteer(), meeting[1], meeting_days=meeting
    )

    assert [(e.stage, e.expected) for e in events] == [(Stage.COUNCIL_ADOPTION, False)]


def test_a_letter_dated_on_its_meetings_last_day_keeps_its_own_date():
    """Dated the day the meeting ends, it is still dated: a step after that day is to come."""
    text = f"Lidstaten moeten {_CORRUPTIE} uiterlijk op 1 februari 2027 hebben omgezet."
    meeting = (datetime.date(2024, 3, 4), datetime.date(2024, 3, 5))

    events = extract_stage_events(
        ImportText.from_text(text),
        Gazetteer(),
        meeting[1],
        meeting_days=meeting,
        document_date=meeting[1],
    )

    assert [(e.stage, e.expected) for e in events] == [(Stage.APPLICATION, True)]


def test_a_memorandum_between_the_eu_and_a_country_is_that_partnership():
    tunesie = KnownDossier(
        slug="partnerschap-tunesie",
        title="Memorandum of Understanding tussen de EU en Tunesië",
        short_name="",
        instrument_type="overeenkomst",
    )
    text = "De Raad zal spreken over het memorandum van overeenstemming tussen de EU en Tunesië."

    assert [m.dossier for m in _mentions(text, tunesie)] == ["partnerschap-tunesie"]


def test_a_dutch_title_with_pact_is_not_read_as_an_english_one():
    pact = KnownDossier(
        slug="asiel-en-migratiepact",
        title="Asiel- en Migratiepact",
        short_name="",
        instrument_type="pakket",
    )
    text = "De Commissie heeft het Europees Pact voor Migratie en Asiel in 2020 gepresenteerd."

    assert [m.dossier for m in _mentions(text, pact)] == ["asiel-en-migratiepact"]


def test_one_new_recommendation_under_its_two_names_is_one_file():
    text = (
        "De Raadsaanbeveling inzake operationele politiesamenwerking ligt voor. Op 8 december 2021 "
        "heeft de Commissie een aanbeveling van de Raad over operationele politiesamenwerking "
        "gepresenteerd."
    )

    # The fuller of its two names.
    assert {m.name for m in _mentions(text)} == {
        "aanbeveling van de Raad over operationele politiesamenwerking"
    }


def test_an_exchange_of_views_on_a_named_file_is_a_council_debate():
    text = (
        "Den Haag, 10 maart 2025. De Raad zal een gedachtewisseling houden over de verordening "
        "betreffende het Schengeninformatiesysteem. Vervolgens was er een gedachtewisseling over "
        "digitalisering."
    )

    events = extract(ImportText.from_text(text), Gazetteer()).stage_events

    assert [(e.stage, e.expected) for e in events] == [(Stage.WORKING_PARTY, True)]


def test_a_known_compound_name_with_its_head_apart():
    statement = KnownDossier(
        slug="eu-turkijeverklaring",
        title="EU-Turkijeverklaring",
        short_name="",
        instrument_type="overeenkomst",
    )

    mentions = _mentions("De EU-Turkije Verklaring blijft een basis.", statement)

    assert [(m.dossier, m.name) for m in mentions] == [
        ("eu-turkijeverklaring", "EU-Turkije Verklaring")
    ]


def test_a_title_ends_before_a_separable_verb():
    text = "De Commissie wil de richtlijn inzake seksueel misbruik van kinderen in te trekken."

    assert [m.name for m in _mentions(text)] == ["richtlijn inzake seksueel misbruik van kinderen"]


@pytest.mark.parametrize(
    "text",
    [
        "Het kabinet past de Vreemdelingenwet aan.",  # a national law
        "Het Deltaprogramma loopt door.",  # a national programme
        "Het Werkpakket van de Raad is klaar.",
    ],
)
def test_national_laws_and_programmes_are_no_eu_files(text):
    assert _mentions(text) == []


def test_an_agenda_items_title_right_over_its_paragraph_is_a_heading():
    text = (
        "Geannoteerde agenda Milieuraad van 17 juni 2025\n\n"
        "Verordening inzake verpakking en verpakkingsafval\n"
        "Besluitvorming: Algemene oriëntatie\n"
        "Het voorzitterschap beoogt tijdens de Raad een algemene oriëntatie te bereiken over dit "
        "voorstel. Nederland kan instemmen met de compromistekst en steunt het voorstel.\n"
    )

    assert [m.name for m in _mentions(text)] == [
        "Verordening inzake verpakking en verpakkingsafval"
    ]


def test_a_sentence_wrapped_before_a_capital_is_no_heading():
    text = (
        "Het kabinet heeft in de afgelopen maanden intensief overleg gevoerd met de\n"
        "Europese Commissie over de uitvoering van de Verordening inzake verpakking.\n"
        "Dat overleg wordt in de komende maanden voortgezet met alle betrokken partijen.\n"
    )

    assert [m.name for m in _mentions(text)] == ["Verordening inzake verpakking"]


def test_a_reports_item_titles_over_one_line_paragraphs():
    text = (
        "Verslag van de Milieuraad van 17 juni 2025\n\n"
        "Herziening van de Richtlijn stedelijk afvalwater\n"
        "Het voorzitterschap gaf een toelichting op de stand van zaken. De Raad nam kennis van "
        "het voortgangsrapport.\n\n"
        "Raadsconclusies over waterveerkracht\n"
        "De Raad heeft de conclusies zonder discussie aangenomen.\n"
    )

    proposals = extract(ImportText.from_text(text), Gazetteer())

    assert [m.name for m in proposals.mentions] == [
        "Richtlijn stedelijk afvalwater",
        "Raadsconclusies over waterveerkracht",
    ]
    meeting_day = datetime.date(2025, 6, 17)
    assert [(e.name, e.stage, e.date) for e in proposals.stage_events] == [
        ("Richtlijn stedelijk afvalwater", Stage.WORKING_PARTY, meeting_day),
        ("Raadsconclusies over waterveerkracht", Stage.COUNCIL_ADOPTION, meeting_day),
    ]


@pytest.mark.parametrize(
    ("line", "name"),
    [
        (
            "1. Voorstel voor een richtlijn betreffende rijbewijzen – Algemene oriëntatie",
            "richtlijn betreffende rijbewijzen",
        ),
        ("2. Verordening passagiersrechten – Voortgangsrapport", "Verordening passagiersrechten"),
    ],
)
def test_an_items_format_after_a_dash_is_not_part_of_the_name(line, name):
    text = f"Geannoteerde agenda\n\n{line}\nHet voorzitterschap presenteert de stand van zaken.\n"

    assert [m.name for m in _mentions(text)] == [name]


def test_an_agenda_of_a_two_day_meeting_tells_what_is_to_come_in_the_present_tense():
    text = (
        "Geannoteerde agenda van de JBZ-Raad van 12 en 13 juni 2025\n\nDen Haag, 28 mei 2025\n\n"
        "Het voorzitterschap presenteert een voortgangsrapport over de Terugkeerverordening. "
        "De Raad neemt de Richtlijn inzake de bestrijding van corruptie formeel aan.\n"
    )

    events = extract(ImportText.from_text(text), Gazetteer()).stage_events

    assert [(e.stage, e.expected, e.date) for e in events] == [
        (Stage.WORKING_PARTY, True, None),
        (Stage.COUNCIL_ADOPTION, True, None),
    ]


# (sentence, stage, expected, date) in a letter of 20 March 2025: the steps of a file in the
# phrasings and word orders the guide describes.
_STEPS = [
    (
        "De Raad heeft op 3 maart jl. {act} formeel aangenomen.",
        Stage.COUNCIL_ADOPTION,
        False,
        datetime.date(2025, 3, 3),
    ),
    (
        "Het Europees Parlement heeft op 12 februari jl. zijn positie vastgesteld over {act}.",
        Stage.EP_MANDATE,
        False,
        datetime.date(2025, 2, 12),
    ),
    (
        "Lidstaten moeten {act} uiterlijk op 1 februari 2027 hebben omgezet.",
        Stage.APPLICATION,
        True,
        datetime.date(2027, 2, 1),
    ),
    ("Over {act} wordt in werkgroepverband verder onderhandeld.", Stage.WORKING_PARTY, False, None),
    (
        "De Raad heeft in december 2024 zijn onderhandelingsmandaat over {act} vastgesteld.",
        Stage.COUNCIL_MANDATE,
        False,
        datetime.date(2024, 12, 1),
    ),
    (
        "Op 11 maart jl. heeft de Europese Commissie een voorstel gepubliceerd voor {act}.",
        Stage.PROPOSAL,
        False,
        datetime.date(2025, 3, 11),
    ),
    (
        "Een voorstel voor {act} wordt eind 2025 verwacht.",
        Stage.PROPOSAL,
        True,
        datetime.date(2025, 10, 1),
    ),
    (
        "De triloogonderhandelingen over {act} starten naar verwachting in september.",
        Stage.TRILOGUES,
        True,
        datetime.date(2025, 9, 1),
    ),
    (
        "Het EP-mandaat voor {act} wordt in september verwacht.",
        Stage.EP_MANDATE,
        True,
        datetime.date(2025, 9, 1),
    ),
    (
        "Ook {act} wordt in juni 2026 van toepassing.",
        Stage.APPLICATION,
        True,
        datetime.date(2026, 6, 1),
    ),
    (
        "Voor {act} is eerder een compromis tussen het Europees Parlement en de Raad bereikt.",
        Stage.PROVISIONAL_AGREEMENT,
        False,
        None,
    ),
    (
        "Bij aanvang van de Raad werd {act} formeel aangenomen.",
        Stage.COUNCIL_ADOPTION,
        False,
        None,
    ),
    (
        "Het voorzitterschap zal een update geven over de onderhandelingen omtrent {act}.",
        Stage.WORKING_PARTY,
        True,
        None,
    ),
    (
        "De commissie sprak over het EU-voorstel d.d. 21 januari 2025 voor {act}.",
        Stage.PROPOSAL,
        False,
        datetime.date(2025, 1, 21),
    ),
    (
        # (the letter's date dates the letter, not the fiche: no date is read)
        "De brief d.d. 28 januari 2025 over het fiche {act} is besproken.",
        Stage.BNC_FICHE,
        False,
        None,
    ),
    (
        "De Raad bereikte een algemene benadering ten aanzien van {act}.",
        Stage.COUNCIL_MANDATE,
        False,
        None,
    ),
    (
        "Het voorzitterschap schetste de stand van zaken van de onderhandelingen over {act}.",
        Stage.TRILOGUES,
        False,
        None,
    ),
    (
        "Het voorzitterschap concludeerde dat er steun was en de triloog over {act} zal op "
        "korte termijn starten.",
        Stage.TRILOGUES,
        True,
        None,
    ),
    ("Tijdens de lunch sprak de Raad ook over {act}.", Stage.WORKING_PARTY, False, None),
    (
        "Het voorzitterschap presenteerde de uitkomst van de onderhandelingen over {act}.",
        Stage.PROVISIONAL_AGREEMENT,
        False,
        None,
    ),
    (
        "Er werd een politiek akkoord bereikt over {act}, waarmee ontheemden tot 2026 "
        "zekerheid krijgen.",
        Stage.PROVISIONAL_AGREEMENT,
        False,
        None,
    ),
    (
        "Het kabinet steunt het voorstel van de Commissie voor {act} van 11 maart jl.",
        Stage.PROPOSAL,
        False,
        datetime.date(2025, 3, 11),
    ),
    (
        "Nederland ligt op schema om {act} per juni 2026 te implementeren.",
        Stage.APPLICATION,
        True,
        datetime.date(2026, 6, 1),
    ),
]


@pytest.mark.parametrize(("sentence", "stage", "expected", "date"), _STEPS)
def test_the_step_of_a_file_in_the_words_the_guide_describes(sentence, stage, expected, date):
    text = "Den Haag, 20 maart 2025. " + sentence.format(act=_CORRUPTIE)

    events = extract(ImportText.from_text(text), Gazetteer()).stage_events

    assert [(e.name, e.stage, e.expected, e.date) for e in events] == [
        (_CORRUPTIE_NAME, stage, expected, date)
    ]


@pytest.mark.parametrize(
    "text",
    [
        "De mededeling over de stand van zaken volgt later.",
        "Het voorstel over de verdeling van de middelen is besproken.",
        "Het kabinet steunt de Verordening naar aanleiding van de motie niet.",
        "Het kabinet steunt de Verordening een uitgebreid standpunt te geven.",
        "De richtlijn omzetten kost tijd. De Europese Verordening is aangenomen.",
        "Zij willen dat ook strengere regels dan de verordening mogelijk zijn.",
        "De Raad bespreekt de ontwerp-richtlijn. De verordening treedt in werking.",
    ],
)
def test_a_generic_communication_or_proposal_is_no_file(text):
    assert _mentions(text) == []


def test_an_act_another_acts_title_amends_is_no_mention_of_its_own():
    text = (
        "Het betreft de Verordening betreffende asiel- en migratiebeheer en tot wijziging van "
        "Richtlijn 2003/109/EG en de voorgestelde verordening inzake een Fonds voor asiel en "
        "migratie. Over het voorstel tot wijziging van Richtlijn 2011/36/EU is een akkoord bereikt."
    )

    assert [m.name for m in _mentions(text)] == [
        "Verordening betreffende asiel- en migratiebeheer",
        "Richtlijn 2011/36/EU",
    ]


def test_an_items_format_line_without_the_sign_foresees_its_stage():
    text = (
        "Geannoteerde agenda Milieuraad van 17 juni 2025\n\nDen Haag, 3 juni 2025\n\n"
        "Verordening inzake verpakking en verpakkingsafval\n"
        "Besluitvorming: Algemene oriëntatie\n"
        "Het voorzitterschap beoogt een akkoord. Nederland kan instemmen met de compromistekst.\n\n"
        "Verordening inzake Digitale Diensten (Digital Services Act)\n"
        "Beleidsdebat en voortgangsrapportage\n"
        "Nederland steunt de inzet van het voorzitterschap en de Commissie op dit punt.\n"
    )

    proposals = extract(ImportText.from_text(text), Gazetteer())

    assert [m.name for m in proposals.mentions] == [
        "Verordening inzake verpakking en verpakkingsafval",
        "Verordening inzake Digitale Diensten",
    ]
    assert [(e.stage, e.expected) for e in proposals.stage_events] == [
        (Stage.COUNCIL_MANDATE, True),
        (Stage.WORKING_PARTY, True),
    ]


def test_a_report_s_format_line_tells_what_was_done():
    text = (
        "Verslag van de Milieuraad van 17 juni 2025\n\nDen Haag, 25 juni 2025\n\n"
        "Verordening inzake verpakking en verpakkingsafval\n"
        "Besluitvorming: Algemene oriëntatie\n"
        "Nederland heeft ingestemd. Veel lidstaten steunden de compromistekst van harte.\n"
    )

    events = extract(ImportText.from_text(text), Gazetteer()).stage_events

    assert [(e.stage, e.expected, e.date) for e in events] == [
        (Stage.COUNCIL_MANDATE, False, datetime.date(2025, 6, 17))
    ]


def test_a_new_files_other_name_in_brackets_and_the_acts_its_title_amends():
    text = (
        "Fiche: Verordening inzake Digitale Markten (Digital Markets Act)\n\n"
        "Fiche: Verordening inzake digitale diensten en wijziging Richtlijn 2000/31/EG "
        "(Digital Services Act)\n"
    )

    mentions = _mentions(text)

    assert [(m.name, m.aliases) for m in mentions] == [
        ("Verordening inzake Digitale Markten", ["Digital Markets Act"]),
        ("Verordening inzake digitale diensten", []),
    ]


def test_a_new_name_sharing_a_known_compounds_subject_is_that_file():
    screening = KnownDossier(
        slug="screeningsverordening",
        title="Screeningsverordening",
        short_name="",
        instrument_type="verordening",
    )
    text = "Het gaat om de verordening inzake screening van burgers van derde landen."

    assert [m.dossier for m in _mentions(text, screening)] == ["screeningsverordening"]


def test_the_acts_a_full_title_amends_by_number_are_no_mentions():
    text = (
        "Voorstel voor een verordening tot invoering van een screening van onderdanen van derde "
        "landen en tot wijziging van de Verordeningen (EG) nr. 767/2008, (EU) 2017/2226 en (EU) "
        "2019/817"
    )

    assert [m.name for m in _mentions(text)] == [
        "verordening tot invoering van een screening van onderdanen van derde landen"
    ]


def test_proposals_for_a_file_published_on_a_day():
    text = (
        "Den Haag, 1 december 2020. Op 23 september 2020 zijn de voorstellen voor een "
        "migratie- en asielpact gepubliceerd."
    )
    pact = KnownDossier(
        slug="asiel-en-migratiepact",
        title="Asiel- en Migratiepact",
        short_name="",
        instrument_type="pakket",
    )

    events = extract(ImportText.from_text(text), Gazetteer(dossiers=[pact])).stage_events

    assert [(e.dossier, e.stage, e.date) for e in events] == [
        ("asiel-en-migratiepact", Stage.PROPOSAL, datetime.date(2020, 9, 23))
    ]


def test_a_european_scoreboard_is_a_commission_report():
    text = "Zie de brief inzake het Europees scorebord voor justitiestelsels 2019 (EJS)."

    assert [m.name for m in _mentions(text)] == ["Europees scorebord voor justitiestelsels"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # a recommendation or a strategy described in lower case
        (
            "De Raad zal een aanbeveling van de Raad inzake politiesamenwerking aannemen.",
            "aanbeveling van de Raad inzake politiesamenwerking",
        ),
        (
            "De Commissie lanceerde ProtectEU, de Europese strategie voor interne veiligheid.",
            "Europese strategie voor interne veiligheid",
        ),
        # packages, pacts, and the Union's programmes and laws
        ("Er is gesproken over het Mobiliteitspakket.", "Mobiliteitspakket"),
        ("Er is gesproken over het Stabiliteits- en Groeipact.", "Stabiliteits- en Groeipact"),
        ("Er is gesproken over de Europese Klimaatwet.", "Europese Klimaatwet"),
        (
            "Er is gesproken over een Europees Defensie-industrieprogramma (EDIP).",
            "Europees Defensie-industrieprogramma",
        ),
        (
            "De Raad heeft het veertiende sanctiepakket tegen Rusland aangenomen.",
            "veertiende sanctiepakket tegen Rusland",
        ),
        # an English title, without the Dutch article before it
        ("De European Media Freedom Act (EMFA) is gepubliceerd.", "European Media Freedom Act"),
        ("De Commissie presenteerde het Clean Industrial Deal pakket.", "Clean Industrial Deal"),
        # a file described in lower case after its kind or a proposal
        (
            "De Commissie presenteerde het voorstel voor een Europese identiteitsportemonnee.",
            "Europese identiteitsportemonnee",
        ),
        ("Het kabinet steunt het voorstel voor een EU-talentenpool.", "EU-talentenpool"),
        (
            "De Europese verordening ter bestrijding van kinderpornografie is aangenomen.",
            "Europese verordening ter bestrijding van kinderpornografie",
        ),
        (
            "De Raad nam de conclusies van de Raad over de toekomst van Schengen aan.",
            "conclusies van de Raad over de toekomst van Schengen",
        ),
        # an abbreviation before a compound, also one that starts in lower case
        (
            "Hongarije valt onder de procedure van de MFK-rechtsstaatverordening.",
            "MFK-rechtsstaatverordening",
        ),
        ("De Raad bespreekt de herziening van de eIDAS-verordening.", "eIDAS-verordening"),
        # an act under revision, by what it is about in lower case
        (
            "De Raad wil een algemene oriëntatie over de herziening van de richtlijn "
            "industriële emissies (RIE).",
            "richtlijn industriële emissies (RIE)",
        ),
        # English titles ending in a plan, fund or reserve
        ("De Commissie presenteerde het AI Continent Action Plan.", "AI Continent Action Plan"),
        ("Er is gesproken over de Brexit Adjustment Reserve.", "Brexit Adjustment Reserve"),
        # the Union's mechanisms, facilities and instruments
        (
            "De Raad sprak over het EU Civiele Beschermingsmechanisme.",
            "EU Civiele Beschermingsmechanisme",
        ),
        ("De Kamer vroeg naar de EU-vluchtelingenfaciliteit.", "EU-vluchtelingenfaciliteit"),
        (
            "Er is gesproken over het interne-marktnoodinstrument (SMEI).",
            "interne-marktnoodinstrument (SMEI)",
        ),
        # a decision in lower case, described
        (
            "Het uitvoeringsbesluit van de Raad voor de goedkeuring van het herstelplan wordt "
            "verwacht.",
            "uitvoeringsbesluit van de Raad voor de goedkeuring van het herstelplan",
        ),
        ("Op de agenda staat het Commissiewerkprogramma 2024.", "Commissiewerkprogramma 2024"),
        (
            "Er is gesproken over het EU civiel beschermingsmechanisme.",
            "EU civiel beschermingsmechanisme",
        ),
        (
            "Het jaarverslag van het Europees Fonds voor Maritieme Zaken en Visserij verscheen.",
            "Europees Fonds voor Maritieme Zaken en Visserij",
        ),
        (
            "Het Commissievoorstel tot herziening van de visumprocedure is besproken.",
            "Commissievoorstel tot herziening van de visumprocedure",
        ),
        # a lower-case kind before the compound noun it is about
        (
            "Het voorzitterschap informeert over de richtlijn energieprestatie gebouwen (EPBD).",
            "richtlijn energieprestatie gebouwen (EPBD)",
        ),
        (
            "Er wordt onderhandeld over de herzieningen van de richtlijn energie-efficiëntie.",
            "richtlijn energie-efficiëntie",
        ),
        # a compound written apart, and a kind for a named body
        ("Er is een akkoord op de Dublin Verordening.", "Dublin Verordening"),
        (
            "Er is samenhang nodig met de verordening voor Eurojust.",
            "verordening voor Eurojust",
        ),
        # hyphenated plans, packages and facilities
        ("Twee voorstellen van het Fit-for-55-pakket liggen voor.", "Fit-for-55-pakket"),
        ("Er is gesproken over het REPowerEU-plan.", "REPowerEU-plan"),
        # a paragraph headed by its act before a colon, and conclusions by their day
        (
            "Richtlijn vermoeden van onschuld: de Raad bereikte een algemene benadering.",
            "Richtlijn vermoeden van onschuld",
        ),
        (
            "De lidstaten verwelkomen de voortgang met de Raadsconclusies van 10 oktober 2014.",
            "Raadsconclusies van 10 oktober 2014",
        ),
        # a draft is the act; a lower-case kind before a noun ending in -t
        (
            "De Raad nam de ontwerp-richtlijn betreffende het Europees onderzoeksbevel aan.",
            "richtlijn betreffende het Europees onderzoeksbevel",
        ),
        (
            "Het kabinet steunt de ontwerpverordening Europese Verstrekkingsbevelen.",
            "verordening Europese Verstrekkingsbevelen",
        ),
        ("Er is een akkoord over de verordening erfrecht bereikt.", "verordening erfrecht"),
        ("Het EU Actieplan tegen desinformatie is verschenen.", "EU Actieplan tegen desinformatie"),
        # an agenda's word for what happens to the item is no part of the name
        ("Besluitvorming AML-pakket", "AML-pakket"),
        # an act under revision by what it is for; the Union's strategies, laws and spaces;
        # an agreement by its partner
        (
            "Er is onderhandeld over de herziening van de richtlijn voor hernieuwbare energie.",
            "richtlijn voor hernieuwbare energie",
        ),
        ("De Raad nam de EU-drugsstrategie aan.", "EU-drugsstrategie"),
        ("Het kabinet steunt de Europese klimaatwet.", "Europese klimaatwet"),
        ("Er is gesproken over de European Health Data Space.", "European Health Data Space"),
        (
            "Het associatieakkoord tussen de Europese Unie (EU) en Chili is ondertekend.",
            "associatieakkoord tussen de Europese Unie (EU) en Chili",
        ),
    ],
)
def test_a_new_file_named_in_a_form_the_guide_describes(text, name):
    assert [m.name for m in _mentions(text)] == [name]


@pytest.mark.parametrize(
    ("sentence", "stage"),
    [
        (
            "Conform de afspraken informeer ik uw Kamer over de voortgang van de onderhandelingen "
            "over {act}.",
            Stage.TRILOGUES,
        ),
        ("Het implementeren van {act} is een mijlpaal op weg naar 2050.", Stage.APPLICATION),
    ],
)
def test_a_reporting_formula_or_a_noun_is_not_that_step(sentence, stage):
    text = "Den Haag, 20 maart 2025. " + sentence.format(act=_CORRUPTIE)

    proposals = extract(ImportText.from_text(text), Gazetteer())

    assert _CORRUPTIE_NAME in {m.name for m in proposals.mentions}
    assert stage not in {e.stage for e in proposals.stage_events}


def test_an_action_plan_or_a_lower_case_act_without_a_subject_is_no_file():
    text = (
        "Het Action Plan is besproken. De verordening treedt in werking op 1 januari. Een "
        "herziening van de verordening is nodig."
    )

    assert _mentions(text) == []


def _known(slug, title, kind="verordening"):
    return KnownDossier(slug=slug, title=title, short_name="", instrument_type=kind)


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        # an amended proposal is the file it amends
        (
            "Fiche: Verordening vaststelling procedure internationale bescherming, gewijzigd "
            "voorstel (Kamerstuk 22 112, nr. 2957)",
            "asielprocedureverordening",
        ),
        # the words of a known name's compound, apart
        (
            "Fiche: Verordening inzake aanpak situaties van crisis en overmacht (Kamerstuk 22 112, "
            "nr. 2959)",
            "crisisverordening",
        ),
        # an act of the same kind "inzake" a known file is that file, not a new one about it
        (
            "Fiche: Gewijzigd voorstel voor Verordening inzake instelling EURODAC (Kamerstuk 22 "
            "112, nr. 2960)",
            "eurodac-verordening",
        ),
    ],
)
def test_a_fiches_short_title_is_the_known_file_it_names(text, slug):
    known = [
        _known(
            "asielprocedureverordening",
            "Verordening tot vaststelling van een gemeenschappelijke procedure voor "
            "internationale bescherming",
        ),
        _known(
            "crisisverordening",
            "verordening betreffende de aanpak van crisis- en overmachtsituaties op het gebied "
            "van migratie en asiel",
        ),
        _known("eurodac-verordening", "Eurodac"),
    ]

    assert [m.dossier for m in _mentions(text, *known)] == [slug]


def test_a_fiche_titled_with_a_known_name_inside_sends_that_files_fiche():
    text = (
        "Den Haag, 5 november 2020. Hierbij zend ik u de fiches die werden opgesteld door de "
        "werkgroep Beoordeling Nieuwe Commissievoorstellen (BNC). Fiche: Gewijzigd voorstel voor "
        "Verordening inzake instelling EURODAC (Kamerstuk 22 112, nr. 2960)"
    )
    gazetteer = Gazetteer(dossiers=[_known("eurodac-verordening", "Eurodac")])

    events = extract(ImportText.from_text(text), gazetteer).stage_events

    assert [(e.dossier, e.stage, e.date) for e in events] == [
        ("eurodac-verordening", Stage.BNC_FICHE, datetime.date(2020, 11, 5))
    ]


def test_the_act_a_known_files_title_refers_to_is_not_that_file():
    measures = _known(
        "maatregelen-artikel-25a-visumcode",
        "Maatregelen op grond van artikel 25a van de Visumcode",
        kind="overig",
    )

    for text in (
        "De Raad besprak de Visumcode en de Schengengrenscode.",
        "Het Commissievoorstel tot herziening van de Visumcode is besproken.",
    ):
        assert "maatregelen-artikel-25a-visumcode" not in {
            m.dossier for m in _mentions(text, measures)
        }
    # ... while the measures themselves are still that file.
    text = "Er zijn nieuwe maatregelen op grond van artikel 25a van de Visumcode genomen."
    assert [m.dossier for m in _mentions(text, measures)] == ["maatregelen-artikel-25a-visumcode"]


def _fiche(title):
    return (
        "Fiche: Raadsaanbeveling operationele politiesamenwerking (Kamerstuk 22 112, nr. 3297)\n"
        "\n"
        "Fiche: Raadsaanbeveling operationele politiesamenwerking\n"
        "1. Algemene gegevens\n"
        "a) Titel voorstel\n"
        f"{title}\n"
        "b) Datum ontvangst Commissiedocument\n"
        "8 december 2021\n"
    )


def test_a_fiches_dutch_title_names_the_file_and_its_label_is_another_name():
    title = "Aanbeveling van de Raad inzake operationele politiële samenwerking"

    mentions = _mentions(_fiche(title))

    assert {(m.name, m.dossier) for m in mentions} == {(title, None)}
    assert "Raadsaanbeveling operationele politiesamenwerking" in {
        alias for m in mentions for alias in m.aliases
    }


def test_a_fiches_english_title_leaves_the_label_the_name():
    title = "Proposal for a Council Recommendation on operational police cooperation"

    mentions = _mentions(_fiche(title))

    assert {m.name for m in mentions} == {"Raadsaanbeveling operationele politiesamenwerking"}


def test_a_common_word_of_legal_titles_does_not_make_a_new_act_a_known_one():
    temporary = _known(
        "richtlijn-tijdelijke-bescherming", "Richtlijn Tijdelijke bescherming", "richtlijn"
    )
    text = (
        "De Raad sprak over de richtlijn inzake de bescherming van het milieu door middel van het "
        "strafrecht."
    )

    assert [m.dossier for m in _mentions(text, temporary)] == [None]


def test_an_act_by_its_number_is_the_known_file_its_title_names():
    residents = _known(
        "langdurig-ingezetenen-richtlijn",
        "Richtlijn over de status van Langdurig Ingezeten Derdelanders",
        "richtlijn",
    )
    text = (
        "Op 27 april 2022 publiceerde de Commissie een voorstel tot herziening van de Richtlijn "
        "2003/109/EG betreffende de status van langdurig ingezeten onderdanen van derde landen."
    )

    assert [m.dossier for m in _mentions(text, residents)] == ["langdurig-ingezetenen-richtlijn"]


def test_a_capitalised_kind_after_en_de_begins_the_next_title():
    text = (
        "De Raad besprak de Richtlijn betreffende de status van langdurig ingezeten derdelanders "
        "en de Richtlijn inzake voorkoming en bestrijding van mensenhandel."
    )

    assert [m.name for m in _mentions(text)] == [
        "Richtlijn betreffende de status van langdurig ingezeten derdelanders",
        "Richtlijn inzake voorkoming en bestrijding van mensenhandel",
    ]


@pytest.mark.parametrize(
    ("text", "known", "slug"),
    [
        (
            "Het kabinet wil dat de concept-Verordening over het tegengaan van online seksueel "
            "kindermisbruik geen chatcontrol bevat.",
            _known(
                "csam-verordening",
                "verordening ter voorkoming en bestrijding van online seksueel kindermisbruik",
            ),
            "csam-verordening",
        ),
        (
            "Het voorstel voor een verordening tot oprichting van een EU-hervestigingskader is "
            "besproken.",
            _known("hervestigingsverordening", "Hervestigingsverordening"),
            "hervestigingsverordening",
        ),
        # a kind and one word apart: the known compound
        (
            "Er is een beleidsdebat over het voorstel voor een verordening betreffende AI "
            "(COM(2021) 206).",
            _known("ai-verordening", "AI-verordening"),
            "ai-verordening",
        ),
        (
            "De Raad sprak over de richtlijn inzake terugkeer.",
            _known("terugkeerrichtlijn", "Terugkeerrichtlijn", "richtlijn"),
            "terugkeerrichtlijn",
        ),
    ],
)
def test_a_known_file_under_a_description_of_what_it_does(text, known, slug):
    assert [m.dossier for m in _mentions(text, known)] == [slug]


def test_one_new_file_under_a_short_and_a_full_name_is_named_by_the_full_one():
    text = (
        "De Raad sprak over de Richtlijn representatieve acties. Het gaat om de Richtlijn "
        "betreffende representatieve vorderingen ter bescherming van de collectieve belangen van "
        "consumenten."
    )
    full = (
        "Richtlijn betreffende representatieve vorderingen ter bescherming van de collectieve "
        "belangen van consumenten"
    )

    assert {m.name for m in _mentions(text)} == {full}


def test_a_compound_name_and_a_description_of_one_subject_are_one_file():
    text = (
        "De Commissie publiceerde in mei 2022 het voorstel voor een Confiscatierichtlijn. Op 12 "
        "december 2023 is een akkoord bereikt over een nieuwe Europese richtlijn voor ontneming "
        "en confiscatie van vermogensbestanddelen."
    )

    assert {m.name for m in _mentions(text)} == {
        "Europese richtlijn voor ontneming en confiscatie van vermogensbestanddelen"
    }


@pytest.mark.parametrize(
    ("text", "names"),
    [
        (
            "Het kabinet steunt de Verordening inzake digitale markten en de Verordening inzake "
            "digitale diensten.",
            {"Verordening inzake digitale markten", "Verordening inzake digitale diensten"},
        ),
        (
            "Het gaat om de Europolverordening en om de Verordening Schengen informatiesysteem "
            "voor Europol.",
            {"Europolverordening", "Verordening Schengen informatiesysteem voor Europol"},
        ),
    ],
)
def test_two_new_files_that_share_only_a_common_word_stay_two(text, names):
    assert {m.name for m in _mentions(text)} == names


def test_an_older_letters_numbered_fiches_are_each_a_file_with_its_fiche_sent():
    text = (
        "Den Haag, 18 november 2016. Hierbij ontvangt u 2 fiches die werden opgesteld door de "
        "werkgroep Beoordeling Nieuwe Commissievoorstellen (BNC).\n\n"
        "Fiche 1: Fiscale geschilbeslechting ter voorkoming van dubbele belasting (Kamerstuk 34 "
        "604, nr. 2)\n\n"
        "Fiche 2: Richtlijn hybride mismatches met derde landen (Kamerstuk 34 604, nr. 3)\n"
    )

    proposals = extract(ImportText.from_text(text), Gazetteer())

    assert {m.name for m in proposals.mentions} == {
        "Fiscale geschilbeslechting ter voorkoming van dubbele belasting",
        "Richtlijn hybride mismatches met derde landen",
    }
    assert {(e.stage, e.date) for e in proposals.stage_events} == {
        (Stage.BNC_FICHE, datetime.date(2016, 11, 18))
    }


def test_a_word_of_a_fiche_label_that_makes_a_known_compound_names_that_file():
    reception = _known("opvangrichtlijn", "Opvangrichtlijn", "richtlijn")
    text = "Fiche: Herziening richtlijn normen opvang asielzoekers (Kamerstuk 22 112, nr. 2192)"

    assert [m.dossier for m in _mentions(text, reception)] == ["opvangrichtlijn"]
