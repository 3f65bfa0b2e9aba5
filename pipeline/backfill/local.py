"""Engine "local": a backfill's staging on one machine, with a process pool like `ingest`'s.

This process reads the WARC files (fastwarc is fast; parsing and extraction are the cost) and cuts
the pages into batches (the config's batch_size); spawned workers, each holding the spaCy pipelines from its
start, stage them (pages.stage_pages); this process writes what they return. At most two batches
per worker are in flight, so memory does not grow with the archive.

The engine contract, which the Ray engine keeps too:
    stage_<engine>(inputs, sites, run_id, writer, *, workers, batch_pages, max_page_bytes, progress)
        -> EngineStats
stages every batch of the inputs that `writer` does not have yet (a re-run after a kill stages only
the rest) and leaves closing the run to the caller.
"""
from __future__ import annotations

import logging
import multiprocessing
import time
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Callable, Iterator, Sequence

from pipeline.backfill.pages import SiteMap, StagedBatch, batch_key, stage_pages, warm
from pipeline.backfill.staging import EngineStats, StagingWriter
from pipeline.backfill.warc import ArchivedPage, read_pages
from pipeline.crawl.rawstore import DEFAULT_MAX_BYTES

log = logging.getLogger(__name__)


def page_batches(inputs: Sequence[str], sites: SiteMap, stats: EngineStats, batch_pages: int,
                 max_page_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[list[ArchivedPage]]:
    """The kept pages of the inputs, in input order, `batch_pages` at a time (the last batch shorter).
    Batch keys depend on where batches start and end: a re-run of a killed backfill finds the batches
    staged before only with the same batch size (with another it stages them again, counted once)."""
    batch: list[ArchivedPage] = []
    for path in inputs:
        for page in read_pages(path, sites.hosts, stats.warc, max_page_bytes):
            batch.append(page)
            if len(batch) == batch_pages:
                yield batch
                batch = []
    if batch:
        yield batch


def stage_local(inputs: Sequence[str], sites: SiteMap, run_id: str, writer: StagingWriter, *,
                workers: int = 1, batch_pages: int = 50, max_page_bytes: int = DEFAULT_MAX_BYTES,
                progress: Callable[[str], None] | None = None) -> EngineStats:
    """Stage the inputs' batches that `writer` lacks, in this process (workers <= 1) or in a pool.
    With workers > 1 the caller's script needs the `if __name__ == "__main__":` guard (spawned pool)."""
    started = time.perf_counter()
    stats = EngineStats(engine="local", workers=max(1, workers))

    def todo() -> Iterator[list[ArchivedPage]]:
        for pages in page_batches(inputs, sites, stats, batch_pages, max_page_bytes):
            if writer.has(batch_key(pages)):
                stats.batches_skipped += 1
                continue
            yield pages

    def done(batch: StagedBatch) -> None:
        writer.add(batch)
        stats.count(batch)
        if progress:
            progress(f"{stats.warc.pages} pages read, {stats.batches} batches staged")

    if workers <= 1:
        warm()
        for pages in todo():
            done(stage_pages(pages, sites, run_id))
    else:
        _run_pool(todo(), workers, sites, run_id, done)
    stats.seconds = time.perf_counter() - started
    return stats


def _run_pool(batches: Iterator[list[ArchivedPage]], workers: int, sites: SiteMap, run_id: str,
              done: Callable[[StagedBatch], None]) -> None:
    # concurrent.futures rather than multiprocessing.Pool: a worker killed by the system (out of
    # memory) raises BrokenProcessPool here instead of leaving the backfill waiting for ever
    window = 2 * workers
    in_flight: deque[Future[StagedBatch]] = deque()
    ctx = multiprocessing.get_context("spawn")   # no DuckDB or fastwarc state forked into the workers
    with ProcessPoolExecutor(workers, mp_context=ctx, initializer=warm) as pool:
        for pages in batches:
            in_flight.append(pool.submit(stage_pages, pages, sites, run_id))
            while len(in_flight) >= window or (in_flight and in_flight[0].done()):
                done(in_flight.popleft().result())
        while in_flight:
            done(in_flight.popleft().result())
