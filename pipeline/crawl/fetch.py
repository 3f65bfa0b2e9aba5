"""HTTP fetching: one polite session per run, every request ending as a FetchResult (never an exception)."""
from __future__ import annotations

import ipaddress
import logging
import math
import random
import socket
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from typing import Callable, Mapping
from urllib.parse import urljoin, urlsplit, urlunsplit

import requests
import urllib3.exceptions
from requests.adapters import HTTPAdapter
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

from pipeline.config import Config
from pipeline.crawl.hosts import site_host

log = logging.getLogger(__name__)

RETRY_STATUSES = frozenset({408, 429, 500, 502, 503, 504})
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
BLOCKED_STATUSES = frozenset({401, 403})
CHUNK_BYTES = 64 * 1024         # decoded bytes per read: the body limit is checked this often


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
    attempts: int = 1            # 1 + retries made (redirect hops are not attempts)

    @property
    def ok(self) -> bool:
        return self.outcome == "ok"


@dataclass(slots=True)
class _Answer:
    """How one request (one URL, no redirects followed) ended."""
    wire_url: str
    outcome: str
    reason: str | None
    status: int | None = None
    body: bytes = b""
    headers: Mapping[str, str] = field(default_factory=dict)
    retry: bool = False                  # worth another attempt
    retry_after: float | None = None     # seconds the server asked us to wait, if it said
    location: str | None = None          # a redirect to follow


def parse_retry_after(value: str | None) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or HTTP-date); None if absent or unreadable."""
    if not value:
        return None
    value = value.strip()
    try:
        seconds = float(value)
    except ValueError:
        try:
            when = parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            return None
        if when.tzinfo is None:
            when = when.replace(tzinfo=timezone.utc)
        seconds = (when - datetime.now(timezone.utc)).total_seconds()
    if math.isnan(seconds):
        return None
    return max(0.0, seconds)


class _Watch:
    """The connection the fetcher is using right now, so a watchdog can cut a transfer at the page
    deadline: read_timeout applies per recv(), and a byte-a-second trickle (of headers or body) never
    trips it."""

    def __init__(self) -> None:
        self.conn = None                          # set by the pool as it hands a connection out
        self.resp: requests.Response | None = None
        # host -> the address the SSRF check resolved and passed: new connections go there, so a
        # name that resolves to a public address for the check and a private one for the connection
        # (DNS rebinding) cannot slip through
        self.pins: dict[str, str] = {}

    def clear(self) -> None:
        self.conn = self.resp = None

    def cut(self) -> None:
        sock = getattr(self.conn, "sock", None)
        if sock is None and self.resp is not None:
            # http.client drops conn.sock once a response will close the connection (a body that
            # ends when the connection does); the socket is then only reachable through the body
            fp = getattr(getattr(self.resp.raw, "_fp", None), "fp", None)
            sock = getattr(getattr(fp, "raw", None), "_sock", None)
        if sock is not None:
            try:
                sock.shutdown(socket.SHUT_RDWR)   # wakes a recv() blocked in the fetching thread
            except OSError:
                pass


def _watched(pool_class: type, watch: _Watch) -> type:
    class Watched(pool_class):
        def _get_conn(self, timeout=None):
            conn = super()._get_conn(timeout)
            watch.conn = conn
            return conn

        def _new_conn(self):
            conn = super()._new_conn()
            pinned = watch.pins.get((self.host or "").lower())
            if pinned:
                conn._dns_host = pinned   # urllib3 connects there; Host, SNI and the certificate keep the name
            return conn
    return Watched


class _WatchedAdapter(HTTPAdapter):
    """requests' adapter, with pools that tell `watch` which connection each request uses."""

    def __init__(self, watch: _Watch, **kwargs) -> None:
        self._watch = watch          # before super().__init__, which builds the pool manager
        super().__init__(**kwargs)

    def init_poolmanager(self, *args, **kwargs) -> None:
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = {
            "http": _watched(HTTPConnectionPool, self._watch),
            "https": _watched(HTTPSConnectionPool, self._watch)}


