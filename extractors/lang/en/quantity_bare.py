"""Quantities written without a unit after their figure, which news still reads as measures
(news gold N10, N13): an age after a name ("Okafor, 27, had won"), a length of time with no
digit ("half an hour", "less than a year") and an index level after a verb of change ("the
Nikkei rose 0.9% to 32,040.3", "the dollar index eased to 106.2").

Each is one regex over the text, tried only when a cheap test says the text may hold one; the
cue words are in patterns/quantity.json ("bare_*").
"""
from __future__ import annotations

import functools
import re
from typing import Any, Iterator, NamedTuple

from extractors.nlp import BehindLed, load_patterns, qualifier_code, qualifier_regex

_WORDS_RE = re.compile(r"[^\W\d_][\w'’&-]*")


class Bare(NamedTuple):
    start: int
    end: int
    fields: dict[str, Any]
    rule: str


@functools.lru_cache(maxsize=1)
def _tables() -> dict[str, Any]:
    d = load_patterns("quantity", "en")
    singular = d["bare_durations"]
    return {
        "durations": singular,
        "not_names": frozenset(d["bare_age_not_after"]),
        "index_cues": frozenset(d["bare_index_cues"]),
        "index_suffixes": tuple(d["bare_index_cue_suffixes"]),
        "change": frozenset(d["points_change_words"]),
        "after": frozenset(d["bare_index_followers"]),
        "age_re": re.compile(
            # "Okafor, 27, had won", "said Hoa, 29, who": a capitalised word, its age between commas
            r"(?<![\w.])([A-Z][^\W\d_]+(?:[-'’][A-Z]?[^\W\d_]+)?),[ \t\u00a0]([1-9]\d?|1[01]\d),"
            # then a lower-case word ("had", "who", "director of"): "Vietnam, 45, Thailand, 38" is a table
            r"(?=[ \t\u00a0]+[a-z])"),
        "time_re": re.compile(
            # "half an hour", "less than a year", "nearly a decade", "an hour and a half": no digit,
            # a unit; "a year" alone is a rate or a date ("a year ago"). The qualifier is looked
            # for before the match (qual_re): a pattern opening with it would be tried everywhere.
            rf"(?<![\w-])(?:(?P<half>half[ \t\u00a0]+an?)|(?P<one>an?))[ \t\u00a0]+(?P<unit>{'|'.join(singular)})"
            r"(?P<andhalf>[ \t\u00a0]+and[ \t\u00a0]+a[ \t\u00a0]+half)?(?![\w-])",
            re.IGNORECASE),
        # what every match of age_re and time_re holds, led by a character re skips to in C (the
        # full patterns open with a lookbehind, tried at every character): a text without it has none
        "age_anchor": re.compile(r",[ \t\u00a0](?:[1-9]\d?|1[01]\d),"),
        # (its first letter as a class of both cases: an IGNORECASE pattern is tried at every character)
        "time_anchor": re.compile(rf"[AaHh](?=(?i:alf[ \t\u00a0]+an?|n?)[ \t\u00a0]+(?:{'|'.join(singular)}))"),
        "qual_re": re.compile(rf"(?<![\w-])(?:{qualifier_regex('en')})[ \t\u00a0]+$", re.IGNORECASE),
        "index_re": BehindLed(
            # a level with a decimal part or thousands groups, no unit after: "to 32,040.3 by 0230"
            r"(?<![\w.,])", r"(?:to|at)[ \t\u00a0]+(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+\.\d+)(?![\w%.,]\d|[\w%°])"),
    }


def bare_quantities(text: str) -> list[Bare]:
    t = _tables()
    out: list[Bare] = []
    if ", " in text and t["age_anchor"].search(text):
        out += _ages(text, t)
    low = text.lower()
    if "half" in low or " a " in low or " an " in low:
        out += _times(text, t)
    if any(cue in low for cue in t["index_cues"]) or any(x in low for x in t["index_suffixes"]):
        out += _index_levels(text, t)   # (a text naming no index has no index level)
    return sorted(out)


def _ages(text: str, t: dict[str, Any]) -> list[Bare]:
    out = []
    for m in t["age_re"].finditer(text):
        if m.group(1).lower() in t["not_names"]:
            continue   # "On Monday, 12, ..." and such: no person
        out.append(Bare(m.start(2), m.end(2), {"value": int(m.group(2)), "value_max": None,
                                               "qualifier": None, "unit": "years"}, "quantity.age"))
    return out


def _time_matches(text: str, pattern: re.Pattern[str], anchor: re.Pattern[str]) -> Iterator[re.Match[str]]:
    """pattern.finditer(text), tried only where `anchor` (pattern without its lookbehind) matches:
    each match of pattern begins where one of anchor does, and anchor.search finds the next such
    place in C."""
    pos = 0
    while (a := anchor.search(text, pos)) is not None:
        m = pattern.match(text, a.start())
        if m is None:
            pos = a.start() + 1
            continue
        yield m
        pos = m.end()


def _times(text: str, t: dict[str, Any]) -> list[Bare]:
    out = []
    for m in _time_matches(text, t["time_re"], t["time_anchor"]):
        q = t["qual_re"].search(text, max(0, m.start() - 30), m.start())
        qual = q.group(0).rstrip() if q else None
        start = q.start() if q else m.start()
        if m.group("one") and not (qual or m.group("andhalf")):
            continue   # "a year": a rate ("VND 5 billion a year") or a relative date ("a year ago")
        if qual and qual.lower() == "over":
            continue   # "over a year" is during as often as more than (gold README rule 3)
        value = 0.5 if m.group("half") else 1.0
        if m.group("andhalf"):
            value += 0.5
        unit = m.group("unit").lower() + "s"
        out.append(Bare(start, m.end(), {"value": value, "value_max": None,
                                         "qualifier": qualifier_code(qual, "en"), "unit": unit},
                        "quantity.word_duration"))
    return out


def _index_levels(text: str, t: dict[str, Any]) -> list[Bare]:
    out = []
    for m in t["index_re"].finditer(text):
        rest = _WORDS_RE.match(text, m.end() + 1) if text[m.end():m.end() + 1] == " " else None
        if rest and rest.group(0).lower() not in t["after"]:
            continue   # "to 1,200 units": a count or a measure of its own
        clause = text[max(0, m.start() - 120):m.start()]
        clause = re.split(r"[.;!?\n]\s", clause)[-1]
        words = [w.lower() for w in _WORDS_RE.findall(clause)]
        if not t["change"].intersection(words[-8:]):
            continue   # a level reached by a move: "rose 1.9% to 223.4", "eased to 106.2"
        if not (t["index_cues"].intersection(words)
                or any(w.endswith(t["index_suffixes"]) for w in words)):
            continue
        value = float(m.group(1).replace(",", ""))
        out.append(Bare(m.start(1), m.end(1), {"value": value, "value_max": None, "qualifier": None,
                                               "unit": "points"}, "quantity.index_level"))
    return out
