"""Helpers shared by the site adapters: the parsed page, metadata, dates and text cleanup.

Nothing here knows about a particular site; the adapters pass their selectors and patterns in.
"""
from __future__ import annotations

import copy
import html as htmllib
import json
import logging
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin
from zoneinfo import ZoneInfo

from bs4 import BeautifulSoup, Comment, Declaration, Doctype, NavigableString, ProcessingInstruction, Tag

from pipeline.crawl.decode import decode_html

log = logging.getLogger(__name__)

VN_TZ = ZoneInfo("Asia/Ho_Chi_Minh")
FUTURE_SLACK = timedelta(days=1)

# ------------------------------------------------------------------ decoding and parsing

def make_soup(html: str | bytes) -> BeautifulSoup:
    if isinstance(html, bytes):
        html = decode_html(html)[0]
    # libxml2 stops at NUL characters, which would silently truncate the page.
    return BeautifulSoup(html.replace("\x00", ""), "lxml")


# ------------------------------------------------------------------ text cleanup

_ENTITY = re.compile(r"&(?:#\d{2,7}|#x[0-9a-fA-F]{2,6}|[A-Za-z][A-Za-z0-9]{1,31});")
# Numeric references like &#150; are cp1252 code points in disguise; lxml keeps them as C1 controls.
_C1_MAP = {i: bytes([i]).decode("cp1252", errors="ignore") or None for i in range(0x80, 0xA0)}
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_SPACES = re.compile(r"[\s\u00a0\u2000-\u200a\u202f\u205f\u3000]+")


def clean_text(text: str | None) -> str:
    """One line of text: leftover entities decoded, NFC, whitespace collapsed."""
    if not text:
        return ""
    if "&" in text and _ENTITY.search(text):
        # Double-escaped CMS output ("&amp;amp;", "&amp;#8217;") survives one round of parsing.
        text = htmllib.unescape(text)
    text = text.translate(_C1_MAP).translate(_INVISIBLE)
    text = unicodedata.normalize("NFC", text)
    return _SPACES.sub(" ", text).strip()


_CAPTION_WORD = (r"(?:photo|photos|ảnh|image|picture)"
                 r"(?:\s+(?:minh\s+h(?:ọa|oạ)|illustration|credit|courtesy))?")
_CAPTION_START = re.compile(rf"^[(\[]?\s*{_CAPTION_WORD}\s*:", re.I)
_CAPTION_TAIL = re.compile(rf"(?:^|[.!?)\]]\s+|\(\s*){_CAPTION_WORD}\s*:\s*\S.{{0,80}}$", re.I)
_READ_MORE = re.compile(
    r"^(?:read more|see also|related(?: news| articles| stories| posts)?|đọc thêm|xem thêm|tin liên quan|"
    r"bài liên quan)\s*(?:[:>»|\-–].*)?$", re.I)
_COMMENTS = re.compile(r"^(?:comments?|bình luận|ý kiến)\s*\(\s*\d+\s*\)", re.I)
SOURCE_LINE = re.compile(r"^[(\[]?\s*(?:source|nguồn)\s*:", re.I)
_SHARE = re.compile(r"^(?:share|chia sẻ)(?:\s*:)?(?:\s*(?:on\s+)?(?:facebook|twitter|x|zalo|email|e-mail|"
                    r"linkedin|telegram|copy link|print|in bài))*\s*$", re.I)
_TAGS = re.compile(r"^(?:tags?|từ khóa|từ khoá|keywords?)\s*:", re.I)
_CAPTION_MAX = 300


def is_furniture(line: str) -> bool:
    """True for caption, related-links, source, comment-count, share and tag lines."""
    if _READ_MORE.match(line) or _COMMENTS.match(line) or SOURCE_LINE.match(line):
        return True
    if _SHARE.match(line) or _TAGS.match(line) or _CAPTION_START.match(line):
        return True
    return len(line) <= _CAPTION_MAX and bool(_CAPTION_TAIL.search(line))


