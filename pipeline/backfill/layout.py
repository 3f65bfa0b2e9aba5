"""Where a backfill's staged Parquet lives, what its files hold and what its manifest says: the
contract between the engines that stage a run (local, ray) and the committer that publishes it.

    <staging_dir>/<run_id>/
        articles/site=<site>/month=<YYYY-MM>/<name>.parquet   ARTICLE_SCHEMA (every articles column)
        facts/site=<site>/month=<YYYY-MM>/<name>.parquet      facts_table(): what load_batch inserts
        manifest.json                                         written last: a run without it is unfinished

Partition values are also columns inside the files (`site`; the month is the article's published_at,
"unknown" without one), so a reader never needs hive partitioning to get them right. Facts sit in
their article's partition.
"""
from __future__ import annotations

import json
import os
import typing
from dataclasses import asdict, dataclass, field, fields
from datetime import datetime
from pathlib import Path
from typing import Sequence

import pyarrow as pa

from pipeline.store.rows import ArticleRow

STAGED_TABLES = ("articles", "facts")
MANIFEST = "manifest.json"
UNKNOWN = "unknown"

_ARROW = {str: pa.string(), bool: pa.bool_(), int: pa.int64(), datetime: pa.timestamp("us", tz="UTC")}


def _arrow_type(annotation: object) -> pa.DataType:
    # "str | None" -> str: every articles column is nullable in the file, NOT NULL is the warehouse's
    args = [a for a in typing.get_args(annotation) if a is not type(None)] or [annotation]
    return _ARROW[args[0]]


ARTICLE_SCHEMA = pa.schema([(f.name, _arrow_type(t))
                            for f, t in zip(fields(ArticleRow), typing.get_type_hints(ArticleRow).values())])


def article_table(rows: Sequence[ArticleRow]) -> pa.Table:
    """Article rows as an Arrow table with ARTICLE_SCHEMA (the same types in every file of a run)."""
    return pa.Table.from_pylist([{f.name: getattr(r, f.name) for f in fields(ArticleRow)} for r in rows],
                                schema=ARTICLE_SCHEMA)


def partition(site: str | None, published_at: datetime | None) -> tuple[str, str]:
    """(site, month) of an article: the folder its rows and facts are staged in."""
    return (site or UNKNOWN, published_at.strftime("%Y-%m") if published_at else UNKNOWN)


def partition_dir(run_dir: Path, table: str, site: str, month: str) -> Path:
    return run_dir / table / f"site={site}" / f"month={month}"


def run_dir(staging_dir: Path, run_id: str) -> Path:
    return staging_dir / run_id


@dataclass(slots=True)
class StagedFile:
    path: str           # relative to the run's folder, "/"-separated
    table: str          # "articles" | "facts"
    rows: int
    bytes: int


@dataclass(slots=True)
class Manifest:
    """What a finished staging run holds; publish trusts nothing that is not listed here."""
    run_id: str
    engine: str                         # "local" | "ray"
    inputs: list[str]                   # the WARC files read
    hosts: list[str]                    # the hosts kept
    extractor_version: str
    created_at: str                     # ISO 8601, UTC
    records: int = 0                    # WARC response records of the kept hosts and content types
    articles: int = 0                   # article rows staged (one per article id)
    facts: int = 0
    failed: int = 0                     # records that could not be parsed or extracted
    failures: list[str] = field(default_factory=list)   # "source: reason", the first 100
    files: list[StagedFile] = field(default_factory=list)
    damaged: list[str] = field(default_factory=list)    # "file: reason" of inputs not read to their end

    def files_of(self, table: str) -> list[str]:
        return [f.path for f in self.files if f.table == table]


def write_manifest(directory: Path, manifest: Manifest) -> Path:
    """Write the manifest atomically (a temporary file renamed over it, after an fsync)."""
    path = directory / MANIFEST
    tmp = path.with_suffix(".json.tmp")
    with open(tmp, "w", encoding="utf-8") as fh:
        json.dump(asdict(manifest), fh, ensure_ascii=False, indent=1)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)
    return path


def read_manifest(directory: Path) -> Manifest | None:
    """The run's manifest, or None when the run never finished staging."""
    path = directory / MANIFEST
    if not path.exists():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    data["files"] = [StagedFile(**f) for f in data.get("files", [])]
    return Manifest(**data)
