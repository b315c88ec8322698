"""Reading uploads: PDF text layers and text files in, running text out; bad input refused."""

import json
import random
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

from dossiers.importing import reader
from dossiers.importing.reader import (
    MAX_UPLOAD_BYTES,
    ImportText,
    UnreadableDocument,
    check_upload,
    read_upload,
)

from .conftest import SEEDS_DIR

FIXTURES_DIR = Path(settings.BASE_DIR) / "fixtures"
SEED_NAME = re.compile(r"\d{3}_[0-9a-f]{16}\.txt")

HEADER = "Geannoteerde agenda JBZ-Raad 4 en 5 maart 2024"
FOOTER = "Tweede Kamer, vergaderjaar 2023–2024, 32 317, nr. 872"
# An annotated agenda of four pages, as a PDF prints it: the title repeated as running header,
# a footer with the Kamerstuk number and page numbers in three styles.
AGENDA_PAGES = [
    [
        HEADER,
        "I. Binnenlandse Zaken",
        "1. Staat van het Schengengebied",
        "De Raad spreekt over de stand van de Kwalificatieveror-",
        "dening en over de herziene",
        FOOTER,
        "Pagina 1 van 4",
    ],
    [
        HEADER,
        "Opvangrichtlijn. Het kabinet steunt de inzet van het voorzitterschap",
        "voor Oekraïne en ziet de volgende prioriteiten: 1. betere samenwerking.",
        "2. Externe dimensie van migratie",
        "Naar verwachting zal de Raad spreken over partnerschappen.1",
        "1 Kamerstukken II 2023/24, 32 317, nr. 867.",
        FOOTER,
        "Pagina 2 van 4",
    ],
    [
        HEADER,
        "II. Justitie",
        "3. Strijd tegen georganiseerde criminaliteit",
        "Het kabinet verwelkomt de routekaart tegen drugshandel.",
        FOOTER,
        "3/4",
    ],
    [
        HEADER,
        "4. Overige onderwerpen",
        "Het voorzitterschap informeert de Raad over lopende dossiers.",
        FOOTER,
        "- 4 -",
    ],
]


def make_pdf(pages):
    """A PDF with a text layer, written by hand: each page a list of lines set in Helvetica from
    the top down; a page given as None has a grey rectangle and no text."""
    objects = []

    def add(body):
        objects.append(body)
        return len(objects)

    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    pages_number = len(objects) + 2 * len(pages) + 1
    kids = []
    for lines in pages:
        if lines is None:
            stream = b"0.5 g 100 100 300 400 re f"
        else:
            shown = b"".join(b"(" + _pdf_string(line) + b") Tj T* " for line in lines)
            stream = b"BT /F1 11 Tf 14 TL 72 770 Td " + shown + b"ET"
        content = add(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
        kids.append(
            add(
                b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Contents %d 0 R "
                b"/Resources << /Font << /F1 %d 0 R >> >> >>" % (pages_number, content, font)
            )
        )
    add(
        b"<< /Type /Pages /Kids [%s] /Count %d >>"
        % (b" ".join(b"%d 0 R" % kid for kid in kids), len(kids))
    )
    catalog = add(b"<< /Type /Catalog /Pages %d 0 R >>" % pages_number)
    pdf = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(pdf))
        pdf += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(pdf)
    pdf += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    pdf += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    pdf += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        catalog,
        xref,
    )
    return bytes(pdf)


def _pdf_string(line):
    encoded = line.encode("cp1252")  # the WinAnsiEncoding of the font
    return encoded.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def _refusal(data, name="upload"):
    with translation.override("en"), pytest.raises(UnreadableDocument) as refused:
        read_upload(name, data)
    return str(refused.value)


# PDF


