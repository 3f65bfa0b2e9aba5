"""A parsed page -> the `articles` row the warehouse stores (shared by the nightly run and ingest)."""
from __future__ import annotations

import hashlib

import extractors
from pipeline.discover import canonicalize
from pipeline.language import normalize_language
from pipeline.sites.base import ParsedArticle
from pipeline.warehouse import article_id_for


def content_hash(parsed: ParsedArticle) -> str:
    return hashlib.sha256(f"{parsed.title or ''}\n{parsed.body_text}".encode("utf-8")).hexdigest()


def extraction_status(language: str | None, body_text: str) -> str:
    """Whether the extractors run on an article: "extracted", "empty_body" or "unsupported_language"."""
    if not body_text.strip():
        return "empty_body"
    return "extracted" if language in extractors.SUPPORTED_LANGUAGES else "unsupported_language"


def article_row(parsed: ParsedArticle, url: str, site: str, run_id: str, *, raw_sha256: str | None = None,
                raw_path: str | None = None, etag: str | None = None,
                last_modified: str | None = None) -> dict:
    """The row for `articles`; `extraction_status` says whether the extractors run on it."""
    canonical = canonicalize(parsed.canonical_url or url)
    language = normalize_language(parsed.language, parsed.body_text)
    status = extraction_status(language, parsed.body_text)
    return dict(
        article_id=article_id_for(canonical), url=url, canonical_url=canonical, site=site,
        adapter=parsed.adapter, adapter_version=parsed.adapter_version, parse_complete=parsed.complete,
        title=parsed.title, lead=parsed.lead, body_text=parsed.body_text,
        published_at=parsed.published_at, published_flag=parsed.date_flag, author=parsed.author,
        language=language, source_url=canonicalize(parsed.source_url) if parsed.source_url else None, content_sha256=content_hash(parsed),
        raw_sha256=raw_sha256, raw_path=raw_path, etag=etag, last_modified=last_modified,
        extraction_status=status, extractor_version=extractors.EXTRACTOR_VERSION,
        first_seen_run=run_id, last_seen_run=run_id)
