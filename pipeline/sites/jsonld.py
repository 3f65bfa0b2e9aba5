"""The page's article as JSON-LD describes it: the NewsArticle (or nearest Article type) node,
read from hand-written and CMS-mangled blocks, with @id references resolved."""
from __future__ import annotations

import json
import logging
import re

from bs4 import BeautifulSoup

from .text import clean_text

log = logging.getLogger(__name__)

ARTICLE_TYPES = {"newsarticle": 0, "reportagenews": 0, "analysisnewsarticle": 0, "opinionnewsarticle": 0,
                 "backgroundnewsarticle": 0, "article": 1, "report": 1, "blogposting": 2, "liveblogposting": 2}


def _types(node: dict) -> list[str]:
    t = node.get("@type", [])
    return [str(x).lower() for x in (t if isinstance(t, list) else [t])]


def _walk(obj, out: list[dict]) -> None:
    if isinstance(obj, list):
        for item in obj:
            _walk(item, out)
    elif isinstance(obj, dict):
        out.append(obj)
        if "@graph" in obj:
            _walk(obj["@graph"], out)


def _load_json(raw: str):
    raw = raw.strip()
    raw = re.sub(r"^(?://\s*)?<!\[CDATA\[|(?://\s*)?\]\]>$|^<!--|-->$", "", raw).strip()
    try:
        return json.loads(raw, strict=False)
    except ValueError:
        pass
    try:   # hand-written JSON-LD often has trailing commas
        return json.loads(re.sub(r",\s*([}\]])", r"\1", raw), strict=False)
    except ValueError as exc:
        log.debug("unreadable JSON-LD block: %s", exc)
        return None


def find_news_article(soup: BeautifulSoup) -> dict | None:
    """The page's NewsArticle (or closest Article type) node, with @id references resolved."""
    nodes: list[dict] = []
    for script in soup.find_all("script", type=re.compile(r"ld\+json", re.I)):
        data = _load_json(script.get_text())
        if data is not None:
            _walk(data, nodes)
    by_id = {n["@id"]: n for n in nodes if isinstance(n.get("@id"), str)}
    best, best_rank = None, 99
    for node in nodes:
        rank = min((ARTICLE_TYPES.get(t, 99) for t in _types(node)), default=99)
        if rank < best_rank:
            best, best_rank = node, rank
    if best is None:
        return None
    node = dict(best)
    for key in ("author", "publisher", "mainEntityOfPage"):
        node[key] = _resolve(node.get(key), by_id)
    return node


def _resolve(value, by_id: dict):
    if isinstance(value, list):
        return [_resolve(v, by_id) for v in value]
    if isinstance(value, dict) and set(value) <= {"@id", "@type"} and value.get("@id") in by_id:
        return by_id[value["@id"]]
    return value


def person_name(value) -> str | None:
    """A JSON-LD author value (string, Person, list of either) as plain names."""
    if isinstance(value, list):
        names = [n for n in (person_name(v) for v in value) if n]
        return ", ".join(dict.fromkeys(names)) or None
    if isinstance(value, dict):
        value = value.get("name")
    if isinstance(value, str) and not value.strip().startswith(("http://", "https://")):
        return clean_text(value) or None
    return None
