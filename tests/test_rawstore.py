import gzip
import hashlib

from pipeline.crawl.rawstore import read_raw, store_raw


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
