"""Periods: "the first 6 months of 2024", "the last three months of the year",
"From August 2023 to the end of May 2024", "from June 5 to 10", "From August 2023 to the
present", "since 2019", "2023 - 2025", "term 2020-2025", "the 2021-2025 period", "Q1/2025",
"the first quarter of 2025", "the first half of the year", "January 10-12", and as business and
sports news write them: "the July-September quarter", "the 2024/25 season", "the six months to
June" / "the 13 weeks ended March 30" (counted back from their end), "since the start of the year",
"since early December".

A few compiled regexes, run around years, months and period words. Missing years come
from the other end of the range, else from the publication date; "to the present" and
"since X" end on the publication date. Both ends are ISO days, inclusive.
"""
from __future__ import annotations

import datetime
import logging
import re
from typing import Any, Callable

from spacy.lang.en import English
from spacy.language import Language
from spacy.tokens import Doc

from extractors.datenorm import (
    YEAR_RE,
    iso_day,
    month_bounds,
    month_end,
    months_bounds,
    quarter_bounds,
    resolve_year,
    year_bounds,
)
from extractors.lang.en.months import _ABBR, _FULL, DAY_RE, MONTH_RE, day_number, month_number
from extractors.lang.en.numbers import WORD_NUMBER_RE, parse_number
from extractors.nlp import (
    SPANS_KEY,
    Anchor,
    BoundedAnchor,
    add_fact,
    anchored_finditer,
    doc_text,
    load_patterns,
    phrase_regex,
    publication_date,
)

logger = logging.getLogger(__name__)

KIND = "period"
_BEFORE, _AFTER = 60, 70


def _led_by_capital(names: list[str]) -> str:
    """'September|August' as '[AS](?:(?<=S)eptember|(?<=A)ugust)': the same matches, but led by a
    character class, so re skips in C to those capitals instead of trying every character."""
    return "|".join(f"(?<={n[0]}){re.escape(n[1:])}" for n in names)


def _by_length(names: list[str]) -> list[str]:
    return sorted((m.capitalize() for m in names), key=len, reverse=True)


# MONTH_RE (months.py), its alternatives in the same order, led by their capitals
_MONTH_LED = ("[" + "".join(sorted({m[0].upper() for m in _FULL + _ABBR})) + "]"
              f"(?:{_led_by_capital(_by_length(_FULL))}|(?:{_led_by_capital(_by_length(_ABBR))})\\.?)")

# Every match of a rule contains its anchor; the full rule runs only in windows around anchors, and
# one anchor per rule keeps those windows few in text where years and months are everywhere.
# The word anchors are led by a character class or a literal (BoundedAnchor): r"\b(?:[Ff]rom|[Bb]etween)\b"
# etc. written so that re skips ahead to their first letters.
_ANCHORS: dict[str, Anchor] = {
    "period.from_to": BoundedAnchor(r"[FfBb](?:(?<=[Ff])rom|(?<=[Bb])etween)\b"),
    "period.since": BoundedAnchor(r"[Ss]ince\b"),
    # \d\d{3}, not \d{4}: led by a digit, re skips ahead to digits in C
    "period.year_range": re.compile(r"\d\d{3}\s*[-–—/]\s*\d{2}"),
    "period.month_range": re.compile(rf"{_MONTH_LED}\s*[-–]\s*{MONTH_RE}"),
    "period.months_to": BoundedAnchor(r"(?:months|weeks)\s+(?:to|ended|ending|through)\s"),
    "period.quarter": BoundedAnchor(r"[Qq](?:uarter|(?<=Q)UARTER|[1-4])\b"),
    "period.half": BoundedAnchor(r"[hH](?:(?<=h)alf|(?<=H)[12])\b"),
    "period.first_n_months": BoundedAnchor(r"months\b"),
    "period.day_range": re.compile(r"\d\s*[-–]\s*\d"),
}
# Strings one of which every match of the anchor contains: a text with none of them (most texts, for
# these rare anchors) is not searched at all.
_ANCHOR_NEEDS: dict[str, tuple[str, ...]] = {
    "period.since": ("ince",),
    "period.months_to": ("onths", "eeks"),
    "period.half": ("alf", "H1", "H2"),
}
_EDGE = r"(?:the\s+(?:end|beginning|start|middle)\s+of\s+)"
_L = r"(?<![\w/.\-–])"
_R = r"(?![\w/]|-\d|[.,]\d)"


