"""Document references: "Directive No. 24-CT/TU dated August 7, 2023" (doc_type
"Directive", doc_number "24-CT/TU", issued "2023-08-07"), "Resolution No. 19-NQ/QU",
"Decision 1234/QD-UBND", "Decree 15/2020/ND-CP", "Official Dispatch No. 455/CĐ-TTg",
"Circular 10/2024" (number / year), "Program No.08", "Decision No 321", "document 2562",
"Law on Land No. 31/2024/QH15" (doc_type "Law"), and plural types before a list of numbers
("Decisions No. 12/QD-UBND and 13/QD-UBND": one reference each), and further codes after a
singular type ("Decree No. 15/2020/ND-CP and No. 100/2019/ND-CP": the same type, one reference each).

A number code with a letter ("24-CT/TU") or a number / year ("10/2024") is a reference after any
type word, written in capitals or not. A bare number is one after "No."/"Number", and, without
them, only after the types that are never followed by a count or a year in this genre
('bare_number_types': "Decree 100", "document 2562"), when the number is no year ("the Law 2024")
and no unit or count noun follows it ("a decision 10 days later"). A directly following "dated
<date>" is part of the span; the date component records that date as well (document > date nests).

doc_type is stored in the lexicon's capitals and singular ("document" -> "Document", "Decisions"
-> "Decision"), doc_number as written.
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
    SPANS_KEY,
    StartFinder,
    add_fact,
    doc_text,
    load_patterns,
    matches_at,
    phrase_regex,
)

logger = logging.getLogger(__name__)

KIND = "document"
_CODE_PART = r"[0-9A-Za-zĐđÀ-ỹ]+"
_YEAR_ONLY = re.compile(rf"{YEAR_RE}")
# "10/2024", "15/2020": a number and the year it was issued in
_NUMBER_YEAR = re.compile(rf"\d{{1,5}}/{YEAR_RE}")
_NUMBER_RE = re.compile(rf"\d+(?:[-/]{_CODE_PART})*")


def _either_case(phrases) -> str:
    """phrase_regex, the first letter of each word in either case ("[Dd]ecision")."""
    def word(w: str) -> str:
        head = w[0]
        cls = f"[{head}{head.lower()}]" if head.isupper() else re.escape(head)
        return cls + re.escape(w[1:])
    parts = sorted(set(phrases), key=len, reverse=True)
    return "(?:" + "|".join(r"\s+".join(word(w) for w in p.split()) for p in parts) + ")"


def _plural(t: str) -> str:
    return t[:-1] + "ies" if t.endswith("y") else t + ("es" if t.endswith(("s", "ch", "sh", "x")) else "s")


class DocumentExtractor:
    def __init__(self, spans_key: str = SPANS_KEY) -> None:
        self.spans_key = spans_key
        d = load_patterns("document", "en")
        types = d["types"]
        plural_types = {" ".join(t.split()[:-1] + [_plural(t.split()[-1])]): t for t in types}
        self._canon = {" ".join(t.lower().split()): t for t in types}
        self._canon.update({" ".join(p.lower().split()): t for p, t in plural_types.items()})
        number_words = phrase_regex(d["number_words"])
        # the name of a law between its type and "No.": "Law on Land No. ..." (named_types only)
        name_word = rf"(?!{phrase_regex(types)}\b)[A-Z][\w'’-]*"
        name = (rf"\s+on\s+(?:the\s+)?{name_word}(?:\s+(?:and\s+|of\s+)?{name_word}){{0,5}}"
                rf"(?=\s+{number_words})")
        number = rf"\d+(?:[-/]{_CODE_PART})*(?![\w/-]|[.,]\d)"
        dated = rf"""(?:,?\s+{phrase_regex(d["dated"])}\s+
                (?:(?P<im>{MONTH_RE})\s+(?P<id>{DAY_RE}),?\s+(?P<iy>{YEAR_RE})
                  |(?P<id2>{DAY_RE})\s+(?P<im2>{MONTH_RE}),?\s+(?P<iy2>{YEAR_RE})
                  |(?P<inum>\d{{1,2}}/\d{{1,2}}/{YEAR_RE}))(?![\w/]|-\d|[.,]\d))?"""
        self._re = re.compile(rf"""
            (?<![\w-])
            (?:
                (?P<ptype>{_either_case(plural_types)})\s+(?:(?P<pno>{number_words})\s*)?
                (?P<list>{number}(?:\s*,\s*(?:{number_words}\s*)?{number}){{0,20}},?\s+and\s+
                    (?:{number_words}\s*)?{number})
              | (?P<type>{_either_case(types)})(?P<name>{name})?\s*
                (?:(?P<no>{number_words})\s*)?
                (?<=[\s.])(?P<num>{number}){dated}
            )
            """, re.VERBOSE)
        # a further number code after a reference, of the same type ("... and No. 100/2019/ND-CP")
        self._next_re = re.compile(
            rf"(?:\s*,\s*|\s+(?:and|or)\s+)(?:(?P<no>{number_words})\s*)?(?<=[\s.])(?P<num>{number})")
        self._named = {" ".join(t.lower().split()) for t in d["named_types"]}
        self._bare_types = {" ".join(t.lower().split()) for t in d["bare_number_types"]}
        self._bare_lower = {" ".join(t.lower().split()) for t in d["bare_number_types_lower_case"]}
        self._not_after = re.compile(
            rf"\s*(?:%|{phrase_regex(d['not_before_bare_number'])}(?![\w-]))", re.IGNORECASE)
        self._verb_before = re.compile(rf"(?:{phrase_regex(d['verb_markers'])})\s+$", re.IGNORECASE)
        # a reference begins with its type word
        self._starts = StartFinder((), [*types, *plural_types])

    def candidate_starts(self, doc: Doc) -> list[int]:
        return self._starts.starts(doc)

    def _type(self, raw: str) -> str:
        return self._canon.get(" ".join(raw.lower().split()), " ".join(raw.split()))

    def _accepts(self, text: str, raw_type: str, number: str, has_no: bool, start: int, end: int) -> bool:
        """Whether a type word and the number after it are a reference (module docstring)."""
        key = " ".join(raw_type.lower().split())
        if any(c.isalpha() for c in number) or _NUMBER_YEAR.fullmatch(number):
            return True
        if not number.isdigit():     # "2021-2025", "30/4": a period, a date, a ratio
            return False
        if has_no:
            return True
        if key not in self._bare_types or _YEAR_ONLY.fullmatch(number):
            return False
        if raw_type[:1].islower():
            # "document 2562", not "to document 300 cases"
            if key not in self._bare_lower or self._verb_before.search(text, max(0, start - 12), start):
                return False
        return not self._not_after.match(text, end)

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        for m in matches_at(self._re, text, self.candidate_starts(doc)):
            if m.group("list"):
                self._add_list(doc, text, m)
                continue
            raw_type, number = m.group("type"), m.group("num")
            if m.group("name") and " ".join(raw_type.lower().split()) not in self._named:
                logger.debug("a name after a type that takes none: %r", m.group(0))
                continue
            if not self._accepts(text, raw_type, number, bool(m.group("no")), m.start(), m.end("num")):
                logger.debug("no reference in %r", m.group(0))
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
            fields = {"doc_type": self._type(raw_type), "doc_number": number, "issued": issued}
            coded = any(c.isalpha() for c in number) or "/" in number
            rule = "document.typed_number" if coded else "document.bare_number"
            add_fact(doc, m.start(), end, KIND, fields, rule + ("_dated" if issued else ""),
                     spans_key=self.spans_key)
            self._add_further(doc, text, self._type(raw_type), end)
        return doc

    def _add_further(self, doc: Doc, text: str, doc_type: str, end: int) -> None:
        """Number codes after a reference ("Decree No. 15/2020/ND-CP and No. 100/2019/ND-CP"): one
        reference each, of the same type; a bare number only after "No." ("Decision No. 12 and
        No. 13", not "Decree 100 and 200 officials")."""
        while (nxt := self._next_re.match(text, end)) is not None:
            number = nxt.group("num")
            coded = any(c.isalpha() for c in number) or _NUMBER_YEAR.fullmatch(number) is not None
            if not (coded or (nxt.group("no") and number.isdigit()
                              and not self._not_after.match(text, nxt.end()))):
                return
            end = nxt.end()
            add_fact(doc, nxt.start("num") if not nxt.group("no") else nxt.start("no"), end, KIND,
                     {"doc_type": doc_type, "doc_number": number}, "document.continued",
                     spans_key=self.spans_key)

    def _add_list(self, doc: Doc, text: str, m: re.Match) -> None:
        """"Decisions No. 12/QD-UBND and 13/QD-UBND": a reference per number, the type with the
        first. Numbers of the list are held to the rules of a single reference."""
        raw_type, base = m.group("ptype"), m.start("list")
        numbers = list(_NUMBER_RE.finditer(m.group("list")))
        has_no = bool(m.group("pno"))
        singular = self._type(raw_type)
        for i, n in enumerate(numbers):
            start, end = base + n.start(), base + n.end()
            if not self._accepts(text, singular, n.group(), has_no, m.start(), end):
                logger.debug("no reference in %r", n.group())
                continue
            add_fact(doc, m.start() if i == 0 else start, end, KIND,
                     {"doc_type": singular, "doc_number": n.group()}, "document.listed",
                     spans_key=self.spans_key)


@English.factory("newsfacts_document", assigns=["doc.spans", "span._.fact"],
                 default_config={"spans_key": SPANS_KEY})
def make_document(nlp: Language, name: str, spans_key: str) -> DocumentExtractor:
    return DocumentExtractor(spans_key=spans_key)
