"""Engine "ray": a backfill's staging on Ray Data, the same code on two local cores and on a cluster.

    stats = stage_ray(files, sites, run_id, writer, workers=None, address=None)   # local Ray
    stats = stage_ray(files, sites, run_id, writer, address="ray://head:10001")   # a cluster

The dataset: one read task per WARC file streams its kept pages (pipeline.backfill.warc), a row per
batch of pages, each row a block of its own -> `map_batches` into a fixed pool
of actors, each holding the spaCy pipelines from its start, that stage a batch (pages.stage_pages)
and write it (StagingWriter.add, which any process may call) -> one small row of counts per batch
back to this process. Closing the run (compaction, manifest) stays with the caller, as for the local
engine. Scheduling, retries of a failed task and restarts of a dead actor are Ray's: a batch staged
twice writes the same part files under the same key, so a retry adds nothing.

Batches are cut per file (`batch_pages` pages, fewer at a file's end or past BATCH_BYTES), in file
order, so a re-run of a killed backfill (same batch size) cuts the same batches, and its read tasks
skip the ones whose marker is on disk. The local engine cuts batches across files: a run begun with
one engine and finished with the other stages the first pass's pages again (the same rows, one
capture kept at close).

On a cluster the WARC inputs and the staging folder must be paths that every node and the machine
running the backfill see (NFS, a mounted bucket), and newsfacts[ray] must be installed on every
node: a read task opens its file by path, an actor writes its batch's parts where it runs, and the
caller closes the run from what is on disk.

Ray is an optional dependency (the `ray` extra); only this module imports it.
"""
from __future__ import annotations

import json
import logging
import os
import time
from dataclasses import asdict
from typing import Any, Callable, Collection, Iterator, Sequence

import pyarrow as pa

from pipeline.backfill.pages import SiteMap, batch_key, stage_pages, warm
from pipeline.backfill.staging import EngineStats, StagingWriter
from pipeline.backfill.warc import ArchivedPage, WarcStats, read_pages
from pipeline.crawl.rawstore import DEFAULT_MAX_BYTES
from pipeline.errors import ConfigError, MissingExtraError

log = logging.getLogger(__name__)

# A batch also ends once its pages hold this many bytes: a batch is one row of the dataset, and
# Ray means its blocks to stay under target_max_block_size (128 MiB) in the object store.
BATCH_BYTES = 64 << 20

# CPU shares (Ray's bookkeeping; the OS shares the cores among whoever is busy). A read task mostly
# waits on the disk or the network and inflates gzip members; an actor runs spaCy. The actors never
# hold every CPU: with two actors at one CPU each on a small machine no read task could be scheduled,
# the actors would wait for input forever and the backfill would hang. So an actor holds at most
# 3/4 of a CPU, all the actors together at most the cluster's CPUs less a read task's quarter, and
# every share is a multiple of a quarter: what the actors leave on a node (of whole CPUs) is then
# whole quarters, so one node at least can always run a read task, also on a cluster where the
# actors spread over the nodes. By default one actor per CPU: on CC-NEWS, where few pages are kept,
# the actors idle and the read tasks (up to one per CPU) get the cores; on one's own captures the
# actors are busy and the read tasks need little.
READ_TASK_CPUS = 0.25
ACTOR_CPUS = 0.75

_PAGE = pa.struct([("url", pa.string()), ("fetched_at", pa.timestamp("us", tz="UTC")), ("body", pa.binary()),
                   ("content_type", pa.string()), ("source", pa.string()), ("error", pa.string())])
# One row per batch, its pages in a list: Ray may split or merge blocks as it likes, a batch stays whole.
_BATCH_SCHEMA = pa.schema([("pages", pa.list_(_PAGE)),
                           ("warc_stats", pa.string()),   # a file's last row only: its WarcStats, as JSON
                           ("skipped", pa.int64())])      # ... and its batches staged before
_RESULT_SCHEMA = pa.schema([("key", pa.string()), ("records", pa.int64()), ("parse_seconds", pa.float64()),
                            ("extract_seconds", pa.float64()), ("warc_stats", pa.string()),
                            ("skipped", pa.int64())])


def ray_module() -> Any:
    """ray, or the one-line error that says how to install it."""
    try:
        import ray
        import ray.data  # noqa: F401  (ray without its data extra has no Ray Data)
    except ImportError:
        raise MissingExtraError("engine ray needs Ray Data: pip install 'newsfacts[ray]'") from None
    return ray


