"""Vietnamese ratios, a part of a whole: "122/161 nhiệm vụ", "21/21 phường", "356 trên tổng số 386
xã", "15 trên 17 đơn".

"a/b" is also how Vietnamese writes dates ("ngày 15/4", "tháng 6/2024"), document numbers
("2618/QĐ-UBND", "53/2017/NĐ-CP") and ranks ("xếp thứ 5/30"): the words before the figure
(patterns/ratio.json) and the shape of b rule those out. The span runs on over the counted noun
phrase; a bare "15/17" takes the unit of the closest earlier ratio in its sentence, else of the
whole counted before it ("tiếp nhận 17 đơn, đã giải quyết 15/17").
"""
from __future__ import annotations

import logging
import re

from spacy.lang.vi import Vietnamese
from spacy.tokens import Doc

from extractors.lang.common import Candidate, inherit_ratio_units
from extractors.lang.vi.nounphrase import noun_phrase_after, syllables_before
from extractors.lang.vi.numbers import LANG, number_starts, parse_number
from extractors.nlp import (SPANS_KEY, StartFinder, add_fact, load_patterns, matches_at, matching_text, near,
                            phrase_regex)

logger = logging.getLogger(__name__)

KIND = "ratio"
_INT = r"(?:\d{1,3}(?:\.\d{3})+|\d+)"
_END = r"(?![\w/%]|[.,]\d|-[^\W\d_])"
_REACH = 30


class RatioExtractor:
    def __init__(self, spans_key: str = SPANS_KEY, reach: int = _REACH) -> None:
        self.spans_key = spans_key
        self.reach = reach
        d = load_patterns("ratio", LANG)
        self._rank_cues = frozenset(d["rank_cues"])
        self._date_cues = frozenset(d["date_cues"])
        self._idioms = frozenset(d["idioms"])
        self._years = range(int(d["year_min"]), int(d["year_max"]) + 1)
        self._re = re.compile(rf"""
            (?<![\w/.,:-])(?P<n1>{_INT}(?:,\d+)?)\s?/\s?(?P<d1>{_INT}(?:,\d+)?){_END}
          | (?<![\w.,/])(?P<n2>{_INT})\s+(?:{phrase_regex(d["of_links"])})\s+(?P<d2>{_INT}){_END}
            """, re.IGNORECASE | re.VERBOSE)
        self._links = StartFinder(["trên", "trong"], symbols="/", inside_words=True)

    def _is_year(self, raw: str) -> bool:
        return len(raw) == 4 and raw.isdigit() and int(raw) in self._years

    def _rejected(self, text: str, m: re.Match[str], num: float, den: float, has_unit: bool) -> str | None:
        one, two = syllables_before(text, m.start())
        if one in self._rank_cues or two in self._rank_cues:
            return "rank"
        if m.group("n1"):
            if m.group(0).replace(" ", "") in self._idioms:
                return "idiom"
            if self._is_year(m.group("d1")):
                return "month/year" if num <= 12 or self._is_year(m.group("n1")) else (
                    None if has_unit else "year")
            small = 1 <= num <= 31 and 1 <= den <= 12
            if small and (one in self._date_cues or two in self._date_cues):
                return "date"
            if small and not has_unit and text.startswith("/", m.end()):
                return "date"
        return None

    def candidate_starts(self, doc: Doc) -> list[int]:
        return near(number_starts().starts(doc), self._links.starts(doc), self.reach)

    def __call__(self, doc: Doc) -> Doc:
        text = matching_text(doc)
        found: list[Candidate] = []
        for m in matches_at(self._re, text, self.candidate_starts(doc)):
            n, d, rule = ("n1", "d1", "ratio.slash") if m.group("n1") else ("n2", "d2", "ratio.of_total")
            try:
                num, den = parse_number(m.group(n)), parse_number(m.group(d))
            except ValueError:
                continue
            if den == 0:
                continue
            phrase = noun_phrase_after(text, m.end())
            why = self._rejected(text, m, num, den, phrase is not None)
            if why:
                logger.debug("not a ratio (%s): %r", why, m.group(0))
                continue
            fields = {"numerator": num, "denominator": den, "unit": phrase.text if phrase else None}
            found.append(Candidate(m.start(), phrase.end if phrase else m.end(), fields, rule))
        if any(c.fields["unit"] is None for c in found):
            inherit_ratio_units(doc, text, found, ".", noun_phrase_after)
        for c in found:
            add_fact(doc, c.start, c.end, KIND, c.fields, c.rule, spans_key=self.spans_key)
        return doc


@Vietnamese.factory("newsfacts_ratio", assigns=["doc.spans", "span._.fact"],
                    default_config={"spans_key": SPANS_KEY, "reach": _REACH})
def make_ratio(nlp: Vietnamese, name: str, spans_key: str, reach: int) -> RatioExtractor:
    return RatioExtractor(spans_key=spans_key, reach=reach)
