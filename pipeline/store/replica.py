"""A read-only replica of the warehouse, so readers never block the nightly run and vice versa.

DuckDB lets one process open a file read-write, or several open it read-only, never both. The run
is the only writer of `warehouse.duckdb`; after its last commit (and checkpoint) it publishes a
copy, `warehouse.read.duckdb`, atomically (temp file in the same directory, fsync, rename).
Readers -- the review page, `newsfacts query` -- open the replica read-only with one short-lived
connection per request. A reader that has the old replica open keeps its inode, so a publish never
breaks it, and since no reader ever locks `warehouse.duckdb` a reader never makes a run fail.

Publishers (the run, and a reader refreshing a stale replica between runs) take a small flock on
`warehouse.read.lock` so that an older copy can never replace a newer one.
"""
from __future__ import annotations

import contextlib
import fcntl
import logging
import os
import shutil
import tempfile
import time
from pathlib import Path
from typing import Iterator

import duckdb

from pipeline.errors import DamagedWarehouseError, MissingInputError, WarehouseError
from pipeline.store.lock import run_in_progress
from pipeline.store.sql import quote_identifier

log = logging.getLogger(__name__)

READ_TIMEOUT = 10.0   # seconds a reader retries a locked warehouse before giving up


def replica_path(warehouse: Path) -> Path:
    """`dir/warehouse.duckdb` -> `dir/warehouse.read.duckdb`."""
    warehouse = Path(warehouse)
    return warehouse.with_name(f"{warehouse.stem}.read{warehouse.suffix or '.duckdb'}")


def _wal(warehouse: Path) -> Path:
    return Path(str(warehouse) + ".wal")


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except FileNotFoundError:
        return None
    return st.st_mtime_ns, st.st_size


@contextlib.contextmanager
def _publish_lock(warehouse: Path, blocking: bool = True) -> Iterator[bool]:
    path = Path(str(warehouse) + ".read.lock")
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | (0 if blocking else fcntl.LOCK_NB))
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


DEFAULT_MODE = 0o640   # the replica is what analysts read: the group may (mkstemp alone gives 0600)


def publish_replica(warehouse: Path, con: duckdb.DuckDBPyConnection | None = None,
                    mode: int = DEFAULT_MODE) -> Path:
    """Copy the warehouse to its replica atomically; return the replica's path.

    Call it from the process that writes the warehouse, after the last commit, either with that
    connection (`con`, it is CHECKPOINTed first) or after closing it. The replica gets the
    warehouse's mtime, which is how readers tell whether it is current.
    """
    warehouse = Path(warehouse)
    if con is not None:
        con.execute("CHECKPOINT")
    with _publish_lock(warehouse):
        if not _copy_if_quiet(warehouse, mode):
            raise WarehouseError(f"cannot publish {replica_path(warehouse)}: {warehouse} changed while "
                                 f"it was copied (is another process writing it?)")
    return replica_path(warehouse)


