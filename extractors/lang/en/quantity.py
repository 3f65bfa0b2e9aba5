"""Quantities, a measurement with a unit of measure: "1,200 ha", "5.6 km", "about 38,000 tons",
"30-34 degrees Celsius", "60-m2", "over 92 million kWh", "10 days", "seven to 10 days",
"15 working days", "70mph", "3.2m tonnes", "minus 40 degrees", "28C", "a 6.7-inch screen",
"gained 23.5 points", "between 40 km and 45 km".

One compiled regex, run around each unit word (extractors/lang/en/patterns/quantity.json, whose
_units_comment lists the one spelling each unit is recorded with); span = optional qualifier +
("from"/"between" of a range) + optional minus + figure(s) + unit. Durations after
"first/next/..." ("the first 6 months") are periods and left alone; after "past/last" they are a
length of time ("over the past three years" -> "three years") unless "of" anchors them to a
calendar ("the last three months of the year"). A written minus ("-5 degrees", "minus 40
degrees") makes the value negative; a verb of change ("fell 5 degrees") does not.
Multipliers with a number are quantities in "times" ("2.5 times higher", "nearly fivefold"; news
gold N9); quantities with no unit after the figure (ages, "half an hour", index levels) are
quantity_bare.py's.
"""
from __future__ import annotations

import functools
import logging
import re
from typing import Any, NamedTuple

from spacy.lang.en import English
from spacy.language import Language
from spacy.tokens import Doc

from extractors.lang.en.count import WORD_FIGURE_RE, scaled_range
from extractors.lang.en.numbers import DIGITS_RE, FigureOpening, SCALE_RE, number_starts
from extractors.lang.en.quantity_bare import bare_quantities
from extractors.nlp import (
    SPANS_KEY,
    StartFinder,
    add_fact,
    doc_text,
    load_patterns,
    matches_at,
    near,
    phrase_regex,
    phrase_trie,
    qualifier_code,
    qualifier_regex,
)

logger = logging.getLogger(__name__)

KIND = "quantity"
_REACH = 110  # the unit lies at most this far after the start ("between ... and ... square metres")
# a figure that begins the fact holds the unit closer (the gold articles: at most 17 characters on)
_DIGIT_REACH = 40
_WORDS_RE = re.compile(r"[^\W\d_][\w'’-]*")
_NEXT_WORD_RE = re.compile(r"[ \t\u00a0]+([^\W\d_][\w'’-]*)")
_OF_AFTER_RE = re.compile(r"\s+of\b")
_BETWEEN_AND_RE = re.compile(r"\s+and\s+")
_TO_RE = re.compile(r"\s+to\s+|\s?[-–]\s?")
# a figure with a temperature letter glued on ("28C", "100F"), case-sensitive; its own anchor, as
# a unit anchor "c"/"f" inside words would be every word that begins with one
_GLUED_ANCHOR_RE = re.compile(r"\d[CF](?![\w])")
_FOLD_ANCHOR_RE = re.compile(r"(?<![\w.,-])(?:\d+(?:[.,]\d+)?|[a-z]+)-?fold(?![\w-])", re.IGNORECASE)
_MINUS_SIGNS = "-−–"
# after "N times": how often ("in a row"), or a possessive that is what is multiplied
_FREQUENCY_TAIL_RE = re.compile(r"[ \t\u00a0]+(?:in[ \t\u00a0]+a[ \t\u00a0]+row|in[ \t\u00a0]+succession"
                                r"|so[ \t\u00a0]+far|running|straight)\b", re.IGNORECASE)
_POSSESSIVE_NEXT_RE = re.compile(r"(?:[ \t\u00a0]+[^\W\d_]+){1,2}['’]s\b")
# a capitalised word in mid-sentence right before a figure: the figure ends a name ("the V.League 1")
_NAME_BEFORE_RE = re.compile(r"[a-z0-9,][ \t\u00a0]+[A-Z][\w.’'-]*(?<!['’]s)[ \t\u00a0]+$")


