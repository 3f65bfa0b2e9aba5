"""The rows the stages hand the warehouse to load: one dataclass per table, its fields the table's
columns (the column tuples the loads name are derived from them, so the two cannot drift apart).

The tables' own definitions are the migrations (pipeline/store/migrations/*.sql); a column a
migration adds is a field here, in the same change.
"""
from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import datetime
from typing import Mapping


@dataclass(slots=True)
class ArticleRow:
    """One `articles` row: what a parsed page is stored as (pipeline.jobs.articles.article_row)."""
    article_id: str                 # pipeline.store.ids.article_id_for(canonical_url)
    url: str
    canonical_url: str | None
    site: str | None
    adapter: str | None
    adapter_version: str | None
    parse_complete: bool | None
    title: str | None
    lead: str | None
    body_text: str | None
    published_at: datetime | None
    published_flag: str | None
    author: str | None
    language: str | None
    source_url: str | None
    content_sha256: str | None
    raw_sha256: str | None
    raw_path: str | None
    etag: str | None
    last_modified: str | None
    extraction_status: str | None   # "extracted" | "empty_body" | "unsupported_language"
    extractor_version: str | None
    first_seen_run: str | None
    last_seen_run: str | None
    text: str | None                # title, lead and body, one per line: what facts' offsets index
    lead_start: int | None
    body_start: int | None
    body_path: str | None


@dataclass(slots=True)
class FetchRow:
    """One `fetches` row: one request of a run, whatever became of it."""
    run_id: str
    site: str
    url: str                        # the site's real URL asked for
    fetched_url: str | None         # the URL requested on the wire
    status: int | None
    outcome: str                    # "fetched" | "stored" | "unchanged" | "skipped" | "failed"
    reason: str | None
    bytes: int
    elapsed_ms: float | None
    content_type: str | None
    etag: str | None
    last_modified: str | None
    fetched_at: datetime
    raw_sha256: str | None


@dataclass(slots=True)
class FrontierRow:
    """What a run learnt about an article URL, for its `frontier` row (the upsert keeps the attempts)."""
    url: str
    site: str
    status: str                     # "done" | "skipped" | "failed"
    etag: str | None
    last_modified: str | None
    content_sha256: str | None
    reason: str | None
    last_fetch_at: datetime
    last_run: str


def _columns(row_type: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(row_type))


ARTICLE_COLUMNS = _columns(ArticleRow)
FETCH_COLUMNS = _columns(FetchRow)
FRONTIER_COLUMNS = _columns(FrontierRow)


def as_article_row(row: ArticleRow | Mapping) -> ArticleRow:
    """The row as an ArticleRow; a mapping of every articles column to its value (how tests and
    scripts write rows by hand) is taken too."""
    return row if isinstance(row, ArticleRow) else ArticleRow(**row)
