"""Vietnam's administrative units and a place finder for English and Vietnamese news.

    from extractors.gazetteer import Place, find_places, main_place
    find_places("Dong Da district and Hanoi ...", "en", published=date(2024, 7, 31))
    main_place(text, "vi", published)

Data (data/, written by tools/gazetteer/build.py from the PyPI package ``vietnamadminunits``, MIT):
the units in force before 1 July 2025 (set "2024": 63 provinces, 696 districts, 10,035 wards/communes)
and after it (set "2025": 34 provinces, 3,321 wards/communes/special zones), the old -> new converter,
and a short hand-made list of English spellings and abbreviations.

What is found (see find_places):
- a name after its level word: "quận Đống Đa", "huyện Sóc Sơn", "thị xã Sơn Tây", "phường Hoàn Kiếm",
  "xã Bát Tràng", "TP Hà Nội", "thành phố Hà Nội", "tỉnh Bắc Ninh", "Quận 1"; in English before it:
  "Dong Da district", "Hoan Kiem ward", "Bat Trang commune", "Hanoi City", "District 1";
  a list carries its level word on: "các phường Trúc Bạch, Phúc Xá và Quán Thánh";
- a bare name, only for provinces, Hanoi's districts and the aliases: "Hà Nội", "Hanoi", "Ha Noi",
  "Soc Son", "Tu Liem", "Ho Chi Minh City", "HCMC", "TP.HCM", "Bắc Ninh"; never inside a person's
  name (a capitalised run of 3-5 syllables that starts with a family name: "Nguyễn Thị Hoàng Mai") nor
  a street or landmark ("phố Hai Bà Trưng", "cầu Long Biên", "Hai Ba Trung street");
- "Thủ đô", "the capital" (Hanoi); "Việt Nam", "Vietnam", "Viet Nam", "cả nước", "toàn quốc",
  "nationwide" (the country).
Names match with or without diacritics, either tone-mark placement ("Hoà"/"Hòa") and any case of the
level word; the name itself must be capitalised as names are (a headline in capitals is read in title case).
"""
from __future__ import annotations

import csv
import functools
import datetime
import re
import threading
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

__all__ = ["Place", "find_places", "main_place", "REFORM_DATE"]

REFORM_DATE = datetime.date(2025, 7, 1)
DATA = Path(__file__).with_name("data")
HANOI = "01"


@dataclass(frozen=True, slots=True)
class Place:
    name: str        # as the text writes it, without the level word
    level: str       # "country" | "province" | "district" | "ward"
    code: str | None # GSO code in the unit set in force at `published` (None: country, ambiguous, gone)
    start: int       # the mention's span, level word included
    end: int


class Unit(NamedTuple):
    set: str        # "2024" | "2025"
    code: str       # "" for an alias that names no single unit
    level: str
    type: str       # Tỉnh, Thành phố, Quận, Huyện, Thị xã, Phường, Xã, Thị trấn, Đặc khu ("" for aliases)
    name: str
    province: str
    district: str


# --------------------------------------------------------------------------------------------- text
_MARKS = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}   # the five tone marks


@functools.lru_cache(maxsize=65536)
def fold(s: str) -> str:
    """Diacritics off, đ -> d, lower case, hyphens and runs of spaces as one space: the lookup key."""
    s = unicodedata.normalize("NFD", s.replace("Ð", "Đ").replace("ð", "đ"))
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    s = s.replace("đ", "d").replace("Đ", "D").lower().replace("’", "'")
    return " ".join(re.sub(r"[-‐–—]", " ", s).split())


@functools.lru_cache(maxsize=65536)
def _tone_key(s: str) -> str:
    """Lower case with diacritics but without tone-mark placement differences (Hoà = Hòa)."""
    out = []
    for syl in unicodedata.normalize("NFD", s.lower()).split():
        marks = [ch for ch in syl if ch in _MARKS]
        base = "".join(ch for ch in syl if ch not in _MARKS)
        out.append(base + "".join(marks))
    return unicodedata.normalize("NFC", " ".join(re.sub(r"[-‐–—]", " ", " ".join(out)).split()))


