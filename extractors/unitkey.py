"""unit_key: what analysts group counts by, one spelling for the singular and plural of one noun
("Party member" and "Party members" -> "party member"; "các hộ dân" and "hộ dân" -> "hộ dân").

Only the head noun changes: the last word of an English unit, the plural markers before a
Vietnamese one (Vietnamese nouns do not inflect).
"""
from __future__ import annotations

import re

_IRREGULAR = {"people": "person", "men": "man", "women": "woman", "children": "child", "feet": "foot",
              "teeth": "tooth", "mice": "mouse", "geese": "goose", "staff": "staff", "police": "police",
              "series": "series", "species": "species", "news": "news", "data": "data", "cattle": "cattle"}
_KEEP_S = ("ss", "us", "is", "ous", "ics")        # "business", "campus", "analysis", "statistics"
_VI_PLURAL = re.compile(r"^(?:các|những|mọi|từng)\s+", re.IGNORECASE)
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'"})


def _singular(word: str) -> str:
    low = word.lower()
    if low in _IRREGULAR:
        return _IRREGULAR[low]
    if len(low) <= 3 or not low.endswith("s") or low.endswith(_KEEP_S):
        return low
    if low.endswith("ies") and len(low) > 4:
        return low[:-3] + "y"                     # "communities"
    if low.endswith(("sses", "xes", "ches", "shes", "zes")):
        return low[:-2]                           # "businesses", "boxes", "branches"
    return low[:-1]


def unit_key(unit: str | None, lang: str | None = "en") -> str | None:
    """The grouping key of a count's or ratio's unit; None for none."""
    if not unit or not unit.strip():
        return None
    text = " ".join(unit.translate(_APOSTROPHES).split())
    if lang == "vi":
        return _VI_PLURAL.sub("", text).lower() or None
    words = text.split(" ")
    return " ".join([w.lower() for w in words[:-1]] + [_singular(words[-1])])
