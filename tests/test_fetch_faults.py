"""Every network fault ends as a recorded FetchResult: retried, refused or failed with a reason, never a hang."""
from __future__ import annotations

import gzip
import importlib.util
import socket
import struct
import threading
import time
import tracemalloc
import zlib
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Callable

import pytest

from pipeline.config import Config
from pipeline.crawl.fetch import Fetcher, parse_retry_after
from pipeline.crawl.hosts import site_host

REAL = "https://news.example"
LIMIT = 1024 * 1024                      # max_page_bytes for the bomb tests
BOMB_BYTES = 64 * LIMIT                  # what a bomb expands to


def fetcher_for(base: str, *, cfg: dict | None = None, **kw) -> Fetcher:
    kw.setdefault("backoff_base", 0.02)
    return Fetcher(Config(url_map={REAL: base}, allow_loopback=True, delay_seconds=0, **(cfg or {})), **kw)


# --- servers ---------------------------------------------------------------------------------------

Reply = tuple[int, dict, bytes]


@pytest.fixture
def scripted_site():
    """An HTTP server whose answers come from `script(path, n)`, n = the how-many-th request to path.

    Yields (base_url, set_script, hits) where hits logs (monotonic time, path) server-side."""
    hits: list[tuple[float, str]] = []
    state: dict[str, Callable[[str, int], Reply]] = {"script": lambda path, n: (404, {}, b"nope")}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - the stdlib's name
            hits.append((time.monotonic(), self.path))
            n = sum(1 for _, p in hits if p == self.path)
            status, headers, body = state["script"](self.path, n)
            self.send_response(status)
            headers = {"Content-Type": "text/html; charset=utf-8", **headers}
            for key, value in headers.items():
                self.send_header(key, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}", lambda fn: state.update(script=fn), hits
    server.shutdown()
    server.server_close()


class RawServer:
    """A socket server for faults an HTTP server will not make: each connection runs `handle(conn)`
    after the request head has been read. `hits` logs the monotonic time of each connection."""

    def __init__(self, handle: Callable[[socket.socket], None]):
        self.handle = handle
        self.hits: list[float] = []
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.sock.settimeout(0.2)
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.sock.getsockname()[1]}"

    def _serve(self) -> None:
        while not self.stopping.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            self.hits.append(time.monotonic())
            threading.Thread(target=self._one, args=(conn,), daemon=True).start()

    def _one(self, conn: socket.socket) -> None:
        with conn:
            conn.settimeout(5)
            head = b""
            try:
                while b"\r\n\r\n" not in head:
                    data = conn.recv(4096)
                    if not data:
                        return
                    head += data
                self.handle(conn)
            except OSError:
                pass  # the client cut us off: that is what several tests want

    def close(self) -> None:
        self.stopping.set()
        self.thread.join(2)
        self.sock.close()


@pytest.fixture
def raw_server():
    servers: list[RawServer] = []

    def start(handle: Callable[[socket.socket], None]) -> RawServer:
        servers.append(RawServer(handle))
        return servers[-1]

    yield start
    for server in servers:
        server.close()


def reset(conn: socket.socket) -> None:
    """Close with RST instead of FIN."""
    conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))


# --- 1. retries, backoff, Retry-After ---------------------------------------------------------------

def test_503_is_retried_twice_with_growing_backoff(scripted_site):
    base, script, hits = scripted_site
    script(lambda path, n: (503, {}, b"busy"))
    res = fetcher_for(base, backoff_base=0.1).get(REAL + "/a.html")
    assert (res.outcome, res.status, res.reason, res.attempts) == ("failed", 503, "HTTP 503", 3)
    times = [t for t, _ in hits]
    assert len(times) == 3
    first_gap, second_gap = times[1] - times[0], times[2] - times[1]
    assert 0.05 <= first_gap and 0.1 <= second_gap          # equal jitter: at least half the step


@pytest.mark.parametrize("status", [408, 429, 500, 502, 504])
def test_transient_statuses_retried_until_success(scripted_site, status):
    base, script, hits = scripted_site
    script(lambda path, n: (status, {}, b"later") if n < 3 else (200, {}, b"<p>ok</p>"))
    res = fetcher_for(base).get(REAL + "/a.html")
    assert (res.outcome, res.status, res.body, res.attempts) == ("ok", 200, b"<p>ok</p>", 3)
    assert len(hits) == 3


