"""Subjects and the phrases built from them: the subject before a linking verb, the label of a
list item, a raised total, the verb a coordinated figure shares, and the templates that phrase a
measure from its parts (with a plural made singular where it modifies a noun)."""
from __future__ import annotations

import functools
import re

from extractors.measure.lexicon import _WORD_RE, BLANK, _Lexicon
from extractors.measure.phrases import _clean, _lower_first
from extractors.nlp import last_match

def _linking_verb(low: str, lo: int, start: int, verbs: re.Pattern) -> tuple[int, str] | None:
    """The last of `verbs` that stands in low[lo:start]: where it starts, relative to lo, and which
    it is. `verbs` (_lead_regex) begins with the character before the verb: run over the window with
    a space before it, re skips ahead in C where a lookbehind would be tried at every position."""
    last = last_match(verbs.finditer(" " + low[lo:start]))
    return (last.start(1) - 1, last.group(1)) if last is not None else None


def _subject(before: str, lex: _Lexicon) -> str | None:
    """The subject that ends at the end of `before`: after its last comma when words are left."""
    segments = [s for s in before.split(",")]
    for k, seg in enumerate(reversed(segments)):
        if k and lex.aside is not None and lex.aside.match(seg):
            continue   # ", funded by a Chinese loan, is": an aside between subject and verb
        phrase = _clean(seg, lex)
        if phrase:
            return phrase
        if lex.aside is not None and lex.aside.fullmatch(seg.strip()):
            continue   # "corporate income tax, which rose by": the subject is before the pronoun
        if _WORD_RE.search(seg.replace(BLANK, "")):
            break   # words there, but none a measure: look no further back
    return None


def _coordinated_verb(gap: str, previous: tuple, lex: _Lexicon) -> str | None:
    """The verb of the counted figure before, when this one is coordinated with it ("and", "và",
    a comma): its measure without its unit."""
    if len(previous) < 3 or not previous[1] or not previous[2] or not lex.coordination.fullmatch(gap):
        return None
    measure, unit = previous[1], previous[2]
    if lex.unit_first and measure.startswith(unit + " "):
        return measure[len(unit) + 1:]
    if not lex.unit_first and measure.endswith(" " + unit):
        return measure[:-len(unit) - 1]
    return None


def _label(text: str, start: int, clause_start: int, lex: _Lexicon) -> str | None:
    """"- Bao tải: 15.000 chiếc", "Án hình sự: thụ lý 612 vụ": a figure in a labelled list item
    measures its label (up to four words, no digits, after a dash, bullet, ';' or the sentence
    start)."""
    colon = clause_start - 1
    if colon < 0 or text[colon] != ":" or not re.fullmatch(r"[^\W\d_\s]*(?:\s+[^\W\d_]+){0,3}\s*|\s*",
                                                            text[clause_start:start]):
        return None
    head_start = max(0, colon - lex.label_chars - 20)
    head = text[head_start:colon]
    m = re.search(rf"(?:^|[-–•;\n.]\s*)([^\W\d_][^-–•;\n.:\d\x00]{{0,{lex.label_chars}}})$", head)
    if not m or len(m.group(1).split()) > lex.label_words or (m.start() == 0 and head_start > 0):
        return None   # (a label cut off by the window is no label)
    return _lower_first(m.group(1).strip()) or None


def _raised_total(low_before: str, before: str, kind: str, unit: str | None, lex: _Lexicon) -> str | None:
    """"nâng tổng số trạm trên địa bàn lên 96 trạm", "bringing the total number of members to 120":
    the figure is the new total of what is named (or of its own unit)."""
    cut = max(0, len(low_before) - 90)
    if lex.total_before is None or lex.total_word not in low_before[cut:]:
        return None   # most figures have none: one find instead of a regex
    m = last_match(lex.total_before.finditer(low_before, cut))
    if m is None or low_before[m.end():].strip():
        return None
    noun = _clean(before[m.start("noun"):m.end("noun")], lex, keep="first") if m.group("noun").strip() else None
    noun = noun or (unit if kind in ("count", "ratio") else None)
    return _phrase(lex.total_template, lex=lex, noun=noun) if noun else None


def _tail_search(rx: re.Pattern, low_before: str, width: int, at_end: bool = False) -> int | None:
    """Where `rx` matches in the last `width` characters before a figure (its pattern ends at the
    figure, so searching further back only costs time); with `at_end`, the match must reach the
    figure but for spaces."""
    cut = max(0, len(low_before) - width)
    m = last_match(rx.finditer(low_before, cut))
    if m is None or (at_end and low_before[m.end():].strip()):
        return None
    return m.start()


def _phrase(template: tuple[str, ...], lex: _Lexicon | None = None, **parts: str | None) -> str | None:
    """A template's pieces ("{subject}", "share", "of {whole}") with the empty ones left out; with
    `lex`, a part that a word of the template follows is a modifier (see _modifier)."""
    pieces = [piece for piece, names in _template(template) if all(parts.get(name) for name in names)]
    out = []
    for k, piece in enumerate(pieces):
        text = piece.format(**parts)
        if lex is not None and k + 1 < len(pieces) and "{" in piece and "{" not in pieces[k + 1]:
            text = _modifier(text, lex)
        out.append(text)
    return " ".join(out) or None


@functools.lru_cache(maxsize=None)   # the templates are the lexicons' few
def _template(template: tuple[str, ...]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Each piece of a template with the names of the parts it needs."""
    return tuple((piece, tuple(re.findall(r"{(\w+)}", piece))) for piece in template)


def _modifier(phrase: str, lex: _Lexicon) -> str:
    """A phrase used before another noun, in the form a modifier takes: in English a plural noun
    becomes singular ("visitors" + "growth" -> "visitor growth", "industrial parks area" ->
    "industrial park area"); languages without the rule keep the phrase."""
    if not lex.singular_modifiers:
        return phrase
    head, _, last = phrase.rpartition(" ")
    one = _singular(last, lex)
    return f"{head} {one}" if head else one


def _singular(word: str, lex: _Lexicon) -> str:
    low = word.lower()
    if len(low) < 4 or not low.endswith("s") or low in lex.not_plural or not low.isalpha() \
            or low.endswith(("ss", "us", "is", "ics")):
        return word
    if low.endswith("ies"):
        return word[:-3] + ("Y" if word[-1].isupper() else "y")
    if low.endswith(("sses", "xes", "ches", "shes", "oes")):
        return word[:-2]
    return word[:-1]

