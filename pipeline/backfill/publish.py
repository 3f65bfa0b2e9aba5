"""Publishing a staged backfill run: one committer loads it into the warehouse, once.

    publish_run(cfg, run_id)                     # the embedded warehouse (the default target)
    publish_run(cfg, run_id, target="parquet")   # the Parquet lake under lake_dir (pipeline.backfill.lake)
    publish_run(cfg, run_id, target="lake")      # DuckLake: a one-line error where it cannot be had

Into the warehouse, a run goes in ONE transaction: its staged Parquet read in bulk (`read_parquet`
of the files its manifest lists, nothing else), articles upserted and the facts of articles stored
before replaced by Warehouse.load_relations, the SQL load_batch runs, and its `backfill_runs` row
written. So a killed publish leaves nothing, and a second publish finds the row and does nothing.
An article already stored with the same content, extracted by the same version, is left as it is (as
the nightly run and ingest leave an unchanged article): an archive capture of a page the nightly run
fetched keeps the nightly row, its raw page and its facts.

The checks come after, in batches of cfg.batch_size articles (compute_checks: its lookups are SQL
over the warehouse, the rules Python), each batch committed with how far the checks got
(backfill_runs.checked_through): a killed check phase is finished by the next publish of the run,
or by `resume_checks` (`newsfacts publish --resume`). Readers see the run when it is checked (the
replica is published then).
"""
from __future__ import annotations

import hashlib
import logging
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from pipeline.backfill.layout import MANIFEST, Manifest, read_manifest, run_dir
from pipeline.checks.store import compute_checks
from pipeline.config import Config
from pipeline.errors import ConfigError, InputError, MissingInputError
from pipeline.jobs.run import publish_for_readers
from pipeline.store.lock import RunLock
from pipeline.store.sql import quote_literal
from pipeline.store.warehouse import Warehouse

log = logging.getLogger(__name__)

TARGETS = ("warehouse", "parquet", "lake")
QUIET = "SET enable_progress_bar = false"    # DuckDB draws one on stdout for a query of over 2 s


@dataclass(slots=True)
class PublishResult:
    run_id: str
    target: str
    status: str                 # "published", "checks resumed", "already published"
    articles: int = 0           # article rows published (inserted or updated)
    articles_replaced: int = 0  # of which were stored before: their facts replaced
    articles_unchanged: int = 0     # staged, but stored already with the same content and version: left
    facts: int = 0
    checks: int = 0             # check rows written by this call
    seconds: float = 0.0

    def __str__(self) -> str:
        if self.status == "already published":
            return f"run {self.run_id}: already published to the {self.target}; nothing done"
        checks = f", {self.checks} check rows" if self.target == "warehouse" else ""
        unchanged = f", {self.articles_unchanged} unchanged" if self.articles_unchanged else ""
        return (f"run {self.run_id}: {self.status} to the {self.target}: {self.articles} articles "
                f"({self.articles_replaced} replaced{unchanged}), {self.facts} facts{checks} in {self.seconds:.1f} s")


@dataclass(slots=True)
class StagedRun:
    directory: Path
    manifest: Manifest
    sha256: str                 # of the manifest file: what was published

    def files(self, table: str) -> list[Path]:
        return [self.directory / p for p in self.manifest.files_of(table)]


def staged_run(cfg: Config, run_id: str) -> StagedRun:
    """The finished staging of `run_id`; MissingInputError when it never finished or lost a file."""
    directory = run_dir(cfg.staging_root, run_id)
    manifest = read_manifest(directory)
    if manifest is None:
        raise MissingInputError(f"run {run_id} has not finished staging (no {directory / MANIFEST})")
    staged = StagedRun(directory, manifest, hashlib.sha256((directory / MANIFEST).read_bytes()).hexdigest())
    for table in ("articles", "facts"):
        missing = [p for p in staged.files(table) if not p.is_file()]
        if missing:
            raise MissingInputError(f"run {run_id}: {missing[0]}, listed in its manifest, is missing")
    return staged