# Elements that are never article text wherever they sit inside a body container.
FURNITURE_SELECTORS = (
    "script", "style", "noscript", "template", "iframe", "object", "embed", "form", "button",
    "input", "select", "textarea", "nav", "aside", "svg", "figcaption", "td.caption",
    "[class*=caption]", "[class*=related]", "[class*=readmore]", "[class*=read-more]",
    "[class*=share]", "[class*=social]", "[class*=comment]", "[class*=tags]", "[class*=advert]",
    ".ads", ".ad", "[class*=banner]", "[class*=breadcrumb]", "[hidden]",
)
_BLOCK_TAGS = frozenset(
    "p div h1 h2 h3 h4 h5 h6 li ul ol dl dt dd blockquote section article header footer main "
    "table thead tbody tfoot tr td th caption pre figure center address hr details summary".split())
_SKIP_TAGS = frozenset("script style noscript template head title meta link svg img picture".split())


def strip_furniture(container: Tag) -> Tag:
    """A cleaned copy of container: furniture elements removed, empty figures dropped."""
    box = copy.copy(container)
    for selector in FURNITURE_SELECTORS:
        for el in box.select(selector):
            if not el.decomposed:
                el.decompose()
    for fig in box.select("figure, table.picture"):
        if not fig.decomposed and not fig.get_text(strip=True):
            fig.decompose()
    return box


def block_lines(el: Tag) -> list[str]:
    """The element's text, one line per block element or <br>; each line cleaned, empties dropped."""
    parts: list[str] = []
    # An explicit stack: malformed pages can nest deeper than Python's recursion limit.
    stack: list[object] = [iter(el.children)]
    while stack:
        top = stack[-1]
        if isinstance(top, str):          # a pending block end
            stack.pop()
            parts.append(top)
            continue
        node = next(top, None)
        if node is None:
            stack.pop()
            continue
        if isinstance(node, (Comment, Declaration, Doctype, ProcessingInstruction)):
            continue
        if isinstance(node, NavigableString):
            parts.append(str(node))
            continue
        if not isinstance(node, Tag) or node.name in _SKIP_TAGS:
            continue
        if node.name == "br":
            parts.append("\n")
        elif node.name in _BLOCK_TAGS:
            parts.append("\n")
            stack.append("\n")
            stack.append(iter(node.children))
        else:
            stack.append(iter(node.children))
    return [line for line in (clean_text(x) for x in "".join(parts).split("\n")) if line]


def body_lines(lines: list[str]) -> list[str]:
    return [line for line in lines if not is_furniture(line)]


_URL_IN_TEXT = re.compile(r"https?://[^\s<>\"')\]]+")


def source_in_lines(lines: list[str]) -> str | None:
    """The URL of the last 'Source: <url>' line, for bodies that arrive as plain text."""
    for line in reversed(lines):
        if SOURCE_LINE.match(line) and (m := _URL_IN_TEXT.search(line)):
            return m.group(0).rstrip(".,;")
    return None


def cut_source(container: Tag, cut_after: bool = False) -> str | None:
    """Remove the 'Source: <url>' paragraph from container (in place) and return the URL.

    Republishers put the original's address last and page furniture (share buttons,
    'Comment (0)') after it; with cut_after, or when little text follows, that tail goes too.
    """
    hits = [el for el in container.find_all(["p", "div", "li", "em", "i", "span", "strong", "h4", "h5", "h6"])
            if len(el.get_text(" ", strip=True)) < 400 and SOURCE_LINE.match(el.get_text(" ", strip=True))]
    if not hits:
        return None
    el = hits[-1]
    text = el.get_text(" ", strip=True)
    while el.parent is not None and el.parent is not container and el.parent.get_text(" ", strip=True) == text:
        el = el.parent
    link = el.find("a", href=True)
    url = None
    if link and link["href"].startswith(("http://", "https://")):
        url = link["href"].strip()
    else:
        m = _URL_IN_TEXT.search(text)
        url = m.group(0).rstrip(".,;") if m else None
    tail = []
    node = el
    while node is not None and node is not container:
        tail += list(node.next_siblings)
        node = node.parent
    tail_text = " ".join(t.get_text(" ", strip=True) if isinstance(t, Tag) else str(t).strip() for t in tail)
    if cut_after or len(tail_text) < 300:
        for t in tail:
            t.extract()
    el.decompose()
    return url