def test_pdf_text_layer_is_read_without_running_headers_and_page_numbers():
    source = read_upload("agenda.pdf", make_pdf(AGENDA_PAGES))
    assert "Kwalificatieverordening" in source.text
    assert "Kwalificatieveror-\ndening" in source.raw, "raw keeps its line breaks"
    # The sentence runs on across the page break, now that the header is gone.
    assert "over de herziene Opvangrichtlijn. Het kabinet" in source.text
    assert "voor Oekraïne" in source.text
    assert "vergaderjaar" not in source.text
    assert "Pagina" not in source.text and "3/4" not in source.text and "- 4 -" not in source.text
    # The title on the first page stays; its repetitions on the other pages go.
    assert source.text.count(HEADER) == 1
    assert source.text.startswith(HEADER)
    assert source.dropped.count(FOOTER) == 4
    assert {"Pagina 1 van 4", "Pagina 2 van 4", "3/4", "- 4 -"} <= set(source.dropped)


def test_pdf_footnotes_and_numbered_lines_are_kept():
    source = read_upload("agenda.pdf", make_pdf(AGENDA_PAGES))
    assert "partnerschappen.1 1 Kamerstukken II 2023/24, 32 317, nr. 867." in source.text
    assert "4. Overige onderwerpen" in source.raw


KAMERSTUK_FOOTER = "Tweede Kamer, vergaderjaar 2023–2024, 32 317, nr. 872"
# A cover letter as the Staatsdrukkerij prints a Kamerstuk: a letterhead on the first page,
# print marks in its margin, and a footer that counts the pages.
KAMERSTUK_PAGES = [
    [
        "Tweede Kamer der Staten-Generaal 2",
        "Vergaderjaar 2023–2024",
        "32 317 JBZ-Raad",
        "Nr. 872 BRIEF VAN DE MINISTER VAN JUSTITIE EN VEILIGHEID",
        "Aan de Voorzitter van de Tweede Kamer der Staten-Generaal",
        "Den Haag, 19 februari 2024",
        "Hierbij bied ik u de geannoteerde agenda aan voor de JBZ-Raad van 4 en 5 maart",
        "2024 te Brussel. De Minister van Justitie en Veiligheid neemt deel aan de Raad.",
        "Het kabinet zet zich in voor de strijd tegen de ondermij-",
        "kst-32317-872",
        "ISSN 0921 - 7371",
        f"'s-Gravenhage 2024 {KAMERSTUK_FOOTER} 1",
    ],
    [
        "nende criminaliteit en steunt de routekaart van de Commissie.",
        "Het kabinet informeert de Kamer over de voortgang.1",
        "1 Toezegging aan het lid Piri in het Commissiedebat, d.d. 29 februari 2024",
        f"{KAMERSTUK_FOOTER} 2",
    ],
    [
        "Ook over de partnerschappen wordt de Kamer geïnformeerd.3",
        "De Minister van Justitie en Veiligheid,",
        "D. Yesilgöz-Zegerius",
        "3 Toezegging aan het lid Piri in het Commissiedebat, d.d. 29 februari 2024",
        f"{KAMERSTUK_FOOTER} 3",
    ],
]


def test_kamerstuk_print_marks_and_counting_footers_are_dropped():
    source = read_upload("kst-32317-872.pdf", make_pdf(KAMERSTUK_PAGES))
    assert "ondermijnende criminaliteit" in source.text
    assert "vergaderjaar 2023–2024, 32 317" not in source.text
    assert "kst-" not in source.text and "ISSN" not in source.text
    assert source.text.startswith("Tweede Kamer der Staten-Generaal 2 Vergaderjaar 2023–2024")
    assert f"{KAMERSTUK_FOOTER} 2" in source.dropped


def test_footnotes_that_read_alike_are_kept_even_when_their_numbers_follow_the_pages():
    source = read_upload("kst-32317-872.pdf", make_pdf(KAMERSTUK_PAGES))
    assert source.text.count("Toezegging aan het lid Piri") == 2


def test_pdf_without_a_text_layer_is_refused():
    message = _refusal(make_pdf([None, None]))
    assert "no text layer" in message


