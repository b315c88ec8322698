"""Hostile inputs for the importer, made on demand (deterministic; no Django).

The four kinds of issue 15 (no full stops; dense citations; one long line; many short lines),
built from the words of the seed documents so that the extractors find things to work on. The
benchmark (bench/import_hostile.py) measures time and memory per MB on them; the tests import
smaller ones.
"""

import random
import re
from pathlib import Path

SEEDS = Path(__file__).resolve().parent.parent.parent / "shared" / "seeds"
_SEED = 15


def seed_text():
    """The five seed documents, one after the other."""
    return "\n".join(path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt")))


def _words():
    return re.findall(r"\S+", seed_text())


def _filled(pieces, size):
    """Pieces from the generator joined until `size` bytes of UTF-8, cut there."""
    out, length = [], 0
    for piece in pieces:
        out.append(piece)
        length += len(piece.encode())
        if length >= size:
            break
    return "".join(out).encode()[:size].decode(errors="ignore")


def no_full_stops(size):
    """Numbers with "Kamerstuk" and "nr." scattered in and not one sentence end."""
    rng = random.Random(_SEED)

    def pieces():
        while True:
            roll = rng.random()
            if roll < 0.05:
                yield "Kamerstuk "
            elif roll < 0.10:
                yield "nr. "
            else:
                yield f"{rng.randint(0, 99999)} "

    return _filled(pieces(), size)


def dense_citations(size):
    """Kamerstuk citations one after the other, in every form the parser reads."""
    rng = random.Random(_SEED)
    forms = (
        "Kamerstukken II {year}, 32 317, nr. {nr}; ",
        "Kamerstuk 21 501-20, nr. {nr}, ",
        "(Kamerstukken I {year}, 32 317, {letters}) ",
        "Kamerstuk 32317-{nr}; ",
    )

    def pieces():
        while True:
            start = rng.randint(2005, 2025)
            yield rng.choice(forms).format(
                year=f"{start}/{(start + 1) % 100:02d}",
                nr=rng.randint(1, 2000),
                letters=rng.choice(("A", "B", "OO", "XX")),
            )

    return _filled(pieces(), size)


def packed_sentences(size):
    """Sentences just under the sentence bound, each full of short citations ("32317-12"):
    every citation's passage is its whole sentence, the worst ratio of output to input."""
    numbers = iter(range(1, 10**9))

    def pieces():
        while True:
            yield "Zie " + ", ".join(f"32317-{next(numbers)}" for _ in range(90)) + ". "

    return _filled(pieces(), size)


def one_long_line(size):
    """The seed documents' words on one line, repeated: no line break at all."""
    words = " ".join(_words()) + " "

    def pieces():
        while True:
            yield words

    return _filled(pieces(), size)


def short_lines(count):
    """`count` lines of one to three words of the seeds each."""
    rng = random.Random(_SEED)
    words = _words()
    return "\n".join(
        " ".join(rng.choice(words) for _ in range(rng.randint(1, 3))) for _ in range(count)
    )


# What the benchmark reads, by name: (generator, argument, what it is).
HOSTILE_INPUTS = {
    "no full stops 1 MB": (no_full_stops, 2**20),
    "dense citations 1 MB": (dense_citations, 2**20),
    "one 2 MB line": (one_long_line, 2 * 2**20),
    "citations packed in long sentences 1 MB": (packed_sentences, 2**20),
    "200,000 short lines": (short_lines, 200_000),
}
