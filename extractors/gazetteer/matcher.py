"""The matcher: one regex per language for every name of every unit (a trie of their spellings) with
its level word, the bare names, and the special phrases ("the capital", "cả nước"), built once from the
data; and the tables of what each level word can name."""
from __future__ import annotations

import re

from .names import _ascii, _variants
from .units import _get_data, _lock

_SEP = r"(?:[ \u00a0]*[-‐–—][ \u00a0]*|[ \u00a0]+)"


def _trie_regex(words) -> tuple[str, str]:
    """A regex for any of `words` (spaces and hyphens as _SEP) and the characters it can start with."""
    trie: dict = {}
    for w in words:
        node = trie
        for ch in " ".join(re.sub(r"\s*[-‐–—]\s*", " - ", w).split()).replace(" - ", "-"):
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node) -> str:
        alts = []
        for ch in sorted(k for k in node if k):
            head = _SEP if ch in " -" else re.escape(ch)
            alts.append(head + emit(node[ch]))
        if not alts:
            return ""
        # a space and a hyphen are one separator: merge their branches
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return "(?:" + body + ")?" if "" in node else body

    starts = "".join(_SEP_STARTS if ch in " -" else ch for ch in trie if ch)
    if "" in trie:                      # an empty word: it starts anywhere
        return emit(trie), ""
    # The engine tries the ~50 first characters one by one; one character class fails it at once.
    return f"(?={_char_class(starts)})" + emit(trie), starts


_SEP_STARTS = " \u00a0-‐–—"            # the characters _SEP can start with


def _char_class(chars: str) -> str:
    return "[" + "".join(sorted({re.escape(ch) for ch in chars})) + "]"


_LV_VI = (r"thành[ \u00a0]+phố|t\.[ \u00a0]?p|tp|tỉnh|quận|huyện|thị[ \u00a0]+xã|tx|phường|xã|"
          r"thị[ \u00a0]+trấn|đặc[ \u00a0]+khu|thủ[ \u00a0]+đô")
_LV_EN = (r"districts?|wards?|communes?|provinces?|city|cities|towns?|townships?|special[ \u00a0]+zones?|"
          r"rural[ \u00a0]+districts?|urban[ \u00a0]+districts?")
_SPECIAL_VI = (r"(?i:cả[ \u00a0]+nước|toàn[ \u00a0]+quốc)|Thủ[ \u00a0]+đô|THỦ[ \u00a0]+ĐÔ|"
               r"Việt[ \u00a0]+Nam|VIỆT[ \u00a0]+NAM")
_SPECIAL_EN = (r"(?i:nationwide|the[ \u00a0]+(?:whole|entire)[ \u00a0]+country)|"
               r"[Tt]he[ \u00a0]+[Cc]apital(?:[ \u00a0]+[Cc]ity)?|"
               r"Viet[ \u00a0]?[Nn]am|VIET[ \u00a0]?NAM")
# Phrases that hold a place name and are not a place: skipped whole.
_STOP_RX = _SEP.join(("Thái", "Bình", "Dương")) + "|" + _SEP.join(("Thai", "Binh", "Duong"))
# The characters each branch of the matcher can start with, in both cases where it ignores case
# (for the lookahead in _matcher; test_gazetteer checks them against the parsed pattern).
_STARTS = {"stop": "T", "lv_vi": "tTqQhHpPxXđĐ", "sp_vi": "cCtTV", "lv2_en": "dDwW", "sp_en": "nNtTV"}
_matchers: dict[str, re.Pattern] = {}     # lang -> the matcher, lang + ":cont" -> its list continuation


