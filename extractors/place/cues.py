"""One language's cue words for choosing a figure's place (patterns/about.json "place"), compiled
once per language (place_cues), and the level of the units a count counts."""
from __future__ import annotations

import functools
import re

from extractors.nlp import load_patterns, phrase_regex, word_regex
from extractors.place.textcues import _W


def _norm(s: str) -> str:
    return " ".join(s.lower().split())


class _EndCue:
    r"""A regex of phrases that must end a window of the lowered text, whitespace aside (its
    pattern ends with the phrases, then \s*$: word_regex(phrases, tail=r"\s*$")), searched only
    when the window ends with one of their last words. That str test fails most windows (the text
    before most mentions) at a fraction of the regex's cost, and never one the regex matches: its
    match ends with a phrase where rstrip() ends."""
    __slots__ = ("rx", "last_words")

    def __init__(self, rx: re.Pattern, last_words: tuple[str, ...]) -> None:
        self.rx = rx
        self.last_words = last_words

    def search(self, low: str, lo: int, hi: int) -> bool:
        return low[lo:hi].rstrip().endswith(self.last_words) and self.rx.search(low, lo, hi) is not None


def _end_cue(phrases: list[str]) -> _EndCue | None:
    rx = word_regex(phrases, tail=r"\s*$")
    if rx is None:
        return None
    return _EndCue(rx, tuple({p.lower().split()[-1] for p in phrases if p.strip()}))


class _PlaceCues:
    """One language's cue words for choosing a figure's place (patterns/about.json "place")."""

    def __init__(self, lang: str) -> None:
        d = load_patterns("about", lang).get("place", {})
        self.lang = lang
        self.home = d.get("home_province")
        self.country_name = d.get("country", "Vietnam")
        # level words that number their units ("Quận 1", "District 1"): a digit after them is a name
        self.numbered_levels = tuple(w.lower() for w in d.get("numbered_levels", []))
        self.anaphor_level: dict[str, str] = {}
        for level, phrases in d.get("anaphors", {}).items():
            for p in phrases:
                self.anaphor_level[_norm(p)] = level
        prefixes = d.get("anaphor_prefixes", [])
        self.prefixes = tuple(_norm(p) + " " for p in prefixes)
        self.anaphor_phrases = tuple(self.anaphor_level)
        self.not_before = _end_cue(d.get("anaphor_not_before", []))
        self.not_after = word_regex(d.get("anaphor_not_after", []))
        self.country_phrases = tuple(_norm(p) for p in d.get("country_cues", []))
        self.doc_types = frozenset(_norm(t) for t in d.get("national_doc_types", []))
        self.doc_issuers = frozenset(t.lower() for t in d.get("national_doc_issuers", []))
        self.org_after = word_regex(d.get("org_after", []), lower=False)
        heads = d.get("org_heads", []) + d.get("name_heads", [])
        # with no lookbehind ((?<!{_W}), which _org_heads tests): the search skips in C to a capital
        self.org_head = (re.compile(rf"(?:{phrase_regex(heads)})(?!{_W})") if heads else None)
        self.name_heads = frozenset(d.get("name_heads", []))
        self.former_before = _end_cue(d.get("former", []))
        self.former_after = word_regex(d.get("former_after", []))
        self.not_place_before = _end_cue(d.get("not_place_before", []))
        self.not_place_after = word_regex(d.get("not_place_after", []))
        self.scope = word_regex(d.get("scope_words", []))
        self.average = word_regex(d.get("average_words", []))
        self.reference = word_regex(d.get("reference_words", []))
        self.reference_before = _end_cue(d.get("reference_before", []))
        preps = [p.lower() for p in d.get("after_prepositions", [])] or ["in"]
        self.after_prep = re.compile(rf"\s*(?:{_W}+\s+){{0,2}}?(?:{phrase_regex(preps)})\s+$")   # with match()
        joiners = [j.lower() for j in d.get("list_joiners", [","])]
        self.joiner = re.compile(rf"^\s*(?:{phrase_regex(joiners)})?\s*$")
        self.respectively = tuple(_norm(p) for p in d.get("respectively", []))
        self.unit_level: dict[str, str] = {}
        for level, phrases in d.get("unit_levels", {}).items():
            for p in phrases:
                self.unit_level[_norm(p)] = level
        self.unit_words = {w: lv for p, lv in self.unit_level.items() for w in p.replace(",", " ").split()
                           if len(p.replace(",", " ").split()) == 1}
        self.landmark = _end_cue(d.get("landmark_before", []))
        levels = phrase_regex(self.anaphor_level) if self.anaphor_level else "(?!)"
        joint = phrase_regex(joiners + ["/", "or"])
        self.level_list_after = re.compile(rf"\s*(?:{joint})\s*(?:{levels})(?!{_W})")
        self.level_list_before = _EndCue(re.compile(rf"(?<!{_W})(?:{levels})\s*(?:{joint})\s*$"),
                                         tuple({j.split()[-1] for j in joiners + ["/", "or"] if j.strip()}))

    def unit_level_of(self, unit: str | None) -> str | None:
        """The level of the administrative units a count counts ('30 districts, towns' -> district)."""
        if not unit:
            return None
        return _unit_level(self.lang, unit)

    def _unit_level_of(self, unit: str) -> str | None:
        u = _norm(unit)
        lv = self.unit_level.get(u)
        if lv:
            return lv
        words = u.replace(",", " ").split()
        if not words:
            return None
        head = words[-1] if self.lang == "en" else words[0]
        return self.unit_words.get(head)


@functools.cache
def place_cues(lang: str) -> _PlaceCues:
    return _PlaceCues(lang)


# Most figures count the same few things ("people", "cases"): their level cached, boundedly.
@functools.lru_cache(maxsize=4096)
def _unit_level(lang: str, unit: str) -> str | None:
    return place_cues(lang)._unit_level_of(unit)
