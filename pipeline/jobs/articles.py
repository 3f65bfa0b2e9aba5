"""A parsed page -> the `articles` row the warehouse stores (shared by the nightly run and ingest)."""
from __future__ import annotations

import hashlib
import logging
import unicodedata
from dataclasses import dataclass
from typing import TypeGuard
from urllib.parse import urlsplit

import extractors
from pipeline.crawl.discover import canonicalize
from pipeline.crawl.hosts import SITE_PREFIXES, bare_host
from pipeline.sites.language import normalize_language
from pipeline.sites import ADAPTERS
from pipeline.sites.base import ParsedArticle
from pipeline.store.ids import article_id_for
from pipeline.store.rows import ArticleRow
from pipeline.store.warehouse import ArticleState

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class ArticleText:
    """The one text of an article (title, lead, body, one per line) that facts are extracted from
    and their offsets index. The title, when in it, starts at 0; `text[body_start:]` is the body."""
    text: str
    lead_start: int | None      # None: no lead, or one that only repeats the body's first paragraph
    body_start: int | None      # None: no body


def _said(section: str | None) -> TypeGuard[str]:
    return bool(section and section.strip())


def _normal(text: str) -> str:
    """Text as repeats are compared: no case, punctuation or spacing differences (a lead from
    og:description often differs from the paragraph it copies in its quotes, dashes or spaces)."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return " ".join("".join(c for c in text if not unicodedata.category(c).startswith("P")).split())


def _repeats(lead: str, paragraph: str) -> bool:
    """The lead says nothing the paragraph does not: the same text, or a teaser cut from its start
    ("Hanoi collected VND 5 trillion in…")."""
    if _normal(lead) == _normal(paragraph):
        return True
    stripped = lead.rstrip()
    for mark in ("…", "..."):
        if stripped.endswith(mark):
            head = _normal(stripped[:-len(mark)])
            return bool(head) and _normal(paragraph).startswith(head)
    return False


def article_text(title: str | None, lead: str | None, body: str | None) -> ArticleText:
    """The article's text: its non-empty sections among title, lead and body, as written, joined by
    "\\n". A title repeated as the body's first line, or a lead repeating the body's first paragraph
    (after such a title) or the title, is left out: the body keeps that text, once."""
    body = body if _said(body) else ""
    paragraphs = [p for p in body.split("\n") if p.strip()]
    headline = title
    if _said(title) and paragraphs and _normal(title) == _normal(paragraphs[0]):
        title = None
        paragraphs = paragraphs[1:]     # the lead is compared with the paragraph after the title line
    if _said(lead) and ((paragraphs and _repeats(lead, paragraphs[0]))
                        or (_said(headline) and _normal(lead) == _normal(headline))):
        lead = None
    parts, starts, at = [], {}, 0
    for name, section in (("title", title), ("lead", lead), ("body", body)):
        if _said(section):
            starts[name] = at
            parts.append(section)
            at += len(section) + 1
    return ArticleText("\n".join(parts), starts.get("lead"), starts.get("body"))


# An article's own site also answers under its AMP host.
_SAME_SITE = (*SITE_PREFIXES, "amp.")


def _bare_host(url: str) -> str:
    return bare_host(urlsplit(url).hostname or "", _SAME_SITE)


def own_canonical(parsed: ParsedArticle, url: str) -> str:
    """The URL an article is stored under (its id hashes it): the page's canonical URL when that is on
    the page's own site, else the page's URL. A page may not claim another site's article: the
    other's row and facts would be replaced by its own (a syndicated copy whose canonical names the
    original would do it by accident)."""
    claimed = parsed.canonical_url
    if not claimed or not url.startswith(("http://", "https://")):
        return claimed or url
    own = _bare_host(url)
    hosts = {bare_host(h, _SAME_SITE) for h in getattr(ADAPTERS.get(parsed.adapter), "hosts", ())}
    if _bare_host(claimed) == own or (own in hosts and _bare_host(claimed) in hosts):
        return claimed
    log.info("%s names %s as its canonical URL, on another site: stored under its own URL", url, claimed)
    return url


def content_hash(title: str | None, lead: str | None, body: str) -> str:
    # the lead only when there is one, so articles without a lead keep the hash they were stored with
    parts = [title or "", *([lead] if lead else []), body]
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()


def extraction_status(language: str | None, body_text: str) -> str:
    """Whether the extractors run on an article: "extracted", "empty_body" or "unsupported_language".
    An article without a body is not extracted even when it has a title or lead: an empty body means
    the page is no article (a video, a gallery) or its parse failed, and its headline alone would
    give facts that look like the article's."""
    if not body_text.strip():
        return "empty_body"
    return "extracted" if language in extractors.SUPPORTED_LANGUAGES else "unsupported_language"


def article_row(parsed: ParsedArticle, url: str, site: str, run_id: str, *, raw_sha256: str | None = None,
                raw_path: str | None = None, etag: str | None = None,
                last_modified: str | None = None) -> ArticleRow:
    """The row for `articles`; `extraction_status` says whether the extractors run on it."""
    canonical = canonicalize(own_canonical(parsed, url))
    language = normalize_language(parsed.language, parsed.body_text)
    status = extraction_status(language, parsed.body_text)
    whole = article_text(parsed.title, parsed.lead, parsed.body_text)
    return ArticleRow(
        article_id=article_id_for(canonical), url=url, canonical_url=canonical, site=site,
        adapter=parsed.adapter, adapter_version=parsed.adapter_version, parse_complete=parsed.complete,
        title=parsed.title, lead=parsed.lead, body_text=parsed.body_text,
        text=whole.text, lead_start=whole.lead_start, body_start=whole.body_start, body_path=parsed.body_path,
        published_at=parsed.published_at, published_flag=parsed.date_flag, author=parsed.author,
        language=language, source_url=canonicalize(parsed.source_url) if parsed.source_url else None,
        content_sha256=content_hash(parsed.title, parsed.lead, parsed.body_text),
        raw_sha256=raw_sha256, raw_path=raw_path, etag=etag, last_modified=last_modified,
        extraction_status=status, extractor_version=extractors.EXTRACTOR_VERSION,
        first_seen_run=run_id, last_seen_run=run_id)


def unchanged(state: ArticleState | None, row: ArticleRow) -> bool:
    """Whether the stored article already holds what `row` would store: the same content, extracted
    by the current extractor version (so nothing to extract or load)."""
    return bool(state and state.content_sha256 == row.content_sha256
                and state.extractor_version == extractors.EXTRACTOR_VERSION)
