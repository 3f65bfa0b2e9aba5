"""Site adapters: pick one by name or by URL, and parse a fetched page into a ParsedArticle."""
from __future__ import annotations

import logging
import re
from urllib.parse import urlsplit

from pipeline.crawl.hosts import bare_host

from .base import ParsedArticle, SiteAdapter
from .generic import GenericAdapter
from .hanoitimes import HanoiTimesAdapter
from .kinhtedothi import KinhTeDoThiAdapter
from .vietnamvn import VietnamVnAdapter

log = logging.getLogger(__name__)

ADAPTERS: dict[str, SiteAdapter] = {
    a.name: a for a in (HanoiTimesAdapter(), VietnamVnAdapter(), KinhTeDoThiAdapter(), GenericAdapter())
}

_BY_HOST: dict[str, SiteAdapter] = {host: a for a in ADAPTERS.values() for host in a.hosts}


def get_adapter(name: str) -> SiteAdapter:
    try:
        return ADAPTERS[name]
    except KeyError:
        raise KeyError(f"unknown site adapter {name!r}; known: {', '.join(sorted(ADAPTERS))}") from None


def adapter_for_url(url: str) -> SiteAdapter:
    """The adapter for the URL's host (www./m./bare variants included), else the generic one."""
    host = (urlsplit(url).hostname or "").lower().rstrip(".")
    bare = bare_host(host)
    for candidate in (host, bare, "www." + bare, "m." + bare):
        if candidate in _BY_HOST:
            return _BY_HOST[candidate]
    return ADAPTERS["generic"]


# Enough to find the page's own URL when the caller has none (a stored file).
_PAGE_URL = re.compile(r"""<(?:link[^>]+rel=["']canonical["'][^>]+href|meta[^>]+property=["']og:url["']"""
                       r"""[^>]+content)=["'](https?://[^"']+)""", re.I)


def parse_page(html: str, url: str, adapter: str | None = None) -> ParsedArticle:
    """Parse with the named adapter, else the one for `url` (or for the page's canonical URL)."""
    if adapter:
        chosen = get_adapter(adapter)
    else:
        if not url:
            m = _PAGE_URL.search(html[:200_000])
            url = m.group(1) if m else ""
        chosen = adapter_for_url(url)
    return chosen.parse(html, url)


__all__ = ["ADAPTERS", "ParsedArticle", "SiteAdapter", "adapter_for_url", "get_adapter", "parse_page"]
