"""Vietnamese money: "176.737 tỷ đồng" (VND), "46,5 triệu đồng", "5.330,9 tỷ đồng", "2 nghìn tỷ
đồng", "1,12 tỷ USD", "1.500 tỷ VNĐ", "65 triệu đồng/m2" (unit m2), "từ 70 đến 120 triệu đồng/m2",
"70-120 triệu đồng", "hơn 412 tỷ đồng", "US$5 triệu".

One compiled regex tried at the figures' starts near a currency word; span = qualifier + ("từ")
+ amount(s) + scale words + currency + a directly attached "/X" unit. "đồng chí", "đồng thời",
"tỷ lệ" are not money: "đồng" must not start another word, and a bare "tỷ" is no currency.
"""
from __future__ import annotations

import functools
import logging
import re

from spacy.lang.vi import Vietnamese
from spacy.tokens import Doc

from extractors.lang.vi.numbers import DIGITS_RE, LANG, SCALE_RE, WORD_NUMBER_RE, number_starts, parse_number
from extractors.nlp import (SPANS_KEY, StartFinder, add_fact, load_patterns, matches_at, matching_text, near,
                            phrase_regex, qualifier_code, qualifier_regex)

logger = logging.getLogger(__name__)

KIND = "money"
_REACH = 70


@functools.lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, str], dict[str, str], dict[str, str], list[str]]:
    d = load_patterns("money", LANG)
    return ({" ".join(k.lower().split()): v for k, v in d["suffix"].items()},
            {k.lower(): v for k, v in d["prefix"].items()},
            {" ".join(k.lower().split()): v for k, v in d["per_units"].items()},
            d["not_after_dong"])


class MoneyExtractor:
    def __init__(self, spans_key: str = SPANS_KEY, reach: int = _REACH) -> None:
        self.spans_key = spans_key
        self.reach = reach
        suffix, prefix, per, not_after_dong = _tables()
        suf = phrase_regex(suffix)
        amount = rf"{DIGITS_RE}(?:\s+{SCALE_RE})?"
        low = rf"{DIGITS_RE}|(?:{WORD_NUMBER_RE})(?=\s+{SCALE_RE})"   # a word number only with its scale
        self._re = re.compile(rf"""
            (?<![\w.,/$€-])
            (?:(?P<qual>{qualifier_regex(LANG)})\s+)?
            (?:
                (?P<pcur>{phrase_regex(prefix)})\s?(?P<plo>{DIGITS_RE})(?:\s+(?P<psc>{SCALE_RE}))?
              | (?:(?P<from>từ)\s+)?(?P<lo>{low})(?:\s+(?P<losc>{SCALE_RE}))?
                (?:\s*(?:{suf}))?       # "từ 70 triệu đồng đến 120 triệu đồng"
                (?:(?(from)\s*(?:đến|tới|[-–])\s*|\s?[-–]\s?)(?P<hi>{amount}))?
                \s?(?P<scur>{suf})
            )
            (?!\s+(?:{phrase_regex(not_after_dong)})(?![^\W\d_]))
            (?:\s?/\s?(?P<per>{phrase_regex(per)}))?
            (?![^\W\d_]|[.,]\d)
            """, re.IGNORECASE | re.VERBOSE)
        self._suffix, self._prefix, self._per = suffix, prefix, per
        self._currencies = StartFinder((), [*suffix, *prefix], inside_words=True)
        self._prefixes = StartFinder((), prefix)

    def candidate_starts(self, doc: Doc) -> list[int]:
        starts = sorted(number_starts().starts(doc) + self._prefixes.starts(doc))
        return near(starts, self._currencies.starts(doc), self.reach)

    def __call__(self, doc: Doc) -> Doc:
        text = matching_text(doc)
        for m in matches_at(self._re, text, self.candidate_starts(doc)):
            fields = self._fields(m)
            if fields is None:
                continue
            start = m.start()
            if m.group("from") and fields.get("value_max") is None:
                start = m.start("lo")  # "giảm từ 5 tỷ đồng": no range
                fields["qualifier"] = None
            rule = ("money.range" if fields.get("value_max") is not None else
                    "money.prefix" if m.group("pcur") else "money.suffix")
            add_fact(doc, start, m.end(), KIND, fields, rule, spans_key=self.spans_key)
        return doc

    def _fields(self, m: re.Match[str]) -> dict | None:
        try:
            if m.group("pcur"):
                currency = self._prefix[m.group("pcur").lower()]
                value = parse_number(f"{m.group('plo')} {m.group('psc') or ''}")
                value_max = None
            else:
                currency = self._suffix[" ".join(m.group("scur").lower().split())]
                hi = m.group("hi")
                hi_scale = re.search(SCALE_RE + r"$", hi, re.IGNORECASE) if hi else None
                # "70-120 triệu đồng": the scale of the upper end serves both
                lo_scale = m.group("losc") or (hi_scale.group() if hi_scale else "")
                value = parse_number(f"{m.group('lo')} {lo_scale}")
                value_max = parse_number(hi) if hi else None
                if hi and not hi_scale and lo_scale:
                    value_max = parse_number(f"{hi} {lo_scale}")
        except ValueError:
            logger.debug("unparsed money %r", m.group(0))
            return None
        if value_max is not None and value_max <= value:
            return None
        per = m.group("per")
        return {"value": value, "value_max": value_max,
                "qualifier": qualifier_code(m.group("qual"), LANG),
                "unit": self._per[" ".join(per.lower().split())] if per else None,
                "currency": currency}


@Vietnamese.factory("newsfacts_money", assigns=["doc.spans", "span._.fact"],
                    default_config={"spans_key": SPANS_KEY, "reach": _REACH})
def make_money(nlp: Vietnamese, name: str, spans_key: str, reach: int) -> MoneyExtractor:
    return MoneyExtractor(spans_key=spans_key, reach=reach)
