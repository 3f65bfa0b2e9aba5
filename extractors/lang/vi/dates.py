"""Vietnamese dates: "ngày 7/8/2023", "ngày 19 tháng 7 năm 2024", "7-8-2023", "26.7.2016",
"15/04/2024", "tháng 9/2023", "tháng 9-2023", "tháng 12" (year from the publication date),
"năm 2024", "cuối tháng 9/2023" and "đầu năm 2024" (the edge word stays in the span, the date keeps
its written precision), and a day/month without a year ("30/9", "15-8") in a date context: after
"ngày" (in the span), a time of day ("sáng", "chiều nay"), a weekday ("thứ Hai", "Chủ nhật"),
"hôm", or a clock time as in the dateline "(16:27 19/07/2024)" (those stay outside the span); after a
deadline word ("trước 15-11", "từ 1/7", "đến 30/6", "và 6/8") only when no counted noun follows.

Rules: date.dmy_words / date.dm_words ("ngày 19 tháng 7 [năm 2024]"), date.dmy_numeric (a numeric
date with its year, with or without "ngày"), date.dm_numeric ("ngày 30/9", "sáng 19/7"), date.dm_cued
("trước 15-11"), date.dateline, date.month_year / date.month ("[cuối] tháng 9/2023", "tháng 12"),
date.year ("[đầu] năm 2024").

Elsewhere "122/161" is a ratio, "53/2017/NĐ-CP" a document number, "15-8" a range, "16:27" and
"8h30" clock times, "năm nay" and "cùng kỳ năm trước" relative words, "năm học" alone a label and
"Covid-19" a name: none is a date. Dates inside periods ("6 tháng đầu năm 2024", "từ ngày 1/7 đến
ngày 15/7") are matched here too and dropped by the resolver (period outranks date), so both
components must agree on spans.

One compiled regex, tried only at candidate starts (a head, edge or context word, or a digit) that
have a digit within reach.
"""
from __future__ import annotations

import logging
import re

from spacy.lang.vi import Vietnamese
from spacy.tokens import Doc

from extractors.datenorm import iso_day, iso_month
from extractors.lang.vi.calendar import (
    DAY_RE,
    MONTH_RE,
    NUM_END,
    NUM_START,
    WORD_END,
    YEAR,
    day_context_regex,
    day_head_regex,
    edge_regex,
    lexicon,
    year_for,
    year_suffix_regex,
    years_ok,
)
from extractors.nlp import (
    SPANS_KEY,
    StartFinder,
    add_fact,
    matches_at,
    matching_text,
    near,
    phrase_regex,
    publication_date,
)

logger = logging.getLogger(__name__)

KIND = "date"
# Every date has a digit at most this far after its start ("chiều Chủ nhật (5/8)", "trung tuần tháng 9").
_REACH = 40


def _numeric(p: str, year: str = "optional") -> str:
    """'7/8/2023', '7-8-2023', '26.7.2016', '30/9': groups p_d, p_m, p_y (one separator kind)."""
    tail = rf"(?P={p}_sep)(?P<{p}_y>{YEAR})"
    tail = {"optional": f"(?:{tail})?", "required": tail}[year]
    return rf"(?P<{p}_d>{DAY_RE})(?P<{p}_sep>[/.\-]){MONTH_RE.replace('(?:', f'(?P<{p}_m>', 1)}{tail}"


def build_regex() -> re.Pattern[str]:
    d = lexicon()
    edge, head, ctx, suffix = edge_regex(), day_head_regex(), day_context_regex(), year_suffix_regex()
    not_after = phrase_regex(d["not_after_year"])
    not_after_month = phrase_regex(d["not_after_month"])
    cue, after_cue = phrase_regex(d["deadline_cues"]), phrase_regex(d["after_deadline_date"])
    # A year range ("năm 2020-2025") or a slashed year ("năm 2024/2025") is not a year.
    no_range = r"(?!\s*[-–—]\s*\d|\s*/\s*\d)"
    return re.compile(rf"""
        {NUM_START}
        (?:
            # ngày 19 tháng 7 [năm 2024]
            (?P<a_head>{head})\s+(?P<a_d>{DAY_RE})\s+tháng\s+(?P<a_m>{MONTH_RE})
                (?:\s+năm\s+(?P<a_y>{YEAR})|\s*[/\-]\s*(?P<a_y2>{YEAR})|\s+(?P<a_suf>{suffix}))?
          # ngày 7/8/2023, ngày 30/9 [năm ngoái]
          | (?P<b_head>{head})\s+{_numeric("b")}(?:(?<!\d{{4}})\s+(?P<b_suf>{suffix}))?
          # sáng 19/7, thứ Hai (5/8), hôm 15-8: the cue stays outside
          | (?P<c_ctx>{ctx}){_numeric("c")}
          # trước 15-11, từ 1/7, vào 30/4: only when no counted noun follows ("đến 15/17 xã" is a ratio)
          | (?P<e_cue>{cue})\s+{_numeric("e")}(?={NUM_END}(?:\s*(?:[,.;:!?)\n]|$)|\s+(?:{after_cue}){WORD_END}))
          # the dateline "(16:27 19/07/2024)"
          | (?P<k_clock>\d{{1,2}}[:h]\d{{2}}\s*,?\s+){_numeric("k")}
          # 15/04/2024, 7-8-2023, 26.7.2016
          | {_numeric("n", "required")}
          # [cuối] tháng 9/2023, tháng 9-2023, tháng 9 năm 2023, tháng 12 [năm ngoái]
          | (?:(?P<m_edge>{edge})\s+)?tháng\s+(?P<m_m>{MONTH_RE})
                (?:\s*[/\-]\s*(?P<m_y>{YEAR})|\.(?P<m_y3>{YEAR})|\s+năm\s+(?P<m_y2>{YEAR})|\s+(?P<m_suf>{suffix})
                  | (?!\s*[-–/]\s*\d|,\d|\s+(?:{not_after_month}){WORD_END}))
          # [đầu] năm 2024
          | (?:(?P<y_edge>{edge})\s+)?năm\s+(?P<y_y>{YEAR}){no_range}
                (?!\s*(?:{not_after}){WORD_END})
        )
        {NUM_END}
        """, re.VERBOSE | re.IGNORECASE)


