"""Vietnamese quantities, a measurement with a unit: "246,5 ha", "53.350ha", "5,6 km", "12.000 m2",
"38.000 tấn", "15 MW", "10 ngày", "15 ngày làm việc", "hai năm", "nửa năm", "từ 3 đến 5 km".

One compiled regex tried at the figures' starts near a unit (patterns/quantity.json); span =
qualifier + ("từ") + figure(s) + unit. A duration that opens a period or counts back from an
unknown day ("6 tháng đầu năm", "5 tháng qua") is not a quantity, nor a clock time ("8 giờ 30",
"lúc 14 giờ"), nor a unit word starting a date ("2 tháng 9" reads as a day).
"""
from __future__ import annotations

import functools
import logging
import re
from typing import Any

from spacy.lang.vi import Vietnamese
from spacy.tokens import Doc

from extractors.lang.vi.nounphrase import noun_phrase_after, syllables_before
from extractors.lang.vi.numbers import DIGITS_RE, LANG, SCALE_RE, WORD_NUMBER_RE, number_starts, parse_number
from extractors.nlp import (SPANS_KEY, StartFinder, add_fact, load_patterns, matches_at, matching_text, near,
                            phrase_regex, qualifier_code, qualifier_regex)

logger = logging.getLogger(__name__)

KIND = "quantity"
_REACH = 60


def _key(s: str) -> str:
    return " ".join(s.lower().split())


@functools.lru_cache(maxsize=1)
def _tables() -> dict[str, Any]:
    d = load_patterns("quantity", LANG)
    return {"units": {_key(k): v for k, v in d["units"].items()}, "glued": d["glued"],
            "durations": d["durations"], "period_after": d["period_after"],
            "period_before": frozenset(d["period_before"]), "clock": frozenset(d["clock_units"]),
            "clock_duration_before": frozenset(d["clock_duration_before"]),
            "frequency_before": frozenset(d["frequency_before"]),
            "points_cues": re.compile(phrase_regex(d["points_cues"]), re.IGNORECASE),
            "not_before": frozenset(d["not_before"])}


class QuantityExtractor:
    def __init__(self, spans_key: str = SPANS_KEY, reach: int = _REACH) -> None:
        self.spans_key = spans_key
        self.reach = reach
        t = self._t = _tables()
        fig = rf"(?:{DIGITS_RE}|{WORD_NUMBER_RE})"
        self._re = re.compile(rf"""
            (?<![\w.,/:-])
            (?:(?P<qual>{qualifier_regex(LANG)})\s+)?
            (?:(?P<from>từ)\s+)?
            (?P<lo>{fig})
            (?:\s?(?:[-–]|(?(from)(?:đến|tới)))\s?(?P<hi>{fig}))?
            (?:\s+(?P<scale>{SCALE_RE}))?
            (?:
                (?P<glued>{phrase_regex(t["glued"])})(?![^\W\d_²³/])
              | [ \t\u00a0]+(?P<unit>{phrase_regex(t["units"])})(?![^\W\d_²³])
              | [ \t\u00a0]+(?P<dur>{phrase_regex(t["durations"])})(?![^\W\d_])
            )
            """, re.IGNORECASE | re.VERBOSE)
        self._period_after = re.compile(rf"[ \t]+(?:{phrase_regex(t['period_after'])})(?![^\W\d_])", re.IGNORECASE)
        self._clock_after = re.compile(r"[ \t]*(?:\d|sáng|chiều|tối|trưa|đêm|ngày)", re.IGNORECASE)
        self._units = StartFinder((), [*t["units"], *t["glued"], *t["durations"]], inside_words=True)

    def candidate_starts(self, doc: Doc) -> list[int]:
        return near(number_starts().starts(doc), self._units.starts(doc), self.reach)

    def _not_a_quantity(self, text: str, m: re.Match[str]) -> str | None:
        before = syllables_before(text, m.start())[0]
        if before in self._t["not_before"]:
            return "label or date"
        dur = (m.group("dur") or "").lower()
        if dur and before in self._t["frequency_before"]:
            return "frequency"  # "cứ 10 phút có một chuyến"
        if dur:
            if self._period_after.match(text, m.end()) or before in self._t["period_before"] and dur != "ngày":
                return "period"
            lo_before = syllables_before(text, m.start("lo"))[0]
            if dur == "giờ" and (lo_before not in self._t["clock_duration_before"]
                                 or self._clock_after.match(text, m.end())):
                return "clock"  # "lúc 14 giờ", "8 giờ 30"; "trong 48 giờ" is a duration
            if dur in ("phút", "giây") and before in ("giờ", "phút"):
                return "clock"  # "8 giờ 30 phút"
            if dur in ("tháng", "năm") and re.match(r"\s*\d", text[m.end():m.end() + 3]):
                return "date"  # "2 tháng 9", "1 năm 2024" read as dates
            if dur == "năm" and re.match(r"(?:19|20)\d\d$", m.group("lo")):
                return "year"
        if (m.group("unit") or "").lower() == "điểm":
            # exam and index scores; "1.370 điểm tập kết" counts places
            if noun_phrase_after(text, m.end()) is not None or not self._t["points_cues"].search(
                    text, max(0, m.start() - 200), m.end() + 100):
                return "not a score"
        return None

    def __call__(self, doc: Doc) -> Doc:
        text = matching_text(doc)
        t = self._t
        for m in matches_at(self._re, text, self.candidate_starts(doc)):
            why = self._not_a_quantity(text, m)
            if why:
                logger.debug("not a quantity (%s): %r", why, m.group(0))
                continue
            if m.group("dur"):
                unit, rule = _key(m.group("dur")), "quantity.duration"
            else:
                unit = t["units"].get(_key(m.group("unit") or m.group("glued")), _key(m.group("glued") or ""))
                rule = "quantity.glued" if m.group("glued") else "quantity.unit"
            try:
                scale = f" {m.group('scale')}" if m.group("scale") else ""
                value = parse_number(m.group("lo") + scale)
                value_max = parse_number(m.group("hi") + scale) if m.group("hi") else None
            except ValueError:
                continue
            if value_max is not None and value_max <= value:
                continue
            start, qualifier = m.start(), qualifier_code(m.group("qual"), LANG)
            if m.group("from") and value_max is None:
                start = m.start("lo")  # "giảm từ 15 ngày xuống 7 ngày": no range
                if qualifier:
                    continue
            add_fact(doc, start, m.end(), KIND,
                     {"value": value, "value_max": value_max, "qualifier": qualifier, "unit": unit},
                     "quantity.range" if value_max is not None else rule, spans_key=self.spans_key)
        return doc


@Vietnamese.factory("newsfacts_quantity", assigns=["doc.spans", "span._.fact"],
                    default_config={"spans_key": SPANS_KEY, "reach": _REACH})
def make_quantity(nlp: Vietnamese, name: str, spans_key: str, reach: int) -> QuantityExtractor:
    return QuantityExtractor(spans_key=spans_key, reach=reach)
