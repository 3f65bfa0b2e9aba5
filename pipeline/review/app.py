"""The review page: a small local web app where analysts judge extracted facts. This module is the
WSGI app -- routing, the handlers that read, record and answer -- and serve().

stdlib only (wsgiref, threaded). It reads the warehouse through its read-only replica
(pipeline.review.queries over pipeline.store.replica), one short-lived connection per request, so a
nightly run never waits for it and it never waits for a run; verdicts go to reviews.duckdb
(pipeline.store.reviewstore). Its defences (Host check, CSRF, same origin, CSP) are in
pipeline.review.security, its pages in pipeline.review.views and pipeline.review.cards, numbers as
the article writes them in pipeline.review.notation.
"""
from __future__ import annotations

import logging
import socketserver
import sys
import threading
from pathlib import Path
from typing import Any, Callable, TypeVar
from urllib.parse import quote
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from pipeline.crawl.rawstore import read_raw
from pipeline.errors import EXIT_UNAVAILABLE, InputError, NewsfactsError
from pipeline.query import export_rows, render
from pipeline.review import queries, security, views
from pipeline.review.filters import parse_filters
from pipeline.review.notation import stored_corrected
from pipeline.review.request import HEX_ID, HTTPError, Request
from pipeline.store.reviewstore import VERDICTS, ReviewStore, reviews_path

log = logging.getLogger(__name__)

_Row = TypeVar("_Row")

STATIC_DIR = Path(__file__).resolve().parent / "static"
STATIC_FILES = {"review.js": "text/javascript; charset=utf-8", "review.css": "text/css; charset=utf-8"}
_HTML = [("Content-Type", "text/html; charset=utf-8")]
_TEXT = [("Content-Type", "text/plain; charset=utf-8")]


class ListenError(NewsfactsError):
    exit_code = EXIT_UNAVAILABLE


