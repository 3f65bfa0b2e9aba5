"""Vietnamese ranks, a position in a ranking: "xếp thứ 1/30 quận, huyện" (value 1, denominator
30), "xếp thứ ba", "đứng thứ 3 cả nước", "xếp hạng 12/63 tỉnh, thành phố", "vị trí thứ 2".

One compiled regex tried at the rank verbs; an ordinal without a rank verb ("kỳ họp thứ 25",
"lần thứ 16") is a label, not a rank.
"""
from __future__ import annotations

import logging
import re

from spacy.lang.vi import Vietnamese
from spacy.tokens import Doc

from extractors.lang.vi.nounphrase import noun_phrase_after
from extractors.lang.vi.numbers import LANG, parse_number
from extractors.nlp import (SPANS_KEY, StartFinder, add_fact, load_patterns, matches_at, matching_text,
                            phrase_regex)

logger = logging.getLogger(__name__)

KIND = "rank"
_INT = r"(?:\d{1,3}(?:\.\d{3})+|\d+)"


class RankExtractor:
    def __init__(self, spans_key: str = SPANS_KEY) -> None:
        self.spans_key = spans_key
        d = load_patterns("rank", LANG)
        self._ordinals: dict[str, int] = d["ordinals"]
        ords = phrase_regex(self._ordinals)
        self._re = re.compile(rf"""
            (?<![^\W\d_])
            (?:
                (?P<cue>{phrase_regex(d["cues"])})\s+(?:(?P<num>\d{{1,3}})|(?P<word>{ords})(?![^\W\d_]))
              | (?P<ncue>{phrase_regex(d["cues_with_number"])})\s+(?P<num2>\d{{1,3}})
            )
            (?:\s*(?:{phrase_regex(d["size_links"])})\s*(?P<den>{_INT}))?
            (?![\w/%]|[.,]\d)
            """, re.IGNORECASE | re.VERBOSE)
        self._starts = StartFinder((), [*d["cues"], *d["cues_with_number"]])

    def __call__(self, doc: Doc) -> Doc:
        text = matching_text(doc)
        for m in matches_at(self._re, text, self._starts.starts(doc)):
            try:
                raw = m.group("num") or m.group("num2")
                value = int(raw) if raw else self._ordinals[m.group("word").lower()]
                den = parse_number(m.group("den")) if m.group("den") else None
            except (ValueError, KeyError):
                continue
            if den is not None and value > den:
                continue
            end, unit = m.end(), None
            if den is not None:
                phrase = noun_phrase_after(text, m.end())
                if phrase is not None:
                    end, unit = phrase.end, phrase.text
            rule = "rank.ordinal_of" if den is not None else "rank.word" if m.group("word") else "rank.cue"
            add_fact(doc, m.start(), end, KIND, {"value": value, "denominator": den, "unit": unit}, rule,
                     spans_key=self.spans_key)
        return doc


@Vietnamese.factory("newsfacts_rank", assigns=["doc.spans", "span._.fact"],
                    default_config={"spans_key": SPANS_KEY})
def make_rank(nlp: Vietnamese, name: str, spans_key: str) -> RankExtractor:
    return RankExtractor(spans_key=spans_key)
