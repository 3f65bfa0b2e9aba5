"""Publishing a staged backfill run (pipeline.backfill.publish, pipeline.backfill.lake): into the
warehouse in one transaction, exactly once, with the rows, facts and checks that loading the same
articles through the nightly path (load_checked) gives; killed with SIGKILL anywhere and published
again, the same; to the Parquet lake, never half a run to a reader.

The staged runs are built here from real extracted articles (parse_page -> article_row ->
facts_for_rows) with the staging contract (layout.py), not with the staging engines.
"""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from datetime import datetime, timezone
from itertools import groupby
from pathlib import Path

import pyarrow.parquet as pq
import pytest

import extractors
from conftest import run_cli, warehouse_rows
from pipeline.backfill.layout import (Manifest, StagedFile, article_table, partition, partition_dir, run_dir,
                                      write_manifest)
from pipeline.backfill.lake import open_lake
from pipeline.backfill.publish import publish_run
from pipeline.config import Config
from pipeline.errors import InputError, MissingInputError
from pipeline.jobs.articles import article_row
from pipeline.jobs.load import load_checked
from pipeline.jobs.reextract import facts_for_rows
from pipeline.sites import parse_page
from pipeline.store.rows import ARTICLE_COLUMNS
from pipeline.store.sql import quote_identifier
from pipeline.store.warehouse import FACT_COLUMNS, Warehouse, facts_table

BATCH = 3
# A district's year-end report: eight facts, and a ratio its percentage contradicts (one check).
PAGE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>{title}</title><link rel="canonical" href="{url}">
<meta property="article:published_time" content="{day}T09:30:00+07:00"></head>
<body><article><h1 class="article-title">{title}</h1>
<p class="article-sapo">District {n} closed its books for {year}.</p>
<div class="article-content">
<p>District {n} resettled {done} of {total} households, or {share}%, by the end of {year}.</p>
<p>It spent VND{whole} billion in all: VND{roads} billion on roads and VND{schools} billion on schools.</p>
<p>Its budget revenue reached {over} percent of the plan.</p>
</div></article></body></html>"""


def district(n: int, revised: bool = False) -> tuple[str, str]:
    """(url, html) of district n's report; `revised`: the same URL with other figures (re-extracted)."""
    url = f"https://hanoitimes.vn/district-{n}-closes-its-books-{2000 + n}.html"
    return url, PAGE.format(title=f"District {n} closes its books", url=url, day=f"2024-0{1 + n % 3}-1{n % 10}",
                            n=n, year=2023, done=30 + n + (5 if revised else 0), total=50, share=55 + n,
                            whole=100 + n, roads=40, schools=30, over=104 + n)


def stage(staging: Path, run_id: str, pages: list[tuple[str, str]]) -> tuple[list, dict]:
    """Stage `pages` as run `run_id` the way the contract says; returns (rows, facts) as extracted."""
    rows = [article_row(parse_page(html, url, "hanoitimes"), url, "hanoitimes", run_id) for url, html in pages]
    facts = facts_for_rows(rows)
    directory = run_dir(staging, run_id)
    files = []
    key = lambda r: partition(r.site, r.published_at)  # noqa: E731
    for (site, month), group in groupby(sorted(rows, key=key), key=key):
        part = list(group)
        for table, data in (("articles", article_table(part)), ("facts", facts_table(part, facts))):
            folder = partition_dir(directory, table, site, month)
            folder.mkdir(parents=True, exist_ok=True)
            pq.write_table(data, folder / "part-0.parquet")
            files.append(StagedFile((folder / "part-0.parquet").relative_to(directory).as_posix(), table,
                                    data.num_rows, (folder / "part-0.parquet").stat().st_size))
    write_manifest(directory, Manifest(run_id, "local", ["test.warc.gz"], ["hanoitimes.vn"],
                                       extractors.EXTRACTOR_VERSION, datetime.now(timezone.utc).isoformat(),
                                       records=len(rows), articles=len(rows),
                                       facts=sum(map(len, facts.values())), files=files))
    return rows, facts


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    """Two staged runs (the second re-extracts districts 1-3 with other figures and adds 9-10) and a
    reference warehouse that loaded the same rows through load_checked."""
    root = tmp_path_factory.mktemp("staged")
    first = stage(root / "staging", "bf-1", [district(n) for n in range(1, 9)])
    second = stage(root / "staging", "bf-2", [district(n, revised=True) for n in (1, 2, 3)]
                   + [district(n) for n in (9, 10)])
    reference = {}
    for upto, batches in (("bf-1", [first]), ("bf-2", [first, second])):
        reference[upto] = root / f"reference-{upto}.duckdb"
        with Warehouse(reference[upto]) as wh:
            for (rows, facts), run_id in zip(batches, ("bf-1", "bf-2")):
                load_checked(wh, rows, facts, [], run_id)
    return root, reference


