"""The review page: a small local web app where analysts judge extracted facts.

stdlib only (wsgiref, threaded). It reads the warehouse through its read-only replica
(pipeline.store.replica), one short-lived connection per request, so a nightly run never waits for it
and it never waits for a run; verdicts go to reviews.duckdb (pipeline.store.reviewstore).

Security: it binds 127.0.0.1 by default and answers only requests whose Host header names it (no
DNS rebinding); every POST needs the per-session CSRF token (SameSite=Strict cookie + hidden
field) and a same-origin Origin or Referer; every scraped string is HTML-escaped, the raw page is
served as text/plain, and the CSP allows scripts only from /static.

Numbers are shown as the article writes them (the article's language, articles.language): a
Vietnamese fact's value 176737000000000 as "176.737.000.000.000", 7.6 as "7,6", in its fields, the
corrected-value hint and (written so by pipeline.checks.rules) its check messages; English as before. A
corrected value typed on a Vietnamese figure in Vietnamese notation ("1.234,5") is stored in plain
notation, the number it means ("1234.5": no grouping, dot decimal), and shown back as "1.234,5".
"""
from __future__ import annotations

import calendar
import hashlib
import hmac
import html
import logging
import re
import secrets
import socketserver
import sys
import threading
from datetime import date, datetime
from decimal import Decimal
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import parse_qs, quote, unquote, urlencode, urlsplit
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from extractors.facts import SCHEMA_FIELDS
from pipeline.review.charts import Bar, bar_chart
from pipeline.checks.rules import language_code, lexicon, written
from pipeline.errors import EXIT_UNAVAILABLE, InputError, NewsfactsError
from pipeline.crawl.rawstore import read_raw
from pipeline.query import export_rows, render
from pipeline.store.replica import open_for_reading
from pipeline.store.reviewstore import REASONS, VERDICTS, ReviewStore, reviews_path

log = logging.getLogger(__name__)

STATIC_DIR = Path(__file__).resolve().parent / "static"
STATIC_FILES = {"review.js": "text/javascript; charset=utf-8", "review.css": "text/css; charset=utf-8"}
PAGE_SIZE = 25
MAX_BODY = 64 * 1024
CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; " \
      "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
_SECURITY_HEADERS = [("Content-Security-Policy", CSP), ("X-Content-Type-Options", "nosniff"),
                     ("X-Frame-Options", "DENY"), ("Referrer-Policy", "same-origin"),
                     ("Cache-Control", "no-store")]
_FACT_ID = re.compile(r"^[0-9a-f]{8,64}$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
MAX_PAGE = 1_000_000


def _is_date(value: str) -> bool:
    """YYYY-MM-DD and a real day ("2024-13-45" is not)."""
    if not _DATE.match(value):
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True
_SEVERITY_ORDER = "CASE severity WHEN 'error' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END"
FLAGGED = "severity <> 'info'"  # info checks confirm consistency; the others flag a problem
# what a figure is about (FACTS.md), shown on one line of its own rather than among the fields
ABOUT_FIELDS = ("measure", "measure_key", "place", "place_level", "ref_start", "ref_end")
_SHOWN_FIELDS = [f for f in SCHEMA_FIELDS if f not in ("kind", "text", "start", "end") and f not in ABOUT_FIELDS]
# checks that compare a fact with its counterpart in another article, shown side by side
PAIRED_CHECKS = ("republication_mismatch",)
# kinds whose corrected value is a figure (numbers in it are read in the article's notation)
NUMERIC_KINDS = ("count", "percentage", "ratio", "rank", "money", "quantity")


# Bidirectional embeddings, overrides and isolates: a U+202E in a title would show the rest of the card
# right to left ("12" read as "21"). Shown as what they are, they reorder nothing.
_BIDI_CONTROLS = {c: f"<U+{c:04X}>" for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))}


def e(value) -> str:
    """Escape anything for HTML text or a quoted attribute; bidi controls made visible."""
    return html.escape(("" if value is None else str(value)).translate(_BIDI_CONTROLS), quote=True)


class ListenError(NewsfactsError):
    exit_code = EXIT_UNAVAILABLE


class HTTPError(Exception):
    def __init__(self, status: str, message: str):
        super().__init__(message)
        self.status, self.message = status, message


