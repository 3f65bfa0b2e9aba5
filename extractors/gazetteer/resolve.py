"""Mentions -> units: the unit set in force at the publication date (before or after the 2025 reform),
the code in it each mention names (a pre-reform unit through the converter), and the choice among
namesakes under the districts and the province the text names."""
from __future__ import annotations

import datetime
import functools
from collections import Counter
from collections.abc import Set as AbstractSet

from .mentions import _Mention
from .names import fold
from .units import HANOI, Unit, _Data

REFORM_DATE = datetime.date(2025, 7, 1)


def _sets_for(published: datetime.date | None) -> tuple[str, ...]:
    if published is None:
        return ("2024", "2025")
    return ("2024",) if published < REFORM_DATE else ("2025",)


def _resolve(d: _Data, mentions: list[_Mention],
             published: datetime.date | None) -> list[tuple[_Mention, str, str | None]]:
    """(mention, level, code) with code in the set in force at `published`."""
    sets = _sets_for(published)
    # context: provinces and districts named unambiguously
    prov: Counter[str] = Counter()
    dists: set[str] = set()
    for mn in mentions:
        sole = _sole_code(mn.cands)
        if sole is not None:
            lvl, c, p = sole
            if lvl == "province":
                prov[c] += 1
            elif p:
                prov[p] += 1
            if lvl == "district":
                dists.add(c)
    ctx_prov = {prov.most_common(1)[0][0]} if prov else {HANOI}
    ctx_prov |= {d.convert.get(("province", p), p) for p in list(ctx_prov)}
    out: list[tuple[_Mention, str, str | None]] = []
    uniq: AbstractSet[str]
    for mn in mentions:
        if mn.level == "country":
            out.append((mn, "country", None))
            continue
        level = mn.level
        code: str | None = None
        for target in sets:
            # bare Hanoi district names after the reform: the 2025 ward of that name, if any
            if (target == "2025" and level == "district" and not mn.canonical and published is not None
                    and fold(mn.name) in d.bare_keys_tu_liem):
                w = [u for u in d.by_key.get(fold(mn.name), ()) if u.set == "2025" and u.level == "ward"
                     and u.province == HANOI]
                if len(w) == 1 and (mn.ns, mn.ne) == (mn.start, mn.end):
                    level, code = "ward", w[0].code
                    break
            codes, uniq = _codes_in(d, mn.cands, target)
            if len(uniq) > 1:
                pref = {c for c, u in codes if u.district and u.district in dists}
                if len(pref) != 1:
                    pref = {c for c, u in codes if (u.province in ctx_prov or u.code in ctx_prov)}
                uniq = pref
            if len(uniq) == 1:
                code = next(iter(uniq))
                break
            if codes:
                break               # found in this set but ambiguous: stays None
        out.append((mn, level, code))
    return out


# Per candidate tuple (mentions of one name share one, from _bare_units and _named_units): cached.
@functools.lru_cache(maxsize=16384)
def _sole_code(cands: tuple[Unit, ...]) -> tuple[str, str, str] | None:
    """(level, code, province) of the one code the candidates have, if they have one."""
    codes = {(u.level, u.code, u.province) for u in cands if u.code}
    return next(iter(codes)) if len({c[1] for c in codes}) == 1 else None


@functools.lru_cache(maxsize=16384)
def _codes_in(d: _Data, cands: tuple[Unit, ...], target: str) -> tuple[tuple[tuple[str, Unit], ...], frozenset[str]]:
    """The candidates' codes in unit set `target`, with their units, and the codes alone."""
    codes = []
    for u in cands:
        c = d.to_set(u, target)
        if c:
            codes.append((c, u))
    return tuple(codes), frozenset(c for c, _ in codes)
