"""The generic article body: the paths tried, in order of trust, when a site's selectors find none.

1. `itemprop=articleBody`: the page marks its own text, which beats any guess about it.
2. JSON-LD `articleBody`, only as plain text not much shorter than the page's own text: CMSes put
   a 500-character teaser there, or the raw markup of the page.
3. trafilatura (favor_precision): boilerplate by link density, a body split over sibling blocks,
   `<br>`-separated text, pages wrapped in one `<form>` — a well-kept library does these better than
   rules written here would.
4. The `<p>`-density heuristic of generic.py, when trafilatura finds nothing.

rs-trafilatura, a Rust port, could not be measured here: it ships no wheel for this platform and
its source build needs crates.io (README, "Dependencies").
"""
from __future__ import annotations

import logging
import re

from datetime import datetime

import htmldate
import trafilatura
from lxml.etree import LxmlError

from .dates import parse_datetime
from .page import Page
from .text import body_lines, clean_text, source_in_lines

log = logging.getLogger(__name__)

LD_MIN_CHARS = 100      # shorter JSON-LD bodies are descriptions, not bodies
LD_MIN_SHARE = 0.8      # a JSON-LD body shorter than this share of the page's text is a teaser
_WORDY = re.compile(r"[^\W_]")
_MARKUP = re.compile(r"<\s*/?\s*[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?/?>|&lt;\s*/?\s*[a-zA-Z]")


def ld_body_lines(page: Page) -> list[str] | None:
    """The JSON-LD articleBody as body lines; None when absent, too short or holding markup."""
    value = page.ld_value("articleBody")
    if not isinstance(value, str) or len(value.strip()) < LD_MIN_CHARS or _MARKUP.search(value):
        return None
    raw = [line for line in map(clean_text, value.splitlines()) if line]
    page.source_url = page.source_url or source_in_lines(raw)
    return body_lines(raw) or None


def trafilatura_lines(page: Page) -> list[str]:
    """The main text as trafilatura finds it, one paragraph per line, furniture lines dropped."""
    if not page.html.strip():
        return []
    try:
        text = trafilatura.extract(
            page.html, url=page.url or None, favor_precision=True, include_comments=False,
            include_tables=True, include_images=False, include_formatting=False, include_links=False,
            deduplicate=False, with_metadata=False, output_format="txt")
    except (LxmlError, ValueError, TypeError, RecursionError) as exc:
        # a page trafilatura cannot read still has the heuristic path
        log.info("trafilatura could not read %s: %s", page.url, exc)
        return []
    # a table trafilatura keeps may leave rows of cell borders ("| |") with no word in them
    raw = [line for line in map(clean_text, (text or "").splitlines()) if _WORDY.search(line)]
    page.source_url = page.source_url or source_in_lines(raw)
    return without_trailing_labels(body_lines(raw))


# A last line that ends no sentence: "Most read: ...", "Weather: 28C", a byline, a tag list.
_SENTENCE_END = re.compile(r"[.!?…:;\"”’»)\]]$")
_LIST_ITEM = re.compile(r"^(?:[-–•+*]|\d{1,2}[.)])\s")   # "- Bao tải: 15.000 chiếc" ends a list, not a page
_LABEL_MAX = 80


def without_trailing_labels(lines: list[str]) -> list[str]:
    """Lines without the short lines after the last sentence: trafilatura keeps a sidebar or a
    byline that sits in the same block as the text, and no article ends on a fragment."""
    end = len(lines)
    while end > 1 and len(lines[end - 1]) <= _LABEL_MAX and not _SENTENCE_END.search(lines[end - 1]) \
            and not _LIST_ITEM.match(lines[end - 1]):
        end -= 1
    return lines[:end]


def markup_date(page: Page) -> datetime | None:
    """The publication date htmldate finds in the URL and the markup, without its extensive
    search: that guesses from any date in the text ("Copyright 2024" -> 2024-01-01)."""
    if not page.html.strip():
        return None
    try:
        found = htmldate.find_date(page.html, url=page.url or None, original_date=True,
                                   extensive_search=False, outputformat="%Y-%m-%dT%H:%M:%S%z")
    except (LxmlError, ValueError, TypeError, RecursionError) as exc:
        log.info("htmldate could not read %s: %s", page.url, exc)
        return None
    return parse_datetime(found) if found else None


def joined_length(lines: list[str]) -> int:
    return sum(map(len, lines)) + max(0, len(lines) - 1)
