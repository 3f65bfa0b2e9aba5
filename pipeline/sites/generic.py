"""The fallback adapter, and the base the site adapters extend.

Each field has its own method. A site adapter overrides a method with its selectors and hands
over to this generic path (JSON-LD, OpenGraph/article:* meta, itemprop=articleBody, a main-text
heuristic) when they find nothing; `parse` logs which fields needed the fallback.
"""
from __future__ import annotations

import logging
import re
from collections import Counter
from datetime import datetime
from typing import Callable, TypeVar
from urllib.parse import urlsplit

from bs4 import Tag

from pipeline.sites.language import guess_language, language_code

from .base import ParsedArticle
from .bodytext import LD_MIN_SHARE, joined_length, ld_body_lines, markup_date, trafilatura_lines
from .dates import date_flag, parse_datetime, parse_en_dateline
from .jsonld import person_name
from .page import Page
from .text import attr_text, block_lines, body_lines, clean_text, cut_source, strip_furniture

log = logging.getLogger(__name__)

T = TypeVar("T")

LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1", "0.0.0.0"}
_NOT_ARTICLE = re.compile(r"(?:^|/)(?:index|default|home|about|about-us|contact|search|tag|tags|category|"
                          r"author|page|rss|feed|sitemap[\w-]*|robots)(?:\.\w+)?/?$", re.I)
_SITE_SUFFIX = re.compile(r"\s+[|\-–—]\s+[^|\-–—]{2,40}$")
_BYLINE = re.compile(r"^(?:by|bởi|theo)\s+", re.I)
# A body with fewer letters than this in its first 5,000 characters is too little to guess its language from.
_GUESS_MIN_LETTERS = 50


