"""hanoitimes.vn (English): `/<slug>-<id>.html` (2019–2024), `/<slug>.<id>.html` (2025+),
the mobile host m.hanoitimes.vn and the old hanoitimes.com.vn/hanoinews/YYYY/MM/<hex>/<slug>/ paths.

2025 texts open with "THE HANOI TIMES — ", which is stripped from the lead and the first paragraph.
No public scraper shows this site's CSS classes: the selectors below are assumptions, and every
field falls back to the generic path.
"""
from __future__ import annotations

import re
from datetime import datetime
from urllib.parse import urlsplit, urlunsplit

from .dates import parse_en_dateline
from .generic import GenericAdapter
from .page import Page
from .text import strip_prefix

_ARTICLE_PATHS = (
    re.compile(r"^/[a-z0-9]+(?:-[a-z0-9]+)*-\d+\.html$"),         # 2019–2024
    re.compile(r"^/[a-z0-9]+(?:-[a-z0-9]+)*\.\d+\.html$"),        # 2025+
    re.compile(r"^/hanoinews/\d{4}/\d{1,2}/[0-9a-f]+/[a-z0-9-]+/?$"),  # hanoitimes.com.vn
)
# "THE HANOI TIMES — " needs a dash (a hyphen only when a space follows): "The Hanoi Times: ..."
# and "The Hanoi Times-run ..." can open real sentences.
_LEAD_PREFIX = re.compile(r"^the\s+hanoi\s+times\s*(?:[–—]+|-+(?=\s))\s*", re.I)


class HanoiTimesAdapter(GenericAdapter):
    name = "hanoitimes"
    version = "1"
    hosts = ("hanoitimes.vn", "www.hanoitimes.vn", "m.hanoitimes.vn",
             "hanoitimes.com.vn", "www.hanoitimes.com.vn")
    feed_paths = ("/rss/home.rss",)
    sitemap_paths = ("/sitemap.xml",)
    default_language = "en"

    def is_article_url(self, url: str) -> bool:
        path = urlsplit(url).path
        return self.host_matches(url) and any(rx.match(path) for rx in _ARTICLE_PATHS)

    def title(self, page: Page) -> str | None:
        found = page.first_text("h1.article-title", "h1.detail-title", "h1.title-detail")
        return self._or_generic(page, "title", found, super().title)

    def lead(self, page: Page) -> str | None:
        found = page.first_text(".article-sapo", ".sapo", ".detail-sapo")
        return strip_lead_prefix(self._or_generic(page, "lead", found, super().lead))

    def body(self, page: Page) -> str:
        box = page.first_element("div.article-content", "div.detail-content", "div.content-detail")
        found = "\n".join(self.container_lines(page, box)) if box is not None else ""
        body = self._or_generic(page, "body", found, super().body)
        # Without a separate sapo the prefixed lead is the body's first paragraph.
        first, _, rest = body.partition("\n")
        return "\n".join(x for x in (strip_lead_prefix(first), rest) if x)

    def dateline(self, page: Page) -> datetime | None:
        # e.g. "Apr 01, 2022 / 18:24", Hanoi time
        found = parse_en_dateline(page.first_text(".article-date", ".date-time", ".article-meta"))
        return self._or_generic(page, "dateline", found, super().dateline)

    def author(self, page: Page) -> str | None:
        found = page.first_text(".article-author", ".author-name")
        return self._or_generic(page, "author", found, super().author)

    def language(self, page: Page, body: str = "") -> str | None:
        return super().language(page, body)    # <html lang="en"> on every layout seen

    def canonical(self, page: Page) -> str | None:
        found = super().canonical(page)
        if found:
            return found
        # Mobile pages mirror the desktop ones; the desktop address is the stable identity.
        parts = urlsplit(page.url)
        if parts.hostname == "m.hanoitimes.vn":
            return urlunsplit((parts.scheme or "https", "hanoitimes.vn", parts.path, "", ""))
        return None


def strip_lead_prefix(text: str | None) -> str | None:
    """A lead or first paragraph without its 'THE HANOI TIMES — ' prefix."""
    return strip_prefix(text, _LEAD_PREFIX)
