"""Vietnamese counts: "15 đảng viên", "hơn 11.300 cán bộ, đảng viên", "ba tổ công tác", "1,2 triệu
lượt khách", "từ 5 đến 7 nhiệm vụ", and bare figures of an enumeration that take the unit named
next to them ("khiển trách 4, cảnh cáo 2 và khai trừ 1 đảng viên").

One compiled regex tried at the figures' starts; the counted noun phrase after the figure
(nounphrase.py) is the unit and closes the span. Figures after naming words ("lần thứ 16",
"Phường 1", "quốc lộ 1A"), before time, measure and money words ("8 giờ", "10 ngày", "56 tuổi"),
years, and word numbers used as ordinary words ("năm nay", "một số") are not counts; figures that
belong to money, quantities, ranks, ratios and percentages lose to them in newsfacts_resolve.
"""
from __future__ import annotations

import bisect
import logging
import re

from spacy.lang.vi import Vietnamese
from spacy.tokens import Doc

from extractors.lang.common import Candidate, parse_range
from extractors.lang.vi.nounphrase import noun_phrase_after, syllables_before
from extractors.lang.vi.numbers import LANG, SCALE_RE, WORD_NUMBER_RE, number_starts, parse_number
from extractors.nlp import (SPANS_KEY, add_fact, load_patterns, matches_at, matching_text, phrase_regex,
                            qualifier_code, qualifier_regex, sentence_starts)

logger = logging.getLogger(__name__)

KIND = "count"
_INT = r"(?:\d{1,3}(?:\.\d{3})+|\d+)"
# Whole numbers; a decimal only before a scale word ("1,2 triệu lượt khách").
_FIG = rf"(?:\d+(?:[.,]\d+)*\s+{SCALE_RE}|{_INT}|(?:{WORD_NUMBER_RE})(?:\s+{SCALE_RE})?)"
_END = r"(?![\w%/:°²³-]|[.,]\d)"
_WORD_AFTER_RE = re.compile(r"[ \t\u00a0]*([^\W\d_]+|%)")
_BARE_END_RE = re.compile(r"[ \t]*(?:[,;.)]|và[ \t]|$)")