# ------------------------------------------------------------------ JSON-LD

ARTICLE_TYPES = {"newsarticle": 0, "reportagenews": 0, "analysisnewsarticle": 0, "opinionnewsarticle": 0,
                 "backgroundnewsarticle": 0, "article": 1, "report": 1, "blogposting": 2, "liveblogposting": 2}


def _types(node: dict) -> list[str]:
    t = node.get("@type", [])
    return [str(x).lower() for x in (t if isinstance(t, list) else [t])]


def _walk(obj, out: list[dict]) -> None:
    if isinstance(obj, list):
        for item in obj:
            _walk(item, out)
    elif isinstance(obj, dict):
        out.append(obj)
        if "@graph" in obj:
            _walk(obj["@graph"], out)


def _load_json(raw: str):
    raw = raw.strip()
    raw = re.sub(r"^(?://\s*)?<!\[CDATA\[|(?://\s*)?\]\]>$|^<!--|-->$", "", raw).strip()
    try:
        return json.loads(raw, strict=False)
    except ValueError:
        pass
    try:   # hand-written JSON-LD often has trailing commas
        return json.loads(re.sub(r",\s*([}\]])", r"\1", raw), strict=False)
    except ValueError as exc:
        log.debug("unreadable JSON-LD block: %s", exc)
        return None


def find_news_article(soup: BeautifulSoup) -> dict | None:
    """The page's NewsArticle (or closest Article type) node, with @id references resolved."""
    nodes: list[dict] = []
    for script in soup.find_all("script", type=re.compile(r"ld\+json", re.I)):
        data = _load_json(script.get_text())
        if data is not None:
            _walk(data, nodes)
    by_id = {n["@id"]: n for n in nodes if isinstance(n.get("@id"), str)}
    best, best_rank = None, 99
    for node in nodes:
        rank = min((ARTICLE_TYPES.get(t, 99) for t in _types(node)), default=99)
        if rank < best_rank:
            best, best_rank = node, rank
    if best is None:
        return None
    node = dict(best)
    for key in ("author", "publisher", "mainEntityOfPage"):
        node[key] = _resolve(node.get(key), by_id)
    return node


def _resolve(value, by_id: dict):
    if isinstance(value, list):
        return [_resolve(v, by_id) for v in value]
    if isinstance(value, dict) and set(value) <= {"@id", "@type"} and value.get("@id") in by_id:
        return by_id[value["@id"]]
    return value


def person_name(value) -> str | None:
    """A JSON-LD author value (string, Person, list of either) as plain names."""
    if isinstance(value, list):
        names = [n for n in (person_name(v) for v in value) if n]
        return ", ".join(dict.fromkeys(names)) or None
    if isinstance(value, dict):
        value = value.get("name")
    if isinstance(value, str) and not value.strip().startswith(("http://", "https://")):
        return clean_text(value) or None
    return None


# ------------------------------------------------------------------ dates

def _to_vn(dt: datetime) -> datetime:
    # Vietnamese sites that omit an offset mean local time.
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=VN_TZ)
    return dt.astimezone(VN_TZ)


def _plausible(dt: datetime | None) -> datetime | None:
    # CMS placeholders ("0001-01-01", "1970-01-01") are not dates.
    return dt if dt is not None and dt.year >= 1995 else None


