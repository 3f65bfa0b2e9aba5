"""Vietnamese periods: "6 tháng đầu năm 2024" (2024-01-01 … 2024-06-30), "6 tháng cuối năm"
(publication year, July-December), "9 tháng năm 2024" = "9 tháng đầu năm 2024" (January-September),
"quý I/2025", "quý II năm 2024", "quý 3/2023", "quý IV" (publication year), "nửa đầu năm 2024",
"nửa cuối năm", "nhiệm kỳ 2020-2025", "giai đoạn 2021 – 2025", "năm học 2024-2025" and a bare
"2021-2025" (whole calendar years), "từ tháng 8/2023 đến hết tháng 5/2024" (2023-08-01 …
2024-05-31), "từ ngày 1/7 đến ngày 15/7", "từ 1/7 đến 15/7/2024", "từ ngày 1 đến 5/8",
"từ năm 2019 đến nay", "từ đầu năm (2024) đến nay" (to the publication date), "ngày 2-3/8" and
"tháng 8-9/2024".

The span starts at "từ" when there is one, never at "trong" ("trong 6 tháng đầu năm"). A missing
year comes from the other end of the range, else from the publication date (datenorm.resolve_year,
with its 6-month lookback); "năm nay" is the publication year, "năm ngoái"/"năm trước" the one
before. Relative spans counted back from an unknown day ("trong 5 tháng qua") are not periods.
The dates inside a period are found by the date component too; the resolver keeps the period.

Rules: period.from_to, period.since ("từ đầu năm", "từ đầu tháng 8": to the publication date),
period.months ("6 tháng đầu năm 2024"), period.months_again ("Trong 11 tháng," after "11 tháng năm
2025" in the same article), period.quarter, period.half, period.year_range, period.day_range
("ngày 2-3/8"), period.month_range ("tháng 8-9/2024").

One compiled regex per rule, tried only at the rule's candidate starts ("từ", "quý", "nửa", a head
word or a digit) near its anchor.
"""
from __future__ import annotations

import bisect
import datetime
import logging
import re
from collections.abc import Callable, Sequence

from spacy.lang.vi import Vietnamese
from spacy.tokens import Doc

from extractors.datenorm import (
    iso_day,
    month_bounds,
    month_end,
    months_bounds,
    quarter_bounds,
    resolve_year,
    year_bounds,
)
from extractors.lang.vi.calendar import (
    DAY_RE,
    LANG,
    MONTH_RE,
    NUM_END,
    NUM_START,
    QUARTER_RE,
    WORD_END,
    YEAR,
    day_head_regex,
    edge_regex,
    quarter_number,
)
from extractors.lang.vi.numbers import UNITS, WORD_NUMBER_RE, parse_number
from extractors.nlp import (
    SPANS_KEY,
    StartFinder,
    add_fact,
    load_patterns,
    matches_at,
    matching_text,
    phrase_regex,
    publication_date,
)

logger = logging.getLogger(__name__)

KIND = "period"
_YEAR_RANGE_RE = re.compile(rf"(?<!\d){YEAR}\s*[-–—]\s*{YEAR}(?!\d)")
_DASH_RE = re.compile("[-–—]")
_WORD_RE = re.compile(r"[^\W\d_]+")
# How far after a rule's start its anchor may lie: "tháng" ("mười hai tháng"), the year range
# ("giai đoạn 2021"), the dash ("ngày mùng 2-3", "tháng 8-9").
_MONTH_REACH, _RANGE_REACH, _DASH_REACH = 25, 20, 14


