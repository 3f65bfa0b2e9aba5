"""Vietnamese percentages: "7,6%", "49,1 phần trăm", "2,1 điểm phần trăm" (percentage points),
"5-7%", "từ 5 đến 7%", "gần 100%".

One compiled regex tried at the figures' starts near a sign; span = qualifier + ("từ") + figure(s)
+ sign. "tỷ lệ" (rate) before the figure stays outside.
"""
from __future__ import annotations

import logging
import re

from spacy.lang.vi import Vietnamese
from spacy.tokens import Doc

from extractors.lang.common import parse_range
from extractors.lang.vi.numbers import DIGITS_RE, LANG, WORD_NUMBER_RE, number_starts, parse_number
from extractors.nlp import (SPANS_KEY, StartFinder, add_fact, load_patterns, matches_at, matching_text, near,
                            phrase_regex, qualifier_code, qualifier_regex)

logger = logging.getLogger(__name__)

KIND = "percentage"
_REACH = 60  # the sign lies at most this far after the start ("không quá từ 12,5 đến 15,5 điểm")


class PercentageExtractor:
    def __init__(self, spans_key: str = SPANS_KEY, reach: int = _REACH) -> None:
        self.spans_key = spans_key
        self.reach = reach
        d = load_patterns("percentage", LANG)
        fig = rf"(?:{DIGITS_RE}|{WORD_NUMBER_RE})"
        sign, words, points = phrase_regex(d["signs"]), phrase_regex(d["words"]), phrase_regex(d["points"])
        to = phrase_regex(d["range_to"])
        self._re = re.compile(rf"""
            (?<![\w.,/%=&?\#-])
            (?:(?P<qual>{qualifier_regex(LANG)})\s+)?
            (?:
                (?P<from>từ)\s+(?P<lo1>{fig})\s*(?:{sign}|{words})?\s*{to}\s*(?P<hi1>{fig})
              | (?P<lo2>{DIGITS_RE})\s?(?:{sign})?\s?[-–]\s?(?P<hi2>{DIGITS_RE})
              | (?P<num>{fig})
            )
            [ \t\u00a0]*(?:(?P<points>{points})|(?P<word>{words})|(?P<sign>{sign}))
            (?![^\W\d_])
            """, re.IGNORECASE | re.VERBOSE)
        self._signs = StartFinder((), d["signs"] + d["words"] + d["points"], inside_words=True)

    def candidate_starts(self, doc: Doc) -> list[int]:
        return near(number_starts().starts(doc), self._signs.starts(doc), self.reach)

    def __call__(self, doc: Doc) -> Doc:
        text = matching_text(doc)
        for m in matches_at(self._re, text, self.candidate_starts(doc)):
            lo = m.group("lo1") or m.group("lo2")
            hi = m.group("hi1") or m.group("hi2")
            figures = parse_range(parse_number, lo or m.group("num"), hi)
            if figures is None:
                logger.debug("unparsed percentage %r", m.group(0))
                continue
            value, value_max = figures
            if value_max is not None and value_max <= value:
                continue  # "tăng từ 5% lên 7%" is a change, not a range; "2-1%" junk
            rule = ("percentage.points" if m.group("points") else "percentage.range" if hi else
                    "percentage.word" if m.group("word") else "percentage.symbol")
            fields = {"value": value, "value_max": value_max,
                      "qualifier": qualifier_code(m.group("qual"), LANG),
                      "unit": "percentage_points" if m.group("points") else None}
            add_fact(doc, m.start(), m.end(), KIND, fields, rule, spans_key=self.spans_key)
        return doc


@Vietnamese.factory("newsfacts_percentage", assigns=["doc.spans", "span._.fact"],
                    default_config={"spans_key": SPANS_KEY, "reach": _REACH})
def make_percentage(nlp: Vietnamese, name: str, spans_key: str, reach: int) -> PercentageExtractor:
    return PercentageExtractor(spans_key=spans_key, reach=reach)
