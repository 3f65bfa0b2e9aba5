"""A request to the review page as its handlers read it, and the error that answers one with a status.

Everything here comes from the browser, so nothing is trusted: ids and cookies are checked for shape,
a form body has a size limit.
"""
from __future__ import annotations

import re
from http.cookies import SimpleCookie
from urllib.parse import parse_qs, quote, unquote

MAX_BODY = 64 * 1024
# what a fact, article, check or verdict id looks like (hex digits of a hash or a random token)
HEX_ID = re.compile(r"^[0-9a-f]{8,64}$")


class HTTPError(Exception):
    """Answered as an error page with this status (400, 403, 404, ...)."""

    def __init__(self, status: str, message: str):
        super().__init__(message)
        self.status, self.message = status, message


class Request:
    """Method, path, query and cookies of one request; `token` is the session's CSRF token, set by
    the app once it has checked the cookie's (pipeline.review.security)."""

    def __init__(self, environ: dict):
        self.environ = environ
        self.method = environ.get("REQUEST_METHOD", "GET")
        self.path = environ.get("PATH_INFO", "/") or "/"
        qs = environ.get("QUERY_STRING", "")
        self.query = {k: v[0] for k, v in parse_qs(qs).items()}
        self.full_path = quote(self.path) + (f"?{qs}" if qs else "")
        self.content_type = environ.get("CONTENT_TYPE", "") or ""
        cookies = SimpleCookie()
        try:
            cookies.load(environ.get("HTTP_COOKIE", ""))
        except Exception:  # a malformed cookie header is no reason to fail
            pass
        self.cookie_token = cookies["nf_csrf"].value if "nf_csrf" in cookies else None
        self.token = ""
        self.reviewer = unquote(cookies["nf_reviewer"].value)[:100] if "nf_reviewer" in cookies else ""
        # "verdict_id:fact_id" of the verdict this browser gave last, for undo
        last = cookies["nf_last"].value.split(":") if "nf_last" in cookies else []
        self.last_verdict = tuple(last) if len(last) == 2 and all(HEX_ID.match(x) for x in last) else None

    def form(self) -> dict[str, str]:
        """The posted form fields (first value of each)."""
        try:
            length = int(self.environ.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > MAX_BODY:
            raise HTTPError("413 Content Too Large", "form too large")
        body = self.environ["wsgi.input"].read(length).decode("utf-8", "replace") if length else ""
        return {k: v[0] for k, v in parse_qs(body, keep_blank_values=True).items()}