def test_retry_after_seconds_is_waited(scripted_site):
    base, script, hits = scripted_site
    script(lambda path, n: (429, {"Retry-After": "1"}, b"") if n == 1 else (200, {}, b"<p>ok</p>"))
    res = fetcher_for(base).get(REAL + "/a.html")
    assert (res.outcome, res.attempts) == ("ok", 2)
    assert hits[1][0] - hits[0][0] >= 0.99


def test_parse_retry_after():
    date = formatdate(time.time() + 3, usegmt=True)
    assert 1.9 <= parse_retry_after(date) <= 3.01
    assert parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT") == 0.0        # in the past: now
    assert parse_retry_after("soon") is None and parse_retry_after(None) is None


def test_retry_after_http_date_drives_the_wait(scripted_site):
    base, script, hits = scripted_site
    date = formatdate(time.time() + 3, usegmt=True)
    script(lambda path, n: (503, {"Retry-After": date}, b"") if n == 1 else (200, {}, b"<p>ok</p>"))
    waits: list[float] = []
    res = fetcher_for(base, sleep=waits.append).get(REAL + "/a.html")
    assert (res.outcome, res.attempts) == ("ok", 2)
    assert len(waits) == 1 and 1.9 <= waits[0] <= 3.01


def test_retry_after_too_long_is_recorded_not_slept(scripted_site):
    base, script, hits = scripted_site
    script(lambda path, n: (503, {"Retry-After": "3600"}, b""))
    waits: list[float] = []
    res = fetcher_for(base, sleep=waits.append).get(REAL + "/a.html")
    assert (res.outcome, res.status, res.attempts) == ("failed", 503, 1)
    assert res.reason.startswith("retry-after too long")
    assert waits == [] and len(hits) == 1


@pytest.mark.parametrize("retries", [0, 1])
def test_max_retries_setting(http_site, retries):
    base, routes = http_site
    routes.add("/a.html", "busy", status=503)
    res = fetcher_for(base, cfg={"max_retries": retries}, backoff_base=0.01).get(REAL + "/a.html")
    assert (res.outcome, res.status, res.attempts) == ("failed", 503, retries + 1)
    assert len(routes.requests) == retries + 1


def test_retry_after_cap_setting(http_site):
    base, routes = http_site
    routes.add("/a.html", "busy", status=503, Retry_After="5")
    waits: list[float] = []
    res = fetcher_for(base, cfg={"retry_after_cap": 4}, sleep=waits.append).get(REAL + "/a.html")
    assert (res.outcome, res.reason, res.attempts, waits) == ("failed", "retry-after too long (5 s)", 1, [])
    res = fetcher_for(base, cfg={"retry_after_cap": 5}, sleep=waits.append).get(REAL + "/a.html")
    assert (res.outcome, res.reason, res.attempts) == ("failed", "HTTP 503", 3)
    assert len(waits) == 2 and min(waits) >= 5


def test_connection_errors_are_retried(raw_server):
    server = raw_server(reset)
    res = fetcher_for(server.base).get(REAL + "/a.html")
    assert res.outcome == "failed" and res.reason.startswith("connection error") and res.attempts == 3
    assert len(server.hits) == 3


