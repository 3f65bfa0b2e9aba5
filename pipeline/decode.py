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


def _known(name: str | None) -> str | None:
    if not name:
        return None
    try:
        found = codecs.lookup(name).name
    except LookupError:
        return None
    return "cp1252" if found in _AS_CP1252 else found


def decode_html(body: bytes, content_type: str | None = None) -> tuple[str, str]:
    """Return (text in NFC, encoding used). Never raises: the last resort replaces bad bytes."""
    for bom, enc in _BOMS:
        if body.startswith(bom):
            return unicodedata.normalize("NFC", body[len(bom):].decode(enc, "replace")), enc
    candidates = []
    if content_type:
        m = _HEADER_CHARSET.search(content_type)
        candidates.append(_known(m.group(1)) if m else None)
    m = _META_CHARSET.search(body[:4096])
    candidates.append(_known(m.group(1).decode("ascii", "ignore")) if m else None)
    candidates += ["utf-8", "cp1252"]
    for enc in candidates:
        if enc is None:
            continue
        try:
            return unicodedata.normalize("NFC", body.decode(enc)), enc
        except UnicodeDecodeError:
            continue
    return unicodedata.normalize("NFC", body.decode("utf-8", "replace")), "utf-8"
