"""A full disk (issue 15): the run stops with one line and exit 73, and everything it had committed is
still there once space is freed. Needs a small tmpfs, which only root can mount: skipped elsewhere."""
from __future__ import annotations

import shutil
import subprocess

import duckdb
import pytest

from conftest import run_cli


@pytest.fixture
def small_disk(tmp_path):
    disk = tmp_path / "disk"
    disk.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", str(disk)], capture_output=True)
    if done.returncode:
        pytest.skip(f"cannot mount a small tmpfs here ({done.stderr.decode(errors='replace').strip()})")
    try:
        yield disk
    finally:
        subprocess.run(["umount", str(disk)], check=False)


def test_a_full_disk_is_one_line_and_exit_73_and_loses_nothing_committed(small_disk, tmp_path):
    out = run_cli("run", "--demo", "--warehouse", str(small_disk / "warehouse.duckdb"), cwd=tmp_path)
    assert out.returncode == 73, out.stderr
    assert out.stderr.count("\n") == 1 and "disk full" in out.stderr
    freed = tmp_path / "freed"
    shutil.copytree(small_disk, freed, ignore=shutil.ignore_patterns("corpus"))
    con = duckdb.connect(str(freed / "warehouse.duckdb"))
    articles, facts = con.execute("SELECT count(*), (SELECT count(*) FROM facts) FROM articles").fetchone()
    runs = con.execute("SELECT status FROM runs").fetchall()
    con.close()
    assert articles > 0 and facts > 0 and len(runs) == 1
