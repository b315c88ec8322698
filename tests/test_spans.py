"""TakenSpans answers as a scan of every span taken would, in any order of adding."""

from hypothesis import given
from hypothesis import strategies as st

from dossiers.spans import TakenSpans

spans = st.tuples(st.integers(0, 60), st.integers(1, 15)).map(lambda s: (s[0], s[0] + s[1]))


@given(st.lists(spans, max_size=40), st.lists(spans, max_size=20))
def test_an_overlap_is_found_as_a_scan_finds_it(added, asked):
    taken = TakenSpans()
    for start, end in added:
        taken.add(start, end)

    for start, end in asked:
        scan = any(start < taken_end and taken_start < end for taken_start, taken_end in added)
        assert taken.overlaps(start, end) is scan


def test_touching_spans_do_not_overlap_and_a_span_inside_merged_ones_does():
    taken = TakenSpans()
    taken.add(10, 20)
    taken.add(30, 40)
    taken.add(15, 35)  # joins both

    assert not taken.overlaps(0, 10)
    assert not taken.overlaps(40, 50)
    assert taken.overlaps(22, 28)
    assert taken.overlaps(39, 41)
