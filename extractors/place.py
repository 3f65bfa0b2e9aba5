"""Which administrative unit a figure belongs to (FACTS.md "What a figure is about": `place`,
`place_level`), for extractors/about.py: the gazetteer's mentions of a text, their structure and the
article's own place, worked out once per document (PlaceChooser), then a few lookups per figure.

- Mentions that do not count: names inside a route or compound ("Cát Linh - Hà Đông"), former units
  ("quận Hà Đông cũ"), a ranking's scope ("ranked 2nd nationwide"), the ends of a route, a bare name
  in a department's or facility's name, a place in an organisation's name larger than the article's.
- Mentions added: words standing for a unit ("the city", "toàn quận", "trên địa bàn huyện"), a ward
  named once with its level word found again bare, the country for "of the Government", "national
  average" or a national decree opening the sentence.
- Structure: an address ("Cu Khe commune, Thanh Oai district") gives the smaller unit, a list of one
  level the larger unit they lie in (unless "respectively"), a count of units ("30 districts")
  belongs to the larger unit.
- Per figure, in order: counted units after it give the larger unit; a place right after it behind
  a preposition; the nearest place before it (the clause's subject at sentence start when that is
  not smaller); the first after it in its clause; the article's place (headline, else lead, else
  the unit referred to most).

The cue words are each language's patterns/about.json ("place").
"""
from __future__ import annotations

import bisect
import functools
import itertools
import logging
import re
from collections import Counter
from typing import Any

from extractors.measure import lowered
from extractors.nlp import find_phrases, load_patterns, phrase_regex, word_regex

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


# --- place choice -----------------------------------------------------------------------------
_RANK = {"country": 0, "province": 1, "district": 2, "ward": 3}
_W = r"[^\W\d_]"
_ROUTE_LEFT = re.compile(r"(?:^|[^\w])([A-ZĐ][\w]*)[ \u00a0]*[-–—][ \u00a0]*$")
_ROUTE_RIGHT = re.compile(r"[ \u00a0]*[-–—][ \u00a0]*[A-ZĐ]")
_CAP_AFTER = re.compile(r"[ \u00a0]+(?:[A-ZĐ][\w'’]*)")
_CAP_OF_BEFORE = re.compile(r"[A-Z][\w'’]*[ \u00a0]+of[ \u00a0]+(?:the[ \u00a0]+)?$")
_CAP_BEFORE_VI = re.compile(r"[A-ZĐÂĂÊÔƠƯÁÀẢÃẠ][\w]*[ \u00a0]$")
_SOURCE_PREFIX = re.compile(r"^[\s\"'“”‘’*•-]*(?:\(?[\w.]+\)?[ \u00a0]*[-–—][ \u00a0]+)?")
_LAST_PHRASE_START = re.compile(r"(?s:.*)(?:[,;:()\"“”\n]|\.\s)")   # match(): up to the last one
_SENTENCE_END = re.compile(r"[.!?:\"“]\s*$")
_CITY_AFTER = re.compile(r"[ \u00a0]+(?:City|Capital)\b")
_DOC_NUMBER_PARTS = re.compile(r"[-/\s]+")
_ADDRESS_GAP = re.compile(r"^\s*(?:,|\()\s*$")
_RANK_SCOPE_GAP = re.compile(r"^[ \u00a0]*(?:(?:in|of|among|across|trong|của|toàn|on)[ \u00a0]+)?(?:the[ \u00a0]+)?$")
_ENUMERATION = re.compile(r"^\s*(?::|gồm|là|including)?\s*$")
_NAME_AFTER = re.compile(r"[ \u00a0]+(?:[A-ZĐ]|\d{1,2}(?![\d.,]))")
_LAST_TOKEN = re.compile(r"(\S+)[ \u00a0]+$")
_COUNT_TOKEN = re.compile(r"\d(?:[\d.,/]*\d)?")
_YEAR_TOKEN = re.compile(r"(?:19|20)\d\d")


def _may_end_with(text: str, lo: int, hi: int, tails: tuple[str, ...]) -> bool:
    """Whether text[lo:hi] ends with one of `tails` once spaces (and one final newline, as `$`
    allows) are off its end: a str test that must hold for _ROUTE_LEFT or _CAP_OF_BEFORE to match
    there, cheaper than their search, which tries every position of the window."""
    w = text[lo:hi]
    if w.endswith("\n"):
        w = w[:-1]
    return w.rstrip(" \u00a0").endswith(tails)


_DASHES = ("-", "–", "—")         # what _ROUTE_LEFT ends with (spaces aside)
_OF_THE = ("of", "the")           # what _CAP_OF_BEFORE ends with (spaces aside)


