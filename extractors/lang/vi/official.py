"""Vietnamese officials, a named person with a position:
"Bí thư Quận ủy Hai Bà Trưng Nguyễn Văn Nam" (title chain before the name, no separator),
"ông Lê Đình Cung, Phó trưởng Ban Tiếp công dân thành phố Hà Nội" (name, comma, title chain),
"Phó Chủ tịch UBND quận, ông Trần Văn B" (title chain, honorific, name).

Every official has a title, so the titles are the anchors: each title start (an upper-case
"Bí thư", "Phó Chủ tịch", "Giám đốc", ... from patterns/official.json) is tried as
- official.name_comma_title: a comma or dash before the title and a name run before that, with an
  honorific ("đồng chí", "ông", "Đại tá", "GS.TS", ...) or starting with a family name; the span
  runs over the whole chain of positions ("..., Ủy viên Ban Thường vụ Thành ủy, Bí thư Quận ủy X");
  here alone a title may be lower case ("ông A, phó chủ tịch UBND xã") or follow "nguyên" (former);
- official.title_org_name / official.title_name: the title, the organisation words after it, and
  the name inside the run of capitalised words that ends the organisation ("Quận ủy Hoàng Mai Lê
  Văn An": the name begins at a family name, a strong one ("Lê", "Nguyễn") before a weak one that
  is also a middle name or a place word ("Hoàng", "Mai", "Hà"), never inside a known place name
  and not in the first two words after a level word ("phường Trần Phú" is a ward) unless those
  words are a whole 3-4 word name with a strong family name);
- official.title_honorific_name: the chain, then an honorific and the name.

title and organization come from the first position of the chain; a title ending in the body's
own head word takes it into the organisation ("Trưởng ban Tổ chức Thành ủy" -> "Trưởng ban" /
"Ban Tổ chức Thành ủy"). An organisation is capitalised words, abbreviations (UBND, T.Ư, KH&ĐT),
lower-case words that occur inside body names ("nhân dân", "thành phố", "dự án") and connectors;
any other word ends it, which keeps the scan short. Rules match the normalised text ("Ủy" however
written); person, title and organization are cut from the text as written.
"""
from __future__ import annotations

import logging
import re

from spacy.lang.vi import Vietnamese
from spacy.tokens import Doc

from extractors.nlp import (
    SPANS_KEY,
    StartFinder,
    add_fact,
    doc_text,
    load_patterns,
    matching_text,
    phrase_regex,
)

logger = logging.getLogger(__name__)

LANG = "vi"
KIND = "official"

# Upper- and lower-case Latin letters, Vietnamese ones included ("Đ", "Ư", "Ạ").
_LATIN = [*range(0x41, 0x5B), *range(0x61, 0x7B), *range(0xC0, 0x250), *range(0x1E00, 0x1F00)]
_UP = "".join(c for c in map(chr, _LATIN) if c.isupper())
_LOW = "".join(c for c in map(chr, _LATIN) if c.islower())
_NAME_WORD = rf"[{_UP}][{_LOW}]*"        # "Nguyễn", "A" (not "UBND")
_NAME_WORD_RE = re.compile(rf"{_NAME_WORD}\Z")
_SP = r"[ \t\u00a0]"
# The next word after pos: a run of letters/digits (with inner . & / ' as in "T.Ư", "KH&ĐT"),
# or a dash, ampersand or comma.
_NEXT_RE = re.compile(rf"({_SP}*)(?:([^\W_]+(?:[.&'’][^\W_]+)*)|([-–&,]))")
_CAP_NEXT_RE = re.compile(rf"{_SP}+([{_UP}][^\W_]*)")
# The run of capitalised words that ends a text window, and an honorific just before a run.
_BACK_WINDOW = 100
# A chain holds at most this many positions ("Ủy viên Ban Thường vụ Thành ủy, Bí thư Quận ủy X").
_MAX_LINKS = 6
_SEP_BEFORE_RE = re.compile(rf"(?:,|{_SP}[-–]){_SP}*(?:nguyên{_SP}+)?\Z")
_RUN_BACK_RE = re.compile(rf"(?<![^\W\d_]){_NAME_WORD}(?:{_SP}+{_NAME_WORD})*\Z")


