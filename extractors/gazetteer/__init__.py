"""Vietnam's administrative units and a place finder for English and Vietnamese news.

    from extractors.gazetteer import Place, find_places, main_place
    find_places("Dong Da district and Hanoi ...", "en", published=date(2024, 7, 31))
    main_place(text, "vi", published)

Data (data/, written by tools/gazetteer/build.py from the PyPI package ``vietnamadminunits``, MIT):
the units in force before 1 July 2025 (set "2024": 63 provinces, 696 districts, 10,035 wards/communes)
and after it (set "2025": 34 provinces, 3,321 wards/communes/special zones), the old -> new converter,
and a short hand-made list of English spellings and abbreviations.

What is found (see find_places):
- a name after its level word: "quận Đống Đa", "huyện Sóc Sơn", "thị xã Sơn Tây", "phường Hoàn Kiếm",
  "xã Bát Tràng", "TP Hà Nội", "thành phố Hà Nội", "tỉnh Bắc Ninh", "Quận 1"; in English before it:
  "Dong Da district", "Hoan Kiem ward", "Bat Trang commune", "Hanoi City", "District 1";
  a list carries its level word on: "các phường Trúc Bạch, Phúc Xá và Quán Thánh";
- a bare name, only for provinces, Hanoi's districts and the aliases: "Hà Nội", "Hanoi", "Ha Noi",
  "Soc Son", "Tu Liem", "Ho Chi Minh City", "HCMC", "TP.HCM", "Bắc Ninh"; never inside a person's
  name (a capitalised run of 3-5 syllables that starts with a family name: "Nguyễn Thị Hoàng Mai") nor
  a street or landmark ("phố Hai Bà Trưng", "cầu Long Biên", "Hai Ba Trung street");
- "Thủ đô", "the capital" (Hanoi); "Việt Nam", "Vietnam", "Viet Nam", "cả nước", "toàn quốc",
  "nationwide" (the country).
Names match with or without diacritics, either tone-mark placement ("Hoà"/"Hòa") and any case of the
level word; the name itself must be capitalised as names are (a headline in capitals is read in title case).

The modules, in the order a text goes through them: names.py (a name's lookup key and spellings, the text
as matched), units.py (Place, Unit, the data loaded once), matcher.py (the regexes, what each level word
can name), traps.py (matches that are no place: a person's name, a street, another capital), mentions.py
(the matches that are places, with the units each can name), resolve.py (each mention's code in the unit
set in force at the date); here find_places and main_place.
"""
from __future__ import annotations

import datetime
from collections import Counter

# `x as x`: re-exported only, for the modules that import them from here (fold: pipeline/checks,
# extractors/place; _get_data, _matcher, _matchers: tests/test_gazetteer.py)
from .matcher import _matcher as _matcher, _matchers as _matchers
from .mentions import _raw_mentions
from .names import _prep, fold as fold
from .resolve import REFORM_DATE, _resolve
from .units import Place, Unit as Unit, _get_data as _get_data

__all__ = ["Place", "find_places", "main_place", "REFORM_DATE"]


def _find(text: str, lang: str, published) -> list[Place]:
    lang = "vi" if lang.lower().startswith("vi") else "en"
    prepped, mapping = _prep(text)
    # "\n" + the text: the matcher needs a character before a mention (_matcher); its offsets are
    # one more than the text's. The "\n" changes nothing else: no rule looks before a line start.
    resolved = _resolve(_get_data(), _raw_mentions("\n" + prepped, lang), published)
    places = []
    for mn, level, code in resolved:
        s, e, name = mn.start - 1, mn.end - 1, mn.name
        if mapping is not None:
            s, e = mapping[s], mapping[e]
        if not mn.canonical:
            ns, ne = mn.ns - 1, mn.ne - 1
            if mapping is not None:
                ns, ne = mapping[ns], mapping[ne]
            name = text[ns:ne]          # as written (a capitals headline stays in capitals)
        places.append(Place(name, level, code, s, e))
    return places


def find_places(text: str, lang: str, published: datetime.date | None = None) -> list[Place]:
    """Every mention of a place in `text`, ascending and non-overlapping (the longest wins).

    `name` is as the text writes it without the level word ("Đống Đa" for "quận Đống Đa"; "Ho Chi Minh
    City"), except for "the capital"/"Thủ đô" (Hanoi/Hà Nội) and "nationwide"/"cả nước"/"toàn quốc"
    (Vietnam/Việt Nam). `code` is the GSO code in the set in force at `published` (before 2025-07-01
    the pre-reform units, from it the post-reform ones; without a date, the pre-reform set first): a
    pre-reform province or ward named after the reform resolves to the unit it went into; a district
    named after the reform has no code (districts were abolished), except a bare Hanoi district name
    that is also a 2025 ward ("Đống Đa" -> phường Đống Đa, level ward). An ambiguous name resolves
    under the districts and the province the text names (Hanoi by default), else its code is None.
    """
    return _find(text, lang, published)


_LEVEL_RANK = {"ward": 3, "district": 2, "province": 1, "country": 0}


def _group(p: Place) -> tuple:
    return (p.level, p.code) if p.code else (p.level, fold(p.name))


def main_place(text: str, lang: str, published: datetime.date | None = None,
               places: list[Place] | None = None) -> Place | None:
    """The place the article is about: the most specific place its first two lines (headline and
    lead) name, ties broken by frequency in the whole text, then by position; when they name none,
    the most frequent place in the text (ties: the more specific, then the first). `places`: the
    text's find_places, when the caller has them already."""
    if places is None:
        places = find_places(text, lang, published)
    if not places:
        return None
    # the end of the second non-empty line
    cut, seen, i = len(text), 0, 0
    while True:
        j = text.find("\n", i)
        end = len(text) if j < 0 else j
        if text[i:end].strip():
            seen += 1
            if seen == 2:
                cut = end
                break
        if j < 0:
            break
        i = j + 1
    freq = Counter(_group(p) for p in places)
    head = [p for p in places if p.end <= cut]
    if head:
        return max(head, key=lambda p: (_LEVEL_RANK[p.level], freq[_group(p)], -p.start))
    return max(places, key=lambda p: (freq[_group(p)], _LEVEL_RANK[p.level], -p.start))
