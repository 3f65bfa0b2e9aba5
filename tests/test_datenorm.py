import datetime

import pytest

from extractors.datenorm import (iso_day, month_end, months_bounds, parse_numeric_dmy, quarter_bounds,
                                 resolve_year)
from extractors.lang.en.months import day_number, month_number


@pytest.mark.parametrize("name, num", [("August", 8), ("aug.", 8), ("Sept", 9), ("May", 5)])
def test_month_number(name, num):
    assert month_number(name) == num


def test_day_number_and_iso():
    assert day_number("21st") == 21 and day_number("7th") == 7 and day_number("09") == 9
    assert iso_day(2022, 3, 4) == "2022-03-04"
    assert iso_day(2023, 6, 31) is None


def test_numeric_day_first():
    assert parse_numeric_dmy("03/11/2020") == "2020-11-03"
    assert parse_numeric_dmy("31/02/2020") is None


def test_month_end_and_bounds():
    assert month_end(2024, 2) == 29 and month_end(2023, 2) == 28
    assert quarter_bounds(2022, 3) == ("2022-07-01", "2022-09-30")
    assert months_bounds(2021, 1, 8) == ("2021-01-01", "2021-08-31")
    with pytest.raises(ValueError):
        quarter_bounds(2022, 5)


def test_resolve_year():
    pub = datetime.date(2022, 2, 10)
    assert resolve_year("2019", pub) == 2019
    assert resolve_year(None, pub) == 2022
    assert resolve_year(None, pub, 3) == 2022
    assert resolve_year(None, pub, 11) == 2021  # a February report looks back at November
    assert resolve_year(None, None) is None