def _key(s: str) -> str:
    return " ".join(s.lower().split())


@functools.lru_cache(maxsize=1)
def _tables() -> dict[str, Any]:
    d = load_patterns("quantity", "en")
    return {
        # "20m of them": the pronouns count's patterns list for "120 of them"
        "of_pronoun": re.compile(
            rf"[ \t\u00a0]+of[ \t\u00a0]+(?:{phrase_regex(load_patterns('count', 'en')['of_them'])})\b", re.IGNORECASE),
        "units": {_key(k): v for k, v in d["units"].items()},
        "glued": dict(d["glued_units"]),
        "hyphen": {_key(k): v for k, v in d["hyphen_units"].items()},
        "hyphen_not_before": frozenset(d["hyphen_not_before"]),
        "hyphen_duration_not_before": frozenset(d["hyphen_duration_not_before"]),
        "durations_set": frozenset(d["durations"]),
        "scales": {k.lower(): v for k, v in d["abbreviated_scales"].items()},
        "plural_heads": frozenset(d["plural_heads"]),
        "not_plural": frozenset(d["not_plural"]),
        "durations": frozenset(d["durations"]),
        "modifiers": d["duration_modifiers"],
        "period_words": frozenset(d["period_words"]),
        "verb_period_words": frozenset(d["verb_period_words"]),
        "duration_past_words": frozenset(d["duration_past_words"]),
        "relative_after": frozenset(d["relative_after"]),
        "sprint_units": frozenset(d["sprint_units"]),
        "lowercase_only": frozenset(d["lowercase_only_units"]),
        "subday_durations": frozenset(d["subday_durations"]),
        "period_determiners": frozenset(d["period_determiners"]),
        "points": d["points"],
        "points_cues": frozenset(d["points_cues"]),
        "points_hyphen_before": frozenset(d["points_hyphen_before"]),
        "points_cue_suffixes": tuple(d["points_cue_suffixes"]),
        "exam_cues": frozenset(d["exam_points_cues"]),
        "points_change": frozenset(d["points_change_words"]),
        "temperature_cues": frozenset(d["temperature_cues"]),
        "range_change_words": frozenset(d["range_change_words"]),
        "multipliers": bool(d["multipliers_are_facts"]),
        "mult_after": frozenset(d["multiplier_after"]),
        "mult_before": frozenset(d["multiplier_before"]),
        "fold_not_after": frozenset(d["fold_not_after"]),
        "mult_of_heads": frozenset(d["multiplier_of_heads"]),
        "frequency_after": frozenset(d["frequency_after"]),
    }


def _build_regex(multipliers: bool) -> re.Pattern[str]:
    t = _tables()
    # "two and a half hours", "one and a half million tonnes" (the scale is the group below); not
    # numbers.LONG_WORD_NUMBER_RE, whose size would be tried at every start (3x slower)
    fig = rf"(?:{DIGITS_RE}|{WORD_FIGURE_RE}(?:[ ]and[ ]a[ ]half)?)"
    units = phrase_trie([_key(u) for u in [*t["units"], *t["points"]]])
    durations = (rf"(?:{phrase_regex(t['modifiers'])}\s+)?{phrase_regex(t['durations'])}")
    glued = "|".join(map(re.escape, t["glued"]))
    # (with multipliers off the groups stay, matching nothing, so the code reads them either way)
    multiplier = (r"| [ \t\u00a0]+(?P<mult>times) | -?(?P<fold>fold)" if multipliers
                  else r"| (?P<mult>(?!)) | (?P<fold>(?!))")
    # A "-" before the figure is a minus sign only after a space, a bracket or the text's start
    # ("fell to -5 degrees"); glued to a word or figure it is a hyphen ("30-34", "COVID-19"). A
    # match begins where a candidate start is (a qualifier, "from", the figure): the minus is in the
    # pattern after a qualifier only ("around minus 5 degrees"), else _minus_start finds it.
    return re.compile(rf"""
        (?<![\w.,/$€£¥:])(?<![^\s(\[][-−–])
        (?:(?P<qual>{qualifier_regex("en")})\s+(?P<minus>minus\s+|[-−–](?=\d))?)?
        (?P<from>(?:from|between)\s+)?
        (?P<lo>{fig})
        (?:(?:\s?[-–]\s?|(?<!\d{{4}})\s+(?P<sep_word>to|and)\s+  # not "in 2015 to 4,900 ha"
            (?P<himinus>minus\s+|[-−–](?=\d))?)(?P<hi>{fig}))?   # "minus 15 to minus 10"
        (?:(?:\s+|-(?=[^\W\d_]+-))(?P<scale>{SCALE_RE})  # "5-million-tonne"
           |(?P<ascale>{phrase_regex(t["scales"])})(?=[ \t\u00a0]))?
        (?:
            (?-i:(?P<gunit>{glued}))
          | [ \t\u00a0]*(?P<unit>{units})
          | [ \t\u00a0]+(?P<dur>{durations})
          | -(?P<hunit>{phrase_regex(t["hyphen"])})
          {multiplier}
        )
        (?![\w²³/-])
        """, re.IGNORECASE | re.VERBOSE)


