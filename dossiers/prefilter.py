"""The words a regular expression cannot match without: a cheap test before the expensive one.

Python's `re` tries a pattern that starts with `\\b`, a lookbehind or an alternation at every
position of the text; the thirty-odd stage cues cost about 1 s per MB that way. Most sentences
hold none of the words a cue needs ("triloog", "Coreper", "aangenomen" ...), and `in` finds a
word in a sentence a hundred times faster than the cue's pattern looks for it (the forms of new
files in mentions.py and the "nrs." lists of citations.py are filtered the same way). The words are
read from the pattern itself (its parse tree), so they cannot drift from it: every match of the
pattern contains one of them, in lower case (str.lower: the few characters that `re` folds
otherwise, such as the long s "ſ" for "s", are not looked for). Plain Python, no ORM.
"""

from re import _constants as sre
from re import _parser as sre_parse

# Sets of alternative strings larger than this are not worth testing one by one.
_MAX_STRINGS = 64
_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)
# Zero-width: they match the empty string as far as the text's characters go.
_ZERO_WIDTH = (sre.AT, sre.ASSERT, sre.ASSERT_NOT)


def required_strings(pattern):
    """A frozenset of lower-case strings one of which every match of `pattern` (a compiled
    pattern) contains, or None when no such set is found (the pattern must always be run)."""
    found = _required(sre_parse.parse(pattern.pattern, pattern.flags))
    return frozenset(found) if found else None


def may_match(required, lowered_text):
    """False only when `lowered_text` (the text in lower case) cannot hold a match."""
    return required is None or any(string in lowered_text for string in required)


def _product(left, right):
    combined = {a + b for a in left for b in right}
    return combined if len(combined) <= _MAX_STRINGS else None


def _exact(items):
    """The strings the sequence `items` matches, when it matches only finitely many."""
    strings = {""}
    for op, av in items:
        item = _exact_item(op, av)
        strings = _product(strings, item) if item is not None else None
        if strings is None:
            return None
    return strings


def _exact_item(op, av):
    if op is sre.LITERAL:
        return {chr(av).lower()}
    if op in _ZERO_WIDTH:
        return {""}
    if op is sre.SUBPATTERN:
        return _exact(av[-1])
    if op is sre.IN:
        if len(av) <= _MAX_STRINGS and all(kind is sre.LITERAL for kind, _value in av):
            return {chr(value).lower() for _kind, value in av}
        return None
    if op is sre.BRANCH:
        strings = _union(_exact, av[1])
        return strings if strings is not None and len(strings) <= _MAX_STRINGS else None
    if op in _REPEATS:
        low, high, body = av
        exact = _exact(body) if low == high else None
        strings = {""} if exact is not None else None
        for _time in range(low if exact is not None else 0):
            strings = _product(strings, exact)
            if strings is None:
                return None
        return strings
    return None


def _union(strings_of, branches):
    """The union of strings_of(branch) over an alternation's branches; None if one has none."""
    strings = set()
    for branch in branches:
        found = strings_of(branch)
        if found is None:
            return None
        strings |= found
    return strings


def _better(candidate, best):
    """The set whose shortest string is longest: the rarest in ordinary text."""
    if not candidate or not min(map(len, candidate)):
        return best
    if best is None or min(map(len, candidate)) > min(map(len, best)):
        return candidate
    return best


def _required(items):
    """Strings one of which every match of the sequence `items` contains, or None.

    Every item of a sequence must match, so the best of the items' own sets will do: a run of
    items with finitely many strings gives the strings of the run, an alternation the union of
    its branches' sets, a repeat that must match at least once its body's set.
    """
    best, run = None, {""}
    for op, av in items:
        exact = _exact_item(op, av)
        if exact is not None:
            longer = _product(run, exact)
            if longer is not None:
                run = longer
                continue
            best, run = _better(run, best), exact
            continue
        best, run = _better(run, best), {""}
        best = _better(_required_item(op, av), best)
    return _better(run, best)


def _required_item(op, av):
    if op is sre.SUBPATTERN:
        return _required(av[-1])
    if op is sre.BRANCH:
        return _union(_required, av[1])
    if op in _REPEATS and av[0] >= 1:
        return _required(av[2])
    return None
