"""www.vietnam.vn/en (English republications): `/en/<slug>` with or without the trailing slash, the
slug being the Vietnamese title without accents; a WordPress theme.

The text ends with a `Source:` line naming the original: the address of any Vietnamese paper's
article, which becomes source_url, or only the paper's name ("Source: Nhan Dan"), which leaves
source_url None. Either way the line and the share and comment furniture after it are cut from
the body.
"""
from __future__ import annotations

import copy
import re
from datetime import datetime
from urllib.parse import urlsplit

from bs4 import Tag

from .dates import parse_datetime, parse_vn_dateline
from .generic import GenericAdapter
from .page import Page
from .text import attr_text, clean_text

_ARTICLE_PATH = re.compile(
    r"^/en/(?!(?:category|tag|author|page|feed|search|wp-[a-z]+)/)[a-z0-9]+(?:-[a-z0-9]+){2,}/?$")
_LEAD_SELECTORS = (".post-sapo", ".entry-sapo", ".post-excerpt")


class VietnamVnAdapter(GenericAdapter):
    name = "vietnamvn"
    version = "1"
    hosts = ("www.vietnam.vn", "vietnam.vn")
    feed_paths = ("/en/feed.xml",)
    sitemap_paths = ("/sitemap.xml",)
    default_language = "en"
    cut_after_source = True

    def is_article_url(self, url: str) -> bool:
        return self.host_matches(url) and bool(_ARTICLE_PATH.match(urlsplit(url).path))

    def title(self, page: Page) -> str | None:
        found = page.first_text("h1.post-title", "h1.entry-title")
        return self._or_generic(page, "title", found, super().title)

    def lead(self, page: Page) -> str | None:
        found = page.first_text(*_LEAD_SELECTORS)
        box = page.first_element("div.post-content", "div.entry-content")
        if not found and box is not None and (first := _bold_first_paragraph(box)) is not None:
            found = clean_text(first.get_text(" "))
        return self._or_generic(page, "lead", found, super().lead)

    def body(self, page: Page) -> str:
        box = page.first_element("div.post-content", "div.entry-content")
        found = ""
        if box is not None:
            # The lead sits inside the content block; drop it from a copy, not from the page.
            box = copy.copy(box)
            lead = box.select_one(", ".join(_LEAD_SELECTORS)) or _bold_first_paragraph(box)
            if lead is not None:
                lead.decompose()
            found = "\n".join(self.container_lines(page, box))
        return self._or_generic(page, "body", found, super().body)

    def dateline(self, page: Page) -> datetime | None:
        el = page.first_element("article time[datetime]", "time.post-date", ".post-meta time")
        found = None
        if el is not None:
            found = parse_datetime(attr_text(el, "datetime")) or parse_vn_dateline(el.get_text(" "))
        return self._or_generic(page, "dateline", found, super().dateline)

    def author(self, page: Page) -> str | None:
        found = page.first_text(".post-author a", ".post-author", ".author-name")
        if found:
            found = re.sub(r"^by\s+", "", found, flags=re.I)
        return self._or_generic(page, "author", found, super().author)

    def language(self, page: Page, body: str = "") -> str | None:
        return super().language(page, body)    # lang="en-US" on /en/ pages

    def canonical(self, page: Page) -> str | None:
        return super().canonical(page)          # rel=canonical carries the trailing-slash form

    def source(self, page: Page) -> str | None:
        return page.source_url


def _bold_first_paragraph(box: Tag) -> Tag | None:
    """Some posts mark the lead only by setting the whole first paragraph in bold."""
    first = box.find("p")
    if first is None:
        return None
    bold = first.find(["strong", "b"])
    text = clean_text(first.get_text(" "))
    if bold is not None and text and clean_text(bold.get_text(" ")) == text:
        return first
    return None
