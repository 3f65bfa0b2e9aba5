#!/usr/bin/env python3
"""Build the snapshot gold set (tests/gold/snapshot/facts.jsonl) from the annotations below.

The article texts are in docs.jsonl next to this script: the "body" and the date part of
"published" printed by `newsfacts parse` for each page of corpus/snapshot (see README.md).

Annotations: one line per fact, in text order, `kind [attr=value ...]|surface`, with the
kinds and attributes of tests/gold/README.md (c p r k m q d pe o doc; v vmax q u cur n den d g
s e p t org type num issued ok). The surface is searched in the text from the end of the
previous fact (from the start of a document, so that the date nested in it is found inside).
Mechanical fields are derived with the functions of tests/gold/build_gold.py; every fact is
validated by its build_fact/check_overlaps/check_context.

    python tests/gold/snapshot/make_gold.py            # build + validate
    python tests/gold/snapshot/make_gold.py --review   # list facts and
                                                                            # unannotated numbers
"""
from __future__ import annotations

import datetime as dt
import json
import shlex
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
import build_gold as bg  # noqa: E402

ANN: dict[str, str] = {}

ANN["ba-dinh-adds-86-classrooms-for-new-school-year-311642"] = """
c u=pupils|More than 41,500 pupils
pe s=2019-01-01 e=2020-12-31|the 2019-2020 school year
d|September 5
c|5,870 first graders
m|VND 312 billion
c|14 existing schools
c|86 new classrooms
c u=classrooms|1,212
c|43 pupils
c u=pupils ok=1|47
c|six schools
c|more than 50 pupils
c|52 public schools
c u="public schools"|44
p|84.6 percent
o p="Le Thi Thu Hang" t=Head org=division|Head of the division Le Thi Thu Hang
c|118 teachers
c|75 teachers
d|December 2019
pe s=2018-01-01 e=2019-12-31|the 2018-2019 school year
p|99.8%
k|ranked 2nd out of 30 districts and towns
c|27 prizes
o p="Ngo Thi Thanh Hang" t="Vice Chairwoman" org="Ba Dinh District People’s Committee"|Vice Chairwoman of the Ba Dinh District People’s Committee Ngo Thi Thanh Hang
doc|Directive No. 06/CT-UBND dated August 20, 2019
d|August 20, 2019
c|three schools
m|VND 410 million
c u=schools|four more schools
pe s=2020-01-01 e=2025-12-31|between 2020 and 2025
m|about VND 760 billion
"""

ANN["dong-da-district-completes-133-tasks-in-2024-4321"] = """
d|December 26
o p="Nguyen Thi Lan Huong" t=Secretary org="District Party Committee"|Secretary of the District Party Committee Nguyen Thi Lan Huong
r|128/140 tasks
c u=tasks|five
d d=2025-01|January
c|133 tasks
p|95 percent
m|VND 12.4 trillion
p|108.6%
p|9.3 percent
d|2023
m|VND 1,215 billion
p|91.2 per cent
d|mid-December
k|ranked 2nd/30 districts, towns
k|4th
p|71,25%
p|99.6%
doc|Directive No. 15-CT/TU dated May 3, 2023
d|May 3, 2023
c|three working groups
c|11 subordinate Party organizations
c|16 heads of agencies
c|over 9,400 cadres and Party members
c|21 wards
c|12 Party members
c|two cadres
r|19 out of 21 complaints and denunciations
c|two cases
q|1.8 ha
c|47 construction violations
m|VND 2.3 billion
pe s=2021-01-01 e=2025-12-31|2021 - 2025
r|312 of the 522 households
o p="Tran Minh Khoa" t="Vice Chairman" org="Hanoi People’s Committee"|Vice Chairman of the Hanoi People’s Committee Tran Minh Khoa
q|2.2 km
m|VND 7,200 billion
d|June 30, 2025
d|2025
m|VND 13.1 trillion
p|100%
doc|Resolution No. 07-NQ/QU
pe s=2020-01-01 e=2025-12-31|the term 2020-2025
"""

ANN["hanoi-climbs-in-par-index-rankings-after-reform-push-312210"] = """
q|87.45 points
d|2019
k|ranking 3rd/63 provinces and cities
q|1.12 points
d|2018
r|9.61 out of 10 points
q|8.9 points
p|84,63%
k|ranking 11th
o p="Tran Dinh Khai" t=Director org="Hanoi Department of Home Affairs"|Director of the Hanoi Department of Home Affairs Tran Dinh Khai
c|34 sub-criteria
c|30 districts and towns
d|2019
q|89.9 points
q|76.2 points
d|In 2019
c|1,139 public services
c|380,200 online dossiers
p|28 percent
p|18.4%
p|30%
doc|Plan No. 109/KH-UBND dated May 12, 2020
d|May 12, 2020
c|46 tasks
d|September 30, 2020
c|three localities
q|less than 1.5 points
q ok=1|15 days
q|10 days
"""