def test_refused_connection_is_retried_and_recorded():
    sock = socket.create_server(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()                                   # nothing listens here now
    res = fetcher_for(f"http://127.0.0.1:{port}").get(REAL + "/a.html")
    assert (res.outcome, res.attempts) == ("failed", 3) and res.reason.startswith("connection error")


# --- 2. blocked ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("status", [401, 403])
def test_blocked_is_not_retried(scripted_site, status):
    base, script, hits = scripted_site
    script(lambda path, n: (status, {}, b"go away"))
    res = fetcher_for(base).get(REAL + "/a.html")
    assert (res.outcome, res.status, res.reason, res.attempts) == ("failed", status, f"blocked (HTTP {status})", 1)
    assert len(hits) == 1


# --- 3. redirects -------------------------------------------------------------------------------------

def test_redirects_on_the_served_base_are_followed(scripted_site):
    base, script, hits = scripted_site
    pages = {"/a": (301, {"Location": "/b"}, b""),                         # relative
             "/b": (302, {"Location": base + "/c"}, b""),                  # absolute, served base
             "/c": (307, {"Location": "https://www.news.example/d"}, b""),  # the real site, with www.
             "/d": (200, {}, b"<p>d</p>")}
    script(lambda path, n: pages[path])
    fetcher = Fetcher(Config(url_map={REAL: base, "https://www.news.example": base}, allow_loopback=True,
                             delay_seconds=0))
    res = fetcher.get(REAL + "/a")
    assert (res.outcome, res.body, res.attempts) == ("ok", b"<p>d</p>", 1)
    assert res.url == REAL + "/a" and res.fetched_url == base + "/d"
    assert [p for _, p in hits] == ["/a", "/b", "/c", "/d"]


def test_redirect_loop_stops_after_five(scripted_site):
    base, script, hits = scripted_site
    script(lambda path, n: (302, {"Location": f"/r{int(path[2:]) + 1}"}, b""))
    res = fetcher_for(base).get(REAL + "/r0")
    assert res.outcome == "failed" and res.reason == "more than 5 redirects" and res.status == 302
    assert len(hits) == 6
    hits.clear()
    res = fetcher_for(base, cfg={"max_redirects": 2}).get(REAL + "/r0")     # the setting
    assert res.outcome == "failed" and res.reason == "more than 2 redirects" and len(hits) == 3


@pytest.mark.parametrize("location, why", [
    ("https://evil.example/x", "another site (evil.example)"),
    ("http://127.0.0.1:1/x", "another site (127.0.0.1)"),     # the served host, but another port
    ("ftp://news.example/x", "scheme 'ftp'"),
    ("javascript:alert(1)", "scheme 'javascript'"),
])
def test_redirects_off_site_are_refused(scripted_site, location, why):
    base, script, hits = scripted_site
    script(lambda path, n: (302, {"Location": location}, b""))
    res = fetcher_for(base).get(REAL + "/a")
    assert (res.outcome, res.reason, res.status) == ("failed", f"redirect refused: {why}", 302)
    assert len(hits) == 1


def test_redirect_to_a_private_address_is_refused():
    fetcher = Fetcher(Config(delay_seconds=0))          # no allow_loopback: a real run
    _, refusal = fetcher._redirect_target("http://localhost/a", "http://localhost/a", "/b")
    assert refusal and "non-public" in refusal
    assert site_host("https://m.News.example./x") == site_host("http://www.news.example") == "news.example"


# --- 4. decompression bombs ---------------------------------------------------------------------------

def _bomb_test(scripted_site, encoding: str, payload: bytes) -> None:
    base, script, hits = scripted_site
    assert len(payload) < 300_000
    script(lambda path, n: (200, {"Content-Encoding": encoding}, payload))
    fetcher = fetcher_for(base, cfg={"max_page_bytes": LIMIT})
    tracemalloc.start()
    try:
        res = fetcher.get(REAL + "/bomb.html")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert (res.outcome, res.reason, res.attempts) == ("failed", f"body over {LIMIT} bytes", 1)
    assert peak < 8 * LIMIT, "the body was decompressed far past the limit before stopping"


def test_gzip_bomb_is_stopped_early(scripted_site):
    _bomb_test(scripted_site, "gzip", gzip.compress(bytes(BOMB_BYTES), compresslevel=9))


def test_deflate_bomb_is_stopped_early(scripted_site):
    _bomb_test(scripted_site, "deflate", zlib.compress(bytes(BOMB_BYTES), 9))


@pytest.mark.skipif(importlib.util.find_spec("brotli") is None, reason="brotli not installed")
def test_brotli_bomb_is_stopped_early(scripted_site):
    import brotli
    _bomb_test(scripted_site, "br", brotli.compress(bytes(BOMB_BYTES)))


def test_compressed_page_under_the_limit_is_decoded(scripted_site):
    base, script, _ = scripted_site
    script(lambda path, n: (200, {"Content-Encoding": "gzip"}, gzip.compress(b"<p>small</p>")))
    res = fetcher_for(base, cfg={"max_page_bytes": LIMIT}).get(REAL + "/a.html")
    assert (res.outcome, res.body) == ("ok", b"<p>small</p>")


# --- 5. truncated bodies --------------------------------------------------------------------------------

def test_truncated_body_fails(raw_server):
    def short(conn):
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 1000\r\n\r\n" + b"x" * 100)

    server = raw_server(short)
    res = fetcher_for(server.base).get(REAL + "/a.html")
    assert (res.outcome, res.status, res.reason, res.attempts) == ("failed", 200, "truncated body", 1)
    assert len(server.hits) == 1


def test_truncated_chunked_body_fails(raw_server):
    def short(conn):
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n"
                     b"5\r\nhello\r\n")                  # no terminating 0-chunk

    server = raw_server(short)
    res = fetcher_for(server.base).get(REAL + "/a.html")
    assert (res.outcome, res.reason) == ("failed", "truncated body")


