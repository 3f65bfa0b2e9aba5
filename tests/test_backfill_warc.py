import gzip
import io
import sys
import zlib
from datetime import datetime, timezone

import pytest
from fastwarc.stream_io import BrotliWriter
from fastwarc.warc import ArchiveIterator

from conftest import warc_record, write_warc
from pipeline.backfill.warc import WarcStats, decode_payload, expand_inputs, read_pages
from pipeline.errors import MissingExtraError, MissingInputError

HTML = "<html><head><title>Hà Nội</title></head><body><p>Hà Nội thu ngân sách 5 tháng.</p></body></html>".encode()
HOSTS = {"hanoitimes.vn", "kinhtedothi.vn"}


def brotli(data: bytes) -> bytes:
    out = io.BytesIO()
    writer = BrotliWriter(out)
    writer.write(data)
    writer.close()
    return out.getvalue()


def chunked(data: bytes, size: int = 40) -> bytes:
    parts = [data[i:i + size] for i in range(0, len(data), size)]
    return b"".join(b"%x\r\n%s\r\n" % (len(p), p) for p in parts) + b"0\r\n\r\n"


def mixed_records() -> list[bytes]:
    """Two kept pages around everything that must be skipped, and encoded payloads between them."""
    return [
        warc_record("https://www.hanoitimes.vn/a.html", b"", record_type="request"),
        warc_record("https://www.hanoitimes.vn/a.html", HTML, date="2024-05-01T10:00:00Z"),
        warc_record("https://example.com/x.html", HTML),                                     # other host
        warc_record("https://hanoitimes.vn/logo.png", b"\x89PNG", http_headers={"Content-Type": "image/png"}),
        warc_record("https://hanoitimes.vn/gone.html", HTML, status="404 Not Found"),
        warc_record("https://hanoitimes.vn/moved.html", b"", status="301 Moved Permanently"),
        warc_record("https://m.kinhtedothi.vn/b.html", chunked(gzip.compress(HTML)), date="2024-06-02T08:30:00Z",
                    http_headers={"Content-Type": "text/html", "Transfer-Encoding": "chunked",
                                  "Content-Encoding": "gzip"}),
        warc_record("https://kinhtedothi.vn/c.html", brotli(HTML),
                    http_headers={"Content-Type": "application/xhtml+xml", "Content-Encoding": "br"}),
        warc_record("https://kinhtedothi.vn/d.html", zlib.compress(HTML),
                    http_headers={"Content-Type": "text/html", "Content-Encoding": "deflate"}),
        warc_record("https://hanoitimes.vn/e.html", HTML),
    ]


def test_keeps_the_html_responses_of_the_hosts_decoded(tmp_path):
    path = write_warc(tmp_path / "a.warc.gz", mixed_records())
    stats = WarcStats()
    pages = list(read_pages(str(path), HOSTS, stats))
    assert [p.url for p in pages] == ["https://www.hanoitimes.vn/a.html", "https://m.kinhtedothi.vn/b.html",
                                      "https://kinhtedothi.vn/c.html", "https://kinhtedothi.vn/d.html",
                                      "https://hanoitimes.vn/e.html"]
    # every payload decoded, and the records after a gzip-encoded one still read
    assert all(p.body == HTML and p.error is None for p in pages)
    assert pages[0].fetched_at == datetime(2024, 5, 1, 10, tzinfo=timezone.utc)
    assert pages[1].fetched_at == datetime(2024, 6, 2, 8, 30, tzinfo=timezone.utc)
    assert pages[0].content_type == "text/html; charset=utf-8"
    assert (stats.files, stats.records, stats.pages, stats.other_hosts, stats.not_html, stats.damaged) == \
        (1, 11, 5, 1, 3, [])


def test_source_names_the_record_in_its_file(tmp_path):
    path = write_warc(tmp_path / "a.warc.gz", mixed_records())
    for page in read_pages(str(path), HOSTS):
        file, _, offset = page.source.rpartition("#")
        assert file == str(path)
        with open(file, "rb") as fh:
            fh.seek(int(offset))
            record = next(iter(ArchiveIterator(fh)))
        assert record.headers.get("WARC-Target-URI") == page.url


