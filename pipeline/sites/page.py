"""The page being parsed: its soup, its article JSON-LD, and the lookups every adapter makes
(meta tags, first matching element, absolute links); pages too deeply nested are refused."""
from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urljoin

from bs4 import BeautifulSoup, Tag

from pipeline.crawl.decode import decode_html

from .jsonld import find_news_article
from .text import attr_text, clean_text


def make_soup(html: str | bytes) -> BeautifulSoup:
    if isinstance(html, bytes):
        html = decode_html(html)[0]
    # libxml2 stops at NUL characters, which would silently truncate the page.
    return BeautifulSoup(html.replace("\x00", ""), "lxml")


class PageRefused(ValueError):
    """A page no adapter should read: what it is, in one line (a failed fetch's reason)."""


# Real pages nest a few dozen levels; thousands make every selector that looks at ancestors
# quadratic (10,000 nested <div>s took 20 s to parse, 100,000 past two minutes).
MAX_DEPTH = 400


def nesting_depth(soup: BeautifulSoup, stop: int) -> int:
    """How deep the page's elements nest, counted up to just past `stop`."""
    deepest = 0
    stack: list[tuple[Tag, int]] = [(soup, 0)]
    while stack:
        node, depth = stack.pop()
        if depth > deepest:
            deepest = depth
            if deepest > stop:
                break
        stack.extend((child, depth + 1) for child in node.contents if isinstance(child, Tag))
    return deepest


@dataclass
class Page:
    """A page being parsed: the soup, its article JSON-LD, and what parsing found out on the way."""
    url: str
    soup: BeautifulSoup
    ld: dict | None
    source_url: str | None = None
    fallbacks: list[str] = field(default_factory=list)
    html: str = ""                  # the page as given, for libraries that parse it themselves
    body_path: str | None = None    # which path produced the body (ParsedArticle.body_path)

    @classmethod
    def load(cls, html: str | bytes, url: str) -> "Page":
        if isinstance(html, bytes):
            html = decode_html(html)[0]
        soup = make_soup(html or "")
        if nesting_depth(soup, MAX_DEPTH) > MAX_DEPTH:
            raise PageRefused(f"too deeply nested: more than {MAX_DEPTH} levels of elements")
        return cls(url=url, soup=soup, ld=find_news_article(soup), html=html or "")

    def meta(self, *keys: str) -> str | None:
        """First non-empty <meta property|name|itemprop=key content> among keys."""
        for key in keys:
            for attr in ("property", "name", "itemprop"):
                tag = self.soup.find("meta", attrs={attr: key, "content": True})
                content = attr_text(tag, "content") if tag else None
                if content and content.strip():
                    return clean_text(content)
        return None

    def ld_value(self, key: str):
        return self.ld.get(key) if self.ld else None

    def ld_text(self, key: str) -> str | None:
        value = self.ld_value(key)
        return clean_text(value) or None if isinstance(value, str) else None

    def first_text(self, *selectors: str) -> str | None:
        """Cleaned text of the first element, across selectors, that has any."""
        for selector in selectors:
            for el in self.soup.select(selector):
                text = clean_text(el.get_text(" "))
                if text:
                    return text
        return None

    def first_element(self, *selectors: str) -> Tag | None:
        for selector in selectors:
            el = self.soup.select_one(selector)
            if el is not None:
                return el
        return None

    def absolute(self, href: str | None) -> str | None:
        href = (href or "").strip()
        return urljoin(self.url, href) if href else None
