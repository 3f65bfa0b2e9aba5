"""Counts, a number of discrete things: "15 Party members", "over 11,300 cadres and Party
members", "three Party organizations", "from 5 to 7 tasks", "four to six thousand people" (the
scale word written once applies to both ends), "24.1 million visitors", "2.5m people", "Six
hundred workers", "Three of the ministers".

One compiled regex finds figures (digits or number words) around each digit or number
word; the counted noun phrase after the figure (extractors/nounphrase.py) is the unit and
closes the span. A bare figure in an enumeration takes the unit of the count before it
in its sentence ("45 dialogue meetings, including 5 at ... and 40 at ..."; gold README
rule 2), or, near the start of a sentence, of the last count in the sentence before
("Of those disciplined, 11 were reprimanded"). Figures after naming words ("Ring Road 4",
"grade 10"), years, dates and clock times, product and model names ("iPhone 16", "Boeing
787"), street addresses ("12 Trang Tien Street"), phone numbers and codes with a leading zero
are not counts (_not_a_count and _not_counted say how each is told from local context);
figures that belong to money, quantities, ranks, ratios and percentages lose to them in
newsfacts_resolve.
"""
from __future__ import annotations

import bisect
import logging
import re
from typing import Any

from spacy.lang.en import English
from spacy.language import Language
from spacy.tokens import Doc

from extractors.lang.common import Candidate
from extractors.lang.en.months import MONTHS
from extractors.lang.en.nounphrase import list_noun_phrase_after, noun_phrase_after
from extractors.lang.en.numbers import (
    LONG_WORD_NUMBER_RE,
    FigureOpening,
    SCALE_ABBREVIATIONS,
    SCALES,
    WORD_NUMBER_RE,
    number_starts,
    parse_number,
    scale_suffix_re,
)
from extractors.nlp import (
    SPANS_KEY,
    add_fact,
    doc_text,
    load_patterns,
    matches_at,
    phrase_regex,
    qualifier_code,
    qualifier_regex,
    sentence_starts,
)

logger = logging.getLogger(__name__)

KIND = "count"
# Spelled-out figures: WORD_NUMBER_RE (up to "one hundred") and the hundreds news spells out at the
# start of a sentence, where style forbids digits ("Six hundred workers", "Two hundred and fifty").
# The scale words stay outside, for the range rule below.
WORD_FIGURE_RE = rf"(?:{WORD_NUMBER_RE}(?:[ ]hundred(?:[ ](?:and[ ])?{WORD_NUMBER_RE})?)?)"
# Whole numbers; a decimal only before a scale word ("24.1 million visitors") or with a scale
# letter glued on ("2.5m people", "1.2bn users"; "3.2m" before no plural noun is metres, a quantity).
_INT = r"(?:\d{1,3}(?:,\d{3})+|\d+)"
_SCALE_WORDS = r"(?:thousand|million|billion)"
# (the abbreviations as numbers.scale_suffix_re reads them: "10k runners", "2.5m people",
# "3 mln users"; "3.2m" before no plural noun is metres). Digits before "hundred" ("6 hundred
# houses"); spelled-out numbers of any size ("One hundred and twenty-five thousand people"), a
# scale word last left outside for the range rule ("four to six thousand").
_FIG = (rf"(?:\d+(?:[.,]\d+)?(?:\s+{_SCALE_WORDS}|{scale_suffix_re()}(?=[ \t]))|\d{{1,2}}[ ]hundred(?![\w-])"
        rf"|{_INT}|(?:{LONG_WORD_NUMBER_RE}|{WORD_FIGURE_RE})(?:\s+{_SCALE_WORDS})?)")
_INT_RE = re.compile(_INT)
_NEXT_TOKEN_RE = re.compile(r"[ \t\u00a0]+(\S+?)[,.;:)]?(?=\s|$)")
_GLUED_ABBR_RE = re.compile(r"(\d+(?:[.,]\d+)?)[ \t\u00a0]?([^\W\d_]+)")
_END = r"(?![\w%/$€£²³:-]|[.,]\d)"
# The word or punctuation mark that ends a string (of no whitespace).
_LAST_WORD_RE = re.compile(r"[^\W\d_][\w'’.]*$|[^\w\s]$")
_OF_BEFORE_RE = re.compile(r"([^\W\d_]+)[ \t]+of[ \t]+$")
_MORE_RE = re.compile(r"[ \t]+more(?=[ \t])", re.IGNORECASE)
_OF_RE = re.compile(r"[ \t]+of[ \t]")
_WORDS_RE = re.compile(r"[^\W\d_][\w'’]*")


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