class CountExtractor:
    def __init__(self, spans_key: str = SPANS_KEY) -> None:
        self.spans_key = spans_key
        d = load_patterns("count", LANG)
        self._labels = frozenset(d["label_before"])
        self._label_exceptions = frozenset(d["label_exceptions"])
        self._not_units = frozenset(d["not_units"])
        self._multiplier = frozenset(d["multiplier_before"])
        self._bare_cues = frozenset(d["bare_cues"])
        self._idioms = re.compile(rf"(?<![^\W\d_])(?:{phrase_regex(d['idioms'])})(?![^\W\d_])", re.IGNORECASE)
        # "5 đồng chí" counts comrades; "5 tỷ đồng" is money
        not_after_dong = phrase_regex(load_patterns("money", LANG)["not_after_dong"])
        self._dong_word = re.compile(rf"\s+(?:{not_after_dong})(?![^\W\d_])")
        nums = load_patterns("numbers", LANG)
        self._nam_not_before = frozenset(nums["nam_not_before"])
        self._mot_not_before = frozenset(nums["mot_not_before"])
        self._ambiguous = frozenset(nums["ambiguous"])
        self._excluded_words = frozenset(nums["count_word_numbers_excluded"])
        self._re = re.compile(rf"""
            (?<![\w.,:-])(?<!\d/)
            (?:(?P<qual>{qualifier_regex(LANG)})\s+)?
            (?:
                (?P<from>từ)\s+(?P<lo1>{_FIG})\s*(?:đến|tới|[-–])\s*(?P<hi1>{_FIG})
              | (?P<lo2>{_INT})\s?[-–]\s?(?P<hi2>{_INT})
              | (?P<num>{_FIG})
            )
            {_END}
            """, re.IGNORECASE | re.VERBOSE)
        self._starts = number_starts()

    def _not_a_count(self, text: str, m: re.Match[str]) -> str | None:
        one, two = syllables_before(text, m.start())
        if two in self._labels or (one in self._labels and two not in self._label_exceptions):
            return "label"
        raw = m.group("num") or ""
        if len(raw) == 4 and raw.isdecimal() and 1900 <= int(raw) <= 2100:
            return "year"
        after = _WORD_AFTER_RE.match(text, m.end())
        nxt = after.group(1).lower() if after else ""
        if nxt in self._not_units and not (nxt == "đồng" and after is not None
                                           and self._dong_word.match(text, after.end())):
            return "not a unit"
        if one in self._multiplier and nxt == "lần":
            return "multiplier"
        lead = m.group("lo1") or m.group("num")
        first = lead.split()[0].lower() if lead else ""
        if first in self._excluded_words and (m.group("num") or "").lower() == first:
            return "article or year"  # "một người", "năm công tác"
        if first and not first[0].isdigit():
            if self._idioms.match(text, m.start("lo1") if m.group("lo1") else m.start("num")):
                return "idiom"
            if after and after.group(1)[:1].isupper():
                return "name"  # "Hai Bà Trưng", "Ba Vì", "năm Thành phố giao"
            if first in self._ambiguous and not m.group("qual"):
                if first == "năm" and nxt in self._nam_not_before:
                    return "năm"
                if first == "một" and nxt in self._mot_not_before:
                    return "một"
        return None

    def __call__(self, doc: Doc) -> Doc:
        text = matching_text(doc)
        found: list[Candidate] = []
        for m in matches_at(self._re, text, self._starts.starts(doc)):
            lo = m.group("lo1") or m.group("lo2")
            hi = m.group("hi1") or m.group("hi2")
            figures = parse_range(parse_number, lo or m.group("num"), hi)
            if figures is None:
                continue
            value, value_max = figures
            if value_max is not None and value_max <= value:
                continue
            why = self._not_a_count(text, m)
            if why:
                logger.debug("not a count (%s): %r", why, m.group(0))
                continue
            fields = {"value": value, "value_max": value_max,
                      "qualifier": qualifier_code(m.group("qual"), LANG)}
            phrase = noun_phrase_after(text, m.end())
            if phrase is not None:
                fields["unit"] = phrase.text
                rule = "count.range" if hi else (
                    "count.noun" if (lo or m.group("num"))[0].isdigit() else "count.word_number")
                found.append(Candidate(m.start(), phrase.end, fields, rule, False))
            elif not hi and self._bare_ok(text, m):
                found.append(Candidate(m.start(), m.end(), fields, "count.list_inherit", True))
        for c in self._inherit(doc, found):
            add_fact(doc, c.start, c.end, KIND, c.fields, c.rule, spans_key=self.spans_key)
        return doc

    def _bare_ok(self, text: str, m: re.Match[str]) -> bool:
        """A figure with no noun after it may count in an enumeration ("khiển trách 4, cảnh cáo 2")."""
        if m.group("qual") or not (m.group("num") or "")[:1].isdigit():
            return False
        if not _BARE_END_RE.match(text, m.end()):
            return False
        one, two = syllables_before(text, m.start())
        return one in self._bare_cues or two in self._bare_cues

    def _inherit(self, doc: Doc, found: list[Candidate]) -> list[Candidate]:
        """Bare figures take the unit of the next count in their sentence ("... và khai trừ 1 đảng
        viên"), else of the previous one."""
        if not any(c.bare for c in found):
            return found
        starts = sentence_starts(doc)
        sent_of = [bisect.bisect_right(starts, c.start) - 1 for c in found]
        out: list[Candidate] = []
        for i, c in enumerate(found):
            if not c.bare:
                out.append(c)
                continue
            unit = None
            for j in range(i + 1, len(found)):
                if sent_of[j] != sent_of[i]:
                    break
                if not found[j].bare:
                    unit = found[j].fields["unit"]
                    break
            if unit is None:
                for j in range(i - 1, -1, -1):
                    if sent_of[j] != sent_of[i]:
                        break
                    if not found[j].bare:
                        unit = found[j].fields["unit"]
                        break
            if unit is not None:
                out.append(c._replace(fields={**c.fields, "unit": unit}))
        return out


@Vietnamese.factory("newsfacts_count", assigns=["doc.spans", "span._.fact"],
                    default_config={"spans_key": SPANS_KEY})
def make_count(nlp: Vietnamese, name: str, spans_key: str) -> CountExtractor:
    return CountExtractor(spans_key=spans_key)
