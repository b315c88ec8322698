"""The corpus of real documents the importer is measured on (tests/import_corpus): each text is
kept with its source address, lies in the half `corpus_half` gives, and has valid expectations
written by hand. The figures themselves are in test_import_evaluation.py and the README."""

import datetime
import json
from pathlib import Path

import pytest

from dossiers.citations import parse_reference
from dossiers.dates import is_period_start
from dossiers.importing.evaluation import (
    CORPUS_DIR,
    CORPUS_HALVES,
    NEW_INSTRUMENT,
    corpus_half,
    document_text,
    expectations_path,
    load_expectations,
    source_address,
)
from dossiers.importing.reader import ImportText
from dossiers.models import CouncilMeeting, Dossier, ParliamentaryDocument, Stage

FIXTURES_DIR = Path(__file__).resolve().parent.parent / "fixtures"
TEXTS = sorted(CORPUS_DIR.glob("*/*.txt"))
PRECISIONS = ("day", "month", "quarter", "half_year", "year")
SOURCE_LINE = "Bron: http"


def _known_slugs():
    records = json.loads((FIXTURES_DIR / "30_dossiers.json").read_text(encoding="utf-8"))
    return {r["fields"]["slug"] for r in records if r["model"] == "dossiers.dossier"}


def test_the_corpus_has_at_least_thirty_documents_in_two_halves():
    halves = {half: [p for p in TEXTS if p.parent.name == half] for half in CORPUS_HALVES}

    assert len(TEXTS) >= 30
    assert all(len(texts) >= 10 for texts in halves.values()), halves
    assert {path.parent.name for path in CORPUS_DIR.glob("*/*")} == set(CORPUS_HALVES)


@pytest.mark.parametrize("path", TEXTS, ids=lambda path: path.stem)
def test_each_document_lies_in_the_half_its_name_gives(path):
    assert path.parent.name == corpus_half(path.stem)


def test_every_text_has_expectations_and_every_expectation_a_text():
    texts = {path.with_suffix("") for path in TEXTS}
    expectations = {path.with_suffix("") for path in CORPUS_DIR.glob("*/*.json")}

    assert texts == expectations


@pytest.mark.parametrize("path", TEXTS, ids=lambda path: path.stem)
def test_every_text_names_its_public_source(path):
    address = source_address(path)

    assert address.startswith("https://") or address.startswith("http://"), address
    assert document_text(path).strip()
    # One source line, not two; a page may print its own "Bron:" field further on (openkamer.org
    # gives the official address among its metadata), which is part of the verbatim text.
    assert not document_text(path).lstrip().startswith(SOURCE_LINE)


@pytest.mark.parametrize("path", TEXTS, ids=lambda path: path.stem)
def test_the_expectations_are_valid(path):
    expected = load_expectations(expectations_path(path.name, path.parent))
    slugs = _known_slugs()
    mentions = expected["mentions"]

    assert source_address(path) in expected["_source"]
    document = expected["document"]
    assert document["document_type"] in ParliamentaryDocument.DocumentType.values
    assert document["chamber"] in ("TK", "EK", None)
    if document["date"]:
        datetime.date.fromisoformat(document["date"])
    meeting = expected["meeting"]
    if meeting:
        assert meeting["start_date"] <= meeting["end_date"]
        assert meeting["formation"] in CouncilMeeting.Formation.values
    references = expected["citations"] + expected["eu_references"]
    references += [motion["citation"] for motion in expected["motions"]]
    for text in references:
        assert str(parse_reference(text)) == text, text
    assert len(mentions) == len(set(mentions))
    for mention in mentions:
        assert mention.startswith(NEW_INSTRUMENT) or mention in slugs, mention
    new = {item["name"] for item in expected["new_dossiers"]}
    assert new == {m for m in mentions if m.startswith(NEW_INSTRUMENT)}
    for item in expected["new_dossiers"]:
        assert item["instrument_type"] in Dossier.InstrumentType.values, item
        for text in item["references"]:
            assert str(parse_reference(text)) == text, text
    for event in expected["stage_events"]:
        assert event["dossier"] in mentions, event
        assert event["stage"] in Stage.values, event
        assert isinstance(event["expected"], bool), event
        if event["date"]:
            assert event["precision"] in PRECISIONS, event
            assert is_period_start(datetime.date.fromisoformat(event["date"]), event["precision"])
        else:
            assert event["precision"] is None, event
    for item in expected["agenda_items"]:
        assert item["section"] in ("bz", "justitie") and item["number"] > 0, item
    for commitment in expected["commitments"]:
        assert isinstance(commitment["fulfilled_here"], bool), commitment
        if commitment["debate_date"]:
            datetime.date.fromisoformat(commitment["debate_date"])


@pytest.mark.parametrize("path", TEXTS, ids=lambda path: path.stem)
def test_every_quoted_passage_is_verbatim_in_the_text_the_importer_reads(path):
    expected = load_expectations(expectations_path(path.name, path.parent))
    passages = [item["passage_contains"] for item in expected["commitments"]]
    passages += [item["passage_contains"] for item in expected["stage_events"]]
    text = document_text(path)
    read = ImportText.from_text(text).text

    assert [passage for passage in passages if passage not in text] == []
    assert [
        passage for passage in passages if " ".join(passage.split()) not in " ".join(read.split())
    ] == []