def _tone_variants(name: str) -> set[str]:
    """Both placements of the tone mark in open syllables ending in oa, oe, uy ("Hoà"/"Hòa")."""
    res = {name}
    words = name.split(" ")
    for i, w in enumerate(words):
        d = unicodedata.normalize("NFD", w)
        m = re.search(r"([oOuU])([\u0300\u0301\u0303\u0309\u0323]?)([aAeEyY])([\u0300\u0301\u0303\u0309\u0323]?)$", d)
        if not m or not (m.group(2) or m.group(4)):
            continue
        tone = m.group(2) or m.group(4)
        alt = m.group(1) + tone + m.group(3) if m.group(4) else m.group(1) + m.group(3) + tone
        alt_w = unicodedata.normalize("NFC", d[:m.start()] + alt)
        for r in list(res):
            ws = r.split(" ")
            ws[i] = alt_w
            res.add(" ".join(ws))
    return res


def _prep(text: str) -> tuple[str, list[int] | None]:
    """The text to match on (NFC, Ð fixed, all-capitals lines in title case) and, when NFC changed
    its length, the map from its offsets back to the text's."""
    mapping = None
    if not unicodedata.is_normalized("NFC", text):
        parts, mapping = [], []
        i = 0
        while i < len(text):
            j = i + 1
            while j < len(text) and unicodedata.combining(text[j]):
                j += 1
            seg = unicodedata.normalize("NFC", text[i:j])
            parts.append(seg)
            mapping.extend([i] * len(seg))
            i = j
        mapping.append(len(text))
        text = "".join(parts)
    if "Ð" in text or "ð" in text:
        text = text.replace("Ð", "Đ").replace("ð", "đ")
    if any(line.isupper() and len(line) >= 8 for line in text.split("\n", 3)[:3]):
        lines = text.split("\n")
        for k, line in enumerate(lines[:3]):
            if line.isupper() and len(line) >= 8:
                t = line.title()
                if len(t) == len(line):
                    lines[k] = t
        text = "\n".join(lines)
    return text, mapping


# --------------------------------------------------------------------------------------------- data
class _Data:
    def __init__(self) -> None:
        self.units: dict[tuple[str, str], Unit] = {}
        self.by_key: dict[str, list[Unit]] = defaultdict(list)
        self.alias_by_key: dict[tuple[str, str], list[Unit]] = defaultdict(list)   # (lang, key)
        self.convert: dict[tuple[str, str], str] = {}
        self.alias_names: dict[str, set[str]] = {"en": set(), "vi": set()}
        with (DATA / "units.tsv").open(encoding="utf-8", newline="") as f:
            for r in csv.DictReader(f, delimiter="\t"):
                u = Unit(r["set"], r["code"], r["level"], r["type"], r["name"], r["province"], r["district"])
                self.units[(u.set, u.code)] = u
                self.by_key[fold(u.name)].append(u)
        with (DATA / "convert.tsv").open(encoding="utf-8", newline="") as f:
            for r in csv.DictReader(f, delimiter="\t"):
                self.convert[(r["level"], r["old_code"])] = r["new_code"]
        with (DATA / "aliases.tsv").open(encoding="utf-8", newline="") as f:
            for r in csv.DictReader(f, delimiter="\t"):
                langs = ("en", "vi") if r["lang"] == "*" else (r["lang"],)
                sets = ("2024", "2025") if r["set"] == "*" else (r["set"],)
                for s in sets:
                    base = self.units.get((s, r["code"]))
                    u = Unit(s, r["code"], r["level"], base.type if base else "", r["alias"],
                             base.province if base else (HANOI if r["level"] == "district" else ""),
                             base.district if base else "")
                    for lang in langs:
                        self.alias_by_key[(lang, fold(r["alias"]))].append(u)
                        self.alias_names[lang].add(r["alias"])
        # Bare names: provinces (both sets) and Hanoi's districts; "Hồ Chí Minh" alone is the President.
        self.bare: set[str] = set()
        for u in self.units.values():
            if (u.level == "province" and u.code != "79") or (u.level == "district" and u.province == HANOI):
                self.bare.add(u.name)
        self.bare_keys = {fold(n) for n in self.bare}
        self.bare_keys_tu_liem = self.bare_keys | {"tu liem"}
        self.hanoi = tuple(u for u in self.units.values() if u.level == "province" and u.code == HANOI)
        self.numbered: dict[str, tuple[Unit, ...]] = {}        # "1": Quận 1, Phường 1, ... in file order
        for u in self.units.values():
            if u.name.isdigit():
                self.numbered[u.name] = self.numbered.get(u.name, ()) + (u,)

    def to_set(self, u: Unit, target: str) -> str | None:
        """The code in `target` of the unit u names (u's own, or where the 2025 reform put it)."""
        if u.set == target:
            return u.code or None
        if target == "2025" and u.level in ("province", "ward") and u.code:
            return self.convert.get((u.level, u.code))
        return None


