"""Vietnamese calendar words shared by the date and period components (and usable by the
document component for "ngày 28/6/2016"): day, month and year numbers after their head words
("ngày 7", "tháng 9", "năm 2024"), quarter numbers ("quý I", "quý IV", "quý 3"), the words that
make a bare "30/9" a date (time of day "sáng", "chiều", ...; weekdays "thứ Hai" ... "Chủ nhật";
"hôm"), the edge words kept in a date's span ("cuối tháng 9/2023", "đầu năm 2024") and the
relative year words after a month ("tháng 10 năm ngoái").

Months are written as numbers in Vietnamese ("tháng 9" is September), so there is no month-name
table; the calendar arithmetic is language-free (extractors/datenorm.py). The lexicon is
patterns/dates.json; the regex fragments here are uncompiled, for the components' own patterns
(compile them with re.IGNORECASE: sentences begin "Ngày", "Tháng", "Năm", "Quý").
"""
from __future__ import annotations

import datetime
import functools

from extractors.datenorm import YEAR_RE, resolve_year
from extractors.nlp import load_patterns, phrase_regex

LANG = "vi"

# Numbers after their head words: "ngày 07", "tháng 9", "tháng 12".
DAY_RE = r"(?:[12]\d|3[01]|0?[1-9])"
MONTH_RE = r"(?:1[0-2]|0?[1-9])"
YEAR = YEAR_RE  # four digits, 19xx or 20xx

# Quarters: Roman ("quý I" ... "quý IV", longest first so "III" is not read as "I") or Arabic.
ROMAN_QUARTERS: dict[str, int] = {"iv": 4, "iii": 3, "ii": 2, "i": 1}
QUARTER_RE = r"(?:IV|III|II|I|[1-4])"

# Where a Vietnamese word ends: the next character is no letter or digit.
WORD_END = r"(?![^\W_])"
# A figure may not begin right after a letter, digit or a separator of a longer figure/number.
NUM_START = r"(?<![\w/.,\-–])"
# ... nor end just before one ("7/8/2023/QĐ", "15.8,5").
NUM_END = r"(?![\w/]|[.,\-–]\d)"


def quarter_number(raw: str) -> int:
    """'I' / 'iv' / '3' -> 1 / 4 / 3; KeyError or ValueError for anything else."""
    low = raw.strip().lower()
    q = ROMAN_QUARTERS[low] if low in ROMAN_QUARTERS else int(low)
    if not 1 <= q <= 4:
        raise ValueError(f"no quarter {raw!r}")
    return q


@functools.lru_cache(maxsize=1)
def lexicon() -> dict:
    return load_patterns("dates", LANG)


def edge_regex() -> str:
    """'cuối', 'đầu', 'giữa', 'trung tuần', ... before 'tháng'/'năm'."""
    return phrase_regex(lexicon()["edges"])


def day_head_regex() -> str:
    """'ngày', 'ngày mùng', 'mồng' before a day number (inside the span)."""
    return phrase_regex(lexicon()["day_heads"])


def day_context_regex() -> str:
    """The words before a bare day/month that make it a date, outside its span: a time of day
    ("sáng", "chiều nay"), a weekday ("thứ Hai", "Chủ nhật") after an optional time of day, or
    "hôm"; a comma or an opening parenthesis may follow ("sáng nay (19/7)", "thứ Hai, 5/8")."""
    d = lexicon()
    tod, wd, dw = (phrase_regex(d[k]) for k in ("time_of_day", "weekdays", "day_words"))
    return (rf"(?:(?:{tod})(?:\s+(?:{wd}))?|{wd}|{dw})" + WORD_END + r"\s*[,(]?\s*")


def year_suffix_regex() -> str:
    """'năm nay', 'năm ngoái', ... after a month or day without a year."""
    return phrase_regex(lexicon()["year_suffixes"]) + WORD_END


def year_offset(suffix: str | None) -> int | None:
    """'năm ngoái' -> -1, 'năm nay' -> 0, None for no suffix."""
    if not suffix:
        return None
    return lexicon()["year_suffixes"][" ".join(suffix.lower().split())]


def year_for(year: str | int | None, published: datetime.date | None, month: int | None = None,
             suffix: str | None = None) -> int | None:
    """A written year; else relative to the publication year when a suffix says so ("năm
    ngoái"); else datenorm.resolve_year (publication year with its 6-month lookback)."""
    offset = year_offset(suffix)
    if not year and offset is not None:
        return published.year + offset if published else None
    return resolve_year(year, published, month)


def years_ok(year: int) -> bool:
    d = lexicon()
    return int(d["year_min"]) <= year <= int(d["year_max"])
