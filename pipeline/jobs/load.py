"""Loading a batch of extracted articles: their rows, their facts and the checks on those facts, in one
transaction.

The checks are part of what a batch stores: an article whose facts were committed without them would
keep none, because the next job, finding the article unchanged, does not load it again. So the
nightly run, ingest and reextract all load through `load_checked`, and a job killed at any point
leaves each article with both or neither.
"""
from __future__ import annotations

from extractors.facts import Fact
from pipeline.checks.store import compute_checks
from pipeline.store.rows import ArticleRow, FetchRow, FrontierRow
from pipeline.store.warehouse import MAX_ATTEMPTS, Warehouse


def load_checked(wh: Warehouse, articles: list[ArticleRow], facts_by_article: dict[str, list[Fact]],
                 fetches: list[FetchRow], run_id: str, frontier: list[FrontierRow] | None = None,
                 max_attempts: int = MAX_ATTEMPTS) -> tuple[int, int]:
    """Warehouse.load_batch and then compute_checks for the articles extracted (the keys of
    `facts_by_article`), committed together; returns (facts loaded, check rows written)."""
    with wh.transaction():
        facts = wh.load_batch(articles, facts_by_article, fetches, run_id, frontier, max_attempts=max_attempts)
        checks = compute_checks(wh, list(facts_by_article), run_id)
    return facts, checks