ANN["hanoi-draws-us13-billion-in-fdi-in-first-five-months-310957"] = """
m|US$1.3 billion
pe s=2019-01-01 e=2019-05-31|the first five months of 2019
d|June 2
c|312 new projects
m|US$487 million
c|96 existing projects
m|US$265 million
c|1,043 capital contributions and share purchases
m|US$548 million
m|US$402 million
p|30.9%
m|US$311 million
m|US$176 million
p|41 per cent
p|18 per cent
c|47 new projects
c|44 projects
c u=projects|39
o p="Nguyen Manh Hieu" t=Director org=Department|Director of the Department Nguyen Manh Hieu
q|12 days
q ok=1|15 days
d|in 2018
p|94.7%
pe s=2019-01-01 e=2019-05-31|the January-May period
m|US$5.27 billion
p|7.4%
p|6.1%
m|US$11.8 billion
p|8.1 percent
q|three years
m|US$7 billion
d|September 2019
q|45 hectares
doc|Decision 2456/QD-UBND dated April 26, 2019
d|April 26, 2019
c|62 delayed FDI projects
"""

ANN["hanoi-public-investment-disbursement-hits-62-percent-328833"] = """
d|September 20
m|VND 45,260 billion
p|62.3%
m|VND 72,650 billion
d|2024
o p="Nguyen Manh Hieu" t=Director org="Hanoi Department of Planning and Investment"|Director of the Hanoi Department of Planning and Investment Nguyen Manh Hieu
d|September 25
p|58.7 percent
p|68.1 percent
c|30 districts and towns
k u="districts and towns"|ranked 1st/30
p|89.4%
p|41.2%
c|265 projects
d|2024
c u=projects|48
m|VND 2,538 billion
c|12 projects
m|VND 6,120 billion
q|43 ha
m|VND 10,400 billion
d|2024
d|mid-September
p|99.6%
p|98.8 per cent
m|VND 3,200 billion
c ok=1|27 slow projects
doc|Directive No. 07/CT-UBND dated March 18, 2024
d|March 18, 2024
p|at least 95%
d|January 31, 2025
p|30-40 percent
pe s=2024-01-01 e=2024-09-26|since early 2024
pe s=2024-09-26 e=2024-12-31|From now to the end of the year
m|VND 2,700 billion per week
"""

ANN["hanoi-reduces-commune-level-units-by-more-than-half.730218"] = """
d|July 1, 2025
c|126 commune-level units
c|51 wards
c|75 communes
doc|Resolution No. 1702/NQ-UBTVQH15
c u="commune-level units"|400
p|76 percent
c|30 districts and towns
d|June 30
o p="Vu Thi Kim Oanh" t=Head org="Organization Commission of the Hanoi Party Committee"|Head of the Organization Commission of the Hanoi Party Committee Vu Thi Kim Oanh
c|5,487 cadres and civil servants
c|1,762 people
doc|Decree 195/2024/ND-CP
m|about VND 2,150 billion
c|126 public administrative service centers
c|at least 10 counters
pe s=2025-06-23 e=2025-06-28|from June 23 to June 28
c|18,640 dossiers
p|96.2%
c|94,000 people
q|2.9 km2
c|65,000 residents
c|31 former district headquarters
c|112 surplus buildings
d|August 31, 2025
o p="Truong Minh Dat" t="Vice Chairman" org="Hanoi People’s Committee"|Vice Chairman of the Hanoi People’s Committee Truong Minh Dat
d|July 15
q|30 days
"""

