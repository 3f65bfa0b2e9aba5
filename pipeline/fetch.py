"""HTTP fetching: one polite session per run, every request ending as a FetchResult (never an exception)."""
from __future__ import annotations

import ipaddress
import logging
import socket
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

import requests

from pipeline.config import Config

log = logging.getLogger(__name__)


@dataclass(slots=True)
class FetchResult:
    url: str                     # the URL asked for (the site's real URL)
    fetched_url: str             # the URL requested on the wire, after url_map and redirects
    status: int | None
    outcome: str                 # "ok" | "unchanged" | "failed" | "skipped"
    reason: str | None
    body: bytes
    content_type: str | None
    etag: str | None
    last_modified: str | None
    elapsed_ms: float

    @property
    def ok(self) -> bool:
        return self.outcome == "ok"


class Fetcher:
    def __init__(self, cfg: Config):
        self.cfg = cfg
        self.session = requests.Session()
        self.session.headers["User-Agent"] = cfg.user_agent
        self.session.headers["Accept"] = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.5"
        self._last_request: dict[str, float] = {}
        self.host_delay: dict[str, float] = {}   # Crawl-delay from robots.txt overrides the default

    def physical(self, url: str) -> str:
        """Map a real site URL to where it is served (identity unless the demo or a test maps it)."""
        for real, served in self.cfg.url_map.items():
            if url == real or url.startswith(real + "/"):
                return served + url[len(real):]
        return url

    def _wait_turn(self, host: str) -> None:
        delay = self.host_delay.get(host, self.cfg.delay_seconds)
        last = self._last_request.get(host)
        if last is not None:
            pause = last + delay - time.monotonic()
            if pause > 0:
                time.sleep(pause)
        self._last_request[host] = time.monotonic()

    def _address_refused(self, url: str) -> str | None:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https"):
            return f"scheme {parts.scheme!r} not fetched"
        if self.cfg.allow_loopback:
            return None
        try:
            infos = socket.getaddrinfo(parts.hostname or "", parts.port or 443, type=socket.SOCK_STREAM)
        except OSError as exc:
            return f"cannot resolve host: {exc}"
        for info in infos:
            addr = ipaddress.ip_address(info[4][0])
            if addr.is_loopback or addr.is_private or addr.is_link_local:
                return f"refusing non-public address {addr}"
        return None

    def get(self, url: str, etag: str | None = None, last_modified: str | None = None) -> FetchResult:
        target = self.physical(url)
        started = time.monotonic()

        def result(outcome: str, reason: str | None, status: int | None = None, body: bytes = b"",
                   resp: requests.Response | None = None) -> FetchResult:
            headers = resp.headers if resp is not None else {}
            return FetchResult(url, resp.url if resp is not None else target, status, outcome, reason,
                               body, headers.get("Content-Type"), headers.get("ETag"),
                               headers.get("Last-Modified"), (time.monotonic() - started) * 1000)

        refused = self._address_refused(target)
        if refused:
            return result("skipped", refused)
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        self._wait_turn(urlsplit(target).netloc)
        try:
            with self.session.get(target, headers=headers, stream=True,
                                  timeout=(self.cfg.connect_timeout, self.cfg.read_timeout)) as resp:
                if resp.status_code == 304:
                    return result("unchanged", None, 304, resp=resp)
                if resp.status_code >= 400:
                    return result("failed", f"HTTP {resp.status_code}", resp.status_code, resp=resp)
                body = bytearray()
                for chunk in resp.iter_content(64 * 1024):
                    body += chunk
                    if len(body) > self.cfg.max_page_bytes:
                        return result("failed", f"body over {self.cfg.max_page_bytes} bytes",
                                      resp.status_code, resp=resp)
                return result("ok", None, resp.status_code, bytes(body), resp)
        except requests.Timeout:
            return result("failed", "timeout")
        except requests.ConnectionError as exc:
            return result("failed", f"connection error: {type(exc).__name__}")
        except requests.RequestException as exc:
            return result("failed", f"request error: {type(exc).__name__}: {exc}")

    def close(self) -> None:
        self.session.close()
