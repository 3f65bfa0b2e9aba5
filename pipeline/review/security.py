"""What keeps the review page to its own analysts' browser: it has no login, so a page on another site
must neither read it nor post verdicts through it.

- Host check: only Host headers that name the page are answered (no DNS rebinding).
- CSRF: a per-session token, random part plus its HMAC, in a SameSite=Strict cookie and in a hidden
  field of every form; a POST needs both, equal and signed, and a same-origin Origin or Referer.
- Redirects after a POST go only to a path of this page.
- Headers on every answer: a CSP that allows scripts only from /static, no framing, no sniffing.
"""
from __future__ import annotations

import hashlib
import hmac
import secrets
from urllib.parse import urlsplit

from pipeline.review.request import HTTPError, Request

CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; " \
      "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
SECURITY_HEADERS = [("Content-Security-Policy", CSP), ("X-Content-Type-Options", "nosniff"),
                    ("X-Frame-Options", "DENY"), ("Referrer-Policy", "same-origin"),
                    ("Cache-Control", "no-store")]
# a stored page is untrusted HTML: served as plain text, and sandboxed should a browser render it anyway
RAW_PAGE_HEADERS = [("Content-Type", "text/plain; charset=utf-8"), ("Content-Disposition", "inline"),
                    ("Content-Security-Policy", "sandbox; default-src 'none'")]


def allowed_hosts(host: str, port: int) -> set[str]:
    """The Host header values of a page listening on host:port."""
    names = {"127.0.0.1", "localhost", "[::1]", host if ":" not in host else f"[{host}]"}
    return {f"{n}:{port}" for n in names} | ({n for n in names} if port == 80 else set())


class CsrfTokens:
    """Session tokens of one running page: random.signature, so forged or foreign cookies are refused too."""

    def __init__(self):
        self._secret = secrets.token_bytes(32)

    def _sign(self, rand: str) -> str:
        return hmac.new(self._secret, rand.encode(), hashlib.sha256).hexdigest()[:32]

    def new(self) -> str:
        rand = secrets.token_urlsafe(24)
        return f"{rand}.{self._sign(rand)}"

    def valid(self, token: str | None) -> bool:
        if not token or "." not in token:
            return False
        rand, sig = token.rsplit(".", 1)
        return hmac.compare_digest(sig, self._sign(rand))

    def session(self, cookie_token: str | None) -> tuple[str, list[tuple[str, str]]]:
        """The request's token: its cookie's if valid, else a new one with the header that sets it."""
        if cookie_token and self.valid(cookie_token):
            return cookie_token, []
        token = self.new()
        return token, [("Set-Cookie", f"nf_csrf={token}; Path=/; HttpOnly; SameSite=Strict")]


def check_host(req: Request, allowed: set[str]) -> None:
    if req.environ.get("HTTP_HOST", "") not in allowed:
        raise HTTPError("400 Bad Request", "unknown Host header")


def check_same_origin(req: Request, allowed: set[str]) -> None:
    """A POST must come from this page: its Origin, or failing that its Referer, names it."""
    origin = req.environ.get("HTTP_ORIGIN")
    referer = req.environ.get("HTTP_REFERER")
    origins = {f"http://{h}" for h in allowed}
    if origin is not None:
        if origin not in origins:
            raise HTTPError("403 Forbidden", "cross-site request refused")
    elif referer:
        parts = urlsplit(referer)
        if f"{parts.scheme}://{parts.netloc}" not in origins:
            raise HTTPError("403 Forbidden", "cross-site request refused")
    else:
        raise HTTPError("403 Forbidden", "request without Origin or Referer refused")


def checked_form(req: Request, tokens: CsrfTokens, allowed: set[str]) -> dict[str, str]:
    """The posted form, from this page (same origin, this session's token)."""
    check_same_origin(req, allowed)
    if not req.content_type.startswith("application/x-www-form-urlencoded"):
        raise HTTPError("415 Unsupported Media Type", "send the verdict form")
    form = req.form()
    sent = form.get("csrf", "")
    if not (req.cookie_token and tokens.valid(sent) and hmac.compare_digest(sent, req.cookie_token)):
        raise HTTPError("403 Forbidden", "missing or wrong form token: reload the page and try again")
    return form


def local_target(back: str) -> str:
    """Where to go after a POST: `back` if it is a path of this page, else the queue."""
    # browsers drop tabs and line breaks from a URL: "/\t/evil.com" is read as "//evil.com"
    if not back.startswith("/") or back.startswith("//") or "\\" in back \
            or any(c.isspace() or ord(c) < 32 or ord(c) == 127 for c in back):
        back = "/"
    return back.split("#")[0]
