"""Ranks, a position in a ranking: "ranked 1st/30 districts, towns" (value 1, denominator 30),
"ranked 3rd out of 90 major cities", "ranking 2nd among 18 suburban districts", "ranked second",
"came third", "9th place", "up from 21st", and the bare ordinal continuing a ranking
("ranked second and [third]").

One compiled regex run around each ordinal; ordinals without a rank cue ("the 5th
session") are not ranks.
"""
from __future__ import annotations

import logging
import re

from spacy.lang.en import English
from spacy.language import Language
from spacy.tokens import Doc

from extractors.lang.en.nounphrase import list_noun_phrase_after
from extractors.lang.en.numbers import (
    ORDINAL_RE,
    ORDINAL_WORDS,
    parse_number,
    parse_ordinal,
)
from extractors.nlp import (
    StartFinder,
    add_fact,
    doc_text,
    load_patterns,
    matches_at,
    phrase_regex,
)

logger = logging.getLogger(__name__)

KIND = "rank"
_INT = r"(?:\d{1,3}(?:,\d{3})+|\d+)"


class RankExtractor:
    def __init__(self) -> None:
        d = load_patterns("rank", "en")
        cues, links = phrase_regex(d["cues"]), phrase_regex(d["size_links"])
        self._re = re.compile(rf"""
            (?<![\w-])
            (?:
                (?P<cue>{cues})\s+(?:the\s+)?(?P<ord>{ORDINAL_RE}|\d+(?=/\d))
                (?:\s*{links}\s*(?:{phrase_regex(d["size_determiners"])}\s+)?(?P<den>{_INT})(?![\w/%]|[.,]\d))?
              | (?:{phrase_regex(d["from_cues"])})\s+from\s+(?:the\s+)?(?P<from>{ORDINAL_RE})
              | (?P<place>{ORDINAL_RE})\s+{phrase_regex(d["place_words"])}
            )
            (?![\w-])
            """, re.IGNORECASE | re.VERBOSE)
        self._next_re = re.compile(
            rf"\s*(?:{phrase_regex(d['continuation'])})\s*(?P<ord>{ORDINAL_RE})(?![\w-])",
            re.IGNORECASE)
        # a rank begins with its cue, a "from" cue or the ordinal itself
        self._starts = StartFinder(ORDINAL_WORDS, [*d["cues"], *d["from_cues"]], digits=True)

    def candidate_starts(self, doc: Doc) -> list[int]:
        return self._starts.starts(doc)

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        for m in matches_at(self._re, text, self.candidate_starts(doc)):
            raw = m.group("ord") or m.group("from") or m.group("place")
            try:
                value = int(raw) if raw.isdigit() else parse_ordinal(raw)
                den = parse_number(m.group("den")) if m.group("den") else None
            except ValueError:
                logger.debug("unparsed rank %r", m.group(0))
                continue
            end, unit = m.end(), None
            if m.group("from"):
                start, rule = m.start("from"), "rank.from"
            elif m.group("place"):
                start, rule = m.start(), "rank.place"
            else:
                start = m.start()
                rule = "rank.ordinal_of" if den is not None else "rank.cue"
                if den is not None:
                    phrase = list_noun_phrase_after(text, m.end())
                    if phrase is not None:
                        end, unit = phrase.end, phrase.text
            add_fact(doc, start, end, KIND,
                     {"value": value, "denominator": den, "unit": unit}, rule)
            if m.group("ord"):
                # "ranked second and third respectively": the further ordinal is a rank too.
                nxt = self._next_re.match(text, end)
                if nxt:
                    add_fact(doc, nxt.start("ord"), nxt.end(), KIND,
                             {"value": parse_ordinal(nxt.group("ord"))}, "rank.continued")
        return doc


@English.factory("newsfacts_rank", assigns=["doc.spans"])
def make_rank(nlp: Language, name: str) -> RankExtractor:
    return RankExtractor()