def _copy_if_quiet(warehouse: Path, mode: int | None = None) -> bool:
    """Copy warehouse -> replica; False (nothing replaced) if the warehouse changed meanwhile or
    holds uncheckpointed changes in its WAL. The copy gets `mode`, else the replica's own (a reader
    refreshing it keeps what the run set). Caller holds the publish lock."""
    target = replica_path(warehouse)
    if mode is None:
        try:
            mode = target.stat().st_mode & 0o777
        except FileNotFoundError:
            mode = DEFAULT_MODE
    before = _stamp(warehouse)
    if before is None:
        raise MissingInputError(f"warehouse {warehouse} does not exist")
    wal = _wal(warehouse)
    if wal.exists() and wal.stat().st_size > 0:
        return False
    fd, tmp = tempfile.mkstemp(dir=warehouse.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as out, open(warehouse, "rb") as src:
            shutil.copyfileobj(src, out, 1024 * 1024)
            out.flush()
            os.fsync(out.fileno())
        if _stamp(warehouse) != before or (wal.exists() and wal.stat().st_size > 0):
            Path(tmp).unlink(missing_ok=True)
            return False
        if damage := damaged(Path(tmp)):
            raise DamagedWarehouseError(f"warehouse {warehouse} is damaged ({damage}); not published: "
                                        f"readers keep the last good {target.name}")
        os.chmod(tmp, mode)
        os.utime(tmp, ns=(before[0], before[0]))
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    dir_fd = os.open(warehouse.parent, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)
    log.info("published %s", target)
    return True


def damaged(path: Path) -> str | None:
    """Why the file is no sound DuckDB database, or None: it must open, and every table must read
    back whole -- DuckDB checks each block's checksum as it reads it, so a truncated file or one
    with flipped bytes anywhere fails here, not in an analyst's query next week."""
    try:
        con = _connect_ro(path)
    except duckdb.Error as exc:
        return _first_line(exc)
    try:
        return _unreadable(con)
    finally:
        con.close()


def _unreadable(con: duckdb.DuckDBPyConnection) -> str | None:
    try:
        tables = con.execute("SELECT schema_name, table_name FROM duckdb_tables() "
                             "WHERE database_name = 'warehouse'").fetchall()
        for schema, table in tables:
            con.execute(f"SELECT count(*), sum(hash(t)) FROM {quote_identifier(schema)}.{quote_identifier(table)} "
                        f"AS t").fetchall()
    except duckdb.Error as exc:
        return _first_line(exc)
    return None


def _first_line(exc: BaseException) -> str:
    return (str(exc).splitlines() or [type(exc).__name__])[0]


def is_damage(exc: duckdb.Error) -> bool:
    """Whether a DuckDB error says the file itself is unreadable, rather than the SQL being wrong."""
    return isinstance(exc, duckdb.IOException) or "corrupt database file" in str(exc).lower()


def replica_is_current(warehouse: Path) -> bool:
    """The replica holds everything the warehouse holds: same mtime (publish copies it), no WAL."""
    rep, src = _stamp(replica_path(warehouse)), _stamp(Path(warehouse))
    if rep is None or src is None:
        return False
    wal = _wal(Path(warehouse))
    return rep[0] >= src[0] and not (wal.exists() and wal.stat().st_size > 0)


def _connect_ro(path: Path) -> duckdb.DuckDBPyConnection:
    """Read-only, through ATTACH on a fresh in-memory database: `duckdb.connect(path)` would reuse
    a database this process already has open on that path -- the replica's old inode."""
    con = duckdb.connect(":memory:")
    try:
        con.execute("ATTACH ? AS warehouse (READ_ONLY)", [str(path)])
        con.execute("USE warehouse")
        con.execute("SET TimeZone = 'UTC'")
    except BaseException:
        con.close()
        raise
    return con


def open_for_reading(warehouse: Path, timeout: float = READ_TIMEOUT) -> duckdb.DuckDBPyConnection:
    """A read-only connection on the freshest safely readable copy of the warehouse. Close it soon.

    - the replica is current, or a run is writing: the replica (the last published state);
    - the replica is stale or missing and nobody writes: refresh it by copying (a copy takes no
      DuckDB lock, so a run starting meanwhile is not disturbed; a copy it overlaps is dropped);
      if that fails, the stale replica -- a reader never locks the warehouse while a replica exists,
      since a read lock taken as a run starts would make the run fail;
    - no replica at all (before the first publish): the warehouse itself read-only, retried for
      `timeout` seconds while a run holds it, then a one-line WarehouseError.
    """
    warehouse = Path(warehouse)
    replica = replica_path(warehouse)
    if not warehouse.exists() and not replica.exists():
        raise MissingInputError(f"warehouse {warehouse} does not exist (run `newsfacts run --demo` "
                                f"or `newsfacts migrate` first)")
    deadline = time.monotonic() + timeout
    last_error = "a run is writing it"
    while True:
        busy = run_in_progress(warehouse)
        if replica.exists() and (busy or not warehouse.exists() or replica_is_current(warehouse)):
            return _open_replica(replica)
        if not busy:
            refresh_replica(warehouse)
            if replica.exists():
                return _open_replica(replica)
            try:
                con = _connect_ro(warehouse)
            except duckdb.Error as exc:
                last_error = _first_line(exc)
                if "lock" not in last_error.lower():
                    raise WarehouseError(f"cannot open warehouse {warehouse}: {last_error}") from None
            else:
                if damage := _unreadable(con):
                    con.close()
                    raise DamagedWarehouseError(f"warehouse {warehouse} is damaged: {damage}")
                return con
        if time.monotonic() >= deadline:
            raise WarehouseError(f"warehouse {warehouse} stayed locked for {timeout:g} s and has no "
                                 f"replica yet ({last_error}); try again after the run")
        time.sleep(0.2)


def _open_replica(replica: Path) -> duckdb.DuckDBPyConnection:
    try:
        return _connect_ro(replica)
    except duckdb.Error as exc:
        raise WarehouseError(f"cannot open {replica}: {_first_line(exc)}") from None


def refresh_replica(warehouse: Path) -> bool:
    """Bring a stale replica up to date between runs, if no one else is publishing and the warehouse
    is quiet; never waits and never raises for a busy warehouse. True if the replica is current."""
    warehouse = Path(warehouse)
    if replica_is_current(warehouse):
        return True
    with _publish_lock(warehouse, blocking=False) as got:
        if got and not replica_is_current(warehouse):
            try:
                _copy_if_quiet(warehouse)
            except (OSError, MissingInputError, WarehouseError) as exc:
                # with a replica the reader goes on with it, stale: worth a warning; without, the
                # reader's own error says it
                (log.warning if replica_path(warehouse).exists() else log.info)(
                    "cannot refresh %s: %s", replica_path(warehouse), exc)
    return replica_is_current(warehouse)