@pytest.fixture
def work(runs, tmp_path):
    root, _ = runs
    (tmp_path / "newsfacts.toml").write_text(
        f'warehouse = "{tmp_path / "w.duckdb"}"\nstaging_dir = "{root / "staging"}"\n'
        f'lake_dir = "{tmp_path / "lake"}"\nbatch_size = {BATCH}\n')
    return tmp_path


def config(work: Path) -> Config:
    from pipeline.config import load_config
    return load_config(work / "newsfacts.toml", env={})


_FACTS = f"SELECT {', '.join(map(quote_identifier, FACT_COLUMNS))} FROM facts ORDER BY fact_id"
_ARTICLES = f"SELECT {', '.join(c for c in ARTICLE_COLUMNS if c != 'first_seen_run')} FROM articles ORDER BY article_id"
_CHECKS = "SELECT check_id, article_id, check_name, severity, message, fact_ids, other_article_id FROM checks ORDER BY 1"


def same_as(path: Path, reference: Path) -> None:
    for sql in (_FACTS, _ARTICLES, _CHECKS):
        assert warehouse_rows(path, sql) == warehouse_rows(reference, sql), sql


def test_a_run_is_published_once_with_what_the_nightly_load_stores(runs, work):
    _, reference = runs
    cfg = config(work)
    first = publish_run(cfg, "bf-1")
    assert (first.status, first.articles, first.articles_replaced, first.facts) == ("published", 8, 0, 64)
    assert first.checks == 8
    same_as(cfg.warehouse, reference["bf-1"])
    again = publish_run(cfg, "bf-1")
    assert again.status == "already published" and "nothing done" in str(again)
    same_as(cfg.warehouse, reference["bf-1"])
    # the second run re-extracts three stored articles: their facts and checks are replaced
    second = publish_run(cfg, "bf-2")
    assert (second.articles, second.articles_replaced, second.facts) == (5, 3, 40)
    same_as(cfg.warehouse, reference["bf-2"])
    assert warehouse_rows(cfg.warehouse, "SELECT count(*) = count(DISTINCT fact_id) FROM facts") == [(True,)]
    assert warehouse_rows(cfg.warehouse, "SELECT run_id, status, articles, articles_replaced, facts, checks, "
                                         "checked_through IS NOT NULL FROM backfill_runs ORDER BY 1") == [
        ("bf-1", "checked", 8, 0, 64, 8, True), ("bf-2", "checked", 5, 3, 40, 5, True)]
    # readers (newsfacts query) see the published replica
    out = run_cli("query", "select count(*) from backfill_runs", "--format", "csv", cwd=work)
    assert out.returncode == 0 and out.stdout.splitlines()[1] == "2", out.stderr


