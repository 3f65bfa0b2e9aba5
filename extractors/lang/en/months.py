"""English month names and day numbers ("August", "Aug.", "Sept", "7th") for the date, period
and document components; the calendar arithmetic is language-free (extractors/datenorm.py)."""
from __future__ import annotations

import re

MONTHS: dict[str, int] = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6,
    "july": 7, "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
_FULL = [m for m in MONTHS if len(m) > 4 or m in ("may", "june", "july")]
_ABBR = [m for m in MONTHS if m not in _FULL]
# "August", "Aug.", "Sept" (abbreviations need a capital and take an optional dot).
MONTH_RE = ("(?:" + "|".join(sorted((m.capitalize() for m in _FULL), key=len, reverse=True))
            + "|(?:" + "|".join(sorted((m.capitalize() for m in _ABBR), key=len, reverse=True))
            + r")\.?)")
# A day of the month, optionally with its ordinal suffix ("7", "7th", "21st").
DAY_RE = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"


def month_number(name: str) -> int:
    """'August' / 'aug.' / 'Sept' -> 8 / 8 / 9; KeyError for anything else."""
    return MONTHS[name.lower().rstrip(".")]


def day_number(raw: str) -> int:
    """'7th' -> 7, '21' -> 21."""
    return int(re.sub(r"(?:st|nd|rd|th)$", "", raw.strip(), flags=re.IGNORECASE))