def _point(p: str) -> str:
    """A range end: '[the end of] August [7[th]][,] [2023]' or '2023'; groups p_edge/p_m/p_d/p_y."""
    return (rf"(?P<{p}_edge>{_EDGE})?(?:(?P<{p}_m>{MONTH_RE})(?:\s+(?P<{p}_d>{DAY_RE}))?"
            rf"(?:,?\s+(?P<{p}_y>{YEAR_RE}))?|(?P<{p}_y2>{YEAR_RE}))")


def _point_bounds(g: dict, p: str, year: int | None) -> tuple[str, str] | None:
    """First and last day a range end covers; year fills a missing year."""
    y = g.get(f"{p}_y") or g.get(f"{p}_y2")
    y = int(y) if y else year
    if y is None:
        return None
    if g.get(f"{p}_m"):
        month = month_number(g[f"{p}_m"])
        if g.get(f"{p}_d"):
            day = iso_day(y, month, day_number(g[f"{p}_d"]))
            return (day, day) if day else None
        return month_bounds(y, month)
    return year_bounds(y)


def _year_of(g: dict, p: str) -> int | None:
    y = g.get(f"{p}_y") or g.get(f"{p}_y2")
    return int(y) if y else None


class PeriodExtractor:
    def __init__(self, spans_key: str = SPANS_KEY) -> None:
        self.spans_key = spans_key
        d = load_patterns("period", "en")
        self._ordinals: dict[str, int] = d["ordinals"]
        ords = phrase_regex(self._ordinals)
        this_year = phrase_regex(d["this_year"])
        of_year = rf"(?:\s+of\s+(?:(?P<y>{YEAR_RE})|{this_year}))"
        present = phrase_regex(d["present"])
        heads, tails = phrase_regex(d["year_range_heads"]), phrase_regex(d["year_range_tails"])
        self._rules: list[tuple[str, re.Pattern[str], Callable]] = [
            ("period.from_to", re.compile(rf"""{_L}
                (?:[Ff]rom|[Bb]etween)\s+{_point("a")}\s+{phrase_regex(d["range_to"])}\s+
                (?:(?P<present>{present})|{_point("b")}|(?P<b_day>{DAY_RE})(?:,?\s+(?P<b_dy>{YEAR_RE}))?)
                {_R}""", re.VERBOSE), self._from_to),
            ("period.since", re.compile(rf"""{_L}[Ss]ince\s+
                (?:(?P<soy>the\s+(?:start|beginning)\s+of\s+(?:the|this)\s+year)|(?:early\s+)?{_point('a')})
                {_R}""", re.VERBOSE), self._since),
            ("period.year_range", re.compile(rf"""{_L}
                (?P<head>(?:{heads}|the)\s+)?(?P<y1>{YEAR_RE})
                (?:\s*[-–—]\s*(?P<y2>{YEAR_RE})|/(?P<y2l>{YEAR_RE})|[-–/](?P<y2s>\d{{2}})(?=\s+{tails}))
                (?P<tail>\s+{tails})?{_R}""", re.VERBOSE), self._year_range),
            # "the July-September quarter", "January-March 2024"
            ("period.month_range", re.compile(rf"""{_L}
                (?:the\s+)?(?P<m1>{MONTH_RE})\s*[-–]\s*(?P<m2>{MONTH_RE})
                (?:(?:\s+|,\s*)(?P<y>{YEAR_RE})(?:\s+{tails})?|\s+(?:quarter|{tails}))
                {_R}""", re.VERBOSE), self._month_range),
            # "the six months to June", "the 13 weeks ended March 30": counted back from the end
            ("period.months_to", re.compile(rf"""{_L}
                (?:the\s+)?(?P<n>\d{{1,2}}|{WORD_NUMBER_RE})\s+(?P<unit>months|weeks)\s+
                (?:to|ended|ending|through)\s+{_point("b")}
                {_R}""", re.VERBOSE), self._months_to),
            ("period.quarter", re.compile(rf"""{_L}
                (?:(?:the\s+)?(?P<ord>{ords})\s+quarter{of_year}?
                  | [Qq](?P<q>[1-4])(?:\s*/\s*(?P<qy>{YEAR_RE})|\s+(?P<qy2>{YEAR_RE}))?)
                {_R}""", re.VERBOSE | re.IGNORECASE), self._quarter),
            ("period.half", re.compile(rf"""{_L}
                (?:(?:the\s+)?(?P<ord>{ords})\s+half\s+of\s+(?:(?P<y>{YEAR_RE})|{this_year}
                    |(?P<m>{MONTH_RE})(?:\s+(?P<my>{YEAR_RE}))?)
                  | H(?P<h>[12])(?:\s*/\s*(?P<hy>{YEAR_RE})|\s+(?P<hy2>{YEAR_RE}))?)
                {_R}""", re.VERBOSE), self._half),
            ("period.first_n_months", re.compile(rf"""{_L}
                (?:the\s+)?(?P<which>first|last|First|Last)\s+(?P<n>\d{{1,2}}|{WORD_NUMBER_RE})\s+months
                {of_year}?{_R}""", re.VERBOSE), self._months),
            ("period.day_range", re.compile(rf"""{_L}
                (?:(?P<m>{MONTH_RE})\s+(?P<d1>{DAY_RE})\s*[-–]\s*(?P<d2>{DAY_RE})
                  | (?P<d1b>{DAY_RE})\s*[-–]\s*(?P<d2b>{DAY_RE})\s+(?P<mb>{MONTH_RE}))
                (?:,?\s+(?P<y>{YEAR_RE}))?
                {_R}""", re.VERBOSE), self._day_range),
        ]

    # --- handlers: match -> (period_start, period_end) or None --------------------
    def _from_to(self, g: dict, pub: datetime.date | None):
        if g["present"]:
            if pub is None:
                return None
            a = _point_bounds(g, "a", pub.year)
            return (a[0], pub.isoformat()) if a else None
        if g["b_day"]:  # "from June 5 to 10": month (and year) from the first end
            if not (g["a_m"] and g["a_d"]):
                return None
            y = resolve_year(_year_of(g, "a") or g["b_dy"], pub, month_number(g["a_m"]))
            if y is None:
                return None
            a = _point_bounds(g, "a", y)
            last = iso_day(y, month_number(g["a_m"]), day_number(g["b_day"]))
            return (a[0], last) if a and last else None
        if not _year_of(g, "a") and not _year_of(g, "b") and g["a_m"] and g["b_m"] \
                and month_number(g["a_m"]) > month_number(g["b_m"]) and pub is not None:
            # "from November to February": across the new year, from the first month's year
            first_year = resolve_year(None, pub, month_number(g["a_m"]))
            a, b = _point_bounds(g, "a", first_year), _point_bounds(g, "b", first_year + 1)
            return (a[0], b[1]) if a and b else None
        year_b = resolve_year(_year_of(g, "b"), pub,
                              month_number(g["b_m"]) if g["b_m"] else None)
        year_a = _year_of(g, "a") or year_b
        a, b = _point_bounds(g, "a", year_a), _point_bounds(g, "b", year_b)
        return (a[0], b[1]) if a and b else None

    def _since(self, g: dict, pub: datetime.date | None):
        if pub is None:
            return None
        if g["soy"]:     # "since the start of the year"
            return iso_day(pub.year, 1, 1), pub.isoformat()
        a = _point_bounds(g, "a", pub.year)
        if a and a[0] > pub.isoformat() and not _year_of(g, "a"):
            a = _point_bounds(g, "a", pub.year - 1)    # "since early December" in a January report
        return (a[0], pub.isoformat()) if a else None

    def _month_range(self, g: dict, pub: datetime.date | None):
        m1, m2 = month_number(g["m1"]), month_number(g["m2"])
        if m1 == m2:
            return None
        y = resolve_year(g["y"], pub, m2)
        if y is None:
            return None
        # "November-February": across the new year, the year named (or resolved) is the last one's
        return (iso_day(y - 1 if m1 > m2 else y, m1, 1), iso_day(y, m2, month_end(y, m2)))

    def _months_to(self, g: dict, pub: datetime.date | None):
        n = int(parse_number(g["n"]))
        year = resolve_year(_year_of(g, "b"), pub, month_number(g["b_m"]) if g["b_m"] else None)
        if year is None or not 1 <= n <= (24 if g["unit"] == "months" else 104):
            return None
        end = _point_bounds(g, "b", year)
        if end is None:
            return None
        last = datetime.date.fromisoformat(end[1])
        if g["unit"] == "weeks":
            return (last - datetime.timedelta(weeks=n, days=-1)).isoformat(), end[1]
        # n whole months up to the end's month; to a day inside it, from the day after the same
        # day n months before
        months_back = last.year * 12 + last.month - 1 - n
        y0, m0 = divmod(months_back, 12)
        if last.day == month_end(last.year, last.month):
            return iso_day(y0 + (m0 + 1) // 12, (m0 + 1) % 12 + 1, 1), end[1]
        day = min(last.day, month_end(y0, m0 + 1))
        return (datetime.date(y0, m0 + 1, day) + datetime.timedelta(days=1)).isoformat(), end[1]

    def _year_range(self, g: dict, pub: datetime.date | None):
        y1 = int(g["y1"])
        if g["y2s"]:    # "2024/25": the century of the first year
            y2 = y1 // 100 * 100 + int(g["y2s"])
        else:
            y2 = int(g["y2"] or g["y2l"])
        if y2 <= y1 or y2 - y1 > 50:
            return None
        return year_bounds(y1)[0], year_bounds(y2)[1]

    def _quarter(self, g: dict, pub: datetime.date | None):
        q = int(g["q"]) if g["q"] else self._ordinals[g["ord"].lower()]
        q = 4 if q == -1 else q
        if not 1 <= q <= 4:
            return None
        # without a year, a quarter ending more than LOOKBACK_MONTHS after the publication month
        # is last year's ("the third quarter" in a January report)
        y = resolve_year(g["y"] or g["qy"] or g["qy2"], pub, 3 * q)
        return quarter_bounds(y, q) if y else None

    def _half(self, g: dict, pub: datetime.date | None):
        h = int(g["h"]) if g["h"] else self._ordinals[g["ord"].lower()]
        h = 2 if h == -1 else h
        if h not in (1, 2):
            return None
        if g["m"]:  # "the second half of August"
            y = resolve_year(g["my"], pub)
            if y is None:
                return None
            month = month_number(g["m"])
            last = month_end(y, month)
            return (iso_day(y, month, 1 if h == 1 else 16), iso_day(y, month, 15 if h == 1 else last))
        y = resolve_year(g["y"] or g["hy"] or g["hy2"], pub)
        return months_bounds(y, 1, 6) if h == 1 and y else months_bounds(y, 7, 12) if y else None

    def _months(self, g: dict, pub: datetime.date | None):
        n = int(parse_number(g["n"]))
        if not 1 <= n <= 12:
            return None
        if g["which"].lower() == "last":
            if not (g["y"] or g[0].rstrip().endswith(("year", "Year"))):
                return None  # "the last six months" counts back from an unknown day
            y = resolve_year(g["y"], pub)
            return months_bounds(y, 13 - n, 12) if y else None
        y = resolve_year(g["y"], pub)
        return months_bounds(y, 1, n) if y else None

    def _day_range(self, g: dict, pub: datetime.date | None):
        month = month_number(g["m"] or g["mb"])
        y = resolve_year(g["y"], pub, month)
        if y is None:
            return None
        a = iso_day(y, month, day_number(g["d1"] or g["d1b"]))
        b = iso_day(y, month, day_number(g["d2"] or g["d2b"]))
        return (a, b) if a and b and a < b else None

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        pub = publication_date(doc)
        for rule, regex, handler in self._rules:
            needs = _ANCHOR_NEEDS.get(rule)
            if needs is not None and not any(s in text for s in needs):
                continue
            for m in anchored_finditer(regex, _ANCHORS[rule], text, _BEFORE, _AFTER):
                g: dict[Any, Any] = m.groupdict()   # the named groups, and 0: the whole match
                g[0] = m.group(0)
                try:
                    bounds = handler(g, pub)
                except (KeyError, ValueError):
                    logger.debug("unparsed period %r", m.group(0))
                    continue
                if not bounds or not all(bounds) or bounds[0] > bounds[1]:
                    continue
                start = m.start()
                if rule == "period.year_range" and g["head"] and not g["tail"] \
                        and g["head"].strip() == "the":
                    start = m.start("y1")  # a bare "the" belongs to what follows the range
                add_fact(doc, start, m.end(), KIND,
                         {"period_start": bounds[0], "period_end": bounds[1]}, rule, spans_key=self.spans_key)
        return doc


@English.factory("newsfacts_period", assigns=["doc.spans", "span._.fact"],
                 default_config={"spans_key": SPANS_KEY})
def make_period(nlp: Language, name: str, spans_key: str) -> PeriodExtractor:
    return PeriodExtractor(spans_key=spans_key)
