"""English number words and the figures English news writes ("11,300", "twenty-one",
"124.3 trillion", "3rd") as floats.

English uses "," for thousands and "." for decimals, but translated Vietnamese reports leak the
Vietnamese convention ("79,14%", "176.737 tỷ"): extractors.numbers.parse_digits decides by the
digit groups.
"""
from __future__ import annotations

import functools
import logging
import re
from decimal import Decimal, InvalidOperation

from extractors.nlp import StartFinder, qualifier_phrases
from extractors.numbers import DIGITS_RE as _DIGITS_RE
from extractors.numbers import parse_digits

logger = logging.getLogger(__name__)

UNITS: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19,
}
TENS: dict[str, int] = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}
SCALES: dict[str, int] = {
    "thousand": 10**3, "million": 10**6, "billion": 10**9,
    "trillion": 10**12, "quadrillion": 10**15,
}

# A regex fragment for a spelled-out number up to a hundred ("seven", "twenty-one",
# "one hundred"): what the figure rules accept where a digit string could stand.
# Bigger spelled-out figures do not occur in percentages or ratios.
_TENS_ALT = "|".join(sorted(TENS, key=len, reverse=True))
_UNITS_ALT = "|".join(sorted(UNITS, key=len, reverse=True))
WORD_NUMBER_RE = (rf"(?:(?:one|a)[ ]hundred|(?:{_TENS_ALT})(?:[- ](?:{_UNITS_ALT}))?"
                  rf"|{_UNITS_ALT})")

def _parse_words(words: list[str]) -> Decimal:
    """'twenty-one', 'one hundred and five', 'three thousand', 'a million'.

    Word order is checked so that a run of unrelated number words ("one two") is junk,
    not a sum.
    """
    total, current, last = 0, 0, ""
    for i, w in enumerate(words):
        if w in UNITS and last in ("", "ten", "hundred", "scale", "and"):
            if last == "ten" and not 0 < UNITS[w] < 10:
                raise ValueError(f"not a number: {' '.join(words)!r}")
            current += UNITS[w]
            last = "unit"
        elif w in TENS and last in ("", "hundred", "scale", "and"):
            current += TENS[w]
            last = "ten"
        elif w == "hundred" and last in ("", "unit", "a") and current % 100 < 10:
            current = (current or 1) * 100
            last = "hundred"
        elif w in SCALES and last in ("", "unit", "ten", "hundred", "a"):
            total += (current or 1) * SCALES[w]
            current = 0
            last = "scale"
        elif w == "and" and last in ("hundred", "scale"):
            last = "and"
        elif w == "a" and i == 0:
            current, last = 1, "a"
        else:
            raise ValueError(f"not a number: {' '.join(words)!r}")
    if last in ("", "and", "a"):
        raise ValueError(f"not a number: {' '.join(words)!r}")
    return Decimal(total + current)


def parse_number(s: str, lang: str = "en") -> float:
    """Parse '11,300', '96.38', '79,14', '176.737' (vi), 'twenty-one', '124.3 trillion'.

    Raises ValueError for anything else.
    """
    if not isinstance(s, str):
        raise ValueError(f"not a string: {s!r}")
    text = s.strip().lower()
    if not text:
        raise ValueError("empty number")
    words = text.split()
    # A digit string followed by scale words ("124.3 trillion", "1,5 million").
    if _DIGITS_RE.fullmatch(words[0]):
        try:
            value = parse_digits(words[0], "." if lang == "vi" else ",")
        except InvalidOperation as exc:  # pragma: no cover - regex already vetted the digits
            raise ValueError(f"not a number: {s!r}") from exc
        for w in words[1:]:
            if w not in SCALES:
                raise ValueError(f"not a number: {s!r}")
            value *= SCALES[w]
        return float(value)
    return float(_parse_words([w for w in re.split(r"[\s\-–]+", text) if w]))


# --- figures shared by the count, rank, money and quantity components ---------------------
# A digit string with thousands or decimal separators ("11,300", "124.3", "1,920.37").
DIGITS_RE = r"\d+(?:[.,]\d+)*"
# Scale words that follow a figure ("124.3 trillion", "one million").
SCALE_RE = r"(?:thousand|million|billion|trillion|quadrillion)"

ORDINAL_WORDS: dict[str, int] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
    "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12,
    "thirteenth": 13, "fourteenth": 14, "fifteenth": 15, "sixteenth": 16,
    "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20,
}
# "1st", "22nd", "3rd", "14th" or an ordinal word up to "twentieth".
ORDINAL_RE = (r"(?:\d+(?:st|nd|rd|th)|"
              + "|".join(sorted(ORDINAL_WORDS, key=len, reverse=True)) + ")")
_ORDINAL_DIGITS = re.compile(r"(\d+)(?:st|nd|rd|th)")


def parse_ordinal(s: str) -> int:
    """'1st' -> 1, 'Third' -> 3; ValueError for anything else."""
    low = s.strip().lower()
    m = _ORDINAL_DIGITS.fullmatch(low)
    if m:
        return int(m.group(1))
    if low in ORDINAL_WORDS:
        return ORDINAL_WORDS[low]
    raise ValueError(f"not an ordinal: {s!r}")


def parse_scaled(number: str, scale: str | None = None) -> float:
    """parse_number of a figure and an optional scale word given apart:
    ('160.8', 'million') -> 160800000."""
    return parse_number(f"{number} {scale}" if scale else number)


@functools.lru_cache(maxsize=1)
def number_starts() -> StartFinder:
    """Where a figure with its qualifier may begin: a qualifier, "from"/"between", a number
    word, a digit. Shared by the components whose facts begin that way."""
    return StartFinder(["from", "between", "a", *UNITS, *TENS], qualifier_phrases("en"), digits=True)