def _build_units(multipliers: bool) -> StartFinder:
    t = _tables()
    extra = ["times"] if multipliers else []
    # (the regex wants no letter after a unit: a word that only begins with one anchors nothing)
    return StartFinder((), [*t["units"], *t["hyphen"], *t["durations"], *t["modifiers"], *t["points"],
                            *extra], inside_words=True, word_ends=True)


class _Candidate(NamedTuple):
    start: int
    end: int
    fields: dict[str, Any]
    rule: str
    opener: str          # "from", "between" or "" (what stands before the figure in the span)
    opener_start: int    # where "between" begins, for a range closed by a second quantity


class QuantityExtractor:
    def __init__(self, multipliers: bool | None = None, spans_key: str = SPANS_KEY,
                 reach: int = _REACH) -> None:
        self.spans_key = spans_key
        self.reach = reach
        t = self._t = _tables()
        self._multipliers = t["multipliers"] if multipliers is None else multipliers
        self._re = _build_regex(self._multipliers)
        self._units = _build_units(self._multipliers)
        # the starts that may open a figure (numbers.FigureOpening, with the quantity regex's lookbehinds)
        self._opens = FigureOpening(behind=r"(?<![\w.,/$€£¥:])(?<![^\s(\[][-−–])",
                                    after_qualifier=r"(?:minus\s+|[-−–](?=\d))?")

    # --- local context -------------------------------------------------------------------
    def _word_before(self, text: str, pos: int) -> str:
        """The lower-cased word right before pos ("" after punctuation)."""
        chunk = text[max(0, pos - 25):pos]
        if chunk[-1:] not in (" ", "\t", "\u00a0"):
            return ""
        words = _WORDS_RE.findall(chunk)
        return words[-1].lower() if words and chunk.rstrip().endswith(words[-1]) else ""

    def _duration_kind(self, text: str, m: re.Match[str]) -> str | None:
        """None for a plain duration; "period" when a period word makes it a calendar span (left to
        the period component); "past" after "past/last" with no "of" after it."""
        words = _WORDS_RE.findall(text, max(0, m.start() - 40), m.start())
        if not words or words[-1].lower() not in self._t["period_words"]:
            return None
        last = words[-1].lower()
        # "last" is also a verb ("will last two weeks"): a period word only after a determiner.
        if last in self._t["verb_period_words"] and not (
                len(words) > 1 and words[-2].lower() in self._t["period_determiners"]):
            return None
        if m.group("dur").split()[-1].lower() in self._t["subday_durations"]:
            return "past"   # "in the final 15 minutes": no calendar span
        if last in self._t["duration_past_words"] and not _OF_AFTER_RE.match(text, m.end()):
            return "past"   # "over the past three years": how long, not which months
        return "period"

    def _points_rule(self, text: str, m: re.Match[str]) -> str | None:
        """'points' scored in an exam (quantity.unit), or of an index or a change
        (quantity.points); None for items ('5 points of the plan')."""
        t = self._t
        before = text[max(0, m.start() - 150):m.start()].lower()
        cues = re.findall(r"[a-z-]+", before)
        if t["exam_cues"].intersection(cues):
            return "quantity.unit"
        if (t["points_cues"].intersection(cues)
                or any(c.endswith(t["points_cue_suffixes"]) for c in cues)
                or self._word_before(text, m.start("lo") if not m.group("qual") else m.start())
                in t["points_change"]):
            return "quantity.points"
        return None

    def _is_plural_noun(self, word: str) -> bool:
        low = word.lower()
        if low in self._t["plural_heads"]:
            return True
        return (len(low) >= 4 and low.endswith("s") and not low.endswith(("ss", "us", "is"))
                and low not in self._t["not_plural"] and word[:1].islower())

    def _is_multiplier(self, text: str, m: re.Match[str]) -> bool:
        """'2.5 times higher', 'rose three times', '-fold': a multiplier; 'met three times',
        'three times a week': how often, no figure of a quantity; 'the reasons are twofold': in
        two parts."""
        t = self._t
        if m.group("fold"):
            return self._word_before(text, m.start()) not in t["fold_not_after"]
        nxt = _NEXT_WORD_RE.match(text, m.end())
        after = nxt.group(1).lower() if nxt else ""
        if after in t["frequency_after"] or _FREQUENCY_TAIL_RE.match(text, m.end()):
            return False  # "rose three times a year", "three times in a row": how often
        if _POSSESSIVE_NEXT_RE.match(text, m.end()):
            return True   # "three times last year's figure", "five times Hanoi's average"
        if after in t["mult_after"]:
            return True
        if (m.group("from") or "").strip().lower() == "from":
            return True  # "fell to 9 times from 12 times": a level left ("from three times a week" is above)
        before = self._word_before(text, m.start())
        if before == "of":  # "the average of 15 times": a multiple named before "of"
            words = _WORDS_RE.findall(text, max(0, m.start() - 40), m.start())
            return len(words) >= 2 and words[-2].lower() in t["mult_of_heads"]
        return before in t["mult_before"]

    def _temperature_context(self, text: str, m: re.Match[str]) -> bool:
        """A glued 'C' or 'F' is a temperature only in a sentence about one ('hit 28C in the
        heatwave'), not in 'Room 12C' or 'Flat 3F'."""
        words = re.findall(r"[a-z]+", text[max(0, m.start() - 100):m.end() + 60].lower())
        return bool(self._t["temperature_cues"].intersection(words))

    def candidate_starts(self, doc: Doc) -> list[int]:
        """A quantity begins with a qualifier, "from"/"between" or its figure, and has a unit."""
        text = doc_text(doc)
        anchors = self._units.starts(doc)
        extra = [a.start() for a in _GLUED_ANCHOR_RE.finditer(text)]
        # "fivefold" begins with a number word glued to its unit: no word start of its own, but
        # an anchor for the qualifier before it ("nearly fivefold")
        folds = ([a.start() for a in _FOLD_ANCHOR_RE.finditer(text)]
                 if self._multipliers and "fold" in text else [])
        if extra or folds:
            anchors = sorted(anchors + extra + folds)
        starts = self._opens.keep(near(number_starts().starts(doc), anchors, self.reach, text, _DIGIT_REACH),
                                  text)
        if folds:
            starts = sorted(set(starts) | set(folds))
        return starts

    # --- one match -----------------------------------------------------------------------
    def _unit(self, text: str, m: re.Match[str]) -> tuple[str, str] | None:
        """(unit, rule) of a match, or None when it is no quantity after all."""
        t = self._t
        if m.group("dur"):
            nxt = _NEXT_WORD_RE.match(text, m.end())
            if nxt and nxt.group(1).lower() in t["relative_after"] and not m.group("qual"):
                return None  # "three weeks ago": when; "built more than 10 years ago": an age
            kind = self._duration_kind(text, m)
            if kind == "period":
                return None  # "the first 6 months": a period
            return " ".join(m.group("dur").lower().split()), (
                "quantity.duration_past" if kind == "past" else "quantity.duration")
        if m.group("gunit"):
            if not self._temperature_context(text, m):
                return None
            return t["glued"][m.group("gunit")], "quantity.glued"
        if m.group("hunit"):
            nxt = _NEXT_WORD_RE.match(text, m.end())
            unit = t["hyphen"][_key(m.group("hunit"))]
            if unit == "points" and not (nxt and nxt.group(1).lower() in t["points_hyphen_before"]
                                         or self._points_rule(text, m)):
                return None  # "a 10-point plan": items, no score
            if unit.startswith("degrees") and nxt and nxt.group(1).lower() in t["hyphen_not_before"]:
                return None  # "a 180-degree turn": an angle
            if m.group("hunit").lower() in t["durations_set"]:
                after = {w.lower() for w in _WORDS_RE.findall(text, m.end(), m.end() + 40)[:3]}
                if after & t["hyphen_duration_not_before"]:
                    return None  # "the 10-year Japanese government bond": a type, no measure
            return unit, "quantity.hyphen"
        if m.group("mult") or m.group("fold"):
            return ("times", "quantity.multiplier") if self._is_multiplier(text, m) else None
        key = _key(m.group("unit"))
        if key in t["lowercase_only"] and not m.group("unit").islower():
            return None  # "10 BP stations": the oil company, no basis points
        if key in t["points"]:
            rule = self._points_rule(text, m)
            return ("points", rule) if rule else None
        if key == "m" and m.start("unit") == m.end("lo") and not m.group("scale"):
            nxt = _NEXT_WORD_RE.match(text, m.end())
            if nxt and self._is_plural_noun(nxt.group(1)):
                return None  # "3.2m people": 3.2 million of them, a count
            if self._t["of_pronoun"].match(text, m.end()):
                return None  # "50 million users, 20m of them in Vietnam": millions of the users
        return t["units"][key], "quantity.unit"

    def _values(self, m: re.Match[str]) -> tuple[float, float | None]:
        scale = m.group("scale")
        if m.group("ascale"):
            scale = self._t["scales"][m.group("ascale").lower()]   # "3.2m tonnes"
        return scaled_range(m.group("lo"), m.group("hi"), scale)

    def _candidate(self, text: str, m: re.Match[str]) -> _Candidate | None:
        if (m.group("hi") and m.start() == m.start("lo")
                and _NAME_BEFORE_RE.search(text, max(0, m.start() - 40), m.start())):
            # "their lead in the V.League 1 to five points": the first figure ends a name, the
            # quantity is the second one alone
            again = self._re.match(text, m.start("hi"))
            return self._candidate(text, again) if again else None
        got = self._unit(text, m)
        if got is None:
            return None
        unit, rule = got
        try:
            value, value_max = self._values(m)
        except ValueError:
            logger.debug("unparsed quantity %r", m.group(0))
            return None
        start = m.start()
        qualifier = qualifier_code(m.group("qual"), "en")
        opener = (m.group("from") or "").strip().lower()
        if opener and value_max is None:
            # "cut from 15 days to 7 days": "from" opens no range here; "between 40 km and 45 km"
            # may still close one with the next quantity (_merge_ranges)
            if qualifier:
                return None
            start = m.start("minus") if m.group("minus") else m.start("lo")
        minus_start = self._minus_start(text, m)
        if minus_start is not None:
            if value_max is not None and not m.group("himinus") and not m.group("sep_word"):
                return None  # "-5-3 degrees": no reading to trust
            value = -value
            start = min(start, minus_start)
        if m.group("himinus") and value_max is not None:
            if minus_start is None:
                return None  # "from 5 to minus 3 degrees": a change, not a range
            value_max = -value_max
        if value_max is not None:
            if m.group("himinus"):
                value, value_max = min(value, value_max), max(value, value_max)
            if value_max <= value:
                return None  # "2 and 3 km" oddities; not a range
        if value == 0 and value_max is not None and unit in self._t["sprint_units"]:
            nxt = _NEXT_WORD_RE.match(text, m.end())
            if nxt and nxt.group(1).lower() == "in":
                return None  # "goes from zero to 100 km/h in 5.9 seconds": a sprint's name
        fields = {"value": value, "value_max": value_max, "qualifier": qualifier, "unit": unit}
        return _Candidate(start, m.end(), fields,
                          "quantity.range" if value_max is not None else rule,
                          opener if value_max is None else "", m.start())

    def _minus_start(self, text: str, m: re.Match[str]) -> int | None:
        """Where a written minus begins ("minus 40 degrees", "-5 degrees Celsius": the value is
        negative, FACTS.md), or None."""
        if m.group("minus"):
            return m.start("minus")
        lo = m.start("lo")
        if lo != m.start():
            return None   # a qualifier or "from" stands between: "fell from 5 to ..."
        if lo > 0 and text[lo - 1] in _MINUS_SIGNS:
            return lo - 1   # the regex let a "-" stand only after a space, bracket or the start
        if text[max(0, lo - 6):lo].lower() == "minus ":
            return lo - 6
        return None

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        found = [c for m in matches_at(self._re, text, self.candidate_starts(doc))
                 if (c := self._candidate(text, m)) is not None]
        found = _merge_ranges(text, found, self._t["range_change_words"])
        bare = [_Candidate(b.start, b.end, b.fields, b.rule, "", b.start) for b in bare_quantities(text)
                if not any(b.start < c.end and c.start < b.end for c in found)]
        for c in sorted(found + bare, key=lambda c: c.start) if bare else found:
            add_fact(doc, c.start, c.end, KIND, c.fields, c.rule, spans_key=self.spans_key)
        return doc


