"""The importer's output is bounded by its input: passages, proposals per kind, total size.

Arbitrary text (hypothesis) built from the words the extractors react to, and the hostile
inputs of bench/hostile_inputs.py at a size a test can afford; the benchmark
(bench/import_hostile.py) measures the full-size ones for time and memory.
"""

import json

import pytest
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bench.hostile_inputs import (
    dense_citations,
    no_full_stops,
    one_long_line,
    packed_sentences,
    short_lines,
)
from dossiers.importing import proposals
from dossiers.importing.gazetteer import Gazetteer
from dossiers.importing.mentions import DossierMatcher
from dossiers.importing.pipeline import extract
from dossiers.importing.proposals import MAX_PROPOSALS_PER_KIND, Proposals, TooManyProposals
from dossiers.importing.reader import ImportText
from dossiers.importing.text import MAX_SENTENCE_CHARS, bounded_spans

pytestmark = pytest.mark.django_db

# Proposals JSON at most this many times the text, plus the document's and meeting's fields.
# The worst case is a sentence just under MAX_SENTENCE_CHARS made of the shortest citations
# ("32317-1, ", 9 characters): about 110 citations, each with about 250 bytes of fields and
# the whole sentence as its passage, 111 times the text (packed_sentences, measured). Passages
# kept as spans of the text instead of copies would bring this to the fields' 28.
OUTPUT_PER_INPUT = 150
OUTPUT_CONSTANT = 4000

# Words and phrases every extractor reacts to, and the punctuation that ends or does not end
# their sentences.
TRIGGERS = [
    "Kamerstuk",
    "Kamerstukken II 2023/24,",
    "32 317,",
    "21 501-20,",
    "nr.",
    "867",
    "OO",
    "de Raad",
    "Coreper",
    "triloog",
    "akkoord",
    "algemene oriëntatie",
    "in werking",
    "de Commissie",
    "voorstel",
    "verordening",
    "Asielprocedureverordening",
    "CSAM",
    "Schengengrenscode",
    "toezegging aan het lid Piri",
    "zeg ik toe",
    "motie",
    "van het lid",
    "(GL-PvdA)",
    "zal uw Kamer",
    "informeren",
    "op 4 maart",
    "2024",
    "jl.",
    "eind 2025",
    "1.",
    "Agendapunt:",
    "Geannoteerde agenda",
    "Verslag",
    "JBZ-Raad",
    "Brussel",
    ".",
    ",",
    ";",
    "(",
    ")",
    "\n",
    "\n\n",
    "\f",
    "1",
    "-",
]
words = st.one_of(st.sampled_from(TRIGGERS), st.text(max_size=12))
documents = st.lists(words, max_size=400).map(" ".join)


@pytest.fixture
def gazetteer(seeded):
    return Gazetteer.from_database()


def _check_bounds(text, gazetteer):
    source = ImportText.from_text(text)
    try:
        proposals = extract(source, gazetteer)
    except TooManyProposals:
        return None
    output = json.dumps(proposals.as_json(), ensure_ascii=False)
    assert len(output.encode()) <= OUTPUT_PER_INPUT * len(text.encode()) + OUTPUT_CONSTANT
    for kind in Proposals.KINDS:
        found = getattr(proposals, kind)
        assert len(found) <= MAX_PROPOSALS_PER_KIND
        for proposal in found:
            passage = getattr(proposal, "passage", "")
            assert len(passage) <= MAX_SENTENCE_CHARS
            assert passage in source.text
    return proposals


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(text=documents)
def test_arbitrary_text_gives_output_bounded_by_its_length(gazetteer, text):
    _check_bounds(text, gazetteer)


@pytest.mark.parametrize(
    ("make", "size"),
    [
        (no_full_stops, 60_000),
        (dense_citations, 20_000),
        (one_long_line, 150_000),
        (short_lines, 8_000),
        (packed_sentences, 9_000),
    ],
    ids=["no full stops", "dense citations", "one long line", "short lines", "packed"],
)
def test_hostile_input_gives_bounded_passages_and_output(gazetteer, make, size):
    proposals = _check_bounds(make(size), gazetteer)
    assert proposals is not None  # at this size each is imported, not refused
    assert any(getattr(proposals, kind) for kind in Proposals.KINDS)


def test_a_document_with_too_many_proposals_of_a_kind_is_refused(gazetteer):
    with pytest.raises(TooManyProposals, match="Aangehaalde Kamerstukken"):
        extract(ImportText.from_text(dense_citations(200_000)), gazetteer)


def test_the_mentions_pass_stops_as_soon_as_a_document_is_past_the_bound(gazetteer, monkeypatch):
    sentences = MAX_PROPOSALS_PER_KIND + 500
    text = "De Schengengrenscode wordt besproken.\n" * sentences
    read = []
    new_instruments = DossierMatcher.new_instruments

    def counted(self, *args, **kwargs):
        read.append(args[1])
        return new_instruments(self, *args, **kwargs)

    monkeypatch.setattr(DossierMatcher, "new_instruments", counted)

    with (
        translation.override("en"),
        pytest.raises(TooManyProposals, match=f"more than {MAX_PROPOSALS_PER_KIND} proposals"),
    ):
        extract(ImportText.from_text(text), gazetteer)
    # Each sentence names the file once: the bound is passed at its 1,001st, and no sentence
    # after it is read.
    assert len(read) == MAX_PROPOSALS_PER_KIND + 1


def test_the_bound_is_lifted_in_one_place_for_the_benchmark(gazetteer, monkeypatch):
    """bench/import_hostile.py measures the extractors on the whole text ("uncapped") by
    raising proposals.MAX_PROPOSALS_PER_KIND; every check of the bound reads it there."""
    monkeypatch.setattr(proposals, "MAX_PROPOSALS_PER_KIND", 10**9)
    text = "De Schengengrenscode wordt besproken.\n" * (MAX_PROPOSALS_PER_KIND + 5)

    found = extract(ImportText.from_text(text), gazetteer)

    assert len(found.mentions) == MAX_PROPOSALS_PER_KIND + 5


def test_a_sentence_too_long_to_trust_is_cut_between_listed_papers():
    listed = "over de brief van 9 mei 2025 over het Fiche: Mededeling Paraatheidsuniestrategie"
    text = ", ".join(f"{listed} (Kamerstuk 22 112, nr. {4000 + n})" for n in range(12)) + "."

    spans = bounded_spans(text, 0, len(text))

    assert len(spans) > 1
    assert all(text[start:end].endswith("),") for start, end in spans[:-1])
