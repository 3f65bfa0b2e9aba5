import gzip
import hashlib

import pytest

from pipeline.crawl.rawstore import read_raw, store_raw
from pipeline.errors import InputError, MissingInputError


def test_content_addressed_and_idempotent(tmp_path):
    body = b"<html><p>17 wards</p></html>"
    sha, path = store_raw(tmp_path, body)
    assert sha == hashlib.sha256(body).hexdigest()
    assert path == tmp_path / sha[:2] / f"{sha}.html.gz"
    assert gzip.decompress(path.read_bytes()) == body == read_raw(path)
    mtime = path.stat().st_mtime_ns
    assert store_raw(tmp_path, body) == (sha, path)
    assert path.stat().st_mtime_ns == mtime
    assert not [p for p in path.parent.iterdir() if p.name.startswith(".tmp-")]


def test_read_raw_reads_plain_and_concatenated_gzip_pages(tmp_path):
    plain = tmp_path / "a.html"
    plain.write_bytes(b"<p>5 wards</p>")
    members = tmp_path / "b.html.gz"
    members.write_bytes(gzip.compress(b"<p>5 ") + b"\0\0" + gzip.compress(b"wards</p>"))
    assert read_raw(plain) == read_raw(members) == b"<p>5 wards</p>"


@pytest.mark.parametrize("name, packed, reason", [
    ("bomb.html.gz", gzip.compress(b" " * 5000), "unpacks to more than 1,000 bytes"),
    ("two.html.gz", gzip.compress(b" " * 600) * 2, "unpacks to more than 1,000 bytes"),
    ("big.html", b" " * 1001, "larger than 1,000 bytes"),
    ("cut.html.gz", gzip.compress(b"<p>17 wards</p>")[:-6], "not a readable gzip file: truncated"),
    ("tail.html.gz", gzip.compress(b"<p>17 wards</p>") + b"junk", "not a readable gzip file"),
])
def test_read_raw_stops_at_the_limit_and_names_the_fault(tmp_path, name, packed, reason):
    path = tmp_path / name
    path.write_bytes(packed)
    with pytest.raises(InputError, match=reason):
        read_raw(path, limit=1000)


def test_read_raw_of_no_file(tmp_path):
    with pytest.raises(MissingInputError, match="no such file"):
        read_raw(tmp_path / "gone.html.gz")
