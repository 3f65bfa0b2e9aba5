"""One writer at a time: a run holds an exclusive lock file beside the warehouse.

While held, the file says who holds it ("pid N"): for the error a second run gets, and for readers,
which ask `run_in_progress` rather than take the lock themselves."""
from __future__ import annotations

import fcntl
import os
from pathlib import Path

from pipeline.errors import LockedError, WarehouseError

def lock_path(warehouse: Path) -> Path:
    return Path(str(warehouse) + ".lock")


class RunLock:
    def __init__(self, warehouse: Path):
        self.path = lock_path(warehouse)
        self._fd: int | None = None

    def __enter__(self) -> "RunLock":
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:   # the warehouse's folder is a file, read-only, on a full disk...
            raise WarehouseError(f"cannot create the lock file {self.path}: {exc.strerror or exc}") from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.read(fd, 200).decode("utf-8", "replace").strip() or "unknown process"
            os.close(fd)
            raise LockedError(f"another run holds {self.path} ({holder}); try again later") from None
        os.ftruncate(fd, 0)
        os.write(fd, f"pid {os.getpid()}".encode())
        self._fd = fd
        return self

    def __exit__(self, *exc) -> None:
        if self._fd is not None:
            os.ftruncate(self._fd, 0)
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None


def run_in_progress(warehouse: Path) -> bool:
    """True while a run holds the warehouse's run lock: its file names a live process.

    Read only: testing the flock itself could make a run that starts at that instant fail."""
    try:
        text = lock_path(warehouse).read_text(encoding="utf-8", errors="replace").strip()
    except FileNotFoundError:
        return False
    if not text.startswith("pid "):
        return False
    try:
        os.kill(int(text.split()[1]), 0)
    except (ValueError, IndexError, ProcessLookupError):
        return False  # a killed run left its pid behind
    except PermissionError:
        return True
    return True
