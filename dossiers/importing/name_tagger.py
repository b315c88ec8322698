"""EU file names found by a model learnt from the annotated corpus, not by a written form.

The written forms in mentions.py read the documents they were written on well and the next batch
badly: each batch names files its own way. A linear-chain CRF (python-crfsuite) tags the words of
a sentence as the beginning (B), inside (I) or outside (O) of an EU file's name, from the words,
their shape and their neighbours; it was trained on the names the development half of the corpus
expects (`manage.py train_name_tagger`). Its names are candidates like the forms' finds: they go
through the same checks (generic words, known files by part of their name) and yield to any form
they overlap, which says where a name begins and ends as the annotation guide has it.

Pure functions and a tagger over a model file; no ORM.
"""

import functools
import re
import threading
from pathlib import Path

import pycrfsuite

MODEL_PATH = Path(__file__).resolve().parent / "models" / "eu_file_names.crfsuite"
BEGIN, INSIDE, OUTSIDE = "B", "I", "O"
# A name whose least certain word the model gives less than this is not proposed: measured on
# held-out development documents, fewer false names for almost no fewer true ones.
MIN_MARGINAL = 0.5
# A learnt name is a weaker candidate than any written form ("Found.confidence").
MAX_CONFIDENCE = 0.5
# Training: L1 and L2 weights and iterations of L-BFGS, chosen by five-fold cross-validation
# over the development documents.
TRAINING_PARAMETERS = {
    "c1": 0.1,
    "c2": 0.05,
    "max_iterations": 150,
    "feature.possible_transitions": True,
}

# Words (with inner hyphens and apostrophes, and a hyphen that continues them: "Asiel-") and
# single marks.
_TOKEN = re.compile(r"\w+(?:[-'’]\w+)*-?|[^\w\s]")
# Word parts that say what kind of thing a name is (also what mentions.py asks of a lone word).
KIND = re.compile(
    r"verordening|richtlijn|besluit|mededeling|aanbeveling|conclusies|overeenkomst|akkoord|"
    r"pakket|pact|strategie|actieplan|agenda|kader|programma|fonds|mechanisme|systeem|"
    r"regulation|directive|plan|verdrag|voorstel|initiatief|wet|act|handeling|code|fiche",
    re.IGNORECASE,
)
_FUNCTION_WORDS = frozenset(
    {
        *("van", "de", "het", "een", "en", "of", "voor", "over", "tot", "op", "in", "met"),
        *("der", "te", "aan", "bij", "naar", "om", "ter", "inzake", "betreffende", "houdende"),
        *("tussen", "the", "on", "and", "for"),
    }
)
_OPENING_QUOTES, _CLOSING_QUOTES = '«“"', "»”"
# The opening quotes that say which way they face ('"' opens and closes alike).
_FACING_OPENING_QUOTES = "«“"
_NEIGHBOURS = (-3, -2, -1, 1, 2, 3)
_KIND_LOOKBACK = 8
_TRIM_END, _TRIM_START = ".,:;»”\"' ", "«“(\"' "
# What follows a name without being part of it: a day ("... Balkan van 26") or a footnote's
# number glued to its last word ("Farmaceutische Strategie4", "(EFSI)1").
_TRAILING_NUMBER = re.compile(
    r"\s+(?:van|op|tot)\s+\d{1,2}$|(?:(?<=[^\W\d_]{3})|(?<=[)»”]))\d{1,2}$"
)


def tokens(text, start=0, end=None):
    """The words and marks of text[start:end] as (word, start, end)."""
    end = len(text) if end is None else end
    return [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text, start, end)]


_UPPER, _LOWER, _DIGIT, _RUN = (
    re.compile(pattern) for pattern in (r"[A-ZÀ-Ý]", r"[a-zß-ÿ]", r"\d", r"(.)\1+")
)


