import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from dossiers.citations import CitationError
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
