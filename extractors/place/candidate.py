"""A mention that may be a figure's place (_Cand), and the state the parts of PlaceChooser share
(_ChooserState: what its __init__ works out once per text)."""
from __future__ import annotations

from typing import Any

from extractors.place.cues import _PlaceCues
from extractors.place.units import _RANK


class _Cand:
    """A mention that may be a figure's place: a gazetteer place, a level word standing for a unit
    ('the district', 'Thành phố'), or a phrase that puts a figure in the country."""
    __slots__ = ("address", "end", "inst", "kind", "list_id", "org", "place", "skip", "start")

    def __init__(self, place, kind: str = "named", inst: bool = False, start: int | None = None,
                 end: int | None = None) -> None:
        self.place = place
        self.start = place.start if start is None else start
        self.end = place.end if end is None else end
        self.kind = kind           # named | anaphor | country | document (a national one)
        self.org = False           # inside an organisation's name
        self.skip = False          # never a figure's place (former unit, scope of a ranking, address part)
        self.list_id = -1          # member of a list of places of one level
        # the larger unit written right after it ("Cu Khe commune, Thanh Oai district")
        self.address: _Cand | None = None
        self.inst = inst           # a national institution or document: not overridden by the subject

    @property
    def rank(self) -> int:
        return _RANK.get(self.place.level, 1)


class _ChooserState:
    """The attributes PlaceChooser.__init__ sets, which its parts (mentions, article, structure,
    choice) read."""
    cues: _PlaceCues
    text: str
    low: str
    home: Any
    figures: list[tuple[int, int, str, str | None]]
    figure_starts: list[int]
    unit_levels: dict[int, str | None]
    respectively: list[int]
    main: Any
    cands: list[_Cand]
    cand_starts: list[int]
    list_members: dict[int, list[_Cand]]
    _sentences: dict[int, tuple]