_data: _Data | None = None
_matchers: dict[str, re.Pattern] = {}
_lock = threading.RLock()


def _get_data() -> _Data:
    global _data
    if _data is None:
        with _lock:
            if _data is None:
                _data = _Data()
    return _data


# ------------------------------------------------------------------------------------------ matcher
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


def _variants(name: str) -> set[str]:
    out = set()
    for v in _tone_variants(name):
        out.add(v)
    a = _ascii(name)
    out.add(a)
    return out


@functools.lru_cache(maxsize=65536)
def _ascii(s: str) -> str:
    s = unicodedata.normalize("NFD", s)
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", s).replace("đ", "d").replace("Đ", "D")


_LV_VI = (r"thành[ \u00a0]+phố|t\.[ \u00a0]?p|tp|tỉnh|quận|huyện|thị[ \u00a0]+xã|tx|phường|xã|"
          r"thị[ \u00a0]+trấn|đặc[ \u00a0]+khu|thủ[ \u00a0]+đô")
_LV_EN = (r"districts?|wards?|communes?|provinces?|city|cities|towns?|townships?|special[ \u00a0]+zones?|"
          r"rural[ \u00a0]+districts?|urban[ \u00a0]+districts?")
_SPECIAL_VI = (r"(?i:cả[ \u00a0]+nước|toàn[ \u00a0]+quốc)|Thủ[ \u00a0]+đô|THỦ[ \u00a0]+ĐÔ|"
               r"Việt[ \u00a0]+Nam|VIỆT[ \u00a0]+NAM")
_SPECIAL_EN = (r"(?i:nationwide|the[ \u00a0]+(?:whole|entire)[ \u00a0]+country)|"
               r"[Tt]he[ \u00a0]+[Cc]apital(?:[ \u00a0]+[Cc]ity)?|"
               r"Viet[ \u00a0]?[Nn]am|VIET[ \u00a0]?NAM")
# The characters each branch of the matcher can start with, in both cases where it ignores case
# (for the lookahead in _matcher; test_gazetteer checks them against the parsed pattern).
_STARTS = {"stop": "T", "lv_vi": "tTqQhHpPxXđĐ", "sp_vi": "cCtTV", "lv2_en": "dDwW", "sp_en": "nNtTV"}


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


# ------------------------------------------------------------------------------------------- rules
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

# Family names that start a person's name (folded).
_FAMILY = frozenset(fold(x) for x in (
    "Nguyễn Trần Lê Phạm Huỳnh Hoàng Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Trịnh Phùng Đinh Đoàn Lưu Tạ "
    "Lương Trương Nghiêm Khuất Lại Vương Triệu Nông Quách Khổng Tống Diệp Mạc Đàm Đậu Hứa Lục Nhữ Tôn Phí "
    "Hầu Cấn Bế Lò Khúc Khương Doãn Cù Thiều Tiêu Lữ Mã Sầm Tiết Bành Đào Cao Mai Tô Chu Lâm Hà Kiều Tăng "
    "Từ Thân Giáp Lưu Ninh").split())
_SYLLABLE = re.compile(r"^(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?[aeiouy]{1,3}"
                       r"(?:ch|ng|nh|[cmnpt])?$")
_TOKEN = re.compile(r"[^\W\d_][\w']*")
_STREET_BEFORE = re.compile(
    r"(?i:(?:^|[^\w])(?:đường|phố|ngõ|ngách|hẻm|đại[ \u00a0]+lộ|cầu|hồ|sông|chợ|ga|bến[ \u00a0]+xe|đền|chùa|đình|"
    r"quảng[ \u00a0]+trường|núi|sân[ \u00a0]+bay|cảng|pho|duong|ngo)[ \u00a0]+)$")
