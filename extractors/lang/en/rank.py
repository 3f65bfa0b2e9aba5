"""Ranks, a position in a ranking: "ranked 1st/30 districts, towns" (value 1, denominator 30),
"ranked 3rd out of 90 major cities", "ranking 2nd among 18 suburban districts", "ranked second",
"came third", "came in second", "finished in first place", "9th place", "up from 21st", the bare
ordinal continuing a ranking ("ranked second and [third]"), and:

- "topped the ranking" / "led the table" / "ranked top": value 1 (rank.topped);
- "among the top 10 (cities)", "in the top five", "one of the top 3": value 10 with qualifier
  `at_most` (a position no lower than 10th; rank.top_n) - "the top 10 enterprises" and "a top 10
  list" rank nothing and are not ranks;
- "climbed five places to 12th", "rose from 21st to 12th": the rank reached, 12 (rank.moved_to;
  the change "five places" is no rank, gold decision 16);
- "ranked No. 1", "the world's No. 2 exporter", "the number one choice": (rank.number);
- "the second-largest", "third-highest", "fifth most visited": an ordinal before a superlative
  is a position in the ranking by that measure (rank.superlative); a superlative alone ("the
  largest") is not.

One compiled regex run around each ordinal or cue word; ordinals without a rank cue ("the 5th
session", "the second phase") are not ranks.
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
    WORD_NUMBER_RE,
    parse_number,
    parse_ordinal,
)
from extractors.nlp import (
    SPANS_KEY,
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
# How far before "top" the words opening a top-N rank reach ("ranked among the top").
_TOP_REACH = 40
# A rank that begins with a digit begins with an ordinal ("2nd", "21st"): every branch of the rank
# regex led by a word needs a letter first. Most digit starts are plain figures; this one cheap
# test rules them out before the whole regex is tried there.
_ORDINAL_DIGITS_RE = re.compile(r"\d+(?:st|nd|rd|th)", re.IGNORECASE)


def _value(raw: str) -> int:
    """'12th' -> 12, 'third' -> 3, '1' -> 1, 'one' -> 1, 'ten' -> 10."""
    raw = raw.strip()
    if raw.isdigit():
        return int(raw)
    try:
        return parse_ordinal(raw)
    except ValueError:
        return int(parse_number(raw))


class RankExtractor:
    def __init__(self, spans_key: str = SPANS_KEY) -> None:
        self.spans_key = spans_key
        d = load_patterns("rank", "en")
        cues, links = phrase_regex(d["cues"]), phrase_regex(d["size_links"])
        place = phrase_regex(d["place_words"])
        number_no = rf"(?:No\.?\s*|number[-\s]+)(?:\d+|{WORD_NUMBER_RE})(?![\w-])"
        steps = rf"(?:\s+(?:\d+|{WORD_NUMBER_RE}|a|one)\s+{phrase_regex(d['step_words'])})"
        not_after = rf"{phrase_regex(d['not_after_ordinal'])}(?![\w-])"
        dets = phrase_regex(d["size_determiners"])

        def size(group: str) -> str:
            """The ranking's size after the ordinal ("/30", " out of 63", " of the 14")."""
            return rf"\s*{links}\s*(?:{dets}\s+)?(?P<{group}>{_INT})(?![\w/%]|[.,]\d)"

        # a standing after a copula or after keeping someone there: a bare ordinal that
        # punctuation or a preposition follows ("are second on 30 points", "was third.")
        standing = (rf"(?:(?:{phrase_regex(d['standing_verbs'])})(?:\s+(?:now|still|currently))?"
                    rf"|(?:{phrase_regex(d['keep_verbs'])})\s+(?:{phrase_regex(d['keep_objects'])}))\s+"
                    rf"(?P<stand>{ORDINAL_RE})"
                    rf"(?=[ \t]*[,.;:)]|[ \t]*$|\s+(?:{phrase_regex(d['standing_next'])})(?![\w-]))"
                    rf"(?:{size('sden')})?")
        superlative = (rf"(?:{phrase_regex(d['superlatives'])}"
                       rf"|(?:most|least)[-\s]+[a-z][a-z-]*[a-z])(?![\w-])")
        self._re = re.compile(rf"""
            (?<![\w-])
            (?:
                (?P<sup>{ORDINAL_RE})[-\s](?:{superlative})
              | (?P<place>{ORDINAL_RE})(?:\s+|-){place}
              # the branches led by a word, behind one test of the first character (most starts
              # are digits)
              | (?=[^\W\d_])(?:
                (?P<cue>{cues})\s+(?:(?:in(?:\s+at)?|at)\s+)?(?:the\s+)?
                (?:(?P<top1>top)(?![-\s]*(?:\d|{WORD_NUMBER_RE}\b))
                  | (?P<no>{number_no})
                  | (?P<ord>{ORDINAL_RE}|\d+(?=/\d))(?:\s+{place})?)
                (?:{size('den')})?
              | {standing}
              | (?P<topped>{phrase_regex(d["top_verbs"])})\s+
                (?:the|its|their|this\s+year's|[A-Z][\w'’-]*(?:['’]s))\s+
                (?:(?!(?:{phrase_regex(d["ranking_gap_stop_words"])})\s)[\w'’-]+\s+){{0,3}}?
                {phrase_regex(d["ranking_nouns"])}(?![\w-])
              | (?:{phrase_regex(d["from_cues"])})\s+from\s+(?:the\s+)?(?P<from>{ORDINAL_RE})
                (?:\s+to\s+(?:the\s+)?(?P<from_to>{ORDINAL_RE})(?!\s+{not_after})(?:\s+{place})?)?
              | (?:(?:{phrase_regex(d["move_verbs"])})(?:\s+(?:up|down))?{steps}?
                  | (?:{phrase_regex(d["shift_verbs"])})(?:\s+(?:up|down){steps}?|{steps}))
                \s+to\s+(?:the\s+)?(?P<to>{ORDINAL_RE})(?!\s+{not_after})(?:\s+{place})?
              | (?:(?<=the\s)|(?<=['’]s\s))(?P<no2>{number_no})(?=[ ]+(?-i:[a-z]))
              | (?<=world\s)(?P<no3>{number_no}))     # "a former world number four"
            )
            (?![\w-])
            """, re.IGNORECASE | re.VERBOSE)
        self._next_re = re.compile(
            rf"\s*(?:{phrase_regex(d['continuation'])})\s*(?P<ord>{ORDINAL_RE})(?![\w-])",
            re.IGNORECASE)
        # a rank begins with its cue, a "from" cue, a moving verb, "No."/"number", or the ordinal
        self._starts = StartFinder(ORDINAL_WORDS, [*d["cues"], *d["from_cues"], *d["move_verbs"],
                                                   *d["shift_verbs"], *d["top_verbs"], *d["standing_verbs"],
                                                   *d["keep_verbs"], "no", "number"],
                                   digits=True)
        # "top 10": the words before it that make it a rank of the sentence's subject
        self._top_re = re.compile(
            rf"top[-\s]+(?P<n>\d+|{WORD_NUMBER_RE})(?![\w-]|[.,]\d|\s*(?:%|percent|per\s+cent))",
            re.IGNORECASE)   # "the top 10 percent" is a share, not a rank
        self._top_opener = re.compile(
            rf"(?:(?P<cue>{cues})\s+)?(?:(?P<outside>{phrase_regex(d['top_outside'])})|{phrase_regex(d['top_openers'])})"
            rf"\s+(?:the\s+)?(?:[\w-]+['’]s\s+)?$", re.IGNORECASE)   # "among the world's top 500"
        self._top_starts = StartFinder(["top"])

    def candidate_starts(self, doc: Doc) -> list[int]:
        text, ordinal_at = doc_text(doc), _ORDINAL_DIGITS_RE.match
        return [p for p in self._starts.starts(doc) if not text[p].isdecimal() or ordinal_at(text, p)]

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        for m in matches_at(self._re, text, self.candidate_starts(doc)):
            g = m.group
            raw = (g("ord") or g("from") or g("place") or g("sup") or g("to") or g("no") or g("no2")
                   or g("no3") or g("stand"))
            try:
                value = 1 if (g("top1") or g("topped")) else _value(re.sub(r"^(?i:No\.?|number)[-\s]*", "", raw))
                den = parse_number(g("den") or g("sden")) if (g("den") or g("sden")) else None
            except (ValueError, TypeError):
                logger.debug("unparsed rank %r", m.group(0))
                continue
            start, end, unit = m.start(), m.end(), None
            if g("from"):
                start, end, rule = m.start("from"), m.end("from"), "rank.from"
            elif g("to"):
                start, rule = m.start("to"), "rank.moved_to"
            elif g("place"):
                rule = "rank.place"
            elif g("sup"):
                rule = "rank.superlative"
            elif g("topped") or g("top1"):
                rule = "rank.topped"
            elif g("no") or g("no2") or g("no3"):
                rule = "rank.number"
                if g("no2") or g("no3"):
                    start = m.start("no2") if g("no2") else m.start("no3")
            elif g("stand"):
                start, rule = m.start("stand"), "rank.standing"
            else:
                rule = "rank.ordinal_of" if den is not None else "rank.cue"
            if den is not None:
                phrase = list_noun_phrase_after(text, m.end())
                if phrase is not None:
                    end, unit = phrase.end, phrase.text
            add_fact(doc, start, end, KIND, {"value": value, "denominator": den, "unit": unit}, rule,
                     spans_key=self.spans_key)
            if g("from_to"):
                add_fact(doc, m.start("from_to"), m.end(), KIND, {"value": parse_ordinal(g("from_to"))},
                         "rank.moved_to", spans_key=self.spans_key)
            if g("ord"):
                # "ranked second and third respectively": the further ordinal is a rank too.
                nxt = self._next_re.match(text, end)
                if nxt:
                    add_fact(doc, nxt.start("ord"), nxt.end(), KIND,
                             {"value": parse_ordinal(nxt.group("ord"))}, "rank.continued",
                             spans_key=self.spans_key)
        self._top_n(doc, text)
        return doc

    def _top_n(self, doc: Doc, text: str) -> None:
        """"(ranked) among the top 10 (provinces)": value 10, at most; only behind the words that
        place a subject in the top group (top_openers)."""
        for pos in self._top_starts.starts(doc):
            m = self._top_re.match(text, pos)
            if not m:
                continue
            lo = max(0, pos - _TOP_REACH)
            opener = self._top_opener.search(text, lo, pos)
            if not opener:
                continue
            try:
                value = _value(m.group("n"))
            except ValueError:
                continue
            start = opener.start("cue") if opener.group("cue") else opener.start()
            end, unit = m.end(), None
            phrase = list_noun_phrase_after(text, m.end())
            # the ranked things, plural after a number ("the top 10 cities"; not "nationwide")
            if phrase is not None and phrase.text.lower().endswith(("s", "people")):
                end, unit = phrase.end, phrase.text
            qualifier = "more_than" if opener.group("outside") else "at_most"
            add_fact(doc, start, end, KIND, {"value": value, "qualifier": qualifier, "unit": unit},
                     "rank.top_n", spans_key=self.spans_key)


@English.factory("newsfacts_rank", assigns=["doc.spans", "span._.fact"],
                 default_config={"spans_key": SPANS_KEY})
def make_rank(nlp: Language, name: str, spans_key: str) -> RankExtractor:
    return RankExtractor(spans_key=spans_key)