class DateExtractor:
    def __init__(self, spans_key: str = SPANS_KEY, reach: int = _REACH) -> None:
        self.spans_key = spans_key
        self.reach = reach
        d = lexicon()
        self._re = build_regex()
        self._starts = StartFinder(["tháng", "năm"], [*d["edges"], *d["day_heads"], *d["time_of_day"],
                                                      *d["weekdays"], *d["day_words"], *d["deadline_cues"]],
                                   digits=True)
        self._digits = StartFinder(digits=True)

    def candidate_starts(self, doc: Doc) -> list[int]:
        return near(self._starts.starts(doc), self._digits.starts(doc), self.reach)

    def __call__(self, doc: Doc) -> Doc:
        text = matching_text(doc)
        pub = publication_date(doc)
        for m in matches_at(self._re, text, self.candidate_starts(doc)):
            g = m.groupdict()
            start = m.start()
            if g["a_d"]:
                month, day = int(g["a_m"]), int(g["a_d"])
                written = g["a_y"] or g["a_y2"]
                year = year_for(written, pub, month, g["a_suf"])
                date, gran, rule = _day(year, month, day), "day", "date.dmy_words" if written else "date.dm_words"
            elif g["b_d"] or g["c_d"] or g["e_d"] or g["k_d"] or g["n_d"]:
                p = next(p for p in "bcekn" if g[f"{p}_d"])
                month, day, written = int(g[f"{p}_m"]), int(g[f"{p}_d"]), g[f"{p}_y"]
                if g[f"{p}_sep"] == "." and not written and p != "b":
                    continue  # "sáng 8.5" reads as a decimal more than a date
                year = year_for(written, pub, month, g.get(f"{p}_suf"))
                if p in "cek":
                    start = m.start(f"{p}_d")
                date, gran = _day(year, month, day), "day"
                rule = ("date.dateline" if p == "k" else "date.dm_cued" if p == "e" and not written else
                        "date.dmy_numeric" if written else "date.dm_numeric")
            elif g["m_m"]:
                month = int(g["m_m"])
                written = g["m_y"] or g["m_y2"] or g["m_y3"]
                year = year_for(written, pub, month, g["m_suf"])
                date, gran = (iso_month(year, month) if year else None), "month"
                rule = "date.month_year" if written else "date.month"
            else:
                year = int(g["y_y"])
                if not years_ok(year):
                    continue
                date, gran, rule = g["y_y"], "year", "date.year"
            if written_year_bad(g):
                continue
            if date is None:
                logger.debug("no date for %r", m.group(0))
                continue
            add_fact(doc, start, m.end(), KIND, {"date": date, "granularity": gran}, rule,
                     spans_key=self.spans_key)
        return doc


def _day(year: int | None, month: int, day: int) -> str | None:
    return iso_day(year, month, day) if year is not None else None


def written_year_bad(g: dict) -> bool:
    """A four-digit 'year' outside the bounds of patterns/dates.json."""
    for key in ("a_y", "a_y2", "b_y", "c_y", "e_y", "k_y", "n_y", "m_y", "m_y2", "m_y3"):
        if g.get(key) and not years_ok(int(g[key])):
            return True
    return False


@Vietnamese.factory("newsfacts_date", assigns=["doc.spans", "span._.fact"],
                    default_config={"spans_key": SPANS_KEY, "reach": _REACH})
def make_date(nlp: Vietnamese, name: str, spans_key: str, reach: int) -> DateExtractor:
    return DateExtractor(spans_key=spans_key, reach=reach)