_STREET_AFTER = re.compile(
    r"[ \u00a0]+(?i:streets?|st\b|roads?|rd\b|avenue|boulevard|bridge|lake|river|station|market|square|"
    r"temple|pagoda|airport|expressway|highway|times|mausoleum|street's)")
# Phrases that hold a place name and are not a place: skipped whole.
_STOP_RX = _SEP.join(("Thái", "Bình", "Dương")) + "|" + _SEP.join(("Thai", "Binh", "Duong"))
_CAPITAL_NOT = re.compile(
    r"[ \u00a0]+(?i:of[ \u00a0]+(?!hanoi|ha[ \u00a0]noi|vietnam|viet[ \u00a0]nam)|investment|contribution|"
    r"construction|sources?|flows?|needs?|plans?|mobili[sz]ation|markets?|allocation|disbursement|"
    r"structure|increase|amount|base|goods|gains?|expenditure|requirements?|costs?|adequacy|account|"
    r"surplus|raising|injection|support)")


_LEFT_TOK = re.compile(r"([^\W\d_][\w']*)[ \u00a0]$")
_RIGHT_TOK = re.compile(r"[ \u00a0]([^\W\d_][\w']*)")
_NEXT_CAP = re.compile(r"[ \u00a0]+[A-ZĐ]")


def _is_name_syllable(tok: str) -> bool:
    return tok[:1].isupper() and not tok.isupper() and bool(_SYLLABLE.match(fold(tok)))


def _person_trap(text: str, s: int, e: int) -> bool:
    """True when text[s:e] (a bare name) stands inside a person's name: a capitalised run of 3-5
    syllables starting with a family name."""
    left: list[str] = []
    pos = s
    for _ in range(4):
        if text[pos - 1:pos] not in (" ", "\u00a0", "\n"):     # quick: _LEFT_TOK needs one of these
            break
        seg = text[max(0, pos - 12):pos]
        m = _LEFT_TOK.search(seg)
        if not m or not _is_name_syllable(m.group(1)):
            break
        left.insert(0, fold(m.group(1)))
        pos -= len(m.group(0))
    right, pos = [], e
    for _ in range(4):
        if text[pos:pos + 1] not in (" ", "\u00a0"):            # quick: _RIGHT_TOK needs one of these
            break
        m = _RIGHT_TOK.match(text, pos, pos + 12)
        if not m or not _is_name_syllable(m.group(1)):
            break
        right.append(fold(m.group(1)))
        pos += len(m.group(0))
    if not left and not right:
        return False
    match = fold(text[s:e]).split()
    tail = []
    for t in right:
        if t in _FAMILY:
            break
        tail.append(t)
    for i, tok in enumerate(left):
        if tok in _FAMILY:
            if 3 <= len(left) - i + len(match) + len(tail) <= 5:
                return True
            break
    if tail and match[0] in _FAMILY and 3 <= len(match) + len(tail) <= 5:
        return True
    return False


class _Mention(NamedTuple):
    name: str
    level: str
    cands: tuple[Unit, ...]
    start: int
    end: int
    canonical: bool     # name given by the rule ("the capital" -> Hanoi), not in the text
    ns: int = -1        # the name's span in the matched text
    ne: int = -1


def _candidates(d: _Data, lang: str, name: str) -> list[Unit]:
    return list(_candidates_cached(d, lang, name))


@functools.lru_cache(maxsize=16384)
def _candidates_cached(d: _Data, lang: str, name: str) -> tuple[Unit, ...]:
    key = fold(name)
    cands = list(d.by_key.get(key, ())) + list(d.alias_by_key.get((lang, key), ()))
    if not cands:
        other = "vi" if lang == "en" else "en"
        cands = list(d.alias_by_key.get((other, key), ()))
    if name != _ascii(name):          # the text writes diacritics: they must agree
        tk = _tone_key(name)
        cands = [u for u in cands if _tone_key(u.name) == tk or u.name == _ascii(u.name)]
    return tuple(cands)


def _fit(cands, levels, type_):
    out = [u for u in cands if u.level in levels]
    if type_:
        exact = [u for u in out if u.type == type_ or not u.type]
        if exact:
            out = exact
    return out


