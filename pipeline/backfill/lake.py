"""The lake targets of `newsfacts publish`: hive-partitioned Parquet under lake_dir, and DuckLake.

    <lake_dir>/
        articles/site=<site>/month=<YYYY-MM>/<run_id>_<n>.parquet   the articles columns (site from the folder)
        facts/site=<site>/month=<YYYY-MM>/<run_id>_<n>.parquet      the facts columns as the warehouse stores them
        committed.json                                              the runs published, their files: written last

A run's files are written by DuckDB's partitioned COPY, fsynced, and only then named in committed.json
(a temporary file renamed over it), so a reader, which reads the files committed.json lists and no
others, never sees half a run; a killed publish leaves files no reader opens, removed by the next
attempt. `open_lake` gives a connection with views `articles` and `facts` over the committed runs,
each article as its latest run published it (an article re-extracted by a later run is replaced, its
old facts gone), which `newsfacts query --lake` runs analysts' SQL on.

DuckLake (a catalog in Postgres or a DuckDB file, snapshots, many writers) needs the ducklake
extension built for the running duckdb; `publish --target lake` says what is missing.
"""
from __future__ import annotations

import json
import os
import re
import time
from datetime import datetime, timezone
from pathlib import Path

import duckdb

from pipeline.backfill.publish import QUIET, PublishResult, StagedRun, parquet_source, same_manifest, staged_run
from pipeline.config import Config
from pipeline.errors import ConfigError, MissingInputError
from pipeline.store.lock import RunLock
from pipeline.store.rows import ARTICLE_COLUMNS
from pipeline.store.sql import quote_identifier, quote_literal
from pipeline.store.warehouse import stored_facts_select

COMMITTED = "committed.json"
LAKE_TABLES = ("articles", "facts")
# the partition folders of a staged file (the last two: a staging_dir may itself sit under "site=...")
_PARTITION_SQL = "regexp_extract(filename, '/site=([^/]+)/month=([^/]+)/[^/]+$', ['site', 'month'])"


def read_committed(lake_dir: Path) -> list[dict]:
    """The runs committed to the lake, in the order they were: run_id, published_at, manifest_sha256,
    articles, facts, files (relative to lake_dir)."""
    path = lake_dir / COMMITTED
    if not path.is_file():
        return []
    return json.loads(path.read_text(encoding="utf-8"))["runs"]


def _write_committed(lake_dir: Path, runs: list[dict]) -> None:
    path = lake_dir / COMMITTED
    tmp = path.with_suffix(".json.tmp")
    with open(tmp, "w", encoding="utf-8") as fh:
        json.dump({"runs": runs}, fh, ensure_ascii=False, indent=1)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)
    _fsync_dir(lake_dir)


