import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from dossiers.citations import CitationError, session_year_on
from dossiers.models import ParliamentaryDocument

pytestmark = pytest.mark.django_db


def test_citation_is_unique_per_chamber(sample):
    with pytest.raises(IntegrityError), transaction.atomic():
        ParliamentaryDocument.objects.create(dossier_number="32317", sub_number="872")
    # The same number in the other chamber is another paper.
    ParliamentaryDocument.objects.create(chamber="EK", dossier_number="32317", sub_number="872")


def test_sub_number_needs_dossier_number(db):
    with pytest.raises(IntegrityError), transaction.atomic():
        ParliamentaryDocument.objects.create(sub_number="12", title="x")


def test_set_citation_fills_the_fields(db):
    document = ParliamentaryDocument(title="Motie van het lid Veldkamp c.s.")
    document.set_citation("Kamerstukken II 2023-2024, 36 410 VI nr. 85")
    assert (document.dossier_number, document.dossier_chapter, document.sub_number) == (
        "36410",
        "VI",
        "85",
    )
    assert document.session_year == "2023-2024"
    assert document.citation == "Kamerstukken II 2023/24, 36 410 VI, nr. 85"


def test_set_citation_refuses_malformed_text(db):
    document = ParliamentaryDocument(title="x")
    with pytest.raises(CitationError):
        document.set_citation("Kamerstuk nummer onbekend")
    assert document.dossier_number == ""


def test_lookup_by_citation_in_any_form(sample):
    from dossiers.citations import parse_citation

    for text in (
        "32317-872",
        "Kamerstuk 32 317, nr. 872",
        "Kamerstukken II 2023/24, 32 317, nr. 872",
    ):
        assert list(ParliamentaryDocument.objects.for_citation(parse_citation(text))) == [
            sample["agenda"]
        ]


def test_clean_messages(db):
    document = ParliamentaryDocument(session_year="2023-2025", title="x")
    with pytest.raises(ValidationError) as error:
        document.full_clean()
    assert "session_year" in error.value.message_dict
    with pytest.raises(ValidationError):
        ParliamentaryDocument().full_clean()


@pytest.mark.parametrize("language", ["nl", "en"])
def test_document_type_labels_are_what_django_would_display(language):
    from django.utils import translation

    field = ParliamentaryDocument._meta.get_field("document_type")
    with translation.override(language):
        for value in [*ParliamentaryDocument.DocumentType.values, "onbekend"]:
            document = ParliamentaryDocument(document_type=value)
            assert document.get_document_type_display() == document._get_FIELD_display(field)


@pytest.mark.parametrize(
    ("day", "session_year"),
    [
        (datetime.date(2023, 9, 18), "2022-2023"),  # the day before Prinsjesdag 2023
        (datetime.date(2023, 9, 19), "2023-2024"),  # Prinsjesdag: the third Tuesday
        (datetime.date(2023, 12, 15), "2023-2024"),
        (datetime.date(2024, 9, 16), "2023-2024"),
        (datetime.date(2024, 9, 17), "2024-2025"),
    ],
)
def test_the_session_year_begins_on_prinsjesdag(day, session_year):
    assert session_year_on(day) == session_year


def _paper(sub_number, date, session_year=""):
    """An unsaved Kamerstuk of dossier 32 317."""
    return ParliamentaryDocument(
        dossier_number="32317", sub_number=sub_number, session_year=session_year, date=date
    )


def test_a_session_year_that_does_not_fit_the_date_is_refused():
    paper = _paper("853", datetime.date(2023, 10, 9), "2022-2023")
    with pytest.raises(ValidationError) as refused:
        paper.full_clean()
    assert refused.value.message_dict["session_year"] == [
        "Een stuk van 9 oktober 2023 hoort bij vergaderjaar 2023-2024, niet bij 2022-2023."
    ]


def test_a_letter_dated_just_before_prinsjesdag_may_be_printed_in_the_new_year():
    _paper("850", datetime.date(2023, 9, 14), "2023-2024").full_clean()


def test_a_dated_kamerstuk_without_session_year_gets_it_from_its_date():
    paper = _paper("866", datetime.date(2023, 12, 15))
    paper.full_clean()
    assert paper.session_year == "2023-2024"
    assert paper.citation == "Kamerstukken II 2023/24, 32 317, nr. 866"


@pytest.mark.parametrize(
    ("fields", "address"),
    [
        (
            {"dossier_number": "32317", "sub_number": "867"},
            "https://zoek.officielebekendmakingen.nl/kst-32317-867.html",
        ),
        (
            {"chamber": "EK", "dossier_number": "32317", "sub_number": "OO"},
            "https://zoek.officielebekendmakingen.nl/kst-32317-OO.html",
        ),
        (
            {"dossier_number": "21501", "dossier_chapter": "20", "sub_number": "2000"},
            "https://zoek.officielebekendmakingen.nl/kst-21501-20-2000.html",
        ),
        (
            {"title": "Handelingen II 2023/24, nr. 45, item 12"},
            "https://zoek.officielebekendmakingen.nl/h-tk-20232024-45-12.html",
        ),
        (
            {"title": "Aanhangsel Handelingen II 2023/24, nr. 1234"},
            "https://zoek.officielebekendmakingen.nl/ah-tk-20232024-1234.html",
        ),
        ({"title": "Handelingen II 2023/24, nr. 45"}, ""),  # a whole sitting: no page
        ({"title": "Non-paper over mensenhandel"}, ""),
        (
            {"title": "Non-paper", "url": "https://www.rijksoverheid.nl/documenten/x"},
            "https://www.rijksoverheid.nl/documenten/x",
        ),
    ],
)
def test_the_publication_address_is_built_from_the_citation(fields, address):
    assert ParliamentaryDocument(**fields).publication_url == address
