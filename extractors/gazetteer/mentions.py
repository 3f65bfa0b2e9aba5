"""The mentions in a text: the matcher's matches that are places (not a trap), each with the units its
name (and level word) can name, and the names a level word carries on to in a list."""
from __future__ import annotations

import functools
import re
from typing import NamedTuple

from .matcher import _LEVEL_EN, _LEVEL_VI, _LEVEL_WORD_EN, _TYPE_EN, _TYPE_VI, _matcher, _matchers
from .names import _ascii, _tone_key, fold
from .traps import _CAPITAL_NOT, _NEXT_CAP, _STREET_AFTER, _STREET_BEFORE, _person_trap
from .units import HANOI, Unit, _Data, _get_data


class _Mention(NamedTuple):
    name: str
    level: str
    cands: tuple[Unit, ...]
    start: int
    end: int
    canonical: bool     # name given by the rule ("the capital" -> Hanoi), not in the text
    ns: int = -1        # the name's span in the matched text
    ne: int = -1


def _candidates(d: _Data, lang: str, name: str) -> list[Unit]:
    return list(_candidates_cached(d, lang, name))


@functools.lru_cache(maxsize=16384)
def _candidates_cached(d: _Data, lang: str, name: str) -> tuple[Unit, ...]:
    key = fold(name)
    cands = list(d.by_key.get(key, ())) + list(d.alias_by_key.get((lang, key), ()))
    if not cands:
        other = "vi" if lang == "en" else "en"
        cands = list(d.alias_by_key.get((other, key), ()))
    if name != _ascii(name):          # the text writes diacritics: they must agree
        tk = _tone_key(name)
        cands = [u for u in cands if _tone_key(u.name) == tk or u.name == _ascii(u.name)]
    return tuple(cands)


def _fit(cands, levels, type_):
    out = [u for u in cands if u.level in levels]
    if type_:
        exact = [u for u in out if u.type == type_ or not u.type]
        if exact:
            out = exact
    return out


def _raw_mentions(text: str, lang: str) -> list[_Mention]:
    """The mentions in `text`, which starts with a character no mention starts with ("\n" + the
    text: the matcher consumes the character before a mention, see _matcher)."""
    d = _get_data()
    rx = _matcher(lang)
    cont = _matchers[lang + ":cont"]
    out: list[_Mention] = []
    pos = 1             # the next mention starts at pos or after it: its preceding character at pos - 1
    n = len(text)
    while pos < n:
        m = rx.search(text, pos - 1)
        if m is None:
            break
        if m.group("stop"):
            pos = m.end()
            continue
        got = _accept(d, lang, text, m)
        if got is None:
            pos = m.start() + 2     # the mention started at m.start() + 1: try after it
            continue
        out.append(got)
        pos = got.end
        if got.level in ("district", "ward") and m.group("lv") and got.cands:
            # "các phường Trúc Bạch, Phúc Xá và Quán Thánh": the level word carries on
            levels = {u.level for u in got.cands}
            while True:
                c = cont.match(text, pos)
                if c is None:
                    break
                nm = c.group("ln")
                if lang == "en":
                    break
                cands = [u for u in _candidates(d, lang, nm) if u.level in levels]
                if not cands or not nm[:1].isupper() and not nm.isdigit():
                    break
                out.append(_Mention(nm, got.level, tuple(cands), c.start("ln"), c.end("ln"), False,
                                    c.start("ln"), c.end("ln")))
                pos = c.end()
    return out