def _split_scale(fig: str) -> tuple[str, str | None]:
    """'six thousand' -> ('six', 'thousand'); '2.5m' -> ('2.5', 'million'); '40' -> ('40', None)."""
    if fig[-1:].isdigit():
        return fig, None   # most figures: digits alone
    head, _, last = fig.rpartition(" ")
    low = last.lower()
    if head and low in SCALES:
        return head, low
    if head and low == "hundred" and " " not in head.strip():
        return head, low   # "seven hundred" of "six to seven hundred"
    m = _GLUED_ABBR_RE.fullmatch(fig)
    if m and m.group(2).lower() in SCALE_ABBREVIATIONS:
        return m.group(1), m.group(2).lower()   # "2.5m", "10k", "3 mln" (parse_number reads them)
    return fig, None


def scaled_range(lo: str, hi: str | None, scale: str | None = None) -> tuple[float, float | None]:
    """The value (and value_max) of a figure or a range, a scale word written once standing for
    both ends when the low end is smaller than the high one without it: ('four', 'six thousand')
    -> (4000, 6000), ('3', '5', 'million') -> (3e6, 5e6); but ('500,000', '2 million') ->
    (500000, 2e6). `scale` is a scale word written after the whole figure or range. Raises
    ValueError for what is no number."""
    lo_base, lo_scale = _split_scale(lo)
    if hi is None:
        scale = lo_scale or scale
        return parse_number(f"{lo_base} {scale}" if scale else lo_base), None
    hi_base, hi_scale = _split_scale(hi)
    hi_scale = hi_scale or scale
    if hi_scale and not lo_scale and parse_number(lo_base) < parse_number(hi_base):
        lo_scale = hi_scale
    return (parse_number(f"{lo_base} {lo_scale}" if lo_scale else lo_base),
            parse_number(f"{hi_base} {hi_scale}" if hi_scale else hi_base))


