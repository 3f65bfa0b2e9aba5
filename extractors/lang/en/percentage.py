"""Percentages: "96.38%", "63.3 percent", "68,87 per cent", "up 2.1 percentage points",
"5-7%", "from 5 to 7 percent", "nearly 100%".

One compiled regex, run around each sign; span = optional qualifier + figure + sign.
"""
from __future__ import annotations

import logging
import re

from spacy.lang.en import English
from spacy.language import Language
from spacy.tokens import Doc

from extractors.lang.en.numbers import WORD_NUMBER_RE, number_starts, parse_number
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

KIND = "percentage"
# Room around a sign for "no more than between 1,234.5 and 2,345.6" before it and
# "age points" after it.
_REACH = 110


def _build_signs() -> StartFinder:
    d = load_patterns("percentage", "en")
    # Every points form begins with a sign or word form ("percent|age points", "% points").
    return StartFinder((), d["signs"] + d["words"], inside_words=True)


def _build_regex() -> re.Pattern[str]:
    d = load_patterns("percentage", "en")
    digits = r"\d+(?:[.,]\d+)*"
    fig = rf"(?:{digits}|{WORD_NUMBER_RE})"
    sign, words, points = phrase_regex(d["signs"]), phrase_regex(d["words"]), phrase_regex(d["points"])
    dash = "[" + "".join(re.escape(c) for c in d["range_dashes"]) + "]"
    # "from 5% to 7%" is left as two figures: with a sign on both ends it usually
    # reports a change, not a range.
    return re.compile(rf"""
        (?<![\w.,/%=&?\#])  # not inside a longer figure, code or URL ("?q=30%25")
        (?:(?P<qual>{qualifier_regex("en")})\s+)?
        (?:
            from\s+(?P<lo1>{fig})\s+to\s+(?P<hi1>{fig})
          | between\s+(?P<lo2>{fig})\s*(?:{sign}|{words})?\s+and\s+(?P<hi2>{fig})
          | (?P<lo3>{digits})[ ]?(?:{sign})?[ ]?{dash}[ ]?(?P<hi3>{digits})  # not "twenty-one"
          | (?P<num>{fig})
        )
        [ \t\u00a0]*(?:(?P<points>{points})|(?P<word>{words})|(?P<sign>{sign}))
        (?!\w)
        """, re.IGNORECASE | re.VERBOSE)


class PercentageExtractor:
    def __init__(self) -> None:
        self._re = _build_regex()
        self._signs = _build_signs()

    def candidate_starts(self, doc: Doc) -> list[int]:
        """A percentage begins with a qualifier, "from"/"between" or its figure, and has a sign."""
        return near(number_starts().starts(doc), self._signs.starts(doc), _REACH)

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        for m in matches_at(self._re, text, self.candidate_starts(doc)):
            lo = m.group("lo1") or m.group("lo2") or m.group("lo3")
            hi = m.group("hi1") or m.group("hi2") or m.group("hi3")
            try:
                value = parse_number(lo or m.group("num"))
                value_max = parse_number(hi) if hi else None
            except ValueError:
                logger.debug("unparsed percentage %r", m.group(0))
                continue
            if m.group("points"):
                rule = "percentage.points"
            elif hi:
                rule = "percentage.range"
            elif m.group("word"):
                rule = "percentage.word"
            else:
                rule = "percentage.symbol"
            fields = {
                "value": value,
                "value_max": value_max,
                "qualifier": qualifier_code(m.group("qual"), "en"),
                "unit": "percentage_points" if m.group("points") else None,
            }
            add_fact(doc, m.start(), m.end(), KIND, fields, rule)
        return doc


@English.factory("newsfacts_percentage", assigns=["doc.spans"])
def make_percentage(nlp: Language, name: str) -> PercentageExtractor:
    return PercentageExtractor()
