"""The unit data (data/): `Unit` (one unit of one set, or an alias), `Place` (a mention found), and
`_Data`, the units, aliases and the old -> new converter indexed for lookup, loaded once per process
(`_get_data`; `_lock` also guards the matchers built from it)."""
from __future__ import annotations

import csv
import threading
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from .names import fold

DATA = Path(__file__).with_name("data")
HANOI = "01"


@dataclass(frozen=True, slots=True)
class Place:
    name: str        # as the text writes it, without the level word
    level: str       # "country" | "province" | "district" | "ward"
    code: str | None # GSO code in the unit set in force at `published` (None: country, ambiguous, gone)
    start: int       # the mention's span, level word included
    end: int


class Unit(NamedTuple):
    set: str        # "2024" | "2025"
    code: str       # "" for an alias that names no single unit
    level: str
    type: str       # Tỉnh, Thành phố, Quận, Huyện, Thị xã, Phường, Xã, Thị trấn, Đặc khu ("" for aliases)
    name: str
    province: str
    district: str


class _Data:
    def __init__(self) -> None:
        self.units: dict[tuple[str, str], Unit] = {}
        self.by_key: dict[str, list[Unit]] = defaultdict(list)
        self.alias_by_key: dict[tuple[str, str], list[Unit]] = defaultdict(list)   # (lang, key)
        self.convert: dict[tuple[str, str], str] = {}
        self.alias_names: dict[str, set[str]] = {"en": set(), "vi": set()}
        with (DATA / "units.tsv").open(encoding="utf-8", newline="") as f:
            for r in csv.DictReader(f, delimiter="\t"):
                u = Unit(r["set"], r["code"], r["level"], r["type"], r["name"], r["province"], r["district"])
                self.units[(u.set, u.code)] = u
                self.by_key[fold(u.name)].append(u)
        with (DATA / "convert.tsv").open(encoding="utf-8", newline="") as f:
            for r in csv.DictReader(f, delimiter="\t"):
                self.convert[(r["level"], r["old_code"])] = r["new_code"]
        with (DATA / "aliases.tsv").open(encoding="utf-8", newline="") as f:
            for r in csv.DictReader(f, delimiter="\t"):
                langs = ("en", "vi") if r["lang"] == "*" else (r["lang"],)
                sets = ("2024", "2025") if r["set"] == "*" else (r["set"],)
                for s in sets:
                    base = self.units.get((s, r["code"]))
                    u = Unit(s, r["code"], r["level"], base.type if base else "", r["alias"],
                             base.province if base else (HANOI if r["level"] == "district" else ""),
                             base.district if base else "")
                    for lang in langs:
                        self.alias_by_key[(lang, fold(r["alias"]))].append(u)
                        self.alias_names[lang].add(r["alias"])
        # Bare names: provinces (both sets) and Hanoi's districts; "Hồ Chí Minh" alone is the President.
        self.bare: set[str] = set()
        for u in self.units.values():
            if (u.level == "province" and u.code != "79") or (u.level == "district" and u.province == HANOI):
                self.bare.add(u.name)
        self.bare_keys = {fold(n) for n in self.bare}
        self.bare_keys_tu_liem = self.bare_keys | {"tu liem"}
        self.hanoi = tuple(u for u in self.units.values() if u.level == "province" and u.code == HANOI)
        self.numbered: dict[str, tuple[Unit, ...]] = {}        # "1": Quận 1, Phường 1, ... in file order
        for u in self.units.values():
            if u.name.isdigit():
                self.numbered[u.name] = self.numbered.get(u.name, ()) + (u,)

    def to_set(self, u: Unit, target: str) -> str | None:
        """The code in `target` of the unit u names (u's own, or where the 2025 reform put it)."""
        if u.set == target:
            return u.code or None
        if target == "2025" and u.level in ("province", "ward") and u.code:
            return self.convert.get((u.level, u.code))
        return None


_data: _Data | None = None
_lock = threading.RLock()


def _get_data() -> _Data:
    global _data
    if _data is None:
        with _lock:
            if _data is None:
                _data = _Data()
    return _data
