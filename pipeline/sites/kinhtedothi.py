"""kinhtedothi.vn (Vietnamese): `/<slug>.html` (today), `/<slug>-<id>.html` (2020), three layouts.

- 2025+: h1.article-title, div.article-published-on ("Thứ Sáu, 14:05 19/07/2024"), .sapo_detail,
  div[itemprop=articleBody], span.detail__author
- 2021–2024: div[itemprop=articleBody], span.detail__author (seen up to May 2022); h1.detail__title,
  .detail__time and .detail__sapo are guesses no public source shows
- before 2021 (public scrapers show it on pages of late 2020, whose URLs end in a numeric id
  `/<slug>-400747.html`): h1.title_detail_news, div.time_detail_news ("(09:12 06/05/2019)",
  "08-11-2020 15:11"), div.sapo_detail, #cotent_detail (sic) with table.picture / td.caption photos,
  span.name_author ("Trọng Tùng thực hiện")
Leads (and sometimes the first paragraph) open with "Kinhtedothi - ", which is stripped.
"""
from __future__ import annotations

import re
from datetime import datetime
from urllib.parse import urlsplit, urlunsplit

from .dates import parse_vn_dateline
from .generic import GenericAdapter
from .page import Page
from .text import strip_prefix

_ARTICLE_PATH = re.compile(r"^/[a-z0-9]+(?:-[a-z0-9]+){3,}(?:\.\d+)?\.html$")
_NOT_ARTICLE = re.compile(r"^/(?:tag|tim-kiem|api|rss|video|podcast|emagazine-list)/")
# Bylines credit the work as well as the name: "Trọng Tùng thực hiện" (an interview "produced by"),
# "Bài, ảnh: Ngọc Tú" (text and photos), "Bài: X - Ảnh: Y". The writer is the author; a photo
# credit alone names nobody who wrote the text.
_CREDIT_HEAD = re.compile(r"^(?:bài\s*(?:(?:,|và|&)\s*)?(?:ảnh|video)?|bài viết|thực hiện)\s*:\s*",
                          re.I)
_CREDIT_TAIL = re.compile(r"\s*[-–,;|]?\s*(?:\(?\s*thực hiện\s*\)?"
                          r"|(?:ảnh|video|đồ họa|đồ hoạ)\s*:.*)$", re.I)
# The paper's name before a lead or first paragraph: "Kinhtedothi - ", "(Kinhtedothi) - ", "KTĐT: ".
_LEAD_PREFIX = re.compile(r"^[(\[]?\s*(?:kinhtedothi(?:\.vn)?|ktđt|ktdt)\s*[)\]]?\s*[-–—:]+\s*", re.I)


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
        found = _writer(page.first_text("span.detail__author", ".detail__author", "span.name_author",
                                        ".author_detail", ".article-author"))
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


def strip_lead_prefix(text: str | None) -> str | None:
    """A lead or first paragraph without its 'Kinhtedothi - ' prefix."""
    return strip_prefix(text, _LEAD_PREFIX)


def _writer(byline: str | None) -> str | None:
    if not byline:
        return None
    return _CREDIT_TAIL.sub("", _CREDIT_HEAD.sub("", byline)).strip(" -–,;|") or None