def test_an_article_stored_unchanged_keeps_its_row_raw_page_and_facts(runs, work, tmp_path):
    """A backfill of an archive holding pages the nightly run fetched already: those are left as they
    are (raw page, etag, facts), and only the others are loaded."""
    cfg = config(work)
    url, html = district(1)
    nightly = article_row(parse_page(html, url, "hanoitimes"), url, "hanoitimes", "nightly-1",
                          raw_sha256="ab" * 32, raw_path="corpus/raw/hanoitimes/district-1.html.gz")
    nightly.etag = '"v1"'
    with Warehouse(cfg.warehouse) as wh:
        load_checked(wh, [nightly], facts_for_rows([nightly]), [], "nightly-1")
    before = warehouse_rows(cfg.warehouse, "SELECT fact_id, run_id FROM facts ORDER BY 1")
    result = publish_run(cfg, "bf-1")          # districts 1-8, district 1 as the nightly run stored it
    assert (result.articles, result.articles_unchanged, result.articles_replaced) == (7, 1, 0)
    assert "1 unchanged" in str(result)
    assert warehouse_rows(cfg.warehouse, f"SELECT raw_path, etag, last_seen_run FROM articles "
                                         f"WHERE article_id = '{nightly.article_id}'") == \
        [("corpus/raw/hanoitimes/district-1.html.gz", '"v1"', "nightly-1")]
    assert warehouse_rows(cfg.warehouse, f"SELECT fact_id, run_id FROM facts WHERE article_id = "
                                         f"'{nightly.article_id}' ORDER BY 1") == before
    assert warehouse_rows(cfg.warehouse, "SELECT count(*), count(DISTINCT fact_id) FROM facts") == [(64, 64)]
    assert warehouse_rows(cfg.warehouse, "SELECT articles, articles_unchanged FROM backfill_runs") == [(7, 1)]


def test_an_unfinished_or_restaged_run_is_refused_in_one_line(runs, work):
    cfg = config(work)
    with pytest.raises(MissingInputError, match="run bf-0 has not finished staging"):
        publish_run(cfg, "bf-0")
    out = run_cli("publish", "bf-0", cwd=work)
    assert out.returncode == 66 and out.stderr.count("\n") == 1 and "has not finished staging" in out.stderr
    publish_run(cfg, "bf-1")
    staging = work / "staging"
    import shutil
    shutil.copytree(runs[0] / "staging" / "bf-1", staging / "bf-1")
    manifest = json.loads((staging / "bf-1" / "manifest.json").read_text())
    manifest["failed"] = 1
    (staging / "bf-1" / "manifest.json").write_text(json.dumps(manifest))
    other = Config(warehouse=cfg.warehouse, staging_dir=staging)
    with pytest.raises(InputError, match="from another manifest"):
        publish_run(other, "bf-1")


def test_ducklake_says_what_is_missing_in_one_line(work):
    out = run_cli("publish", "bf-1", "--target", "lake", cwd=work)
    assert out.returncode == 78, out.stderr
    assert out.stderr.count("\n") == 1 and "ducklake extension" in out.stderr and "--target parquet" in out.stderr


# The child: `newsfacts ARGS` whose warehouse connection SIGKILLs the process just before the nth
# statement matching a pattern, or, for the pattern "committed.json", just before the lake's commit.
_KILLED = r'''
import os, re, signal, sys
from pipeline.backfill import lake
from pipeline.store import warehouse

pattern, nth, seen = re.compile(sys.argv[1]), int(sys.argv[2]), [0]


def die_at(what):
    if pattern.search(what):
        seen[0] += 1
        if seen[0] == nth:
            os.kill(os.getpid(), signal.SIGKILL)


class Killing:
    def __init__(self, con):
        self._con = con

    def execute(self, sql, *args, **kwargs):
        die_at(sql)
        return self._con.execute(sql, *args, **kwargs)

    def __getattr__(self, name):
        return getattr(self._con, name)


opened, committed = warehouse.Warehouse.__init__, lake._write_committed


def __init__(self, *args, **kwargs):
    opened(self, *args, **kwargs)
    self.con = Killing(self.con)


def _write_committed(*args):
    die_at("committed.json")
    committed(*args)


warehouse.Warehouse.__init__, lake._write_committed = __init__, _write_committed
from pipeline.cli import main
main(sys.argv[3:])
'''


