"""Document references: "Directive No. 24-CT/TU dated August 7, 2023" (doc_type
"Directive", doc_number "24-CT/TU", issued "2023-08-07"), "Resolution No. 19-NQ/QU",
"Decision 1234/QD-UBND", "Decree 15/2020/ND-CP", "Official Dispatch No. 455/CĐ-TTg".

Only references with a number code count (one with a letter in it: "Decree No. 100"
alone is too often a house or a list number). A directly following "dated <date>" is
part of the span; the date component records that date as well (document > date nests).
"""
from __future__ import annotations

import logging
import re

from spacy.lang.en import English
from spacy.language import Language
from spacy.tokens import Doc

from extractors.datenorm import YEAR_RE, iso_day, parse_numeric_dmy
from extractors.lang.en.months import DAY_RE, MONTH_RE, day_number, month_number
from extractors.nlp import (
    add_fact,
    anchored_finditer,
    doc_text,
    load_patterns,
    phrase_regex,
)

logger = logging.getLogger(__name__)

KIND = "document"
_BEFORE, _AFTER = 45, 70
# Every number code has a digit next to a slash or hyphen.
_ANCHOR_RE = re.compile(r"\d[/-]")
_CODE_PART = r"[0-9A-Za-zĐđÀ-ỹ]+"


class DocumentExtractor:
    def __init__(self) -> None:
        d = load_patterns("document", "en")
        types = phrase_regex(d["types"])
        number_words = phrase_regex(d["number_words"])
        self._re = re.compile(rf"""
            (?<![\w-])(?P<type>{types})\s+(?:{number_words}\s*)?
            (?P<num>\d+(?:[-/]{_CODE_PART})+)(?![\w/-])
            (?:,?\s+{phrase_regex(d["dated"])}\s+
                (?:(?P<im>{MONTH_RE})\s+(?P<id>{DAY_RE}),?\s+(?P<iy>{YEAR_RE})
                  |(?P<id2>{DAY_RE})\s+(?P<im2>{MONTH_RE}),?\s+(?P<iy2>{YEAR_RE})
                  |(?P<inum>\d{{1,2}}/\d{{1,2}}/{YEAR_RE}))(?![\w/]|-\d|[.,]\d))?
            """, re.VERBOSE)

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        for m in anchored_finditer(self._re, _ANCHOR_RE, text, _BEFORE, _AFTER):
            number = m.group("num")
            if not any(c.isalpha() for c in number):
                logger.debug("no code letters in %r", m.group(0))
                continue
            issued = None
            if m.group("im"):
                issued = iso_day(int(m.group("iy")), month_number(m.group("im")),
                                 day_number(m.group("id")))
            elif m.group("im2"):
                issued = iso_day(int(m.group("iy2")), month_number(m.group("im2")),
                                 day_number(m.group("id2")))
            elif m.group("inum"):
                issued = parse_numeric_dmy(m.group("inum"))
            end = m.end() if issued else m.end("num")
            fields = {"doc_type": " ".join(m.group("type").split()), "doc_number": number,
                      "issued": issued}
            rule = "document.typed_number_dated" if issued else "document.typed_number"
            add_fact(doc, m.start(), end, KIND, fields, rule)
        return doc


@English.factory("newsfacts_document", assigns=["doc.spans"])
def make_document(nlp: Language, name: str) -> DocumentExtractor:
    return DocumentExtractor()
