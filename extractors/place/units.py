"""The gazetteer's places as the place chooser uses them: the finder (loaded once, absent without
the gazetteer), its lookup key of a name, a unit the text does not name, a place re-spanned, and
the ranks of the levels (country above province above district above ward)."""
from __future__ import annotations

import functools
import logging
from typing import Any

logger = logging.getLogger(__name__)


def _place_start(place: Any) -> int:
    return place.start


@functools.lru_cache(maxsize=1)
def gazetteer_finder():
    try:
        from extractors.gazetteer import find_places
    except ImportError:  # pragma: no cover - the gazetteer ships with the package
        logger.warning("no gazetteer: figures get no place")
        return None
    return find_places


def _fold(name: str) -> str:
    """The gazetteer's lookup key of a name (diacritics off, lower case)."""
    return _gazetteer_fold()(name)


@functools.lru_cache(maxsize=1)
def _gazetteer_fold():
    from extractors.gazetteer import fold
    return fold


def _home_place(name: str, level: str = "province"):
    """A unit the text does not name (the home province, the country): no code, no span."""
    from extractors.gazetteer import Place
    return Place(name, level, None, -1, -1)


_RANK = {"country": 0, "province": 1, "district": 2, "ward": 3}


def _with_span(place, start: int, end: int):
    """The place as mentioned at text[start:end] (a level word standing for it, a re-found name)."""
    return type(place)(place.name, place.level, place.code, start, end)
