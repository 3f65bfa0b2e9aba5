"""PlaceChooser's mentions: the gazetteer's places that may be a figure's place (not in a route,
a region, a department's name), names re-found bare, level words standing for a unit and the
unit they stand for, and the phrases and national documents that stand for the country."""
from __future__ import annotations

import bisect
import re
from collections import Counter
from typing import Any

from extractors.nlp import find_phrases
from extractors.place.candidate import _Cand, _ChooserState
from extractors.place.cues import _norm
from extractors.place.textcues import (
    _CAP_AFTER, _CAP_BEFORE_VI, _CAP_OF_BEFORE, _CITY_AFTER, _DASHES, _DOC_NUMBER_PARTS, _LAST_PHRASE_START,
    _NAME_AFTER, _OF_THE, _ROUTE_LEFT, _ROUTE_RIGHT, _SENTENCE_END, _count_before, _may_end_with,
    _numbered_unit, _org_heads)
from extractors.place.units import _fold, _home_place, _place_start, _with_span


class _Mentions(_ChooserState):
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
