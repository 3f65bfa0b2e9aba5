"""Bytes of a page -> text: BOM, then the HTTP charset, then <meta charset>, then UTF-8, then cp1252."""
from __future__ import annotations

import codecs
import re
import unicodedata

_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.I)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w.:-]+)""", re.I)


# Pages that claim ISO-8859-1 or ASCII are really cp1252, as the WHATWG encoding standard says.
_AS_CP1252 = {"latin_1", "iso8859-1", "ascii"}
# The encodings of the WHATWG standard that Python has (codec names): a page may name only these.
# Python also knows "base64", "rot13", "undefined", "punycode", "unicode_escape"..., which a header
# or <meta> can name but which are no page's encoding (they raise, or turn markup into noise).
_WEB_ENCODINGS = frozenset((
    "utf-8", "utf-16", "utf-16-le", "utf-16-be", "cp866", "iso8859-2", "iso8859-3", "iso8859-4",
    "iso8859-5", "iso8859-6", "iso8859-7", "iso8859-8", "iso8859-10", "iso8859-13", "iso8859-14",
    "iso8859-15", "iso8859-16", "koi8-r", "koi8-u", "mac-roman", "mac-cyrillic", "cp874", "cp1250",
    "cp1251", "cp1252", "cp1253", "cp1254", "cp1255", "cp1256", "cp1257", "cp1258", "tis-620",
    "iso8859-11", "gbk", "gb2312", "gb18030", "big5", "big5hkscs", "euc_jp", "iso2022_jp",
    "shift_jis", "euc_kr", "cp949") + tuple(_AS_CP1252))


def _known(name: str | None) -> str | None:
    if not name:
        return None
    try:
        found = codecs.lookup(name).name
    except LookupError:
        return None
    if found not in _WEB_ENCODINGS:
        return None
    return "cp1252" if found in _AS_CP1252 else found


def decode_html(body: bytes, content_type: str | None = None) -> tuple[str, str]:
    """Return (text in NFC, encoding used). Never raises: the last resort replaces bad bytes."""
    for bom, enc in _BOMS:
        if body.startswith(bom):
            return unicodedata.normalize("NFC", body[len(bom):].decode(enc, "replace")), enc
    candidates: list[str | None] = []
    if content_type:
        header = _HEADER_CHARSET.search(content_type)
        candidates.append(_known(header.group(1)) if header else None)
    meta = _META_CHARSET.search(body[:4096])
    candidates.append(_known(meta.group(1).decode("ascii", "ignore")) if meta else None)
    candidates += ["utf-8", "cp1252"]
    for candidate in candidates:
        if candidate is None:
            continue
        try:
            return unicodedata.normalize("NFC", body.decode(candidate)), candidate
        except UnicodeError:     # UnicodeDecodeError, and the stateful codecs' own errors
            continue
    return unicodedata.normalize("NFC", body.decode("utf-8", "replace")), "utf-8"


# Characters no text is made of: U+FFFD (bytes no encoding could read) and C0/C1 controls other than
# whitespace. Random bytes served as text/html decode to a third or more of these; real pages to ~0.
_NOISE = re.compile(r"[\ufffd\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
NOISE_LIMIT = 0.1


def noise_share(text: str, sample: int = 20_000) -> float:
    """The share of replacement and control characters in (the start of) a decoded page."""
    head = text[:sample]
    return len(_NOISE.findall(head)) / len(head) if head else 0.0


def not_text_reason(text: str) -> str | None:
    """Why a decoded page is no text at all (binary served as text/html), or None."""
    share = noise_share(text)
    if share > NOISE_LIMIT:
        return f"not text: {share:.0%} of its characters are replacement or control characters"
    return None
