"""PlaceChooser: the gazetteer's mentions of one text, their structure and the article's place,
worked out once (its __init__), then each figure's place (choose). Its parts live beside it:
mentions.py, article.py, structure.py, choice.py."""
from __future__ import annotations

from collections import Counter

from extractors.measure import lowered
from extractors.nlp import find_phrases
from extractors.place.article import _ArticlePlace
from extractors.place.candidate import _Cand
from extractors.place.choice import _Choice
from extractors.place.cues import place_cues
from extractors.place.mentions import _Mentions


class PlaceChooser(_Mentions, _ArticlePlace, _Choice):
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