def _matcher(lang: str) -> re.Pattern:
    rx = _matchers.get(lang)
    if rx is not None:
        return rx
    with _lock:
        rx = _matchers.get(lang)
        if rx is not None:
            return rx
        d = _get_data()
        all_names, bare = set(), set()
        for u in d.units.values():
            if not u.name.isdigit():
                all_names |= _variants(u.name)
        for n in d.bare:
            bare |= _variants(n)
        bare |= {n for n in d.alias_names[lang]}
        all_names |= d.alias_names[lang] | {_ascii(n) for n in d.alias_names[lang]}
        (names, names_at), (bare_rx, bare_at) = _trie_regex(all_names), _trie_regex(bare)
        # A mention follows a character that is neither a word character nor a dot. The pattern
        # consumes that character ([^\w.]) instead of looking behind for it ((?<![\w.])): starting
        # with a character class, it lets the engine skip in C to the next space or punctuation mark
        # instead of trying every character (_find puts a "\n" before the text for a mention at 0).
        # There a lookahead for the characters a mention can start with fails most words at once,
        # before the ~5 branches (each a jump in the engine) and their tries are tried.
        if lang == "vi":
            at = _STARTS["stop"] + _STARTS["lv_vi"] + bare_at + _STARTS["sp_vi"]
            pat = (rf"[^\w.](?={_char_class(at)})"
                   rf"(?:(?P<stop>{_STOP_RX})|(?P<lv>(?i:{_LV_VI}))(?:[ \u00a0]+|\.[ \u00a0]*)(?P<ln>{names}|\d{{1,2}})"
                   rf"|(?P<bn>{bare_rx})|(?P<sp>{_SPECIAL_VI}))(?![\w])")
        else:
            at = _STARTS["stop"] + names_at + _STARTS["lv2_en"] + bare_at + _STARTS["sp_en"]
            pat = (rf"[^\w.](?={_char_class(at)})"
                   rf"(?:(?P<stop>{_STOP_RX})|(?P<ln>{names})[ \u00a0]+(?P<lv>(?i:{_LV_EN}))"
                   rf"|(?P<lv2>(?i:district|ward))[ \u00a0]+(?P<num>\d{{1,2}})"
                   rf"|(?P<bn>{bare_rx})|(?P<sp>{_SPECIAL_EN}))(?![\w])")
        rx = re.compile(pat)
        # a list after a level word: ", X", " và X", " and X"
        _matchers[lang + ":cont"] = re.compile(
            rf"(?:[ \u00a0]*,[ \u00a0]*|[ \u00a0]+(?:và|and|,)[ \u00a0]+)(?P<ln>{names}|\d{{1,2}})(?![\w])")
        _matchers[lang] = rx
        return rx


# ------------------------------------------------------------------------------------- level words
_LEVEL_VI = {"thành phố": ("province", "district"), "tp": ("province", "district"),
             "t.p": ("province", "district"), "tỉnh": ("province",), "quận": ("district",),
             "huyện": ("district",), "thị xã": ("district",), "tx": ("district",), "phường": ("ward",),
             "xã": ("ward",), "thị trấn": ("ward",), "đặc khu": ("ward",), "thủ đô": ("province",)}
_TYPE_VI = {"thành phố": "Thành phố", "tp": "Thành phố", "t.p": "Thành phố", "tỉnh": "Tỉnh",
            "quận": "Quận", "huyện": "Huyện", "thị xã": "Thị xã", "tx": "Thị xã", "phường": "Phường",
            "xã": "Xã", "thị trấn": "Thị trấn", "đặc khu": "Đặc khu"}
_LEVEL_EN = {"district": ("district",), "rural district": ("district",), "urban district": ("district",),
             "ward": ("ward",), "commune": ("ward",), "province": ("province",), "city": ("province", "district"),
             "cities": ("province", "district"), "town": ("district", "ward"), "township": ("ward",),
             "special zone": ("ward",)}
_TYPE_EN = {"district": None, "ward": "Phường", "commune": "Xã", "province": "Tỉnh", "city": "Thành phố",
            "town": None, "township": "Thị trấn", "special zone": "Đặc khu"}
_LEVEL_WORD_EN = {"districts": "district", "wards": "ward", "communes": "commune", "provinces": "province",
                  "towns": "town", "townships": "township", "special zones": "special zone", "cities": "city",
                  "rural districts": "district", "urban districts": "district"}