def killed(work: Path, pattern: str, nth: int, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSFACTS_")}
    out = subprocess.run([sys.executable, "-c", _KILLED, pattern, str(nth), *args], cwd=work, env=env,
                         capture_output=True, text=True, timeout=300)
    assert out.returncode == -signal.SIGKILL, f"not killed at {pattern!r} #{nth}: {out.stderr[-800:]}"
    return out


# in the load, at its commit, in the second batch's checks, before a batch's progress, before the run is 'checked'
KILLS = [("INSERT INTO facts", 1), ("^COMMIT$", 1), ("INSERT INTO checks", 2),
         ("UPDATE backfill_runs SET checks", 1), ("SET status = 'checked'", 1)]


def test_a_killed_publish_leaves_nothing_or_the_whole_run_and_the_next_finishes_it(runs, work):
    _, reference = runs
    path = work / "w.duckdb"
    publish_run(config(work), "bf-1")
    seen_published = False
    for pattern, nth in KILLS:
        killed(work, pattern, nth, "publish", "bf-2")
        state = warehouse_rows(path, "SELECT status, checked_through FROM backfill_runs WHERE run_id = 'bf-2'")
        if not state:       # killed in the load: the warehouse is as the first run left it
            assert not seen_published
            assert warehouse_rows(path, _FACTS) == warehouse_rows(reference["bf-1"], _FACTS)
            continue
        seen_published = True
        assert state[0][0] == "published"
        assert warehouse_rows(path, _FACTS) == warehouse_rows(reference["bf-2"], _FACTS)
        done = f"SELECT * FROM ({_CHECKS}) WHERE article_id <= '{state[0][1] or ''}'"
        assert warehouse_rows(path, done) == warehouse_rows(reference["bf-2"], done)
    assert seen_published
    out = run_cli("publish", "bf-2", cwd=work)
    assert out.returncode == 0 and "checks resumed" in out.stdout, out.stderr
    same_as(path, reference["bf-2"])
    assert warehouse_rows(path, "SELECT status FROM backfill_runs ORDER BY run_id") == [("checked",), ("checked",)]
    out = run_cli("publish", "--resume", cwd=work)
    assert out.returncode == 0 and out.stdout == "", out.stdout


def lake_rows(lake_dir: Path, sql: str) -> list[tuple]:
    con = open_lake(lake_dir)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_the_parquet_lake_holds_each_run_once_and_readers_never_see_half_a_run(runs, work):
    _, reference = runs
    lake = work / "lake"
    assert "published to the parquet lake" in run_cli("publish", "bf-1", "--target", "parquet", cwd=work).stdout
    facts = lake_rows(lake, _FACTS)
    assert facts == warehouse_rows(reference["bf-1"], _FACTS)
    assert run_cli("publish", "bf-1", "--target", "parquet", cwd=work).stdout.startswith(
        "run bf-1: already published")
    assert lake_rows(lake, _FACTS) == facts
    # killed before its commit: its files are there, no reader sees them; the next publish commits it once
    killed(work, "committed.json", 1, "publish", "bf-2", "--target", "parquet")
    assert len(list(lake.glob("facts/*/*/bf-2_*.parquet"))) > 0
    assert lake_rows(lake, _FACTS) == facts
    assert run_cli("publish", "bf-2", "--target", "parquet", cwd=work).returncode == 0
    assert lake_rows(lake, _FACTS) == warehouse_rows(reference["bf-2"], _FACTS)
    assert lake_rows(lake, _ARTICLES.replace(", last_seen_run", "")) == \
        warehouse_rows(reference["bf-2"], _ARTICLES.replace(", last_seen_run", ""))
    committed = json.loads((lake / "committed.json").read_text())["runs"]
    assert [r["run_id"] for r in committed] == ["bf-1", "bf-2"]
    on_disk = sorted(p.relative_to(lake).as_posix() for p in lake.glob("*/*/*/*.parquet"))
    assert on_disk == sorted(f for r in committed for f in r["files"])
    out = run_cli("query", "--lake", "select site, month, count(*) from facts group by all order by 2",
                  "--format", "csv", cwd=work)
    assert out.returncode == 0 and out.stdout.splitlines() == [
        "site,month,count_star()", "hanoitimes,2024-01,24", "hanoitimes,2024-02,32", "hanoitimes,2024-03,24"]
