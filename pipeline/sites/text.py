"""Article text as the adapters take it from markup: one clean line per block, page furniture
(captions, related links, share and tag lines) left out, and the republisher's 'Source:' line cut.
"""
from __future__ import annotations

import copy
import html as htmllib
import re
import unicodedata
from typing import Iterator

from bs4 import Comment, Declaration, Doctype, NavigableString, PageElement, ProcessingInstruction, Tag

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


def attr_text(tag: Tag, name: str) -> str | None:
    """The tag's `name` attribute as one string, None if absent. bs4 splits the multi-valued
    attributes (class, rel) into lists; those come back joined by spaces, as written."""
    value = tag.get(name)
    if value is None or isinstance(value, str):
        return value
    return " ".join(value)


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
    stack: list[str | Iterator[PageElement]] = [iter(el.children)]
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
    href = attr_text(link, "href") if link else None
    url = None
    if href and href.startswith(("http://", "https://")):
        url = href.strip()
    else:
        m = _URL_IN_TEXT.search(text)
        url = m.group(0).rstrip(".,;") if m else None
    tail = []
    node: Tag | None = el
    while node is not None and node is not container:
        tail += list(node.next_siblings)
        node = node.parent
    tail_text = " ".join(t.get_text(" ", strip=True) if isinstance(t, Tag) else str(t).strip() for t in tail)
    if cut_after or len(tail_text) < 300:
        for t in tail:
            t.extract()
    el.decompose()
    return url


def strip_prefix(text: str | None, prefix: re.Pattern) -> str | None:
    """text without a leading match of `prefix` (a paper's name before its lead), or None if nothing is left."""
    if not text:
        return text
    return prefix.sub("", text, count=1).strip() or None
