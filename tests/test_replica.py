"""The read replica: readers never block the writer, a publish never breaks a reader."""
from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import duckdb
import pytest

from pipeline.errors import MissingInputError, WarehouseError
from pipeline.store.replica import open_for_reading, publish_replica, replica_is_current, replica_path


def _write(warehouse: Path, *values: int) -> None:
    con = duckdb.connect(str(warehouse))
    try:
        con.execute("CREATE TABLE IF NOT EXISTS t (x INTEGER)")
        for v in values:
            con.execute("INSERT INTO t VALUES (?)", [v])
    finally:
        con.close()


def _count(con) -> int:
    return con.execute("SELECT count(*) FROM t").fetchone()[0]


def test_replica_path(tmp_path):
    assert replica_path(tmp_path / "warehouse.duckdb") == tmp_path / "warehouse.read.duckdb"


def test_publish_keeps_old_readers_and_new_readers_see_new_data(tmp_path):
    wh = tmp_path / "warehouse.duckdb"
    _write(wh, 1)
    assert publish_replica(wh) == replica_path(wh)
    assert replica_is_current(wh)
    old = open_for_reading(wh)
    assert _count(old) == 1
    _write(wh, 2, 3)                      # the writer works while a reader holds the replica
    assert not replica_is_current(wh)
    publish_replica(wh)
    assert _count(old) == 1               # the old reader keeps its snapshot and still works
    new = open_for_reading(wh)
    assert _count(new) == 3               # same process, yet not the cached old database
    old.close()
    new.close()
    assert not list(tmp_path.glob("*.tmp"))


def test_publish_with_the_writers_connection_checkpoints_first(tmp_path):
    wh = tmp_path / "warehouse.duckdb"
    con = duckdb.connect(str(wh))
    con.execute("CREATE TABLE t AS SELECT range AS x FROM range(1000)")
    publish_replica(wh, con)
    con.close()
    reader = open_for_reading(wh)
    assert _count(reader) == 1000
    reader.close()


def test_stale_replica_is_refreshed_between_runs(tmp_path):
    wh = tmp_path / "warehouse.duckdb"
    _write(wh, 1)
    con = open_for_reading(wh)             # no replica yet: made by copying the quiet warehouse
    assert _count(con) == 1 and replica_path(wh).exists()
    con.close()
    _write(wh, 2)                          # e.g. a run before publish_replica was wired in
    con = open_for_reading(wh)
    assert _count(con) == 2
    con.close()


def test_run_in_progress_readers_use_the_replica(tmp_path):
    wh = tmp_path / "warehouse.duckdb"
    _write(wh, 1)
    publish_replica(wh)
    _write(wh, 2)
    Path(str(wh) + ".lock").write_text(f"pid {os.getpid()}")   # as RunLock writes it
    con = open_for_reading(wh)
    assert _count(con) == 1                # last published state; the warehouse is left alone
    con.close()
    assert not replica_is_current(wh)


def test_missing_warehouse_is_one_line_error(tmp_path):
    with pytest.raises(MissingInputError, match="does not exist"):
        open_for_reading(tmp_path / "nope.duckdb")


_HOLD_WRITER = textwrap.dedent("""
    import sys, duckdb
    con = duckdb.connect(sys.argv[1])
    con.execute("INSERT INTO t VALUES (9)")
    print("ready", flush=True)
    sys.stdin.readline()
""")


def test_no_replica_and_a_writer_holds_the_warehouse_gives_clear_error(tmp_path):
    wh = tmp_path / "warehouse.duckdb"
    _write(wh, 1)
    child = subprocess.Popen([sys.executable, "-c", _HOLD_WRITER, str(wh)], stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout.readline().strip() == "ready"
        with pytest.raises(WarehouseError, match="stayed locked") as info:
            open_for_reading(wh, timeout=1)
        assert "\n" not in str(info.value)
    finally:
        child.communicate("done\n", timeout=30)


_HOLD_READER = textwrap.dedent("""
    import sys
    from pathlib import Path
    from pipeline.store.replica import open_for_reading
    con = open_for_reading(Path(sys.argv[1]))
    print(con.execute("SELECT count(*) FROM t").fetchone()[0], flush=True)
    for line in sys.stdin:                 # keep the same connection open across the parent's writes
        print(con.execute("SELECT count(*) FROM t").fetchone()[0], flush=True)
""")


def test_two_processes_reader_holds_replica_while_writer_writes_and_publishes(tmp_path):
    wh = tmp_path / "warehouse.duckdb"
    _write(wh, 1)
    publish_replica(wh)
    child = subprocess.Popen([sys.executable, "-c", _HOLD_READER, str(wh)], stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert child.stdout.readline().strip() == "1"
        for round_ in range(3):
            # the writer opens the warehouse read-write while the other process reads: no lock error
            _write(wh, 10 + round_)
            publish_replica(wh)
            child.stdin.write("again\n")
            child.stdin.flush()
            assert child.stdout.readline().strip() == "1"   # its open handle keeps the old inode
            fresh = subprocess.run([sys.executable, "-c", _HOLD_READER, str(wh)], input="",
                                   capture_output=True, text=True, timeout=60)
            assert fresh.returncode == 0, fresh.stderr
            assert fresh.stdout.strip() == str(2 + round_)   # a new reader sees the new data
    finally:
        out, err = child.communicate("", timeout=30)
    assert child.returncode == 0, err


def test_the_replica_and_raw_pages_are_readable_by_the_group(tmp_path):
    from pipeline.crawl.rawstore import store_raw
    from pipeline.store.warehouse import Warehouse

    warehouse = tmp_path / "warehouse.duckdb"
    with Warehouse(warehouse) as wh:
        publish_replica(warehouse, wh.con)
    assert replica_path(warehouse).stat().st_mode & 0o777 == 0o640
    with Warehouse(warehouse) as wh:
        publish_replica(warehouse, wh.con, mode=0o600)
    assert replica_path(warehouse).stat().st_mode & 0o777 == 0o600
    _, raw = store_raw(tmp_path / "raw", b"<html>page</html>")
    assert raw.stat().st_mode & 0o777 == 0o640
