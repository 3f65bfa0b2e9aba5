"""Numbers on the review page as the article writes them (its language, articles.language), and back.

A Vietnamese fact's value 176737000000000 is shown "176.737.000.000.000", 7.6 "7,6" (the marks come
from the checks' lexicon, pipeline.checks.rules); English as before. A corrected value typed on a
Vietnamese figure in Vietnamese notation ("1.234,5") is stored in plain notation, the number it means
("1234.5": no grouping, dot decimal), and shown back as "1.234,5".
"""
from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal

from pipeline.checks.lexicon import lexicon, written

# kinds whose corrected value is a figure (numbers in it are read in the article's notation)
NUMERIC_KINDS = ("count", "percentage", "ratio", "rank", "money", "quantity")
# One number as typed: digits with "." or "," marks ("1.234,5", "7,6", "1234.5").
_TYPED_NUMBER = re.compile(r"(?<![\d.,])\d+(?:[.,]\d+)*(?![\d.,]*\d)")
_PLAIN_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")
_PLAIN_TOKEN = re.compile(r"(?<![\d.,])\d+(?:\.\d+)?(?![\d.,]*\d)")


def notation(language: str | None) -> tuple[str, str] | None:
    """(thousands, decimal) marks of a language that writes numbers otherwise than English."""
    lex = lexicon(language)
    if lex is None or (lex.thousands, lex.decimal) == (",", "."):
        return None
    return lex.thousands, lex.decimal


def shown_value(value, language: str | None = None) -> str:
    """A field value for the page; numbers as an article in `language` writes them."""
    if value is None:
        return ""
    if isinstance(value, float):
        if value != value:
            return ""
        marks = notation(language)
        if marks is not None:
            return written(value, *marks)   # 176.737.000.000.000, 7,6
        if value.is_integer() and abs(value) < 1e18:
            return str(int(value))
        return f"{value:.4g}" if abs(value) < 1 else f"{value:,.2f}".rstrip("0").rstrip(".")
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M UTC")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _typed_number(token: str, thousands: str, decimal: str) -> Decimal | None:
    """A number typed in the article's notation (or unambiguously in plain notation): '1.234,5'
    1234.5, '1.234' 1234, '7,6' 7.6, '1234.5' 1234.5; None when it is no number of either
    ('26.7.2016', '1,2,3')."""
    t, d = re.escape(thousands), re.escape(decimal)
    if re.fullmatch(rf"\d{{1,3}}(?:{t}\d{{3}})+(?:{d}\d+)?|\d+{d}\d+", token):
        return Decimal(token.replace(thousands, "").replace(decimal, "."))
    if re.fullmatch(r"\d+\.\d+", token):  # "1234.5", "1.5": plain notation (not groups of 3)
        return Decimal(token)
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+\.\d+", token):  # "1,234.5": both marks, English order
        return Decimal(token.replace(",", ""))
    return None


def _plain(d: Decimal) -> str:
    text = format(d, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def stored_corrected(typed: str, f: dict) -> str:
    """The corrected value as stored: numbers typed on a figure of an article that writes them
    otherwise than English are put in plain notation ("1.234,5" -> "1234.5", "2,5 tỷ đồng" ->
    "2.5 tỷ đồng"), so the stored form reads one way; anything else as typed."""
    marks = notation(f.get("article_language"))
    if marks is None or f.get("kind") not in NUMERIC_KINDS:
        return typed

    def plain(m: re.Match) -> str:
        number = _typed_number(m.group(), *marks)
        return m.group() if number is None else _plain(number)
    return _TYPED_NUMBER.sub(plain, typed.strip())


def shown_corrected(stored: str | None, f: dict) -> str:
    """A stored corrected value for the page, its numbers in the article's notation ("1234.5" ->
    "1.234,5"; in longer text a plain number with a decimal part or five digits or more, so that
    a year stays "2024")."""
    marks = notation(f.get("article_language"))
    if marks is None or f.get("kind") not in NUMERIC_KINDS or not stored:
        return stored or ""
    if _PLAIN_NUMBER.fullmatch(stored.strip()):
        return written(Decimal(stored.strip()), *marks)

    def number(m: re.Match) -> str:
        token = m.group()
        return written(Decimal(token), *marks) if "." in token or len(token) >= 5 else token
    return _PLAIN_TOKEN.sub(number, stored)
