"""Finding article URLs: robots.txt, RSS/Atom feeds, sitemaps and sitemap indexes."""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit, urlunsplit
from urllib.robotparser import RobotFileParser

from bs4 import BeautifulSoup, Tag

from pipeline.crawl.fetch import Fetcher, FetchResult

log = logging.getLogger(__name__)



@dataclass(slots=True)
class Robots:
    """RFC 9309: 4xx = no rules; 5xx or unreachable = disallow everything for this run."""
    parser: RobotFileParser | None
    disallow_all: bool = False
    crawl_delay: float | None = None
    sitemaps: list[str] = field(default_factory=list)

    def allowed(self, url: str, agent: str) -> bool:
        if self.disallow_all:
            return False
        return self.parser is None or self.parser.can_fetch(agent, url)


def fetch_robots(fetcher: Fetcher, base_url: str) -> tuple[Robots, FetchResult]:
    res = fetcher.get(base_url + "/robots.txt")
    if res.ok:
        parser = RobotFileParser()
        parser.parse(res.body.decode("utf-8", "replace").splitlines())
        delay = parser.crawl_delay(fetcher.cfg.user_agent)
        return Robots(parser, crawl_delay=float(delay) if delay else None,
                      sitemaps=list(parser.site_maps() or [])), res
    if res.status is not None and 400 <= res.status < 500:
        return Robots(None), res
    return Robots(None, disallow_all=True), res


def canonicalize(url: str) -> str:
    """Lower-case scheme and host; drop default ports, fragments, tracking parameters and a trailing
    slash (so /a and /a/ are one article; a site that wants the slash redirects, which we follow)."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if parts.port and not ((scheme == "http" and parts.port == 80) or (scheme == "https" and parts.port == 443)):
        host = f"{host}:{parts.port}"
    query = "&".join(p for p in parts.query.split("&")
                     if p and not p.lower().startswith(("utm_", "fbclid=", "gclid=", "zarsrc=")))
    path = parts.path.rstrip("/") or "/"
    return urlunsplit((scheme, host, path, query, ""))


def parse_feed(xml: bytes, base_url: str) -> list[str]:
    """Item links of an RSS 2.0 or Atom feed, in feed order."""
    soup = BeautifulSoup(xml, "xml")
    links = []
    for item in soup.find_all(["item", "entry"]):
        link = item.find("link")
        if link is None:
            continue
        href = _href(link) or link.get_text(strip=True)
        if href:
            links.append(urljoin(base_url + "/", href))
    return links


def parse_sitemap(xml: bytes, base_url: str) -> tuple[list[str], list[str]]:
    """(page URLs, child sitemap URLs) of a urlset or a sitemapindex."""
    soup = BeautifulSoup(xml, "xml")
    pages = [urljoin(base_url + "/", loc.get_text(strip=True))
             for url in soup.find_all("url") for loc in url.find_all("loc", limit=1)]
    children = [urljoin(base_url + "/", loc.get_text(strip=True))
                for sm in soup.find_all("sitemap") for loc in sm.find_all("loc", limit=1)]
    return pages, children


def parse_listing(html: bytes, page_url: str) -> tuple[list[str], str | None]:
    """(links on a section/listing page, URL of its next page) — rel=next, else a "next" pager link."""
    soup = BeautifulSoup(html, "lxml")
    links = [urljoin(page_url, _href(a)) for a in soup.find_all("a", href=True)]
    nxt = soup.find(["link", "a"], rel="next", href=True)
    if nxt is None:
        nxt = next((a for a in soup.find_all("a", href=True)
                    if a.get_text(strip=True).lower() in ("next", "next page", "›", "»", "trang sau")
                    or "next" in " ".join(a.get_attribute_list("class")).lower()), None)
    return links, urljoin(page_url, _href(nxt)) if nxt is not None else None


def _href(link: Tag) -> str:
    """The link's address, "" if it has none (bs4 types attribute values as str or list; href is never a list)."""
    href = link.get("href")
    return href if isinstance(href, str) else ""


def discover(fetcher: Fetcher, base_url: str, feeds: tuple[str, ...], sitemaps: tuple[str, ...],
             robots: Robots, listings: tuple[str, ...] = ()) -> tuple[list[str], list[FetchResult]]:
    """Candidate URLs from the feeds, the sitemaps, then listing pages and their next pages
    (an empty feed is no reason to stop). The caller keeps the links that are articles."""
    found: list[str] = []
    fetches: list[FetchResult] = []
    for feed in feeds:
        url = urljoin(base_url + "/", feed)
        if not robots.allowed(url, fetcher.cfg.user_agent):
            continue
        res = fetcher.get(url)
        fetches.append(res)
        if res.ok:
            links = parse_feed(res.body, base_url)
            if not links:
                log.info("feed %s has no items; relying on sitemaps", url)
            found += links
    queue = [urljoin(base_url + "/", s) for s in sitemaps] + robots.sitemaps
    seen: set[str] = set()
    # max_sitemaps: a sitemap index pointing at itself or at thousands of files must not stall a run
    while queue and len(seen) < fetcher.cfg.max_sitemaps:
        url = queue.pop(0)
        if url in seen or not robots.allowed(url, fetcher.cfg.user_agent):
            continue
        seen.add(url)
        res = fetcher.get(url)
        fetches.append(res)
        if res.ok:
            pages, children = parse_sitemap(res.body, base_url)
            found += pages
            queue += children
    for listing in listings:
        next_url: str | None = urljoin(base_url + "/", listing)
        visited: set[str] = set()
        while next_url and next_url not in visited and len(visited) < fetcher.cfg.max_listing_pages:
            url = next_url
            if not robots.allowed(url, fetcher.cfg.user_agent):
                break
            visited.add(url)
            res = fetcher.get(url)
            fetches.append(res)
            if not res.ok:
                break
            links, next_url = parse_listing(res.body, url)
            found += links
    return found, fetches
