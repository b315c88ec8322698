"""The development half of the corpus as training material for name_tagger: each sentence's
tokens labelled with the EU file names its expectations give.

A new file's name is found in the text as printed ("new:<name>"); a known file's by where the
written forms and known names find it, so the model learns both. Only development documents are
read: the test half stays unseen by the model as by the people who write the rules.
"""

import hashlib
import json
import re
from pathlib import Path

from . import name_tagger
from .evaluation import NEW_INSTRUMENT, corpus_half, document_text, load_expectations
from .mentions import DocumentMentions
from .reader import ImportText

TRAINED_ON_PATH = name_tagger.MODEL_PATH.with_suffix(".json")


def development_documents(corpus_dir):
    """The development half's texts in `corpus_dir` (its dev/ folder), by name."""
    paths = sorted((Path(corpus_dir) / "dev").glob("*.txt"))
    return [path for path in paths if corpus_half(path.stem) == "dev"]


def document_sequences(text, expected_mentions, gazetteer):
    """(tokens, labels) for each segment of a document whose expected mentions are given."""
    source = ImportText.from_text(text)
    document = DocumentMentions.read(source, gazetteer, learned=False)
    spans = _name_spans(source.text, expected_mentions, document)
    sequences = []
    for segment in document.segments:
        sentence = name_tagger.tokens(source.text, segment.start, segment.end)
        if sentence:
            inside = [(s, e) for s, e in spans if s < segment.end and segment.start < e]
            sequences.append((sentence, name_tagger.labels(sentence, inside)))
    return sequences


def _name_spans(text, expected_mentions, document):
    """Where the expected files are named in `text`: a new one wherever its name stands, in any
    case (searched in the text itself: folding its case may change its length, "İ" to "i̇")."""
    spans = []
    for mention in expected_mentions:
        if mention.startswith(NEW_INSTRUMENT):
            name = " ".join(mention[len(NEW_INSTRUMENT) :].split())
            if name:
                pattern = re.compile(re.escape(name), re.IGNORECASE)
                spans += [match.span() for match in pattern.finditer(text)]
        else:
            spans += [
                (item.start, item.end)
                for found in document.found
                for item in found
                if item.dossier == mention
            ]
    return spans


def corpus_sequences(paths, gazetteer):
    """Every (tokens, labels) of the documents at `paths`, with their expectations beside them."""
    sequences = []
    for path in paths:
        expected = load_expectations(path.with_suffix(".json"))
        sequences += document_sequences(document_text(path), expected["mentions"], gazetteer)
    return sequences


def fingerprint(paths):
    """A digest of the documents and their expectations: what a model was trained on."""
    digest = hashlib.sha256()
    for path in paths:
        for part in (path, path.with_suffix(".json")):
            digest.update(part.name.encode())
            digest.update(part.read_bytes())
    return digest.hexdigest()


def write_trained_on(paths, path=TRAINED_ON_PATH):
    """Record beside the model which documents it was trained on, for the test that keeps the
    model in step with the corpus."""
    record = {
        "documents": [document.stem for document in paths],
        "fingerprint": fingerprint(paths),
        "parameters": name_tagger.TRAINING_PARAMETERS,
    }
    Path(path).write_text(json.dumps(record, indent=1) + "\n", encoding="utf-8")