_W_CHAR = re.compile(_W)


def _org_heads(rx: re.Pattern, window: str, pos: int) -> list[str]:
    """The organisation heads in window[pos:], as finditer with the lookbehind (?<!{_W}) would find
    them: a match a letter stands right before is dropped and the search goes on from its next
    character."""
    out: list[str] = []
    while True:
        m = rx.search(window, pos)
        if m is None:
            return out
        start = m.start()
        if start > 0 and _W_CHAR.match(window, start - 1):
            pos = start + 1
            continue
        out.append(m.group())
        pos = m.end()


def _count_before(text: str, s: int) -> bool:
    """A number (not a year) right before: "30 quận", "28/30 quận" count units in general."""
    m = _LAST_TOKEN.search(text, max(0, s - 16), s)
    return m is not None and bool(_COUNT_TOKEN.fullmatch(m.group(1))) and not _YEAR_TOKEN.fullmatch(m.group(1))


def _norm(s: str) -> str:
    return " ".join(s.lower().split())


class _EndCue:
    r"""A regex of phrases that must end a window of the lowered text, whitespace aside (its
    pattern ends with the phrases, then \s*$: word_regex(phrases, tail=r"\s*$")), searched only
    when the window ends with one of their last words. That str test fails most windows (the text
    before most mentions) at a fraction of the regex's cost, and never one the regex matches: its
    match ends with a phrase where rstrip() ends."""
    __slots__ = ("rx", "last_words")

    def __init__(self, rx: re.Pattern, last_words: tuple[str, ...]) -> None:
        self.rx = rx
        self.last_words = last_words

    def search(self, low: str, lo: int, hi: int) -> bool:
        return low[lo:hi].rstrip().endswith(self.last_words) and self.rx.search(low, lo, hi) is not None


def _end_cue(phrases: list[str]) -> _EndCue | None:
    rx = word_regex(phrases, tail=r"\s*$")
    if rx is None:
        return None
    return _EndCue(rx, tuple({p.lower().split()[-1] for p in phrases if p.strip()}))


class _PlaceCues:
    """One language's cue words for choosing a figure's place (patterns/about.json "place")."""

    def __init__(self, lang: str) -> None:
        d = load_patterns("about", lang).get("place", {})
        self.lang = lang
        self.home = d.get("home_province")
        self.country_name = d.get("country", "Vietnam")
        # level words that number their units ("Quận 1", "District 1"): a digit after them is a name
        self.numbered_levels = tuple(w.lower() for w in d.get("numbered_levels", []))
        self.anaphor_level: dict[str, str] = {}
        for level, phrases in d.get("anaphors", {}).items():
            for p in phrases:
                self.anaphor_level[_norm(p)] = level
        prefixes = d.get("anaphor_prefixes", [])
        self.prefixes = tuple(_norm(p) + " " for p in prefixes)
        self.anaphor_phrases = tuple(self.anaphor_level)
        self.not_before = _end_cue(d.get("anaphor_not_before", []))
        self.not_after = word_regex(d.get("anaphor_not_after", []))
        self.country_phrases = tuple(_norm(p) for p in d.get("country_cues", []))
        self.doc_types = frozenset(_norm(t) for t in d.get("national_doc_types", []))
        self.doc_issuers = frozenset(t.lower() for t in d.get("national_doc_issuers", []))
        self.org_after = word_regex(d.get("org_after", []), lower=False)
        heads = d.get("org_heads", []) + d.get("name_heads", [])
        # with no lookbehind ((?<!{_W}), which _org_heads tests): the search skips in C to a capital
        self.org_head = (re.compile(rf"(?:{phrase_regex(heads)})(?!{_W})") if heads else None)
        self.name_heads = frozenset(d.get("name_heads", []))
        self.former_before = _end_cue(d.get("former", []))
        self.former_after = word_regex(d.get("former_after", []))
        self.not_place_before = _end_cue(d.get("not_place_before", []))
        self.not_place_after = word_regex(d.get("not_place_after", []))
        self.scope = word_regex(d.get("scope_words", []))
        self.average = word_regex(d.get("average_words", []))
        self.reference = word_regex(d.get("reference_words", []))
        self.reference_before = _end_cue(d.get("reference_before", []))
        preps = [p.lower() for p in d.get("after_prepositions", [])] or ["in"]
        self.after_prep = re.compile(rf"\s*(?:{_W}+\s+){{0,2}}?(?:{phrase_regex(preps)})\s+$")   # with match()
        joiners = [j.lower() for j in d.get("list_joiners", [","])]
        self.joiner = re.compile(rf"^\s*(?:{phrase_regex(joiners)})?\s*$")
        self.respectively = tuple(_norm(p) for p in d.get("respectively", []))
        self.unit_level: dict[str, str] = {}
        for level, phrases in d.get("unit_levels", {}).items():
            for p in phrases:
                self.unit_level[_norm(p)] = level
        self.unit_words = {w: lv for p, lv in self.unit_level.items() for w in p.replace(",", " ").split()
                           if len(p.replace(",", " ").split()) == 1}
        self.landmark = _end_cue(d.get("landmark_before", []))
        levels = phrase_regex(self.anaphor_level) if self.anaphor_level else "(?!)"
        joint = phrase_regex(joiners + ["/", "or"])
        self.level_list_after = re.compile(rf"\s*(?:{joint})\s*(?:{levels})(?!{_W})")
        self.level_list_before = _EndCue(re.compile(rf"(?<!{_W})(?:{levels})\s*(?:{joint})\s*$"),
                                         tuple({j.split()[-1] for j in joiners + ["/", "or"] if j.strip()}))

    def unit_level_of(self, unit: str | None) -> str | None:
        """The level of the administrative units a count counts ('30 districts, towns' -> district)."""
        if not unit:
            return None
        return _unit_level(self.lang, unit)

    def _unit_level_of(self, unit: str) -> str | None:
        u = _norm(unit)
        lv = self.unit_level.get(u)
        if lv:
            return lv
        words = u.replace(",", " ").split()
        if not words:
            return None
        head = words[-1] if self.lang == "en" else words[0]
        return self.unit_words.get(head)


