import datetime

import pytest

from conftest import facts_of
from extractors import extract_facts

PUB = datetime.date(2022, 9, 14)


def periods(text, published=PUB):
    return [(f.text, f.period_start, f.period_end, f.rule_id) for f in facts_of(text, "period", published)]


@pytest.mark.parametrize("text, want", [
    ("Revenue grew in the first 8 months of 2021.",
     ("the first 8 months of 2021", "2021-01-01", "2021-08-31", "period.first_n_months")),
    ("In the first seven months, exports rose.",
     ("the first seven months", "2022-01-01", "2022-07-31", "period.first_n_months")),
    ("Tasks for the last four months of the year were set.",
     ("the last four months of the year", "2022-09-01", "2022-12-31", "period.first_n_months")),
    ("From May 2020 to the end of June 2021, crews paved roads.",
     ("From May 2020 to the end of June 2021", "2020-05-01", "2021-06-30", "period.from_to")),
    ("From March 2021 to the present, 40 wards joined.",
     ("From March 2021 to the present", "2021-03-01", "2022-09-14", "period.from_to")),
    ("The fair runs from October 3 to 6.",
     ("from October 3 to 6", "2022-10-03", "2022-10-06", "period.from_to")),
    ("Prices doubled between 2015 and 2019.",
     ("between 2015 and 2019", "2015-01-01", "2019-12-31", "period.from_to")),
    ("Demand has grown since 2018.", ("since 2018", "2018-01-01", "2022-09-14", "period.since")),
    ("Targets for the 2026-2030 period were approved.",
     ("the 2026-2030 period", "2026-01-01", "2030-12-31", "period.year_range")),
    ("He served in term 2015-2020 as deputy.",
     ("term 2015-2020", "2015-01-01", "2020-12-31", "period.year_range")),
    ("The plan for 2022 - 2024 is ready.", ("2022 - 2024", "2022-01-01", "2024-12-31",
                                            "period.year_range")),
    ("Office supply shrank in Q3/2021.", ("Q3/2021", "2021-07-01", "2021-09-30", "period.quarter")),
    ("Sales rose in the second quarter of 2020.",
     ("the second quarter of 2020", "2020-04-01", "2020-06-30", "period.quarter")),
    ("Sales rose in the third quarter.",
     ("the third quarter", "2022-07-01", "2022-09-30", "period.quarter")),
    ("Budget use in the first half of the year was slow.",
     ("the first half of the year", "2022-01-01", "2022-06-30", "period.half")),
    ("Rain fell in the second half of August.",
     ("the second half of August", "2022-08-16", "2022-08-31", "period.half")),
    ("The congress met on June 21-23.", ("June 21-23", "2022-06-21", "2022-06-23",
                                         "period.day_range")),
])
def test_period_rules(text, want):
    assert periods(text) == [want]


def test_dates_inside_period_are_not_dates():
    facts = extract_facts("From May 2020 to June 2021, crews paved roads.", PUB)
    assert [f.kind for f in facts if f.kind in ("date", "period")] == ["period"]


def test_relative_last_months_is_not_a_period():
    assert periods("Over the last six months, prices fell.") == []


def test_day_range_before_the_month_and_half_year_with_space():
    from extractors import extract_facts

    got = [(f.text, f.period_start, f.period_end) for f in
           extract_facts("The fair ran 3-7 June and sales in H1 2023 grew.", datetime.date(2023, 9, 1))
           if f.kind == "period"]
    assert got == [("3-7 June", "2023-06-03", "2023-06-07"), ("H1 2023", "2023-01-01", "2023-06-30")]


# The fast paths of the anchors (extractors/lang/en/period.py) must find what the plain ones find.
ANCHOR_TEXTS = [
    "Sales in the July-September quarter and Jan.-Mar. 2024 rose; Sept - Dec was flat.",
    "The 2024/25 season, the 2021-2025 term and 1999 – 2003 were compared with 2020/2021.",
    "In the six months to June, H1 profit rose; since 2019, and Since early March, half of it ...",
    "The 13 weeks ended March 30 and the second half of the year; the Province's prince convinced.",
]


def test_led_anchors_match_as_the_plain_ones(corpus_texts):
    import re

    from extractors.lang.en.months import MONTH_RE
    from extractors.lang.en.period import _ANCHORS
    plain = {"period.year_range": re.compile(r"\d{4}\s*[-–—/]\s*\d{2}"),
             "period.month_range": re.compile(rf"{MONTH_RE}\s*[-–]\s*{MONTH_RE}")}
    for text in ANCHOR_TEXTS + corpus_texts("en"):
        for rule, regex in plain.items():
            assert [m.span() for m in _ANCHORS[rule].finditer(text)] == [m.span() for m in regex.finditer(text)]


def test_every_anchor_match_holds_one_of_the_strings_it_needs(corpus_texts):
    from extractors.lang.en.period import _ANCHOR_NEEDS, _ANCHORS
    seen = 0
    for text in ANCHOR_TEXTS + corpus_texts("en"):
        for rule, needs in _ANCHOR_NEEDS.items():
            for m in _ANCHORS[rule].finditer(text):
                assert any(s in m.group() for s in needs), (rule, m.group())
                seen += 1
    assert seen > 20
