"""kinhtedothi.vn (Vietnamese): `/<slug>.html`, three layouts.

- 2025+: h1.article-title, div.article-published-on ("Thứ Sáu, 14:05 19/07/2024"), .sapo_detail,
  div[itemprop=articleBody], span.detail__author
- 2020–2024: h1.detail__title, .detail__time, .detail__sapo, div[itemprop=articleBody], span.detail__author
- before 2020: h1.title_detail_news, .time_detail_news ("(09:12 06/05/2019)"), .sapo_detail,
  #cotent_detail (sic) with table.picture / td.caption photos, .author_detail
Leads (and sometimes the first paragraph) open with "Kinhtedothi - ", which is stripped.
"""
from __future__ import annotations

import re
from datetime import datetime
from urllib.parse import urlsplit, urlunsplit

from .common import Page, parse_vn_dateline, strip_lead_prefix
from .generic import GenericAdapter

_ARTICLE_PATH = re.compile(r"^/[a-z0-9]+(?:-[a-z0-9]+){3,}(?:\.\d+)?\.html$")
_NOT_ARTICLE = re.compile(r"^/(?:tag|tim-kiem|api|rss|video|podcast|emagazine-list)/")


class KinhTeDoThiAdapter(GenericAdapter):
    name = "kinhtedothi"
    version = "1"
    hosts = ("kinhtedothi.vn", "www.kinhtedothi.vn", "m.kinhtedothi.vn")
    feed_paths = ("/rss/home.rss",)
    sitemap_paths = ("/sitemap.xml",)
    default_language = "vi"

    def is_article_url(self, url: str) -> bool:
        path = urlsplit(url).path
        return self.host_matches(url) and bool(_ARTICLE_PATH.match(path)) and not _NOT_ARTICLE.match(path)

    def title(self, page: Page) -> str | None:
        # og:title carries the clean headline; the h1 sometimes has a kicker glued on.
        found = page.meta("og:title") or page.first_text(
            "h1.article-title", "h1.detail__title", "h1.title_detail_news", ".title_detail_news")
        return self._or_generic(page, "title", found, super().title)

    def lead(self, page: Page) -> str | None:
        found = page.first_text(".sapo_detail", ".detail__sapo", ".article-sapo", "h2.sapo")
        return strip_lead_prefix(self._or_generic(page, "lead", found, super().lead))

    def body(self, page: Page) -> str:
        box = page.first_element("[itemprop=articleBody]", "#cotent_detail", "#content_detail",
                                 "div.detail__content", "div.article-content")
        found = "\n".join(self.container_lines(page, box)) if box is not None else ""
        body = self._or_generic(page, "body", found, super().body)
        # Pre-2020 pages have no separate lead and open the body with the byline prefix.
        first, _, rest = body.partition("\n")
        first = strip_lead_prefix(first) or ""
        return "\n".join(x for x in (first, rest) if x)

    def dateline(self, page: Page) -> datetime | None:
        found = parse_vn_dateline(page.first_text(
            ".article-published-on", ".detail__time", ".time_detail_news", ".date_detail", ".detail__meta"))
        return self._or_generic(page, "dateline", found, super().dateline)

    def author(self, page: Page) -> str | None:
        found = page.first_text("span.detail__author", ".detail__author", ".author_detail", ".article-author")
        return self._or_generic(page, "author", found, super().author)

    def language(self, page: Page, body: str = "") -> str | None:
        return super().language(page, body)    # lang="vi"; older pages lack it, then the default applies

    def canonical(self, page: Page) -> str | None:
        found = super().canonical(page)
        if found:
            return found
        # Without a canonical link the fetched URL, minus tracking parameters, is the identity.
        parts = urlsplit(page.url)
        return urlunsplit((parts.scheme, parts.netloc, parts.path, "", "")) if parts.path else None