def _is_truncation(exc: BaseException) -> bool:
    """True when the body ended before Content-Length (or the last chunk) said it would."""
    seen: set[int] = set()
    stack: list[BaseException | None] = [exc]
    while stack:
        err = stack.pop()
        if err is None or id(err) in seen:
            continue
        seen.add(id(err))
        if isinstance(err, (urllib3.exceptions.IncompleteRead, urllib3.exceptions.InvalidChunkLength)):
            return True
        if "ended prematurely" in str(err) or "IncompleteRead" in str(err):
            return True
        stack.extend(a for a in getattr(err, "args", ()) if isinstance(a, BaseException))
        stack.extend((err.__cause__, err.__context__))
    return False


class Fetcher:
    def __init__(self, cfg: Config, *, backoff_base: float = 1.0, sleep: Callable[[float], None] = time.sleep):
        self.cfg = cfg
        self.backoff_base = backoff_base
        self._sleep = sleep
        self._watch = _Watch()
        self.session = requests.Session()
        adapter = _WatchedAdapter(self._watch)
        self.session.mount("http://", adapter)
        self.session.mount("https://", adapter)
        self.session.headers["User-Agent"] = cfg.user_agent
        self.session.headers["Accept"] = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.5"
        self._last_request: dict[str, float] = {}
        self._host_delay: dict[str, float] = {}   # set_delay's, by served host; else cfg.delay_seconds

    def physical(self, url: str) -> str:
        """Map a real site URL to where it is served (identity unless the demo or a test maps it)."""
        for real, served in self.cfg.url_map.items():
            if url == real or url.startswith(real + "/"):
                return served + url[len(real):]
        return url

    def set_delay(self, url: str, seconds: float) -> None:
        """Space the requests to the host serving `url` (a real site URL) `seconds` apart, in place of
        the configured delay (a site's robots.txt may ask for a longer Crawl-delay)."""
        self._host_delay[urlsplit(self.physical(url)).netloc] = seconds

    def logical(self, wire_url: str) -> str:
        """The inverse of physical(): a served URL back to the real site's URL."""
        for real, served in self.cfg.url_map.items():
            if wire_url == served or wire_url.startswith(served + "/"):
                return real + wire_url[len(served):]
        return wire_url

    def _wait_turn(self, host: str) -> None:
        """Sleep until `delay` has passed since the last exchange with `host` *ended*: counted from
        the end, the server sees the gap however long connecting and sending took."""
        delay = self._host_delay.get(host, self.cfg.delay_seconds)
        last = self._last_request.get(host)
        if last is not None:
            pause = last + delay - time.monotonic()
            if pause > 0:
                self._sleep(pause)

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
        # An IPv4/IPv6 sockaddr opens with the address text; the stubs also allow other families' ints.
        addresses = [str(info[4][0]) for info in infos]
        for address in addresses:
            addr = ipaddress.ip_address(address.split("%", 1)[0])
            if isinstance(addr, ipaddress.IPv6Address) and addr.ipv4_mapped:
                addr = addr.ipv4_mapped   # ::ffff:127.0.0.1 is loopback too
            if not addr.is_global:        # loopback, private, link-local, shared, reserved, ...
                return f"refusing non-public address {addr}"
        if addresses:
            self._watch.pins[(parts.hostname or "").lower()] = addresses[0]
        return None

    def get(self, url: str, etag: str | None = None, last_modified: str | None = None) -> FetchResult:
        started = time.monotonic()
        target = self.physical(url)
        try:
            return self._get(url, target, etag, last_modified, started)
        except Exception as exc:  # a bug here must cost one page, not the night
            log.exception("fetching %s", url)
            return FetchResult(url, target, None, "failed", f"internal error: {type(exc).__name__}: {exc}",
                               b"", None, None, None, (time.monotonic() - started) * 1000)

    def _get(self, url: str, target: str, etag: str | None, last_modified: str | None,
             started: float) -> FetchResult:
        def result(ans: _Answer, attempts: int, outcome: str | None = None,
                   reason: str | None = None) -> FetchResult:
            h = ans.headers
            return FetchResult(url, ans.wire_url, ans.status, outcome or ans.outcome, reason or ans.reason,
                               ans.body, h.get("Content-Type"), h.get("ETag"), h.get("Last-Modified"),
                               (time.monotonic() - started) * 1000, attempts)

        refused = self._address_refused(target)
        if refused:
            return result(_Answer(target, "skipped", refused), 1)
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        # The page clock counts time spent talking to servers only: politeness pauses and
        # Retry-After/backoff waits are bounded on their own (delay settings, retry_after_cap).
        budget = self.cfg.page_seconds
        attempts, hops = 1, 0
        while True:
            host = urlsplit(target).netloc
            self._wait_turn(host)
            began = time.monotonic()
            ans = self._exchange(target, headers, began + budget)
            self._last_request[host] = time.monotonic()
            budget -= time.monotonic() - began
            if ans.location is not None:
                hops += 1
                if hops > self.cfg.max_redirects:
                    return result(ans, attempts, "failed", f"more than {self.cfg.max_redirects} redirects")
                nxt, refusal = self._redirect_target(url, target, ans.location)
                if refusal:
                    return result(ans, attempts, "failed", f"redirect refused: {refusal}")
                log.debug("%s: redirected (%s) to %s", url, ans.status, nxt)
                target = nxt
                continue
            if not ans.retry or attempts > self.cfg.max_retries:
                return result(ans, attempts)
            wait, why_not = self._retry_wait(ans, attempts)
            if why_not:
                return result(ans, attempts, "failed", why_not)
            log.info("%s: %s, retry %d in %.1f s", url, ans.reason, attempts, wait)
            self._sleep(wait)
            attempts += 1

    def _retry_wait(self, ans: _Answer, attempts: int) -> tuple[float, str | None]:
        """Seconds before the next attempt, or a reason not to make one."""
        # Exponential backoff with "equal jitter": half fixed, half random, so that many
        # fetchers hit by the same outage do not come back in lockstep.
        step = self.backoff_base * 2 ** (attempts - 1)
        wait = step / 2 + random.uniform(0, step / 2)
        if ans.retry_after is not None:
            if ans.retry_after > self.cfg.retry_after_cap:
                return 0.0, f"retry-after too long ({ans.retry_after:.0f} s)"
            wait = max(wait, ans.retry_after)
        return wait, None

    def _redirect_target(self, url: str, current: str, location: str) -> tuple[str, str | None]:
        """The wire URL a redirect leads to, or why it is not followed."""
        nxt = urljoin(current, location.strip())
        parts = urlsplit(nxt)
        nxt = urlunsplit(parts._replace(fragment=""))
        if parts.scheme not in ("http", "https"):
            return nxt, f"scheme {parts.scheme!r}"
        # Judge the site on real URLs: a redirect to a path on the served base maps back to the real
        # site, and an absolute link to the real site maps forward to where it is served.
        real = self.logical(nxt)
        if site_host(real) != site_host(url):
            return nxt, f"another site ({urlsplit(real).hostname})"
        nxt = self.physical(real)
        refused = self._address_refused(nxt)
        return nxt, refused

    def _exchange(self, target: str, headers: dict[str, str], deadline: float) -> _Answer:
        """One request to one URL, cut by a watchdog if it is still running at the deadline."""
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            return _Answer(target, "failed", self._too_slow())
        expired = threading.Event()
        running = threading.Event()
        running.set()

        def cut() -> None:
            if running.is_set():
                expired.set()
                self._watch.cut()

        watchdog = threading.Timer(remaining, cut)
        watchdog.daemon = True
        watchdog.start()
        try:
            ans = self._request(target, headers, deadline)
        finally:
            running.clear()
            watchdog.cancel()
            self._watch.clear()
        if expired.is_set() or (ans.reason == "timeout" and time.monotonic() >= deadline - 0.05):
            # whatever the cut looked like (reset, short body, even a clean close), it was us
            return _Answer(target, "failed", self._too_slow(), ans.status, headers=ans.headers)
        return ans

    def _request(self, target: str, headers: dict[str, str], deadline: float) -> _Answer:
        """Status handling and the body read, every error made an _Answer."""
        remaining = max(0.001, deadline - time.monotonic())
        timeout = (min(self.cfg.connect_timeout, remaining), min(self.cfg.read_timeout, remaining))
        try:
            resp = self.session.get(target, headers=headers, stream=True, allow_redirects=False,
                                    timeout=timeout)
        except requests.ConnectTimeout:
            return _Answer(target, "failed", "connect timeout", retry=True)
        except requests.Timeout:
            return _Answer(target, "failed", "timeout")
        except requests.ConnectionError as exc:
            return _Answer(target, "failed", f"connection error: {_root_name(exc)}", retry=True)
        except requests.RequestException as exc:
            return _Answer(target, "failed", f"request error: {type(exc).__name__}: {exc}")
        self._watch.resp = resp
        with resp:
            status, rh = resp.status_code, resp.headers

            def answer(outcome: str, reason: str | None, **kw) -> _Answer:
                return _Answer(target, outcome, reason, status, headers=rh, **kw)

            if status in REDIRECT_STATUSES:
                location = rh.get("Location")
                if not location:
                    return answer("failed", f"HTTP {status} without Location")
                return answer("failed", f"HTTP {status}", location=location)
            if status == 304:
                return answer("unchanged", None)
            if status in BLOCKED_STATUSES:
                return answer("failed", f"blocked (HTTP {status})")
            if status in RETRY_STATUSES:
                return answer("failed", f"HTTP {status}", retry=True,
                              retry_after=parse_retry_after(rh.get("Retry-After")))
            if status >= 300:
                return answer("failed", f"HTTP {status}")
            body, reason, retry = self._read_body(resp)
            if reason:
                return answer("failed", reason, retry=retry)
            return answer("ok", None, body=body)

    def _read_body(self, resp: requests.Response) -> tuple[bytes, str | None, bool]:
        """(body, failure reason, worth retrying). The decoded size is checked chunk by chunk, so a
        small compressed bomb is stopped at max_page_bytes instead of being inflated whole."""
        limit = self.cfg.max_page_bytes
        body = bytearray()
        try:
            for chunk in resp.raw.stream(CHUNK_BYTES, decode_content=True):
                body += chunk
                if len(body) > limit:
                    return b"", f"body over {limit} bytes", False
        except (urllib3.exceptions.HTTPError, OSError) as exc:
            if _is_truncation(exc):
                return b"", "truncated body", False
            if isinstance(exc, urllib3.exceptions.DecodeError):
                return b"", f"bad content encoding: {resp.headers.get('Content-Encoding')}", False
            if isinstance(exc, urllib3.exceptions.ReadTimeoutError):
                return b"", "timeout", False
            return b"", f"connection error: {_root_name(exc)}", True
        return bytes(body), None, False

    def _too_slow(self) -> str:
        return f"page took longer than {self.cfg.page_seconds:g} s"

    def close(self) -> None:
        self.session.close()


def _root_name(exc: BaseException) -> str:
    """The innermost exception's class name: "ConnectionResetError" says more than "ConnectionError"."""
    seen: set[int] = set()
    err: BaseException = exc
    while id(err) not in seen:
        seen.add(id(err))
        inner = next((a for a in getattr(err, "args", ()) if isinstance(a, BaseException)), None) \
            or err.__cause__ or err.__context__
        if inner is None:
            break
        err = inner
    return type(err).__name__