def staged_at(manifest: Manifest) -> datetime:
    """The manifest's created_at (ISO 8601; "Z" read as UTC, which Python 3.10's fromisoformat is not)."""
    return datetime.fromisoformat(manifest.created_at.replace("Z", "+00:00"))


def parquet_source(files: list[Path], filename: bool = False) -> str:
    """The FROM item reading these staged files: partition values are columns in the files already,
    so no hive partitioning; by name, so a column's place in a file does not matter; with `filename`
    a column of each row's file."""
    listed = ", ".join(quote_literal(str(p)) for p in files)
    return (f"read_parquet([{listed}], hive_partitioning = false, union_by_name = true"
            f"{', filename = true' if filename else ''})")


def publish_run(cfg: Config, run_id: str, target: str = "warehouse") -> PublishResult:
    """Publish the staged run `run_id` to `target` (TARGETS), exactly once."""
    if target == "parquet":
        from pipeline.backfill.lake import publish_parquet
        return publish_parquet(cfg, run_id)
    if target == "lake":
        from pipeline.backfill.lake import publish_ducklake
        return publish_ducklake(cfg, run_id)
    if target != "warehouse":
        raise ConfigError(f"unknown publish target {target!r} (one of {', '.join(TARGETS)})")
    started = time.monotonic()
    with RunLock(cfg.warehouse), Warehouse(cfg.warehouse, memory_limit=cfg.memory_limit) as wh:
        wh.con.execute(QUIET)
        result = _publish_into(wh, cfg, run_id)
        if result.status != "already published":
            publish_for_readers(cfg, wh)
    result.seconds = time.monotonic() - started
    log.info("%s", result)
    return result


def resume_checks(cfg: Config) -> list[PublishResult]:
    """Finish the check phase of every published run whose checks were interrupted."""
    with RunLock(cfg.warehouse), Warehouse(cfg.warehouse, memory_limit=cfg.memory_limit) as wh:
        wh.con.execute(QUIET)
        pending = [r[0] for r in wh.con.execute(
            "SELECT run_id FROM backfill_runs WHERE status = 'published' ORDER BY published_at").fetchall()]
        results = []
        for run_id in pending:
            started = time.monotonic()
            results.append(_publish_into(wh, cfg, run_id))
            results[-1].seconds = time.monotonic() - started
        if results:
            publish_for_readers(cfg, wh)
    return results


def _publish_into(wh: Warehouse, cfg: Config, run_id: str) -> PublishResult:
    rows = wh.con.execute("SELECT status, manifest_sha256, articles, articles_replaced, articles_unchanged, facts "
                          "FROM backfill_runs WHERE run_id = ?", [run_id]).fetchall()
    if rows and rows[0][0] == "checked":
        same_manifest(cfg, run_id, rows[0][1], "the warehouse")
        return PublishResult(run_id, "warehouse", "already published")
    staged = staged_run(cfg, run_id)
    if rows:
        same_manifest(cfg, run_id, rows[0][1], "the warehouse")
        result = PublishResult(run_id, "warehouse", "checks resumed", *rows[0][2:])
    else:
        result = _load(wh, staged)
    result.checks = _check(wh, staged, cfg.batch_size)
    return result


def same_manifest(cfg: Config, run_id: str, published_sha: str, target: str) -> None:
    """InputError when the run was staged again, differently, after it was published to `target`."""
    path = run_dir(cfg.staging_root, run_id) / MANIFEST
    if path.is_file() and hashlib.sha256(path.read_bytes()).hexdigest() != published_sha:
        raise InputError(f"run {run_id} was published to {target} from another manifest than {path}: "
                         f"stage it again under a new run id")


