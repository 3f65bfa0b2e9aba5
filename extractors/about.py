"""What each figure is about (FACTS.md "What a figure is about"): `measure`, `place` + `place_level`
and `ref_start`/`ref_end` for counts, percentages, ratios, ranks, money and quantities, in every
language. The last component of the pipeline, after newsfacts_resolve has settled the spans.

- The reference period (extractors/reference.py) comes from the date or period that governs the
  figure in its sentence: one right after it, a few words on ("compared with 7 in 2023", "... and
  500,000 passengers by 2040"), else the nearest one before it in its clause (";" ends a clause, a
  comma does not: "In the first 6 months of 2024, ... 15 Party members"), else the nearest before it
  in the sentence, else a cued one after it ("3 million tourists ... in 2023"), unless a relative
  clause, a new predicate ("and is expected to") or another figure not chained to it ("rose 14.1% to
  $402.7 billion over the year") stands between. A date a document was issued, a wire dateline, the
  day of a meeting the figure is reported at, or a comparison baseline ("compared with 2023", "so
  với cùng kỳ năm 2023"), governs nothing; a date of an event of the thing ("built in 1976", "dự
  kiến khởi công vào tháng 6") only a figure right before it; "by the end of June", "đến hết tháng
  6" give only ref_end, and "to date", "đến nay" with no date end the period on the publication day,
  a status reported on a day ("now has ..., the office said on August 27") on that day, "over the
  past three years" after the figure on the publication day; a leading "From May 15" opens a period
  up to it, "trước tháng 3/2023" ends the day before that month. Relative words count too: "this
  year", "năm nay" from the publication year, "during the period", "in the quarter" as the time just
  named. An English duration ("the highest in five years") takes no time from before it, unless it
  says how long something lasted ("received citizens for 10 days").
- The place is an administrative unit from the gazetteer or a level word standing for one ("the
  city", "toàn quận"): the one right after the figure behind a preposition ("27 organizations in Long
  Bien district"), else the nearest before it in its sentence (the clause's subject when that one is
  not smaller: "Dong Da district ranked 2nd ... in Hanoi's index, with 87.15%"), else one after it in
  its clause; when the sentence names none, the article's place (its headline, else its lead). Places
  in an organisation's or a route's name, former units and a ranking's scope are passed over; a unit
  of a list gives the larger unit they lie in; a count of units ("30 districts") belongs to a larger
  one (PlaceChooser).
- The measure and measure_key come from extractors/measure/ (the counted phrase with its verb, or
  the subject before the linking verb).

The cue words are each language's patterns/about.json (and measure.json, measures.json).
"""
from __future__ import annotations

import bisect
import datetime
import logging
from typing import Any, cast

from spacy.language import Language
from spacy.tokens import Doc

from extractors.kinds import FIGURE_KINDS
from extractors.lang import UnsupportedLanguage
from extractors.measure import BLANK, lowered, measure_key, measure_of
from extractors.nlp import (
    SPANS_KEY,
    fact_rows,
    matching_text,
    publication_date,
    sentence_starts,
)
from extractors.place import PlaceChooser, gazetteer_finder, place_cues
from extractors.reference import ReferencePeriods

logger = logging.getLogger(__name__)



