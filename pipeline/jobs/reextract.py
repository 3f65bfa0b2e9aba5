"""Re-running the extractors over stored articles whose facts came from another extractor version."""
from __future__ import annotations

import dataclasses
import logging
from typing import Callable

import extractors
from extractors.facts import Fact
from pipeline.jobs.articles import article_text, content_hash, extraction_status
from pipeline.jobs.load import load_checked
from pipeline.store.rows import ArticleRow
from pipeline.store.warehouse import Warehouse

log = logging.getLogger(__name__)


def _in_one_section(facts: list[Fact], row: ArticleRow) -> list[Fact]:
    """The facts that do not run across the line break between two sections. A headline ends
    without a full stop, and a rule may take the lead's first words with its last ones (Vietnamese
    "lần đầu" + "Năm 2024" read as "đầu năm 2024"): such a span is no fact of either section."""
    breaks = [b - 1 for b in (row.lead_start, row.body_start) if b]
    kept: list[Fact] = []
    across: list[Fact] = []
    for f in facts:
        (across if any(f.start <= b < f.end for b in breaks) else kept).append(f)
    if across:
        log.info("%s: dropped %s: across two sections", row.article_id,
                 ", ".join(f"{f.rule_id} {f.text!r}" for f in across))
    return kept


def facts_for_rows(rows: list[ArticleRow]) -> dict[str, list[Fact]]:
    """Facts of the article rows marked for extraction, keyed by article id; offsets index r.text."""
    todo = [r for r in rows if r.extraction_status == "extracted"]
    # rows stored before articles had a language were extracted with the English rules
    docs = ((r.text or "", r.published_at.date() if r.published_at else None, r.language or "en") for r in todo)
    return {r.article_id: _in_one_section(facts, r) for r, facts in zip(todo, extractors.extract_many(docs))}


def stale_article_ids(wh: Warehouse, every: bool = False) -> list[str]:
    """The articles whose facts another extractor version made (all with `every`)."""
    return wh.stale_article_ids(None if every else extractors.EXTRACTOR_VERSION)


def _refreshed(row: ArticleRow) -> ArticleRow:
    """The stored row as the current code would store it: its text rebuilt from its sections, and
    the current extractor version."""
    whole = article_text(row.title, row.lead, row.body_text)
    status = row.extraction_status
    if status == "unsupported_language":
        # a language supported since the article was stored (Vietnamese from 0.3.0) is extracted now
        status = extraction_status(row.language, row.body_text or "")
    return dataclasses.replace(row, text=whole.text, lead_start=whole.lead_start, body_start=whole.body_start,
                               content_sha256=content_hash(row.title, row.lead, row.body_text or ""),
                               extraction_status=status, extractor_version=extractors.EXTRACTOR_VERSION)


def reextract(wh: Warehouse, run_id: str, every: bool = False, batch_size: int = 200,
              progress: Callable[[str], None] | None = None) -> tuple[int, int]:
    """Replace the facts of stale articles (all with `every`), one transaction per batch.

    Returns (articles re-extracted, facts loaded). Articles in unsupported languages only get
    their extractor version updated, so they are not picked up again. Each article's text is rebuilt
    from its stored title, lead and body first: one stored before its text had a title and lead
    (migration 010) gets their facts now.
    """
    ids = stale_article_ids(wh, every)
    done = loaded = 0
    for i in range(0, len(ids), batch_size):
        rows = [_refreshed(row) for row in wh.stored_articles(ids[i:i + batch_size])]
        facts = facts_for_rows(rows)
        loaded += load_checked(wh, rows, facts, [], run_id)[0]
        done += len(rows)
        if progress:
            progress(f"re-extracted {done}/{len(ids)} articles")
    if ids:
        log.info("re-extracted %d articles, %d facts", done, loaded)
    return done, loaded
