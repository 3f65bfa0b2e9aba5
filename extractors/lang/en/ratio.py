"""Ratios, a part of a whole: "133/155 tasks", "22 out of 23 Party members",
"356 of the city's 386 communes", "two of the 10 lines".

"a/b" is also how Vietnamese sources write dates ("15/4", "6/2024"), document numbers
("Decree 15/2020") and ranks ("ranked 5/30"); the cue words before the figure
(extractors/lang/en/patterns/ratio.json) rule those out. The span runs on over the counted
noun phrase; a bare "345/345" takes the unit of the closest preceding ratio in its
sentence ("517/517 citizens were received, of which 345/345 ...").
"""
from __future__ import annotations

import logging
import re

from spacy.lang.en import English
from spacy.language import Language
from spacy.tokens import Doc

from extractors.lang.common import Candidate, inherit_ratio_units
from extractors.lang.en.nounphrase import list_noun_phrase_after, noun_phrase_after
from extractors.lang.en.numbers import LONG_WORD_NUMBER_RE, WORD_NUMBER_RE, number_starts, parse_number
from extractors.nlp import (
    SPANS_KEY,
    StartFinder,
    add_fact,
    doc_text,
    load_patterns,
    matches_at,
    near,
    phrase_regex,
)

logger = logging.getLogger(__name__)

KIND = "ratio"

# Digits with optional thousands commas; no decimals: a ratio counts things.
_INT = r"(?:\d{1,3}(?:,\d{3})+|\d+)"
_END = r"(?![\w/%]|[.,]\d)"
# Every ratio begins with a figure and has "/", "of" or "out of" at most this far after it: "of" and
# "out" as whole words after a space (the regex wants whitespace around them), found by the shared scan
# (scan._SharedScan: "of" is in most sentences, and a finder of its own stopped at every "o" of the
# text), and "/" by a search for it.
_LINK_WORDS = StartFinder(["of", "out"])
_SLASHES = StartFinder((), symbols="/", inside_words=True)
_REACH = 40
# Words before the figure, nearest last; punctuation ends the clause.
_PREV_TOKEN_RE = re.compile(r"[^\W\d_][\w'’-]*\.?|[,;:!?()\[\]\"“”\n]")