def _merge_ranges(text: str, found: list[_Candidate], change_words: frozenset[str]) -> list[_Candidate]:
    """Two quantities of one unit, rising, with the unit written on both ends, are one range:
    "between 40 km and 45 km", and "3C to 6C", "20-25 km" joined by "to" or a dash. "from 20
    days to 30 days" stays two facts (a change), and so does "X to Y" after a word of change
    ("rose 5 km to 10 km")."""
    out: list[_Candidate] = []
    i = 0
    while i < len(found):
        a = found[i]
        b = found[i + 1] if i + 1 < len(found) else None
        if b is not None and _joins_range(text, a, b, change_words):
            fields = {**a.fields, "value_max": b.fields["value"]}
            start = a.opener_start if a.opener == "between" else a.start
            out.append(_Candidate(start, b.end, fields, "quantity.range", "", start))
            i += 2
            continue
        out.append(a)
        i += 1
    return out


def _joins_range(text: str, a: _Candidate, b: _Candidate, change_words: frozenset[str]) -> bool:
    """Whether quantities a and b, next to each other, are the two ends of one range."""
    if (b.opener != "" or b.fields["unit"] != a.fields["unit"] or b.fields["value_max"] is not None
            or a.fields["value_max"] is not None or b.fields["qualifier"] is not None
            or not b.fields["value"] > a.fields["value"]):
        return False
    if a.opener == "between":
        return _BETWEEN_AND_RE.fullmatch(text, a.end, b.start) is not None
    if a.opener or not _TO_RE.fullmatch(text, a.end, b.start):
        return False
    before = _WORDS_RE.findall(text, max(0, a.start - 25), a.start)
    return not (before and before[-1].lower() in change_words)


# multipliers: None for the patterns' multipliers_are_facts
@English.factory("newsfacts_quantity", assigns=["doc.spans", "span._.fact"],
                 default_config={"multipliers": None, "spans_key": SPANS_KEY, "reach": _REACH})
def make_quantity(nlp: Language, name: str, multipliers: bool | None, spans_key: str,
                  reach: int) -> QuantityExtractor:
    return QuantityExtractor(multipliers, spans_key=spans_key, reach=reach)
