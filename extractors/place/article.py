"""PlaceChooser's article place: the most specific unit the headline names, else the lead's, else
the unit the text refers to most (by name or by its level word)."""
from __future__ import annotations

import itertools
from collections import Counter

from extractors.place.candidate import _ChooserState
from extractors.place.units import _RANK, _fold, _home_place


class _ArticlePlace(_ChooserState):
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
