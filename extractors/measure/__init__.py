"""What a figure measures, from the words around it, and its measure_key: the same rules in every
language, the words in each language's patterns/measure.json.

The rules read the sentence with every other fact and every place blanked out (same length, so
offsets hold), so that neither a date, a name nor a district ends up in a measure. In order:

- A rank measures what it ranks: "ranked 3rd in FDI attraction" -> "FDI attraction ranking",
  "xếp thứ 2/7 huyện về tiến độ" -> "xếp hạng tiến độ".
- A figure that restates the one before it ("VND 228 trillion (67.1% of the estimate)", "7,6%,
  bằng 54,1% dự toán", "VND 158.3 million ($6,230)", "từ 20 ngày xuống 15 ngày") measures the
  same thing, and a change of it ("..., up 11.6%") its growth or decrease; a percentage of a plan
  says the plan and what was done ("equal to 38.5% of the plan" -> "plan disbursed"); figures
  coordinated with it ("68% and 71% respectively") share its measure.
- A share ("accounted for 88.5% of total exports", "chiếm 51,1%") is the share of its subject.
- A raised total ("nâng tổng số trạm lên 96 trạm", "bringing the total number of clinics to 41")
  and an amount of money ("xử phạt 41 cơ sở với tổng số tiền 628 triệu đồng" -> "tiền xử phạt")
  say so.
- A count, ratio, or a percentage of counted things ("100% of Party cells had completed ...")
  measures its counted things and what happened to them: "disciplined 15 Party members" ->
  "Party members disciplined"; "kỷ luật 7 đảng viên" -> "đảng viên kỷ luật"; the verb may come
  after them ("17 winners in three districts gave up their plots") or, in Vietnamese, be the words
  right before them ("tạm giữ 96 xe máy"); "of which 99.2% were settled" shares what the figure
  before counted.
- A figure used as a modifier measures the noun it modifies ("a 15% increase in patients",
  "the 58.2 km section" -> "section length").
- Money, a quantity or a percentage measures the subject of its linking verb ("Budget revenue in
  the first half reached VND ..." -> "budget revenue"), else what an action verb did with it
  ("disbursed VND 25.7 trillion of public investment capital"), else the words right before it;
  a verb of change makes it its subject's change ("GRDP grew by 6.52%" -> "GRDP growth").
- Money a verb names measures the verb's noun ("fined 11 businesses a total of VND 360 million" ->
  "fines", "spent VND 46 billion on IT infrastructure" -> "IT infrastructure spending"); a verb of
  price, cost or worth makes money its subject's price, cost or value ("sells at", "costs", "worth");
  a figure after a rank is the score of what is ranked ("ranked 1st with 93.04%"); a figure after
  a change, "to" between them, is the level its subject reached ("added 0.5% to $87.09").
- Then: a figure set as a goal measures its target ("the city targets growth of 8%" -> "growth
  target"); a name the article shortens is its short form ("Foreign direct investment (FDI)" ->
  "FDI"); in English a phrase used before another noun is singular ("visitor growth"); a span of
  time is a deadline, duration, period or time as the words before it say ("within 30 days", "lasted
  10 hours", "the highest in five years"), and a figure per day or year its daily or annual amount
  ("4,500 dossiers a day" -> "daily dossiers"). extractors/measure/amounts.py holds these.
- News writing: money priced in another currency is an exchange rate ("the yen steadied near 149.6
  per dollar" -> "yen exchange rate") and money a winner receives prize money; a figure compared
  with the one before ("compared with 64 percent in 2015") or a part of it ("including 320 ha")
  measures the same; a verb that changes its object gives the object's level or change ("cut
  consumption by 10%" -> "consumption cut"); what is yet to be done says so ("will inspect five
  Party organizations" -> "Party organizations to inspect"); a record over a span is the period of
  the record ("the lowest in eight years" -> "period of lowest"); a rank with no topic in a sports
  report is a league or seeding position; a market index gains where an economic index grows.
- Counted things no verb near them qualifies take the predicate they are the subject of later in
  their clause ("86 households on 1.2 ha have not yet moved" -> "households not yet moved"), else
  the short phrase after them that says which they are ("five districts with the most cases"), what
  they were given ("issued permits to 85 vendors"), or what has them ("the clinic has 240 beds" ->
  "clinic beds"); extractors/measure/qualified.py holds these.
- Amounts in news writing: a dimension after its noun phrase ("the blaze was moving at about 3 km
  an hour" -> "blaze speed"), ages, rain, temperatures and gusts, a multiplier against its base, a
  span right after an amount as its period ("140 mm in 12 hours" -> "rainfall period"), prices of
  coordinated goods, finishing positions ("came second"), superlative ranks and ranks among a list
  ("ranked third among regional airlines"), and a topic before its subject ("for budget hostels
  the rate reached 81%" -> "budget hostel rate"); extractors/measure/amounts.py and rules.py.
- measure_key: the key of the longest lexicon phrase the measure contains ("state budget revenue",
  "tổng thu ngân sách" -> "budget_revenue"); keys are shared by the languages so that a Vietnamese
  original and its English republication compare.
"""
from __future__ import annotations

from extractors.measure.lexicon import BLANK, lowered
from extractors.measure.rules import measure_key, measure_of

__all__ = ["BLANK", "lowered", "measure_key", "measure_of"]