def _raw_mentions(text: str, lang: str) -> list[_Mention]:
    """The mentions in `text`, which starts with a character no mention starts with ("\n" + the
    text: the matcher consumes the character before a mention, see _matcher)."""
    d = _get_data()
    rx = _matcher(lang)
    cont = _matchers[lang + ":cont"]
    out: list[_Mention] = []
    pos = 1             # the next mention starts at pos or after it: its preceding character at pos - 1
    n = len(text)
    while pos < n:
        m = rx.search(text, pos - 1)
        if m is None:
            break
        if m.group("stop"):
            pos = m.end()
            continue
        got = _accept(d, lang, text, m)
        if got is None:
            pos = m.start() + 2     # the mention started at m.start() + 1: try after it
            continue
        out.append(got)
        pos = got.end
        if got.level in ("district", "ward") and m.group("lv") and got.cands:
            # "các phường Trúc Bạch, Phúc Xá và Quán Thánh": the level word carries on
            levels = {u.level for u in got.cands}
            while True:
                c = cont.match(text, pos)
                if c is None:
                    break
                nm = c.group("ln")
                if lang == "en":
                    break
                cands = [u for u in _candidates(d, lang, nm) if u.level in levels]
                if not cands or not nm[:1].isupper() and not nm.isdigit():
                    break
                out.append(_Mention(nm, got.level, tuple(cands), c.start("ln"), c.end("ln"), False,
                                    c.start("ln"), c.end("ln")))
                pos = c.end()
    return out


def _accept(d: _Data, lang: str, text: str, m: re.Match) -> _Mention | None:
    s, e = m.start() + 1, m.end()       # m starts with the character before the mention
    if m.group("sp"):
        sp = m.group("sp")
        low = fold(sp)
        if low.startswith("the capital") or low == "thu do":
            if lang == "en" and _CAPITAL_NOT.match(text, e):
                return None
            if low == "thu do" and _NEXT_CAP.match(text, e, e + 3):
                return None      # "Thủ đô Viêng Chăn": another capital
            return _Mention("Hanoi" if lang == "en" else "Hà Nội", "province", d.hanoi, s, e, True)
        written = low in ("vietnam", "viet nam")
        name = sp if written else ("Vietnam" if lang == "en" else "Việt Nam")
        return _Mention(name, "country", (), s, e, not written, s, e)
    if m.group("bn"):
        name = m.group("bn")
        # (quick tests first: both street patterns need a space next to the name)
        if text[s - 1] in " \u00a0":
            line_start = text.rfind("\n", 0, s) + 1
            if _STREET_BEFORE.search(text[max(line_start, s - 16):s]):
                return None
        if text[e:e + 1] in (" ", "\u00a0") and _STREET_AFTER.match(text, e):
            return None
        if _person_trap(text, s, e):
            return None
        got = _bare_units(d, lang, name)
        if got is None:
            return None
        return _Mention(name, got[0], got[1], s, e, False, s, e)
    # a level word and a name
    if lang == "vi":
        lv = " ".join(m.group("lv").lower().split())
        name = m.group("ln")
        ns, ne = m.start("ln"), m.end("ln")
        levels, type_ = _LEVEL_VI[lv], _TYPE_VI.get(lv)
    elif m.group("lv2"):
        lv = m.group("lv2").lower()
        name = m.group("num")
        ns, ne = m.start("num"), m.end("num")
        levels, type_ = (("district",), "Quận") if lv == "district" else (("ward",), "Phường")
    else:
        lv = " ".join(m.group("lv").lower().split())
        lv = _LEVEL_WORD_EN.get(lv, lv)
        name = m.group("ln")
        ns, ne = m.start("ln"), m.end("ln")
        levels, type_ = _LEVEL_EN[lv], _TYPE_EN.get(lv)
    if not (name[:1].isupper() or name[:1].isdigit()):
        return None
    named = _named_units(d, lang, lv, levels, type_, name)
    if named is None:
        return None
    level, cands, whole = named
    if whole:
        return _Mention(text[ns:e], level, cands, s, e, False, ns, e)     # "Ho Chi Minh City"
    return _Mention(name, level, cands, s, e, False, ns, ne)


_LEVEL_WORD_EN = {"districts": "district", "wards": "ward", "communes": "commune", "provinces": "province",
                  "towns": "town", "townships": "township", "special zones": "special zone", "cities": "city",
                  "rural districts": "district", "urban districts": "district"}


