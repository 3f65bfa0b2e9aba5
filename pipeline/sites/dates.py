"""Publication dates as pages write them: ISO 8601 and RFC 2822 metadata, Vietnamese day-first
datelines, English month-name datelines; all as Asia/Ho_Chi_Minh time, CMS placeholders refused."""
from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone
from email.utils import parsedate_to_datetime
from zoneinfo import ZoneInfo

from .text import clean_text

VN_TZ = ZoneInfo("Asia/Ho_Chi_Minh")
FUTURE_SLACK = timedelta(days=1)


def _to_vn(dt: datetime) -> datetime:
    # Vietnamese sites that omit an offset mean local time.
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=VN_TZ)
    return dt.astimezone(VN_TZ)


def _plausible(dt: datetime | None) -> datetime | None:
    # CMS placeholders ("0001-01-01", "1970-01-01") are not dates.
    return dt if dt is not None and dt.year >= 1995 else None


def parse_datetime(value) -> datetime | None:
    """ISO 8601 (incl. 'Z', '+0700', space separator) or RFC 2822, as Asia/Ho_Chi_Minh time."""
    if not value or not isinstance(value, str):
        return None
    s = clean_text(value)
    try:
        return _plausible(_to_vn(datetime.fromisoformat(s)))
    except ValueError:
        pass
    m = re.match(r"(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?)?\s*"
                 r"(Z|[+-]\d{2}:?\d{2})?", s)
    if m:
        y, mo, d, hh, mm, ss, off = m.groups()
        try:
            dt = datetime(int(y), int(mo), int(d), int(hh or 0), int(mm or 0), int(ss or 0))
        except ValueError:
            return None
        if off:
            off = off.replace("Z", "+00:00")
            sign = -1 if off[0] == "-" else 1
            digits = off[1:].replace(":", "")
            dt = dt.replace(tzinfo=timezone(sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))))
        return _plausible(_to_vn(dt))
    try:
        return _plausible(_to_vn(parsedate_to_datetime(s)))
    except (TypeError, ValueError, IndexError):
        return None


def _vn_dt(y, mo, d, hh=0, mm=0) -> datetime | None:
    try:
        return _plausible(datetime(int(y), int(mo), int(d), int(hh), int(mm), tzinfo=VN_TZ))
    except ValueError:
        return None


# Day first, one separator throughout: old kinhtedothi pages write "08-11-2020 15:11" with dashes.
_VN_DAY = r"(?<!\d)(?P<d>\d{1,2})(?P<sep>[/.-])(?P<mo>\d{1,2})(?P=sep)(?P<y>\d{4})(?!\d)"
_VN_TIME = r"(?P<hh>\d{1,2})[:h](?P<mm>\d{2})"
_VN_TIME_DATE = re.compile(_VN_TIME + r"(?::\d{2})?\s*(?:[|,\-–]\s*)?(?:ngày\s*)?" + _VN_DAY)
_VN_DATE_TIME = re.compile(_VN_DAY + r"\s*(?:[|,\-–]\s*)?(?:lúc\s*)?" + _VN_TIME)
_VN_DATE = re.compile(_VN_DAY)


def parse_vn_dateline(text: str | None) -> datetime | None:
    """'Thứ Sáu, 14:05 19/07/2024', '(09:12 06/05/2019)', '19/07/2024 | 14:05', '08-11-2020 15:11'
    (day first)."""
    text = clean_text(text)
    if not text:
        return None
    for rx in (_VN_TIME_DATE, _VN_DATE_TIME, _VN_DATE):
        if m := rx.search(text):
            g = m.groupdict()
            return _vn_dt(g["y"], g["mo"], g["d"], g.get("hh") or 0, g.get("mm") or 0)
    return None


_MONTHS = {m: i for i, m in enumerate(
    "jan feb mar apr may jun jul aug sep oct nov dec".split(), start=1)}
_EN_MDY = re.compile(r"\b([A-Za-z]{3})[a-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})"
                     r"(?:[^\d]{0,12}?(\d{1,2}):(\d{2})\s*([AaPp]\.?[Mm]\.?)?)?")
_EN_DMY = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]{3})[a-z]*\.?,?\s+(\d{4})"
                     r"(?:[^\d]{0,12}?(\d{1,2}):(\d{2})\s*([AaPp]\.?[Mm]\.?)?)?")


def parse_en_dateline(text: str | None) -> datetime | None:
    """'Apr 01, 2022 / 18:24', 'April 1, 2022 6:24 PM', '1 April 2022'; else day-first numerals."""
    text = clean_text(text)
    if not text:
        return None
    for rx, order in ((_EN_MDY, "mdy"), (_EN_DMY, "dmy")):
        for m in rx.finditer(text):
            a, b, y, hh, mm, ampm = m.groups()
            mon, day = (a, b) if order == "mdy" else (b, a)
            month = _MONTHS.get(mon[:3].lower())
            if not month:
                continue
            hour = int(hh or 0)
            if ampm and ampm[0] in "pP" and hour < 12:
                hour += 12
            if ampm and ampm[0] in "aA" and hour == 12:
                hour = 0
            if dt := _vn_dt(y, month, day, hour, mm or 0):
                return dt
    return parse_vn_dateline(text)


def date_flag(published: datetime | None, now: datetime | None = None) -> str | None:
    if published is None:
        return "missing"
    now = now or datetime.now(timezone.utc)
    return "future" if published > now + FUTURE_SLACK else None
