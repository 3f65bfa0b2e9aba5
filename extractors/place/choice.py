"""PlaceChooser's choice of one figure's place in its sentence: the units counted after it, the
place behind a preposition right after it, the nearest before it (or its clause's subject), the
first after it, else the article's place; a list's unit gives the larger unit they lie in."""
from __future__ import annotations

import bisect

from extractors.place.candidate import _Cand
from extractors.place.structure import _Structure
from extractors.place.textcues import _ENUMERATION
from extractors.place.units import _RANK, _home_place


class _Choice(_Structure):
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
