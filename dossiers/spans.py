"""Character spans of a text already taken by one find, so that another find there is left out.

A text may hold tens of thousands of finds (hostile input packs citations): whether a span
overlaps one already taken is a binary search over disjoint sorted intervals, not a scan.
"""

import bisect


class TakenSpans:
    """The union of the spans added so far, as sorted disjoint [start, end) intervals."""

    def __init__(self):
        self._starts, self._ends = [], []

    def overlaps(self, start, end):
        """Whether [start, end) shares a character with a span added before."""
        # Of the intervals that begin before `end`, the last one reaches furthest.
        before_end = bisect.bisect_left(self._starts, end)
        return before_end > 0 and self._ends[before_end - 1] > start

    def add(self, start, end):
        """Take [start, end), merged with the intervals it overlaps."""
        last = bisect.bisect_left(self._starts, end)
        first = last
        while first > 0 and self._ends[first - 1] > start:
            first -= 1
        if first < last:
            start, end = min(start, self._starts[first]), max(end, self._ends[last - 1])
        self._starts[first:last] = [start]
        self._ends[first:last] = [end]
