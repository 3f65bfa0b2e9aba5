"""Percentages: "96.38%", "63.3 percent", "68,87 per cent", "3.5pc", "up 2.1 percentage points",
"5-7%", "from 5 to 7 percent", "5% to 8%", "nearly 100%", "-0.8%", "minus 5%", "negative 0.5%".

One compiled regex, run around each sign; span = optional qualifier + optional minus + figure +
sign. A written minus ("-0.8%", "minus 5%") makes the value negative; a word of change ("fell 5%",
"down 0.5 percentage points") does not: the figure is as written.
"""
from __future__ import annotations

import logging
import re

from spacy.lang.en import English
from spacy.language import Language
from spacy.tokens import Doc

from extractors.lang.common import parse_range
from extractors.lang.en.numbers import FigureOpening, WORD_NUMBER_RE, number_starts, parse_number
from extractors.nlp import (
    SPANS_KEY,
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
# a figure that begins the fact holds the sign closer (the gold articles: at most 17 characters on)
_DIGIT_REACH = 40
_MINUS_SIGNS = "-−–"
_WORD_BEFORE_RE = re.compile(r"([^\W\d_]+)[ \t\u00a0]+$")


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
    # A minus is in the pattern after a qualifier only ("about -1%"): a match begins at a candidate
    # start; _minus_start finds the others.
    # "from 5% to 7%", with a sign on both ends, reports a change, not a range (_two_figures);
    # "from 5 to 7 percent" is lo1.
    return re.compile(rf"""
        (?<![\w.,/%=&?\#])  # not inside a longer figure, code or URL ("?q=30%25")
        (?:(?P<qual>{qualifier_regex("en")})\s+(?P<minus>minus\s+|[-−–](?=\d))?)?
        (?:
            from\s+(?P<lo1>{fig})\s+to\s+(?P<hi1>{fig})
          | between\s+(?P<lo2>{fig})\s*(?:{sign}|{words})?\s+and\s+(?P<hi2>{fig})
          | (?P<lo3>{digits})[ ]?(?:{sign})?[ ]?{dash}[ ]?(?P<hi3>{digits})  # not "twenty-one"
          | (?P<num>{fig})   # and "5% to 8%", "5 to 8 percent" (lo4/hi4: lo4 is num)
            (?:(?:[ ]?(?P<losign>{sign})|[ ]*(?P<loword>{words}))?\s+to\s+(?P<hi4>{fig}))?
        )
        [ \t\u00a0]*(?:(?P<points>{points})|(?P<word>{words})|(?P<sign>{sign}))
        (?!\w)
        """, re.IGNORECASE | re.VERBOSE)


class PercentageExtractor:
    def __init__(self, spans_key: str = SPANS_KEY, reach: int = _REACH) -> None:
        self.spans_key = spans_key
        self.reach = reach
        d = load_patterns("percentage", "en")
        self._re = _build_regex()
        self._signs = _build_signs()
        # the starts that may open a figure (numbers.FigureOpening, with the percentage regex's lookbehind)
        self._opens = FigureOpening(behind=r"(?<![\w.,/%=&?\#])", after_qualifier=r"(?:minus\s+|[-−–](?=\d))?")
        self._lowercase_words = frozenset(d["lowercase_words"])
        self._change_words = frozenset(d["change_words"])

    def candidate_starts(self, doc: Doc) -> list[int]:
        """A percentage begins with a qualifier, "from"/"between" or its figure, and has a sign."""
        text = doc_text(doc)
        return self._opens.keep(near(number_starts().starts(doc), self._signs.starts(doc), self.reach, text,
                                     _DIGIT_REACH), text)

    def _minus_start(self, text: str, m: re.Match[str]) -> int | None:
        """Where a written minus begins ("-0.8%", "minus 5%"), or None. A "-" counts only after a
        space, a bracket or the text's start: glued to a word or figure it is a hyphen or a dash
        of a range ("y-o-y", "30-40%")."""
        if m.group("minus"):
            return m.start("minus")
        start = m.start()
        if m.group("qual"):
            return None
        if start > 0 and text[start - 1] in _MINUS_SIGNS and (start == 1 or text[start - 2] in " \t\n(["):
            return start - 1
        if text[max(0, start - 6):start].lower() == "minus ":
            return start - 6
        if text[max(0, start - 9):start].lower() == "negative ":
            return start - 9   # "yields were negative 0.5%", "a negative 0.2 percent"
        return None

    def _reading(self, text: str, m: re.Match[str], value: float, value_max: float) -> str:
        """How to read "X to Y" ("range", "pair" of figures or the "second" alone): falling is no
        range ("from 9 to 4 percent": two figures; "in 2019 to 5%": the year is none); "from 5%
        to 8%" is a change; after a word of change, a first figure with its own sign and a second
        more than twice as big are the change and the level reached ("rose 0.3% to 4.1%"; "rose 5%
        to 8%" stays a range)."""
        signed = bool(m.group("losign") or m.group("loword"))
        if value_max <= value:
            return "second" if m.group("hi4") and not signed else "pair"
        if not m.group("hi4"):
            return "range"
        w = _WORD_BEFORE_RE.search(text[max(0, m.start() - 30):m.start()].lower())
        if w and w.group(1) == "from":
            return "pair"
        if signed and w and w.group(1) in self._change_words and value_max > 2 * value:
            return "pair"
        return "range"

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        for m in matches_at(self._re, text, self.candidate_starts(doc)):
            word = m.group("word") or m.group("loword")
            if word and word.lower() in self._lowercase_words and not word.islower():
                continue  # "10 PC": computers
            hi = m.group("hi1") or m.group("hi2") or m.group("hi3") or m.group("hi4")
            lo = m.group("lo1") or m.group("lo2") or m.group("lo3") or (m.group("num") if hi else None)
            figures = parse_range(parse_number, lo or m.group("num"), hi)
            if figures is None:
                logger.debug("unparsed percentage %r", m.group(0))
                continue
            value, value_max = figures
            qualifier = qualifier_code(m.group("qual"), "en")
            start = m.start()
            minus = self._minus_start(text, m)
            if minus is not None:
                value, start = -value, min(start, minus)
            if value_max is not None:
                reading = self._reading(text, m, value, value_max)
                if reading != "range":
                    self._add_pair(doc, m, minus, value, value_max, qualifier, reading == "pair")
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
                "qualifier": qualifier,
                "unit": "percentage_points" if m.group("points") else None,
            }
            add_fact(doc, start, m.end(), KIND, fields, rule, spans_key=self.spans_key)
        return doc

    def _add_pair(self, doc: Doc, m: re.Match[str], minus: int | None, value: float, second: float,
                  qualifier: str | None, first: bool) -> None:
        """"from 9 to 4 percent", "rose 0.3% to 4.1%": the first figure (with its own sign, if
        written; unless not `first`) and the second, as two facts; "from" stays outside, as for
        quantities."""
        lo = next(g for g in ("lo1", "lo2", "lo3", "num") if m.group(g))
        hi = "hi4" if lo == "num" else "hi" + lo[2:]
        first_start, first_end = m.start(lo), m.end(lo)
        if minus is not None:
            first_start = minus
        elif qualifier and lo != "lo1":   # "about 0.3% to 4.1%": the qualifier is the first's
            first_start = m.start()
        if m.group("losign") or m.group("loword"):
            first_end = m.end("losign") if m.group("losign") else m.end("loword")
        if first:
            add_fact(doc, first_start, first_end, KIND, {"value": value, "qualifier": qualifier},
                     "percentage.pair", spans_key=self.spans_key)
        unit = "percentage_points" if m.group("points") else None
        add_fact(doc, m.start(hi), m.end(), KIND, {"value": second, "unit": unit},
                 "percentage.points" if unit else "percentage.word" if m.group("word")
                 else "percentage.symbol", spans_key=self.spans_key)


@English.factory("newsfacts_percentage", assigns=["doc.spans", "span._.fact"],
                 default_config={"spans_key": SPANS_KEY, "reach": _REACH})
def make_percentage(nlp: Language, name: str, spans_key: str, reach: int) -> PercentageExtractor:
    return PercentageExtractor(spans_key=spans_key, reach=reach)