def _fsync_dir(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def publish_parquet(cfg: Config, run_id: str) -> PublishResult:
    """Append the staged run to the Parquet lake under cfg.lake_root, exactly once."""
    started = time.monotonic()
    lake_dir = cfg.lake_root
    lake_dir.mkdir(parents=True, exist_ok=True)
    with RunLock(lake_dir / "committed"):      # one committer: committed.lock
        runs = read_committed(lake_dir)
        done = next((r for r in runs if r["run_id"] == run_id), None)
        if done is not None:
            same_manifest(cfg, run_id, done["manifest_sha256"], "the lake")
            return PublishResult(run_id, "parquet lake", "already published")
        staged = staged_run(cfg, run_id)
        _remove_uncommitted(lake_dir, run_id)
        con = duckdb.connect()
        try:
            con.execute("SET TimeZone = 'UTC'")
            con.execute(QUIET)
            con.execute("SET memory_limit = ?", [cfg.memory_limit])
            files, counts = _write_run(con, staged, lake_dir)
        finally:
            con.close()
        for path in files:
            with open(path, "rb") as fh:
                os.fsync(fh.fileno())
        for folder in {p.parent for p in files}:
            _fsync_dir(folder)
        runs.append({"run_id": run_id, "published_at": datetime.now(timezone.utc).isoformat(),
                     "manifest_sha256": staged.sha256, **counts,
                     "files": sorted(p.relative_to(lake_dir).as_posix() for p in files)})
        _write_committed(lake_dir, runs)
    return PublishResult(run_id, "parquet lake", "published", articles=counts["articles"], facts=counts["facts"],
                         seconds=time.monotonic() - started)


def _run_file(run_id: str) -> re.Pattern:
    return re.compile(re.escape(run_id) + r"_\d+\.parquet")


def _remove_uncommitted(lake_dir: Path, run_id: str) -> None:
    """The files a killed publish of this run left (no reader opens them: committed.json does not name them)."""
    name = _run_file(run_id)
    for table in LAKE_TABLES:
        for path in (lake_dir / table).glob("site=*/month=*/*.parquet"):
            if name.fullmatch(path.name):
                path.unlink()


def _write_run(con: duckdb.DuckDBPyConnection, staged: StagedRun, lake_dir: Path) -> tuple[list[Path], dict]:
    q = quote_identifier
    run_id = staged.manifest.run_id
    written: list[Path] = []
    counts = {"articles": 0, "facts": 0}
    for table in LAKE_TABLES:
        sources = staged.files(table)
        if not sources:
            continue
        con.execute(f"CREATE OR REPLACE TEMP VIEW staged AS SELECT * EXCLUDE (filename, part), part.site, "
                    f"part.month FROM (SELECT *, {_PARTITION_SQL} AS part "
                    f"FROM {parquet_source(sources, filename=True)})")
        if table == "articles":
            select = f"SELECT {', '.join(q(c) for c in ARTICLE_COLUMNS if c != 'site')}, site, month FROM staged"
        else:
            select = stored_facts_select("staged", run_id, extra=("site", "month"))
        target = quote_literal(str(lake_dir / table))
        rows = con.execute(f"COPY ({select}) TO {target} (FORMAT parquet, PARTITION_BY (site, month), "
                           f"FILENAME_PATTERN {quote_literal(run_id + '_{i}')}, OVERWRITE_OR_IGNORE true, "
                           f"RETURN_FILES true)").fetchall()
        counts[table] = int(rows[0][0])
        written += [Path(p) for p in rows[0][1]]
    return written, counts


def open_lake(lake_dir: Path) -> duckdb.DuckDBPyConnection:
    """An in-memory connection with views `articles` and `facts` over the lake's committed runs, each
    article (and its facts) as the latest run published it; `lake_runs` lists the runs."""
    runs = read_committed(lake_dir)
    if not runs:
        raise MissingInputError(f"no run published to the lake {lake_dir} yet (newsfacts publish RUN_ID "
                                f"--target parquet)")
    con = duckdb.connect()
    try:
        con.execute("SET TimeZone = 'UTC'")
        con.execute("CREATE TEMP TABLE lake_runs (seq INTEGER, run_id VARCHAR, published_at TIMESTAMPTZ)")
        con.executemany("INSERT INTO lake_runs VALUES (?, ?, ?)",
                        [[i, r["run_id"], r["published_at"]] for i, r in enumerate(runs)])
        for table in LAKE_TABLES:
            files = [str(lake_dir / f) for r in runs for f in r["files"] if f.startswith(table + "/")]
            source = (f"read_parquet([{', '.join(quote_literal(f) for f in files)}], hive_partitioning = true, "
                      f"union_by_name = true, filename = true)") if files else None
            con.execute(f"CREATE TEMP VIEW lake_{table} AS SELECT t.* EXCLUDE (filename), r.run_id AS lake_run, "
                        f"r.seq AS lake_seq FROM {source} t JOIN lake_runs r ON r.run_id = "
                        f"regexp_extract(t.filename, '([^/]+)_[0-9]+\\.parquet$', 1)" if source else
                        f"CREATE TEMP VIEW lake_{table} AS SELECT NULL::VARCHAR AS article_id, NULL::VARCHAR AS "
                        f"lake_run, NULL::INTEGER AS lake_seq WHERE false")
        con.execute("""CREATE TEMP VIEW articles AS SELECT * EXCLUDE (lake_run, lake_seq) FROM lake_articles
                       QUALIFY row_number() OVER (PARTITION BY article_id ORDER BY lake_seq DESC) = 1""")
        con.execute("""CREATE TEMP VIEW facts AS SELECT f.* EXCLUDE (lake_run, lake_seq) FROM lake_facts f
                       SEMI JOIN (SELECT article_id, lake_run FROM lake_articles
                                  QUALIFY row_number() OVER (PARTITION BY article_id ORDER BY lake_seq DESC) = 1) a
                       ON a.article_id = f.article_id AND a.lake_run = f.lake_run""")
    except BaseException:
        con.close()
        raise
    return con


def ducklake_missing() -> str:
    """What `--target lake` lacks: the ducklake extension built for the running duckdb."""
    return (f"no ducklake extension for duckdb {duckdb.__version__}: the duckdb wheel does not bundle it, "
            f"INSTALL ducklake downloads it at run time, and PyPI's builds load only into the duckdb they "
            f"were built for (duckdb-extension-ducklake 1.5.5: duckdb==1.5.5; duckdb-ext-ducklake 1.4.4: "
            f"duckdb==1.4.4)")


def publish_ducklake(cfg: Config, run_id: str) -> PublishResult:
    raise ConfigError(f"publish --target lake: {ducklake_missing()}; publish run {run_id} with --target parquet "
                      f"(lake_dir {cfg.lake_root}) instead")