# What a name resolves to depends on the name (and the level word) only: cached, as most articles
# name the same few places many times.
@functools.lru_cache(maxsize=16384)
def _bare_units(d: _Data, lang: str, name: str) -> tuple[str, tuple[Unit, ...]] | None:
    """The level and units a bare name (no level word) can name."""
    alias = d.alias_by_key.get((lang, fold(name)), [])
    cands = [u for u in _candidates(d, lang, name)
             if u.level == "province" or (u.level == "district" and u.province == HANOI) or u in alias]
    if not cands:
        return None
    levels = {u.level for u in cands}
    level = "province" if "province" in levels else sorted(levels)[0]
    return level, tuple(u for u in cands if u.level == level)


@functools.lru_cache(maxsize=16384)
def _named_units(d: _Data, lang: str, lv: str, levels: tuple[str, ...], type_: str | None,
                 name: str) -> tuple[str, tuple[Unit, ...], bool] | None:
    """The level and units a name after (vi) or before (en) level word `lv` can name, and whether
    the level word belongs to the name ("Ho Chi Minh City")."""
    if name.isdigit():
        cands = list(d.numbered.get(str(int(name)), ()))
    else:
        cands = _candidates(d, lang, name)
    if lv == "thủ đô":
        cands = [u for u in cands if u.level == "province" and u.code == HANOI]
    cands = _fit(cands, levels, type_)
    if not cands:
        return None
    if lang == "vi" and lv in ("thành phố", "tp", "t.p"):
        # a centrally-run city is a province; another "thành phố" a district (a provincial city)
        levels_found = {u.level for u in cands}
        level = "province" if "province" in levels_found else "district"
    elif lang == "en" and lv in ("city", "town"):
        levels_found = {u.level for u in cands}
        level = [x for x in levels if x in levels_found][0]
    else:
        level = levels[0]
    cands = [u for u in cands if u.level == level]
    whole = lang == "en" and lv == "city" and any(u.code == "79" for u in cands) and fold(name) == "ho chi minh"
    return level, tuple(cands), whole


def _sets_for(published: datetime.date | None) -> tuple[str, ...]:
    if published is None:
        return ("2024", "2025")
    return ("2024",) if published < REFORM_DATE else ("2025",)


def _resolve(d: _Data, mentions: list[_Mention],
             published: datetime.date | None) -> list[tuple[_Mention, str, str | None]]:
    """(mention, level, code) with code in the set in force at `published`."""
    sets = _sets_for(published)
    # context: provinces and districts named unambiguously
    prov: Counter[str] = Counter()
    dists: set[str] = set()
    for mn in mentions:
        sole = _sole_code(mn.cands)
        if sole is not None:
            lvl, c, p = sole
            if lvl == "province":
                prov[c] += 1
            elif p:
                prov[p] += 1
            if lvl == "district":
                dists.add(c)
    ctx_prov = {prov.most_common(1)[0][0]} if prov else {HANOI}
    ctx_prov |= {d.convert.get(("province", p), p) for p in list(ctx_prov)}
    out: list[tuple[_Mention, str, str | None]] = []
    uniq: AbstractSet[str]
    for mn in mentions:
        if mn.level == "country":
            out.append((mn, "country", None))
            continue
        level = mn.level
        code: str | None = None
        for target in sets:
            # bare Hanoi district names after the reform: the 2025 ward of that name, if any
            if (target == "2025" and level == "district" and not mn.canonical and published is not None
                    and fold(mn.name) in d.bare_keys_tu_liem):
                w = [u for u in d.by_key.get(fold(mn.name), ()) if u.set == "2025" and u.level == "ward"
                     and u.province == HANOI]
                if len(w) == 1 and (mn.ns, mn.ne) == (mn.start, mn.end):
                    level, code = "ward", w[0].code
                    break
            codes, uniq = _codes_in(d, mn.cands, target)
            if len(uniq) > 1:
                pref = {c for c, u in codes if u.district and u.district in dists}
                if len(pref) != 1:
                    pref = {c for c, u in codes if (u.province in ctx_prov or u.code in ctx_prov)}
                uniq = pref
            if len(uniq) == 1:
                code = next(iter(uniq))
                break
            if codes:
                break               # found in this set but ambiguous: stays None
        out.append((mn, level, code))
    return out


