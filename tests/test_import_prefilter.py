"""The prefilter of the stage cues and of the forms of new files: the strings read from a pattern
are in every match of it."""

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dossiers.importing.mentions import _NEW_INSTRUMENTS_PREFILTERED
from dossiers.importing.stages import _CUES
from dossiers.prefilter import may_match, required_strings

# (pattern, required strings) of every prefiltered pattern: the stage cues and the new files' forms.
PREFILTERED = [(cue.pattern, cue.required) for cue in _CUES] + [
    (pattern, required) for pattern, _confidence, required in _NEW_INSTRUMENTS_PREFILTERED
]


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"\bBNC[-\s]?fiche\b", {"fiche"}),
        (r"(?i)\bTriloog|trilogen", {"triloog", "trilogen"}),
        (r"in\s+werking\s+(?:treedt|trad)", {"werking"}),
        (r"\b(?:de|het)\s+Raad", {"raad"}),
        (r"Comit[ée]", {"comité", "comite"}),
        (r"(?:akkoord|x+)", {"akkoord", "x"}),
        (r"(?<!voor een )\bbesluit\b", {"besluit"}),
    ],
)
def test_required_strings_are_read_from_the_pattern(pattern, expected):
    assert required_strings(re.compile(pattern)) == expected


@pytest.mark.parametrize("pattern", [r"\w+", r"(?:akkoord)?", r"[a-z]{3}", r"a|\d+", r""])
def test_a_pattern_without_required_strings_is_always_run(pattern):
    assert required_strings(re.compile(pattern)) is None
    assert may_match(None, "wat dan ook")


def test_a_sentence_without_the_strings_is_skipped():
    required = required_strings(re.compile(r"\btriloog\b", re.IGNORECASE))
    assert not may_match(required, "de raad nam het besluit aan.")
    assert may_match(required, "in de TRILOOG van maart".lower())


@pytest.mark.parametrize(("pattern", "required"), PREFILTERED, ids=lambda v: str(v)[:40])
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(data=st.data())
def test_every_match_of_a_prefiltered_pattern_passes_its_prefilter(pattern, required, data):
    # A lookahead or lookbehind consumes nothing and gives no required strings; generated as a
    # group, it adds the text it looks for to the match, which Hypothesis can then produce
    # unfiltered (a whole match cannot be preceded by what a lookbehind needs).
    consuming = re.compile(
        pattern.pattern.replace("(?=", "(?:").replace("(?<=", "(?:"), pattern.flags
    )
    match = data.draw(st.from_regex(consuming, fullmatch=True))
    assert may_match(required, match.lower())
    # And in a sentence: what the pattern finds there passes too.
    sentence = data.draw(st.text(max_size=20)) + match + data.draw(st.text(max_size=20))
    found = pattern.search(sentence)
    assert found is None or may_match(required, found.group().lower())


def test_every_prefiltered_pattern_has_strings_to_look_for():
    """A pattern the prefilter cannot read would be run on every sentence, as before."""
    assert all(required for _pattern, required in PREFILTERED)
