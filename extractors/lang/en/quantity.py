"""Quantities, a measurement with a unit of measure: "1,200 ha", "5.6 km", "about 38,000 tons",
"30-34 degrees Celsius", "60-m2", "over 92 million kWh", "10 days", "seven to 10 days",
"15 working days".

One compiled regex, run around each unit word (extractors/lang/en/patterns/quantity.json);
span = optional qualifier + ("from"/"between" of a range) + figure(s) + unit. Durations
after "first/last/past/..." ("the first 6 months") are periods and left alone.
"""
from __future__ import annotations

import functools
import logging
import re
from typing import Any

from spacy.lang.en import English
from spacy.language import Language
from spacy.tokens import Doc

from extractors.lang.en.numbers import (
    DIGITS_RE,
    SCALE_RE,
    WORD_NUMBER_RE,
    number_starts,
    parse_scaled,
)
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

KIND = "quantity"
_REACH = 110  # the unit lies at most this far after the start ("between ... and ... square metres")
_WORDS_RE = re.compile(r"[^\W\d_][\w'’-]*")


def _key(s: str) -> str:
    return " ".join(s.lower().split())


@functools.lru_cache(maxsize=1)
def _tables() -> dict[str, Any]:
    d = load_patterns("quantity", "en")
    return {
        "units": {_key(k): v for k, v in d["units"].items()},
        "hyphen": {_key(k): v for k, v in d["hyphen_units"].items()},
        "durations": frozenset(d["durations"]),
        "modifiers": d["duration_modifiers"],
        "period_words": frozenset(d["period_words"]),
        "verb_period_words": frozenset(d["verb_period_words"]),
        "period_determiners": frozenset(d["period_determiners"]),
        "points": d["points"],
        "points_cues": frozenset(d["points_cues"]),
    }


def _build_regex() -> re.Pattern[str]:
    t = _tables()
    fig = rf"(?:{DIGITS_RE}|{WORD_NUMBER_RE})"
    units = phrase_regex(list(t["units"]) + list(t["points"]))
    durations = (rf"(?:{phrase_regex(t['modifiers'])}\s+)?{phrase_regex(t['durations'])}")
    return re.compile(rf"""
        (?<![\w.,/$€£¥:-])
        (?:(?P<qual>{qualifier_regex("en")})\s+)?
        (?P<from>(?:from|between)\s+)?
        (?P<lo>{fig})
        (?:(?:\s?[-–]\s?|(?<!\d{{4}})\s+(?:to|and)\s+)(?P<hi>{fig}))?  # not "in 2015 to 4,900 ha"
        (?:\s+(?P<scale>{SCALE_RE}))?
        (?:
            [ \t\u00a0]*(?P<unit>{units})
          | [ \t\u00a0]+(?P<dur>{durations})
          | -(?P<hunit>{phrase_regex(t["hyphen"])})
        )
        (?![\w²³/-])
        """, re.IGNORECASE | re.VERBOSE)


def _build_units() -> StartFinder:
    t = _tables()
    return StartFinder((), [*t["units"], *t["hyphen"], *t["durations"], *t["modifiers"], *t["points"]],
                       inside_words=True)


class QuantityExtractor:
    def __init__(self) -> None:
        self._re = _build_regex()
        self._units = _build_units()
        self._t = _tables()

    def _is_period(self, text: str, pos: int) -> bool:
        words = _WORDS_RE.findall(text, max(0, pos - 40), pos)
        if not words or words[-1].lower() not in self._t["period_words"]:
            return False
        # "last" is also a verb ("will last two weeks"): a period only after a determiner.
        return (words[-1].lower() not in self._t["verb_period_words"]
                or (len(words) > 1 and words[-2].lower() in self._t["period_determiners"]))

    def candidate_starts(self, doc: Doc) -> list[int]:
        """A quantity begins with a qualifier, "from"/"between" or its figure, and has a unit."""
        return near(number_starts().starts(doc), self._units.starts(doc), _REACH)

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        t = self._t
        for m in matches_at(self._re, text, self.candidate_starts(doc)):
            if m.group("dur") and self._is_period(text, m.start()):
                continue  # "the first 6 months": a period
            if m.group("dur"):
                words = m.group("dur").lower().split()
                unit, rule = " ".join(words), "quantity.duration"
            elif m.group("hunit"):
                unit, rule = t["hyphen"][_key(m.group("hunit"))], "quantity.hyphen"
            else:
                key = _key(m.group("unit"))
                if key in t["units"]:
                    unit = t["units"][key]
                else:  # exam scores
                    cues = re.findall(r"[a-z-]+", text[max(0, m.start() - 150):m.start()].lower())
                    if not t["points_cues"].intersection(cues):
                        continue
                    unit = "points"
                rule = "quantity.unit"
            try:
                value = parse_scaled(m.group("lo"), m.group("scale"))
                value_max = parse_scaled(m.group("hi"), m.group("scale")) if m.group("hi") else None
            except ValueError:
                logger.debug("unparsed quantity %r", m.group(0))
                continue
            if value_max is not None and value_max <= value:
                continue  # "2 and 3 km" oddities; not a range
            start = m.start()
            qualifier = qualifier_code(m.group("qual"), "en")
            if m.group("from") and value_max is None:
                # "cut from 15 days to 7 days": "from" opens no range here.
                if qualifier:
                    continue
                start = m.start("lo")
            fields = {"value": value, "value_max": value_max, "qualifier": qualifier,
                      "unit": unit}
            add_fact(doc, start, m.end(), KIND, fields,
                     "quantity.range" if value_max is not None else rule)
        return doc


@English.factory("newsfacts_quantity", assigns=["doc.spans"])
def make_quantity(nlp: Language, name: str) -> QuantityExtractor:
    return QuantityExtractor()