ANN["ba-dinh-disciplines-7-party-members-in-the-first-6-months-of-2024"] = """
o p="Le Thi Mai Phuong" t=Chairwoman org="Inspection Commission of the Ba Dinh District Party Committee"|Chairwoman of the Inspection Commission of the Ba Dinh District Party Committee Le Thi Mai Phuong
pe s=2024-01-01 e=2024-06-30|the first six months of the year
c|28 Party organizations
c|54 Party members
c|31 Party organizations
c|62 Party members
r|26/28 Party organizations
r|51/54 Party members
c|three Party members
c u="Party members"|three
c|seven Party members
c u="Party members"|four
c u="Party members"|two
c u="Party member"|one
doc|Directive No. 15-CT/TU dated May 3, 2023
d|May 3, 2023
c|three delegations
c|14 ward Party committees
c|nine affiliated Party cells
c|more than 10,200 cadres and Party members
p|99.1 percent
c|17 petitions
r u=petitions|15 out of 17
p|88.2%
c|12 Party organizations
m|VND 46.5 million
o p="Nguyen Hoang Viet" t="Standing Deputy Secretary" org="Ba Dinh District Party Committee"|Standing Deputy Secretary of the Ba Dinh District Party Committee Nguyen Hoang Viet
pe s=2024-07-01 e=2024-12-31|the last six months of the year
doc|Resolution No. 09-NQ/QU
pe s=2021-01-01 e=2025-12-31|the 2021 - 2025 period
p|100%
d|2024
d|November 30
"""

ANN["dan-phuong-has-82-ocop-products-rated-three-stars-or-more"] = """
d|in 2019
c|82 products
c u=products|six
c u=products|41
c u=products|35
o p="Le Van Hung" t="Vice Chairman" org="Dan Phuong District People's Committee"|Vice Chairman of the Dan Phuong District People's Committee Le Van Hung
d|September 22
p|18.5%
d|In 2022
c u=products|15 more products
m|VND 2.4 billion
d|the end of August
r|9 of the 15 products
c|16 communes and towns
c|five communes
d|in 2021
m|VND 67.5 million
doc|Plan No. 58/KH-UBND
c|two OCOP showrooms
c|at least four trade fairs
pe s=2022-01-01 e=2025-12-31|2022 - 2025
c ok=1|three supermarket chains
d|September 20
c|11 supply contracts
c|23 OCOP producers
m|about VND 5.6 billion
pe s=2022-01-01 e=2022-08-31|the first eight months of 2022
c|four training courses
c|320 participants
p|about 30 percent
"""

ANN["hanoi-collects-vnd176-7-trillion-in-budget-revenue-in-five-months"] = """
d|June 3
pe s=2022-01-01 e=2022-05-31|the five-month period
m|164,210 billion VND
p|50.3%
m|12,527 billion VND
p|40.4%
p|12.4%
p|18.9%
m|9,846 billion VND
p|32.8%
pe s=2022-01-01 e=2022-05-31|the five months
m|33,982 billion VND
p|26.6%
m|11,605 billion VND
p|20.2%
m|22,377 billion VND
p|36.4%
o p="Tran Quang Hieu" t=Director org="Department of Finance"|Director of the Department of Finance Tran Quang Hieu
r|19/63 key projects
q|about 126 ha
o p="Tran Minh Khoa" t="Vice Chairman" org="Hanoi People's Committee"|Vice Chairman of the Hanoi People's Committee Tran Minh Khoa
doc|Directive No. 03/CT-UBND dated February 15, 2022
d|February 15, 2022
d|December 15, 2022
p|95%
d|2022
m|49,880 billion VND
p|less than 30%
pe s=2022-04-01 e=2022-06-30|Q2/2022
pe s=2022-01-01 e=2022-05-31|the past five months
c|21,450 household businesses
c|1,860 enterprises
m|412 billion VND
"""

ANN["hanoi-grade-10-entrance-exam-draws-over-105000-candidates"] = """
c|105,412 candidates
pe s=2025-01-01 e=2026-12-31|2025-2026
c u=candidates|6,310
o p="Tran Huu Cuong" t=Director org="Hanoi Department of Education and Training"|Director of the Hanoi Department of Education and Training Tran Huu Cuong
c|about 72,000 students
p|68 percent
c|203 exam sites
c|8,426 exam rooms
c|more than 19,600 officials and teachers
c|four subjects
c|up to three preferences
q u="candidates per place"|2.05 candidates per place
q u="candidates per place"|1.98
c|187 candidates
c|two candidates
d|June 25th
d|June 30
c|26 exam sites
c|14 exam sites
c|121 private high schools
c|36 continuing education centers
c|12 vocational schools
c|more than 40,000 places
d|In 2024
m|VND 285 billion
c|12 new public high schools
c|4,800 places
pe s=2025-01-01 e=2026-12-31|the 2025-2026 school year
"""

