"""Settling the spans that claim the same words: resolve_overlaps keeps one claim per stretch of text
(by kind priority, then length, except the kinds gold nests), "newsfacts_resolve" applies it to the
doc's fact spans, and fact_rows reads the settled facts off a doc as rows.
"""
from __future__ import annotations

import bisect
import logging
import weakref
from typing import Any, Iterable

from spacy.language import Language
from spacy.tokens import Doc, Span

from extractors.kinds import KINDS
from extractors.nlp.spans import _ROWS_KEY, SPANS_KEY, UserData, span_fields, span_rows

logger = logging.getLogger(__name__)

# Which claim wins when spans of different kinds overlap (lower wins).
KIND_PRIORITY: dict[str, int] = {name: spec.priority for name, spec in KINDS.items()}
# (outer, inner) kinds that gold annotates nested, so both are kept when inner lies inside outer.
NESTABLE: frozenset[tuple[str, str]] = frozenset((name, inner) for name, spec in KINDS.items()
                                                 for inner in spec.holds)


def _may_nest(outer: tuple, inner: tuple) -> bool:
    """Whether gold nests inner in outer: (label, start_char, end_char, ...) rows."""
    return ((outer[0], inner[0]) in NESTABLE and outer[1] <= inner[1] and inner[2] <= outer[2])


def _resolve_rows(rows: list[tuple]) -> list[tuple]:
    """resolve_overlaps over (label, start_char, end_char, span[, rule id]) rows: each span's label and
    offsets read once (every Span.label_ is a string-store lookup, every offset a property)."""
    other = len(KIND_PRIORITY)
    ranked = sorted(rows, key=lambda r: (KIND_PRIORITY.get(r[0], other), r[1] - r[2], r[1]))
    longest = max((r[2] - r[1] for r in ranked), default=0)
    starts: list[int] = []      # start_char of the kept spans, ascending
    kept: list[tuple] = []      # in the same order
    for cand in ranked:
        cand_start, cand_end = cand[1], cand[2]
        hi = bisect.bisect_left(starts, cand_end)                # kept spans starting before cand ends
        lo = bisect.bisect_left(starts, cand_start - longest)    # ... that are long enough to reach it
        clash = any(cand_start < k[2] and not (_may_nest(k, cand) or _may_nest(cand, k))
                    for k in kept[lo:hi])
        if clash:
            logger.debug("dropped %s %r", cand[0], cand[3])
        else:
            starts.insert(hi, cand_start)
            kept.insert(hi, cand)
    kept.sort(key=lambda r: (r[1], r[0]))
    return kept


def resolve_overlaps(spans: Iterable[Span]) -> list[Span]:
    """Keep one claim per stretch of text: higher-priority kind first, then the longer
    span, then the earlier one. Result sorted by (start, kind).

    Kept spans are indexed by start, so each candidate is compared only with the kept spans that
    start less than the longest span's length before it, not with all of them.
    """
    return [r[3] for r in _resolve_rows([(s.label_, s.start_char, s.end_char, s) for s in spans])]


# The settled spans of each doc as newsfacts_resolve left them: doc -> (the span group it set, one
# FactRow per span in the group's order). Kept off doc.user_data (a span group does not serialise),
# weakly, so a doc's entry goes with it.
_SETTLED: "weakref.WeakKeyDictionary[Doc, tuple[Any, list[FactRow]]]" = weakref.WeakKeyDictionary()

# (label, start_char, end_char, span_fields, rule id) of a span: its kind, where it stands, its own
# fields dict (which newsfacts_about edits in place) and the rule that found it (span.id_).
FactRow = tuple[str, int, int, "dict[str, Any] | None", str]


def fact_rows(doc: Doc, spans_key: str = SPANS_KEY) -> list[FactRow]:
    """A FactRow for each span in doc.spans[spans_key], in order: as newsfacts_resolve listed them
    while the group is still the one it set (same object and length), else read off the spans (each
    Span.label_ a string-store lookup, each offset a property). The fields are the dicts the spans
    had then: edited in place since (newsfacts_about does), never replaced (nothing after
    newsfacts_resolve sets span._.fact)."""
    group = doc.spans.get(spans_key)
    if group is None:
        return []
    entry = _SETTLED.get(doc)
    if entry is not None and group is entry[0] and len(group) == len(entry[1]):
        return entry[1]
    return [(s.label_, s.start_char, s.end_char, span_fields(s), s.id_) for s in group]


class OverlapResolver:
    """newsfacts_resolve: settles the spans in doc.spans[spans_key] (resolve_overlaps)."""

    def __init__(self, spans_key: str = SPANS_KEY) -> None:
        self.spans_key = spans_key

    def __call__(self, doc: Doc) -> Doc:
        kept = _resolve_rows(span_rows(doc, self.spans_key))
        doc.spans[self.spans_key] = [r[3] for r in kept]
        user_data: UserData = doc.user_data
        user_data[(_ROWS_KEY, self.spans_key)] = [(label, start, end, rule) for label, start, end, _, rule in kept]
        _SETTLED[doc] = (doc.spans[self.spans_key],
                         [(label, start, end, user_data.get(("newsfacts.fact", label, start, end)), rule)
                          for label, start, end, _, rule in kept])
        return doc


@Language.factory("newsfacts_resolve", assigns=["doc.spans"], requires=["doc.spans"],
                  default_config={"spans_key": SPANS_KEY})
def make_resolver(nlp: Language, name: str, spans_key: str) -> OverlapResolver:
    return OverlapResolver(spans_key)