def parse_datetime(value) -> datetime | None:
    """ISO 8601 (incl. 'Z', '+0700', space separator) or RFC 2822, as Asia/Ho_Chi_Minh time."""
    if not value or not isinstance(value, str):
        return None
    s = clean_text(value)
    try:
        return _plausible(_to_vn(datetime.fromisoformat(s)))
    except ValueError:
        pass
    m = re.match(r"(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?)?\s*"
                 r"(Z|[+-]\d{2}:?\d{2})?", s)
    if m:
        y, mo, d, hh, mm, ss, off = m.groups()
        try:
            dt = datetime(int(y), int(mo), int(d), int(hh or 0), int(mm or 0), int(ss or 0))
        except ValueError:
            return None
        if off:
            off = off.replace("Z", "+00:00")
            sign = -1 if off[0] == "-" else 1
            digits = off[1:].replace(":", "")
            dt = dt.replace(tzinfo=timezone(sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))))
        return _plausible(_to_vn(dt))
    try:
        return _plausible(_to_vn(parsedate_to_datetime(s)))
    except (TypeError, ValueError, IndexError):
        return None


def _vn_dt(y, mo, d, hh=0, mm=0) -> datetime | None:
    try:
        return _plausible(datetime(int(y), int(mo), int(d), int(hh), int(mm), tzinfo=VN_TZ))
    except ValueError:
        return None


# Day first, one separator throughout: old kinhtedothi pages write "08-11-2020 15:11" with dashes.
_VN_DAY = r"(?<!\d)(?P<d>\d{1,2})(?P<sep>[/.-])(?P<mo>\d{1,2})(?P=sep)(?P<y>\d{4})(?!\d)"
_VN_TIME = r"(?P<hh>\d{1,2})[:h](?P<mm>\d{2})"
_VN_TIME_DATE = re.compile(_VN_TIME + r"(?::\d{2})?\s*(?:[|,\-–]\s*)?(?:ngày\s*)?" + _VN_DAY)
_VN_DATE_TIME = re.compile(_VN_DAY + r"\s*(?:[|,\-–]\s*)?(?:lúc\s*)?" + _VN_TIME)
_VN_DATE = re.compile(_VN_DAY)


def parse_vn_dateline(text: str | None) -> datetime | None:
    """'Thứ Sáu, 14:05 19/07/2024', '(09:12 06/05/2019)', '19/07/2024 | 14:05', '08-11-2020 15:11'
    (day first)."""
    text = clean_text(text)
    if not text:
        return None
    for rx in (_VN_TIME_DATE, _VN_DATE_TIME, _VN_DATE):
        if m := rx.search(text):
            g = m.groupdict()
            return _vn_dt(g["y"], g["mo"], g["d"], g.get("hh") or 0, g.get("mm") or 0)
    return None


_MONTHS = {m: i for i, m in enumerate(
    "jan feb mar apr may jun jul aug sep oct nov dec".split(), start=1)}
_EN_MDY = re.compile(r"\b([A-Za-z]{3})[a-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})"
                     r"(?:[^\d]{0,12}?(\d{1,2}):(\d{2})\s*([AaPp]\.?[Mm]\.?)?)?")
_EN_DMY = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]{3})[a-z]*\.?,?\s+(\d{4})"
                     r"(?:[^\d]{0,12}?(\d{1,2}):(\d{2})\s*([AaPp]\.?[Mm]\.?)?)?")


def parse_en_dateline(text: str | None) -> datetime | None:
    """'Apr 01, 2022 / 18:24', 'April 1, 2022 6:24 PM', '1 April 2022'; else day-first numerals."""
    text = clean_text(text)
    if not text:
        return None
    for rx, order in ((_EN_MDY, "mdy"), (_EN_DMY, "dmy")):
        for m in rx.finditer(text):
            a, b, y, hh, mm, ampm = m.groups()
            mon, day = (a, b) if order == "mdy" else (b, a)
            month = _MONTHS.get(mon[:3].lower())
            if not month:
                continue
            hour = int(hh or 0)
            if ampm and ampm[0] in "pP" and hour < 12:
                hour += 12
            if ampm and ampm[0] in "aA" and hour == 12:
                hour = 0
            if dt := _vn_dt(y, month, day, hour, mm or 0):
                return dt
    return parse_vn_dateline(text)


