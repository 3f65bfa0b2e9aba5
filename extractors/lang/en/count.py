"""Counts, a number of discrete things: "15 Party members", "over 11,300 cadres and Party
members", "three Party organizations", "from 5 to 7 tasks", "24.1 million visitors".

One compiled regex finds figures (digits or number words) around each digit or number
word; the counted noun phrase after the figure (extractors/nounphrase.py) is the unit and
closes the span. A bare figure in an enumeration takes the unit of the count before it
in its sentence ("45 dialogue meetings, including 5 at ... and 40 at ..."; gold README
rule 2), or, near the start of a sentence, of the last count in the sentence before
("Of those disciplined, 11 were reprimanded"). Figures after naming words ("Ring Road 4",
"grade 10"), years, dates and clock times are not counts; figures that belong to money,
quantities, ranks, ratios and percentages lose to them in newsfacts_resolve.
"""
from __future__ import annotations

import bisect
import logging
import re
from typing import Any, NamedTuple

from spacy.lang.en import English
from spacy.language import Language
from spacy.tokens import Doc

from extractors.lang.en.nounphrase import list_noun_phrase_after, noun_phrase_after
from extractors.lang.en.numbers import WORD_NUMBER_RE, number_starts, parse_number
from extractors.nlp import (
    add_fact,
    doc_text,
    load_patterns,
    matches_at,
    qualifier_code,
    qualifier_regex,
    sentence_starts,
)

logger = logging.getLogger(__name__)

KIND = "count"
# Whole numbers; a decimal only before a scale word ("24.1 million visitors").
_INT = r"(?:\d{1,3}(?:,\d{3})+|\d+)"
_FIG = (rf"(?:\d+(?:[.,]\d+)?\s+(?:thousand|million|billion)|{_INT}"
        rf"|{WORD_NUMBER_RE}(?:\s+(?:thousand|million|billion))?)")
_INT_RE = re.compile(_INT)
_END = r"(?![\w%/$€£²³:-]|[.,]\d)"
# The word or punctuation mark that ends a string (of no whitespace).
_LAST_WORD_RE = re.compile(r"[^\W\d_][\w'’.]*$|[^\w\s]$")
_MORE_RE = re.compile(r"[ \t]+more(?=[ \t])", re.IGNORECASE)
_OF_RE = re.compile(r"[ \t]+of[ \t]")
_WORDS_RE = re.compile(r"[^\W\d_][\w'’]*")


class _Candidate(NamedTuple):
    start: int
    end: int
    fields: dict[str, Any]
    rule: str
    bare: bool


def _singular(phrase: str) -> str:
    """'investment promotion events' -> 'investment promotion event' (for a bare 'one')."""
    head, _, last = phrase.rpartition(" ")
    low = last.lower()
    if low.endswith("ies") and len(low) > 4:
        last = last[:-3] + "y"
    elif low.endswith(("ches", "shes", "sses", "xes")):
        last = last[:-2]
    elif low.endswith("s") and not low.endswith("ss"):
        last = last[:-1]
    return f"{head} {last}" if head else last