class AboutComponent:
    def __init__(self, lang: str, spans_key: str = SPANS_KEY) -> None:
        self.lang = lang
        self.spans_key = spans_key

    def __call__(self, doc: Doc) -> Doc:
        rows = fact_rows(doc, self.spans_key)
        labels = [r[0] for r in rows]
        figures = [i for i, label in enumerate(labels) if label in FIGURE_KINDS]
        if not figures:
            return doc
        # (every span in the group was written by add_fact, which gives each its fields)
        fields_of = cast("list[dict[str, Any]]", [r[3] for r in rows])
        chars = [f.get("_chars", (r[1], r[2])) for r, f in zip(rows, fields_of)]
        text = matching_text(doc)
        starts = sentence_starts(doc)
        bounds_of = starts[1:] + [len(text)]
        published = publication_date(doc)
        low_text = lowered(text)
        places = self._places(text, published)
        chooser = self._chooser(text, low_text, places, labels, fields_of, chars, figures)
        references = ReferencePeriods(self.lang, text, low_text, labels, fields_of, chars,
                                      sorted(chars[i] for i in figures), published)
        blanked = _blanked(text, [c for label, c in zip(labels, chars) if label not in FIGURE_KINDS]
                           + [(p.start, p.end) for p in places])
        low = lowered(blanked)
        previous: tuple[int, str | None, str | None] | None = None
        for i in sorted(figures, key=chars.__getitem__):
            label, fields = labels[i], fields_of[i]
            start, end = chars[i]
            k = bisect.bisect_right(starts, start) - 1
            sent_start, sent_end = (starts[k], bounds_of[k]) if k >= 0 else (0, len(text))
            ref = references.of(start, end, sent_start, sent_end, label, fields.get("unit"))
            if ref:
                fields["ref_start"], fields["ref_end"] = ref
            if chooser is not None:
                place = chooser.choose(start, end, label, sent_start, sent_end)
                if place is not None:
                    fields["place"], fields["place_level"] = place.name, place.level
            if previous is not None and previous[0] <= sent_start:
                previous = None
            measure = measure_of(blanked, start, end, label, fields, sent_start, sent_end, self.lang,
                                 previous, low)
            previous = (end, measure, fields.get("unit") if label in ("count", "ratio") else None)
            if measure:
                fields["measure"] = measure
                fields["measure_key"] = measure_key(measure, self.lang)
            if None in fields.values():
                for key in [k for k, v in fields.items() if v is None]:
                    del fields[key]   # the span's own dict (span_fields): edited in place
        return doc

    # --- place ------------------------------------------------------------------------------
    def _places(self, text: str, published: datetime.date | None) -> list[Any]:
        find_places = gazetteer_finder()
        return find_places(text, self.lang, published) if find_places else []

    def _chooser(self, text: str, low: str, places: list[Any], labels: list[str], fields_of: list[dict],
                 chars: list[tuple[int, int]], figures: list[int]) -> PlaceChooser | None:
        """The place choice for this text (`low`: lowered(text)): its mentions, their structure and
        the article's place, found once (PlaceChooser)."""
        if gazetteer_finder() is None:
            return None
        cues = place_cues(self.lang)
        figs = sorted((chars[i][0], chars[i][1], labels[i], cues.unit_level_of(fields_of[i].get("unit"))
                       if labels[i] in ("count", "ratio", "rank") else None) for i in figures)
        others = [(c[0], c[1], label, f) for label, f, c in zip(labels, fields_of, chars)
                  if label in ("official", "document")]
        return PlaceChooser(self.lang, text, places, figs, others, low)


def _blanked(text: str, ranges: list[tuple[int, int]]) -> str:
    """The text with these ranges (other facts, places) overwritten by BLANK: offsets unchanged."""
    if not ranges:
        return text
    ordered = sorted(ranges)
    if ordered[0][0] < 0 or max(b for _, b in ordered) > len(text):
        # (ranges off the text: not this text's facts and places) as list slice assignment has it
        chars = list(text)
        for a, b in ranges:
            chars[a:b] = BLANK * (b - a)
        return "".join(chars)
    # the text around the ranges' union, joined with BLANK runs: no list of every character
    parts, pos = [], 0
    for a, b in ordered:
        if a > pos:
            parts.append(text[pos:a])
            pos = a
        if b > pos:
            parts.append(BLANK * (b - pos))
            pos = b
    parts.append(text[pos:])
    return "".join(parts)


@Language.factory("newsfacts_about", assigns=["span._.fact"], requires=["doc.spans", "doc.sents"],
                  default_config={"spans_key": SPANS_KEY})
def make_about(nlp: Language, name: str, spans_key: str) -> AboutComponent:
    if nlp.lang is None:   # a bare Language: which cue words would it read?
        raise UnsupportedLanguage("newsfacts_about needs a pipeline with a language (nlp.lang is None)")
    return AboutComponent(nlp.lang, spans_key)
