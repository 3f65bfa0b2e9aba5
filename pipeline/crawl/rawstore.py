"""Raw responses stored content-addressed as gzip, written atomically (temp file + rename)."""
from __future__ import annotations

import gzip
import hashlib
import os
import tempfile
from pathlib import Path


DEFAULT_MODE = 0o640   # analysts (the group) read raw pages; mkstemp alone would leave them 0600


def store_raw(root: Path, body: bytes, mode: int = DEFAULT_MODE) -> tuple[str, Path]:
    """Store `body` under root/ab/abcd....html.gz (file `mode`); return (sha256 of body, path).
    Idempotent."""
    digest = hashlib.sha256(body).hexdigest()
    path = root / digest[:2] / f"{digest}.html.gz"
    if path.exists():
        return digest, path
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".gz")
    try:
        with os.fdopen(fd, "wb") as raw:
            with gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as gz:
                gz.write(body)
            raw.flush()
            os.fsync(raw.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return digest, path


def read_raw(path: Path) -> bytes:
    with gzip.open(path, "rb") as fh:
        return fh.read()