def test_a_truncated_file_costs_only_itself(tmp_path):
    records = mixed_records()
    whole = write_warc(tmp_path / "whole.warc.gz", records).read_bytes()
    other = write_warc(tmp_path / "other.warc.gz", records[-1:])
    boundaries, at = set(), 0
    for member in [whole[:len(whole) - sum(map(len, records))], *records]:
        at += len(member)
        boundaries.add(at)
    for cut in range(150, len(whole) - 1, 97):
        if cut in boundaries:
            continue
        truncated = tmp_path / "cut.warc.gz"
        truncated.write_bytes(whole[:cut])
        stats = WarcStats()
        pages = [p for f in (truncated, other) for p in read_pages(str(f), HOSTS, stats)]
        assert len(stats.damaged) == 1 and stats.damaged[0].startswith(f"{truncated}: "), cut
        assert pages[-1].source.startswith(str(other)), cut     # the next file is read whole
        kept = [p for p in pages if p.source.startswith(str(truncated))]
        assert all(p.body == HTML for p in kept), cut           # what was read is whole


def test_corrupt_bytes_and_trailing_garbage_are_damage(tmp_path):
    whole = write_warc(tmp_path / "whole.warc.gz", mixed_records()).read_bytes()
    flipped = bytearray(whole)
    flipped[len(whole) // 2] ^= 0xFF
    for name, data in (("flipped", bytes(flipped)), ("garbage", whole + b"not a warc record"),
                       ("html", HTML)):
        path = tmp_path / f"{name}.warc.gz"
        path.write_bytes(data)
        stats = WarcStats()
        list(read_pages(str(path), HOSTS, stats))
        assert len(stats.damaged) == 1, name


def test_plain_warc_read_and_its_truncation_seen(tmp_path):
    whole = gzip.decompress(write_warc(tmp_path / "a.warc.gz", mixed_records()).read_bytes())
    plain = tmp_path / "a.warc"
    plain.write_bytes(whole)
    stats = WarcStats()
    assert len(list(read_pages(str(plain), HOSTS, stats))) == 5 and stats.damaged == []
    plain.write_bytes(whole[:-30])
    stats = WarcStats()
    assert len(list(read_pages(str(plain), HOSTS, stats))) == 4 and len(stats.damaged) == 1


def test_an_undecodable_or_oversized_payload_is_a_page_with_an_error(tmp_path):
    path = write_warc(tmp_path / "a.warc.gz", [
        warc_record("https://hanoitimes.vn/bad.html", b"not gzip at all",
                    http_headers={"Content-Type": "text/html", "Content-Encoding": "gzip"}),
        warc_record("https://hanoitimes.vn/odd.html", HTML,
                    http_headers={"Content-Type": "text/html", "Content-Encoding": "compress"}),
        warc_record("https://hanoitimes.vn/big.html", HTML * 10),
        warc_record("https://hanoitimes.vn/bomb.html", gzip.compress(b" " * 100_000),
                    http_headers={"Content-Type": "text/html", "Content-Encoding": "gzip"}),
    ])
    pages = list(read_pages(str(path), HOSTS, max_page_bytes=len(HTML) * 5))
    assert [p.body for p in pages] == [b""] * 4
    assert "zlib" in pages[0].error or "Error" in pages[0].error
    assert "unsupported Content-Encoding 'compress'" in pages[1].error
    assert "max_page_bytes" in pages[2].error and "max_page_bytes" in pages[3].error


def test_decode_payload_takes_a_dechunked_payload_as_it_is():
    assert decode_payload(HTML, "chunked", None) == HTML
    assert decode_payload(chunked(HTML), "chunked", None) == HTML
    assert decode_payload(zlib.compress(HTML)[2:-4], None, "deflate") == HTML     # raw deflate
    assert decode_payload(gzip.compress(gzip.compress(HTML)), None, "gzip, gzip") == HTML


def test_expand_inputs(tmp_path):
    for name in ("b.warc.gz", "a.warc.gz", "sub/c.warc"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_bytes(b"")
    found = expand_inputs([str(tmp_path / "*.warc.gz"), str(tmp_path / "a.warc.gz"), str(tmp_path / "**/*.warc")])
    assert found == [str(tmp_path / "a.warc.gz"), str(tmp_path / "b.warc.gz"), str(tmp_path / "sub/c.warc")]
    with pytest.raises(MissingInputError, match="nothing.warc.gz: no such file"):
        expand_inputs([str(tmp_path / "nothing.warc.gz")])


def test_without_fastwarc_one_line_says_what_to_install(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "fastwarc", None)
    with pytest.raises(MissingExtraError, match=r"pip install 'newsfacts\[backfill\]'"):
        list(read_pages(str(tmp_path / "a.warc.gz"), HOSTS))