def _shape(word):
    """ "Xx", "XX-dd", "x": the word's letters and digits by class, runs shortened to two."""
    shape = _DIGIT.sub("d", _LOWER.sub("x", _UPPER.sub("X", word)))
    return _RUN.sub(r"\1\1", shape)


# A text repeats its words: each word's own features are computed once (copied before use). A
# feature that is false is left out: its weight counts for nothing, and the model reads faster.
@functools.lru_cache(maxsize=65536)
def _word_features(word):
    lowered = word.lower()
    flags = {
        "title": word[:1].isupper(),
        "upper": word.isupper() and len(word) > 1,
        "digit": any(character.isdigit() for character in word),
        "hyphen": "-" in word,
        "function": lowered in _FUNCTION_WORDS,
        "long": len(word) > 12,
    }
    features = {
        "word": lowered,
        "suffix3": lowered[-3:],
        "suffix5": lowered[-5:],
        "prefix4": lowered[:4],
        "shape": _shape(word),
        **{name: True for name, value in flags.items() if value},
    }
    if kind := KIND.search(lowered):
        features["kind"] = kind.group().lower()
        if lowered.endswith(features["kind"]):
            features["kind_last"] = True
    return features


@functools.lru_cache(maxsize=65536)
def _own_attributes(word):
    """The word's own features as the model's attribute names: "word:de", "title" (a feature
    without a value is one that holds)."""
    return tuple(
        name if value is True else f"{name}:{value}" for name, value in _word_features(word).items()
    )


@functools.lru_cache(maxsize=65536)
def _neighbour_attributes(word, offset):
    """What a token `offset` places away tells about the word: "-1:word:de", "-1:title" ..."""
    features = _word_features(word)
    attributes = [f"{offset}:word:{features['word']}", f"{offset}:shape:{features['shape']}"]
    if "title" in features:
        attributes.append(f"{offset}:title")
    if "kind" in features:
        attributes.append(f"{offset}:kind:{features['kind']}")
    return tuple(attributes)


_EDGES = {offset: f"{offset}:edge" for offset in _NEIGHBOURS}


def features(sentence):
    """The model's attributes of each token of `sentence` (a list of tokens): the word itself,
    its neighbours up to three away, whether it stands in quotes or brackets and whether a kind
    word came shortly before."""
    words = [word for word, _start, _end in sentence]
    result = []
    quoted = bracketed = 0
    last_kind = -_KIND_LOOKBACK - 1
    for index, word in enumerate(words):
        if word in _OPENING_QUOTES:
            quoted = 1
        elif word in _CLOSING_QUOTES:
            quoted = 0
        bracketed += word == "("
        bracketed = max(0, bracketed - (word == ")"))
        attributes = ["bias", *_own_attributes(word)]
        if quoted:
            attributes.append("quoted")
        if bracketed:
            attributes.append("bracketed")
        for offset in _NEIGHBOURS:
            other = index + offset
            if 0 <= other < len(words):
                attributes += _neighbour_attributes(words[other], offset)
            else:
                attributes.append(_EDGES[offset])
        if index - last_kind <= _KIND_LOOKBACK:
            attributes.append("kind_before")
        if "kind" in _word_features(word):
            last_kind = index
        result.append(attributes)
    return result


def labels(sentence, names):
    """B/I/O for each token of `sentence`, given the (start, end) spans of the names in it: a
    token is inside a name when it lies within one (its trailing mark may run one past)."""
    result = []
    for _word, start, end in sentence:
        span = next(((s, e) for s, e in names if s <= start and end <= e + 1), None)
        if span is None:
            result.append(OUTSIDE)
        elif start == span[0] or not result or result[-1] == OUTSIDE:
            result.append(BEGIN)
        else:
            result.append(INSIDE)
    return result


def train(sequences, path=MODEL_PATH):
    """Train a model on `sequences` ((sentence, labels) pairs) and write it to `path`."""
    trainer = pycrfsuite.Trainer(verbose=False)
    for sentence, sentence_labels in sequences:
        trainer.append(features(sentence), sentence_labels)
    trainer.set_params(TRAINING_PARAMETERS)
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(path))


