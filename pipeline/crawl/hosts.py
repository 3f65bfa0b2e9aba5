"""Which site a host belongs to: one site serves under several host names (www., m. for mobile),
and a trailing dot or capitals name the same host."""
from __future__ import annotations

from urllib.parse import urlsplit

SITE_PREFIXES = ("www.", "m.")


def bare_host(host: str, prefixes: tuple[str, ...] = SITE_PREFIXES) -> str:
    """'M.News.example.' -> 'news.example': lower case, no trailing dot, the first of `prefixes` it
    starts with removed (one prefix only: 'www.m.x' keeps 'm.x')."""
    host = host.lower().rstrip(".")
    for prefix in prefixes:
        if host.startswith(prefix):
            return host[len(prefix):]
    return host


def site_host(url: str) -> str:
    """The host that identifies the URL's site: bare_host of its host name."""
    return bare_host(urlsplit(url).hostname or "")
