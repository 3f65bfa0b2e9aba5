"""Money: "VND124.3 trillion", "US$1.12 billion", "220,121 billion VND", "$4.9 billion",
"VND160.8-162 million", "from VND 70 million to 120 million per m2", "65 million VND/m2".

One compiled regex run around each currency sign or code; span = optional qualifier +
("from") + amount + currency + a directly attached "per X" / "/X" (gold README rule 14).
A converted amount in brackets ("(5.87 billion USD)") is matched on its own.
"""
from __future__ import annotations

import functools
import logging
import re

from spacy.lang.en import English
from spacy.language import Language
from spacy.tokens import Doc

from extractors.lang.en.numbers import DIGITS_RE, SCALE_RE, number_starts, parse_scaled
from extractors.nlp import (
    StartFinder,
    add_fact,
    doc_text,
    load_patterns,
    matches_at,
    near,
    phrase_regex,
    qualifier_code,
    qualifier_regex,
)

logger = logging.getLogger(__name__)

KIND = "money"
_REACH = 110  # the currency lies at most this far after the start
_DASH = r"\s?[-–]\s?"


@functools.lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    d = load_patterns("money", "en")
    return ({k.lower(): v for k, v in d["prefix"].items()},
            {k.lower(): v for k, v in d["suffix"].items()},
            {" ".join(k.lower().split()): v for k, v in d["per_units"].items()})


def _build_regex() -> re.Pattern[str]:
    prefix, suffix, per = _tables()
    pre, suf, per_re = phrase_regex(prefix), phrase_regex(suffix), phrase_regex(per)
    num = DIGITS_RE
    return re.compile(rf"""
        (?<![\w.,/$€£¥-])
        (?:(?P<qual>{qualifier_regex("en")})\s+)?
        (?P<from>(?:from|between)\s+)?
        (?:
            (?P<pcur>{pre})\s?(?P<lo1>{num})(?:{_DASH}(?P<hi1>{num}))?(?:\s+(?P<sc1>{SCALE_RE}))?
            (?(from)(?:\s+(?:to|and)\s+(?P<hi1b>{num})(?:\s+(?P<sc1b>{SCALE_RE}))?(?=[\s,.;:)/]|$))?)
          | (?P<lo2>{num})(?:{_DASH}(?P<hi2>{num}))?(?:\s+(?P<sc2>{SCALE_RE}))?
            (?(from)(?:\s+(?:to|and)\s+(?P<hi2b>{num})(?:\s+(?P<sc2b>{SCALE_RE}))?)?)
            \s?(?P<scur>{suf})
        )
        (?:\s*/\s*(?P<slash>{per_re})|\s+per\s+(?P<per>{per_re}))?
        (?![\w²]|/\d|[.,]\d)
        """, re.IGNORECASE | re.VERBOSE)


def _build_currencies() -> tuple[StartFinder, StartFinder]:
    """Where a prefix currency may begin a fact, and where any currency is named."""
    prefix, suffix, _ = _tables()
    return StartFinder((), prefix), StartFinder((), [*prefix, *suffix], inside_words=True)


class MoneyExtractor:
    def __init__(self) -> None:
        self._re = _build_regex()
        self._prefixes, self._currencies = _build_currencies()
        self._prefix, self._suffix, self._per = _tables()

    def candidate_starts(self, doc: Doc) -> list[int]:
        """Money begins with a qualifier, "from"/"between", a prefix currency or the amount,
        and names a currency."""
        starts = sorted(number_starts().starts(doc) + self._prefixes.starts(doc))
        return near(starts, self._currencies.starts(doc), _REACH)

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        for m in matches_at(self._re, text, self.candidate_starts(doc)):
            fields = self._fields(m)
            if fields is None:
                continue
            start = m.start()
            if m.group("from") and fields.get("value_max") is None:
                # "up from VND 41 million": "from" opens no range, so it stays outside.
                start = m.start("pcur") if m.group("pcur") else m.start("lo2")
                fields["qualifier"] = None
                if m.group("qual"):
                    continue  # "over from ..." is not a phrase; skip the oddity
            rule = ("money.range" if fields.get("value_max") is not None else
                    "money.prefix" if m.group("pcur") else "money.suffix")
            add_fact(doc, start, m.end(), KIND, fields, rule)
        return doc

    def _fields(self, m: re.Match[str]) -> dict | None:
        prefixed = m.group("pcur") is not None
        n = "1" if prefixed else "2"
        lo, hi, scale = m.group("lo" + n), m.group("hi" + n), m.group("sc" + n)
        hi_b, scale_b = m.group(f"hi{n}b"), m.group(f"sc{n}b")
        currency = (self._prefix[m.group("pcur").lower()] if prefixed
                    else self._suffix[" ".join(m.group("scur").lower().split())])
        try:
            value = parse_scaled(lo, scale)
            if hi:
                value_max = parse_scaled(hi, scale)
            elif hi_b:
                value_max = parse_scaled(hi_b, scale_b or scale)
            else:
                value_max = None
        except ValueError:
            logger.debug("unparsed money %r", m.group(0))
            return None
        if value_max is not None and value_max <= value:
            value_max = None
        per = m.group("slash") or m.group("per")
        return {
            "value": value,
            "value_max": value_max,
            "qualifier": qualifier_code(m.group("qual"), "en"),
            "unit": self._per[" ".join(per.lower().split())] if per else None,
            "currency": currency,
        }


@English.factory("newsfacts_money", assigns=["doc.spans"])
def make_money(nlp: Language, name: str) -> MoneyExtractor:
    return MoneyExtractor()
