"""Clean-up of text extracted from published PDFs. Pure functions, no ORM."""

import re

_LINE_END_HYPHEN = re.compile(r"(?<=[^\W\d_])-[ \t]*\r?\n\s*(?=[a-zà-ÿ])")
_WHITESPACE = re.compile(r"\s+")


def normalize_text(text):
    """One line of running text: line breaks joined, words hyphenated across lines repaired.

    "Kwalificatieveror-\\ndening" becomes "Kwalificatieverordening"; a hyphen before a capital
    or before a space ("Asiel- en Migratiepact") is kept. Passages quoted in the fixtures are
    substrings of the normalized seed text.
    """
    text = text.replace("\u00ad", "")
    text = _LINE_END_HYPHEN.sub("", text)
    return _WHITESPACE.sub(" ", text).strip()