def test_pdf_with_only_page_furniture_is_refused():
    """A scan whose pages carry only a printed footer and page number has no text either."""
    pages = [[FOOTER, f"Pagina {number} van 3"] for number in (1, 2, 3)]
    assert "no text layer" in _refusal(make_pdf(pages))


def test_damaged_pdf_is_refused():
    assert "cannot be read" in _refusal(b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog ")


def test_truncated_pdf_is_refused():
    data = make_pdf(AGENDA_PAGES)
    assert "cannot be read" in _refusal(data[: len(data) // 3])


# Bad input


def test_empty_upload_is_refused():
    assert _refusal(b"") == "The file is empty."
    assert _refusal(b"  \n\t ") == "The file is empty."


def test_upload_over_20_megabytes_is_refused():
    message = _refusal(b"a" * (MAX_UPLOAD_BYTES + 1))
    assert message == "The file is larger than 20 MB."


def test_binary_garbage_is_refused():
    garbage = random.Random(5).randbytes(4000)
    assert "neither a PDF nor a text file" in _refusal(garbage)


def test_a_word_document_is_refused_as_binary():
    docx = b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00" + b"word/document.xml" * 50
    assert "neither a PDF nor a text file" in _refusal(docx, "verslag.docx")


def test_latin_1_text_is_refused_with_the_advice_to_save_as_utf_8():
    text = "De Raad sprak over Oekraïne en de coördinatie van de inzet.\n"
    message = _refusal(text.encode("latin-1"))
    assert "UTF-8" in message


# Text


def test_utf_8_text_with_or_without_byte_order_mark():
    text = "Het kabinet verwelkomt de coördinatie binnen de EU."
    assert read_upload("a.txt", text.encode()).text == text
    assert read_upload("a.txt", "\ufeff".encode() + text.encode()).text == text


def test_utf_16_text_with_byte_order_mark():
    text = "Het kabinet verwelkomt de coördinatie binnen de EU."
    assert read_upload("a.txt", text.encode("utf-16")).text == text


def test_windows_line_ends_and_soft_hyphens():
    source = read_upload(
        "a.txt", "De Kwalificatieveror-\r\ndening en de Op\u00advangrichtlijn".encode()
    )
    assert source.text == "De Kwalificatieverordening en de Opvangrichtlijn"
    assert "\r" not in source.raw


def test_pasted_pages_separated_by_form_feeds_lose_their_running_lines():
    pages = ["\n".join(lines) for lines in AGENDA_PAGES]
    source = ImportText.from_text("\f".join(pages))
    assert source.text.count(HEADER) == 1
    assert "vergaderjaar" not in source.text
    assert "Kwalificatieverordening" in source.text


def test_running_footer_with_page_counter_in_text_without_page_breaks():
    lines = []
    for page in range(1, 5):
        lines += [f"Regel {line} van bladzijde {page}." for line in range(12)]
        lines += [f"Zin {page} loopt door op de", "volgende regel.", f"{FOOTER} {page}"]
    source = ImportText.from_text("\n".join(lines))
    assert "vergaderjaar" not in source.text
    assert "Zin 4 loopt door op de volgende regel." in source.text
    assert source.dropped == tuple(f"{FOOTER} {page}" for page in range(1, 5))


def test_repeated_footnotes_are_kept():
    """Footnotes may say the same ("Toezegging aan het lid Piri ..."): they are content, also
    when they follow each other with their numbers counting up."""
    note = "Toezegging aan het lid Piri in het Commissiedebat, d.d. 29 februari 2024"
    text = "\n".join(["Eerste alinea.", f"1 {note}", "Tweede alinea.", f"2 {note}", f"3 {note}"])
    assert ImportText.from_text(text).text.count("Toezegging aan het lid Piri") == 3


def test_lone_page_number_in_text_without_page_breaks_is_dropped():
    source = ImportText.from_text("het mandaat van het Agentschap\n \n3\n \nwél te willen herzien")
    assert source.text == "het mandaat van het Agentschap wél te willen herzien"
    assert source.dropped == ("3",)


# The seeds


def _fixture_records():
    return [
        record
        for path in sorted(FIXTURES_DIR.glob("*.json"))
        for record in json.loads(path.read_text())
    ]


def _passages_by_seed():
    """Every verbatim passage of the curated fixtures, with the seed files it is quoted from
    (named in its document's notes, as tests/test_fixtures.py matches them)."""
    records = _fixture_records()
    documents = {
        record["pk"]: record["fields"]
        for record in records
        if record["model"] == "dossiers.parliamentarydocument"
    }
    seeds_of = {pk: SEED_NAME.findall(fields["notes"]) for pk, fields in documents.items()}
    document_fields = {
        "source_passage": "source_document",
        "fulfilment_passage": "fulfilled_by_document",
        "made_in_passage": "made_in_document",
        "passage": "document",
    }
    quoted = []
    for record in records:
        fields = record["fields"]
        for passage_field, document_field in document_fields.items():
            if fields.get(passage_field) and fields.get(document_field):
                quoted.append((fields[passage_field], seeds_of[fields[document_field]]))
        if fields.get("main_result"):
            meeting_seeds = [
                seed
                for pk, document in documents.items()
                if fields["meeting"] in document["meetings"]
                for seed in seeds_of[pk]
            ]
            quoted.append((fields["main_result"], meeting_seeds))
    return quoted


@pytest.fixture(scope="module")
def seed_sources():
    return {
        path.name: ImportText.from_text(path.read_text(encoding="utf-8"))
        for path in sorted(SEEDS_DIR.glob("*.txt"))
    }


def test_fixture_passages_stay_verbatim_in_the_cleaned_seeds(seed_sources):
    quoted = _passages_by_seed()
    assert len(quoted) > 150
    missing = [
        passage
        for passage, seeds in quoted
        if seeds and not any(passage in seed_sources[seed].text for seed in seeds)
    ]
    assert missing == []


def test_every_seed_passage_is_checked(seed_sources):
    assert {seed for _, seeds in _passages_by_seed() for seed in seeds} == set(seed_sources)


def test_seed_clean_up_drops_only_the_page_number(seed_sources):
    dropped = {name: source.dropped for name, source in seed_sources.items() if source.dropped}
    assert dropped == {"002_a12f43510f00c640.txt": ("3",)}


def test_seed_read_as_an_upload_equals_pasted_text(seed_sources):
    for name, source in seed_sources.items():
        assert read_upload(name, (SEEDS_DIR / name).read_bytes()) == source


# Bounds


def test_text_longer_than_the_bound_is_refused_before_it_is_read(monkeypatch):
    monkeypatch.setattr(reader, "MAX_TEXT_CHARS", 1000)
    text = ("Verslag van de JBZ-Raad. " * 50).encode()
    with translation.override("en"), pytest.raises(UnreadableDocument) as refused:
        check_upload("lang.txt", text)
    assert str(refused.value) == (
        "The text has 1,250 characters; the importer reads at most 1,000 (about 1,000 pages). "
        "Upload the parts of a collection one by one."
    )
    with translation.override("nl"), pytest.raises(UnreadableDocument) as refused:
        check_upload("lang.txt", text)
    assert str(refused.value).startswith("De tekst telt 1.250 tekens")


def test_pdf_text_longer_than_the_bound_is_refused_when_read(monkeypatch):
    data = make_pdf(AGENDA_PAGES)
    check_upload("agenda.pdf", data)  # the request's check cannot see the text
    monkeypatch.setattr(reader, "MAX_TEXT_CHARS", 100)
    assert "the importer reads at most 100" in _refusal(data)


def test_pdf_with_more_pages_than_the_bound_is_refused_when_checked(monkeypatch):
    monkeypatch.setattr(reader, "MAX_PDF_PAGES", 1)
    with translation.override("en"), pytest.raises(UnreadableDocument) as refused:
        check_upload("agenda.pdf", make_pdf(AGENDA_PAGES))
    assert str(refused.value) == (
        f"The PDF has {len(AGENDA_PAGES)} pages; the importer reads at most 1."
    )
