"""PlaceChooser's structure among the mentions: lists of one level, addresses, former units,
ranking scopes, a city body in a district's article; and, once per sentence, the mentions its
figures may take, each clause's subject and where "respectively" stands."""
from __future__ import annotations

import bisect

from extractors.place.candidate import _Cand, _ChooserState
from extractors.place.textcues import _ADDRESS_GAP, _RANK_SCOPE_GAP, _SOURCE_PREFIX
from extractors.place.units import _RANK


class _Structure(_ChooserState):
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
