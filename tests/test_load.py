"""A job killed at any point of a batch leaves every stored article with the checks its facts give.

The real jobs (the nightly run, ingest, reextract) run in child processes that SIGKILL themselves just
before a chosen SQL statement reaches DuckDB: the nth matching a pattern, so that the kills land inside
a load, between the facts and their checks, while the checks are written, at a commit, or wherever the
nth statement falls. After each kill the checks stored must be those that computing them afresh over
the stored facts gives, and a following job, not killed, must end cleanly and leave what an
uninterrupted job leaves. (A kill between the facts and the checks used to leave an article with facts
and no checks, and the next job, finding the article unchanged, never computed them.)
"""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import WARD_PAGE, WARD_SITE, run_cli, warehouse_rows, write_ward_site
from pipeline.checks.store import compute_checks
from pipeline.config import Config, SiteConfig
from pipeline.jobs.demo import serve_directory
from pipeline.jobs.ingest import ingest_pages
from pipeline.jobs.reextract import reextract
from pipeline.jobs.run import run
from pipeline.store.warehouse import Warehouse

PAGES = 24
BATCH = 4
# Ward reports with two checks each: a ratio and its percentage, and parts short of their whole.
PAGE = WARD_PAGE.replace("or {share}% of the\ntotal, and", "reaching {share}%, and").replace(
    "billion on {km} km of drainage and reached",
    "billion, including VND{km} billion on drainage and VND{members} billion on schools; it reached")

# The child: a job whose warehouse connection kills the process (SIGKILL: no rollback, no cleanup)
# just before the nth statement matching a pattern (n = 0: never).
_KILLED_AT = r'''
import os, re, signal, sys
from pathlib import Path
from pipeline.store import warehouse

pattern, nth = re.compile(sys.argv[1]), int(sys.argv[2])
seen = 0


class Connection:
    def __init__(self, con):
        self._con = con

    def execute(self, sql, *args, **kwargs):
        global seen
        if pattern.search(sql):
            seen += 1
            if seen == nth:
                os.kill(os.getpid(), signal.SIGKILL)
        return self._con.execute(sql, *args, **kwargs)

    def __getattr__(self, name):
        return getattr(self._con, name)


opened = warehouse.Warehouse.__init__


def __init__(self, *args, **kwargs):
    opened(self, *args, **kwargs)
    self.con = Connection(self.con)


warehouse.Warehouse.__init__ = __init__
if sys.argv[3] == "ingest":
    from pipeline.jobs.ingest import ingest_pages
    with warehouse.Warehouse(Path(sys.argv[4])) as wh:
        ingest_pages(sorted(Path(sys.argv[5]).glob("ward-*.html")), wh, "ht", "ingest", batch_size=int(sys.argv[6]))
else:
    from pipeline.cli import main
    main(sys.argv[3:])
'''
# Where the kills land: (pattern, n), each within the first three batches of the work left: in a load,
# between the facts and their checks, in the checks' write, at a commit, wherever the nth statement falls.
IN_A_BATCH = [("INSERT INTO facts", 1), ("DELETE FROM checks", 1), ("INSERT INTO checks", 2), ("^COMMIT$", 2),
              (".", 45)]
_CHECKS = "SELECT check_id, article_id, check_name, severity, message, fact_ids, other_article_id FROM checks"


@pytest.fixture(scope="module")
def ward_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("wards")
    write_ward_site(root, PAGES, PAGE)
    with serve_directory(root) as base:
        yield root, base


def _as_set(checks: list[tuple]) -> set[tuple]:
    return {(*r[:5], tuple(r[5]), r[6]) for r in checks}


def stored_checks(path: Path) -> set[tuple]:
    return _as_set(warehouse_rows(path, _CHECKS))


def copy_warehouse(src: Path, dst: Path) -> None:
    """The file and its write-ahead log, as a killed process left them."""
    for suffix in ("", ".wal"):
        Path(f"{dst}{suffix}").unlink(missing_ok=True)
        if Path(f"{src}{suffix}").exists():
            shutil.copyfile(f"{src}{suffix}", f"{dst}{suffix}")


def assert_checks_as_the_facts_give(path: Path, scratch: Path) -> None:
    """Every stored article has exactly the checks compute_checks gives over its stored facts
    (computed on a copy, so the job's warehouse is left as the kill left it)."""
    copy = scratch / "recomputed.duckdb"
    copy_warehouse(path, copy)
    with Warehouse(copy) as wh:
        stored = _as_set(wh.con.execute(_CHECKS).fetchall())
        compute_checks(wh, [r[0] for r in wh.con.execute("SELECT article_id FROM articles").fetchall()],
                       "recomputed")
        recomputed = _as_set(wh.con.execute(_CHECKS).fetchall())
    missing, extra = recomputed - stored, stored - recomputed
    assert not missing and not extra, (f"{len(missing)} checks missing, {len(extra)} not from the facts, e.g. "
                                       f"{sorted(missing or extra)[0]}")


