"""The language-independent tests on the text around a mention: regexes for routes, capitalised
names, an organisation's name, sentence and phrase starts, addresses and ranking scopes, and the
str tests that spare their searches where they cannot match."""
from __future__ import annotations

import re

_W = r"[^\W\d_]"
_ROUTE_LEFT = re.compile(r"(?:^|[^\w])([A-ZĐ][\w]*)[ \u00a0]*[-–—][ \u00a0]*$")
_ROUTE_RIGHT = re.compile(r"[ \u00a0]*[-–—][ \u00a0]*[A-ZĐ]")
_CAP_AFTER = re.compile(r"[ \u00a0]+(?:[A-ZĐ][\w'’]*)")
_CAP_OF_BEFORE = re.compile(r"[A-Z][\w'’]*[ \u00a0]+of[ \u00a0]+(?:the[ \u00a0]+)?$")
_CAP_BEFORE_VI = re.compile(r"[A-ZĐÂĂÊÔƠƯÁÀẢÃẠ][\w]*[ \u00a0]$")
_SOURCE_PREFIX = re.compile(r"^[\s\"'“”‘’*•-]*(?:\(?[\w.]+\)?[ \u00a0]*[-–—][ \u00a0]+)?")
_LAST_PHRASE_START = re.compile(r"(?s:.*)(?:[,;:()\"“”\n]|\.\s)")   # match(): up to the last one
_SENTENCE_END = re.compile(r"[.!?:\"“]\s*$")
_CITY_AFTER = re.compile(r"[ \u00a0]+(?:City|Capital)\b")
_DOC_NUMBER_PARTS = re.compile(r"[-/\s]+")
_ADDRESS_GAP = re.compile(r"^\s*(?:,|\()\s*$")
_RANK_SCOPE_GAP = re.compile(r"^[ \u00a0]*(?:(?:in|of|among|across|trong|của|toàn|on)[ \u00a0]+)?(?:the[ \u00a0]+)?$")
_ENUMERATION = re.compile(r"^\s*(?::|gồm|là|including)?\s*$")
_NAME_AFTER = re.compile(r"[ \u00a0]+(?:[A-ZĐ]|\d{1,2}(?![\d.,]))")
_LAST_TOKEN = re.compile(r"(\S+)[ \u00a0]+$")
_COUNT_TOKEN = re.compile(r"\d(?:[\d.,/]*\d)?")
_YEAR_TOKEN = re.compile(r"(?:19|20)\d\d")


def _may_end_with(text: str, lo: int, hi: int, tails: tuple[str, ...]) -> bool:
    """Whether text[lo:hi] ends with one of `tails` once spaces (and one final newline, as `$`
    allows) are off its end: a str test that must hold for _ROUTE_LEFT or _CAP_OF_BEFORE to match
    there, cheaper than their search, which tries every position of the window."""
    w = text[lo:hi]
    if w.endswith("\n"):
        w = w[:-1]
    return w.rstrip(" \u00a0").endswith(tails)


_DASHES = ("-", "–", "—")         # what _ROUTE_LEFT ends with (spaces aside)
_OF_THE = ("of", "the")           # what _CAP_OF_BEFORE ends with (spaces aside)


_W_CHAR = re.compile(_W)


def _org_heads(rx: re.Pattern, window: str, pos: int) -> list[str]:
    """The organisation heads in window[pos:], as finditer with the lookbehind (?<!{_W}) would find
    them: a match a letter stands right before is dropped and the search goes on from its next
    character."""
    out: list[str] = []
    while True:
        m = rx.search(window, pos)
        if m is None:
            return out
        start = m.start()
        if start > 0 and _W_CHAR.match(window, start - 1):
            pos = start + 1
            continue
        out.append(m.group())
        pos = m.end()


def _count_before(text: str, s: int) -> bool:
    """A number (not a year) right before: "30 quận", "28/30 quận" count units in general."""
    m = _LAST_TOKEN.search(text, max(0, s - 16), s)
    return m is not None and bool(_COUNT_TOKEN.fullmatch(m.group(1))) and not _YEAR_TOKEN.fullmatch(m.group(1))


def _numbered_unit(written: str, levels: tuple[str, ...]) -> bool:
    """'Quận 1', 'phường 12', 'District 1': written with a level word that numbers its units."""
    low = written.lower()
    return low.startswith(levels) or any(f" {w}" in low for w in levels)
