"""Digit strings with separators ("11,300", "79,14", "176.737", "1.234,5") as Decimals.

Which of "," and "." groups thousands is a convention of the language (English ",", Vietnamese
"."), but translated reports leak the other one ("79,14%" in English), so the separator alone
does not decide: the size of the digit group after it does. Number words are each language's
own (extractors/lang/<xx>/numbers.py).
"""
from __future__ import annotations

import re
from decimal import Decimal

DIGITS_RE = re.compile(r"[-−]?\d+(?:[.,]\d+)*")
_GROUPS_OF_3 = re.compile(r"\d{1,3}(?:[.,]\d{3})+")


def parse_digits(s: str, thousands: str = ",") -> Decimal:
    """One digit string with separators, `thousands` being the language's grouping mark.
    Raises ValueError for anything that is not one number ("1,2,3")."""
    sign = Decimal(1)
    if s[0] in "-−":
        sign, s = Decimal(-1), s[1:]
    has_comma, has_dot = "," in s, "." in s
    if has_comma and has_dot:
        # Both present: whichever comes last is the decimal mark ("1,234.5", "1.234,5").
        dec = "." if s.rfind(".") > s.rfind(",") else ","
        thou = "," if dec == "." else "."
        head, _, tail = s.rpartition(dec)
        if dec in head or not _GROUPS_OF_3.fullmatch(head):
            raise ValueError(f"not a number: {s!r}")
        return sign * Decimal(head.replace(thou, "") + "." + tail)
    sep = "," if has_comma else "." if has_dot else ""
    if not sep:
        return sign * Decimal(s)
    groups = s.split(sep)
    if len(groups) > 2:
        # Several separators of one kind can only be thousands ("1.234.567").
        if _GROUPS_OF_3.fullmatch(s):
            return sign * Decimal("".join(groups))
        raise ValueError(f"not a number: {s!r}")
    if sep == thousands and len(groups[1]) == 3 and len(groups[0]) <= 3:
        return sign * Decimal("".join(groups))
    # The other mark, or the grouping mark before other than 3 digits ("68,87" in English),
    # is a decimal mark.
    return sign * Decimal(groups[0] + "." + groups[1])
