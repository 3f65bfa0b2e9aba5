"""Web-archive input: the HTML pages of some hosts in WARC files (Common Crawl's CC-NEWS, one's own
captures), read with fastwarc.

    stats = WarcStats()
    for page in read_pages("CC-NEWS-2024.warc.gz", {"hanoitimes.vn"}, stats):
        ...   # ArchivedPage(url, fetched_at, body, content_type, source="file#offset")

Only `response` records are kept, of an http(s) URL on one of the hosts (www. and m. ignored, as the
crawler ignores them), answered 200 with an HTML content type; their payload comes with the HTTP
transfer and content encodings undone. A record whose payload cannot be decoded is still yielded,
with `error` set, so that it is counted where the pages are (a failed page of the batch).

A truncated or corrupt file costs only itself: the records read before the damage are yielded, the
damage is logged and counted in `WarcStats.damaged`, and the caller goes on with the next file.
fastwarc stops quietly at a truncated gzip member, so each file's end is checked here: the file must
end where its last record does.

fastwarc is an optional dependency (the `backfill` extra); the base install never imports it.
"""
from __future__ import annotations

import glob
import io
import logging
import os
import zlib
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Collection, Iterable, Iterator
from urllib.parse import urlsplit

from pipeline.crawl.hosts import bare_host
from pipeline.crawl.rawstore import DEFAULT_MAX_BYTES
from pipeline.errors import MissingExtraError, MissingInputError

log = logging.getLogger(__name__)

HTML_TYPES = frozenset(("text/html", "application/xhtml+xml"))
_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)
_READ = 1 << 16


@dataclass(frozen=True, slots=True)
class ArchivedPage:
    url: str                    # WARC-Target-URI
    fetched_at: datetime        # WARC-Date (UTC): which of two captures of an article is the later
    body: bytes                 # the HTTP payload, transfer and content encodings undone
    content_type: str | None    # the HTTP Content-Type header, charset included
    source: str                 # "file#offset": the WARC file and the record's offset in it
    error: str | None = None    # why the payload could not be read (then body is b"")


@dataclass(slots=True)
class WarcStats:
    files: int = 0
    records: int = 0            # records of any type read
    pages: int = 0              # kept: responses of the hosts, 200, HTML (with or without an error)
    other_hosts: int = 0        # responses of other hosts
    not_html: int = 0           # responses of the hosts that are no 200 HTML page
    damaged: list[str] = field(default_factory=list)   # "file: reason" of files not read to their end

    def add(self, other: "WarcStats") -> None:
        """Sum another reader's counts into these (one stats object per engine run)."""
        self.files += other.files
        self.records += other.records
        self.pages += other.pages
        self.other_hosts += other.other_hosts
        self.not_html += other.not_html
        self.damaged += other.damaged


def fastwarc_module() -> Any:
    """fastwarc.warc, or the one-line error that says how to install it."""
    try:
        from fastwarc import warc
    except ImportError:
        raise MissingExtraError("reading WARC files needs fastwarc: pip install 'newsfacts[backfill]'") from None
    return warc


def expand_inputs(patterns: Iterable[str]) -> list[str]:
    """The WARC files the patterns name (shell globs, `**` included), sorted and each once.
    A pattern that matches nothing is an error: a backfill of nothing is a typo."""
    found: dict[str, None] = {}
    for pattern in patterns:
        matches = sorted(p for p in glob.glob(os.path.expanduser(pattern), recursive=True) if Path(p).is_file())
        if not matches:
            raise MissingInputError(f"--input {pattern}: no such file")
        found.update(dict.fromkeys(matches))
    return sorted(found)


def host_set(hosts: Iterable[str]) -> frozenset[str]:
    """Host names as records are matched against them: bare (no www./m., lower case)."""
    return frozenset(bare_host(h.strip()) for h in hosts if h.strip())


