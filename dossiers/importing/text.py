"""Clean-up of text extracted from published PDFs. Pure functions, no ORM."""

import re

_LINE_END_HYPHEN = re.compile(r"(?<=[^\W\d_])-[ \t]*\r?\n\s*(?=[a-zà-ÿ])")
_WHITESPACE = re.compile(r"\s+")


# Abbreviations after which a full stop does not end the sentence ("t.a.v. de", "nr. 12").
ABBREVIATIONS = frozenset(
    {
        *("nr", "nrs", "o.a", "t.a.v", "n.a.v", "i.r.t", "d.d", "m.b.t", "cf", "c.s", "incl"),
        *("excl", "bijv", "bv", "e.d", "e.a", "zgn", "resp", "art", "artt", "ca", "vs", "mr"),
        *("dhr", "mevr", "dr", "drs", "prof", "ir", "ing", "st", "blz", "p", "pag", "jo", "i.c"),
        *("m.i.v", "etc", "enz", "z.s.m", "i.p.v", "a.g.v", "v.w.b", "m.n", "o.b.v", "t.b.v"),
        *("evt", "e.g", "i.e", "min", "max", "vgl", "i.v.m", "z.g.a.n", "c.q"),
    }
)
# "jl." and "a.s." end a sentence ("... op 8 september jl. Daarna"), except before the
# parenthesis that goes on with it ("in het debat van 8 september jl. (Handelingen II ...)").
_DATE_ADVERBS = frozenset(("jl", "j.l", "a.s"))
_INITIALS = re.compile(r"(?:[A-Z]\.)*[A-Z]")  # "D" of "D. Yeşilgöz", "F.M" of "F.M. Weerwind"


def period_ends_sentence(token, following):
    """Whether the full stop after `token` (the word before it, as printed) ends a sentence that
    a capital or `following` (the next character after the space) begins."""
    word = token.lstrip("([“\"'")
    if word.lower() in _DATE_ADVERBS:
        return following != "("
    return not (word.lower() in ABBREVIATIONS or _INITIALS.fullmatch(word))


def normalize_text(text):
    """One line of running text: line breaks joined, words hyphenated across lines repaired.

    "Kwalificatieveror-\\ndening" becomes "Kwalificatieverordening"; a hyphen before a capital
    or before a space ("Asiel- en Migratiepact") is kept. Passages quoted in the fixtures are
    substrings of the normalized seed text.
    """
    text = text.replace("\u00ad", "")
    text = _LINE_END_HYPHEN.sub("", text)
    return _WHITESPACE.sub(" ", text).strip()


# A real sentence of a Kamerstuk runs to about 600 characters (the seeds' longest: 604). A
# "sentence" longer than this has no sentence end the splitters trust (a table, a list of
# numbers, hostile input): it is cut into windows, so that a passage never holds the whole
# document and the work per sentence stays bounded.
MAX_SENTENCE_CHARS = 1000
WINDOW_CHARS = 400


def bounded_spans(text, start, end):
    """text[start:end] as one span, or, when longer than MAX_SENTENCE_CHARS, as consecutive
    windows of at most WINDOW_CHARS characters cut after "), " or "; ", else at a space
    (mid-word only where a word is longer than half a window)."""
    if end - start <= MAX_SENTENCE_CHARS:
        return [(start, end)]
    spans = []
    while end - start > WINDOW_CHARS:
        # After a bracket's comma or a semicolon where there is one ("... (Kamerstuk 22 112,
        # nr. 4054), over de brief ..."), so that a listed title stays whole; else at a space.
        cut = max(
            text.rfind("), ", start + WINDOW_CHARS // 2, start + WINDOW_CHARS - 1),
            text.rfind("; ", start + WINDOW_CHARS // 2, start + WINDOW_CHARS),
        )
        if cut >= 0:
            cut = text.index(" ", cut)  # the punctuation stays with the window before
        else:
            cut = text.rfind(" ", start + WINDOW_CHARS // 2, start + WINDOW_CHARS + 1)
        if cut < 0:
            cut = start + WINDOW_CHARS
            spans.append((start, cut))
            start = cut
        else:
            spans.append((start, cut))
            start = cut + 1
    if start < end:
        spans.append((start, end))
    return spans
