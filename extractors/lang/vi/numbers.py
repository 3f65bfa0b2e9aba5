"""Vietnamese figures: "176.737" (dot thousands), "7,6" and "70,759" (comma decimals: a comma
before three digits is still a decimal), scale words after the figure that stack ("triệu" 10^6,
"tỷ"/"tỉ" 10^9, "nghìn tỷ" 10^12, "nghìn"/"ngàn" 10^3), and word numbers ("ba", "hai mươi mốt",
"một trăm", "nửa").

Word numbers are also ordinary words: "năm" is a year, "ba" a father, "tư" private, "một" the
article. Which ones may stand as a figure where is the components' business (word_number_ok).
"""
from __future__ import annotations

import functools
import re
from decimal import Decimal

from extractors.nlp import StartFinder, load_patterns, qualifier_phrases
from extractors.numbers import parse_digits

LANG = "vi"

UNITS: dict[str, int] = {"không": 0, "một": 1, "hai": 2, "ba": 3, "bốn": 4, "tư": 4, "năm": 5,
                         "sáu": 6, "bảy": 7, "bẩy": 7, "tám": 8, "chín": 9}
_UNIT_AFTER_TENS = {**UNITS, "mốt": 1, "lăm": 5, "nhăm": 5, "tư": 4}
SCALES: dict[str, int] = {"nghìn": 10**3, "ngàn": 10**3, "vạn": 10**4, "triệu": 10**6, "tỷ": 10**9,
                          "tỉ": 10**9}

# A digit string: "176.737", "7,6", "5.330,9", "1.234.567", "12".
DIGITS_RE = r"\d+(?:[.,]\d+)*"
# Scale words after a figure, stacked: "tỷ", "nghìn tỷ", "triệu tỷ".
SCALE_RE = r"(?:(?:nghìn|ngàn|triệu)\s+(?:tỷ|tỉ)|nghìn|ngàn|vạn|triệu|tỷ|tỉ)"
_SIMPLE = "một|hai|ba|bốn|năm|sáu|bảy|bẩy|tám|chín"
# "mười", "mười hai", "hai mươi", "hai mươi mốt", "ba trăm", "một trăm hai mươi", "nửa"
WORD_NUMBER_RE = (rf"(?:(?:{_SIMPLE})\s+trăm(?:\s+(?:linh|lẻ)\s+(?:{_SIMPLE})|\s+(?:{_SIMPLE})\s+mươi"
                  rf"(?:\s+(?:mốt|lăm|nhăm|tư|{_SIMPLE}))?|\s+mười(?:\s+(?:{_SIMPLE}|lăm|nhăm))?)?"
                  rf"|(?:{_SIMPLE})\s+mươi(?:\s+(?:mốt|lăm|nhăm|tư|{_SIMPLE}))?"
                  rf"|mười(?:\s+(?:lăm|nhăm|{_SIMPLE}))?"
                  rf"|{_SIMPLE}|nửa)")
_WORD_NUMBER_FULL = re.compile(WORD_NUMBER_RE + r"$", re.IGNORECASE)


def _parse_words(words: list[str]) -> Decimal:
    """'ba' 3, 'mười lăm' 15, 'hai mươi mốt' 21, 'một trăm linh năm' 105, 'nửa' 0.5."""
    if words == ["nửa"]:
        return Decimal("0.5")
    total, i = 0, 0
    if len(words) >= 2 and words[1] == "trăm":
        total, i = UNITS[words[0]] * 100, 2
        if i < len(words) and words[i] in ("linh", "lẻ"):
            return Decimal(total + UNITS[words[i + 1]])
    rest = words[i:]
    if not rest:
        return Decimal(total)
    if rest[0] == "mười":
        tens, rest = 10, rest[1:]
    elif len(rest) >= 2 and rest[1] == "mươi":
        tens, rest = UNITS[rest[0]] * 10, rest[2:]
    else:
        tens = 0
    unit = 0
    if rest:
        unit = (_UNIT_AFTER_TENS if tens else UNITS)[rest[0]]
    return Decimal(total + tens + unit)


def parse_number(s: str) -> float:
    """'176.737' 176737, '7,6' 7.6, '1,2 triệu' 1200000, '2 nghìn tỷ' 2e12, 'hai mươi mốt' 21.
    Raises ValueError for anything else."""
    text = " ".join(s.lower().split())
    if not text:
        raise ValueError("empty number")
    words = text.split()
    if words[0][0].isdigit():
        value = parse_digits(words[0], ".")
        rest = words[1:]
    else:
        n = 0
        while n < len(words) and words[n] not in SCALES:
            n += 1
        if not _WORD_NUMBER_FULL.match(" ".join(words[:n])):
            raise ValueError(f"not a number: {s!r}")
        value = _parse_words(words[:n])
        rest = words[n:]
    for w in rest:
        if w not in SCALES:
            raise ValueError(f"not a number: {s!r}")
        value *= SCALES[w]
    return float(value)


@functools.lru_cache(maxsize=1)
def number_starts() -> StartFinder:
    """Where a figure with its qualifier may begin: a qualifier, "từ" (a range), a word number, a digit."""
    words = ["từ", "nửa", "mười", *UNITS]
    return StartFinder(words, qualifier_phrases(LANG), digits=True)


@functools.lru_cache(maxsize=1)
def _word_number_lists() -> dict[str, frozenset[str]]:
    d = load_patterns("numbers", LANG)
    return {k: frozenset(v) for k, v in d.items() if not k.startswith("_")}