class ReviewApp:
    """The WSGI application. `allowed_hosts` are the Host header values it answers."""

    def __init__(self, warehouse: Path, host: str = "127.0.0.1", port: int = 8765,
                 raw_root: Path | None = None, reviews: Path | None = None):
        self.warehouse = Path(warehouse)
        self.raw_root = Path(raw_root) if raw_root else self.warehouse.parent / "corpus" / "raw"
        self.store = ReviewStore(reviews or reviews_path(self.warehouse))
        self.tokens = security.CsrfTokens()
        self.set_address(host, port)

    def set_address(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.allowed_hosts = security.allowed_hosts(host, port)

    def __call__(self, environ, start_response):
        req = Request(environ)
        req.token, extra = self.tokens.session(req.cookie_token)
        try:
            security.check_host(req, self.allowed_hosts)
            status, headers, body = self.route(req)
        except HTTPError as exc:
            status, headers, body = exc.status, _HTML, views.error_page("Error", exc.message, req)
        except NewsfactsError as exc:
            status, headers, body = "503 Service Unavailable", _HTML, \
                views.error_page("Unavailable", str(exc), req, back=False)
        except Exception:
            log.exception("review page: internal error on %s", environ.get("PATH_INFO"))
            status, headers, body = "500 Internal Server Error", _TEXT, "internal error (see the log)"
        data = body.encode("utf-8") if isinstance(body, str) else body
        start_response(status, headers + extra + security.SECURITY_HEADERS + [("Content-Length", str(len(data)))])
        return [data]

    def route(self, req: Request):
        path, method = req.path, req.method
        if method == "POST":
            if path == "/undo":
                return self.post_undo(req)
            if path == "/dismiss":
                return self.post_dismiss(req)
            if path != "/verdict":
                raise HTTPError("404 Not Found", "no such page")
            return self.post_verdict(req)
        if method not in ("GET", "HEAD"):
            raise HTTPError("405 Method Not Allowed", "method not allowed")
        if path == "/":
            return self.html(self.queue(req))
        if path == "/summary":
            return self.html(self.summary(req))
        if path.startswith("/fact/"):
            return self.html(self.fact_page(req, path[len("/fact/"):]))
        if path in ("/export/verdicts.csv", "/export/reviewed.csv"):
            return self.export(path[len("/export/"):-len(".csv")])
        if path.startswith("/article/"):
            return self.html(self.article_page(req, path[len("/article/"):]))
        if path.startswith("/raw/"):
            return self.raw(path[len("/raw/"):])
        if path.startswith("/static/"):
            name = path[len("/static/"):]
            if name in STATIC_FILES:
                return "200 OK", [("Content-Type", STATIC_FILES[name])], (STATIC_DIR / name).read_bytes()
        raise HTTPError("404 Not Found", "no such page")

    @staticmethod
    def html(body: str):
        return "200 OK", _HTML, body

    def _dismissed(self, checks: dict[str, list[dict]]) -> set[str]:
        """The checks dismissed as false alarms, read only when a card shows a check."""
        return set(self.store.dismissed_checks()) if any(checks.values()) else set()

    # --- reading ----------------------------------------------------------------------------
    def queue(self, req: Request) -> str:
        filters = parse_filters(req.query)
        reviewed = self.store.reviewed_keys() if filters.status != "all" else ([], [])
        dismissed = self.store.dismissed_checks() if filters.check == "flagged" else []
        with queries.reading(self.warehouse) as con:
            found = queries.queue_page(con, filters, reviewed, dismissed)
        verdicts = self.store.verdicts_for(found.facts)
        return views.queue_view(req, filters, found, verdicts, self._dismissed(found.checks))

    def fact_page(self, req: Request, fact_id: str) -> str:
        if not HEX_ID.match(fact_id):
            raise HTTPError("404 Not Found", "no such fact")
        with queries.reading(self.warehouse) as con:
            fact = queries.fact(con, fact_id)
            checks = queries.checks_for(con, [fact_id]) if fact else {}
        if fact is None:
            raise HTTPError("404 Not Found", "no such fact (a later run may have re-extracted its article)")
        verdict = self.store.verdicts_for([fact]).get(fact_id)
        return views.fact_view(req, fact, verdict, checks.get(fact_id, []), self._dismissed(checks),
                               self.store.history(fact))

    def article_page(self, req: Request, article_id: str) -> str:
        if not HEX_ID.match(article_id):
            raise HTTPError("404 Not Found", "no such article")
        with queries.reading(self.warehouse) as con:
            article = queries.article(con, article_id)
            facts = queries.article_facts(con, article_id)
            checks = queries.checks_for(con, [f["fact_id"] for f in facts])
        if article is None:
            raise HTTPError("404 Not Found", "no such article")
        return views.article_view(req, article, facts, self.store.verdicts_for(facts), checks,
                                  self._dismissed(checks))

    def summary(self, req: Request) -> str:
        s = self.store.summary()
        with queries.reading(self.warehouse) as con:
            figures = queries.summary_figures(con)
        ids, _ = self.store.reviewed_keys()
        open_checks = queries.open_checks(figures.flagged_checks or [], set(ids), set(self.store.dismissed_checks()))
        return views.summary_view(req, s, figures, open_checks)

    def export(self, name: str):
        """The verdicts, or the reviewed facts with their verdicts, as a CSV download."""
        text = render(export_rows(self.warehouse, name), "csv", None)
        return "200 OK", [("Content-Type", "text/csv; charset=utf-8"),
                          ("Content-Disposition", f'attachment; filename="newsfacts-{name}.csv"')], text

    def raw(self, article_id: str):
        """The page fetched for the article, as stored (security.RAW_PAGE_HEADERS: never rendered)."""
        if not HEX_ID.match(article_id):
            raise HTTPError("404 Not Found", "no such article")
        with queries.reading(self.warehouse) as con:
            stored = queries.raw_path(con, article_id)
        if not stored:
            raise HTTPError("404 Not Found", "no raw page stored for this article")
        root = self.raw_root.resolve()
        path = (root / stored).resolve()
        if root not in path.parents or not path.is_file():
            raise HTTPError("404 Not Found", "the stored raw page is missing")
        return "200 OK", security.RAW_PAGE_HEADERS, read_raw(path).decode("utf-8", "replace")

    # --- writing ----------------------------------------------------------------------------
    def _form(self, req: Request) -> dict[str, str]:
        return security.checked_form(req, self.tokens, self.allowed_hosts)

    def _stored(self, read: Callable[[Any, str], _Row | None], key: str, what: str, missing: str) -> _Row:
        """The warehouse row a form names by its id: 400 for an id that is not one, 404 with
        `missing` when the warehouse has no such row."""
        if not HEX_ID.match(key):
            raise HTTPError("400 Bad Request", f"bad {what} id")
        with queries.reading(self.warehouse) as con:
            found = read(con, key)
        if found is None:
            raise HTTPError("404 Not Found", missing)
        return found

    def post_undo(self, req: Request):
        """Take back this browser's last verdict, if it is still its fact's latest."""
        form = self._form(req)
        if req.last_verdict is None:
            raise HTTPError("400 Bad Request", "no verdict of yours to undo")
        verdict_id, fact_id = req.last_verdict
        if not self.store.undo(verdict_id, fact_id):
            raise HTTPError("409 Conflict", "that verdict is no longer the fact's latest: nothing undone")
        return "303 See Other", [("Location", f"{security.local_target(form.get('back', '/'))}#f-{fact_id}"),
                                 *_TEXT,
                                 ("Set-Cookie", "nf_last=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict")], "undone"

    def post_dismiss(self, req: Request):
        """Dismiss a check as a false alarm: it no longer flags its facts nor counts as open."""
        form = self._form(req)
        check_id = form.get("check_id", "")
        name = self._stored(queries.check_name, check_id, "check",
                            "no such check (a later run may have recomputed it)")
        self.store.dismiss_check(check_id, name, form.get("reviewer", "")[:100])
        return "303 See Other", [("Location", security.local_target(form.get("back", "/"))), *_TEXT], "dismissed"

    def post_verdict(self, req: Request):
        form = self._form(req)
        fact_id, verdict = form.get("fact_id", ""), form.get("verdict", "")
        if verdict not in VERDICTS:
            raise HTTPError("400 Bad Request", f"verdict must be one of {', '.join(VERDICTS)}")
        fact = self._stored(queries.fact, fact_id, "fact",
                            "no such fact (a later run may have re-extracted its article)")
        reviewer = form.get("reviewer", "")[:100]
        try:
            verdict_id = self.store.record_verdict(
                fact_id=fact_id, article_id=fact["article_id"], kind=fact["kind"], fact_text=fact["text"],
                start=fact["start"], end=fact["end"], verdict=verdict,
                corrected_value=stored_corrected(form.get("corrected_value", "")[:500], fact),
                note=form.get("note", "")[:2000], reviewer=reviewer, rule_id=fact["rule_id"],
                reason=(form.get("reason", "") if verdict == "wrong" else "") or None)
        except InputError as exc:
            raise HTTPError("400 Bad Request", str(exc)) from None
        nxt = form.get("next", "")
        anchor = f"#f-{nxt}" if HEX_ID.match(nxt) else f"#f-{fact_id}"
        location = security.local_target(form.get("back", "/")) + anchor
        headers = [("Location", location), *_TEXT,
                   ("Set-Cookie", f"nf_last={verdict_id}:{fact_id}; Path=/; HttpOnly; SameSite=Strict")]
        if reviewer:
            headers.append(("Set-Cookie", f"nf_reviewer={quote(reviewer, safe='')}; Path=/; Max-Age=31536000; "
                                          f"SameSite=Strict"))
        return "303 See Other", headers, "verdict recorded"


# --- serving --------------------------------------------------------------------------------
class _ThreadingWSGIServer(socketserver.ThreadingMixIn, WSGIServer):
    daemon_threads = True
    allow_reuse_address = True
    review_app: ReviewApp     # the app it serves, set by make_review_server


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args) -> None:  # noqa: A002 - the stdlib's signature
        log.info("review: " + format, *args)


def make_review_server(warehouse: Path, host: str = "127.0.0.1", port: int = 8765,
                       raw_root: Path | None = None) -> WSGIServer:
    """A bound (not yet serving) threaded server; port 0 picks a free one (server.server_port)."""
    app = ReviewApp(warehouse, host, port, raw_root)
    try:
        server = make_server(host, port, app, server_class=_ThreadingWSGIServer, handler_class=_QuietHandler)
    except OSError as exc:
        raise ListenError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    app.set_address(host, server.server_port)
    server.review_app = app
    return server


def serve(warehouse: Path, host: str = "127.0.0.1", port: int = 8765, raw_root: Path | None = None,
          ready: threading.Event | None = None) -> None:
    """Serve the review page until interrupted (the `newsfacts review` command)."""
    server = make_review_server(warehouse, host, port, raw_root)
    if host not in ("127.0.0.1", "localhost", "::1"):
        print(f"warning: the review page has no login; anyone who can reach {host} can record verdicts",
              file=sys.stderr)
    print(f"newsfacts review: http://{host}:{server.server_port}/ (Ctrl-C to stop)", file=sys.stderr, flush=True)
    if ready is not None:
        ready.set()
    try:
        server.serve_forever()
    finally:
        server.server_close()