def _load(wh: Warehouse, staged: StagedRun) -> PublishResult:
    """The run's articles and facts and its backfill_runs row, in one transaction."""
    manifest, con = staged.manifest, wh.con
    views = {}
    with wh.transaction():
        for table in ("articles", "facts"):
            if staged.files(table):
                con.execute(f"CREATE OR REPLACE TEMP VIEW parquet_{table} AS "
                            f"SELECT * FROM {parquet_source(staged.files(table))}")
        unchanged = 0
        if staged.files("articles"):
            # kept as a table: the load changes `articles`, which a view of "not stored yet" would re-read
            con.execute(_KEPT_ARTICLES)
            unchanged = _row_count(con, "SELECT count(*) FROM parquet_articles") - \
                _row_count(con, "SELECT count(*) FROM kept_articles")
            for table in ("articles", "facts"):
                if staged.files(table):
                    views[table] = f"staged_{table}"
                    con.execute(f"CREATE OR REPLACE TEMP VIEW staged_{table} AS SELECT * FROM parquet_{table} "
                                f"WHERE article_id IN (SELECT article_id FROM kept_articles)")
        loaded = wh.load_relations(manifest.run_id, views.get("articles"), views.get("facts"))
        con.execute("""INSERT INTO backfill_runs (run_id, staged_at, published_at, status, engine, extractor_version,
                records, articles, articles_replaced, articles_unchanged, facts, failed, manifest_sha256)
            VALUES (?, ?, ?, 'published', ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                    [manifest.run_id, staged_at(manifest), datetime.now(timezone.utc),
                     manifest.engine, manifest.extractor_version, manifest.records, loaded.articles,
                     loaded.replaced, unchanged, loaded.facts, manifest.failed, staged.sha256])
        for view in views.values():
            con.execute(f"DROP VIEW {view}")
        for table in ("articles", "facts"):
            con.execute(f"DROP VIEW IF EXISTS parquet_{table}")
        con.execute("DROP TABLE IF EXISTS kept_articles")
    log.info("run %s published: %d articles (%d replaced), %d facts", manifest.run_id, loaded.articles,
             loaded.replaced, loaded.facts)
    return PublishResult(manifest.run_id, "warehouse", "published", loaded.articles, loaded.replaced, unchanged,
                         loaded.facts)


# The staged articles to load: all but those stored with the same content by the same extractor version.
_KEPT_ARTICLES = """CREATE OR REPLACE TEMP TABLE kept_articles AS SELECT s.article_id FROM parquet_articles s
    WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.article_id = s.article_id
                      AND a.content_sha256 IS NOT DISTINCT FROM s.content_sha256
                      AND a.extractor_version IS NOT DISTINCT FROM s.extractor_version)"""


def _row_count(con, sql: str) -> int:
    row = con.execute(sql).fetchone()
    return int(row[0]) if row else 0


def _check(wh: Warehouse, staged: StagedRun, batch_size: int) -> int:
    """compute_checks over the run's articles not yet checked, batch after batch, each committed with
    checked_through; then the run is 'checked'. Returns the check rows written."""
    con, run_id = wh.con, staged.manifest.run_id
    files = staged.files("articles")
    row = con.execute("SELECT checked_through FROM backfill_runs WHERE run_id = ?", [run_id]).fetchall()
    done = row[0][0] if row else None
    ids = [r[0] for r in con.execute(
        f"SELECT article_id FROM {parquet_source(files)} WHERE article_id > ? ORDER BY article_id",
        [done or ""]).fetchall()] if files else []
    written = 0
    for start in range(0, len(ids), batch_size):
        batch = ids[start:start + batch_size]
        with wh.transaction():
            n = compute_checks(wh, batch, run_id)
            con.execute("UPDATE backfill_runs SET checks = checks + ?, checked_through = ? WHERE run_id = ?",
                        [n, batch[-1], run_id])
        written += n
    con.execute("UPDATE backfill_runs SET status = 'checked', checked_at = ? WHERE run_id = ?",
                [datetime.now(timezone.utc), run_id])
    return written