# Per candidate tuple (mentions of one name share one, from _bare_units and _named_units): cached.
@functools.lru_cache(maxsize=16384)
def _sole_code(cands: tuple[Unit, ...]) -> tuple[str, str, str] | None:
    """(level, code, province) of the one code the candidates have, if they have one."""
    codes = {(u.level, u.code, u.province) for u in cands if u.code}
    return next(iter(codes)) if len({c[1] for c in codes}) == 1 else None


@functools.lru_cache(maxsize=16384)
def _codes_in(d: _Data, cands: tuple[Unit, ...], target: str) -> tuple[tuple[tuple[str, Unit], ...], frozenset[str]]:
    """The candidates' codes in unit set `target`, with their units, and the codes alone."""
    codes = []
    for u in cands:
        c = d.to_set(u, target)
        if c:
            codes.append((c, u))
    return tuple(codes), frozenset(c for c, _ in codes)


def _find(text: str, lang: str, published) -> list[Place]:
    lang = "vi" if lang.lower().startswith("vi") else "en"
    prepped, mapping = _prep(text)
    # "\n" + the text: the matcher needs a character before a mention (_matcher); its offsets are
    # one more than the text's. The "\n" changes nothing else: no rule looks before a line start.
    resolved = _resolve(_get_data(), _raw_mentions("\n" + prepped, lang), published)
    places = []
    for mn, level, code in resolved:
        s, e, name = mn.start - 1, mn.end - 1, mn.name
        if mapping is not None:
            s, e = mapping[s], mapping[e]
        if not mn.canonical:
            ns, ne = mn.ns - 1, mn.ne - 1
            if mapping is not None:
                ns, ne = mapping[ns], mapping[ne]
            name = text[ns:ne]          # as written (a capitals headline stays in capitals)
        places.append(Place(name, level, code, s, e))
    return places


def find_places(text: str, lang: str, published: datetime.date | None = None) -> list[Place]:
    """Every mention of a place in `text`, ascending and non-overlapping (the longest wins).

    `name` is as the text writes it without the level word ("Đống Đa" for "quận Đống Đa"; "Ho Chi Minh
    City"), except for "the capital"/"Thủ đô" (Hanoi/Hà Nội) and "nationwide"/"cả nước"/"toàn quốc"
    (Vietnam/Việt Nam). `code` is the GSO code in the set in force at `published` (before 2025-07-01
    the pre-reform units, from it the post-reform ones; without a date, the pre-reform set first): a
    pre-reform province or ward named after the reform resolves to the unit it went into; a district
    named after the reform has no code (districts were abolished), except a bare Hanoi district name
    that is also a 2025 ward ("Đống Đa" -> phường Đống Đa, level ward). An ambiguous name resolves
    under the districts and the province the text names (Hanoi by default), else its code is None.
    """
    return _find(text, lang, published)


_LEVEL_RANK = {"ward": 3, "district": 2, "province": 1, "country": 0}


def _group(p: Place) -> tuple:
    return (p.level, p.code) if p.code else (p.level, fold(p.name))


def main_place(text: str, lang: str, published: datetime.date | None = None,
               places: list[Place] | None = None) -> Place | None:
    """The place the article is about: the most specific place its first two lines (headline and
    lead) name, ties broken by frequency in the whole text, then by position; when they name none,
    the most frequent place in the text (ties: the more specific, then the first). `places`: the
    text's find_places, when the caller has them already."""
    if places is None:
        places = find_places(text, lang, published)
    if not places:
        return None
    # the end of the second non-empty line
    cut, seen, i = len(text), 0, 0
    while True:
        j = text.find("\n", i)
        end = len(text) if j < 0 else j
        if text[i:end].strip():
            seen += 1
            if seen == 2:
                cut = end
                break
        if j < 0:
            break
        i = j + 1
    freq = Counter(_group(p) for p in places)
    head = [p for p in places if p.end <= cut]
    if head:
        return max(head, key=lambda p: (_LEVEL_RANK[p.level], freq[_group(p)], -p.start))
    return max(places, key=lambda p: (freq[_group(p)], _LEVEL_RANK[p.level], -p.start))
