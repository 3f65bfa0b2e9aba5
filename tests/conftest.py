from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def corpus_texts():
    """texts(lang): the gold articles of a language (for English the news-style set too) and, for
    English, 60 generated bench articles: real layouts and many figures, for tests that compare a fast
    path with the exact one."""
    import json
    cache: dict[str, list[str]] = {}

    def texts(lang: str) -> list[str]:
        if lang not in cache:
            names = ("train", "test", "snapshot", "news/train", "news/test") if lang == "en" \
                else ("vi/train", "vi/dev", "vi/test")
            out = []
            for name in names:
                path = ROOT / "tests" / "gold" / name / "docs.jsonl"
                with open(path, encoding="utf-8") as fh:
                    out += [json.loads(line)["text"] for line in fh]
            if lang == "en":
                sys.path.insert(0, str(ROOT / "bench"))
                try:
                    from generate import body_text, make_article
                    out += [body_text(make_article(7, i)) for i in range(60)]
                finally:
                    sys.path.remove(str(ROOT / "bench"))
            cache[lang] = out
        return cache[lang]
    return texts


@pytest.fixture
def in_tmp(tmp_path, monkeypatch):
    """Run in an empty directory with no NEWSFACTS_* settings leaking in from the environment."""
    monkeypatch.chdir(tmp_path)
    for var in list(os.environ):
        if var.startswith("NEWSFACTS_"):
            monkeypatch.delenv(var)
    return tmp_path


def facts_of(text: str, kind: str, published=None, lang: str = "en") -> list:
    """The facts of one kind the extractors find in `text`, each checked to index the text exactly
    (the FACTS.md offset rule every extractor test relies on)."""
    from extractors import extract_facts

    found = extract_facts(text, published, lang=lang)
    for f in found:
        assert text[f.start:f.end] == f.text, (f.kind, f.text, text[f.start:f.end])
    return [f for f in found if f.kind == kind]


def one_fact(text: str, kind: str, published=None, lang: str = "en"):
    """The one fact of a kind in `text` (facts_of), failing when there is none or more than one."""
    found = facts_of(text, kind, published, lang)
    assert len(found) == 1, found
    return found[0]


FIGURE_KINDS = ("count", "percentage", "ratio", "rank", "money", "quantity")


def measures(text: str, published) -> dict:
    """Each figure's measure in `text`, in lower case, by the figure's text (a name that begins a
    sentence is lowered with it)."""
    from extractors import extract_facts

    return {f.text: (f.measure or "").lower() for f in extract_facts(text, published) if f.kind in FIGURE_KINDS}


def run_cli(*args: str, cwd: Path, env: dict | None = None, input: str | None = None,
            timeout: float = 300) -> subprocess.CompletedProcess:
    """The real command in a child process, as a user or cron would run it."""
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSFACTS_")}
    full_env.update(env or {})
    return subprocess.run([sys.executable, "-m", "pipeline", *args], cwd=cwd, env=full_env,
                          capture_output=True, text=True, input=input, timeout=timeout)