def date_flag(published: datetime | None, now: datetime | None = None) -> str | None:
    if published is None:
        return "missing"
    now = now or datetime.now(timezone.utc)
    return "future" if published > now + FUTURE_SLACK else None


# ------------------------------------------------------------------ the parsed page

# The Hanoi Times' prefix needs a dash (a hyphen only when a space follows): "The Hanoi Times: ..."
# and "The Hanoi Times-run ..." can open real sentences.
_LEAD_PREFIX = re.compile(r"^(?:[(\[]?\s*(?:kinhtedothi(?:\.vn)?|ktđt|ktdt)\s*[)\]]?\s*[-–—:]+"
                          r"|the\s+hanoi\s+times\s*(?:[–—]+|-+(?=\s)))\s*", re.I)


def strip_lead_prefix(text: str | None) -> str | None:
    """Remove a 'Kinhtedothi - ' or 'THE HANOI TIMES — ' prefix from a lead or first paragraph."""
    if not text:
        return text
    return _LEAD_PREFIX.sub("", text, count=1).strip() or None


class PageRefused(ValueError):
    """A page no adapter should read: what it is, in one line (a failed fetch's reason)."""


# Real pages nest a few dozen levels; thousands make every selector that looks at ancestors
# quadratic (10,000 nested <div>s took 20 s to parse, 100,000 past two minutes).
MAX_DEPTH = 400


def nesting_depth(soup: BeautifulSoup, stop: int) -> int:
    """How deep the page's elements nest, counted up to just past `stop`."""
    deepest = 0
    stack: list[tuple[Tag, int]] = [(soup, 0)]
    while stack:
        node, depth = stack.pop()
        if depth > deepest:
            deepest = depth
            if deepest > stop:
                break
        stack.extend((child, depth + 1) for child in node.contents if isinstance(child, Tag))
    return deepest


@dataclass
class Page:
    """A page being parsed: the soup, its article JSON-LD, and what parsing found out on the way."""
    url: str
    soup: BeautifulSoup
    ld: dict | None
    source_url: str | None = None
    fallbacks: list[str] = field(default_factory=list)
    html: str = ""                  # the page as given, for libraries that parse it themselves
    body_path: str | None = None    # which path produced the body (ParsedArticle.body_path)

    @classmethod
    def load(cls, html: str | bytes, url: str) -> "Page":
        if isinstance(html, bytes):
            html = decode_html(html)[0]
        soup = make_soup(html or "")
        if nesting_depth(soup, MAX_DEPTH) > MAX_DEPTH:
            raise PageRefused(f"too deeply nested: more than {MAX_DEPTH} levels of elements")
        return cls(url=url, soup=soup, ld=find_news_article(soup), html=html or "")

    def meta(self, *keys: str) -> str | None:
        """First non-empty <meta property|name|itemprop=key content> among keys."""
        for key in keys:
            for attr in ("property", "name", "itemprop"):
                tag = self.soup.find("meta", attrs={attr: key, "content": True})
                if tag and tag["content"].strip():
                    return clean_text(tag["content"])
        return None

    def ld_value(self, key: str):
        return self.ld.get(key) if self.ld else None

    def ld_text(self, key: str) -> str | None:
        value = self.ld_value(key)
        return clean_text(value) or None if isinstance(value, str) else None

    def first_text(self, *selectors: str) -> str | None:
        """Cleaned text of the first element, across selectors, that has any."""
        for selector in selectors:
            for el in self.soup.select(selector):
                text = clean_text(el.get_text(" "))
                if text:
                    return text
        return None

    def first_element(self, *selectors: str) -> Tag | None:
        for selector in selectors:
            el = self.soup.select_one(selector)
            if el is not None:
                return el
        return None

    def absolute(self, href: str | None) -> str | None:
        href = (href or "").strip()
        return urljoin(self.url, href) if href else None
