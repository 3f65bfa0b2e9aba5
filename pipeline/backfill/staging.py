"""Writing a backfill's staged run: batches as small part files, then, at close, the run's Parquet
in the layout of pipeline.backfill.layout (one article id once, files of a sensible size) and its
manifest, written last.

    writer = StagingWriter(cfg.staging_root, run_id)
    for batch in batches:              # StagedBatch from pipeline.backfill.pages.stage_pages
        if not writer.has(batch.key):
            writer.add(batch)
    manifest = writer.close(engine="local", inputs=inputs, hosts=hosts)

    <run>/_parts/{articles,facts}/site=<s>/month=<m>/<batch key>.parquet   a batch's rows, per partition
    <run>/_parts/done/<batch key>.json                                      written after them: counts, failures

Any process may add batches (pool workers, Ray actors): a part is named by its batch's key and
renamed into place, so a retried batch replaces its own files, and a batch counts once its marker
is there. Close may run in another process than the adds: it reads only what is on disk. A run killed
at any point is finished by running it again: the batches with a marker are not staged again, and
close rebuilds the run's files from the parts; the parts go once the manifest is written.

Two captures of one article (two batches, or one WARC listed twice): the later fetched_at wins,
then the larger batch key, the same choice whatever the order the batches came in.
"""
from __future__ import annotations

import json
import logging
import os
import shutil
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import BinaryIO, Sequence

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

import extractors
from pipeline.backfill.layout import (STAGED_TABLES, Manifest, StagedFile, partition, partition_dir, read_manifest,
                                      run_dir, write_manifest)
from pipeline.backfill.pages import StagedBatch
from pipeline.backfill.warc import WarcStats
from pipeline.errors import WarehouseError

log = logging.getLogger(__name__)

PARTS = "_parts"
DONE = "done"
FETCHED_AT = "_fetched_at"          # beside each article row in its part only, for choosing captures
TARGET_FILE_BYTES = 128 << 20       # a staged file is closed once it is this big on disk
ROW_GROUP_BYTES = 32 << 20          # rows gathered (in memory) before a row group is written
MAX_FAILURES = 100


@dataclass(slots=True)
class EngineStats:
    """What an engine's staging pass did (pipeline.backfill.local, pipeline.backfill.ray_engine)."""
    engine: str
    workers: int = 1
    warc: WarcStats = field(default_factory=WarcStats)
    batches: int = 0                # staged by this pass
    batches_skipped: int = 0        # staged before: a re-run of a killed backfill
    pages: int = 0                  # pages in the batches staged by this pass
    parse_seconds: float = 0.0      # summed over the workers (busy time)
    extract_seconds: float = 0.0
    seconds: float = 0.0            # wall clock of the pass

    def count(self, batch: StagedBatch) -> None:
        self.batches += 1
        self.pages += batch.records
        self.parse_seconds += batch.parse_seconds
        self.extract_seconds += batch.extract_seconds


@dataclass(frozen=True, slots=True)
class _Part:
    table: str
    site: str
    month: str
    key: str
    path: Path