# --- the app --------------------------------------------------------------------------------
class ReviewApp:
    """The WSGI application. `allowed_hosts` are the Host header values it answers."""

    def __init__(self, warehouse: Path, host: str = "127.0.0.1", port: int = 8765,
                 raw_root: Path | None = None, reviews: Path | None = None):
        self.warehouse = Path(warehouse)
        self.raw_root = Path(raw_root) if raw_root else self.warehouse.parent / "corpus" / "raw"
        self.store = ReviewStore(reviews or reviews_path(self.warehouse))
        self.secret = secrets.token_bytes(32)
        self.set_address(host, port)

    def set_address(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        names = {"127.0.0.1", "localhost", "[::1]", host if ":" not in host else f"[{host}]"}
        self.allowed_hosts = {f"{n}:{port}" for n in names} | ({n for n in names} if port == 80 else set())

    # token = random.signature: forged or foreign cookies are refused too
    def _new_token(self) -> str:
        rand = secrets.token_urlsafe(24)
        return f"{rand}.{hmac.new(self.secret, rand.encode(), hashlib.sha256).hexdigest()[:32]}"

    def _token_ok(self, token: str | None) -> bool:
        if not token or "." not in token:
            return False
        rand, sig = token.rsplit(".", 1)
        good = hmac.new(self.secret, rand.encode(), hashlib.sha256).hexdigest()[:32]
        return hmac.compare_digest(sig, good)

    def __call__(self, environ, start_response):
        cookies = SimpleCookie()
        try:
            cookies.load(environ.get("HTTP_COOKIE", ""))
        except Exception:  # a malformed cookie header is no reason to fail
            pass
        token = cookies["nf_csrf"].value if "nf_csrf" in cookies else None
        extra: list[tuple[str, str]] = []
        if not self._token_ok(token):
            token = self._new_token()
            extra.append(("Set-Cookie", f"nf_csrf={token}; Path=/; HttpOnly; SameSite=Strict"))
        req = Request(environ, cookies, token)
        try:
            if environ.get("HTTP_HOST", "") not in self.allowed_hosts:
                raise HTTPError("400 Bad Request", "unknown Host header")
            status, headers, body = self.route(req)
        except HTTPError as exc:
            status, headers, body = exc.status, [("Content-Type", "text/html; charset=utf-8")], \
                self.page("Error", f'<p class="error">{e(exc.message)}</p><p><a href="/">Back to the queue</a></p>',
                          req)
        except NewsfactsError as exc:
            status, headers, body = "503 Service Unavailable", [("Content-Type", "text/html; charset=utf-8")], \
                self.page("Unavailable", f'<p class="error">{e(exc)}</p>', req)
        except Exception:
            log.exception("review page: internal error on %s", environ.get("PATH_INFO"))
            status, headers, body = "500 Internal Server Error", [("Content-Type", "text/plain; charset=utf-8")], \
                "internal error (see the log)"
        data = body.encode("utf-8") if isinstance(body, str) else body
        start_response(status, headers + extra + _SECURITY_HEADERS + [("Content-Length", str(len(data)))])
        return [data]

    def route(self, req: "Request"):
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
        return "200 OK", [("Content-Type", "text/html; charset=utf-8")], body

    # --- reading the warehouse -------------------------------------------------------------
    def _rows(self, con, sql: str, params=()) -> list[dict]:
        cur = con.execute(sql, list(params))
        cols = [d[0] for d in cur.description]
        return [dict(zip(cols, r)) for r in cur.fetchall()]

    @staticmethod
    def _has_checks(con) -> bool:
        return bool(con.execute("SELECT count(*) FROM duckdb_tables() WHERE database_name = 'warehouse' "
                                "AND table_name = 'checks'").fetchone()[0])

    _FACT_SELECT = ("SELECT f.*, a.site, a.title AS article_title, COALESCE(a.canonical_url, a.url) AS article_url, "
                    "a.language AS article_language, "
                    "a.published_at, a.raw_path FROM facts f JOIN articles a USING (article_id)")

    def _checks_for(self, con, fact_ids: list[str]) -> dict[str, list[dict]]:
        if not fact_ids or not self._has_checks(con):
            return {}
        rows = self._rows(con, "SELECT check_id, article_id, check_name, severity, fact_ids, message FROM checks "
                               "WHERE list_has_any(fact_ids, ?::VARCHAR[]) ORDER BY " + _SEVERITY_ORDER + ", check_name",
                          [fact_ids])
        self._attach_pairs(con, rows)
        out: dict[str, list[dict]] = {}
        wanted = set(fact_ids)
        for row in rows:
            for fid in row["fact_ids"] or []:
                if fid in wanted:
                    out.setdefault(fid, []).append(row)
        return out

    def _attach_pairs(self, con, checks: list[dict]) -> None:
        """A translation/original check gets its two facts, each with its sentence and article:
        check["pair"] = (the translation's fact, the original's fact)."""
        paired = [c for c in checks if c["check_name"] in PAIRED_CHECKS and len(c["fact_ids"] or []) == 2]
        ids = sorted({f for c in paired for f in c["fact_ids"]})
        if not ids:
            return
        facts = {f["fact_id"]: f for f in self._rows(con, f"{self._FACT_SELECT} WHERE f.fact_id IN (SELECT unnest(?))",
                                                     [ids])}
        for c in paired:
            pair = [facts.get(f) for f in c["fact_ids"]]
            if all(pair):
                # filed under the translation: the fact of that article is the translation's
                pair.sort(key=lambda f: f["article_id"] != c["article_id"])
                c["pair"] = tuple(pair)

    def queue(self, req: "Request") -> str:
        q = req.query
        filters = {k: q.get(k, "").strip() for k in ("kind", "site", "rule", "from", "to", "check", "status")}
        for k in ("from", "to"):
            if filters[k] and not _is_date(filters[k]):
                raise HTTPError("400 Bad Request", f"{k} must be a date YYYY-MM-DD")
        status = filters["status"] if filters["status"] in ("unreviewed", "reviewed") else "all"
        try:
            page = max(1, int(q.get("page", "1")))
        except ValueError:
            page = 1
        if page > MAX_PAGE:   # DuckDB's OFFSET is a BIGINT: page 10^20 was a 500
            raise HTTPError("400 Bad Request", f"page must be at most {MAX_PAGE}")
        where, params = [], []
        for key, column in (("kind", "f.kind"), ("site", "a.site")):
            if filters[key]:
                where.append(f"{column} = ?")
                params.append(filters[key])
        if filters["rule"]:   # a prefix: "count." is every count rule, "vi." every Vietnamese one
            where.append("starts_with(f.rule_id, ?)")
            params.append(filters["rule"])
        if filters["from"]:
            where.append("CAST(a.published_at AS DATE) >= ?")
            params.append(filters["from"])
        if filters["to"]:
            where.append("CAST(a.published_at AS DATE) <= ?")
            params.append(filters["to"])
        if status != "all":
            ids, spans = self.store.reviewed_keys()
            keys = [f"{a}|{s}|{en}|{t}" for a, s, en, t in spans]
            cond = ("(f.fact_id IN (SELECT unnest(?::VARCHAR[])) OR "
                    "(f.article_id || '|' || f.start || '|' || f.\"end\" || '|' || f.text) IN (SELECT unnest(?::VARCHAR[])))")
            where.append(cond if status == "reviewed" else f"NOT {cond}")
            params += [ids, keys]
        con = open_for_reading(self.warehouse)
        try:
            has_checks = self._has_checks(con)
            if filters["check"] and has_checks:
                if filters["check"] == "flagged":
                    where.append("EXISTS (SELECT 1 FROM checks c WHERE list_contains(c.fact_ids, f.fact_id) "
                                 f"AND c.{FLAGGED} AND c.check_id NOT IN (SELECT unnest(?::VARCHAR[])))")
                    params.append(self.store.dismissed_checks())
                else:
                    where.append("EXISTS (SELECT 1 FROM checks c WHERE list_contains(c.fact_ids, f.fact_id) "
                                 "AND c.check_name = ?)")
                    params.append(filters["check"])
            elif filters["check"]:
                where.append("FALSE")
            sql_where = (" WHERE " + " AND ".join(where)) if where else ""
            total = con.execute(f"SELECT count(*) FROM facts f JOIN articles a USING (article_id){sql_where}",
                                params).fetchone()[0]
            facts = self._rows(con, f"{self._FACT_SELECT}{sql_where} ORDER BY a.published_at DESC NULLS LAST, "
                                    f"f.article_id, f.start, f.fact_id LIMIT {PAGE_SIZE} OFFSET {(page - 1) * PAGE_SIZE}",
                               params)
            checks = self._checks_for(con, [f["fact_id"] for f in facts])
            kinds = [r[0] for r in con.execute("SELECT DISTINCT kind FROM facts ORDER BY 1").fetchall()]
            sites = [r[0] for r in con.execute("SELECT DISTINCT site FROM articles WHERE site IS NOT NULL "
                                               "ORDER BY 1").fetchall()]
            check_names = [r[0] for r in con.execute("SELECT DISTINCT check_name FROM checks ORDER BY 1")
                           .fetchall()] if has_checks else []
        finally:
            con.close()
        verdicts = self.store.verdicts_for(facts)
        back = req.full_path
        cards = "\n".join(self.card(f, verdicts.get(f["fact_id"]), checks.get(f["fact_id"], []), req, back)
                          for f in facts) or '<p class="empty">No facts match these filters.</p>'
        pages = max(1, -(-total // PAGE_SIZE))

        def link(p: int) -> str:
            args = {k: v for k, v in q.items() if k != "page" and v}
            args["page"] = str(p)
            return "/?" + urlencode(args)

        nav = (f'<nav class="pager">{total} facts · page {page} of {pages} '
               + (f'<a href="{e(link(page - 1))}" rel="prev">← previous</a> ' if page > 1 else "")
               + (f'<a href="{e(link(page + 1))}" rel="next">next →</a>' if page < pages else "") + "</nav>")

        def select(name: str, options: list[str], label: str, current: str, any_label="any") -> str:
            opts = f'<option value="">{e(any_label)}</option>' + "".join(
                f'<option value="{e(o)}"{" selected" if o == current else ""}>{e(o)}</option>' for o in options)
            return f'<label>{e(label)} <select name="{e(name)}">{opts}</select></label>'

        form = ('<form class="filters" method="get" action="/">'
                + select("kind", kinds, "kind", filters["kind"]) + select("site", sites, "site", filters["site"])
                + f'<label>rule <input name="rule" value="{e(filters["rule"])}" size="14" '
                  f'placeholder="id or prefix"></label>'
                + f'<label>from <input type="date" name="from" value="{e(filters["from"])}"></label>'
                + f'<label>to <input type="date" name="to" value="{e(filters["to"])}"></label>'
                + select("check", (["flagged"] + check_names) if has_checks else [], "check",
                         filters["check"], "all facts")
                + select("status", ["unreviewed", "reviewed"], "status", status if status != "all" else "", "all")
                + '<button type="submit">Filter</button></form>')
        help_ = ('<p class="keys">Keys: <kbd>j</kbd>/<kbd>k</kbd> next/previous · <kbd>s</kbd> skip · '
                 '<kbd>c</kbd> correct · <kbd>w</kbd> wrong (with the reason picked) · <kbd>u</kbd> undo · '
                 '<kbd>e</kbd> edit corrected value, <kbd>Enter</kbd> submit · '
                 '<kbd>n</kbd> note · <kbd>Esc</kbd> leave a field</p>')
        return self.page("Review queue", form + help_ + nav + f'<div id="queue">{cards}</div>' + nav, req)

    def _fact(self, con, fact_id: str) -> dict | None:
        rows = self._rows(con, f"{self._FACT_SELECT} WHERE f.fact_id = ?", [fact_id])
        return rows[0] if rows else None

    def fact_page(self, req: "Request", fact_id: str) -> str:
        if not _FACT_ID.match(fact_id):
            raise HTTPError("404 Not Found", "no such fact")
        con = open_for_reading(self.warehouse)
        try:
            fact = self._fact(con, fact_id)
            checks = self._checks_for(con, [fact_id]) if fact else {}
        finally:
            con.close()
        if fact is None:
            raise HTTPError("404 Not Found", "no such fact (a later run may have re-extracted its article)")
        verdict = self.store.verdicts_for([fact]).get(fact_id)
        history = self.store.history(fact)
        rows = "".join(f"<tr><td>{e(_fmt(v['decided_at']))}</td><td>{e(v['verdict'])}</td>"
                       f"<td>{e(shown_corrected(v['corrected_value'], fact))}</td><td>{e(v['note'])}</td>"
                       f"<td>{e(v['reviewer'])}</td></tr>"
                       for v in history)
        table = ('<h2>Verdicts</h2><table class="history"><tr><th>when</th><th>verdict</th><th>corrected value</th>'
                 f'<th>note</th><th>reviewer</th></tr>{rows}</table>') if history else "<p>No verdict yet.</p>"
        return self.page(f"Fact {fact_id}",
                         f'<div id="queue">{self.card(fact, verdict, checks.get(fact_id, []), req, req.full_path)}</div>'
                         + table, req)

    def article_page(self, req: "Request", article_id: str) -> str:
        """The article as facts are extracted from it (title, lead, body: articles.text), every fact
        marked in place and coloured by kind; a mark leads to the fact's card below (fields, rule,
        checks, verdict)."""
        if not _FACT_ID.match(article_id):
            raise HTTPError("404 Not Found", "no such article")
        con = open_for_reading(self.warehouse)
        try:
            rows = self._rows(con, "SELECT article_id, title, text, lead_start, body_start, language, site, "
                                   "COALESCE(canonical_url, url) AS url, published_at, raw_path "
                                   "FROM articles WHERE article_id = ?", [article_id])
            facts = self._rows(con, f'{self._FACT_SELECT} WHERE f.article_id = ? ORDER BY f."start", f."end" DESC',
                               [article_id])
            checks = self._checks_for(con, [f["fact_id"] for f in facts])
        finally:
            con.close()
        if not rows:
            raise HTTPError("404 Not Found", "no such article")
        article = rows[0]
        verdicts = self.store.verdicts_for(facts)
        flagged = {fid for fid, cs in checks.items() if any(c["severity"] != "info" for c in cs)}
        text = article["text"] or ""
        lang = article.get("language")
        lines, at = [], 0
        for line in text.split("\n"):
            section = _section_at(at, article.get("lead_start"), article.get("body_start"))
            tag = "h2" if section == "title" else "p"
            marked = marked_text(line, at, facts, verdicts, flagged)
            lines.append(f'<{tag} class="a-{section}"{_lang_attr(lang)}>{marked}</{tag}>')
            at += len(line) + 1
        url = article.get("url") or ""
        link = (f'<a href="{e(url)}" rel="noopener noreferrer" target="_blank">{e(url)}</a>'
                if urlsplit(url).scheme in ("http", "https") else e(url))
        raw = f' · <a href="/raw/{e(article_id)}">stored page</a>' if article.get("raw_path") else ""
        kinds = " ".join(f'<span class="legend k-{e(k)}">{e(k)}</span>' for k in sorted({f["kind"] for f in facts}))
        cards = "\n".join(self.card(f, verdicts.get(f["fact_id"]), checks.get(f["fact_id"], []), req,
                                     req.full_path) for f in facts)
        body = (f'<p class="article">{link} · {e(article.get("site"))} · {e(_fmt(article.get("published_at")) or "no date")}'
                f'{raw} · {len(facts)} facts</p><p class="legend-line">{kinds}</p>'
                f'<div class="article-text">{"".join(lines)}</div>'
                f'<h2>Facts in this article</h2><div id="queue">{cards}</div>')
        return self.page(article.get("title") or article_id, body, req)

    def export(self, name: str):
        """The verdicts, or the reviewed facts with their verdicts, as a CSV download."""
        text = render(export_rows(self.warehouse, name), "csv", None)
        return "200 OK", [("Content-Type", "text/csv; charset=utf-8"),
                          ("Content-Disposition", f'attachment; filename="newsfacts-{name}.csv"')], text

    def raw(self, article_id: str):
        if not re.match(r"^[0-9a-f]{8,64}$", article_id):
            raise HTTPError("404 Not Found", "no such article")
        con = open_for_reading(self.warehouse)
        try:
            row = con.execute("SELECT raw_path FROM articles WHERE article_id = ?", [article_id]).fetchone()
        finally:
            con.close()
        if not row or not row[0]:
            raise HTTPError("404 Not Found", "no raw page stored for this article")
        root = self.raw_root.resolve()
        path = (root / row[0]).resolve()
        if root not in path.parents or not path.is_file():
            raise HTTPError("404 Not Found", "the stored raw page is missing")
        text = read_raw(path).decode("utf-8", "replace")
        # untrusted HTML: shown as plain text, never rendered (plus nosniff and the CSP sandbox)
        return "200 OK", [("Content-Type", "text/plain; charset=utf-8"),
                          ("Content-Disposition", "inline"),
                          ("Content-Security-Policy", "sandbox; default-src 'none'")], text

    def summary(self, req: "Request") -> str:
        s = self.store.summary()
        con = open_for_reading(self.warehouse)
        try:
            checks = self._rows(con, "SELECT check_id, article_id, check_name, severity, fact_ids, message "
                                     f"FROM checks WHERE {FLAGGED} ORDER BY {_SEVERITY_ORDER}, check_name") if self._has_checks(con) \
                else None
            facts_total = con.execute("SELECT count(*) FROM facts").fetchone()[0]
            per_month = con.execute("""SELECT a.site, strftime(date_trunc('month', a.published_at), '%Y-%m') AS month,
                    count(*) FROM facts f JOIN articles a USING (article_id) WHERE a.published_at IS NOT NULL
                    GROUP BY ALL ORDER BY 1, 2 DESC""").fetchall()
        finally:
            con.close()
        ids, _ = self.store.reviewed_keys()
        reviewed, dismissed = set(ids), set(self.store.dismissed_checks())
        open_checks = [c for c in (checks or []) if c["check_id"] not in dismissed
                       and (not c["fact_ids"] or any(f not in reviewed for f in c["fact_ids"]))]

        def table(rows: list[dict], cols: list[str], cls: str) -> str:
            head = "".join(f"<th>{e(c)}</th>" for c in cols)
            body = "".join("<tr>" + "".join(f"<td>{e(_fmt(r[c]))}</td>" for c in cols) + "</tr>" for r in rows)
            return f'<table class="{cls}"><tr>{head}</tr>{body}</table>' if rows else "<p>None yet.</p>"

        cols = ["reviewed", "correct", "wrong", "corrected", "precision"]
        if checks is None:
            check_html = "<p>No checks table in this warehouse.</p>"
        else:
            items = "".join(f'<li class="check sev-{e(c["severity"])}"><b>{e(c["check_name"])}</b> '
                            f'({e(c["severity"])}): {e(c["message"])} '
                            + " ".join(f'<a href="/fact/{e(f)}">{e(f[:8])}</a>' for f in (c["fact_ids"] or []))
                            + "</li>" for c in open_checks[:200])
            check_html = (f'<p id="open-checks">{len(open_checks)} open checks (errors and warnings with a fact '
                          f'not yet reviewed) of {len(checks)}.</p><ul>{items}</ul>')
        charts = self._summary_charts(s, per_month, open_checks)
        body = (f'<p>{s["total"]} of {facts_total} facts reviewed. Precision = correct / '
                f'(correct + wrong + corrected), from the latest verdict per fact.</p>'
                '<p class="exports">Export (CSV): <a href="/export/reviewed.csv">reviewed facts with their '
                'verdicts</a> · <a href="/export/verdicts.csv">every verdict</a></p>'
                f'<div class="charts">{charts}</div>'
                f'<h2>Precision per kind</h2>{table(s["by_kind"], ["kind"] + cols, "by-kind")}'
                f'<h2>Precision per rule</h2>{table(s["by_rule"], ["kind", "rule_id"] + cols, "by-rule")}'
                f'<h2>Reviewed per day</h2>{table(s["per_day"], ["day", "facts", "verdicts"], "per-day")}'
                f'<h2>Open checks</h2>{check_html}')
        return self.page("Summary", body, req)

    @staticmethod
    def _summary_charts(s: dict, per_month: list[tuple], open_checks: list[dict]) -> str:
        """Precision per kind and per rule (from the verdicts), facts per site and month, open checks
        by type; every bar links to the queue filtered to what it counts."""
        def queue(**args) -> str:
            return "/?" + urlencode({k: v for k, v in args.items() if v})

        kinds = [Bar(r["kind"], r["precision"] or 0.0, queue(kind=r["kind"], status="reviewed"),
                     f'{r["correct"]} of {r["reviewed"]}') for r in s["by_kind"]]
        worst = sorted(s["by_rule"], key=lambda r: (r["precision"] or 0.0, -r["reviewed"]))[:12]
        rules = [Bar(r["rule_id"] or "(none)", r["precision"] or 0.0,
                     queue(rule=r["rule_id"], status="reviewed"), f'{r["correct"]} of {r["reviewed"]}')
                 for r in worst]
        months = []
        for site, month, n in per_month:
            if sum(1 for m in months if m.label.startswith(f"{site} ")) >= 12:
                continue   # the site's last twelve months
            last = calendar.monthrange(int(month[:4]), int(month[5:]))[1]
            months.append(Bar(f"{site} {month}", n, queue(site=site, **{"from": f"{month}-01",
                                                                         "to": f"{month}-{last:02d}"})))
        by_check: dict[str, int] = {}
        for c in open_checks:
            by_check[c["check_name"]] = by_check.get(c["check_name"], 0) + 1
        checks = [Bar(name, n, queue(check=name)) for name, n in sorted(by_check.items(), key=lambda x: -x[1])]
        return (bar_chart(kinds, "Precision per kind", scale_max=1.0, percent=True)
                + bar_chart(rules, "Precision of the least precise rules", scale_max=1.0, percent=True)
                + bar_chart(months, "Facts per site and month (by publication date)")
                + bar_chart(checks, "Open checks by type"))

    # --- writing a verdict -----------------------------------------------------------------
    def _checked_form(self, req: "Request") -> dict[str, str]:
        """The posted form, from this page (same origin, this session's token)."""
        self._check_same_origin(req)
        if not req.content_type.startswith("application/x-www-form-urlencoded"):
            raise HTTPError("415 Unsupported Media Type", "send the verdict form")
        form = req.form()
        sent = form.get("csrf", "")
        if not (req.cookie_token and self._token_ok(sent) and hmac.compare_digest(sent, req.cookie_token)):
            raise HTTPError("403 Forbidden", "missing or wrong form token: reload the page and try again")
        return form

    @staticmethod
    def _back(form: dict[str, str]) -> str:
        back = form.get("back", "/")
        # browsers drop tabs and line breaks from a URL: "/\t/evil.com" is read as "//evil.com"
        if not back.startswith("/") or back.startswith("//") or "\\" in back \
                or any(c.isspace() or ord(c) < 32 or ord(c) == 127 for c in back):
            back = "/"
        return back.split("#")[0]

    def post_undo(self, req: "Request"):
        """Take back this browser's last verdict, if it is still its fact's latest."""
        form = self._checked_form(req)
        if req.last_verdict is None:
            raise HTTPError("400 Bad Request", "no verdict of yours to undo")
        verdict_id, fact_id = req.last_verdict
        if not self.store.undo(verdict_id, fact_id):
            raise HTTPError("409 Conflict", "that verdict is no longer the fact's latest: nothing undone")
        return "303 See Other", [("Location", f"{self._back(form)}#f-{fact_id}"),
                                 ("Content-Type", "text/plain; charset=utf-8"),
                                 ("Set-Cookie", "nf_last=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict")], "undone"

    def post_dismiss(self, req: "Request"):
        """Dismiss a check as a false alarm: it no longer flags its facts nor counts as open."""
        form = self._checked_form(req)
        check_id = form.get("check_id", "")
        if not _FACT_ID.match(check_id):
            raise HTTPError("400 Bad Request", "bad check id")
        con = open_for_reading(self.warehouse)
        try:
            row = con.execute("SELECT check_name FROM checks WHERE check_id = ?", [check_id]).fetchone() \
                if self._has_checks(con) else None
        finally:
            con.close()
        if row is None:
            raise HTTPError("404 Not Found", "no such check (a later run may have recomputed it)")
        self.store.dismiss_check(check_id, row[0], form.get("reviewer", "")[:100])
        return "303 See Other", [("Location", self._back(form)), ("Content-Type", "text/plain; charset=utf-8")], \
            "dismissed"

    def post_verdict(self, req: "Request"):
        form = self._checked_form(req)
        fact_id, verdict = form.get("fact_id", ""), form.get("verdict", "")
        if verdict not in VERDICTS:
            raise HTTPError("400 Bad Request", f"verdict must be one of {', '.join(VERDICTS)}")
        if not _FACT_ID.match(fact_id):
            raise HTTPError("400 Bad Request", "bad fact id")
        con = open_for_reading(self.warehouse)
        try:
            fact = self._fact(con, fact_id)
        finally:
            con.close()
        if fact is None:
            raise HTTPError("404 Not Found", "no such fact (a later run may have re-extracted its article)")
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
        location = self._back(form) + (f"#f-{nxt}" if _FACT_ID.match(nxt) else f"#f-{fact_id}")
        headers = [("Location", location), ("Content-Type", "text/plain; charset=utf-8"),
                   ("Set-Cookie", f"nf_last={verdict_id}:{fact_id}; Path=/; HttpOnly; SameSite=Strict")]
        if reviewer:
            headers.append(("Set-Cookie", f"nf_reviewer={quote(reviewer, safe='')}; Path=/; Max-Age=31536000; "
                                          f"SameSite=Strict"))
        return "303 See Other", headers, "verdict recorded"

    def _check_same_origin(self, req: "Request") -> None:
        origin = req.environ.get("HTTP_ORIGIN")
        referer = req.environ.get("HTTP_REFERER")
        allowed = {f"http://{h}" for h in self.allowed_hosts}
        if origin is not None:
            if origin not in allowed:
                raise HTTPError("403 Forbidden", "cross-site request refused")
        elif referer:
            parts = urlsplit(referer)
            if f"{parts.scheme}://{parts.netloc}" not in allowed:
                raise HTTPError("403 Forbidden", "cross-site request refused")
        else:
            raise HTTPError("403 Forbidden", "request without Origin or Referer refused")

    # --- HTML ------------------------------------------------------------------------------
    def card(self, f: dict, verdict: dict | None, checks: list[dict], req: "Request", back: str) -> str:
        fid = f["fact_id"]
        lang = f.get("article_language")
        fields = "".join(f"<dt>{e(name)}</dt><dd>{e(_fmt(f.get(name), lang))}</dd>" for name in _SHOWN_FIELDS
                         if f.get(name) is not None and f.get(name) == f.get(name))
        url = f.get("article_url") or ""
        link = (f'<a href="{e(url)}" rel="noopener noreferrer" target="_blank">{e(f["article_title"] or url)}</a>'
                if urlsplit(url).scheme in ("http", "https") else e(f["article_title"] or url))
        raw = f' · <a href="/raw/{e(f["article_id"])}">stored page</a>' if f.get("raw_path") else ""
        if verdict:
            v = verdict["verdict"]
            badge = (f'<span class="verdict v-{e(v)}" data-verdict="{e(v)}">{e(v)}'
                     + (f': {e(shown_corrected(verdict["corrected_value"], f))}' if verdict.get("corrected_value") else "")
                     + (f' — {e(verdict["reviewer"])}' if verdict.get("reviewer") else "")
                     + (f' <i>({e(verdict["note"])})</i>' if verdict.get("note") else "") + "</span>")
        else:
            badge = '<span class="verdict v-none" data-verdict="">not reviewed</span>'
        # a headline or lead is read differently from the body: the card says so (body is the default)
        section = (f' <span class="section" data-section="{e(f["section"])}">in the {e(f["section"])}</span>'
                   if f.get("section") in ("title", "lead") else "")
        if checks and req.dismissed is None:   # read once per request, not once per card
            req.dismissed = set(self.store.dismissed_checks())
        dismissed = req.dismissed or set()
        check_items = "".join(check_item(c, c["check_id"] in dismissed, req, back) for c in checks)
        check_html = f'<ul class="checks">{check_items}</ul>' if checks else ""
        flagged = any(c["severity"] != "info" and c["check_id"] not in dismissed for c in checks)
        return f"""<article class="fact{' flagged' if flagged else ''}" id="f-{e(fid)}" data-fact="{e(fid)}" tabindex="-1">
<header><span class="kind">{e(f["kind"])}</span>{section} <code class="rule">{e(f["rule_id"])}</code> {badge}
<a class="detail" href="/fact/{e(fid)}">detail</a></header>
<p class="sentence"{_lang_attr(lang)}>{highlight(f.get("sentence") or "", f.get("sentence_start") or 0, f["start"], f["end"], f["text"])}</p>
{about_line(f)}
<dl class="fields"><dt>text</dt><dd{_lang_attr(lang)}>{e(f["text"])}</dd>{fields}</dl>
<p class="article">{link} · {e(f.get("site"))} · {e(_fmt(f.get("published_at")) or "no date")}{raw} · <a class="in-article" href="/article/{e(f["article_id"])}#m-{e(fid)}">in the article</a></p>
{check_html}
<form class="verdict-form" method="post" action="/verdict">
<input type="hidden" name="csrf" value="{e(req.token)}"><input type="hidden" name="fact_id" value="{e(fid)}">
<input type="hidden" name="back" value="{e(back)}"><input type="hidden" name="next" value="">
<input type="hidden" name="reviewer" value="{e(req.reviewer)}">
<button type="submit" name="verdict" value="correct" class="b-correct">Correct <kbd>c</kbd></button>
<button type="submit" name="verdict" value="wrong" class="b-wrong">Wrong <kbd>w</kbd></button>
<label class="field">because <select name="reason" class="reason"><option value="">(say why)</option>{_REASON_OPTIONS}</select></label>
<label class="field">corrected value <input name="corrected_value" class="corrected" {_corrected_hint(f)}></label>
<button type="submit" name="verdict" value="corrected" class="b-corrected">Corrected</button>
<label class="field">note <input name="note" class="note" placeholder="note (n)" size="24"></label>
</form>
</article>"""

    @staticmethod
    def _undo_form(req: "Request") -> str:
        if req.last_verdict is None:
            return ""
        return (f'<form class="undo" method="post" action="/undo"><input type="hidden" name="csrf" value="{e(req.token)}">'
                f'<input type="hidden" name="back" value="{e(req.full_path)}">'
                f'<button type="submit" id="undo">Undo last verdict <kbd>u</kbd></button></form>')

    def page(self, title: str, body: str, req: "Request") -> str:
        return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{e(title)} · newsfacts review</title>
<link rel="stylesheet" href="/static/review.css"><script src="/static/review.js" defer></script></head>
<body><header class="top"><a href="/">Queue</a> <a href="/summary">Summary</a>{self._undo_form(req)}
<span class="session-count" id="session-count" title="verdicts given since this page was opened"></span>
<label class="who">reviewer <input id="reviewer" value="{e(req.reviewer)}" size="12" autocomplete="name"></label></header>
<main><h1>{e(title)}</h1>
{body}</main></body></html>"""


_REASON_OPTIONS = "".join(f'<option value="{r}">{r.replace("_", " ")}</option>' for r in REASONS)


def about_line(f: dict) -> str:
    """What a figure is about, on one line: measure [measure_key] · place (level) · reference
    period. Figures always get the line (a missing field shows as "–"); other facts only when the
    extractors gave them one of the fields."""
    if f.get("kind") not in NUMERIC_KINDS and not any(f.get(k) for k in ABOUT_FIELDS):
        return ""
    lang = _lang_attr(f.get("article_language"))
    none = '<span class="none">–</span>'
    measure = f'<span class="measure"{lang}>{e(f["measure"])}</span>' if f.get("measure") else none
    key = f' <code class="measure-key">{e(f["measure_key"])}</code>' if f.get("measure_key") else ""
    place = (f'<span class="place"{lang}>{e(f["place"])}</span>' if f.get("place") else none) + \
        (f' <span class="place-level">({e(f["place_level"])})</span>' if f.get("place_level") else "")
    start, end = _fmt(f.get("ref_start")), _fmt(f.get("ref_end"))
    ref = (f'<span class="ref" data-start="{e(start)}" data-end="{e(end)}">{e(start or "…")} – {e(end or "…")}</span>'
           if start or end else none)
    return (f'<p class="about"><span class="label">measures</span> {measure}{key} · '
            f'<span class="label">place</span> {place} · <span class="label">period</span> {ref}</p>')


def check_item(c: dict, dismissed: bool = False, req: "Request | None" = None, back: str = "/") -> str:
    """One check on a fact card; a translation/original check with its two sentences side by side;
    a flagging check can be dismissed as a false alarm."""
    head = f'<b>{e(c["check_name"])}</b> ({e(c["severity"])}): '
    state = ' <span class="dismissed-note">(dismissed as a false alarm)</span>' if dismissed else ""
    dismiss = ""
    if req is not None and not dismissed and c["severity"] != "info":
        dismiss = (f'<form class="dismiss" method="post" action="/dismiss"><input type="hidden" name="csrf" '
                   f'value="{e(req.token)}"><input type="hidden" name="check_id" value="{e(c["check_id"])}">'
                   f'<input type="hidden" name="back" value="{e(back)}"><input type="hidden" name="reviewer" '
                   f'value="{e(req.reviewer)}"><button type="submit">dismiss: false alarm</button></form>')
    classes = f'check sev-{e(c["severity"])}' + (" dismissed" if dismissed else "")
    pair = c.get("pair")
    if not pair:
        return (f'<li class="{classes}" data-check="{e(c["check_name"])}">'
                f'{head}{e(c["message"])}{state}{dismiss}</li>')
    message = c["message"].split(" — translation: ", 1)[0]      # the sentences are shown below
    sides = "".join(_pair_side(f, role) for f, role in zip(pair, ("translation", "original")))
    return (f'<li class="{classes}" data-check="{e(c["check_name"])}">{head}{e(message)}{state}'
            f'<div class="pair">{sides}</div>{dismiss}</li>')


def _pair_side(f: dict, role: str) -> str:
    url = f.get("article_url") or ""
    title = f.get("article_title") or url
    link = (f'<a class="article-link" href="{e(url)}" rel="noopener noreferrer" target="_blank">{e(title)}</a>'
            if urlsplit(url).scheme in ("http", "https") else e(title))
    sentence = highlight(f.get("sentence") or "", f.get("sentence_start") or 0, f["start"], f["end"], f["text"])
    return (f'<div class="side side-{role}" data-fact="{e(f["fact_id"])}"><div class="side-head">{e(role)} · '
            f'{e(f.get("site"))} · <a class="fact-link" href="/fact/{e(f["fact_id"])}">fact</a></div>'
            f'<p class="side-sentence"{_lang_attr(f.get("article_language"))}>{sentence}</p>'
            f'<div class="side-article">{link}</div></div>')


def _section_at(offset: int, lead_start: int | None, body_start: int | None) -> str:
    if body_start is not None and offset >= body_start:
        return "body"
    if lead_start is not None and offset >= lead_start:
        return "lead"
    return "title"


def marked_text(line: str, line_start: int, facts: list[dict], verdicts: dict, flagged: set) -> str:
    """One line of the article, escaped, each fact in it a <mark> (review.js makes a click on it go to
    the fact's card); a fact inside another (a date in a document reference) is marked inside it,
    one that only overlaps another is left to its card. `facts` by start, the longer first."""
    end_of_line = line_start + len(line)
    out: list[str] = []
    open_ends: list[int] = []          # ends of the marks open, innermost last
    at = line_start

    def close_until(pos: int) -> None:
        nonlocal at
        while open_ends and open_ends[-1] <= pos:
            end = open_ends.pop()
            out.append(e(line[at - line_start:end - line_start]) + "</mark>")
            at = end

    for f in facts:
        s, t = int(f["start"]), int(f["end"])
        if s < line_start or t > end_of_line:
            continue
        close_until(s)
        if s < at or (open_ends and t > open_ends[-1]):
            continue
        out.append(e(line[at - line_start:s - line_start]))
        at = s
        fid = f["fact_id"]
        verdict = (verdicts.get(fid) or {}).get("verdict")
        classes = " ".join(c for c in (f"k-{f['kind']}", "flagged" if fid in flagged else "",
                                       f"v-{verdict}" if verdict else "") if c)
        out.append(f'<mark class="{e(classes)}" id="m-{e(fid)}" data-fact="{e(fid)}" tabindex="0" '
                   f'title="{e(f["kind"])}: {e(f["text"])}">')
        open_ends.append(t)
    close_until(end_of_line)
    out.append(e(line[at - line_start:]))
    return "".join(out)


def highlight(sentence: str, sentence_start: int, start: int, end: int, text: str) -> str:
    """The sentence, escaped, with the fact's span in <mark>: the raw text is cut first and each
    piece escaped separately, so no scraped character can ever form markup."""
    s, t = start - sentence_start, end - sentence_start
    if not (0 <= s <= t <= len(sentence) and sentence[s:t] == text):
        s = sentence.find(text) if text else -1
        t = s + len(text)
    if s < 0 or not sentence:
        return e(sentence or text)
    return f"{e(sentence[:s])}<mark>{e(sentence[s:t])}</mark>{e(sentence[t:])}"


def _notation(language: str | None) -> tuple[str, str] | None:
    """(thousands, decimal) marks of a language that writes numbers otherwise than English."""
    lex = lexicon(language)
    if lex is None or (lex.thousands, lex.decimal) == (",", "."):
        return None
    return lex.thousands, lex.decimal


def _fmt(value, language: str | None = None) -> str:
    """A field value for the page; numbers as an article in `language` writes them."""
    if value is None:
        return ""
    if isinstance(value, float):
        if value != value:
            return ""
        notation = _notation(language)
        if notation is not None:
            return written(value, *notation)   # 176.737.000.000.000, 7,6
        if value.is_integer() and abs(value) < 1e18:
            return str(int(value))
        return f"{value:.4g}" if abs(value) < 1 else f"{value:,.2f}".rstrip("0").rstrip(".")
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M UTC")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _lang_attr(language: str | None) -> str:
    """lang="vi" on the article's own text (the page itself is English): none for English."""
    code = language_code(language)
    return f' lang="{e(code)}"' if code and code != "en" else ""


def _corrected_hint(f: dict) -> str:
    """The corrected-value field's placeholder; for a figure of an article that writes numbers
    otherwise than English, its value in that notation and a tooltip on how to type one."""
    plain = 'placeholder="corrected value (e)" size="18"'
    notation = _notation(f.get("article_language"))
    if notation is None or f.get("kind") not in NUMERIC_KINDS:
        return plain
    lang = f.get("article_language")
    if f["kind"] == "ratio" and f.get("numerator") is not None and f.get("denominator") is not None:
        example = f'{_fmt(f["numerator"], lang)}/{_fmt(f["denominator"], lang)}'
    elif f.get("value") is not None and f.get("value") == f.get("value"):
        example = _fmt(f["value"], lang)
    else:
        return plain
    thousands, decimal = notation
    sample = written(1234.5, thousands, decimal)
    hint = f"corrected, as {example} (e)"
    return (f'placeholder="{e(hint)}" size="{max(18, len(hint) + 2)}" title="corrected value, numbers as the '
            f'article writes them: “{e(thousands)}” groups thousands, “{e(decimal)}” is the decimal mark '
            f'({e(sample)} = 1234.5)"')


# One number as typed: digits with "." or "," marks ("1.234,5", "7,6", "1234.5").
_TYPED_NUMBER = re.compile(r"(?<![\d.,])\d+(?:[.,]\d+)*(?![\d.,]*\d)")
_PLAIN_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")
_PLAIN_TOKEN = re.compile(r"(?<![\d.,])\d+(?:\.\d+)?(?![\d.,]*\d)")


def _typed_number(token: str, thousands: str, decimal: str) -> Decimal | None:
    """A number typed in the article's notation (or unambiguously in plain notation): '1.234,5'
    1234.5, '1.234' 1234, '7,6' 7.6, '1234.5' 1234.5; None when it is no number of either
    ('26.7.2016', '1,2,3')."""
    t, d = re.escape(thousands), re.escape(decimal)
    if re.fullmatch(rf"\d{{1,3}}(?:{t}\d{{3}})+(?:{d}\d+)?|\d+{d}\d+", token):
        return Decimal(token.replace(thousands, "").replace(decimal, "."))
    if re.fullmatch(r"\d+\.\d+", token):  # "1234.5", "1.5": plain notation (not groups of 3)
        return Decimal(token)
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+\.\d+", token):  # "1,234.5": both marks, English order
        return Decimal(token.replace(",", ""))
    return None


def _plain(d: Decimal) -> str:
    text = format(d, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def stored_corrected(typed: str, f: dict) -> str:
    """The corrected value as stored: numbers typed on a figure of an article that writes them
    otherwise than English are put in plain notation ("1.234,5" -> "1234.5", "2,5 tỷ đồng" ->
    "2.5 tỷ đồng"), so the stored form reads one way; anything else as typed."""
    notation = _notation(f.get("article_language"))
    if notation is None or f.get("kind") not in NUMERIC_KINDS:
        return typed

    def plain(m: re.Match) -> str:
        number = _typed_number(m.group(), *notation)
        return m.group() if number is None else _plain(number)
    return _TYPED_NUMBER.sub(plain, typed.strip())


def shown_corrected(stored: str | None, f: dict) -> str:
    """A stored corrected value for the page, its numbers in the article's notation ("1234.5" ->
    "1.234,5"; in longer text a plain number with a decimal part or five digits or more, so that
    a year stays "2024")."""
    notation = _notation(f.get("article_language"))
    if notation is None or f.get("kind") not in NUMERIC_KINDS or not stored:
        return stored or ""
    if _PLAIN_NUMBER.fullmatch(stored.strip()):
        return written(Decimal(stored.strip()), *notation)

    def shown(m: re.Match) -> str:
        token = m.group()
        return written(Decimal(token), *notation) if "." in token or len(token) >= 5 else token
    return _PLAIN_TOKEN.sub(shown, stored)


class Request:
    def __init__(self, environ: dict, cookies: SimpleCookie, token: str):
        self.environ = environ
        self.method = environ.get("REQUEST_METHOD", "GET")
        self.path = environ.get("PATH_INFO", "/") or "/"
        qs = environ.get("QUERY_STRING", "")
        self.query = {k: v[0] for k, v in parse_qs(qs).items()}
        self.full_path = quote(self.path) + (f"?{qs}" if qs else "")
        self.content_type = environ.get("CONTENT_TYPE", "") or ""
        self.cookie_token = cookies["nf_csrf"].value if "nf_csrf" in cookies else None
        self.token = token
        self.reviewer = unquote(cookies["nf_reviewer"].value)[:100] if "nf_reviewer" in cookies else ""
        # "verdict_id:fact_id" of the verdict this browser gave last, for undo
        last = cookies["nf_last"].value.split(":") if "nf_last" in cookies else []
        self.last_verdict = tuple(last) if len(last) == 2 and all(_FACT_ID.match(x) for x in last) else None
        self.dismissed: set[str] | None = None     # the checks dismissed, once a card needs them

    def form(self) -> dict[str, str]:
        try:
            length = int(self.environ.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > MAX_BODY:
            raise HTTPError("413 Content Too Large", "form too large")
        body = self.environ["wsgi.input"].read(length).decode("utf-8", "replace") if length else ""
        return {k: v[0] for k, v in parse_qs(body, keep_blank_values=True).items()}


# --- serving --------------------------------------------------------------------------------
class _ThreadingWSGIServer(socketserver.ThreadingMixIn, WSGIServer):
    daemon_threads = True
    allow_reuse_address = True


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