class GenericAdapter:
    name = "generic"
    version = "1"
    hosts: tuple[str, ...] = ()
    feed_paths: tuple[str, ...] = ("/feed", "/rss", "/rss.xml", "/feed.xml", "/rss/home.rss")
    sitemap_paths: tuple[str, ...] = ("/sitemap.xml", "/sitemap_index.xml")
    listing_paths: tuple[str, ...] = ()
    default_language: str | None = None
    # Site adapters cut everything after their 'Source:' line; here only a short tail goes.
    cut_after_source = False

    # ---------------------------------------------------------------- URLs

    def host_matches(self, url: str) -> bool:
        """Hosts we serve, plus local mirrors (the crawler rewrites real hosts to a local server)."""
        host = (urlsplit(url).hostname or "").lower()
        return not host or host in self.hosts or host in LOCAL_HOSTS or bool(re.fullmatch(r"[\d.]+", host))

    def is_article_url(self, url: str) -> bool:
        path = urlsplit(url).path
        if not path or path == "/" or _NOT_ARTICLE.search(path) or path.endswith((".xml", ".rss", ".txt")):
            return False
        last = path.rstrip("/").rsplit("/", 1)[-1]
        return last.endswith((".html", ".htm", ".shtml")) or last.count("-") >= 3

    # ---------------------------------------------------------------- the whole page

    def parse(self, html: str, url: str) -> ParsedArticle:
        page = Page.load(html, url)
        title = self.title(page)
        lead = self.lead(page)
        body = self.body(page)
        published = self.published(page)
        body = _drop_repeated_heading(body, title)
        article = ParsedArticle(
            url=url,
            canonical_url=self.canonical(page),
            title=title,
            lead=lead,
            body_text=body,
            published_at=published,
            author=self.author(page),
            language=self.language(page, body),
            source_url=self.source(page),
            adapter=self.name,
            adapter_version=self.version,
            complete=bool(title and body and published),
            date_flag=date_flag(published),
            body_path=page.body_path if body else None,
        )
        if page.fallbacks:
            log.info("%s: site selectors found no %s on %s; used the generic path",
                     self.name, ", ".join(page.fallbacks), url)
        if article.date_flag:
            log.info("%s: publication date %s on %s", self.name, article.date_flag, url)
        return article

    def _or_generic(self, page: Page, field: str, found: T, generic: Callable[[Page], T]) -> T:
        """found if the site selectors produced it (anything truthy), else the generic path (and note
        that we fell back). T is the field's type, None included where the field may be missing."""
        if found:
            if field == "body":
                page.body_path = "site"
            return found
        page.fallbacks.append(field)
        return generic(page)

    # ---------------------------------------------------------------- fields

    def title(self, page: Page) -> str | None:
        title = page.ld_text("headline") or page.meta("og:title", "twitter:title")
        if title:
            return title
        h1s = page.soup.find_all("h1")
        if len(h1s) == 1 and (text := clean_text(h1s[0].get_text(" "))):
            return text
        if page.soup.title and (text := clean_text(page.soup.title.get_text())):
            return _SITE_SUFFIX.sub("", text) or text
        return None

    def lead(self, page: Page) -> str | None:
        return page.ld_text("description") or page.meta("og:description", "description", "twitter:description")

    def body(self, page: Page) -> str:
        """Plain text, one paragraph per line, from the first path that finds it (bodytext.py)."""
        box = page.soup.select_one("[itemprop=articleBody]")
        if box is not None and (lines := self.container_lines(page, box)):
            return _taken(page, "itemprop", lines)
        extracted: list[str] | None = None
        if ld := ld_body_lines(page):
            extracted = trafilatura_lines(page)
            if joined_length(ld) >= LD_MIN_SHARE * joined_length(extracted):
                return _taken(page, "jsonld", ld)
        if extracted is None:
            extracted = trafilatura_lines(page)
        if extracted:
            return _taken(page, "trafilatura", extracted)
        container = main_text_element(page.soup)
        lines = self.container_lines(page, container) if container is not None else []
        return _taken(page, "heuristic", lines)

    def container_lines(self, page: Page, container: Tag) -> list[str]:
        """Text lines of a body container, furniture and the 'Source:' line removed."""
        box = strip_furniture(container)
        source = cut_source(box, cut_after=self.cut_after_source)
        page.source_url = page.source_url or source
        return body_lines(block_lines(box))

    def published(self, page: Page) -> datetime | None:
        """JSON-LD datePublished, then article:published_time, then the visible dateline, then what
        htmldate reads from the URL and the markup it knows."""
        return (parse_datetime(page.ld_value("datePublished"))
                or parse_datetime(page.meta("article:published_time"))
                or self.dateline(page)
                or markup_date(page))

    def dateline(self, page: Page) -> datetime | None:
        for el in page.soup.select("[itemprop=datePublished], time[datetime], time[pubdate]"):
            value = attr_text(el, "content") or attr_text(el, "datetime") or el.get_text(" ")
            if dt := parse_datetime(value) or parse_en_dateline(value):
                return dt
        return parse_datetime(page.meta("pubdate", "publishdate", "date", "dc.date", "DC.date.issued",
                                        "og:published_time", "sailthru.date"))

    def author(self, page: Page) -> str | None:
        name = person_name(page.ld_value("author")) or page.meta("author", "dc.creator")
        if not name:
            value = page.meta("article:author")
            name = value if value and not value.startswith("http") else None
        name = name or page.first_text("[itemprop=author] [itemprop=name]", "[itemprop=author]", "[rel=author]",
                                       ".byline", ".author")
        if not name:
            return None
        return _BYLINE.sub("", name).strip() or None

    def language(self, page: Page, body: str = "") -> str | None:
        html = page.soup.find("html")
        lang = language_code(attr_text(html, "lang") or attr_text(html, "xml:lang")) if html else None
        if lang := lang or language_code(page.meta("og:locale", "content-language", "language")) \
                or self.default_language:
            return lang
        if sum(ch.isalpha() for ch in body[:5000]) < _GUESS_MIN_LETTERS:
            return None
        return guess_language(body)

    def canonical(self, page: Page) -> str | None:
        link = page.soup.select_one("link[rel~=canonical][href]")
        href = attr_text(link, "href") if link else None
        if href and href.strip():
            return page.absolute(href)
        if url := page.meta("og:url"):
            return page.absolute(url)
        entity = page.ld_value("mainEntityOfPage")
        if isinstance(entity, dict):
            entity = entity.get("@id") or entity.get("url")
        url = page.ld_value("url") or entity
        return page.absolute(url) if isinstance(url, str) else None

    def source(self, page: Page) -> str | None:
        return page.source_url


# ---------------------------------------------------------------- helpers

def _taken(page: Page, path: str, lines: list[str]) -> str:
    page.body_path = path if lines else None
    return "\n".join(lines)


def main_text_element(soup) -> Tag | None:
    """The element whose direct <p> children hold the most text (page chrome excluded)."""
    scores: Counter = Counter()
    for p in soup.find_all("p"):
        if p.find_parent(["nav", "header", "footer", "aside", "form"]) is not None:
            continue
        parent = p.parent
        if isinstance(parent, Tag):
            scores[id(parent)] += len(p.get_text(" ", strip=True))
    if scores:
        best_id, _ = scores.most_common(1)[0]
        for p in soup.find_all("p"):
            if id(p.parent) == best_id:
                return p.parent
    return soup.body


def _drop_repeated_heading(body: str, title: str | None) -> str:
    """Generic containers often repeat the headline as the first line. A first paragraph that
    repeats the lead stays: the lead may be a description the page does not show, and the
    article's text keeps what the page says once (pipeline/jobs/articles.py)."""
    lines = body.split("\n") if body else []
    if lines and title and _same(lines[0], title):
        lines = lines[1:]
    return "\n".join(lines)


def _same(a: str, b: str) -> bool:
    norm = lambda s: re.sub(r"\W+", " ", s).strip().casefold()   # noqa: E731
    return norm(a) == norm(b)

