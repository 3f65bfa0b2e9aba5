"""What each figure is about (FACTS.md "What a figure is about"): `measure`, `place` + `place_level`
and `ref_start`/`ref_end` for counts, percentages, ratios, ranks, money and quantities, in every
language. The last component of the pipeline, after newsfacts_resolve has settled the spans.

- The reference period comes from the date or period that governs the figure in its sentence: the
  nearest one before it in its clause (";" ends a clause, a comma does not: "In the first 6 months of
  2024, ... 15 Party members"), else the nearest before it in the sentence, else one right after it
  ("3 million tourists in 2023"), unless a relative clause or another figure stands between. A date
  a document was issued, or a comparison baseline ("compared with 2023", "so với cùng kỳ năm 2023"),
  governs nothing; "by the end of June", "đến hết tháng 6" give only ref_end, and "to date",
  "đến nay" with no date end the period on the publication day.
- The place is the nearest administrative unit named before the figure in its sentence (else after
  it), from the gazetteer; when the sentence names none, the article's main place (its headline and
  lead).
- The measure and measure_key come from extractors/measure.py (the counted phrase with its verb, or
  the subject before the linking verb).

The cue words are each language's patterns/about.json (and measure.json, measures.json).
"""
from __future__ import annotations

import bisect
import functools
import logging
import re
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from extractors.datenorm import month_bounds, year_bounds
from extractors.facts import FIGURE_KINDS
from extractors.measure import measure_key, measure_of
from extractors.nlp import SPANS_KEY, load_patterns, matching_text, phrase_regex, sentence_starts

logger = logging.getLogger(__name__)

_TIME_KINDS = ("date", "period")


class _Cues:
    """One language's cue words for reference periods (patterns/about.json)."""

    def __init__(self, lang: str) -> None:
        d = load_patterns("about", lang)
        flags = re.IGNORECASE
        self.baseline = re.compile(rf"(?:{phrase_regex(d['baseline_before'])})\s*$", flags)
        self.end_only = re.compile(rf"(?:{phrase_regex(d['end_only_before'])})\s*$", flags)
        self.to_date = re.compile(rf"(?<![^\W\d_])(?:{phrase_regex(d['to_date'])})(?![^\W\d_])", flags)
        self.after_figure = re.compile(rf"(?<![^\W\d_])(?:{phrase_regex(d['after_figure_cues'])})\s*$", flags)
        self.after_figure_text = re.compile(rf"(?:{phrase_regex(d['after_figure_cues'])})\s", flags)
        self.relative = re.compile(rf"(?<![^\W\d_])(?:{phrase_regex(d['relative_clause'])})(?![^\W\d_])", flags)


@functools.lru_cache(maxsize=None)
def _cues(lang: str) -> _Cues:
    return _Cues(lang)


def _bounds(span: Span) -> tuple[str | None, str | None] | None:
    """The days a date or period fact covers."""
    f = span._.fact or {}
    if span.label_ == "period":
        return f.get("period_start"), f.get("period_end")
    date, gran = f.get("date"), f.get("granularity")
    if not date:
        return None
    if gran == "year":
        return year_bounds(int(date[:4]))
    if gran == "month":
        return month_bounds(int(date[:4]), int(date[5:7]))
    return date, date


def _chars(span: Span) -> tuple[int, int]:
    return (span._.fact or {}).get("_chars", (span.start_char, span.end_char))