class NameTagger:
    """A trained model. `names` tags and reads the marginals of the last tagging, so one tagger
    serves one thread: `shipped()` gives each thread its own."""

    def __init__(self, path=MODEL_PATH):
        self._tagger = pycrfsuite.Tagger()
        self._tagger.open(str(path))

    def names(self, text, start, end):
        """The EU file names the model finds in text[start:end]: (start, end, confidence), the
        confidence the least certain word's marginal, scaled below a written form's. Which of
        them may stand as a file is mentions.py's to say."""
        sentence = tokens(text, start, end)
        if not sentence:
            return []
        tagged = self._tagger.tag(features(sentence))
        found = []
        for first, last in _spans(tagged):
            marginal = min(self._tagger.marginal(tagged[i], i) for i in range(first, last + 1))
            name_start, name_end = _trimmed(text, sentence[first][1], sentence[last][2])
            if marginal >= MIN_MARGINAL and name_end > name_start:
                found.append((name_start, name_end, round(MAX_CONFIDENCE * marginal, 2)))
        return found


def _spans(tagged):
    """(first, last) token indexes of each name in a B/I/O sequence; an I after O begins one."""
    spans, first = [], None
    for index, label in enumerate(tagged):
        if label == BEGIN or (label == INSIDE and first is None):
            if first is not None:
                spans.append((first, index - 1))
            first = index
        elif label == OUTSIDE and first is not None:
            spans.append((first, index - 1))
            first = None
    if first is not None:
        spans.append((first, len(tagged) - 1))
    return spans


def _trimmed(text, start, end):
    """The span without the quotes, brackets and punctuation around the name, a bracket or quote
    it does not close ("Schengeninformatiesysteem (SIS", "Plan B” voor eerlijke concurrentie")
    and a number after it. A title in quotes keeps them when the name begins before them
    ("mededeling «Towards a positive fiscal stance»")."""
    while True:
        before = start, end
        while end > start and (
            (text[end - 1] in _TRIM_END and not _closes_a_quote(text, start, end - 1))
            or (text[end - 1] == ")" and text.count(")", start, end) > text.count("(", start, end))
        ):
            end -= 1
        while start < end and text[start] in _TRIM_START and not _quotes_a_part(text, start, end):
            start += 1
        opening = text.rfind("(", start, end)
        closing = next((i for i in range(start, end) if text[i] in _CLOSING_QUOTES), -1)
        quote = max(text.rfind(mark, start, end) for mark in _FACING_OPENING_QUOTES)
        if opening > start and ")" not in text[opening:end]:
            end = opening
        elif closing > start and not _opened_before(text, start, closing):
            end = closing  # "Plan B” voor ...": the name ends at its quote
        elif quote > start and not any(mark in text[quote:end] for mark in _CLOSING_QUOTES):
            start = quote + 1  # "VS een «versterkt partnerschap ...": it begins after it
        elif number := _TRAILING_NUMBER.search(text, start, end):
            end = number.start()
        if (start, end) == before:
            return start, end


def _quotes_a_part(text, start, end):
    """Whether the quote at text[start] closes before the name ends: "“Fit for 55”-pakket"."""
    if text[start] not in _FACING_OPENING_QUOTES:
        return False
    return any(text[i] in _CLOSING_QUOTES for i in range(start + 1, end - 1))


def _opened_before(text, start, position):
    return any(mark in text[start:position] for mark in _FACING_OPENING_QUOTES)


def _closes_a_quote(text, start, position):
    """Whether text[position] is a closing quote that the name opened."""
    return text[position] in _CLOSING_QUOTES and _opened_before(text, start, position)


_local = threading.local()


def shipped():
    """This thread's tagger over the model in the repository."""
    if not hasattr(_local, "tagger"):
        _local.tagger = NameTagger()
    return _local.tagger
