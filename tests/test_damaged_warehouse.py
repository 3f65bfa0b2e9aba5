"""A damaged warehouse file (pipeline/store/replica.py, pipeline/jobs/run.py): readers get one line, never a
traceback; nothing damaged is ever published over the last good replica; a run on it exits 73."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from conftest import generic_site_config, run_cli
from pipeline.jobs.ingest import ingest_pages
from pipeline.store.replica import damaged, publish_replica, replica_path
from pipeline.store.warehouse import Warehouse

PAGES = Path(__file__).parent / "fixtures" / "generic"


@pytest.fixture(scope="module")
def good(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("good") / "warehouse.duckdb"
    with Warehouse(path) as wh:
        ingest_pages(sorted(PAGES.glob("*.html")), wh, "example", "r1",
                     url_for=lambda p: f"https://news.example/{p.stem}-story-page.html")
        publish_replica(path, wh.con)
    return path


def damage(path: Path, how: str) -> None:
    data = bytearray(path.read_bytes())
    if how == "empty":
        data = bytearray()
    elif how == "header":
        data[:4096] = os.urandom(4096)
    elif how == "truncated":
        data = data[: len(data) // 2]
    elif how == "flipped":   # bytes flipped all through the data blocks, the header intact
        for at in range(len(data) // 4, len(data) - 4096, 20_480):
            data[at:at + 64] = b"\xff" * 64
    path.write_bytes(bytes(data))


def copy(good: Path, tmp_path: Path, how: str, with_replica: bool) -> Path:
    path = tmp_path / "warehouse.duckdb"
    shutil.copy(good, path)
    if with_replica:
        shutil.copy(replica_path(good), replica_path(path))
        os.utime(replica_path(path), (0, 0))     # stale: a reader would refresh it from the warehouse
    damage(path, how)
    return path


KINDS = ("empty", "header", "truncated", "flipped")


@pytest.mark.parametrize("how", KINDS)
def test_readers_keep_the_last_good_replica(good, tmp_path, how):
    path = copy(good, tmp_path, how, with_replica=True)
    kept = replica_path(path).read_bytes()
    assert damaged(path) is not None and damaged(replica_path(path)) is None
    out = run_cli("query", "SELECT count(*) AS n FROM facts", "--format", "csv", cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    assert int(out.stdout.splitlines()[1]) > 0            # the good replica's facts
    assert replica_path(path).read_bytes() == kept


@pytest.mark.parametrize("how", KINDS)
def test_without_a_replica_a_reader_gets_one_line_and_73(good, tmp_path, how):
    path = copy(good, tmp_path, how, with_replica=False)
    out = run_cli("query", "SELECT count(*) FROM facts", cwd=tmp_path)
    assert out.returncode == 73 and out.stderr.count("\n") == 1, out.stderr
    assert not replica_path(path).exists()


@pytest.mark.parametrize("how", ("empty", "truncated", "flipped"))
def test_a_run_on_a_damaged_warehouse_exits_73_and_publishes_nothing(good, tmp_path, http_site, how):
    base, routes = http_site
    routes.add_site("https://news.example",
                    {"/news/split-by-ads-story.html": (PAGES / "split_by_ads.html").read_bytes()})
    generic_site_config(tmp_path, "news", "https://news.example", base)
    path = copy(good, tmp_path, how, with_replica=True)
    kept = replica_path(path).read_bytes()
    out = run_cli("run", cwd=tmp_path)
    assert out.returncode == 73, out.stderr
    assert out.stderr.count("\n") == 1 and str(path.name) in out.stderr
    assert replica_path(path).read_bytes() == kept
