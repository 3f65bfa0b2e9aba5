"""The hostile web (issue 15): a local site whose paths each serve one kind of bad page, crawled by the real
nightly run. Every bad page costs only itself: the run finishes, the good pages are stored, a page that
is no text is one `failed` fetch with its reason, and the exit code is the documented one."""
from __future__ import annotations

import os
from pathlib import Path

import duckdb
import pytest

from conftest import generic_site_config, run_cli

PAGES = Path(__file__).parent / "fixtures" / "generic"

def page(name: str) -> bytes:
    return (PAGES / f"{name}.html").read_bytes()


# path -> (Content-Type, body): pages whose bytes are fine but whose label is no text encoding
MISLABELLED = {
    "/news/charset-base64-story.html": ("text/html; charset=base64", page("split_by_ads")),
    "/news/charset-rot13-story.html": ("text/html; charset=rot13", page("form_wrapped")),
    "/news/meta-undefined-story.html": ("text/html", page("description_repeat").replace(
        b'<meta charset="utf-8">', b'<meta charset="undefined">')),
    "/news/charset-punycode-story.html": ("text/html; charset=punycode", page("boilerplate_in_container")),
}
WORDS = ("Dong Anh", "Hà Đông", "Hoai Duc", "Thanh Tri")
NOT_TEXT = {"/news/random-bytes-story.html": ("text/html", os.urandom(60_000))}


@pytest.fixture
def hostile(tmp_path, http_site):
    base, routes = http_site
    routes.add_site("https://hostile.example", {**MISLABELLED, **NOT_TEXT})
    generic_site_config(tmp_path, "hostile", "https://hostile.example", base)
    return tmp_path


def test_mislabelled_pages_are_read_and_binary_pages_fail_alone(hostile):
    out = run_cli("run", cwd=hostile)
    assert out.returncode == 3, out.stderr          # finished, with one page failed
    assert out.stderr.strip().splitlines()[-1].startswith("newsfacts: error: run ")
    con = duckdb.connect(str(hostile / "warehouse.duckdb"), read_only=True)
    stored = {r[0] for r in con.execute("SELECT url FROM articles").fetchall()}
    assert stored == {f"https://hostile.example{p}" for p in MISLABELLED}
    bodies = [r[0] for r in con.execute("SELECT body_text FROM articles").fetchall()]
    assert all(any(w in b for w in WORDS) for b in bodies)      # read as the UTF-8 they are
    failed = con.execute("SELECT url, reason FROM fetches WHERE outcome = 'failed'").fetchall()
    con.close()
    assert len(failed) == 1 and failed[0][0].endswith("/random-bytes-story.html")
    assert failed[0][1].startswith("not text: ")


def test_parse_refuses_a_binary_file_with_one_line(tmp_path):
    (tmp_path / "noise.html").write_bytes(os.urandom(20_000))
    out = run_cli("parse", "noise.html", cwd=tmp_path)
    assert out.returncode == 65 and out.stderr.count("\n") == 1 and "not text" in out.stderr


def test_a_day_long_crawl_delay_is_capped_and_the_night_goes_on(tmp_path, http_site):
    base, routes = http_site
    routes.add_site("https://slow.example", {"/news/split-by-ads-story.html": page("split_by_ads"),
                                             "/news/form-wrapped-story.html": page("form_wrapped")},
                    robots="User-agent: *\nCrawl-delay: 86400\nAllow: /\n")
    generic_site_config(tmp_path, "slow", "https://slow.example", base,
                        f'max_crawl_delay = 0.2\nlog_level = "INFO"\nlog_file = "{tmp_path / "run.log"}"\n')
    out = run_cli("run", cwd=tmp_path, timeout=120)     # uncapped, this would wait a day per page
    assert (out.returncode, out.stdout, out.stderr) == (0, "", "")
    assert "Crawl-delay of 86400 s; waiting 0.2 s" in (tmp_path / "run.log").read_text()
    con = duckdb.connect(str(tmp_path / "warehouse.duckdb"), read_only=True)
    assert con.execute("SELECT count(*) FROM articles").fetchone()[0] == 2
    con.close()


def nested(levels: int) -> str:
    return ("<html><head><title>Deep</title></head><body>" + "<div>" * levels
            + "<p>The ward settled 133/155 tasks, or 85.8%, in 2024.</p>" + "</div>" * levels + "</body></html>")


def test_a_page_nested_ten_thousand_deep_fails_alone_and_fast(tmp_path, http_site):
    base, routes = http_site
    paths = ["/news/deep-story-page.html", "/news/split-by-ads-story.html"]
    routes.add_site("https://deep.example", {paths[0]: nested(10_000), paths[1]: page("split_by_ads")})
    generic_site_config(tmp_path, "deep", "https://deep.example", base)
    out = run_cli("run", cwd=tmp_path, timeout=120)
    assert out.returncode == 3, out.stderr
    con = duckdb.connect(str(tmp_path / "warehouse.duckdb"), read_only=True)
    assert [r[0] for r in con.execute("SELECT url FROM articles").fetchall()] == ["https://deep.example" + paths[1]]
    (reason,) = con.execute("SELECT reason FROM fetches WHERE outcome = 'failed'").fetchone()
    con.close()
    assert reason == "too deeply nested: more than 400 levels of elements"
    (tmp_path / "deep.html").write_text(nested(10_000))
    out = run_cli("parse", "deep.html", cwd=tmp_path)
    assert out.returncode == 65 and out.stderr.count("\n") == 1 and "too deeply nested" in out.stderr


def test_a_page_nested_as_deep_as_real_ones_parses():
    from pipeline.sites import parse_page

    art = parse_page(nested(300), "https://deep.example/news/a-b-c-d.html")
    assert art.body_text == "The ward settled 133/155 tasks, or 85.8%, in 2024."


def test_a_name_that_rebinds_to_loopback_after_the_check_is_not_followed(http_site, monkeypatch):
    """DNS rebinding: the check sees a public address, a second lookup would give 127.0.0.1. The
    connection goes to the address that was checked (here unreachable), never to the local server.
    DNS is the one part mocked: no name server here can answer differently on each lookup."""
    import socket

    from pipeline.config import Config
    from pipeline.crawl.fetch import Fetcher

    base, routes = http_site
    port = int(base.rsplit(":", 1)[1])
    routes.add("/secret.html", "<p>internal</p>")
    real = socket.getaddrinfo
    lookups = []

    def rebinding(host, *args, **kwargs):
        if host != "rebind.example":
            return real(host, *args, **kwargs)
        lookups.append(host)
        addr = "8.8.8.8" if len(lookups) == 1 else "127.0.0.1"   # public for the check, then loopback
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (addr, port))]

    monkeypatch.setattr(socket, "getaddrinfo", rebinding)
    fetcher = Fetcher(Config(delay_seconds=0, connect_timeout=1, read_timeout=1, page_seconds=5), backoff_base=0.01)
    try:
        res = fetcher.get(f"http://rebind.example:{port}/secret.html")
    finally:
        fetcher.close()
    assert not res.ok and b"internal" not in res.body
    assert not any(path == "/secret.html" for _, path, _ in routes.requests)
