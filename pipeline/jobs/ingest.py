"""Backfills from stored pages: parse -> extract -> load, batch by batch, without fetching anything.

    with Warehouse(path) as wh:
        stats = ingest_pages(Path("corpus/raw").rglob("*.html.gz"), wh, "hanoitimes", run_id)

Pages are read as HTML or gzip (`.gz`), parsed with the adapter for their URL (`url_for(path)`, else the
page's own canonical URL), turned into `articles` rows and loaded one transaction per batch. An article
whose stored content_sha256 and extractor_version match is skipped before extraction, so a re-run over
unchanged pages extracts nothing and writes nothing (the caller records its run if it wants one).

Memory stays flat: paths are consumed lazily and at most a few batches are in flight. With
`workers > 1`, parsing and extraction run in a process pool (spawned, so no DuckDB state is forked);
the warehouse is written by the calling process only, in input order.
"""
from __future__ import annotations

import hashlib
import logging
import multiprocessing
import time
from collections import Counter, deque
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Callable, Iterable, Iterator

import extractors
from extractors.facts import Fact
from pipeline.jobs.articles import article_row, unchanged
from pipeline.jobs.load import load_checked
from pipeline.crawl.decode import decode_html, not_text_reason
from pipeline.crawl.rawstore import DEFAULT_MAX_BYTES, read_raw
from pipeline.errors import InputError
from pipeline.jobs.reextract import facts_for_rows
from pipeline.sites import parse_page
from pipeline.store.rows import ArticleRow
from pipeline.store.warehouse import Warehouse

log = logging.getLogger(__name__)


@dataclass(slots=True)
class IngestStats:
    pages: int = 0                  # paths read
    failed: int = 0                 # unreadable or unparseable pages (logged, skipped)
    articles_new: int = 0
    articles_updated: int = 0       # stored before with other content or another extractor version
    articles_unchanged: int = 0     # skipped: same content_sha256 and extractor_version
    facts_loaded: int = 0
    facts_by_kind: Counter = field(default_factory=Counter)
    # Stage seconds. With workers > 1, parse and extract are summed over the workers (busy time),
    # load is the writing process's; `seconds` is the wall-clock time of the whole call.
    parse_seconds: float = 0.0
    extract_seconds: float = 0.0
    load_seconds: float = 0.0
    seconds: float = 0.0
    failures: list[str] = field(default_factory=list)   # "path: reason", the first 100

    @property
    def articles_loaded(self) -> int:
        return self.articles_new + self.articles_updated

    def stage_shares(self) -> dict[str, float]:
        total = self.parse_seconds + self.extract_seconds + self.load_seconds
        if not total:
            return {"parse": 0.0, "extract": 0.0, "load": 0.0}
        return {"parse": self.parse_seconds / total, "extract": self.extract_seconds / total,
                "load": self.load_seconds / total}


# --- the work of one batch (runs in the caller or in a pool worker) ---------------------------
def _parse_batch(items: list[tuple[str, str]], site: str, run_id: str, adapter: str | None,
                 max_page_bytes: int) -> tuple[list[ArticleRow], list[str], float]:
    """(path, url) pairs -> (article rows, "path: reason" failures, seconds)."""
    started = time.perf_counter()
    rows, failures = [], []
    for path_str, url in items:
        path = Path(path_str)
        try:
            body = read_raw(path, max_page_bytes)
            html, _ = decode_html(body)
            if reason := not_text_reason(html):
                raise InputError(reason)
            parsed = parse_page(html, url, adapter)
            page_url = url or parsed.canonical_url or path.resolve().as_uri()
            rows.append(article_row(parsed, page_url, site, run_id,
                                    raw_sha256=hashlib.sha256(body).hexdigest(), raw_path=path_str))
        except Exception as exc:  # one bad file must not end a backfill
            log.warning("cannot ingest %s: %s: %s", path, type(exc).__name__, exc)
            failures.append(f"{path}: {type(exc).__name__}: {exc}"[:300])
    return rows, failures, time.perf_counter() - started


def _extract_batch(rows: list[ArticleRow]) -> tuple[dict[str, list[Fact]], float]:
    started = time.perf_counter()
    facts = facts_for_rows(rows)
    return facts, time.perf_counter() - started


def _warm_worker() -> None:
    from extractors.nlp import build_nlp
    for lang in extractors.SUPPORTED_LANGUAGES:
        build_nlp(lang)     # load the pipelines once per worker, before the first batch


# --- the driver -------------------------------------------------------------------------------
def _batches(paths: Iterable[Path], batch_size: int,
             url_for: Callable[[Path], str] | None) -> Iterator[list[tuple[str, str]]]:
    it = iter(paths)
    while True:
        chunk = list(islice(it, batch_size))
        if not chunk:
            return
        yield [(str(p), url_for(Path(p)) if url_for else "") for p in chunk]