def actor_plan(cluster_cpus: float, workers: int | None) -> tuple[int, float]:
    """(actors, CPUs each) for a cluster of `cluster_cpus` CPUs: `workers` actors if given, else one
    per CPU; each at ACTOR_CPUS or less, in quarters, all of them leaving a read task's share free."""
    actors = workers if workers and workers > 0 else max(1, int(cluster_cpus))
    quarters = int(min(ACTOR_CPUS, (cluster_cpus - READ_TASK_CPUS) / actors) / READ_TASK_CPUS + 1e-9)
    if quarters < 1:
        most = max(0, int((cluster_cpus - READ_TASK_CPUS) / READ_TASK_CPUS + 1e-9))
        raise ConfigError(f"{actors} actors do not fit in the Ray cluster's {cluster_cpus:g} CPUs beside the "
                          f"read tasks (at most {most})")
    return actors, quarters * READ_TASK_CPUS


# --- read tasks: one per WARC file --------------------------------------------------------------
def file_batches(path: str, hosts: Collection[str], stats: WarcStats, batch_pages: int,
                 max_page_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[list[ArchivedPage]]:
    """The kept pages of one WARC file, `batch_pages` at a time (or BATCH_BYTES), in file order."""
    batch: list[ArchivedPage] = []
    size = 0
    for page in read_pages(path, hosts, stats, max_page_bytes):
        batch.append(page)
        size += len(page.body)
        if len(batch) == batch_pages or size >= BATCH_BYTES:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


def _batch_row(pages: list[ArchivedPage]) -> pa.Table:
    return pa.table({"pages": [[{name: getattr(p, name) for name in _PAGE.names} for p in pages]],
                     "warc_stats": [None], "skipped": [0]}, schema=_BATCH_SCHEMA)


def _counts_row(stats: WarcStats, skipped: int) -> pa.Table:
    return pa.table({"pages": [None], "warc_stats": [json.dumps(asdict(stats))], "skipped": [skipped]},
                    schema=_BATCH_SCHEMA)


def _read_file(path: str, hosts: frozenset[str], writer: StagingWriter, batch_pages: int,
               max_page_bytes: int) -> Iterator[pa.Table]:
    """A read task: the file's batches not staged yet, a row each, then a row with its counts."""
    stats = WarcStats()
    skipped = 0
    for pages in file_batches(path, hosts, stats, batch_pages, max_page_bytes):
        if writer.has(batch_key(pages)):
            skipped += 1
            continue
        yield _batch_row(pages)
    yield _counts_row(stats, skipped)


def _warc_datasource(files: Sequence[str], hosts: frozenset[str], writer: StagingWriter, batch_pages: int,
                     max_page_bytes: int) -> Any:
    from ray.data.block import BlockMetadata
    from ray.data.datasource import Datasource, ReadTask

    class WarcDatasource(Datasource):
        """The kept pages of WARC files, one read task per file (a .warc.gz is read from its start)."""

        def estimate_inmemory_data_size(self) -> int | None:
            return None     # what a file keeps is unknown before it is read (CC-NEWS: a few pages in a GB)

        def get_read_tasks(self, parallelism: int, per_task_row_limit: int | None = None,
                           data_context: Any = None) -> list[ReadTask]:
            def task(path: str) -> ReadTask:
                return ReadTask(lambda: _read_file(path, hosts, writer, batch_pages, max_page_bytes),
                                BlockMetadata(num_rows=None, size_bytes=os.path.getsize(path), exec_stats=None,
                                              input_files=(path,)),
                                schema=_BATCH_SCHEMA)
            return [task(f) for f in files]

        def get_name(self) -> str:
            return "WARC"

    return WarcDatasource()


# --- actors: stage and write batches ------------------------------------------------------------
class StageActor:
    """Holds the spaCy pipelines (loaded once, when the actor starts) and stages the batches it is
    given; the rows it returns are counts, the staged rows go to disk through the writer."""

    def __init__(self, sites: SiteMap, run_id: str, writer: StagingWriter):
        warm()
        self.sites, self.run_id, self.writer = sites, run_id, writer

    def __call__(self, block: pa.Table) -> pa.Table:
        out: dict[str, list] = {name: [] for name in _RESULT_SCHEMA.names}
        for row in block.to_pylist():
            if row["warc_stats"] is not None:
                _append(out, key=None, records=0, parse_seconds=0.0, extract_seconds=0.0,
                        warc_stats=row["warc_stats"], skipped=row["skipped"])
                continue
            batch = stage_pages([ArchivedPage(**page) for page in row["pages"]], self.sites, self.run_id)
            self.writer.add(batch)
            _append(out, key=batch.key, records=batch.records, parse_seconds=batch.parse_seconds,
                    extract_seconds=batch.extract_seconds, warc_stats=None, skipped=0)
        return pa.table(out, schema=_RESULT_SCHEMA)


def _append(out: dict[str, list], **values: Any) -> None:
    for name, value in values.items():
        out[name].append(value)


# --- the driver ---------------------------------------------------------------------------------
def _connect(ray: Any, address: str | None) -> bool:
    """Join the cluster at `address`, or start a local Ray; True if this call started it.
    Quiet unless this module logs INFO (`backfill -v`): no dashboard, no progress bars, no worker
    logs on this terminal (a page that fails is in the manifest's failures), Ray's errors only."""
    if ray.is_initialized():
        return False
    # Ray 2.60's core still logs, at level E, a note on the constructor arguments of Ray Data's actors
    # (ray-project/ray#57733: the argument is Ray Data's own, not one of ours; harmless)
    quiet = not log.isEnabledFor(logging.INFO)
    try:
        ray.init(address=address, include_dashboard=False, log_to_driver=not quiet,
                 logging_level=logging.ERROR if quiet else logging.INFO)
    except ConnectionError as exc:      # when Ray gives up (it retries an unreachable address for minutes)
        raise ConfigError(f"cannot join the Ray cluster at {address}: {exc}") from None
    ctx = ray.data.DataContext.get_current()
    ctx.enable_progress_bars = False
    ctx.enable_auto_log_stats = False
    logging.getLogger("ray.data").setLevel(logging.ERROR if quiet else logging.INFO)
    return True


def _dataset(ray: Any, inputs: Sequence[str], sites: SiteMap, run_id: str, writer: StagingWriter,
             batch_pages: int, max_page_bytes: int, actors: int, actor_cpus: float) -> Any:
    ctx = ray.data.DataContext.get_current()    # a dataset keeps a copy of the context it is made in
    block_size = ctx.target_max_block_size
    # Every row (a batch) its own block: a read task's output would otherwise be gathered into blocks
    # of up to 128 MiB, and the batches of one block go to one actor, one after the other (a backfill
    # of one big WARC file would run on one actor).
    ctx.target_max_block_size = 1
    try:
        return ray.data.read_datasource(
            _warc_datasource(inputs, sites.hosts, writer, batch_pages, max_page_bytes), num_cpus=READ_TASK_CPUS,
            override_num_blocks=len(inputs),    # a read task per file
        ).map_batches(StageActor, fn_constructor_args=(sites, run_id, writer), batch_size=1,
                      batch_format="pyarrow", compute=ray.data.ActorPoolStrategy(size=actors),
                      num_cpus=actor_cpus)
    finally:
        ctx.target_max_block_size = block_size


def stage_ray(inputs: Sequence[str], sites: SiteMap, run_id: str, writer: StagingWriter, *,
              workers: int | None = None, address: str | None = None, batch_pages: int = 50,
              max_page_bytes: int = DEFAULT_MAX_BYTES, progress: Callable[[str], None] | None = None) -> EngineStats:
    """Stage the inputs' batches that `writer` lacks on Ray (the engine contract of
    pipeline.backfill.local). `address`: a running cluster ("auto", "ray://head:10001"); None starts
    a local Ray for the call unless one is running in this process. `workers`: the actors
    (default: one per CPU of the cluster, see actor_plan)."""
    ray = ray_module()
    started = time.perf_counter()
    started_ray = _connect(ray, address)
    try:
        actors, actor_cpus = actor_plan(ray.cluster_resources().get("CPU", 0.0), workers)
        stats = EngineStats(engine="ray", workers=actors)
        log.info("ray: %d read tasks at %g CPU, %d actors at %.3g CPU", len(inputs), READ_TASK_CPUS, actors,
                 actor_cpus)
        dataset = _dataset(ray, inputs, sites, run_id, writer, batch_pages, max_page_bytes, actors, actor_cpus)
        for row in dataset.iter_rows():
            if row["warc_stats"] is not None:
                stats.warc.add(WarcStats(**json.loads(row["warc_stats"])))
                stats.batches_skipped += row["skipped"]
                continue
            stats.batches += 1
            stats.pages += row["records"]
            stats.parse_seconds += row["parse_seconds"]
            stats.extract_seconds += row["extract_seconds"]
            if progress:
                progress(f"{stats.pages} pages staged, {stats.batches} batches")
    finally:
        if started_ray:
            ray.shutdown()
    stats.seconds = time.perf_counter() - started
    return stats
