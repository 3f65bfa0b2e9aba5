"""What the languages' fact components share besides extractors/nlp.py: the noun phrase after a
figure, the candidate a component collects before it adds its facts, reading a figure range, and the
unit a ratio written without one takes from its sentence.

Nothing here knows a language: each component passes its own number parser, noun phrase reader and
thousands mark.
"""
from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from typing import Any, NamedTuple

from spacy.tokens import Doc

from extractors.nlp import last_match, sentence_starts


class NounPhrase(NamedTuple):
    text: str
    start: int
    end: int


PhraseAfter = Callable[[str, int], "NounPhrase | None"]


class Candidate(NamedTuple):
    """A fact a component has found but not added yet: it may still take its unit from another."""
    start: int
    end: int
    fields: dict[str, Any]
    rule: str
    bare: bool = False      # a figure without its noun, to take one from a neighbour (counts)


def parse_range(parse: Callable[[str], float], lo: str, hi: str | None) -> tuple[float, float | None] | None:
    """A figure and the high end of its range (None without one), read by the language's
    parse_number; None when either is not a number."""
    try:
        return parse(lo), (parse(hi) if hi else None)
    except ValueError:
        return None


def inherit_ratio_units(doc: Doc, text: str, found: list[Candidate], thousands: str,
                        phrase_after: PhraseAfter) -> None:
    """Give a unitless ratio the unit of the closest preceding ratio in its sentence, else of the
    whole it divides when the sentence counted that whole before it ("received 64 letters and
    settled 61/64"). `thousands` is how the language groups the whole's digits ("1,234", "1.234")."""
    sent_starts = sentence_starts(doc)
    last_unit: tuple[int, str] | None = None  # (sentence index, unit)
    for c in found:
        sent = bisect.bisect_right(sent_starts, c.start) - 1
        if c.fields["unit"] is not None:
            last_unit = (sent, c.fields["unit"])
        elif last_unit is not None and last_unit[0] == sent:
            c.fields["unit"] = last_unit[1]
        else:
            c.fields["unit"] = _unit_of_whole(text, sent_starts[sent] if sent >= 0 else 0, c, thousands,
                                              phrase_after)


def _unit_of_whole(text: str, sentence_start: int, c: Candidate, thousands: str,
                   phrase_after: PhraseAfter) -> str | None:
    """The noun counted after the whole ("64 letters", "17 đơn") earlier in the sentence."""
    den = c.fields["denominator"]
    if den is None or not float(den).is_integer():
        return None
    n = int(den)
    written = "|".join(re.escape(s) for s in dict.fromkeys((f"{n:,}".replace(",", thousands), str(n))))
    pattern = re.compile(rf"(?<![\d.,/])(?:{written})(?![\d/]|[.,]\d)")
    whole = last_match(pattern.finditer(text, sentence_start, c.start))
    phrase = phrase_after(text, whole.end()) if whole else None
    return phrase.text if phrase else None