def _words(phrases) -> str:
    return phrase_regex(phrases)


class OfficialExtractor:
    def __init__(self, spans_key: str = SPANS_KEY) -> None:
        self.spans_key = spans_key
        d = load_patterns("official", LANG)
        heads = [*d["title_heads"], *d["title_phrases"]]
        prefix = _words(d["title_prefixes"])
        suffix = _words(d["title_suffixes"])
        # Upper-case first letter, then any case ("Phó trưởng Ban", "Phó Trưởng ban").
        title = rf"(?i:(?:{prefix}{_SP}+)?{_words(heads)}(?:{_SP}+{suffix})?)(?![^\W\d_])"
        self._title_re = re.compile(rf"(?=[{_UP}]){title}")
        # After "name, " a title may be written in lower case ("ông A, phó chủ tịch UBND xã").
        self._title_any_re = re.compile(title)
        hon = rf"(?i:{_words(d['honorifics'])})\.?"
        self._hon_re = re.compile(rf"{hon}(?![^\W\d_])")
        self._hon_back_re = re.compile(rf"(?<![^\W\d_.])(?P<hon>{hon}){_SP}+\Z")
        self._hon_name_re = re.compile(
            rf"(?:(?:{_SP}*,|{_SP}+[-–])?{_SP}*)(?:(?P<hon>{hon}){_SP}+)?"
            rf"(?P<name>{_NAME_WORD}(?:{_SP}+{_NAME_WORD}){{0,5}})(?![^\W\d_]|{_SP}+[{_UP}])")
        self._chain_sep_re = re.compile(
            rf"{_SP}*(?:,|{_SP}(?:{_words(w for w in d['chain_separators'] if w != ',')})){_SP}*")
        self._low_re = re.compile(rf"{_SP}+({_words(d['org_lower_phrases'])})(?![^\W\d_])")
        # Which lower-case syllable may follow which word inside a compound ("Tài" -> "chính").
        self._pairs = frozenset((a.lower(), b) for c in [*d["org_compounds"], *d["org_lower_phrases"]]
                                for a, b in zip(c.replace(",", "").split(), c.replace(",", "").split()[1:]))
        self._level = frozenset(d["level_words"])
        self._not_tails = frozenset(d["not_org_syllables"]) | self._level
        self._strong = frozenset(d["family_names"])
        self._weak = frozenset(d["weak_family_names"])
        self._not_name = frozenset(d["not_name_words"])
        self._run_hon = frozenset(d["honorific_words_in_run"])
        self._family_or_hon = self._strong | self._weak | self._run_hon | {"Đồng"}
        self._places: dict[str, list[tuple[str, ...]]] = {}
        for place in d["places"]:
            words = tuple(w for w in place.split() if w not in "-–")
            self._places.setdefault(words[0], []).append(words)
        for alts in self._places.values():
            alts.sort(key=len, reverse=True)
        self._org_heads = sorted(d["title_org_heads"], key=len, reverse=True)
        self._starts = StartFinder((), [*heads, *d["title_prefixes"]])
        # per doc: the organisation words after each position (chains share links), and the name
        # in those words after each title
        self._walks: dict[tuple[int, bool], list[tuple[int, int, str]]] = {}
        self._names: dict[int, tuple[int, int, int] | None] = {}

    # --- organisation words --------------------------------------------------------------
    def _walk(self, text: str, pos: int, loose: bool = False) -> list[tuple[int, int, str]]:
        """The organisation words from pos on: (start, end, class) with class 'cap' (a capitalised
        word, which may belong to a name), 'abbr', 'low', 'conn'; stops at any other word.
        `loose` (a name must follow, so the organisation is checked by it) also takes an unknown
        lower-case syllable right after a capitalised word ("Bệnh viện Bệnh Nhiệt đới")."""
        key = (pos, loose)
        found = self._walks.get(key)
        if found is None:
            found = self._walks[key] = self._walk_from(text, pos, loose)
        return found

    def _walk_from(self, text: str, pos: int, loose: bool) -> list[tuple[int, int, str]]:
        out: list[tuple[int, int, str]] = []
        while len(out) < 40:
            low = self._low_re.match(text, pos)
            if low:
                out.append((low.start(1), low.end(1), "low"))
                pos = low.end()
                continue
            m = _NEXT_RE.match(text, pos)
            if not m:
                break
            word, sym = m.group(2), m.group(3)
            if word is not None:
                if not m.group(1) or any(c.isdigit() for c in word):
                    break  # glued on, or a number
                if _NAME_WORD_RE.match(word):
                    cls = "cap"
                elif word[0].isupper():
                    cls = "abbr"
                elif out and out[-1][1] == m.start(2) - 1 and \
                        (text[out[-1][0]:out[-1][1]].split()[-1].lower(), word) in self._pairs:
                    cls = "low"   # "Tài chính", "Giao thông", "Cựu chiến binh"
                elif loose and out and out[-1][2] == "cap" and out[-1][1] == m.start(2) - 1 and \
                        word.isalpha() and word not in self._not_tails:
                    cls = "low"
                elif word == "và" and self._capital_follows(text, m.end(), name_too=False):
                    cls = "conn"  # "Sở Tài nguyên và Môi trường"
                else:
                    break
                out.append((m.start(2), m.end(2), cls))
                pos = m.end()
                continue
            # "Sở Văn hóa, Thể thao và Du lịch", "Lao động - Thương binh": a comma or dash goes on
            # only to a capitalised word that opens no position and no name.
            if not out or not (self._capital_follows(text, m.end(), name_too=sym != ",")
                               or sym in "-–" and self._low_re.match(text, m.end())):
                break
            out.append((m.start(3), m.end(3), "conn"))
            pos = m.end()
        while out and out[-1][2] == "conn":
            out.pop()
        return out

    def _capital_follows(self, text: str, pos: int, name_too: bool) -> bool:
        """A capitalised word follows that opens no new position (nor, unless name_too, a name or
        an honorific)."""
        m = _CAP_NEXT_RE.match(text, pos)
        if not m or self._title_re.match(text, m.start(1)):
            return False
        return name_too or not (m.group(1) in self._family_or_hon or self._hon_re.match(text, m.start(1)))

    # --- names -----------------------------------------------------------------------------
    def _place_prefix(self, words: list[str]) -> int:
        """How many words at the start of the run are known place names ("Hoàng Mai Lê Văn An")."""
        i, n = 0, len(words)
        while i < n:
            for place in self._places.get(words[i], ()):
                if tuple(words[i:i + len(place)]) == place:
                    i += len(place)
                    break
            else:
                break
        return i

    def _split(self, words: list[str], after_level: bool) -> int | None:
        """Where the name begins in a run of capitalised words that ends it, or None."""
        n = len(words)
        first = self._place_prefix(words)
        if after_level and not (first == 0 and 3 <= n <= 4 and words[0] in self._strong):
            # "phường Trần Phú ...": the words after a level word are a place, unless they are all a
            # name ("UBND quận Nguyễn Văn Hải")
            first = max(first, 2)
        strong, weak = [], []
        for i in range(first, n):
            if not 2 <= n - i <= 4 or any(w in self._not_name for w in words[i:]):
                continue
            if words[i] in self._strong:
                strong.append(i)
            elif words[i] in self._weak:
                weak.append(i)
        if strong:
            return strong[0]
        if weak:
            return min(weak, key=lambda i: ({3: 0, 4: 1, 2: 2}[n - i], i))
        return None

    def _name_in(self, text: str, tokens: list[tuple[int, int, str]]) -> tuple[int, int, int] | None:
        """(token index where the name begins, name start, name end) in the first run of capitalised
        words that holds a name."""
        i, n = 0, len(tokens)
        while i < n:
            if tokens[i][2] != "cap":
                i += 1
                continue
            j = i
            while j + 1 < n and tokens[j + 1][2] == "cap" and tokens[j + 1][0] - tokens[j][1] == 1:
                j += 1
            after_level = i > 0 and tokens[i - 1][2] == "low" and \
                " ".join(text[tokens[i - 1][0]:tokens[i - 1][1]].split()) in self._level
            at = self._split([text[s:e] for s, e, _ in tokens[i:j + 1]], after_level)
            if at is not None:
                return i + at, tokens[i + at][0], tokens[j][1]
            i = j + 1
        return None

    # --- title and organisation ---------------------------------------------------------------
    def _title_org(self, orig: str, title: tuple[int, int], org: tuple[int, int] | None
                   ) -> tuple[str, str | None]:
        t = " ".join(orig[title[0]:title[1]].split())
        o = " ".join(orig[org[0]:org[1]].split()).strip(" ,-–") if org else ""
        if o:
            tl = t.lower()
            for head in self._org_heads:
                if tl.endswith(" " + head) or tl == head:
                    if not o.lower().startswith(head + " "):
                        w = t[len(t) - len(head):]
                        o = f"{w[0].upper()}{w[1:]} {o}"
                    break
        return t, o or None

    def _hon_before(self, text: str, pos: int) -> int | None:
        m = self._hon_back_re.search(text, max(0, pos - 25), pos)
        if not m:
            return None
        hon = m.group("hon")
        if hon[0].isupper() and hon.lower() in ("bà", "ông") and \
                re.search(rf"[{_UP}][{_LOW}]*{_SP}+\Z", text[max(0, m.start() - 20):m.start()]):
            return None  # "Hai Bà Trưng"
        return m.start()

    def _chain(self, text: str, m: re.Match[str]) -> tuple[int, list[tuple[int, int, str]]]:
        """End of a chain of positions beginning with title match m, and the first one's words."""
        first = tokens = self._walk(text, m.end())
        end = tokens[-1][1] if tokens else m.end()
        for _ in range(_MAX_LINKS - 1):
            sep = self._chain_sep_re.match(text, end)
            nxt = self._title_re.match(text, sep.end()) if sep else None
            if not nxt:
                return end, first
            tokens = self._walk(text, nxt.end())
            end = tokens[-1][1] if tokens else nxt.end()
        return end, first

    def _name_first(self, doc: Doc, text: str, orig: str, m: re.Match[str], taken: int) -> int | None:
        sep = _SEP_BEFORE_RE.search(text, max(0, m.start() - 12), m.start())
        if not sep:
            return None
        run = _RUN_BACK_RE.search(text, max(taken, sep.start() - _BACK_WINDOW), sep.start())
        if not run:
            return None
        words = [(w.start(), w.end()) for w in re.finditer(r"\S+", text[run.start():run.end()])]
        words = [(run.start() + s, run.start() + e) for s, e in words]
        start = self._hon_before(text, words[0][0])
        if text[words[0][0]:words[0][1]] in self._run_hon and len(words) > 2:
            start, words = words[0][0], words[1:]   # "Ông Nguyễn Hữu Tuyên, Chủ tịch ..."
        names = [text[s:e] for s, e in words]
        at: int | None   # where the name begins in names
        if start is not None and 2 <= len(words) <= 4 and not any(w in self._not_name for w in names):
            at = 0
        else:
            before = text[max(0, words[0][0] - 12):words[0][0]].split()
            at = self._split(names, bool(before) and before[-1] in self._level)
            if at is None:
                return None
            if at > 0:
                start = None
        end, first = self._chain(text, m)
        span_start = start if start is not None else words[at][0]
        person = " ".join(orig[words[at][0]:words[-1][1]].split())
        org = (first[0][0], first[-1][1]) if first else None
        title, organization = self._title_org(orig, (m.start(), m.end()), org)
        add_fact(doc, span_start, end, KIND, {"person": person, "title": title,
                                              "organization": organization}, "official.name_comma_title",
                 spans_key=self.spans_key)
        return end

    def _title_first(self, doc: Doc, text: str, orig: str, m: re.Match[str]) -> int | None:
        first: tuple[re.Match[str], list] | None = None
        link: re.Match[str] | None = m
        links = 0
        k: int | None   # where the name begins in the link's organisation words (None: after them)
        while link is not None and links < _MAX_LINKS:
            links += 1
            tokens = self._walk(text, link.end(), loose=True)
            if first is None:
                first = (link, tokens)
            key = link.end()
            if key not in self._names:
                self._names[key] = self._name_in(text, tokens)
            found = self._names[key]
            if found is not None:
                k, name_start, name_end = found
                rule = "official.title_org_name"
                break
            end = tokens[-1][1] if tokens else link.end()
            after = self._hon_name_re.match(text, end)
            if after and (after.group("hon") or after.group(0).lstrip(" \t\u00a0")[:1] in "-–"):
                names = after.group("name").split()
                at: int | None   # where the name begins in names
                if after.group("hon") and 2 <= len(names) <= 4:
                    at = 0
                else:
                    at = self._split(names, False)
                if at is not None and not any(w in self._not_name for w in names[at:]):
                    offs = [w.start() for w in re.finditer(r"\S+", after.group("name"))]
                    name_start, name_end = after.start("name") + offs[at], after.end("name")
                    k, rule = None, "official.title_honorific_name"
                    break
            sep = self._chain_sep_re.match(text, end)
            link = self._title_re.match(text, sep.end()) if sep else None
        else:
            return None
        link0, tokens0 = first
        if link0 is link and k is not None:
            org_tokens = tokens0[:k]
        else:
            org_tokens = tokens0
        while org_tokens and org_tokens[-1][2] == "conn":
            org_tokens = org_tokens[:-1]
        org = (org_tokens[0][0], org_tokens[-1][1]) if org_tokens else None
        title, organization = self._title_org(orig, (link0.start(), link0.end()), org)
        if organization is None and rule == "official.title_org_name":
            rule = "official.title_name"
        hon = self._hon_before(text, m.start())
        start = hon if hon is not None else m.start()
        person = " ".join(orig[name_start:name_end].split())
        add_fact(doc, start, name_end, KIND, {"person": person, "title": title,
                                              "organization": organization}, rule, spans_key=self.spans_key)
        return name_end

    def __call__(self, doc: Doc) -> Doc:
        text = matching_text(doc)
        orig = _original(doc, text)
        self._walks, self._names = {}, {}
        taken = 0
        for pos in self._starts.starts(doc):
            if pos < taken:
                continue
            upper = text[pos].isupper()
            m = (self._title_re if upper else self._title_any_re).match(text, pos)
            if not m:
                continue
            end = self._name_first(doc, text, orig, m, taken)
            if end is None and upper:
                end = self._title_first(doc, text, orig, m)
            if end is not None:
                taken = end
        self._walks, self._names = {}, {}
        return doc


def _original(doc: Doc, text: str) -> str:
    """The text as written, at matching_text's offsets (the normaliser keeps the length unless
    the page was not NFC; then the normalised text is the best there is)."""
    orig = doc_text(doc)
    return orig if len(orig) == len(text) else text


@Vietnamese.factory("newsfacts_official", assigns=["doc.spans", "span._.fact"],
                    default_config={"spans_key": SPANS_KEY})
def make_official(nlp: Vietnamese, name: str, spans_key: str) -> OfficialExtractor:
    return OfficialExtractor(spans_key=spans_key)