class AboutComponent:
    def __init__(self, lang: str) -> None:
        self.lang = lang
        self._cues = _cues(lang)

    def __call__(self, doc: Doc) -> Doc:
        spans = list(doc.spans.get(SPANS_KEY, []))
        figures = [s for s in spans if s.label_ in FIGURE_KINDS]
        if not figures:
            return doc
        text = matching_text(doc)
        starts = sentence_starts(doc)
        bounds_of = starts[1:] + [len(text)]
        published = doc._.published
        times = self._time_expressions(text, spans)
        places = self._places(text, published)
        main = self._main_place(text, published)
        figure_starts = sorted(_chars(s)[0] for s in figures)
        for span in figures:
            start, end = _chars(span)
            i = bisect.bisect_right(starts, start) - 1
            sent_start, sent_end = (starts[i], bounds_of[i]) if i >= 0 else (0, len(text))
            fields = span._.fact
            ref = self._reference(text, start, end, sent_start, sent_end, times, figure_starts, published)
            if ref:
                fields["ref_start"], fields["ref_end"] = ref
            place = self._place_for(start, end, sent_start, sent_end, places) or main
            if place is not None:
                fields["place"], fields["place_level"] = place.name, place.level
            measure = measure_of(text, start, end, span.label_, fields, sent_start, sent_end, self.lang)
            if measure:
                fields["measure"] = measure
                fields["measure_key"] = measure_key(measure, self.lang)
            span._.fact = {k: v for k, v in fields.items() if v is not None}
        return doc

    # --- reference period -------------------------------------------------------------------
    def _time_expressions(self, text: str, spans: list[Span]) -> list[tuple[int, int, tuple, bool]]:
        """(start, end, (ref_start, ref_end), end_only) of the dates and periods that may govern a
        figure: not a document's issue date, not a comparison baseline."""
        documents = [_chars(s) for s in spans if s.label_ == "document"]
        out = []
        for s in spans:
            if s.label_ not in _TIME_KINDS:
                continue
            start, end = _chars(s)
            if any(a <= start and end <= b for a, b in documents):
                continue
            before = text[max(0, start - 40):start]
            if self._cues.baseline.search(before):
                continue
            b = _bounds(s)
            if b is None or not all(b):
                continue
            out.append((start, end, b, bool(self._cues.end_only.search(before))))
        out.sort()
        return out

    def _reference(self, text: str, start: int, end: int, sent_start: int, sent_end: int,
                   times: list, figure_starts: list[int], published) -> tuple[str | None, str | None] | None:
        same = [t for t in times if sent_start <= t[0] and t[1] <= sent_end]
        before = [t for t in same if t[1] <= start]
        clause_start = max(sent_start, text.rfind(";", sent_start, start) + 1)
        chosen = None
        in_clause = [t for t in before if t[0] >= clause_start]
        if in_clause:
            chosen = in_clause[-1]
        elif before:
            chosen = before[-1]
        else:
            after = [t for t in same if t[0] >= end]
            if after:
                t = after[0]
                gap = text[end:t[0]]
                other = bisect.bisect_right(figure_starts, end) < len(figure_starts) and \
                    figure_starts[bisect.bisect_right(figure_starts, end)] < t[0]
                cued = self._cues.after_figure.search(gap) or self._cues.after_figure_text.match(text, t[0])
                if cued and not (other or self._cues.relative.search(gap) or ";" in gap):
                    chosen = t
        if chosen is not None:
            (ref_start, ref_end), end_only = chosen[2], chosen[3]
            return (None, ref_end) if end_only else (ref_start, ref_end)
        if published is not None and self._cues.to_date.search(text, sent_start, start):
            return None, published.isoformat()
        return None

    # --- place ------------------------------------------------------------------------------
    def _places(self, text: str, published) -> list[Any]:
        finder = _gazetteer()
        return finder[0](text, self.lang, published) if finder else []

    def _main_place(self, text: str, published):
        finder = _gazetteer()
        return finder[1](text, self.lang, published) if finder else None

    @staticmethod
    def _place_for(start: int, end: int, sent_start: int, sent_end: int, places: list[Any]):
        inside = [p for p in places if sent_start <= p.start and p.end <= sent_end]
        before = [p for p in inside if p.end <= start]
        if before:
            return before[-1]
        after = [p for p in inside if p.start >= end]
        return after[0] if after else None


@functools.lru_cache(maxsize=1)
def _gazetteer():
    try:
        from extractors.gazetteer import find_places, main_place
    except ImportError:  # pragma: no cover - the gazetteer ships with the package
        logger.warning("no gazetteer: figures get no place")
        return None
    return find_places, main_place


@Language.factory("newsfacts_about", assigns=["span._.fact"])
def make_about(nlp: Language, name: str) -> AboutComponent:
    return AboutComponent(nlp.lang)