class CountExtractor:
    def __init__(self) -> None:
        d = load_patterns("count", "en")
        self._reference = frozenset(d["reference_cues"])
        self._not_units = frozenset(d["not_units"])
        self._name_cues = frozenset(d["name_cues"])
        self._change_before = frozenset(d["rank_change"]["before"])
        self._change_units = frozenset(d["rank_change"]["units"])
        self._partitive = frozenset(d["partitive_heads"])
        self._months = frozenset(d["months"])
        self._bare_after = frozenset(d["bare_idioms_after"])
        self._idiom_re = re.compile("|".join(r"\s+".join(map(re.escape, i.split())) for i in d["idioms"]),
                                    re.IGNORECASE)
        self._bare_cues = frozenset(d["bare_cues"]) | frozenset(d["bare_punct"])
        self._lead = int(d["sentence_lead_chars"])
        self._re = re.compile(rf"""
            (?<![\w.,/$€£¥:#@&+-])
            (?:(?P<qual>{qualifier_regex("en")})\s+)?
            (?:
                (?P<from>from|between)\s+(?P<lo1>{_FIG})\s+(?:to|and)\s+(?P<hi1>{_FIG})
              | (?P<lo2>{_INT})\s?[-–]\s?(?P<hi2>{_INT})
              | (?P<num>{_FIG})
            )
            {_END}
            """, re.IGNORECASE | re.VERBOSE)
        # a count begins with its qualifier, "from"/"between", or the figure itself
        self._starts = number_starts()

    def _word_before(self, text: str, pos: int, cased: bool = False) -> str:
        """The word (or punctuation mark) before pos, lower-cased unless `cased`;
        "" after a full stop that ends a sentence ("last year. Two patients")."""
        # in the last 30 characters, the last run of non-space ones: a regex search for a word then
        # spaces then the end would be tried at each of the 30 (5x slower)
        chunks = text[max(0, pos - 30):pos].rsplit(None, 1)
        m = _LAST_WORD_RE.search(chunks[-1]) if chunks else None
        if not m:
            return ""
        word = m.group()
        if word.endswith(".") and len(word) > 4:
            return ""
        return word if cased else word.lower()

    def _phrase(self, text: str, pos: int) -> tuple[Any, int]:
        """The counted noun phrase after a figure ending at pos and where the span ends:
        over "more" ("10 more OCOP stores" -> "OCOP stores"), with the "of" phrase of a
        partitive head ("120 pieces of equipment"), without a verb joined by "and"
        ("450,000 violations and collected fines" -> "violations")."""
        phrase = list_noun_phrase_after(text, pos, require_and=True)
        if phrase is None:
            m = _MORE_RE.match(text, pos)
            if m:
                phrase = noun_phrase_after(text, m.end())
        if phrase is None:
            return None, pos
        words = phrase.text.split()
        if "and" in words[1:-1]:
            i = words.index("and")
            nxt = words[i + 1].lower()
            if len(nxt) >= 5 and nxt.endswith(("ed", "ing")):
                cut = " ".join(words[:i])
                phrase = phrase._replace(text=cut, end=phrase.start + len(cut))
        if words[-1].lower() in self._partitive:
            m = _OF_RE.match(text, phrase.end)
            if m:
                rest = noun_phrase_after(text, m.end() - 1)
                if rest is not None:
                    phrase = phrase._replace(text=text[phrase.start:rest.end], end=rest.end)
        return phrase, phrase.end

    def _not_a_count(self, text: str, m: re.Match[str]) -> str | None:
        """Why the figure is not a count, judged without its noun phrase (cheap, so first)."""
        cased = self._word_before(text, m.start(), cased=True)
        before = cased.lower()
        if before in self._reference or before.rstrip(".") in self._reference:
            return "reference"
        if before in self._name_cues and cased[:1].isupper():
            return "name"
        if before in self._months:
            return "date"
        raw = m.group("num") or ""
        if len(raw) == 4 and raw.isdecimal() and 1900 <= int(raw) <= 2100:
            return "year"
        if self._idiom_re.search(text, max(0, m.start() - 25), m.end() + 30):
            return "idiom"
        if raw and raw[0].isdigit() and not _INT_RE.fullmatch(raw) and raw[-1].isdigit():
            return "decimal"  # "3.2 times", "8.5 days": not a number of things
        return None

    def _not_counted(self, text: str, m: re.Match[str], phrase: Any) -> str | None:
        """Why the noun phrase after the figure is not what it counts."""
        first = phrase.text.split()[0].lower()
        if first in self._not_units:
            return "not a unit"
        if first in self._change_units and self._word_before(text, m.start()) in self._change_before:
            return "change of rank"
        return None

    def candidate_starts(self, doc: Doc) -> list[int]:
        return self._starts.starts(doc)

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        found: list[_Candidate] = []
        for m in matches_at(self._re, text, self.candidate_starts(doc)):
            lo = m.group("lo1") or m.group("lo2")
            hi = m.group("hi1") or m.group("hi2")
            try:
                value = parse_number(lo or m.group("num"))
                value_max = parse_number(hi) if hi else None
            except ValueError:
                continue
            if value_max is not None and value_max <= value:
                continue
            why = self._not_a_count(text, m)
            if why is None:
                phrase, end = self._phrase(text, m.end())
                if phrase is not None:
                    why = self._not_counted(text, m, phrase)
            if why:
                logger.debug("not a count (%s): %r", why, m.group(0))
                continue
            fields = {"value": value, "value_max": value_max,
                      "qualifier": qualifier_code(m.group("qual"), "en")}
            if phrase is not None:
                fields["unit"] = phrase.text
                rule = "count.range" if hi else (
                    "count.noun" if (lo or m.group("num"))[0].isdigit() else "count.word_number")
                found.append(_Candidate(m.start(), end, fields, rule, False))
            elif not hi and self._bare_ok(text, m):
                found.append(_Candidate(m.start(), m.end(), fields, "count.list_inherit", True))
        for c in self._inherit(doc, text, found):
            add_fact(doc, c.start, c.end, KIND, c.fields, c.rule)
        return doc

    def _bare_ok(self, text: str, m: re.Match[str]) -> bool:
        """A figure with no noun after it may be an enumerated count ("including 5 at")."""
        if m.group("qual"):
            return False
        nxt = _WORDS_RE.match(text, m.end() + 1) if m.end() < len(text) and text[m.end()] == " " \
            else None
        if nxt and nxt.group(0).lower() in self._bare_after:
            return False
        if nxt and nxt.group(0).lower() in self._not_units:
            return False
        if m.end() < len(text) and text[m.end()] == ".":  # "... reached 5." ends on it
            after = text[m.end() + 1:m.end() + 3]
            if after[:1].isdigit():
                return False
        before = self._word_before(text, m.start())
        if before == "," and text.startswith(",", m.end()):
            return False  # "Mr. Hoang, 56, said": an age
        return before in self._bare_cues

    def _inherit(self, doc: Doc, text: str, found: list[_Candidate]) -> list[_Candidate]:
        if not any(c.bare for c in found):
            return found
        starts = sentence_starts(doc)
        out: list[_Candidate] = []
        last: tuple[int, str] | None = None  # (sentence index, unit) of the last count
        last_many: tuple[int, str] | None = None  # the same, of the last count above one
        for c in found:
            sent = bisect.bisect_right(starts, c.start) - 1
            if not c.bare:
                last = (sent, c.fields["unit"])
                if c.fields["value"] != 1:
                    last_many = last
                out.append(c)
                continue
            if c.fields["value"] != 1 and last_many is not None and last_many[0] >= sent - 1:
                last = last_many  # "19 members and one organization. Of them, 11 were ..."
            if last is None:
                continue
            sent_start = starts[sent] if sent >= 0 else 0
            near_start = c.start - sent_start <= self._lead
            if last[0] == sent or (last[0] == sent - 1 and near_start):
                unit = _singular(last[1]) if c.fields["value"] == 1 else last[1]
                out.append(c._replace(fields={**c.fields, "unit": unit}))
                last = (sent, last[1])  # "11 were reprimanded, six were warned and two ..."
                if c.fields["value"] != 1:
                    last_many = last
        return out


@English.factory("newsfacts_count", assigns=["doc.spans"])
def make_count(nlp: Language, name: str) -> CountExtractor:
    return CountExtractor()