def _point(p: str, edges: str) -> str:
    """One end of 'từ X đến Y': '[đầu] ngày 1/7[/2024]', 'ngày 19 tháng 7 [năm 2024]', 'ngày 1',
    'tháng 8[/2023]', '[đầu] năm 2019', '2019', 'đầu năm'. Groups p_*."""
    head = day_head_regex()
    return rf"""(?:(?P<{p}_edge>{edges})\s+)?
        (?:(?:{head})\s+(?P<{p}_wd>{DAY_RE})\s+tháng\s+(?P<{p}_wm>{MONTH_RE})(?:\s+năm\s+(?P<{p}_wy>{YEAR}))?
          | (?P<{p}_head>(?:{head})\s+)?(?P<{p}_d>{DAY_RE})(?!\s+tháng\s+\d)
                (?:(?P<{p}_sep>[/.\-])(?P<{p}_m>{MONTH_RE})(?:(?P={p}_sep)(?P<{p}_y>{YEAR}))?)?
          | tháng\s+(?P<{p}_mm>{MONTH_RE})(?:\s*[/\-]\s*(?P<{p}_my>{YEAR})|\s+năm\s+(?P<{p}_my2>{YEAR}))?
          | (?:năm\s+)?(?P<{p}_yy>{YEAR})
          | (?P<{p}_year>năm)(?!\s+\d)
        ){NUM_END}"""


class _Point:
    """A parsed range end: what is written of day, month and year."""

    def __init__(self, g: dict, p: str) -> None:
        self.edge = (g[f"{p}_edge"] or "").lower()
        self.day = g[f"{p}_wd"] or g[f"{p}_d"]
        self.month = g[f"{p}_wm"] or g[f"{p}_m"] or g[f"{p}_mm"]
        self.year = g[f"{p}_wy"] or g[f"{p}_y"] or g[f"{p}_my"] or g[f"{p}_my2"] or g[f"{p}_yy"]
        self.day_head = bool(g[f"{p}_wd"] or g[f"{p}_head"])
        self.bare_year = bool(g[f"{p}_year"])
        self.day, self.month, self.year = (int(x) if x else None for x in (self.day, self.month, self.year))

    def valid(self, other: _Point | None = None) -> bool:
        if self.bare_year:
            return bool(self.edge)  # "đầu năm", never a bare "năm"
        if self.day is not None and self.month is None:
            # "ngày 1", or a bare day before a later day of a month ("từ 15 đến 20/8"); a bare
            # "từ 5 đến 7%" is a percentage range
            return self.day_head or (other is not None and other.day is not None and other.month is not None
                                     and self.day < other.day)
        return True

    def bounds(self, year: int | None, month: int | None = None) -> tuple[str, str] | None:
        y = self.year or year
        if y is None:
            return None
        m = self.month or month
        if self.day is not None:
            if m is None:
                return None
            d = iso_day(y, m, self.day)
            return (d, d) if d else None
        if m is not None:
            return month_bounds(y, m)
        return year_bounds(y)


