"""The work of one batch of archived pages, as a pure function: pages -> staged article rows and facts.

    sites = SiteMap.for_hosts(cfg.sites, ["kinhtedothi.vn", "hanoitimes.vn"])
    batch = stage_pages(pages, sites, run_id)     # StagedBatch: Arrow tables + counts

It goes through the code `ingest` uses (decode_html, not_text_reason, parse_page with the site's
adapter, article_row, facts_for_rows), so a page staged here gives the rows `ingest_pages` would
store, with the same content-hash ids: a retried task stages the same rows again. It reads nothing but
its arguments and writes nothing, so any engine (the local pool, a Ray actor) can run it.
"""
from __future__ import annotations

import hashlib
import logging
import time
from dataclasses import dataclass, field
from datetime import datetime
from typing import Iterable, Sequence
from urllib.parse import urlsplit

import pyarrow as pa

import extractors
from extractors.facts import Fact
from pipeline.backfill.layout import article_table
from pipeline.backfill.warc import ArchivedPage, host_set
from pipeline.config import SiteConfig
from pipeline.crawl.decode import decode_html, not_text_reason
from pipeline.crawl.hosts import bare_host
from pipeline.errors import ConfigError, InputError
from pipeline.jobs.articles import article_row
from pipeline.jobs.reextract import facts_for_rows
from pipeline.sites import parse_page
from pipeline.store.rows import ArticleRow
from pipeline.store.warehouse import facts_table

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class SiteMap:
    """Bare host -> the configured site its pages belong to (its name and adapter)."""
    by_host: dict[str, SiteConfig]

    @classmethod
    def for_hosts(cls, sites: Sequence[SiteConfig], hosts: Iterable[str]) -> "SiteMap":
        """The configured sites of these hosts; a host no configured site serves is a ConfigError
        (its articles would have no site, and the generic adapter would guess their fields)."""
        by_base = {bare_host(urlsplit(s.base_url).hostname or ""): s for s in sites}
        wanted = host_set(hosts)
        if not wanted:
            raise ConfigError("no host to backfill: give --hosts, e.g. kinhtedothi.vn,hanoitimes.vn")
        unknown = sorted(h for h in wanted if h not in by_base)
        if unknown:
            raise ConfigError(f"host {unknown[0]!r} is no configured site's (configured: {', '.join(sorted(by_base))})")
        return cls({h: by_base[h] for h in sorted(wanted)})

    @property
    def hosts(self) -> frozenset[str]:
        return frozenset(self.by_host)

    def site_for(self, url: str) -> SiteConfig | None:
        return self.by_host.get(bare_host(urlsplit(url).hostname or ""))


@dataclass(slots=True)
class StagedBatch:
    """One batch staged: `articles` in ARTICLE_SCHEMA (one row per article id), `facts` as
    warehouse.facts_table builds them, `fetched_at` beside each article row (which of two captures
    is the later), and the batch's counts."""
    key: str                        # batch_key(pages): names the batch's staged files
    articles: pa.Table
    facts: pa.Table
    fetched_at: list[datetime]
    sources: list[str]              # of the pages given (ArchivedPage.source): what the run counts
    failures: list[str] = field(default_factory=list)   # "source: reason" of the pages not staged
    parse_seconds: float = 0.0
    extract_seconds: float = 0.0

    @property
    def records(self) -> int:
        return len(self.sources)


def batch_key(pages: Sequence[ArchivedPage]) -> str:
    """A name for a batch that only its pages decide: the same pages staged again (a retried task,
    a re-run) overwrite the same files instead of adding copies."""
    digest = hashlib.sha256("\n".join(p.source for p in pages).encode("utf-8"))
    return digest.hexdigest()[:24]


def warm() -> None:
    """Load the spaCy pipelines now, once per process: an engine's worker or actor calls it when it
    starts, so its first batch does not pay for them (and a broken install fails there)."""
    from extractors.nlp import build_nlp

    for lang in extractors.SUPPORTED_LANGUAGES:
        build_nlp(lang)


def _article(page: ArchivedPage, sites: SiteMap, run_id: str) -> ArticleRow:
    if page.error:
        raise InputError(page.error)
    site = sites.site_for(page.url)
    if site is None:
        raise InputError(f"{page.url}: no configured site serves its host")
    html, _ = decode_html(page.body, page.content_type)
    if reason := not_text_reason(html):
        raise InputError(reason)
    parsed = parse_page(html, page.url, site.adapter)
    return article_row(parsed, page.url, site.name, run_id,
                       raw_sha256=hashlib.sha256(page.body).hexdigest(), raw_path=page.source)


def _facts(rows: list[ArticleRow], failures: list[str],
           sources: dict[str, str]) -> tuple[list[ArticleRow], dict[str, list[Fact]]]:
    """facts_for_rows over the batch; if it raises, article by article, so that one article that
    breaks an extractor costs only itself (it is dropped, and counted)."""
    try:
        return rows, facts_for_rows(rows)
    except Exception:  # the article that breaks it is found below
        log.warning("extraction failed on a batch of %d articles; retrying them one by one", len(rows))
    kept: list[ArticleRow] = []
    facts: dict[str, list[Fact]] = {}
    for row in rows:
        try:
            facts.update(facts_for_rows([row]))
        except Exception as exc:  # an extractor's bug on one text must not end a backfill
            log.warning("cannot extract %s: %s: %s", sources[row.article_id], type(exc).__name__, exc)
            failures.append(f"{sources[row.article_id]}: extract: {type(exc).__name__}: {exc}"[:300])
            continue
        kept.append(row)
    return kept, facts


def stage_pages(pages: Sequence[ArchivedPage], sites: SiteMap, run_id: str) -> StagedBatch:
    """Parse and extract a batch of archived pages. A page that cannot be decoded, parsed or
    extracted is a failure of the batch, never an exception. Two captures of one article in the
    batch: the later (fetched_at, then source order) is kept."""
    started = time.perf_counter()
    failures: list[str] = []
    latest: dict[str, tuple[ArticleRow, ArchivedPage]] = {}
    for page in pages:
        try:
            row = _article(page, sites, run_id)
        except Exception as exc:  # one bad page must not end a backfill
            log.warning("cannot stage %s: %s: %s", page.source, type(exc).__name__, exc)
            failures.append(f"{page.source}: {type(exc).__name__}: {exc}"[:300])
            continue
        seen = latest.get(row.article_id)
        if seen is None or page.fetched_at >= seen[1].fetched_at:
            latest[row.article_id] = (row, page)
    parsed_at = time.perf_counter()
    rows = [row for row, _ in latest.values()]
    rows, facts = _facts(rows, failures, {r.article_id: p.source for r, p in latest.values()})
    return StagedBatch(key=batch_key(pages), articles=article_table(rows), facts=facts_table(rows, facts),
                       fetched_at=[latest[r.article_id][1].fetched_at for r in rows],
                       sources=[p.source for p in pages],
                       failures=failures, parse_seconds=parsed_at - started,
                       extract_seconds=time.perf_counter() - parsed_at)