class StagingWriter:
    """Stages a run's batches under `<staging_dir>/<run_id>` and closes the run (see the module)."""

    def __init__(self, staging_dir: Path, run_id: str, *, target_file_bytes: int = TARGET_FILE_BYTES,
                 row_group_bytes: int = ROW_GROUP_BYTES):
        self.run_id = run_id
        self.run_dir = run_dir(Path(staging_dir), run_id)
        self.parts = self.run_dir / PARTS
        self.target_file_bytes = target_file_bytes
        self.row_group_bytes = row_group_bytes

    # --- staging ---------------------------------------------------------------------------
    def _marker(self, key: str) -> Path:
        return self.parts / DONE / f"{key}.json"

    def has(self, key: str) -> bool:
        """Whether the batch with this key is staged already (its marker is written)."""
        return self._marker(key).exists()

    def add(self, batch: StagedBatch) -> None:
        """Write the batch's rows as part files, one per partition and table, then its marker."""
        articles = batch.articles.append_column(
            FETCHED_AT, pa.array(batch.fetched_at, pa.timestamp("us", tz="UTC")))
        where = [partition(s, p) for s, p in zip(articles.column("site").to_pylist(),
                                                  articles.column("published_at").to_pylist())]
        of_article = dict(zip(articles.column("article_id").to_pylist(), where))
        facts_where = [of_article[a] for a in batch.facts.column("article_id").to_pylist()]
        try:
            for table, rows, places in (("articles", articles, where), ("facts", batch.facts, facts_where)):
                for (site, month), indices in _grouped(places).items():
                    path = partition_dir(self.parts, table, site, month) / f"{batch.key}.parquet"
                    _write_atomically(path, rows.take(indices))
            _write_json_atomically(self._marker(batch.key), {"sources": batch.sources, "failures": batch.failures})
        except OSError as exc:
            raise WarehouseError(f"cannot stage into {self.run_dir}: {exc.strerror or exc}") from None

    # --- closing ---------------------------------------------------------------------------
    def close(self, *, engine: str, inputs: Sequence[str], hosts: Sequence[str],
              damaged: Sequence[str] = ()) -> Manifest:
        """Compact the staged batches into the run's files and write its manifest (last).
        Called again after a close that was killed, it does the same work again from the parts."""
        done = self._done()
        # counted by source: batches cut otherwise on a re-run (another batch_size) overlap
        records = len({s for m in done.values() for s in m["sources"]})
        failures = sorted({f for m in done.values() for f in m["failures"]})
        manifest = Manifest(run_id=self.run_id, engine=engine, inputs=list(inputs), hosts=list(hosts),
                            extractor_version=extractors.EXTRACTOR_VERSION,
                            created_at=datetime.now(timezone.utc).isoformat(timespec="seconds"),
                            records=records, failed=len(failures), failures=failures[:MAX_FAILURES],
                            damaged=list(damaged))
        parts = [p for p in self._parts() if p.key in done]
        winners = _winners([p for p in parts if p.table == "articles"])
        try:
            for table in STAGED_TABLES:
                shutil.rmtree(self.run_dir / table, ignore_errors=True)    # a killed close's files
            for (table, site, month), group in _by_partition(parts).items():
                manifest.files += self._compact(table, site, month, group, winners)
            manifest.articles = sum(f.rows for f in manifest.files if f.table == "articles")
            manifest.facts = sum(f.rows for f in manifest.files if f.table == "facts")
            write_manifest(self.run_dir, manifest)
        except OSError as exc:
            raise WarehouseError(f"cannot write the staged run {self.run_dir}: {exc.strerror or exc}") from None
        shutil.rmtree(self.parts, ignore_errors=True)
        log.info("staged run %s: %d records, %d articles, %d facts, %d failed, %d files", self.run_id,
                 manifest.records, manifest.articles, manifest.facts, manifest.failed, len(manifest.files))
        return manifest

    def finished(self) -> Manifest | None:
        """The run's manifest if it finished staging (then its leftover parts, if any, go)."""
        found = read_manifest(self.run_dir)
        if found is not None and self.parts.exists():
            shutil.rmtree(self.parts, ignore_errors=True)   # killed between the manifest and the clean-up
        return found

    def _done(self) -> dict[str, dict]:
        markers = sorted((self.parts / DONE).glob("*.json")) if (self.parts / DONE).exists() else []
        return {m.stem: json.loads(m.read_text(encoding="utf-8")) for m in markers}

    def _parts(self) -> list[_Part]:
        found = []
        for table in STAGED_TABLES:
            for path in sorted((self.parts / table).glob("site=*/month=*/*.parquet")):
                found.append(_Part(table, path.parent.parent.name.partition("=")[2],
                                   path.parent.name.partition("=")[2], path.stem, path))
        return found

    def _compact(self, table: str, site: str, month: str, parts: list[_Part],
                 winners: dict[str, pa.Array]) -> list[StagedFile]:
        """The winning rows of a partition's parts, in files of about target_file_bytes."""
        folder = partition_dir(self.run_dir, table, site, month)
        files: list[StagedFile] = []
        writer: _RotatingWriter | None = None
        pending: list[pa.Table] = []
        for part in parts:
            rows = pq.read_table(part.path)
            rows = rows.filter(pc.is_in(rows.column("article_id"), value_set=winners.get(part.key, _NONE)))
            if FETCHED_AT in rows.column_names:
                rows = rows.drop_columns([FETCHED_AT])
            if rows.num_rows:
                pending.append(rows)
            if pending and sum(t.nbytes for t in pending) >= self.row_group_bytes:
                writer = writer or _RotatingWriter(folder, self.run_dir, table, self.target_file_bytes, files)
                writer.write(pa.concat_tables(pending))
                pending = []
        if pending:
            writer = writer or _RotatingWriter(folder, self.run_dir, table, self.target_file_bytes, files)
            writer.write(pa.concat_tables(pending))
        if writer:
            writer.close()
        return files