class PeriodExtractor:
    def __init__(self, spans_key: str = SPANS_KEY) -> None:
        self.spans_key = spans_key
        d = load_patterns("period", LANG)
        self._d = d
        edges = edge_regex()
        end_edges = phrase_regex([*d["end_edges"], *load_patterns("dates", LANG)["edges"]])
        to, present = phrase_regex(d["range_to"]), phrase_regex(d["present"])
        heads, not_after = phrase_regex(d["year_range_heads"]), phrase_regex(d["not_after_range"])
        this_year, last_year = phrase_regex(d["this_year"]), phrase_regex(d["last_year"])
        which = phrase_regex(d["which"])
        # "năm 2024", "năm nay", "năm ngoái" after a span of months; groups y / rel_now / rel_last
        of_year = (rf"năm(?:\s+(?P<y>{YEAR})|\s+(?P<rel_now>{this_year}){WORD_END}"
                   rf"|\s+(?P<rel_last>{last_year}){WORD_END}|(?!\s+(?:học|\d)))")
        not_amount = rf"(?!\s*(?:{not_after}){WORD_END})"
        flags = re.VERBOSE | re.IGNORECASE
        self._rules: list[tuple[str, re.Pattern[str], Callable]] = [
            ("period.from_to", re.compile(rf"""
                (?<![^\W_])từ\s+{_point("a", edges)}\s*(?:{to})\s*
                (?:(?P<present>{present}){WORD_END}|{_point("b", end_edges)}{not_amount})
                """, flags),
             self._from_to),
            ("period.since", re.compile(rf"""
                (?<![^\W_])từ\s+(?P<edge>{phrase_regex(d["since_edges"])})\s+
                (?:năm(?:\s+(?P<y>{YEAR})|\s+(?P<rel_now>{this_year}){WORD_END}|(?!\s+\d))
                  | tháng\s+(?P<m>{MONTH_RE})(?:\s*[/\-]\s*(?P<my>{YEAR})|\s+năm\s+(?P<my2>{YEAR}))?)
                {NUM_END}(?!\s*(?:{to}|{phrase_regex(d["not_after_since"])}){WORD_END})
                """, flags),
             self._since),
            ("period.year_range", re.compile(rf"""
                {NUM_START}(?:(?P<head>{heads})\s+)?(?P<y1>{YEAR})\s*[-–—]\s*(?P<y2>{YEAR}){NUM_END}{not_amount}
                """, flags),
             self._year_range),
            ("period.months", re.compile(rf"""
                {NUM_START}(?P<n>\d{{1,2}}|{WORD_NUMBER_RE})\s+tháng\s+(?:(?P<which>{which})\s+)?{of_year}
                {NUM_END}""", flags),
             self._months),
            ("period.quarter", re.compile(rf"""
                (?<![^\W_])quý\s+(?P<q>{QUARTER_RE}){WORD_END}
                (?:\s*[/\-]\s*(?P<qy>{YEAR})|\s+{of_year})?{NUM_END}
                """, flags),
             self._quarter),
            ("period.half", re.compile(rf"""
                (?<![^\W_])nửa\s+(?P<which>{which}|sau)\s+
                (?:{of_year}|tháng\s+(?P<m>{MONTH_RE})(?:\s*[/\-]\s*(?P<my>{YEAR}))?){NUM_END}
                """, flags),
             self._half),
            ("period.day_range", re.compile(rf"""
                (?<![^\W_])(?:{day_head_regex()})\s+(?P<d1>{DAY_RE})\s*[-–]\s*(?P<d2>{DAY_RE})
                \s*(?P<sep>[/\-])\s*(?P<m>{MONTH_RE})(?:(?P=sep)(?P<y>{YEAR}))?{NUM_END}
                """, flags),
             self._day_range),
            ("period.month_range", re.compile(rf"""
                (?<![^\W_])tháng\s+(?P<m1>{MONTH_RE})\s*[-–]\s*(?P<m2>{MONTH_RE})
                (?:\s*[/\-]\s*(?P<y>{YEAR})|\s+năm\s+(?P<y2>{YEAR}))?{NUM_END}
                """, flags),
             self._month_range),
        ]
        # "Trong 11 tháng, ..." after "11 tháng năm 2025": the same months again, the year left out.
        # Only right before a comma or full stop: "trong 3 tháng qua" counts back from an unknown day.
        # Also after "bình quân" and at the head of a line or after a colon ("Hà Nội: 11 tháng, thu
        # ngân sách ..."), where headlines put it before the body names the year.
        self._again = re.compile(rf"""
            (?:(?<=trong\s)|(?<=quân\s)|(?<=^)|(?<=\n)|(?<=:\s))(?P<n>\d{{1,2}}|{WORD_NUMBER_RE})\s+tháng
            (?=\s*[,.;:])""", flags | re.MULTILINE)

        # Where each rule may begin (its first words, or a digit) and what must lie close after
        # that start for the rule to be tried: "tháng" after "6" ("6 tháng đầu năm"), a year range
        # after "nhiệm kỳ", a dash after "ngày" ("ngày 2-3/8") or "tháng" ("tháng 8-9/2024").
        day_heads = [h.split()[0] for h in load_patterns("dates", LANG)["day_heads"]]
        numbers = ["mười", "nửa", *UNITS]
        range_heads = [h.split()[0] for h in d["year_range_heads"]]
        triggers: dict[str, tuple[list[str], bool, str | None]] = {
            "period.from_to": (["từ"], False, None), "period.since": (["từ"], False, None),
            "period.year_range": (range_heads, True, "range"), "period.months": (numbers, True, "month"),
            "period.quarter": (["quý"], False, None), "period.half": (["nửa"], False, None),
            "period.day_range": (day_heads, False, "dash"), "period.month_range": (["tháng"], False, "dash"),
        }
        self._word_rules: dict[str, list[str]] = {}
        self._digit_rules: list[str] = []
        self._need = {rule: need for rule, (_, _, need) in triggers.items()}
        for rule, (words, digit, _) in triggers.items():
            for w in words:
                self._word_rules.setdefault(w.lower(), []).append(rule)
            if digit:
                self._digit_rules.append(rule)
        self._starts = StartFinder(list(self._word_rules), digits=True)

    # --- candidate starts ---------------------------------------------------------
    def candidate_starts(self, doc: Doc, text: str) -> dict[str, list[int]]:
        """For each rule, the starts where it is worth trying (ascending); one pass over the
        text finds every rule's first words, then a look at the next few characters."""
        by_rule: dict[str, list[int]] = {rule: [] for rule, _, _ in self._rules}
        ranges: list[int] | None = None
        for pos in self._starts.starts(doc):
            rules: Sequence[str]
            if text[pos].isdigit():
                rules = self._digit_rules
            else:
                w = _WORD_RE.match(text, pos)
                rules = self._word_rules.get(w.group().lower(), ()) if w else ()
            for rule in rules:
                need = self._need[rule]
                if need == "month" and "tháng" not in text[pos:pos + _MONTH_REACH].lower():
                    continue
                if need == "dash" and not _DASH_RE.search(text, pos, pos + _DASH_REACH):
                    continue
                if need == "range":
                    if ranges is None:
                        ranges = ([m.start() for m in _YEAR_RANGE_RE.finditer(text)]
                                  if _DASH_RE.search(text) else [])
                    i = bisect.bisect_left(ranges, pos)
                    if i == len(ranges) or ranges[i] > pos + _RANGE_REACH:
                        continue
                by_rule[rule].append(pos)
        return by_rule

    # --- handlers: match -> (period_start, period_end) or None --------------------
    @staticmethod
    def _relative_year(g: dict, pub: datetime.date | None) -> int | None:
        if g.get("y"):
            return int(g["y"])
        if pub is None:
            return None
        return pub.year - 1 if g.get("rel_last") else pub.year

    def _from_to(self, g: dict, pub: datetime.date | None):
        a = _Point(g, "a")
        b = None if g["present"] else _Point(g, "b")
        if not a.valid(b):
            return None
        if g["present"]:
            if pub is None:
                return None
            year = a.year or resolve_year(None, pub, a.month)
            start = a.bounds(year)
            return (start[0], pub.isoformat()) if start else None
        if b is None or not b.valid():
            return None
        if a.day is not None and a.month is None and b.month is None:
            return None
        month_a, month_b = a.month or (b.month if a.day is not None else None), b.month or (
            a.month if b.day is not None else None)
        year_b = b.year or a.year or resolve_year(None, pub, month_b or month_a)
        year_a = a.year or year_b
        start, end = a.bounds(year_a, month_a), b.bounds(year_b, month_b)
        if not (start and end):
            return None
        if start[0] > end[1] and not a.year and year_a is not None:
            start = a.bounds(year_a - 1, month_a)  # "từ 1/12 đến 15/1/2024" began the year before
        return (start[0], end[1]) if start else None

    def _since(self, g: dict, pub: datetime.date | None):
        if pub is None:
            return None
        if g["m"]:
            month = int(g["m"])
            y = g["my"] or g["my2"]
            y = int(y) if y else resolve_year(None, pub, month)
            start = month_bounds(y, month)[0]
        else:
            start = year_bounds(int(g["y"]) if g["y"] else pub.year)[0]
        return start, pub.isoformat()

    def _year_range(self, g: dict, pub: datetime.date | None):
        y1, y2 = int(g["y1"]), int(g["y2"])
        if y2 <= y1 or y2 - y1 > 50:
            return None
        return year_bounds(y1)[0], year_bounds(y2)[1]

    def _months(self, g: dict, pub: datetime.date | None):
        n = parse_number(g["n"])
        if n != int(n) or not 1 <= n <= 12:
            return None
        n = int(n)
        if not (g["which"] or g["y"] or g["rel_now"] or g["rel_last"]):
            return None  # "6 tháng năm" without a year is no period
        y = self._relative_year(g, pub)
        if y is None:
            return None
        if self._d["which"].get((g["which"] or "").lower()) == "last":
            return months_bounds(y, 13 - n, 12)
        return months_bounds(y, 1, n)

    def _quarter(self, g: dict, pub: datetime.date | None):
        q = quarter_number(g["q"])
        y = int(g["qy"]) if g["qy"] else self._relative_year(g, pub)
        return quarter_bounds(y, q) if y else None

    def _half(self, g: dict, pub: datetime.date | None):
        first = self._d["which"].get(g["which"].lower()) == "first"
        if g["m"]:  # "nửa đầu tháng 8": 1-15, "nửa cuối tháng 8": 16-end
            month = int(g["m"])
            y = resolve_year(g["my"], pub, month)
            if y is None:
                return None
            return (iso_day(y, month, 1 if first else 16), iso_day(y, month, 15 if first else month_end(y, month)))
        y = self._relative_year(g, pub)
        if y is None:
            return None
        return months_bounds(y, 1, 6) if first else months_bounds(y, 7, 12)

    def _day_range(self, g: dict, pub: datetime.date | None):
        month = int(g["m"])
        y = resolve_year(g["y"], pub, month)
        if y is None:
            return None
        a, b = iso_day(y, month, int(g["d1"])), iso_day(y, month, int(g["d2"]))
        return (a, b) if a and b and a < b else None

    def _month_range(self, g: dict, pub: datetime.date | None):
        m1, m2 = int(g["m1"]), int(g["m2"])
        if m2 <= m1:
            return None
        y = resolve_year(g["y"] or g["y2"], pub, m2)
        return months_bounds(y, m1, m2) if y else None

    def __call__(self, doc: Doc) -> Doc:
        text = matching_text(doc)
        pub = publication_date(doc)
        starts = self.candidate_starts(doc, text)
        months: list[tuple[int, float, tuple[str, str]]] = []  # (start, n, bounds) of "n tháng đầu năm"
        for rule, regex, handler in self._rules:
            for m in matches_at(regex, text, starts[rule]):
                try:
                    bounds = handler(m.groupdict(), pub)
                except (KeyError, ValueError):
                    logger.debug("unparsed period %r", m.group(0))
                    continue
                if not bounds or not all(bounds) or bounds[0] > bounds[1]:
                    continue
                add_fact(doc, m.start(), m.end(), KIND,
                         {"period_start": bounds[0], "period_end": bounds[1]}, rule, spans_key=self.spans_key)
                if rule == "period.months" and bounds[0].endswith("-01-01"):
                    months.append((m.start(), parse_number(m.group("n")), bounds))
        if months:
            self._months_again(doc, text, starts["period.months"], months)
        return doc

    def _months_again(self, doc: Doc, text: str, starts: list[int],
                      months: list[tuple[int, float, tuple[str, str]]]) -> None:
        """A bare "trong N tháng," with "N tháng (đầu) năm YYYY" elsewhere in the article takes its
        bounds (from the closest earlier mention, else the first later one)."""
        for m in matches_at(self._again, text, starts):
            try:
                n = parse_number(m.group("n"))
            except ValueError:
                continue
            earlier = [b for pos, k, b in months if k == n and pos < m.start()]
            later = [b for pos, k, b in months if k == n and pos > m.start()]
            bounds = earlier[-1] if earlier else later[0] if later else None
            if bounds:
                add_fact(doc, m.start(), m.end(), KIND,
                         {"period_start": bounds[0], "period_end": bounds[1]}, "period.months_again",
                         spans_key=self.spans_key)


@Vietnamese.factory("newsfacts_period", assigns=["doc.spans", "span._.fact"],
                    default_config={"spans_key": SPANS_KEY})
def make_period(nlp: Vietnamese, name: str, spans_key: str) -> PeriodExtractor:
    return PeriodExtractor(spans_key=spans_key)
