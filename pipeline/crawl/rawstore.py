"""Raw responses stored content-addressed as gzip, written atomically (temp file + rename), and the
one reader of stored pages (raw or gzip), which stops at max_page_bytes as the fetcher does."""
from __future__ import annotations

import gzip
import hashlib
import os
import tempfile
import zlib
from pathlib import Path

from pipeline.config import Config
from pipeline.errors import InputError, MissingInputError

DEFAULT_MODE = 0o640   # analysts (the group) read raw pages; mkstemp alone would leave them 0600
# Stored pages get the limit fetched pages have (max_page_bytes): a gzip bomb must not take the memory.
DEFAULT_MAX_BYTES = Config().max_page_bytes


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


def read_raw(path: Path, limit: int = DEFAULT_MAX_BYTES) -> bytes:
    """A stored page's bytes, gunzipped when its name ends in .gz; InputError (MissingInputError for
    no file) with a one-line reason when it cannot be read or holds more than `limit` bytes, packed
    or unpacked."""
    try:
        with path.open("rb") as fh:
            body = fh.read(limit + 1)
    except FileNotFoundError:
        raise MissingInputError(f"{path}: no such file") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror}") from None
    if len(body) > limit:
        raise InputError(f"{path}: larger than {limit:,} bytes (max_page_bytes)")
    if path.suffix == ".gz":
        return _gunzipped(body, limit, path)
    return body


def _gunzipped(body: bytes, limit: int, path: Path) -> bytes:
    """The bytes of the gzip members in `body` (concatenated, zero padding between them allowed, as
    gzip reads them), at most `limit` of them."""
    out = bytearray()
    rest = body
    while True:
        inflate = zlib.decompressobj(16 + zlib.MAX_WBITS)
        try:
            out += inflate.decompress(rest, limit + 1 - len(out))
        except zlib.error as exc:
            raise InputError(f"{path}: not a readable gzip file: {exc}") from None
        if len(out) > limit:
            raise InputError(f"{path}: unpacks to more than {limit:,} bytes (max_page_bytes)")
        if not inflate.eof:
            raise InputError(f"{path}: not a readable gzip file: truncated")
        rest = inflate.unused_data.lstrip(b"\0")
        if not rest:
            return bytes(out)