ANN["hanoi-to-complete-over-9000-social-housing-units-in-2025"] = """
c|9,125 social housing apartments
q|about 567,000 m2
d|in 2025
d|January 15
pe s=2021-01-01 e=2024-12-31|2021 - 2024
c|8 social housing projects
c|7,465 apartments
p|27.3%
pe s=2021-01-01 e=2025-12-31|the five-year period
c|43 projects
q|185 ha
m|from VND 15 million to 25 million per m2
m q=at_least|65 million VND/m2
o p="Mai Trong Tuan" t="Deputy Director" org="Department of Construction"|Deputy Director of the Department of Construction Mai Trong Tuan
q|24 months
doc|Decision 655/QD-UBND dated January 10, 2025
d|January 10, 2025
q|12 months
c|four large social housing areas
q|about 300 ha
p|20%
q v=10 u=ha q=more_than|larger than 10 ha
c|2,000 apartments
m|less than VND 15 million
m|VND 1,650 billion
m|VND 120 trillion
p|6.6 percent
"""

ANN["long-bien-party-committee-completes-mid-term-review-of-resolution"] = """
d|June 8
r|21 of the 24 main targets
pe s=2020-01-01 e=2025-12-31|the term 2020-2025
pe s=2021-01-01 e=2022-12-31|2021 - 2022
p|8.9%
p|71.4%
d|in 2022
m|VND 8,435 billion
q v=1.6 u=times|1.6 times
d|2020
o p="Đinh Thị Thu Huệ" t=Secretary org="Long Bien District Party Committee"|Secretary of the Long Bien District Party Committee Đinh Thị Thu Huệ
c|1,176 new Party members
p|17.6 percent
c|24,516 members
c|43 grassroots Party organizations
c|1,092 Party organizations and Party members
pe s=2020-01-01 e=2023-05-31|between 2020 and May 2023
c|34 Party members
c|four cadres
c|three targets
p|62%
m|VND 2,400 billion
c|two public parks
c|14 members
c|12 groups of solutions
q|86 ha
c|six new schools
"""


def build(review: bool = False):
    docs = [json.loads(line) for line in open(HERE / "docs.jsonl", encoding="utf-8")]
    if sorted(d["id"] for d in docs) != sorted(ANN):
        raise bg.GoldError("docs.jsonl ids and annotations differ")
    notes: list[str] = []
    all_facts = []
    stats = Counter()
    for doc in docs:
        did, text = doc["id"], doc["text"]
        pub = dt.date.fromisoformat(doc["published"])
        spans = []
        cursor = 0
        for line in ANN[did].strip("\n").splitlines():
            header, _, surface = line.partition("|")
            parts = shlex.split(header)
            kind = bg.ALIASES.get(parts[0], parts[0])
            attrs = {}
            for p in parts[1:]:
                k, v = p.split("=", 1)
                attrs[bg.ATTR[k]] = v
            start = text.find(surface, cursor)
            if start < 0:
                raise bg.GoldError(f"{did}: {surface!r} not found after {cursor}")
            end = start + len(surface)
            parent = None
            for s in spans:
                if s["kind"] == "document" and s["start"] <= start and end <= s["end"]:
                    parent = s["index"]
            spans.append({"kind": kind, "attrs": attrs, "start": start, "end": end,
                          "parent": parent, "index": len(spans), "text": surface})
            cursor = start if kind == "document" else end
        facts = [bg.build_fact(did, sp, pub, spans, f"{did}@{sp['start']}", notes) for sp in spans]
        facts.sort(key=lambda f: (f["start"], -f["end"]))
        bg.check_overlaps(facts, did)
        bg.check_context(text, facts, did)
        for f in facts:
            f.pop("_ctx_ok", None)
            assert text[f["start"]:f["end"]] == f["text"], f
        all_facts.extend(facts)
        stats.update(f["kind"] for f in facts)
        if review:
            print(f"==== {did} ({pub}, {len(facts)} facts)")
            for f in facts:
                extra = {k: v for k, v in f.items() if k not in ("doc", "kind", "text", "start", "end")}
                print(f"  {f['kind']:<10} {f['text']!r:<50} {json.dumps(extra, ensure_ascii=False)}")
            unc = bg.uncovered_numbers(text, facts)
            if unc:
                print("  -- unannotated numbers:")
                for u in unc:
                    print("    " + u)
    bg.write_jsonl(HERE / "facts.jsonl", all_facts)
    if review:
        for n in notes:
            print("note:", n)
    for k in bg.KINDS:
        print(f"{k:<12}{stats[k]:>5}")
    print(f"{'all':<12}{sum(stats.values()):>5}   ({len(docs)} articles)")


if __name__ == "__main__":
    try:
        build("--review" in sys.argv[1:])
    except bg.GoldError as exc:
        print(f"snapshot gold failed: {exc}", file=sys.stderr)
        sys.exit(1)