_NONE = pa.array([], pa.string())


class _RotatingWriter:
    """Row groups into part-00000.parquet, part-00001.parquet... of a partition's folder, the next
    file begun once the current one has reached the target size."""

    def __init__(self, folder: Path, root: Path, table: str, target: int, files: list[StagedFile]):
        self.folder, self.root, self.table, self.target, self.files = folder, root, table, target, files
        self.folder.mkdir(parents=True, exist_ok=True)
        self._fh: BinaryIO | None = None
        self._path = folder
        self._writer: pq.ParquetWriter | None = None
        self._rows = 0

    def write(self, rows: pa.Table) -> None:
        if self._writer is None:
            self._path = self.folder / f"part-{len(self.files):05d}.parquet"
            self._fh = open(self._path, "wb")
            self._writer = pq.ParquetWriter(self._fh, rows.schema, compression="zstd")
        self._writer.write_table(rows, row_group_size=max(1, rows.num_rows))
        self._rows += rows.num_rows
        if self._fh is not None and self._fh.tell() >= self.target:
            self.close()

    def close(self) -> None:
        if self._writer is None or self._fh is None:
            return
        self._writer.close()
        self._fh.flush()
        os.fsync(self._fh.fileno())
        self._fh.close()
        self.files.append(StagedFile(self._path.relative_to(self.root).as_posix(), self.table, self._rows,
                                     self._path.stat().st_size))
        self._writer, self._fh, self._rows = None, None, 0


def _grouped(places: list[tuple[str, str]]) -> dict[tuple[str, str], list[int]]:
    out: dict[tuple[str, str], list[int]] = {}
    for i, place in enumerate(places):
        out.setdefault(place, []).append(i)
    return out


def _by_partition(parts: list[_Part]) -> dict[tuple[str, str, str], list[_Part]]:
    out: dict[tuple[str, str, str], list[_Part]] = {}
    for part in parts:      # sorted by table, partition and key: the run's files come out the same
        out.setdefault((part.table, part.site, part.month), []).append(part)
    return out


def _winners(article_parts: list[_Part]) -> dict[str, pa.Array]:
    """Batch key -> the article ids whose kept capture is in that batch: per article id, the latest
    fetched_at, then the largest key. Only the ids and dates are read, not the texts."""
    tables = []
    for part in article_parts:
        ids = pq.read_table(part.path, columns=["article_id", FETCHED_AT])
        tables.append(ids.append_column("key", pa.array([part.key] * ids.num_rows, pa.string())))
    if not tables:
        return {}
    keys = pa.concat_tables(tables).sort_by([("article_id", "ascending"), (FETCHED_AT, "descending"),
                                             ("key", "descending")])
    ids = keys.column("article_id").combine_chunks()
    if not len(ids):
        return {}
    # sorted: an article's first row is its kept capture
    first = pa.concat_arrays([pa.array([True]), pc.not_equal(ids.slice(1), ids.slice(0, len(ids) - 1))])
    chosen = keys.filter(first)
    out: dict[str, list[str]] = {}
    for article_id, key in zip(chosen.column("article_id").to_pylist(), chosen.column("key").to_pylist()):
        out.setdefault(key, []).append(article_id)
    return {key: pa.array(ids_, pa.string()) for key, ids_ in out.items()}


def _write_atomically(path: Path, rows: pa.Table) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    with open(tmp, "wb") as fh:
        pq.write_table(rows, fh, compression="zstd")
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def _write_json_atomically(path: Path, data: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    with open(tmp, "w", encoding="utf-8") as fh:
        json.dump(data, fh, ensure_ascii=False)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)