class _Loader:
    """The writing side: skip unchanged articles, load the rest, keep the counts."""

    def __init__(self, wh: Warehouse, run_id: str, stats: IngestStats,
                 progress: Callable[[str], None] | None):
        self.wh, self.run_id, self.stats, self.progress = wh, run_id, stats, progress

    def select(self, rows: list[ArticleRow], failures: list[str], n_pages: int) -> list[ArticleRow]:
        """Rows that need extraction: new, changed, or extracted by another version."""
        st = self.stats
        st.pages += n_pages
        st.failed += len(failures)
        st.failures.extend(failures[:max(0, 100 - len(st.failures))])
        started = time.perf_counter()
        # one row per article in a batch (a page stored twice): the last wins
        by_id = {r.article_id: r for r in rows}
        states = self.wh.article_state([r.canonical_url for r in by_id.values()])
        st.load_seconds += time.perf_counter() - started
        todo = []
        for row in by_id.values():
            state = states.get(row.canonical_url or "")
            if unchanged(state, row):
                st.articles_unchanged += 1
                continue
            if state:
                st.articles_updated += 1
            else:
                st.articles_new += 1
            todo.append(row)
        st.articles_unchanged += len(rows) - len(by_id)
        return todo

    def load(self, rows: list[ArticleRow], facts: dict[str, list[Fact]]) -> None:
        if not rows:
            return
        started = time.perf_counter()
        for fs in facts.values():
            self.stats.facts_by_kind.update(f.kind for f in fs)
        self.stats.facts_loaded += load_checked(self.wh, rows, facts, [], self.run_id)[0]
        self.stats.load_seconds += time.perf_counter() - started
        if self.progress:
            self.progress(f"{self.stats.pages} pages, {self.stats.articles_loaded} articles loaded")


def ingest_pages(paths: Iterable[Path], wh: Warehouse, site: str, run_id: str, *, batch_size: int = 200,
                 workers: int = 1, url_for: Callable[[Path], str] | None = None,
                 adapter: str | None = None, max_page_bytes: int = DEFAULT_MAX_BYTES,
                 progress: Callable[[str], None] | None = None) -> IngestStats:
    """Parse, extract and load stored pages into `wh`, one transaction per batch of `batch_size` pages.

    `site` names the configured site the articles belong to; `adapter` forces a site adapter (default:
    the one for the page's URL). A page over `max_page_bytes` (stored or unpacked) is a failure, as
    it is when fetched. Returns counts and stage timings. Does not touch `runs`.
    With workers > 1 the caller's script needs the `if __name__ == "__main__":` guard (spawned pool).
    A page whose article also appears in a batch still in flight is counted (and loaded) twice;
    the warehouse keeps one row, the last.
    """
    started = time.perf_counter()
    stats = IngestStats()
    loader = _Loader(wh, run_id, stats, progress)
    batches = _batches(paths, batch_size, url_for)
    if workers <= 1:
        for items in batches:
            rows, failures, secs = _parse_batch(items, site, run_id, adapter, max_page_bytes)
            stats.parse_seconds += secs
            todo = loader.select(rows, failures, len(items))
            if todo:
                facts, secs = _extract_batch(todo)
                stats.extract_seconds += secs
                loader.load(todo, facts)
    else:
        _run_pool(batches, workers, site, run_id, adapter, max_page_bytes, loader)
    stats.seconds = time.perf_counter() - started
    return stats


def _run_pool(batches: Iterator[list[tuple[str, str]]], workers: int, site: str, run_id: str,
              adapter: str | None, max_page_bytes: int, loader: _Loader) -> None:
    """Two tasks per batch: parse (-> rows), then, after the skip check here, extract the changed rows.

    At most `2 * workers` parse tasks and `2 * workers` extract tasks are in flight, so memory does not
    grow with the number of pages; batches are loaded in input order.
    """
    stats = loader.stats
    window = 2 * workers
    ctx = multiprocessing.get_context("spawn")
    parsing: deque = deque()      # (AsyncResult, n_pages)
    extracting: deque = deque()   # (AsyncResult | None, rows)
    with ctx.Pool(workers, initializer=_warm_worker) as pool:
        exhausted = False

        def fill() -> None:
            nonlocal exhausted
            while not exhausted and len(parsing) < window:
                items = next(batches, None)
                if items is None:
                    exhausted = True
                    return
                task = pool.apply_async(_parse_batch, (items, site, run_id, adapter, max_page_bytes))
                parsing.append((task, len(items)))

        def drain_one_extract() -> None:
            result, rows = extracting.popleft()
            if result is None:
                return
            facts, secs = result.get()
            stats.extract_seconds += secs
            loader.load(rows, facts)

        fill()
        while parsing or extracting:
            # load finished extractions first (in order), and never let too many pile up
            while extracting and (len(extracting) >= window or extracting[0][0] is None
                                  or extracting[0][0].ready() or not parsing):
                drain_one_extract()
            if not parsing:
                continue
            result, n_pages = parsing.popleft()
            rows, failures, secs = result.get()
            stats.parse_seconds += secs
            todo = loader.select(rows, failures, n_pages)
            extracting.append((pool.apply_async(_extract_batch, (todo,)) if todo else None, todo))
            fill()
        pool.close()
        pool.join()