class CountExtractor:
    def __init__(self, spans_key: str = SPANS_KEY) -> None:
        self.spans_key = spans_key
        d = load_patterns("count", "en")
        self._reference = frozenset(d["reference_cues"])
        self._not_units = frozenset(d["not_units"])
        self._name_cues = frozenset(d["name_cues"])
        self._change_before = frozenset(d["rank_change"]["before"])
        self._change_units = frozenset(d["rank_change"]["units"])
        self._partitive = frozenset(d["partitive_heads"])
        self._months = frozenset(MONTHS)
        self._bare_after = frozenset(d["bare_idioms_after"])
        self._idiom_re = re.compile("|".join(r"\s+".join(map(re.escape, i.split())) for i in d["idioms"]),
                                    re.IGNORECASE)
        self._bare_cues = frozenset(d["bare_cues"]) | frozenset(d["bare_punct"])
        self._lead = int(d["sentence_lead_chars"])
        self._capitalised_ok = frozenset(d["capitalised_before_ok"])
        self._street_words = frozenset(d["street_words"])
        self._clock_followers = frozenset(d["clock_followers"])
        self._capitalised_plurals = frozenset(d["capitalised_plurals"])
        self._capitalised_plural_endings = tuple(d["capitalised_plural_endings"])
        self._partitive_of = re.compile(
            rf"[ \t]+of[ \t]+(?:{phrase_regex(d['partitive_determiners'])})(?=[ \t])", re.IGNORECASE)
        self._re = re.compile(rf"""
            (?<![\w.,/$€£¥:#@&+-])
            (?:(?P<qual>{qualifier_regex("en")})\s+)?
            (?:
                (?P<from>from|between)\s+(?P<lo1>{_FIG})\s+(?:to|and)\s+(?P<hi1>{_FIG})
              | (?P<lo2>{_INT})\s?[-–]\s?(?P<hi2>{_INT})
              | (?P<num>{_FIG})(?:(?<!\b(?:1[89]|2[01])\d\d)\s+to\s+(?P<hi3>{_FIG}))?  # not "2019 to 25"
            )
            {_END}
            """, re.IGNORECASE | re.VERBOSE)
        self._implied = dict(d["implied_units"])
        self._of_them = re.compile(rf"[ \t]+of[ \t]+(?:{phrase_regex(d['of_them'])})(?![\w-])",
                                   re.IGNORECASE)
        self._number_of = re.compile(rf"\b(?:{phrase_regex(d['number_of'])})[ \t]+of[ \t]+"
                                     r"(?:(?:its|their|the|his|her|our)[ \t]+)?", re.IGNORECASE)
        # a count begins with its qualifier, "from"/"between", or the figure itself
        self._starts = number_starts()
        # the starts that may open a figure (numbers.FigureOpening; a count's regex has this lookbehind)
        self._opens = FigureOpening(behind=r"(?<![\w.,/$€£¥:#@&+-])")

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
        if word.endswith(".") and len(word) > 4 and word[:-1].lower() not in self._months:
            return ""   # a full stop ends the sentence; "Sept. 14" is a date
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
        if before in self._months or before.rstrip(".") in self._months:
            return "date"   # "August 15", "Mar. 14 reports"
        raw = m.group("num") or ""
        first = m.group("lo1") or m.group("lo2") or raw
        if len(first) > 1 and first[0] == "0" and first[1].isdigit():
            # no count is written with a leading zero: clock times ("0930 GMT"), phone numbers
            # ("0912 345 678"), codes
            return "leading zero"
        if len(raw) == 4 and raw.isdecimal() and 1900 <= int(raw) <= 2100:
            return "year"
        if len(raw) == 4 and raw.isdecimal() and int(raw[:2]) < 24 and int(raw[2:]) < 60:
            nxt = _NEXT_TOKEN_RE.match(text, m.end())
            if nxt and nxt.group(1) in self._clock_followers:
                return "clock time"   # "1730 AEDT", "1745 local time"
        if raw.lower() == "zero" and (m.group("qual") or not self._counts_zero(text, m.end())):
            return "level"            # "below zero", "up from zero today"
        if self._idiom_re.search(text, max(0, m.start() - 25), m.end() + 30):
            return "idiom"
        if raw and raw[0].isdigit() and not _INT_RE.fullmatch(raw) and raw[-1].isdigit():
            return "decimal"  # "3.2 times", "8.5 days": not a number of things
        if (cased[:1].isalpha() and not cased.islower() and not m.group("qual")
                and self._names_something(text, m.start(), cased)):
            return "name"   # ("in Da Nang more than 3,000 trees": a qualifier stands in no name)
        return None

    def _counts_zero(self, text: str, pos: int) -> bool:
        """Whether a noun follows the "zero" ending at pos ("zero deaths")."""
        return list_noun_phrase_after(text, pos, require_and=True) is not None

    def _names_something(self, text: str, pos: int, cased: str) -> bool:
        """Whether the figure at pos is part of a name, the word before it being `cased`.

        A figure right after a capitalised word in mid-sentence belongs to a name: products and
        models ("the iPhone 16", "a Boeing 787", "Tesla's Model 3 sold well", "Windows 11"),
        events ("Euro 2024"), flights ("Flight 370"); a count stands after a verb, a preposition
        or a determiner ("launched 16 models", "of 787 jets"), capitalised only at the start of a
        sentence ("Only 15 ...", "The 12 ..."). A capital inside the word marks a brand however it
        stands ("iPhone", "eVTOL"). Not in a headline in title case ("Hanoi Disciplines 15 Party
        Members"), nor after a possessive ("Hanoi's 30 districts") or a weekday ("on Monday 15
        ...", capitalised_before_ok)."""
        internal = cased[0].islower() and any(c.isupper() for c in cased[1:])
        if not (cased[0].isupper() or internal):
            return False
        if cased.endswith(("'s", "’s", "'", "’", ".")) or cased.lower() in self._capitalised_ok:
            return False
        if internal:
            return True
        head = text[max(0, pos - 80):pos].rstrip()
        if not head.endswith(cased):
            return False
        before = head[:-len(cased)]
        prev = before.rstrip()
        if not prev or "\n" in before[len(prev):] or prev[-1] in ".!?:;\"“”'‘’([-–—":
            return False  # the word begins its sentence, line or quotation
        # a headline in title case capitalises every longer word: no telling names there
        line_start = text.rfind("\n", max(0, pos - 100), pos) + 1
        line_end = text.find("\n", pos, pos + 50)
        words = [w for w in _WORDS_RE.findall(text, max(line_start, pos - 100),
                                              line_end if line_end >= 0 else pos + 50)
                 if len(w) > 3]
        return not (len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.75 * len(words))

    def _capitalised_plural(self, word: str) -> bool:
        low = word.lower()
        return ((low.endswith("s") and not low.endswith(("ss", "us", "is")))
                or low in self._capitalised_plurals or low.endswith(self._capitalised_plural_endings))

    def _not_counted(self, text: str, m: re.Match[str], phrase: Any, value: float) -> str | None:
        """Why the noun phrase after the figure is not what it counts."""
        words = phrase.text.split()
        first = words[0].lower()
        if first in self._not_units:
            return "not a unit"
        if first in self._change_units and self._word_before(text, m.start()) in self._change_before:
            return "change of rank"
        if words[0][:1].isupper():
            # A street address: a number, then a name, then a singular street word ("12 Trang
            # Tien Street"; "12 streets" would be counted), or after "at" a name of two or more
            # capitalised words, the last singular ("the shop at 35 Lang Ha"), where a count of
            # more than one would end in a plural ("at 15 Party Committees"). Not where a number
            # cut the phrase short ("at 12 Metro Line 3 stations": the count is real).
            last = words[-1]
            if last.lower() in self._street_words:
                return "address"
            if (len(words) > 1 and value > 1 and all(w[:1].isupper() for w in words)
                    and last[1:].islower() and not self._capitalised_plural(last)
                    and not text[phrase.end + 1:phrase.end + 2].isdigit()
                    and self._word_before(text, m.start()) == "at"):
                return "address"
        return None

    def candidate_starts(self, doc: Doc) -> list[int]:
        return self._opens.keep(self._starts.starts(doc), doc_text(doc))

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        found: list[Candidate] = []
        for m in matches_at(self._re, text, self.candidate_starts(doc)):
            hi = m.group("hi1") or m.group("hi2") or m.group("hi3")
            lo = m.group("lo1") or m.group("lo2") or (m.group("num") if hi else None)
            opener = m.group("from")
            # the local tests need no value and reject a third of the figures: first, but for
            # "from X to Y", which may still be a fall (_fall)
            why = None if opener else self._not_a_count(text, m)
            if why:
                logger.debug("not a count (%s): %r", why, m.group(0))
                continue
            try:
                value, value_max = scaled_range(lo or m.group("num"), hi)
            except ValueError:
                continue
            if value_max is not None and value_max <= value:
                if opener and opener.lower() == "from":
                    found += self._fall(text, m)
                continue
            if opener:
                why = self._not_a_count(text, m)
            rule = None
            if why is None:
                phrase, end = self._phrase(text, m.end())
                if phrase is None and not hi and value >= 2:
                    phrase, end = self._partitive_phrase(text, m.end())
                    rule = "count.partitive" if phrase is not None else None
                if phrase is not None:
                    why = self._not_counted(text, m, phrase, value)
            if why:
                logger.debug("not a count (%s): %r", why, m.group(0))
                continue
            fields = {"value": value, "value_max": value_max,
                      "qualifier": qualifier_code(m.group("qual"), "en")}
            if phrase is not None:
                fields["unit"] = phrase.text
                rule = rule or ("count.range" if hi else (
                    "count.noun" if (lo or m.group("num"))[0].isdigit() else "count.word_number"))
                found.append(Candidate(m.start(), end, fields, rule, False))
            elif not hi and (implied := self._implied_unit(text, m.start())):
                found.append(Candidate(m.start(), m.end(), {**fields, "unit": implied},
                                       "count.implied", False))
            elif not hi and self._bare_ok(text, m):
                found.append(Candidate(m.start(), m.end(), fields, "count.list_inherit", True))
        for c in self._inherit(doc, text, found):
            add_fact(doc, c.start, c.end, KIND, c.fields, c.rule, spans_key=self.spans_key)
        return doc

    def _implied_unit(self, text: str, pos: int) -> str | None:
        """What a bare figure after "a crowd of" counts: the noun before "of" implies it
        ("The crowd of about 23,700 was the largest": spectators)."""
        m = _OF_BEFORE_RE.search(text, max(0, pos - 30), pos)
        return self._implied.get(m.group(1).lower()) if m else None

    def _fall(self, text: str, m: re.Match[str]) -> list[Candidate]:
        """"cut the number of its agencies from 21 to 15 agencies", "the number of divisions will
        fall from 167 to 118": a figure falling is two counts, the level before and the one after
        (a rising one is a range to the count regex). The unit is the noun phrase after the
        second figure, else what "the number of" names earlier in the clause."""
        named = None
        clause = max(text.rfind(". ", 0, m.start()), text.rfind("\n", 0, m.start())) + 1
        for nm in self._number_of.finditer(text, clause, m.start()):
            np = noun_phrase_after(text, nm.end() - 1)
            if np is not None:
                named = np.text
        phrase, end = self._phrase(text, m.end())
        if phrase is not None and self._not_counted(text, m, phrase, 2):
            return []
        unit_hi = phrase.text if phrase is not None else named
        if unit_hi is None:
            return []
        out = []
        for grp, unit, stop in (("lo1", named or unit_hi, m.end("lo1")),
                                ("hi1", unit_hi, end if phrase is not None else m.end("hi1"))):
            try:
                value, _ = scaled_range(m.group(grp), None)
            except ValueError:
                return []
            fields = {"value": value, "value_max": None, "qualifier": None,
                      "unit": _singular(unit) if value == 1 else unit}
            out.append(Candidate(m.start(grp), stop, fields, "count.fall", False))
        return out

    def _partitive_phrase(self, text: str, pos: int) -> tuple[Any, int]:
        """"Three of the ministers": the phrase after "of the/these/its ..." is what is counted
        (a figure after it makes a ratio: "two of the 10 lines"). "one of the ..." is left out, as
        "one of the key tasks" is an idiom more often than a count."""
        m = self._partitive_of.match(text, pos)
        if m is None:
            return None, pos
        phrase = list_noun_phrase_after(text, m.end(), require_and=True)
        return (phrase, phrase.end) if phrase is not None else (None, pos)

    def _bare_ok(self, text: str, m: re.Match[str]) -> bool:
        """A figure with no noun after it may be an enumerated count ("including 5 at")."""
        if self._elided(text, m):
            return True
        if m.group("qual"):
            return False
        nxt = _WORDS_RE.match(text, m.end() + 1) if m.end() < len(text) and text[m.end()] == " " \
            else None
        if self._of_them.match(text, m.end()):
            return True   # "about 2,300 firefighters were deployed, 120 of them from abroad"
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

    def _elided(self, text: str, m: re.Match[str]) -> bool:
        """"abolished 212 procedures and simplified over 300.": a second verb after "and" whose
        object is a bare figure ending the clause counts what the first one did (_inherit gives it
        the unit of the count before it in the sentence)."""
        if text[m.end():m.end() + 1] not in (".", ",", ";") or text[m.end() + 1:m.end() + 2].isdigit():
            return False
        words = _WORDS_RE.findall(text, max(0, m.start() - 40), m.start())
        return (len(words) >= 2 and words[-2].lower() == "and" and len(words[-1]) > 4
                and words[-1].lower().endswith("ed") and words[-1].islower()
                and text[max(0, m.start() - 40):m.start()].rstrip().endswith(words[-1]))

    def _inherit(self, doc: Doc, text: str, found: list[Candidate]) -> list[Candidate]:
        if not any(c.bare for c in found):
            return found
        starts = sentence_starts(doc)
        out: list[Candidate] = []
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


@English.factory("newsfacts_count", assigns=["doc.spans", "span._.fact"],
                 default_config={"spans_key": SPANS_KEY})
def make_count(nlp: Language, name: str, spans_key: str) -> CountExtractor:
    return CountExtractor(spans_key=spans_key)