def read_pages(path: str, hosts: Collection[str], stats: WarcStats | None = None,
               max_page_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[ArchivedPage]:
    """The kept pages of one WARC file (plain or gzip, one member per record), in file order.
    `hosts` are bare host names (host_set). Never raises for a damaged file: see the module docstring."""
    warc = fastwarc_module()
    stats = stats if stats is not None else WarcStats()
    wanted = host_set(hosts)
    stats.files += 1
    last_pos: int | None = None
    # A page is handed on once the next record starts (or the file proved whole): the last record of
    # a truncated file may be cut short, and is then left out rather than staged half.
    pending: tuple[int, ArchivedPage] | None = None
    reason: str | None = None
    try:
        # parse_http off: HTTP headers are parsed for the records kept only; auto_decode stays "none"
        # (fastwarc 2.0.1 drops the records after a gzip-encoded payload with auto_decode="all")
        for record in warc.ArchiveIterator(path, record_types=warc.WarcRecordType.any_type, parse_http=False):
            if pending:
                yield pending[1]
                pending = None
            stats.records += 1
            last_pos = record.stream_pos
            if record.record_type != warc.WarcRecordType.response:
                continue
            url = record.headers.get("WARC-Target-URI") or ""
            parts = urlsplit(url)
            if parts.scheme not in ("http", "https") or bare_host(parts.hostname or "") not in wanted:
                stats.other_hosts += 1
                continue
            record.parse_http()
            http = record.http_headers      # None: no HTTP response in the block (or one cut short)
            if http is None or http.status_code != 200 or (record.http_content_type or "").lower() not in HTML_TYPES:
                stats.not_html += 1
                continue
            stats.pages += 1
            pending = (record.stream_pos, _page(record, path, url, max_page_bytes))
    except OSError as exc:
        reason = f"unreadable after offset {last_pos or 0}: {exc}"
    else:
        reason = _unread_tail(path, last_pos)
    if reason:
        _damaged(stats, path, reason)
    if pending and (reason is None or _record_whole(path, pending[0])):
        yield pending[1]
    elif pending:
        stats.pages -= 1
        log.warning("WARC file %s: the record at offset %d is cut short: left out", path, pending[0])


def _damaged(stats: WarcStats, path: str, reason: str) -> None:
    log.warning("WARC file %s: %s; the records before were read", path, reason)
    stats.damaged.append(f"{path}: {reason}"[:300])


def _page(record: Any, path: str, url: str, max_page_bytes: int) -> ArchivedPage:
    headers = record.http_headers
    content_type = headers.get("Content-Type")
    try:
        fetched_at = record.record_date or _EPOCH
    except (ValueError, OSError):   # a WARC-Date fastwarc cannot read
        fetched_at = _EPOCH
    source = f"{path}#{record.stream_pos}"
    raw = record.reader.read(max_page_bytes + 1)
    try:
        if len(raw) > max_page_bytes:
            raise ValueError(f"payload over max_page_bytes ({max_page_bytes})")
        body = decode_payload(raw, headers.get("Transfer-Encoding"), headers.get("Content-Encoding"),
                              max_page_bytes)
    except (ValueError, OSError, zlib.error) as exc:
        return ArchivedPage(url, fetched_at, b"", content_type, source, f"{type(exc).__name__}: {exc}"[:300])
    return ArchivedPage(url, fetched_at, body, content_type, source)


def decode_payload(raw: bytes, transfer_encoding: str | None, content_encoding: str | None,
                   max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The payload as the page's bytes: chunked transfer coding removed, then the content codings
    (gzip, deflate, br, zstd; applied in the order listed, so undone from the last) up to max_bytes.
    A payload marked chunked that is not (crawlers often store it de-chunked) is taken as it is."""
    from fastwarc.stream_io import BrotliReader, ChunkedReader, ZstdReader

    if "chunked" in (transfer_encoding or "").lower():
        try:
            raw = _read_all(ChunkedReader(io.BytesIO(raw)), max_bytes)
        except OSError:
            pass
    codings = [c.strip().lower() for c in (content_encoding or "").split(",") if c.strip()]
    for coding in reversed(codings):
        if coding in ("identity", "none"):
            continue
        if coding in ("gzip", "x-gzip"):
            raw = _inflate(raw, 31, max_bytes)
        elif coding == "deflate":   # zlib-wrapped as the RFC says, or raw deflate as some servers send
            try:
                raw = _inflate(raw, 15, max_bytes)
            except zlib.error:
                raw = _inflate(raw, -15, max_bytes)
        elif coding == "br":
            raw = _read_all(BrotliReader(io.BytesIO(raw)), max_bytes)
        elif coding == "zstd":
            raw = _read_all(ZstdReader(io.BytesIO(raw)), max_bytes)
        else:
            raise ValueError(f"unsupported Content-Encoding {coding!r}")
    return raw


def _inflate(data: bytes, wbits: int, max_bytes: int) -> bytes:
    inflater = zlib.decompressobj(wbits)
    out = inflater.decompress(data, max_bytes + 1)
    if len(out) > max_bytes:
        raise ValueError(f"payload over max_page_bytes ({max_bytes}) once decompressed")
    # a payload cut short (WARC-Truncated) decodes to what it holds: the page's start is still a page
    return out + inflater.flush()


def _read_all(reader: Any, max_bytes: int) -> bytes:
    chunks, size = [], 0
    while chunk := reader.read(_READ):
        chunks.append(chunk)
        size += len(chunk)
        if size > max_bytes:
            raise ValueError(f"payload over max_page_bytes ({max_bytes}) once decoded")
    return b"".join(chunks)


def _unread_tail(path: str, last_pos: int | None) -> str | None:
    """Why the file does not end where its last record does (truncated, garbage after it), or None."""
    size = os.path.getsize(path)
    if last_pos is None:
        return f"no WARC record in its {size} bytes" if size else None
    end = _record_end(path, last_pos)
    if end is None or end > size:
        return f"truncated: the record at offset {last_pos} is cut short"
    if end < size:
        return f"{size - end} bytes after the last record (offset {end}) could not be read"
    return None


def _record_whole(path: str, pos: int) -> bool:
    end = _record_end(path, pos)
    return end is not None and end <= os.path.getsize(path)


def _record_end(path: str, pos: int) -> int | None:
    """The offset after the record at `pos`: after its gzip member, or after its block in a plain
    file; None if the file ends (or its gzip data breaks) before."""
    with open(path, "rb") as fh:
        fh.seek(pos)
        gzipped = fh.read(2) == b"\x1f\x8b"
        fh.seek(pos)
        return _gzip_member_end(fh) if gzipped else _plain_record_end(fh, pos)


def _gzip_member_end(fh: Any) -> int | None:
    inflater = zlib.decompressobj(31)
    while not inflater.eof:
        data = fh.read(_READ)
        if not data:
            return None
        try:
            while data and not inflater.eof:
                inflater.decompress(data, _READ)      # bounded: the output is thrown away
                data = inflater.unconsumed_tail
        except zlib.error:
            return None
    return fh.tell() - len(inflater.unused_data)


def _plain_record_end(fh: Any, start: int) -> int | None:
    head = fh.read(64 << 10)
    end_of_headers = head.find(b"\r\n\r\n")
    if end_of_headers < 0:
        return None
    for line in head[:end_of_headers].split(b"\r\n"):
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length" and value.strip().isdigit():
            # headers, the blank line, the block, then the two CRLFs that close a record
            return start + end_of_headers + 4 + int(value.strip()) + 4
    return None