class RatioExtractor:
    def __init__(self, spans_key: str = SPANS_KEY, reach: int = _REACH) -> None:
        self.spans_key = spans_key
        self.reach = reach
        d = load_patterns("ratio", "en")
        self._rank_cues = frozenset(d["rank_cues"])
        self._rank_window = int(d["rank_window"])
        self._reference_cues = frozenset(d["reference_cues"])
        self._date_cues = frozenset(d["date_cues"])
        self._idioms = frozenset(d["idioms"])
        self._years = range(int(d["year_min"]), int(d["year_max"]) + 1)
        self._street_words = frozenset(d["street_words"])
        fig = rf"(?:{_INT}|{WORD_NUMBER_RE})"
        # a part may be spelled out at any size ("three hundred of the 420 units")
        part = rf"(?:{_INT}|{LONG_WORD_NUMBER_RE})"
        possessive = r"(?:(?:[^\W\d_][\w-]*\s+){0,2}[^\W\d_][\w-]*['’]s\s+)"
        self._re = re.compile(rf"""
            (?<![\w/.,:$-])(?P<n1>{_INT})/(?P<d1>{_INT}){_END}
          | (?<![\w.,/])(?P<n2>{fig})\s+out\s+of\s+(?:{phrase_regex(d["out_of_determiners"])}\s+)?
                (?P<d2>{fig}){_END}
          | (?<![\w.,/])(?P<n3>{part})\s+of\s+(?:{phrase_regex(d["of_determiners"])}\s+)?
                {possessive}?(?P<d3>{_INT}){_END}
            """, re.IGNORECASE | re.VERBOSE)

    def _previous_words(self, text: str, pos: int) -> list[str]:
        """Up to rank_window lower-cased words before pos in the same clause, nearest first."""
        out: list[str] = []
        for tok in reversed(_PREV_TOKEN_RE.findall(text, max(0, pos - 80), pos)):
            if not tok[0].isalpha():
                break
            out.append(tok.lower())
            if len(out) == self._rank_window or (tok.endswith(".") and len(tok) > 3):
                break  # a full stop after a word ends the sentence ("No." does not)
        return out

    def _is_year(self, raw: str) -> bool:
        return len(raw) == 4 and raw.isdigit() and int(raw) in self._years

    def _rejected(self, text: str, m: re.Match[str], num: float, den: float,
                  has_unit: bool) -> str | None:
        """Why this figure is not a ratio, or None."""
        prev = self._previous_words(text, m.start())
        if self._rank_cues.intersection(prev):
            return "rank"
        if prev and prev[0] in self._reference_cues:
            return "reference"
        den_raw = m.group("d1") or m.group("d3")  # "out of" is never a date
        is_year = den_raw is not None and self._is_year(den_raw)
        if m.group("n1"):
            if is_year and self._is_year(m.group("n1")):
                return "years"  # "2023/2024 school year"
            if (self._is_year(m.group("n1")) and len(m.group("d1")) == 2
                    and int(m.group("d1")) == (int(m.group("n1")) + 1) % 100):
                return "season"  # "the 2023/24 season", "fiscal 2024/25"
            if m.group(0) in self._idioms:
                return "idiom"
            if prev and prev[0] in self._date_cues and 1 <= num <= 31 and 1 <= den <= 12:
                return "date"
            if is_year and num <= 12:
                return "month/year"
        if is_year and not has_unit:
            return "year"
        return None

    def _address(self, m: re.Match[str], unit: str | None) -> bool:
        """"123/45 Tran Hung Dao Street": a Vietnamese house number (house/alley) before a street
        name, not a part of a whole: the "unit" is a capitalised name ending in a street word."""
        if not (m.group("n1") and unit):
            return False
        words = unit.split()
        return words[0][:1].isupper() and words[-1].lower() in self._street_words

    def candidate_starts(self, doc: Doc) -> list[int]:
        words, slashes = _LINK_WORDS.starts(doc), _SLASHES.starts(doc)
        links = sorted(words + slashes) if words and slashes else words or slashes
        return near(number_starts().starts(doc), links, self.reach)

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        found: list[Candidate] = []
        for m in matches_at(self._re, text, self.candidate_starts(doc)):
            rule, n, d = (("ratio.slash", "n1", "d1") if m.group("n1") else
                          ("ratio.out_of", "n2", "d2") if m.group("n2") else
                          ("ratio.of_the", "n3", "d3"))
            try:
                num, den = parse_number(m.group(n)), parse_number(m.group(d))
            except ValueError:
                logger.debug("unparsed ratio %r", m.group(0))
                continue
            phrase = list_noun_phrase_after(text, m.end())
            why = self._rejected(text, m, num, den, phrase is not None)
            if why is None and m.group("n3") and m.group("n3").lower() == "one":
                why = "idiom"   # "one of the 30 districts with a museum": which, not how many
            if why is None and self._address(m, phrase.text if phrase else None):
                why = "address"
            if why:
                logger.debug("not a ratio (%s): %r", why, m.group(0))
                continue
            fields = {"numerator": num, "denominator": den,
                      "unit": phrase.text if phrase else None}
            found.append(Candidate(m.start(), phrase.end if phrase else m.end(), fields, rule))
        if any(c.fields["unit"] is None for c in found):
            inherit_ratio_units(doc, text, found, ",", noun_phrase_after)
        for c in found:
            add_fact(doc, c.start, c.end, KIND, c.fields, c.rule, spans_key=self.spans_key)
        return doc


@English.factory("newsfacts_ratio", assigns=["doc.spans", "span._.fact"],
                 default_config={"spans_key": SPANS_KEY, "reach": _REACH})
def make_ratio(nlp: Language, name: str, spans_key: str, reach: int) -> RatioExtractor:
    return RatioExtractor(spans_key=spans_key, reach=reach)
