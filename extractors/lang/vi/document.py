"""Vietnamese document references: "Chỉ thị số 24-CT/TU ngày 7/8/2023" (doc_type "Chỉ thị",
doc_number "24-CT/TU", issued "2023-08-07"), "Quyết định 2618/QĐ-UBND", "Nghị định số
53/2017/NĐ-CP", "Nghị quyết 15" (a bare number is a reference), "Luật Đất đai số 31/2024/QH15".

One compiled regex tried at the type words (StartFinder over patterns/document.json "types"):
type as written, optional "số", then a number code with a letter (document.typed_code) or a bare
number (document.typed_bare: only after a capitalised type, never a year, never a figure with its
unit, "Kế hoạch 5 năm"); a directly following "ngày 28/6/2016" or "ngày 28 tháng 6 năm 2016" is
part of the span and sets `issued` (rule id + "_dated"; the date component records that date as a
fact of its own, which the resolver lets nest). Unnumbered references ("Luật Đất đai", "Nghị quyết
Đại hội XIII") are no facts.
"""
from __future__ import annotations

import logging
import re

from spacy.lang.vi import Vietnamese
from spacy.tokens import Doc

from extractors.datenorm import YEAR_RE, iso_day, resolve_year
from extractors.nlp import (
    SPANS_KEY,
    StartFinder,
    add_fact,
    doc_text,
    load_patterns,
    matches_at,
    matching_text,
    phrase_regex,
    publication_date,
)

logger = logging.getLogger(__name__)

LANG = "vi"
KIND = "document"

_SP = r"[ \t\u00a0]"
_LATIN = [*range(0x41, 0x5B), *range(0xC0, 0x250), *range(0x1E00, 0x1F00)]
_UP = "".join(c for c in map(chr, _LATIN) if c.isupper())
# A code part: letters (Vietnamese ones too: "QĐ", "TƯ", "NĐ") and digits.
_PART = r"[^\W_]+"
_YEAR_FULL = re.compile(rf"{YEAR_RE}\Z")


class DocumentExtractor:
    def __init__(self, spans_key: str = SPANS_KEY) -> None:
        self.spans_key = spans_key
        d = load_patterns("document", LANG)
        types = phrase_regex(d["types"])
        number = phrase_regex(d["number_words"])
        dated = phrase_regex(d["dated"])
        month, year = re.escape(d["month_word"]), re.escape(d["year_word"])
        not_before = phrase_regex(w for w in d["bare_number_not_before"] if w[0].isalpha())
        not_before_sym = "".join(re.escape(w) for w in d["bare_number_not_before"] if not w[0].isalpha())
        self._re = re.compile(rf"""
            (?<![\w-])(?P<type>(?i:{types}))
            (?:(?P<title>(?:{_SP}+[{_UP}][^\W\d_]*)(?:{_SP}+[^\W\d_]+){{0,4}}?)(?={_SP}+(?i:{number}){_SP}))?
            (?:{_SP}+(?P<so>(?i:{number})))?{_SP}+
            (?:(?P<code>\d+[^\W\d_]{{0,3}}(?:[-/]{_PART})+)(?![\w/-])
              |(?P<bare>\d{{1,4}})(?![\w/.,-]|[.,]\d|{_SP}*[{not_before_sym}]|{_SP}+(?i:{not_before})(?![^\W\d_])))
            (?:,?{_SP}+(?i:{dated}){_SP}+(?P<d>\d{{1,2}})
                (?:[/.-](?P<m>\d{{1,2}})(?:[/.-](?P<y>{YEAR_RE}))?
                  |{_SP}+(?i:{month}){_SP}+(?P<m2>\d{{1,2}})(?:{_SP}+(?i:{year}){_SP}+(?P<y2>{YEAR_RE}))?)
                (?![\w/]|[.-]\d))?
            """, re.VERBOSE)
        self._starts = StartFinder((), d["types"])

    def __call__(self, doc: Doc) -> Doc:
        text = matching_text(doc)
        orig = doc_text(doc)
        if len(orig) != len(text):
            orig = text
        published = publication_date(doc)
        for m in matches_at(self._re, text, self._starts.starts(doc)):
            doc_type = " ".join(orig[m.start("type"):m.end("type")].split())
            if m.group("code"):
                if not any(c.isalpha() for c in m.group("code")):
                    continue  # "15/2024": not a code
                number, rule = orig[m.start("code"):m.end("code")], "document.typed_code"
            else:
                bare = m.group("bare")
                if not doc_type[0].isupper() or m.group("title") or _YEAR_FULL.match(bare):
                    continue
                number, rule = bare, "document.typed_bare"
            issued, end = None, m.end("code") if m.group("code") else m.end("bare")
            if m.group("d"):
                month = int(m.group("m") or m.group("m2"))
                y = m.group("y") or m.group("y2")
                year = resolve_year(y, published, month)
                if year is not None:
                    issued = iso_day(year, month, int(m.group("d")))
                if issued:
                    end, rule = m.end(), rule + "_dated"
            add_fact(doc, m.start(), end, KIND,
                     {"doc_type": doc_type, "doc_number": number, "issued": issued}, rule,
                     spans_key=self.spans_key)
        return doc


@Vietnamese.factory("newsfacts_document", assigns=["doc.spans", "span._.fact"],
                    default_config={"spans_key": SPANS_KEY})
def make_document(nlp: Vietnamese, name: str, spans_key: str) -> DocumentExtractor:
    return DocumentExtractor(spans_key=spans_key)
