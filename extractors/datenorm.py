"""Calendar arithmetic shared by every language's date, period and document components: year
resolution from the publication date, month ends, quarter bounds, day-first numeric dates.

All functions are pure; ISO strings come out at their own precision
("2023-08-07", "2023-08", "2023").
"""
from __future__ import annotations

import calendar
import datetime
import re
from typing import overload

YEAR_RE = r"(?:19|20)\d{2}"


# A month this far after the publication month, without a year, is taken as last year's:
# a January report on "October 6 to 8" looks back, it does not announce next October.
LOOKBACK_MONTHS = 6


@overload
def resolve_year(year: str | int | None, published: datetime.date, month: int | None = None) -> int: ...


@overload
def resolve_year(year: str | int | None, published: datetime.date | None, month: int | None = None) -> int | None: ...


def resolve_year(year: str | int | None, published: datetime.date | None,
                 month: int | None = None) -> int | None:
    """A written year, else the publication year (None when neither is known); with the
    month, a month more than LOOKBACK_MONTHS after the publication month is last year's."""
    if year is not None and str(year).strip():
        return int(year)
    if published is None:
        return None
    if month is not None and month - published.month > LOOKBACK_MONTHS:
        return published.year - 1
    return published.year


def month_end(year: int, month: int) -> int:
    """Last day of the month: month_end(2024, 2) == 29."""
    return calendar.monthrange(year, month)[1]


def iso_day(year: int, month: int, day: int) -> str | None:
    """'2023-08-07', or None for an impossible date (31 June)."""
    try:
        return datetime.date(year, month, day).isoformat()
    except ValueError:
        return None


def iso_month(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def month_bounds(year: int, month: int) -> tuple[str, str]:
    """First and last day of a month as ISO strings."""
    return (iso_day(year, month, 1) or "", iso_day(year, month, month_end(year, month)) or "")


def year_bounds(year: int) -> tuple[str, str]:
    return f"{year:04d}-01-01", f"{year:04d}-12-31"


def quarter_bounds(year: int, quarter: int) -> tuple[str, str]:
    """quarter_bounds(2025, 1) == ('2025-01-01', '2025-03-31')."""
    if not 1 <= quarter <= 4:
        raise ValueError(f"no quarter {quarter}")
    first, last = 3 * quarter - 2, 3 * quarter
    return month_bounds(year, first)[0], month_bounds(year, last)[1]


def months_bounds(year: int, first: int, last: int) -> tuple[str, str]:
    """From the first day of month `first` to the last day of month `last`."""
    return month_bounds(year, first)[0], month_bounds(year, last)[1]


_NUMERIC_RE = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")


def parse_numeric_dmy(raw: str) -> str | None:
    """Day-first numeric date, as Vietnamese sources write it: '15/04/2024' -> '2024-04-15'.
    None when it is not a possible date."""
    m = _NUMERIC_RE.match(raw.strip())
    if not m:
        return None
    first, second, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
    # Day first as the genre writes it; "02/22/2016" cannot be, so it is an American month-first date.
    return iso_day(year, second, first) or (iso_day(year, first, second) if second > 12 else None)