def _accept(d: _Data, lang: str, text: str, m: re.Match) -> _Mention | None:
    s, e = m.start() + 1, m.end()       # m starts with the character before the mention
    if m.group("sp"):
        sp = m.group("sp")
        low = fold(sp)
        if low.startswith("the capital") or low == "thu do":
            if lang == "en" and _CAPITAL_NOT.match(text, e):
                return None
            if low == "thu do" and _NEXT_CAP.match(text, e, e + 3):
                return None      # "Thủ đô Viêng Chăn": another capital
            return _Mention("Hanoi" if lang == "en" else "Hà Nội", "province", d.hanoi, s, e, True)
        written = low in ("vietnam", "viet nam")
        name = sp if written else ("Vietnam" if lang == "en" else "Việt Nam")
        return _Mention(name, "country", (), s, e, not written, s, e)
    if m.group("bn"):
        name = m.group("bn")
        # (quick tests first: both street patterns need a space next to the name)
        if text[s - 1] in " \u00a0":
            line_start = text.rfind("\n", 0, s) + 1
            if _STREET_BEFORE.search(text[max(line_start, s - 16):s]):
                return None
        if text[e:e + 1] in (" ", "\u00a0") and _STREET_AFTER.match(text, e):
            return None
        if _person_trap(text, s, e):
            return None
        got = _bare_units(d, lang, name)
        if got is None:
            return None
        return _Mention(name, got[0], got[1], s, e, False, s, e)
    # a level word and a name
    if lang == "vi":
        lv = " ".join(m.group("lv").lower().split())
        name = m.group("ln")
        ns, ne = m.start("ln"), m.end("ln")
        levels, type_ = _LEVEL_VI[lv], _TYPE_VI.get(lv)
    elif m.group("lv2"):
        lv = m.group("lv2").lower()
        name = m.group("num")
        ns, ne = m.start("num"), m.end("num")
        levels, type_ = (("district",), "Quận") if lv == "district" else (("ward",), "Phường")
    else:
        lv = " ".join(m.group("lv").lower().split())
        lv = _LEVEL_WORD_EN.get(lv, lv)
        name = m.group("ln")
        ns, ne = m.start("ln"), m.end("ln")
        levels, type_ = _LEVEL_EN[lv], _TYPE_EN.get(lv)
    if not (name[:1].isupper() or name[:1].isdigit()):
        return None
    named = _named_units(d, lang, lv, levels, type_, name)
    if named is None:
        return None
    level, cands, whole = named
    if whole:
        return _Mention(text[ns:e], level, cands, s, e, False, ns, e)     # "Ho Chi Minh City"
    return _Mention(name, level, cands, s, e, False, ns, ne)


# What a name resolves to depends on the name (and the level word) only: cached, as most articles
# name the same few places many times.
@functools.lru_cache(maxsize=16384)
def _bare_units(d: _Data, lang: str, name: str) -> tuple[str, tuple[Unit, ...]] | None:
    """The level and units a bare name (no level word) can name."""
    alias = d.alias_by_key.get((lang, fold(name)), [])
    cands = [u for u in _candidates(d, lang, name)
             if u.level == "province" or (u.level == "district" and u.province == HANOI) or u in alias]
    if not cands:
        return None
    levels = {u.level for u in cands}
    level = "province" if "province" in levels else sorted(levels)[0]
    return level, tuple(u for u in cands if u.level == level)


@functools.lru_cache(maxsize=16384)
def _named_units(d: _Data, lang: str, lv: str, levels: tuple[str, ...], type_: str | None,
                 name: str) -> tuple[str, tuple[Unit, ...], bool] | None:
    """The level and units a name after (vi) or before (en) level word `lv` can name, and whether
    the level word belongs to the name ("Ho Chi Minh City")."""
    if name.isdigit():
        cands = list(d.numbered.get(str(int(name)), ()))
    else:
        cands = _candidates(d, lang, name)
    if lv == "thủ đô":
        cands = [u for u in cands if u.level == "province" and u.code == HANOI]
    cands = _fit(cands, levels, type_)
    if not cands:
        return None
    if lang == "vi" and lv in ("thành phố", "tp", "t.p"):
        # a centrally-run city is a province; another "thành phố" a district (a provincial city)
        levels_found = {u.level for u in cands}
        level = "province" if "province" in levels_found else "district"
    elif lang == "en" and lv in ("city", "town"):
        levels_found = {u.level for u in cands}
        level = [x for x in levels if x in levels_found][0]
    else:
        level = levels[0]
    cands = [u for u in cands if u.level == level]
    whole = lang == "en" and lv == "city" and any(u.code == "79" for u in cands) and fold(name) == "ho chi minh"
    return level, tuple(cands), whole
