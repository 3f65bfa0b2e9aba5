"""Periods as business, sports and weather news write them (issue 13): quarters named by their
months ("the July-September quarter"), seasons and fiscal years with a short second year
("the 2024/25 season"), reporting periods counted back from their end ("the six months to
June", "the 13 weeks ended March 30"), "since the start of the year" and "since early May",
ranges of months across the new year ("from November to February"), and a quarter without
a year that ends well after a January report's month (last year's). Sentences invented."""
import datetime

import pytest

from conftest import facts_of


def periods(text, published):
    return [(f.text, f.period_start, f.period_end, f.rule_id)
            for f in facts_of(text, "period", published)]


JAN = datetime.date(2025, 1, 8)
OCT = datetime.date(2024, 10, 20)


@pytest.mark.parametrize("text, published, want", [
    ("Exports rose 9% in the July-September quarter.", OCT,
     ("the July-September quarter", "2024-07-01", "2024-09-30", "period.month_range")),
    ("Arrivals in January-March 2024 beat forecasts.", OCT,
     ("January-March 2024", "2024-01-01", "2024-03-31", "period.month_range")),
    ("Output in the November-February period fell.", JAN,
     ("the November-February period", "2024-11-01", "2025-02-28", "period.month_range")),
    ("Crowds grew in the 2024/25 season.", JAN,
     ("the 2024/25 season", "2024-01-01", "2025-12-31", "period.year_range")),
    ("Profit fell in the six months to June.", OCT,
     ("the six months to June", "2024-01-01", "2024-06-30", "period.months_to")),
    ("Sales for the 13 weeks ended March 30 slipped.", OCT,
     ("the 13 weeks ended March 30", "2023-12-31", "2024-03-30", "period.months_to")),
    ("Foreign investors have sold shares since the start of the year.", OCT,
     ("since the start of the year", "2024-01-01", "2024-10-20", "period.since")),
    ("Fires have burned 20,000 ha since early December.", JAN,
     ("since early December", "2024-12-01", "2025-01-08", "period.since")),
    ("Workers may enter from November to February.", OCT,
     ("from November to February", "2024-11-01", "2025-02-28", "period.from_to")),
    ("GDP grew 7.1% in the third quarter, the office said.", JAN,
     ("the third quarter", "2024-07-01", "2024-09-30", "period.quarter")),
])
def test_news_periods(text, published, want):
    assert periods(text, published) == [want]


@pytest.mark.parametrize("text", [
    "The office is open Monday-Friday.",
    "Decision No. 2024/25 was signed.",
    "The six months to come will be hard.",
])
def test_not_news_periods(text):
    assert periods(text, OCT) == []