def test_reset_mid_body_is_a_connection_error(raw_server):
    def half_then_reset(conn):
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 100000\r\n\r\n" + b"x" * 10)
        time.sleep(0.05)
        reset(conn)

    server = raw_server(half_then_reset)
    res = fetcher_for(server.base).get(REAL + "/a.html")
    assert res.outcome == "failed" and res.reason in ("truncated body", "connection error: ConnectionResetError")
    assert res.attempts == len(server.hits)


# --- 6. wall-clock limit per page ---------------------------------------------------------------------

def _trickle(head: bytes) -> Callable[[socket.socket], None]:
    def handle(conn):
        conn.sendall(head)
        for _ in range(200):                       # 10 s of one byte per 50 ms
            conn.sendall(b"x")
            time.sleep(0.05)
    return handle


@pytest.mark.parametrize("head", [
    b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 100000\r\n\r\n",
    b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nConnection: close\r\n\r\n",   # ends when closed
])
def test_trickling_body_hits_the_page_limit(raw_server, head):
    server = raw_server(_trickle(head))
    started = time.monotonic()
    res = fetcher_for(server.base, cfg={"page_seconds": 0.5}).get(REAL + "/a.html")
    took = time.monotonic() - started
    assert (res.outcome, res.reason, res.attempts) == ("failed", "page took longer than 0.5 s", 1)
    assert took < 2.0 and len(server.hits) == 1


def test_trickling_headers_hit_the_page_limit(raw_server):
    server = raw_server(_trickle(b"HTTP/1.1 200 OK\r\nX-Slow: "))   # one header byte per 50 ms
    started = time.monotonic()
    res = fetcher_for(server.base, cfg={"page_seconds": 0.5}).get(REAL + "/a.html")
    assert (res.outcome, res.reason, res.attempts) == ("failed", "page took longer than 0.5 s", 1)
    assert time.monotonic() - started < 2.0 and len(server.hits) == 1


def test_slow_headers_hit_the_page_limit(raw_server):
    def sleepy(conn):
        time.sleep(3)

    server = raw_server(sleepy)
    started = time.monotonic()
    res = fetcher_for(server.base, cfg={"page_seconds": 0.5}).get(REAL + "/a.html")
    assert (res.outcome, res.reason) == ("failed", "page took longer than 0.5 s")
    assert time.monotonic() - started < 2.0


# --- 7. content types -----------------------------------------------------------------------------------

def test_non_html_is_fetched_and_its_type_recorded(scripted_site):
    base, script, _ = scripted_site
    script(lambda path, n: (200, {"Content-Type": "application/pdf"}, b"%PDF-1.4"))
    res = fetcher_for(base).get(REAL + "/doc.pdf")
    assert (res.outcome, res.content_type, res.body) == ("ok", "application/pdf", b"%PDF-1.4")


def test_failed_result_keeps_the_content_type(scripted_site):
    base, script, _ = scripted_site
    script(lambda path, n: (404, {"Content-Type": "text/plain"}, b"nope"))
    res = fetcher_for(base).get(REAL + "/gone.html")
    assert (res.outcome, res.reason, res.content_type) == ("failed", "HTTP 404", "text/plain")
