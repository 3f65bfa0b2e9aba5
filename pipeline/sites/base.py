"""What every site adapter returns, and the interface it implements."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol


@dataclass(slots=True)
class ParsedArticle:
    url: str                        # the URL the page was fetched from
    canonical_url: str | None       # <link rel=canonical> / og:url, absolute
    title: str | None
    lead: str | None                # the sapo / standfirst, without the site's prefix
    body_text: str                  # plain text, one paragraph per line ("\n"), no captions/furniture
    published_at: datetime | None   # timezone-aware; None when the page gives no date
    author: str | None
    language: str | None            # "en", "vi", ...
    source_url: str | None          # original article a republication names ("Source: ...")
    adapter: str                    # adapter name that parsed it
    adapter_version: str
    complete: bool                  # title, body and published all found
    date_flag: str | None = None    # "missing" | "future" | None
    # which path produced body_text: "site" (the adapter's selectors), "itemprop", "jsonld",
    # "trafilatura", "heuristic"; None when there is no body
    body_path: str | None = None


class SiteAdapter(Protocol):
    name: str
    version: str
    hosts: tuple[str, ...]
    feed_paths: tuple[str, ...]     # RSS/Atom feeds relative to the site root, tried first
    sitemap_paths: tuple[str, ...]  # sitemaps / sitemap indexes relative to the site root
    listing_paths: tuple[str, ...]  # section pages (followed to their next pages), after the above

    def is_article_url(self, url: str) -> bool: ...

    def parse(self, html: str, url: str) -> ParsedArticle: ...