class _Routes:
    """Pages a test server answers with; `requests` logs (time, path, headers) server-side."""

    def __init__(self):
        self.pages: dict[str, tuple[int, dict, bytes]] = {}
        self.requests: list[tuple[float, str, dict]] = []
        self.posts: list[tuple[str, dict, bytes]] = []    # (path, headers, body) of each POST

    def add(self, path: str, body: bytes | str = b"", status: int = 200, content_type="text/html; charset=utf-8",
            **headers):
        if isinstance(body, str):
            body = body.encode("utf-8")
        self.pages[path] = (status, {"Content-Type": content_type, **headers}, body)

    def add_site(self, real_base: str, pages: dict, robots: str = "User-agent: *\nAllow: /\n") -> None:
        """A crawlable site: robots.txt, a sitemap listing every page under the site's real URL, and the
        pages (path -> body, or (Content-Type, body))."""
        self.add("/robots.txt", robots, content_type="text/plain")
        urls = "".join(f"<url><loc>{real_base}{p}</loc></url>" for p in pages)
        self.add("/sitemap.xml", f'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                                 f'{urls}</urlset>', content_type="application/xml")
        for path, body in pages.items():
            ctype, body = body if isinstance(body, tuple) else ("text/html; charset=utf-8", body)
            self.add(path, body, content_type=ctype)


def generic_site_config(tmp_path: Path, name: str, real_base: str, served: str, extra: str = "") -> None:
    """newsfacts.toml crawling one site with the generic adapter from a local server."""
    (tmp_path / "newsfacts.toml").write_text(
        f"allow_loopback = true\ndelay_seconds = 0\n{extra}[[sites]]\nname = \"{name}\"\nadapter = \"generic\"\n"
        f'base_url = "{real_base}"\n[url_map]\n"{real_base}" = "{served}"\n')


@pytest.fixture
def http_site():
    """A real HTTP server on 127.0.0.1 answering from `routes`; yields (base_url, routes)."""
    import threading
    import time
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    routes = _Routes()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - the stdlib's name
            routes.requests.append((time.monotonic(), self.path, dict(self.headers)))
            status, headers, body = routes.pages.get(self.path, (404, {"Content-Type": "text/plain"}, b"nope"))
            etag = headers.get("ETag")
            if etag and self.headers.get("If-None-Match") == etag:
                self.send_response(304)
                self.send_header("ETag", etag)
                self.end_headers()
                return
            self.send_response(status)
            for key, value in headers.items():
                self.send_header(key.replace("_", "-"), value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_POST(self):  # noqa: N802 - the stdlib's name
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            routes.posts.append((self.path, dict(self.headers), body))
            status, headers, answer = routes.pages.get(self.path, (404, {"Content-Type": "text/plain"}, b"nope"))
            self.send_response(status)
            self.send_header("Content-Length", str(len(answer)))
            self.end_headers()
            self.wfile.write(answer)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", routes
    server.shutdown()
    server.server_close()


# --- a generated site of ward reports (test_frontier, test_load) --------------------------------
WARD_SITE = "https://hanoitimes.vn"   # the site the generated pages say they are from
WARD_PAGE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>{title}</title><link rel="canonical" href="{url}">
<meta property="og:title" content="{title}"><meta property="og:url" content="{url}">
<meta property="article:published_time" content="{day}T08:{minute:02d}:00+07:00"></head>
<body><nav><a href="/">Home</a></nav><article><h1 class="article-title">{title}</h1>
<p class="article-sapo">Ward {n} reported its results for the first {months} months of {year}.</p>
<div class="article-content">
<p>In the first {months} months of {year}, ward {n} settled {done}/{total} petitions, or {share}% of the
total, and disciplined {members} Party members.</p>
<p>The ward spent VND{money} billion on {km} km of drainage and reached {rate} percent coverage.</p>
</div></article><footer>Contact</footer></body></html>"""


def write_ward_site(root: Path, pages: int, page: str = WARD_PAGE) -> list[str]:
    """`pages` Hanoi Times ward reports under `root` (from `page`, a template with WARD_PAGE's
    fields), with a robots.txt and a sitemap naming them under WARD_SITE; returns their URLs."""
    from datetime import date, timedelta

    urls = []
    for n in range(1, pages + 1):
        slug = f"ward-{n}-reports-its-results-{1000 + n}.html"
        url = f"{WARD_SITE}/{slug}"
        day = date(2024, 1, 1) + timedelta(days=n)
        total = 40 + n % 17
        (root / slug).write_text(page.format(
            title=f"Ward {n} reports its results", url=url, day=day.isoformat(), minute=n % 60,
            n=n, months=3 + n % 9, year=day.year, done=total - n % 5, total=total,
            share=round(100 * (total - n % 5) / total, 1), members=2 + n % 7, money=10 + n,
            km=1 + n % 4, rate=80 + n % 19), encoding="utf-8")
        urls.append(url)
    (root / "robots.txt").write_text(f"User-agent: *\nAllow: /\nSitemap: {WARD_SITE}/sitemap.xml\n")
    locs = "".join(f"<url><loc>{u}</loc></url>" for u in urls)
    (root / "sitemap.xml").write_text('<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/'
                                      f'schemas/sitemap/0.9">{locs}</urlset>')
    return urls


def warehouse_rows(path: Path, sql: str) -> list[tuple]:
    """A query's rows from a warehouse file, opened read-only as a user inspecting it would."""
    import duckdb

    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def warc_record(url: str, payload: bytes, *, http_headers: dict | None = None, status: str = "200 OK",
                date: str = "2024-05-01T10:00:00Z", record_type: str = "response") -> bytes:
    """One WARC record as its own gzip member (as crawlers write .warc.gz): a response carries the
    HTTP status line, `http_headers` (default: text/html, UTF-8) and `payload`; a "request" or
    "warcinfo" record carries `payload` as its block."""
    import gzip
    import io

    from fastwarc.warc import WarcRecord, WarcRecordType

    if record_type == "response":
        headers = http_headers if http_headers is not None else {"Content-Type": "text/html; charset=utf-8"}
        block = (f"HTTP/1.1 {status}\r\n" + "".join(f"{k}: {v}\r\n" for k, v in headers.items())
                 + "\r\n").encode("latin-1") + payload
        content_type = "application/http; msgtype=response"
    else:
        block = payload
        content_type = "application/http; msgtype=request" if record_type == "request" else "application/warc-fields"
    record = WarcRecord()
    record.init_headers(getattr(WarcRecordType, record_type), content_length=len(block))
    record.headers.set("WARC-Date", date)
    if record_type != "warcinfo":
        record.headers.set("WARC-Target-URI", url)
    record.headers.set("Content-Type", content_type)
    record.set_bytes_content(block)
    out = io.BytesIO()
    record.write(out)
    return gzip.compress(out.getvalue())


def write_warc(path: Path, records: list[bytes]) -> Path:
    """A .warc.gz of these records (warc_record), after a warcinfo record as crawlers start one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"".join([warc_record("", b"software: newsfacts-tests\r\n", record_type="warcinfo"), *records]))
    return path