@functools.cache
def place_cues(lang: str) -> _PlaceCues:
    return _PlaceCues(lang)


# Most figures count the same few things ("people", "cases"): their level cached, boundedly.
@functools.lru_cache(maxsize=4096)
def _unit_level(lang: str, unit: str) -> str | None:
    return place_cues(lang)._unit_level_of(unit)


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


def _with_span(place, start: int, end: int):
    """The place as mentioned at text[start:end] (a level word standing for it, a re-found name)."""
    return type(place)(place.name, place.level, place.code, start, end)


class PlaceChooser:
    """Chooses each figure's place in one text (FACTS.md "What a figure is about"):

    - mentions: the gazetteer's places, without numbers that are no unit ("thành phố 11 tháng"),
      names in a route or compound ("Cát Linh - Hà Đông", "UK-Vietnam"), in a region ("Vùng Thủ
      đô"), former units ("quận Hà Đông cũ"); names the text gave with a level word, found again
      bare ("Phúc Đồng" after "phường Phúc Đồng"); level words standing for the article's unit
      ("the city", "toàn quận", "Thành phố"); national institutions and documents ("of the
      Government", "Decree No. 46/2016/ND-CP") as the country;
    - a place in the name of a unit's body ("UBND huyện Mê Linh", "the Hanoi People's Committee")
      counts only when it is not larger than the article's place; a bare name in a department's or
      facility's name ("Sở Tài chính Hà Nội", "the Hanoi Inspectorate") not at all; a larger unit
      written right after a smaller one is its address ("Cu Khe commune, Thanh Oai district"); a
      place right after a ranking is its scope ("ranked 2nd nationwide"), one after "from"/"từ",
      "sang" the end of a route;
    - the figure's place: for a figure followed by units counted ("17 winners in three
      districts") the larger unit; else the place right after it behind a preposition ("27
      organizations in Long Bien district"); else the nearest before it in its sentence, but the
      place that opens its clause as the subject when the nearest is not smaller ("Dong Da district
      ranked 2nd ... in Hanoi's index, with 87.15%") unless an average word ties the figure to it
      ("the city's average of 68.87%"); else the first after it in its clause with no other
      figure, comma or comparison word between; else the article's place (its headline's, else
      its lead's);
    - a unit of a list of one level ("in Cau Giay and Thanh Xuan districts") gives the larger unit
      they lie in, unless "respectively" pairs them with the figures; a count of units of a level
      ("30 districts") belongs to a larger unit; a ranking among units of a level ("ranked 1st/30
      districts") to the nearest unit of that level before it.
    """

    def __init__(self, lang: str, text: str, places: list, figures: list[tuple[int, int, str, str | None]],
                 others: list[tuple[int, int, str, dict]], low: str | None = None) -> None:
        self.cues = cues = place_cues(lang)
        self.text = text
        self.low = lowered(text) if low is None else low     # the caller's lowered(text), if it has it
        # the home province stands in for a unit only in a text that names one: a text that names none
        # ("thành phố" alone) leaves its figures without a place
        self.home = cues.home if places else None
        self.figures = figures                    # (start, end, label, unit level), ascending
        self.figure_starts = [f[0] for f in figures]
        self.unit_levels = {f[0]: f[3] for f in figures if f[3] is not None}
        self.respectively = [s for s, _, _ in find_phrases(self.low, cues.respectively)]
        named = self._filter(text, places)
        named = self._learned(text, named, places)
        spans = self._anaphor_spans(text, named)
        self.main = self._main(text, named, Counter(lv for _, _, lv in spans))
        cands = [_Cand(p) for p in named]
        officials = sorted((a, b) for a, b, label, _ in others if label == "official")
        cands += self._anaphors(spans, named)
        for c in cands:
            org = self._is_org(c, officials)
            c.org = bool(org)
            c.skip = org == "name"
        cands += self._country(others, cands)
        cands.sort(key=lambda c: (c.start, -c.end))
        out, last_end = [], -1
        for c in cands:
            if c.start >= last_end:
                out.append(c)
                last_end = c.end
        self.cands = out
        self.cand_starts = [c.start for c in out]
        self._mark(text)
        self._sentences: dict[int, tuple] = {}

    # --- mentions -------------------------------------------------------------------------
    def _filter(self, text: str, places: list) -> list:
        """The gazetteer's places that may be a figure's place."""
        cues, low = self.cues, self.low
        out = []
        for p in places:
            s, e = p.start, p.end
            written = text[s:e]
            bare = written == p.name
            if p.name.isdigit() and not _numbered_unit(written, self.cues.numbered_levels):
                continue                       # "thành phố 11 tháng": a number, not District 11
            if bare and (_may_end_with(text, max(0, s - 30), s, _DASHES)
                         and _ROUTE_LEFT.search(text, max(0, s - 30), s) and not self._line_start_word(s)
                         or _ROUTE_RIGHT.match(text, e)):
                continue                       # "Cát Linh - Hà Đông", "UK-Vietnam"
            if cues.not_place_before and cues.not_place_before.search(low, max(0, s - 20), s):
                continue                       # "Vùng Thủ đô"
            if cues.not_place_after and cues.not_place_after.match(low, e + 1 if text[e:e + 1] == " " else e):
                continue                       # "the Capital Region"
            out.append(p)
        return out

    def _line_start_word(self, s: int) -> bool:
        """True when the capitalised word before the dash at s opens its line ("Kinhtedothi - ")."""
        line = self.text.rfind("\n", 0, s) + 1
        return len(self.text[line:s].split()) <= 2

    def _learned(self, text: str, named: list, places: list) -> list:
        """Names the text gave with a level word, found again without it ("Phúc Đồng"): names the
        gazetteer finds bare itself (provinces, Hanoi's districts) are not learned."""
        cues = self.cues
        names: dict[str, Any] = {}   # name -> the place that gave it (gazetteer Places)
        found_bare = {p.name for p in places if text[p.start:p.end] == p.name}
        for p in named:
            if p.name in found_bare:
                continue
            written = text[p.start:p.end]
            if p.level in ("ward", "district") and written != p.name and p.name in written \
                    and not p.name.isdigit() and len(p.name) >= 4:
                names.setdefault(p.name, p)
        if not names:
            return named
        rx = re.compile(rf"(?<![\w])(?:{'|'.join(re.escape(n) for n in sorted(names, key=len, reverse=True))})(?![\w])")
        starts = [p.start for p in named]
        extra = []
        for m in rx.finditer(text):
            s, e = m.span()
            k = bisect.bisect_right(starts, s) - 1
            if k >= 0 and named[k].end > s:
                continue                       # inside a place found already
            if k + 1 < len(named) and named[k + 1].start < e:
                continue
            if _CAP_BEFORE_VI.search(text, max(0, s - 12), s) and not self._sentence_start(s) \
                    or _CAP_AFTER.match(text, e) and text[e:e + 1] != "\n":
                continue                       # part of a longer name: a person, a company
            if cues.landmark and cues.landmark.search(self.low, max(0, s - 20), s):
                continue                       # "khu tập thể Quỳnh Lôi", "ga Cát Linh"
            p = names[m.group()]
            extra.append(_with_span(p, s, e))
        if not extra:
            return named
        return sorted(named + extra, key=_place_start)

    def _sentence_start(self, s: int) -> bool:
        before = self.text[max(0, s - 3):s]
        return s == 0 or before.endswith("\n") or bool(_SENTENCE_END.search(before))

    def _main(self, text: str, named: list, anaphors: Counter):
        """The article's place: the most specific unit its headline names, else its lead (a list of
        units there gives the larger unit they lie in; ties: the more frequent, then the first); when
        they name none, the unit the text refers to most, by name or by its level word; when no unit
        it names can be a figure's place but it refers to one by its level word ("UBND thành phố"
        beside the line "Cát Linh - Hà Đông"), the home province."""
        if not named:
            return _home_place(self.home) if anaphors and self.home else None
        cuts, i = [], 0
        for line in text.split("\n"):
            if line.strip():
                cuts.append(i + len(line))
                if len(cuts) == 2:
                    break
            i += len(line) + 1
        freq = Counter((p.level, _fold(p.name)) for p in named)
        for cut in cuts:                        # the headline, then headline and lead
            head = [p for p in named if p.end <= cut]
            if head:
                def key(p):
                    return _RANK[p.level], freq[(p.level, _fold(p.name))], -p.start
                listed = self._listed(text, head)
                alone = [p for p in head if id(p) not in listed]
                if listed:
                    # "nối quận Hoàn Kiếm với quận Long Biên": units listed lie in the article's place,
                    # the larger unit the headline names beside them, else the home province
                    rank = max(_RANK[p.level] for p in head if id(p) in listed)
                    larger = [p for p in alone if _RANK[p.level] < rank]
                    if not any(_RANK[p.level] >= rank for p in alone):
                        if larger:
                            return max(larger, key=key)
                        if rank >= 2 and self.home:
                            return _home_place(self.home)
                return max(alone or head, key=key)
        # neither names one: the unit the text refers to most, by name or by its level word
        best_of_level: dict[str, tuple] = {}
        for unit, n in freq.items():
            if unit[0] not in best_of_level or n > freq[best_of_level[unit[0]]]:
                best_of_level[unit[0]] = unit
        score = Counter(freq)
        for level, n in anaphors.items():
            if level in best_of_level:
                score[best_of_level[level]] += n
        return max(named, key=lambda p: (score[(p.level, _fold(p.name))], _RANK[p.level], -p.start))

    def _listed(self, text: str, places: list) -> set[int]:
        """The places (ids) that stand in a list of units of one level."""
        out = set()
        for a, b in itertools.pairwise(places):
            gap = text[a.end:b.start]
            if a.level == b.level and len(gap) <= 8 and gap.strip() and self.cues.joiner.match(gap.lower()):
                out |= {id(a), id(b)}
        return out

    def _is_org(self, c: _Cand, officials: list[tuple[int, int]]) -> bool | str:
        """True when the mention is part of an organisation's name; "name" when that makes it no
        place at all (a department or facility named after a bare place name)."""
        text, cues, s, e = self.text, self.cues, c.start, c.end
        k = bisect.bisect_right(officials, (s, float("inf"))) - 1
        if k >= 0 and officials[k][1] >= e:
            return True                        # in an official's position: "Chairman of the X People's Committee"
        bare = c.kind == "named" and text[s:e] == c.place.name
        if cues.lang == "en":
            if cues.org_after and text[e:e + 1] == " " and cues.org_after.match(text, e + 1):
                return True
            if (bare or c.kind == "anaphor") and text.rfind("\n", 0, s) >= 0 and _CAP_AFTER.match(text, e) \
                    and text[e:e + 2] not in ("'s", "’s") \
                    and not _CITY_AFTER.match(text, e):
                # "the Hanoi Inspectorate", "Hanoi Oncology Hospital", "the City Party Committee"
                return "name" if c.kind == "named" else True
            # "People's Committee of Dong Da district"
            return _may_end_with(text, max(0, s - 40), s, _OF_THE) \
                and bool(_CAP_OF_BEFORE.search(text, max(0, s - 40), s))
        if cues.org_head is None:
            return False
        lo = max(0, s - 60)
        window = text[lo:s]
        m = _LAST_PHRASE_START.match(window)
        cut = m.end() if m else 0
        heads = _org_heads(cues.org_head, window, cut)
        if not heads:
            return False
        # a department, facility or company named after a place ("Sở Tài chính Hà Nội", "Nhà máy
        # điện rác Sóc Sơn") holds no place; a unit's own body ("UBND huyện Mê Linh") holds its unit
        return "name" if bare and heads[-1] in cues.name_heads else True

    def _anaphor_spans(self, text: str, named: list) -> list[tuple[int, int, str]]:
        """Level words standing for a unit the text names elsewhere ("the district", "Thành phố"):
        (start, end, level)."""
        cues = self.cues
        if not cues.anaphor_phrases:
            return []
        starts = [p.start for p in named]
        out = []
        low = self.low
        for s, e, word in find_phrases(low, cues.anaphor_phrases):
            k = bisect.bisect_right(starts, s) - 1
            if k >= 0 and named[k].end > s or k + 1 < len(named) and named[k + 1].start < e:
                continue
            f = bisect.bisect_right(self.figure_starts, s) - 1
            if f >= 0 and self.figures[f][1] >= e:
                continue                       # the unit of a count: "ba phường", "30 districts"
            level = cues.anaphor_level[word]
            prefixed = False
            for pre in cues.prefixes:      # "toàn thành phố", "trên địa bàn quận"
                if low.endswith(pre, max(0, s - len(pre)), s) \
                        and (s == len(pre) or not low[s - len(pre) - 1].isalpha()):
                    s, prefixed = s - len(pre), True
                    break
            if not prefixed and (cues.not_before and cues.not_before.search(low, max(0, s - 20), s)
                                 or _count_before(text, s)):
                continue                       # "các quận", "30 quận", "each district"
            if cues.not_after and text[e:e + 1] == " " and cues.not_after.match(low, e + 1):
                continue                       # "xã hội", "district level"
            if cues.level_list_after.match(low, e) or not prefixed and cues.level_list_before.search(
                    low, max(0, s - 20), s):
                continue                       # "quận, huyện, thị xã": units in general
            if cues.lang == "vi" and _NAME_AFTER.match(text, e):
                continue                       # a unit the gazetteer does not know: not this one
            out.append((s, e, level))
        return out

    def _anaphors(self, spans: list[tuple[int, int, str]], named: list) -> list[_Cand]:
        by_level: dict[str, list] = {}
        for p in named:
            by_level.setdefault(p.level, []).append(p)
        out = []
        for s, e, level in spans:
            ref = self._referent(level, s, by_level)
            if ref is not None:
                out.append(_Cand(_with_span(ref, s, e), "anaphor", start=s, end=e))
        return out

    def _referent(self, level: str, pos: int, by_level: dict):
        main = self.main
        if main is not None and main.level == level:
            return main
        same = by_level.get(level, [])
        if level == "province" and same:
            # "the city": the home province when the text names it, else the province it names most
            home = _fold(self.home or "")
            for p in same:
                if _fold(p.name) == home:
                    return p
            freq = Counter(_fold(p.name) for p in same)
            best = max(freq.values())
            return next(p for p in same if freq[_fold(p.name)] == best)
        before = [p for p in same if p.start < pos]
        if before:
            return before[-1]
        if same:
            return same[0]
        if level == "province" and self.home:
            return _home_place(self.home)
        return None

    def _country(self, others, named: list[_Cand]) -> list[_Cand]:
        cues = self.cues
        out = []
        country = next((c.place for c in named if c.place.level == "country"), None)
        name = country.name if country is not None else cues.country_name
        proto = _home_place(name, level="country")
        for s, e, _ in find_phrases(self.low, cues.country_phrases):
            out.append(_Cand(_with_span(proto, s, e), "country", inst=True, start=s, end=e))
        for s, e, label, f in others:
            if label != "document":
                continue
            kind = _norm(f.get("doc_type") or "")
            parts = {x.lower() for x in _DOC_NUMBER_PARTS.split(f.get("doc_number") or "") if x}
            parts |= {x.rstrip("0123456789") for x in parts}
            if kind in cues.doc_types or parts & cues.doc_issuers:
                out.append(_Cand(_with_span(proto, s, e), "document", inst=True, start=s, end=e))
        return out

    # --- structure ------------------------------------------------------------------------
    def _mark(self, text: str) -> None:
        """Lists, addresses, former units and ranking scopes among the mentions."""
        cues, cands, low = self.cues, self.cands, self.low
        list_id = 0
        for i, c in enumerate(cands):
            s, e = c.start, c.end
            if cues.reference_before and cues.reference_before.search(low, max(0, s - 12), s):
                c.skip = True                  # "từ trung tâm Thủ đô sang quận Long Biên": a route's ends
            if c.kind == "named" and (
                    cues.former_before and cues.former_before.search(low, max(0, s - 15), s)
                    or cues.former_after and text[e:e + 1] == " " and cues.former_after.match(low, e + 1)):
                c.skip = True                  # "quận Hà Đông cũ", "the former Ha Tay province"
            if i + 1 < len(cands):
                d = cands[i + 1]
                if c.kind == d.kind == "named" and d.start - e <= 8:
                    gap = low[e:d.start]
                    if d.place.level == c.place.level and cues.joiner.match(gap) and gap.strip() != "":
                        if c.list_id < 0:
                            c.list_id = list_id
                            list_id += 1
                        d.list_id = c.list_id
                    elif d.rank < c.rank and _ADDRESS_GAP.match(gap):
                        d.skip = True          # "Cu Khe commune, Thanh Oai district": an address
                        c.address = d
        # a list's address: "3 phường Tứ Liên, Nhật Tân, Quảng An (quận Tây Hồ)"
        self.list_members: dict[int, list[_Cand]] = {}
        for c in cands:
            if c.list_id >= 0:
                self.list_members.setdefault(c.list_id, []).append(c)
        for members in self.list_members.values():
            addr = next((m.address for m in reversed(members) if m.address is not None), None)
            for m in members:
                m.address = addr
        # a place right after a ranking is its scope ("ranked 2nd nationwide", "đứng thứ nhất cả nước")
        for _, e, label, _ in self.figures:
            if label != "rank":
                continue
            k = bisect.bisect_left(self.cand_starts, e)
            if k < len(cands) and _RANK_SCOPE_GAP.match(low[e:cands[k].start]):
                cands[k].skip = True
        main = self.main
        for c in cands:
            if c.org and main is not None and c.rank < _RANK.get(main.level, 1):
                c.skip = True                  # a city body in a district's article

    def _sentence(self, sent_start: int, sent_end: int) -> tuple:
        """Once per sentence: the mentions that may be its figures' places, the place that opens
        each clause as its subject (after at most an adverbial: "In 2023, Dong Da district ..."),
        and where "respectively" stands (-1: nowhere)."""
        got = self._sentences.get(sent_start)
        if got is not None:
            return got
        lo = bisect.bisect_left(self.cand_starts, sent_start)
        hi = bisect.bisect_left(self.cand_starts, sent_end)
        text = self.text
        # a national document counts when the sentence opens with it ("Under Decree No. 46/2016/ND-CP,
        # drivers face fines of up to ..."), not as the basis of an act ("fined 53 cases under Decree ...")
        usable = [c for c in self.cands[lo:hi] if not c.skip and c.end <= sent_end
                  and (c.kind != "document" or len(text[sent_start:c.start].split()) <= 3)]
        subjects = []              # (clause start, subject)
        seen_clause = set()
        for c in usable:
            cs = max(sent_start, text.rfind(";", sent_start, c.start) + 1)
            if cs in seen_clause:
                continue
            seen_clause.add(cs)
            if c.list_id >= 0 or c.inst:
                continue
            pre = text[cs:c.start]
            lead = _SOURCE_PREFIX.match(pre)   # (always matches: all of it is optional)
            if lead is not None:
                pre = pre[lead.end():]
            if pre.strip() == "" or (pre.count(",") == 1 and pre.rstrip().endswith(",") and len(pre) < 90):
                subjects.append((cs, c))
        k = bisect.bisect_left(self.respectively, sent_start)
        resp = self.respectively[k] if k < len(self.respectively) and self.respectively[k] < sent_end else -1
        # the mentions do not overlap (__init__): their starts and their ends both ascend
        got = (usable, subjects, resp, [c.start for c in usable], [c.end for c in usable])
        self._sentences[sent_start] = got
        return got

    # --- choice -----------------------------------------------------------------------------
    def choose(self, start: int, end: int, label: str, sent_start: int, sent_end: int):
        """The place of the figure at text[start:end] (a `label` fact) in the sentence
        text[sent_start:sent_end]."""
        usable, subjects, resp, starts, ends = self._sentence(sent_start, sent_end)
        main = self.main
        unit_level = self.unit_levels.get(start)
        if label == "rank":
            # a ranking among units of a level ranks one of them: "Dong Da district ... ranked 1st/30 districts"
            if unit_level is not None:
                for c in reversed(usable):
                    if c.end <= start and c.place.level == unit_level and c.list_id < 0:
                        return c.place
            unit_level = None
        subject = None
        if subjects:
            clause_start = max(sent_start, self.text.rfind(";", sent_start, start) + 1)
            for cs, c in subjects:
                if cs == clause_start and c.end <= start:
                    subject = c
        if usable:
            place = self._pick(start, end, usable, starts, ends, subject, unit_level, resp, sent_end) or main
        else:
            # no mention in its sentence (most figures' case): what _pick finds among none, without
            # its walk: the units counted after it, else the article's place
            level = self._counted_after(end, sent_end)
            place = (self._above(level, start, usable) if level is not None else None) or main
        if unit_level is not None and place is not None and (subject is None or place is not subject.place) \
                and _RANK.get(place.level, 1) >= _RANK[unit_level]:
            place = self._above(unit_level, start, usable)
        return place

    def _pick(self, start, end, usable, starts, ends, subject, unit_level, resp, sent_end):
        text = self.low
        excluded: set[int] | tuple = ()     # ids of mentions the nearest before it may not be
        # in units counted right after it: "17 winners in three districts" (the city's)
        level = self._counted_after(end, sent_end)
        if level is not None:
            return self._above(level, start, usable)
        # right after the figure, behind a preposition
        first_after = bisect.bisect_left(starts, end)
        after = [c for c in usable[first_after:] if c.kind != "document"] if first_after < len(usable) else ()
        if after:
            c = after[0]
            gap = text[end:c.start]
            if len(gap) <= 30 and "\n" not in gap and not self._figure_between(end, c.start) \
                    and not (self.cues.reference and self.cues.reference.search(gap)):
                if unit_level is not None and c.place.level == unit_level and \
                        _ENUMERATION.match(gap):
                    # the units counted, named: "3 phường Tứ Liên, Nhật Tân, Quảng An (quận Tây Hồ)"
                    if c.address is not None:
                        return c.address.place
                    members = self.list_members.get(c.list_id, [c])
                    excluded = {id(m) for m in members}
                elif self.cues.after_prep.match(gap):
                    return self._resolve(c, usable)
        # the nearest before it
        k = bisect.bisect_right(ends, start)
        if excluded:
            while k > 0 and id(usable[k - 1]) in excluded:
                k -= 1
        if k > 0:
            p = usable[k - 1]
            if resp >= 0 and p.list_id >= 0:
                paired = self._respectively(p, start, sent_end)
                if paired is not None:
                    return paired
            if subject is not None and p is not subject and p.kind in ("named", "anaphor") and p.list_id < 0 \
                    and p.rank <= subject.rank and not self._average(p, start):
                return subject.place
            return self._resolve(p, usable)
        for c in after:
            if id(c) in excluded:
                continue
            gap = text[end:c.start]
            if ";" in gap or "," in gap and not self.cues.after_prep.match(gap[gap.rfind(",") + 1:]) \
                    or self._figure_between(end, c.start) or c.list_id >= 0 \
                    or (self.cues.scope and self.cues.scope.search(gap)):
                return None
            return c.place
        return None

    def _counted_after(self, end: int, sent_end: int) -> str | None:
        """The level of units counted by a figure right after this one behind a preposition ("17
        winners in three districts", "124 hospitals in 46 provinces"), through a chain of such figures."""
        if not self.unit_levels:
            return None
        figs, starts = self.figures, self.figure_starts
        k = bisect.bisect_left(starts, end)
        for _ in range(3):
            if k >= len(figs) or figs[k][0] >= sent_end or figs[k][0] - end > 25:
                return None
            s, e, _, level = figs[k]
            if not self.cues.after_prep.match(self.low, end, s):
                return None
            if level is not None:
                return level
            end, k = e, k + 1
        return None

    def _average(self, p: _Cand, start: int) -> bool:
        """True when an average word ties the figure to the place ("the city's average of 68.87%",
        "mức bình quân chung của thành phố (84%)")."""
        rx = self.cues.average
        return rx is not None and bool(rx.search(self.low, max(0, p.start - 25), start)) \
            and start - p.end <= 40

    def _figure_between(self, a: int, b: int) -> bool:
        k = bisect.bisect_left(self.figure_starts, a)
        return k < len(self.figure_starts) and self.figure_starts[k] < b

    def _resolve(self, c: _Cand, usable):
        """The place a mention gives a figure: a list's unit gives the larger unit they lie in."""
        if c.list_id < 0:
            return c.place
        if c.address is not None:
            return c.address.place
        members = self.list_members[c.list_id]
        rank = min(m.rank for m in members)
        first = members[0].start
        for d in reversed(usable):
            if d.end <= first and d.list_id < 0 and d.rank < rank:
                return d.place
        return self._up(rank)

    def _up(self, rank: int):
        main = self.main
        if main is not None and _RANK.get(main.level, 1) < rank:
            return main
        if rank <= 1:
            return _home_place(self.cues.country_name, level="country")
        if self.home:
            return _home_place(self.home)
        return main

    def _above(self, unit_level: str, start: int, usable):
        """A count of units of a level belongs to a larger unit: the nearest named before it, else
        the article's place when larger, else the home province or the country."""
        rank = _RANK[unit_level]
        for d in reversed(usable):
            if d.end <= start and d.rank < rank and d.list_id < 0:
                return d.place
        return self._up(rank)

    def _respectively(self, p: _Cand, start: int, sent_end: int):
        members = self.list_members[p.list_id]
        last = members[-1].end
        lo = bisect.bisect_left(self.figure_starts, last)
        hi = bisect.bisect_left(self.figure_starts, sent_end)
        figs = self.figure_starts[lo:hi]
        if len(figs) != len(members) or start not in figs:
            return None
        return members[figs.index(start)].place


def _numbered_unit(written: str, levels: tuple[str, ...]) -> bool:
    """'Quận 1', 'phường 12', 'District 1': written with a level word that numbers its units."""
    low = written.lower()
    return low.startswith(levels) or any(f" {w}" in low for w in levels)