class _Job:
    """One job's setup: its first state, the command, how much of its work is left."""

    def __init__(self, name: str, site: tuple[Path, str], tmp: Path):
        self.name, (self.root, self.base) = name, site
        self.work = tmp / "work"
        self.work.mkdir()
        self.warehouse = self.work / "w.duckdb"
        (self.work / "newsfacts.toml").write_text(
            f'warehouse = "{self.warehouse}"\nallow_loopback = true\ndelay_seconds = 0\nbatch_size = {BATCH}\n'
            f'[[sites]]\nname = "ht"\nadapter = "hanoitimes"\nbase_url = "{WARD_SITE}"\n'
            f'[url_map]\n"{WARD_SITE}" = "{self.base}"\n')
        if name == "reextract":
            # articles stored by an older extractor version that missed their percentages, with the
            # checks of those facts
            self.stale = tmp / "stale.duckdb"
            with Warehouse(self.stale) as wh:
                ingest_pages(sorted(self.root.glob("ward-*.html")), wh, "ht", "old", batch_size=PAGES)
                wh.con.execute("DELETE FROM facts WHERE kind = 'percentage'")
                wh.con.execute("UPDATE articles SET extractor_version = '0.0.1'")
                compute_checks(wh, [r[0] for r in wh.con.execute("SELECT article_id FROM articles").fetchall()],
                               "old")
        self.reference = tmp / "reference.duckdb"
        self.run_uninterrupted(self.reference)

    def run_uninterrupted(self, path: Path) -> None:
        if self.name == "run":
            cfg = Config(warehouse=path, sites=(SiteConfig("ht", "hanoitimes", WARD_SITE),),
                         url_map={WARD_SITE: self.base}, allow_loopback=True, delay_seconds=0)
            assert run(cfg).status == "ok"
            return
        if self.name == "reextract":
            copy_warehouse(self.stale, path)
        with Warehouse(path) as wh:
            if self.name == "ingest":
                ingest_pages(sorted(self.root.glob("ward-*.html")), wh, "ht", "ingest", batch_size=BATCH)
            else:
                assert reextract(wh, "reextract")[0] == PAGES

    def start_over(self) -> None:
        for p in self.work.glob("w.duckdb*"):
            p.unlink()
        if self.name == "reextract":
            copy_warehouse(self.stale, self.warehouse)

    def left(self) -> int:
        """Articles the job has still to load."""
        if not self.warehouse.exists():
            return PAGES
        if self.name == "reextract":
            return warehouse_rows(self.warehouse, "SELECT count(*) FROM articles "
                                                  "WHERE extractor_version = '0.0.1'")[0][0]
        return PAGES - warehouse_rows(self.warehouse, "SELECT count(*) FROM articles")[0][0]

    def command(self) -> list[str]:
        if self.name == "ingest":
            return ["ingest", str(self.warehouse), str(self.root), str(BATCH)]
        return [self.name]

    def killed_at(self, pattern: str, nth: int) -> subprocess.CompletedProcess:
        env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSFACTS_")}
        return subprocess.run([sys.executable, "-c", _KILLED_AT, pattern, str(nth), *self.command()],
                              cwd=self.work, env=env, capture_output=True, text=True, timeout=300)


# Ingest and reextract load through the same function as the run: killed where it once went wrong.
@pytest.mark.parametrize("job, kills", [("run", IN_A_BATCH), ("ingest", [("DELETE FROM checks", 2)]),
                                        ("reextract", [("DELETE FROM checks", 1)])])
def test_a_killed_job_leaves_each_article_the_checks_of_its_facts(ward_site, tmp_path, job, kills):
    job = _Job(job, ward_site, tmp_path)
    want = stored_checks(job.reference)
    assert len(want) == 2 * PAGES
    job.start_over()
    for pattern, nth in kills:
        if job.left() < 3 * BATCH:
            job.start_over()    # so that the kill lands within the job's work
        out = job.killed_at(pattern, nth)
        assert out.returncode == -signal.SIGKILL, f"not killed at {pattern!r} #{nth}: {out.stderr[-500:]}"
        assert_checks_as_the_facts_give(job.warehouse, tmp_path)
    out = job.killed_at("never", 0) if job.name == "ingest" else run_cli(job.name, cwd=job.work)
    assert out.returncode == 0, out.stderr
    assert job.left() == 0
    assert_checks_as_the_facts_give(job.warehouse, tmp_path)
    assert stored_checks(job.warehouse) == want
    facts = "SELECT count(*), count(DISTINCT fact_id) FROM facts"
    assert warehouse_rows(job.warehouse, facts) == warehouse_rows(job.reference, facts)
    if job.name != "ingest":
        assert warehouse_rows(job.warehouse, "SELECT status FROM runs ORDER BY started_at DESC LIMIT 1") == [("ok",)]
