"""Officials, a named person with a position:
"Deputy Secretary of the Hanoi City Party Committee Nguyen Van Phong" (title first),
"Ms. Phung Thi Hong Ha, Member of the Standing Committee of the City Party Committee and
Permanent Vice Chairwoman of the City People's Council" (name first, a chain of positions),
"Bach Mai Hospital Director Nguyen Quoc Khanh" (organisation, title, name).

Title and organisation come from the FIRST position of a chain (gold decision 6). Without
an honorific a name must start with a Vietnamese family name, which is where the
organisation before it ends; after an honorific any capitalised words make a name.
"""
from __future__ import annotations

import logging
import re

from spacy.lang.en import English
from spacy.language import Language
from spacy.tokens import Doc

from extractors.nlp import (
    StartFinder,
    add_fact,
    doc_text,
    load_patterns,
    matches_at,
    phrase_regex,
)

logger = logging.getLogger(__name__)

KIND = "official"
# An organisation named before a title ("Bach Mai Hospital Director ...") has at most four
# words; they lie within this many characters before the title.
_ORG_REACH = 160

# Upper-case Latin letters, Vietnamese ones included ("Đ", "Ư", "Ạ").
_UP = "".join(c for c in map(chr, [*range(0x41, 0x5B), *range(0xC0, 0x250), *range(0x1E00, 0x1F00)])
              if c.isupper())
_CAP = rf"[{_UP}][^\W\d_]*"  # a capitalised word of letters


def _words(ws) -> str:
    return "(?:" + "|".join(sorted(map(re.escape, ws), key=len, reverse=True)) + r")\b"


class OfficialExtractor:
    def __init__(self) -> None:
        d = load_patterns("official", "en")
        title = (rf"(?:{phrase_regex(d['title_phrases'])}"
                 rf"|(?:{_words(d['title_modifiers'])}\s+)*{phrase_regex(d['title_heads'])})(?![\w-])")
        self._title_re = title
        not_name = _words(d["not_name_words"])
        given = rf"(?!{not_name})[{_UP}][^\W\d_]+"
        vn_name = rf"{_words(d['family_names'])}(?:[ ]+{given}){{1,3}}(?![ \t]+[{_UP}]|[\w'’-])"
        any_name = rf"(?!{not_name}){_CAP}(?:[ ]+{given}){{1,3}}(?![\w'’-])"
        hon = rf"(?:{phrase_regex(d['honorifics'])})(?![\w])"
        org_word = rf"(?![Tt]he\b)[{_UP}][\w'’&-]*"
        conn = rf"(?:{phrase_regex(d['org_connectors'])})(?:\s+the)?"
        # "and" may not open the next position of a chain
        org_gap = rf"(?:\s+(?!and\s+(?:the\s+)?{title}){conn})?\s+"
        org = rf"{org_word}(?:{org_gap}{org_word})*"
        org_lazy = rf"{org_word}(?:{org_gap}{org_word})*?"
        skip = rf"(?:the\s+)?(?:{phrase_regex(d['org_prefixes_skipped'])}\s+)?"
        position = rf"{title}(?:\s+(?:of|at)\s+{skip}{org}(?:\s+at\s+{org})?)?"
        chain = rf"{position}(?:(?:,\s+|\s+and\s+)(?:the\s+)?{position})*"
        position_lazy = rf"{title}(?:\s+(?:of|at)\s+{skip}{org_lazy})?"
        org_short = rf"(?!{title}){org_word}(?:[ ]+(?!{title}){org_word}){{0,3}}"
        self._re = re.compile(rf"""
            (?:(?P<hon_a>{hon})\s+(?P<name_a>{any_name})|(?P<name_a2>{vn_name}))
                ,\s+(?:the\s+)?(?P<chain_a>{chain})
          | (?:(?P<hon_b>{hon})\s+)?(?P<chain_b>{position_lazy}),?\s+(?P<name_b>{vn_name})
          | (?<![\w])(?P<org_c>{org_short})\s+(?P<title_c>{title})\s+
                (?P<name_c>{vn_name}|{any_name})
            """, re.VERBOSE)
        self._first_re = re.compile(
            rf"(?P<t>{title})(?:\s+(?:of|at)\s+{skip}(?P<o>{org})(?:\s+at\s+(?P<o2>{org}))?)?")
        # A match begins with an honorific, a family name, a title, or (org_title_name) one of
        # the capitalised words just before a title.
        self._names = StartFinder(d["family_names"], d["honorifics"])
        self._titles = StartFinder((), [*d["title_phrases"], *d["title_modifiers"], *d["title_heads"]])
        # (?<![\w'’&-])[{_UP}] with the capital first, so re skips ahead to capitals in C
        self._cap_start = re.compile(rf"[{_UP}](?<![\w'’&-].)")
        self._org_re = re.compile(org)

    def _title_org(self, chain: str) -> tuple[str, str | None]:
        m = self._first_re.match(chain)
        t, o = m.group("t"), m.group("o")
        if m.group("o2"):  # "Head of Research at Savills Hanoi"
            t, o = f"{t} of {o}", m.group("o2")
        if o is None and m.end() < len(chain):
            # "Member of the Standing Committee and Chairman of ... of the X Party Committee":
            # the standing committee is X's
            parts = re.split(r"\s+of\s+(?:the\s+)?", chain)
            o = parts[-1] if len(parts) > 1 and self._org_re.fullmatch(parts[-1]) else None
        return " ".join(t.split()), " ".join(o.split()) if o else None

    def candidate_starts(self, doc: Doc) -> list[int]:
        text = doc_text(doc)
        titles = self._titles.starts(doc)
        starts = self._names.starts(doc) + titles     # a new list: starts() returns the cached one
        # the capitals up to _ORG_REACH before each title (ascending), over the union of those
        # windows: each character searched once (matches_at takes the starts as a set)
        win_start = win_end = -1
        for t in titles:
            lo = max(0, t - _ORG_REACH)
            if lo <= win_end:
                win_end = t
                continue
            if win_end >= 0:
                starts += [c.start() for c in self._cap_start.finditer(text, win_start, win_end)]
            win_start, win_end = lo, t
        if win_end >= 0:
            starts += [c.start() for c in self._cap_start.finditer(text, win_start, win_end)]
        return starts

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        for m in matches_at(self._re, text, self.candidate_starts(doc)):
            if m.group("chain_a"):
                person = m.group("name_a") or m.group("name_a2")
                title, org = self._title_org(m.group("chain_a"))
                rule = "official.name_comma_title"
            elif m.group("chain_b"):
                person = m.group("name_b")
                title, org = self._title_org(m.group("chain_b"))
                rule = "official.title_org_name" if org else "official.title_name"
            else:
                person, title = m.group("name_c"), " ".join(m.group("title_c").split())
                org = " ".join(m.group("org_c").split())
                rule = "official.org_title_name"
            fields = {"person": " ".join(person.split()), "title": title, "organization": org}
            add_fact(doc, m.start(), m.end(), KIND, fields, rule)
        return doc


@English.factory("newsfacts_official", assigns=["doc.spans"])
def make_official(nlp: Language, name: str) -> OfficialExtractor:
    return OfficialExtractor()
