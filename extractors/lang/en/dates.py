"""Dates: "August 7, 2023", "August 7th, 2023", "July 19th" (year from the publication
date), "September 2023", "in 2024", "the end of September 2023", "15/04/2024" (day
first), the date of a dateline "(09:12 06/05/2019)".

One compiled regex, run around years, months and slashed digits. Years inside
document numbers ("15/2020/ND-CP") and year ranges ("2023-2025") are left alone; dates
inside periods are dropped by the resolver (period outranks date).
"""
from __future__ import annotations

import logging
import re

from spacy.lang.en import English
from spacy.language import Language
from spacy.tokens import Doc

from extractors.datenorm import (
    YEAR_RE,
    iso_day,
    iso_month,
    parse_numeric_dmy,
    resolve_year,
)
from extractors.lang.en.months import DAY_RE, MONTH_RE, MONTHS, day_number, month_number
from extractors.nlp import (
    SPANS_KEY,
    StartFinder,
    add_fact,
    doc_text,
    load_patterns,
    matches_at,
    near,
    phrase_regex,
    publication_date,
)

logger = logging.getLogger(__name__)

KIND = "date"
# Every date has a month name or digits at most this far after its start ("the beginning of ...").
_REACH = 40


def _build_regex() -> re.Pattern[str]:
    d = load_patterns("dates", "en")
    edge = phrase_regex(p for p in d["edge_phrases"] if not p.endswith("-"))
    excluded = "|".join(map(re.escape, d["bare_month_exclude"]))
    not_after = phrase_regex(d["not_after_year"])
    # After "in", "this", "since", ... even "May" or "Jan" is the month (lookbehinds: the cue stays
    # out of the span, and each alternative must have a fixed width)
    month_cue = "(?:" + "|".join(rf"(?<=\b{re.escape(c)}\s)" for c in d["month_cues"]) + ")"
    return re.compile(rf"""
        (?<![\w/.\-–])
        (?:(?P<edge>{edge}\s+|mid-))?
        (?:
            (?P<m1>{MONTH_RE})\s+(?P<d1>{DAY_RE})(?:,?\s+(?P<y1>{YEAR_RE}))?
                (?![\w/]|\s*[-–]\s*\d|,\d)                # not "May 14-15" (a period)
          | (?P<d2>{DAY_RE})(?:\s+of)?\s+(?P<m2>{MONTH_RE})(?:,?\s+(?P<y2>{YEAR_RE}))?
                (?!\s*[-–]\s*\d)
          | (?P<m3>{MONTH_RE}),?\s+(?P<y3>{YEAR_RE})
          | (?P<num>\d{{1,2}}/\d{{1,2}}/{YEAR_RE})
          | (?:{phrase_regex(d["day_month_cues"])})\s+(?P<dm>(?:[12]\d|3[01]|0?[1-9])/(?:1[0-2]|0?[1-9]))
                (?!\s*/|\d)
          | (?!(?:{excluded})\b)(?P<m4>{MONTH_RE})(?!\s*[-–]|[ \t]+[A-Z\d])
          | {month_cue}(?P<m5>{MONTH_RE})(?!\s*[-–]|[ \t]+[A-Z\d])
          | (?:(?P<in>{phrase_regex(d["in_words"])})\s+)?(?P<y5>{YEAR_RE})
                (?!\s*[-–—]\s*\d|\s*/|\s+(?:{not_after})\b)
        )
        (?![\w/]|-\d|[.,]\d)
        """, re.VERBOSE)


class DateExtractor:
    def __init__(self, spans_key: str = SPANS_KEY, reach: int = _REACH) -> None:
        self.spans_key = spans_key
        self.reach = reach
        d = load_patterns("dates", "en")
        self._re = _build_regex()
        self._years = range(int(d["year_min"]), int(d["year_max"]) + 1)
        # A date begins with an edge phrase, a cue, "in", a month name or a digit.
        self._starts = StartFinder(MONTHS, [*d["edge_phrases"], *d["day_month_cues"], *d["in_words"]],
                                   digits=True)
        self._anchors = StartFinder(MONTHS, digits=True)
        # Starts where no date can begin, ruled out by one cheap match before the whole regex is
        # tried there: a word that begins a date only as the cue of a day/month ("on 30/4") or as
        # the "in" of a year ("in 2024"), never as a month or an edge phrase, without a digit right
        # after it (most "of", "to", "and"); a digit that begins neither a day (before a space or
        # "/") nor a year (most figures: "1,200", "3.5").
        edge_firsts = {p.lower().replace("-", " ").split()[0] for p in d["edge_phrases"]}
        cue_only = {w.lower() for w in [*d["day_month_cues"], *d["in_words"]]} - set(MONTHS) - edge_firsts
        self._no_date_at = re.compile(
            rf"(?i:{phrase_regex(sorted(cue_only))})(?![^\W\d_])(?!\s+\d)"
            rf"|(?!\d{{1,2}}(?:st|nd|rd|th)?\s|\d{{1,2}}/|(?:19|20)\d\d)\d").match

    def candidate_starts(self, doc: Doc) -> list[int]:
        text, no_date_at = doc_text(doc), self._no_date_at
        return [p for p in near(self._starts.starts(doc), self._anchors.starts(doc), self.reach)
                if not no_date_at(text, p)]

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        published = publication_date(doc)
        for m in matches_at(self._re, text, self.candidate_starts(doc)):
            g = m.groupdict()
            start = m.start()
            if g["num"]:
                date, gran, rule = parse_numeric_dmy(g["num"]), "day", "date.dmy_numeric"
            elif g["dm"]:  # "on 30/4": day first, the year from the publication date
                if g["dm"] == "24/7":  # "on 24/7 duty" is round the clock far more often than July 24
                    continue
                day, month = (int(x) for x in g["dm"].split("/"))
                year = resolve_year(None, published, month)
                if year is None:
                    continue
                date, gran, rule, start = iso_day(year, month, day), "day", "date.dm_numeric", m.start("dm")
            elif g["m1"] or g["d2"]:
                month = month_number(g["m1"] or g["m2"])
                year = resolve_year(g["y1"] or g["y2"], published, month)
                if year is None:
                    continue
                day = day_number(g["d1"] or g["d2"])
                date, gran = iso_day(year, month, day), "day"
                rule = ("date.dmy" if g["y2"] else "date.dm" if g["d2"] else
                        "date.mdy" if g["y1"] else "date.md")
            elif g["m3"] or g["m4"] or g["m5"]:
                month = month_number(g["m3"] or g["m4"] or g["m5"])
                year = resolve_year(g["y3"], published, month)
                if year is None:
                    continue
                date, gran = iso_month(year, month), "month"
                rule = "date.month_year" if g["m3"] else "date.month"
            else:
                if int(g["y5"]) not in self._years:
                    continue
                date, gran, rule = g["y5"], "year", "date.year"
            if date is None:
                logger.debug("impossible date %r", m.group(0))
                continue
            add_fact(doc, start, m.end(), KIND, {"date": date, "granularity": gran}, rule,
                     spans_key=self.spans_key)
        return doc


@English.factory("newsfacts_date", assigns=["doc.spans", "span._.fact"],
                 default_config={"spans_key": SPANS_KEY, "reach": _REACH})
def make_date(nlp: Language, name: str, spans_key: str, reach: int) -> DateExtractor:
    return DateExtractor(spans_key=spans_key, reach=reach)
