"""What a figure measures, from the words around it, and its measure_key: the same rules in every
language, the words in each language's patterns/measure.json.

The rules read the sentence with every other fact and every place blanked out (same length, so
offsets hold), so that neither a date, a name nor a district ends up in a measure. In order:

- A rank measures what it ranks: "ranked 3rd in FDI attraction" -> "FDI attraction ranking",
  "xếp thứ 2/7 huyện về tiến độ" -> "xếp hạng tiến độ".
- A figure that restates the one before it ("VND 228 trillion (67.1% of the estimate)", "7,6%,
  bằng 54,1% dự toán", "VND 158.3 million ($6,230)", "từ 20 ngày xuống 15 ngày") measures the
  same thing, and a change of it ("..., up 11.6%") its growth or decrease; a percentage of a plan
  says the plan and what was done ("equal to 38.5% of the plan" -> "plan disbursed"); figures
  coordinated with it ("68% and 71% respectively") share its measure.
- A share ("accounted for 88.5% of total exports", "chiếm 51,1%") is the share of its subject.
- A raised total ("nâng tổng số trạm lên 96 trạm", "bringing the total number of clinics to 41")
  and an amount of money ("xử phạt 41 cơ sở với tổng số tiền 628 triệu đồng" -> "tiền xử phạt")
  say so.
- A count, ratio, or a percentage of counted things ("100% of Party cells had completed ...")
  measures its counted things and what happened to them: "disciplined 15 Party members" ->
  "Party members disciplined"; "kỷ luật 7 đảng viên" -> "đảng viên kỷ luật"; the verb may come
  after them ("17 winners in three districts gave up their plots") or, in Vietnamese, be the words
  right before them ("tạm giữ 96 xe máy"); "of which 99.2% were settled" shares what the figure
  before counted.
- A figure used as a modifier measures the noun it modifies ("a 15% increase in patients",
  "the 58.2 km section" -> "section length").
- Money, a quantity or a percentage measures the subject of its linking verb ("Budget revenue in
  the first half reached VND ..." -> "budget revenue"), else what an action verb did with it
  ("disbursed VND 25.7 trillion of public investment capital"), else the words right before it;
  a verb of change makes it its subject's change ("GRDP grew by 6.52%" -> "GRDP growth").
- Then: a figure set as a goal measures its target ("the city targets growth of 8%" -> "growth
  target"); a name the article shortens is its short form ("Foreign direct investment (FDI)" ->
  "FDI"); in English a phrase used before another noun is singular ("visitor growth").
- measure_key: the key of the longest lexicon phrase the measure contains ("state budget revenue",
  "tổng thu ngân sách" -> "budget_revenue"); keys are shared by the languages so that a Vietnamese
  original and its English republication compare.
"""
from __future__ import annotations

import bisect
import functools
import re
from typing import Any

from extractors.nlp import find_phrases, last_match, load_patterns, phrase_regex, word_regex

BLANK = "\x00"   # what stands in the text where another fact or a place was
_WORD_RE = re.compile(r"[^\W\d_][\w'’&.-]*[\w’']|[^\W\d_]|\x00+")
_SPACE_RE = re.compile(r"\s+")
_PARENS_RE = re.compile(r"\([^()]*\)|^[^(]*\)")
_COMMA_GAP_RE = re.compile(r"\s*[,(]\s*")
_ACRONYM_RE = re.compile(r"((?:[^\W\d_][\w'’-]*\s+){1,8})\(([^\W\d_]{2,8})\)")
_ACRONYM_GLUE = frozenset(("of", "and", "for", "the", "on", "in", "&"))
_REACH = 160   # characters before a figure where its subject and verb may stand


def lowered(text: str) -> str:
    """The text in lower case with every offset kept (a character whose lower case is longer,
    "İ", stays as it is): the hot patterns run case-sensitively over it, IGNORECASE costs 3x."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def _lead_regex(phrases) -> re.Pattern:
    """Whole-word alternation of lower-case phrases, led by the non-letter before them (group 1 is
    the phrase): the same matches as word_regex over a text with a space in front."""
    return re.compile(rf"[\W\d_]({phrase_regex(p.lower() for p in phrases)})(?![^\W\d_])")


def _words_in(phrases) -> frozenset[str]:
    return frozenset(" ".join(p.lower().split()) for p in phrases)


class _Lexicon:
    def __init__(self, lang: str) -> None:
        d = load_patterns("measure", lang)
        flags = re.IGNORECASE
        self.lang = lang
        self.max_words = int(d["max_words"])
        self.unit_first = bool(d["unit_before_verb"])
        self.linking_verbs = _lead_regex(d["linking_verbs"])
        self.share_verbs = _lead_regex(d["share_verbs"])
        self.share_template = tuple(d["share_template"])
        self.rank_template = tuple(d["rank_template"])
        self.rank_topic = re.compile(d["rank_topic"], flags)
        self.rank_intro = re.compile(d["rank_intro"], flags) if d.get("rank_intro") else None
        self.rank_with = re.compile(d["rank_with"], flags) if d.get("rank_with") else None
        self.rank_not_topic = re.compile(d["rank_not_topic"]) if d.get("rank_not_topic") else None
        self.rank_restates = re.compile(d["rank_restates"]) if d.get("rank_restates") else None
        self.rank_word = d.get("rank_word", "")
        self.empty_verbs = _words_in(d["empty_verbs"])
        self.skip_before = _words_in(d["skip_before_figure"])
        self.action_verbs = _words_in(d["action_verbs"])
        self.verb_like = re.compile(d["verb_like"], flags) if d.get("verb_like") else None
        self.participles = {k.lower(): v for k, v in d.get("participles", {}).items()}
        self.passive = re.compile(rf"^\s*(?:{phrase_regex(d['passive_auxiliaries'])})\s+"
                                  rf"(?P<verb>[^\W\d_][\w-]*(?:\s+[^\W\d_][\w-]*)?)", flags)
        self.tail_after_unit = bool(d.get("words_after_unit"))
        self.unit_then_tail = bool(d.get("tail_is_part_of_unit"))
        self.tail_cut = re.compile(d["tail_stop"], flags) if d.get("tail_stop") else None
        self.object_first = frozenset(d.get("object_first_kinds", []))
        self.dimension_before = {k.lower(): v for k, v in d.get("dimension_before", {}).items()}
        self.skip_after_unit = _words_in(d["skip_after_unit"])
        self.nominal_verbs = {" ".join(k.lower().split()): v for k, v in d.get("nominal_verbs", {}).items()}
        self.state_words = _words_in(d.get("state_words", []))
        self.past_forms = _words_in(d.get("irregular_past", []))
        self.verb_last_words = frozenset(v.split()[-1] for v in self.action_verbs | self.past_forms)
        self.place_prepositions = _words_in(d.get("place_prepositions", []))
        self.apposition = re.compile(d["apposition"])   # these run over lowered()
        self.change_words = {k.lower(): tuple(v) for k, v in d.get("change_words", {}).items()}
        self.change_verbs = {" ".join(k.lower().split()): v for k, v in d.get("change_verbs", {}).items()}
        self.noun_of = re.compile(d["noun_of_before"]) if d.get("noun_of_before") else None
        self.aside = re.compile(d["aside_start"], flags) if d.get("aside_start") else None
        self.percentage_of_things = re.compile(d["percentage_of_things"]) if d.get("percentage_of_things") else None
        self.change_before = re.compile(d["change_before"]) if d.get("change_before") else None
        self.comparison_after = re.compile(d["comparison_after"]) if d.get("comparison_after") else None
        self.from_before = re.compile(d["from_before"]) if d.get("from_before") else None
        self.from_word = d.get("from_word", "")   # the word from_before needs: a cheap test first
        self.participle_links = word_regex(d["participle_links"]) if d.get("participle_links") else None
        self.whole_after = re.compile(d["whole_after"])
        self.plan_words = _words_in(d["plan_words"])
        self.plan_template = tuple(d.get("plan_template", ()))
        self.plan_default_verb = d.get("plan_default_verb")
        self.pronouns = _words_in(d.get("pronouns", []))
        self.object_pronouns = _words_in(d.get("object_pronouns", []))
        self.conjunctions = _words_in(d.get("conjunctions", []))
        self.tail_stop_words = _words_in(d.get("tail_stop_words", []))
        self.state_phrases = tuple(sorted(_words_in(d.get("state_phrases", [])), key=len, reverse=True))
        self.verb_follows = _words_in(d.get("verb_follows", []))
        self.possessives = _words_in(d.get("possessives", []))
        self.has_words = _words_in(d.get("has_words", []))
        self.with_word = d.get("with_word", "with")
        self.not_tail_verbs = _words_in(d.get("not_tail_verbs", []))
        self.ing_verb = re.compile(d["ing_verb"]) if d.get("ing_verb") else None
        # "kiểm tra 96 tổ chức đảng và 215 đảng viên", "..., 215 đảng viên": coordinated figures,
        # matched over the lowered gap between them
        joins = phrase_regex(w.lower() for w in d.get("coordination", [])) if d.get("coordination") else "(?!)"
        self.coordination = re.compile(rf"\s*(?:,\s*)?{joins}\s*|\s*,\s*")
        self.attributive = re.compile(d["attributive_before"]) if d.get("attributive_before") else None
        self.not_a_noun = _words_in(d.get("not_a_noun", []))
        self.dimension = {k.lower(): v for k, v in d.get("dimension_of_unit", {}).items()}
        self.dimension_always = bool(d.get("dimension_always"))
        self.dimension_words = _words_in(d.get("dimension_words", []))
        self.verb_group = re.compile(d["verb_group"], flags) if d.get("verb_group") else None
        self.object_after = re.compile(d["object_after"]) if d.get("object_after") else None
        self.strip_leading = re.compile(rf"^(?:(?:{phrase_regex(d['leading_words'])})\s+)+", flags)
        self.cut_at = re.compile(rf"\s(?:{phrase_regex(d['tail_cut'])})(?=\s|$)", flags)
        self.clause_break = re.compile(d["clause_break"])
        self.label_before = bool(d.get("label_before"))
        self.label_words = int(d.get("label_max_words", 4))
        self.label_chars = int(d.get("label_max_chars", 40))
        self.label_after_unit = bool(d.get("label_after_unit"))
        self.verb_before_fallback = bool(d.get("verb_before_fallback"))
        self.aspect_words = _words_in(d.get("aspect_words", []))
        self.change_of_unit = bool(d.get("change_of_unit"))
        self.has_verbs = _words_in(d.get("has_verbs", []))
        self.singular_modifiers = bool(d.get("singular_modifiers"))
        self.not_plural = _words_in(d.get("not_plural", []))
        self.partitive_before = re.compile(d["partitive_before"]) if d.get("partitive_before") else None
        self.total_before = re.compile(d["total_before"]) if d.get("total_before") else None
        self.amount_before = re.compile(d["amount_before"]) if d.get("amount_before") else None
        self.amount_word = d.get("amount_word", "")
        self.amount_template = tuple(d.get("amount_template", ()))
        self.total_template = tuple(d.get("total_template", ()))
        self.total_word = d.get("total_word", "")   # a word total_before needs: a cheap test first
        self.target_words = (tuple(" ".join(w.lower().split()) for w in d["target_verbs"])
                             if d.get("target_verbs") else None)
        self.target_noun = d.get("target_noun", "")
        self.target_nouns = _words_in(d.get("target_nouns", []))
        self.not_object_start = _words_in(d.get("not_object_start", []))
        self.subject_across_figure = bool(d.get("subject_across_figure"))
        self.clause_break_words = tuple(w.lower() for w in d.get("clause_break_words", []))
        self.place_glue = re.compile(d["place_glue"], flags)
        self.stop_phrase = re.compile(d["phrase_stop"], flags)
        keys = load_patterns("measures", lang)
        self.keys = {" ".join(p.lower().split()): key for key, phrases in keys.items()
                     if not key.startswith("_") for p in phrases}
        self.longest_key = max((len(p.split()) for p in self.keys), default=0)

    def is_ing_verb(self, word: str) -> bool:
        """A lower-case word in -ing that is a verb where a counted figure's verb stands ("62 schools
        [using] ...", "handling 7 collectives"); not one of the words that only look like one."""
        return self.ing_verb is not None and word not in self.not_tail_verbs \
            and self.ing_verb.fullmatch(word) is not None


@functools.lru_cache(maxsize=None)
def _lexicon(lang: str) -> _Lexicon | None:
    try:
        return _Lexicon(lang)
    except (FileNotFoundError, ModuleNotFoundError, KeyError):
        return None


# --- phrases --------------------------------------------------------------------------------
def _lower_first(phrase: str) -> str:
    first = phrase.split()[0]
    if first[:1].isupper() and not first.isupper() and not any(c.isupper() for c in first[1:]):
        return first[:1].lower() + phrase[1:]
    return phrase


@functools.lru_cache(maxsize=16384)   # figures of one clause share their subject
def _clean(phrase: str, lex: _Lexicon, keep: str = "last") -> str | None:
    """A measure from raw words: places and other facts taken out with the words that attach them
    ("of <place>", "<place>'s", "của <place>"), cut before a place, time or qualifying phrase,
    without leading determiners; at most max_words words (the last ones, or the first: `keep`)."""
    phrase = lex.place_glue.sub(BLANK, phrase)
    phrase = _SPACE_RE.sub(" ", phrase)
    # what stands after the last blank that still leaves words (a blank is a boundary)
    parts = [p for p in re.split(rf"{BLANK}+", phrase) if _WORD_RE.search(p)]
    for part in (reversed(parts) if keep == "last" else parts):
        out = _clean_part(part, lex, keep)
        if out:
            return out
    return None


def _acronym(m: re.Match[str]) -> str:
    """"Foreign direct investment (FDI)" -> "FDI": the short name the article goes on to use, when
    the initials of the words before it spell it; else the words without the aside."""
    words, short = m.group(1).split(), m.group(2)
    initials = ""
    for k in range(len(words) - 1, -1, -1):
        if words[k].lower() in _ACRONYM_GLUE:
            continue
        initials = words[k][0].lower() + initials
        if initials == short.lower():
            return " ".join(words[:k] + [short]) + " "
        if not short.lower().endswith(initials):
            break
    return m.group(1)


def _clean_part(phrase: str, lex: _Lexicon, keep: str) -> str | None:
    phrase = _ACRONYM_RE.sub(_acronym, phrase)
    phrase = _PARENS_RE.sub(" ", phrase)   # any other aside: "the project (phase 1) is"
    phrase = phrase.strip(" ,;:()\"“”'.-")
    # leading words first: "trong đó chi đầu tư" must not be cut at its "trong"
    phrase = lex.strip_leading.sub("", phrase)
    m = lex.cut_at.search(" " + phrase)
    if m and m.start() == 0:
        # the phrase begins with what the cut is for ("Phường rút ngắn thời gian ..."): drop that
        # word, cut the rest
        phrase = (" " + phrase)[m.end():].strip()
        m = lex.cut_at.search(" " + phrase)
    if m:
        phrase = (" " + phrase)[:m.start()].strip()
    phrase = lex.strip_leading.sub("", phrase).strip(" ,;:()\"“”'")
    m = lex.stop_phrase.search(phrase)
    if m:
        phrase = phrase[:m.start()].strip(" ,;:")
    words = [w for w in phrase.split() if not any(c.isdigit() for c in w)]
    while words and words[-1].lower() in lex.skip_after_unit:
        words.pop()
    if not words:
        return None
    words = words[-lex.max_words:] if keep == "last" else words[:lex.max_words]
    return _lower_first(" ".join(words))


_last_text: tuple = (None, None, {})   # (text, lexicon, what was found in it) of the last text: its figures ask in turn


def _per_text(low: str, lex: _Lexicon) -> dict:
    global _last_text
    cached = _last_text   # one read: another thread may replace it, never half of it
    if cached[0] is low and cached[1] is lex:
        return cached[2]
    found: dict = {}
    _last_text = (low, lex, found)
    return found


def _clause_breaks(low: str, lex: _Lexicon) -> list[int]:
    found = _per_text(low, lex)
    breaks = found.get("breaks")
    if breaks is None:
        breaks = found["breaks"] = _find_clause_breaks(low, lex)
    return breaks


def _target_words(low: str, lex: _Lexicon) -> list[tuple[int, int, str]]:
    """(start, end, word) of the goal verbs in a lowered text, found once for all its figures."""
    found = _per_text(low, lex)
    targets = found.get("targets")
    if targets is None:
        targets = found["targets"] = find_phrases(low, lex.target_words or ())
    return targets


def _find_clause_breaks(low: str, lex: _Lexicon) -> list[int]:
    """Where clauses begin in a lowered text: after punctuation (one regex) and after the break
    words (str.find per word: a regex alternation of words costs four times as much)."""
    out = [m.end() for m in lex.clause_break.finditer(low)]
    out += [end for _, end, _ in find_phrases(low, lex.clause_break_words)]
    out.sort()
    return out


def _clause_start(text: str, start: int, sent_start: int, lex: _Lexicon) -> int:
    """Where the figure's clause begins: after the last clause break before it in its sentence
    (a break whose match ends at or before the figure), no further back than _REACH."""
    breaks = _clause_breaks(text, lex)
    i = bisect.bisect_right(breaks, start) - 1
    if i >= 0 and breaks[i] >= max(sent_start, start - _REACH):
        return breaks[i]
    return sent_start


def _last_words(text: str, lo: int, start: int, n: int) -> list[str]:
    """_WORD_RE.findall(text[lo:start])[-n:], reading only the last characters when they hold more
    than n words (a word cut at the window's start is then not among the last n)."""
    cut = max(lo, start - 12 * n)
    words = _WORD_RE.findall(text, cut, start)
    if cut > lo and len(words) <= n:
        words = _WORD_RE.findall(text, lo, start)
    return words[-n:]


# --- counted things ---------------------------------------------------------------------------
def _governing_verb(text: str, start: int, end: int, clause_start: int, lex: _Lexicon) -> str | None:
    """The verb of a counted figure: before it in its clause ("disciplined 15 ...", "đã kỷ luật 7 ..."),
    else a passive after it ("15 ... were disciplined"). Verbs may be several words ("tiếp nhận")."""
    before = [w.lower() for w in _last_words(text, clause_start, start, 8)]
    for n in (3, 2):
        verb = lex.nominal_verbs.get(" ".join(before[-n:])) if len(before) >= n else None
        if verb:
            return verb   # "expulsion of 1 Party member", "reprimands for 12"
    picked: list[str] = []
    i = len(before)
    while i > 0:
        for n in (3, 2, 1):
            if n > i:
                continue
            phrase = " ".join(before[i - n:i])
            if not phrase[0].isalpha():
                continue
            if phrase in lex.skip_before and not picked:
                kind = "skip"
            elif phrase in lex.action_verbs or (n == 1 and lex.verb_like is not None and (
                    lex.verb_like.fullmatch(phrase) or lex.is_ing_verb(phrase))):
                kind = "verb"
            elif phrase in lex.empty_verbs:
                kind = "empty"
            else:
                continue
            break
        else:
            break
        if kind == "empty":
            break
        if kind == "verb":
            picked.insert(0, phrase)
        i -= n
        if picked and kind == "skip":
            break
    if picked:
        return " ".join(lex.participles.get(w, w) for w in picked)
    m = lex.passive.match(text, end)
    if m and BLANK not in m.group("verb"):
        return m.group("verb").lower()
    nxt = re.match(r"[ \t]+([^\W\d_]+)", text[end:end + 40])
    if nxt and lex.verb_like is not None and lex.verb_like.fullmatch(nxt.group(1).lower()):
        return nxt.group(1).lower()   # "40/40 units reported"
    return None


def _after_unit(text: str, end: int, lex: _Lexicon, loose: bool = False) -> str | None:
    """What the counted things did or are, written after them: "312/340 hộ [đã nhận tiền bồi thường]",
    "36 cases [still under consideration]": up to max_words words before punctuation or a blank.
    `loose`: the things are a percentage's whole ("98.2% of rural households [now have access to
    clean water]"), where whatever the clause says of them is what is measured."""
    m = re.match(r"[ \t]*((?:[^\W\d_][\w'’-]*)(?:[ \t]+[^\W\d_][\w'’-]*)*)", text[end:end + 80])
    if not m:
        return None
    phrase = m.group(1)
    if lex.tail_cut is not None:
        phrase = lex.tail_cut.split(" " + phrase, 1)[0]
    words = phrase.split()
    if words and words[0].lower() in lex.conjunctions:
        return None   # "212 vehicles [and opened five markets]": what comes next is not about them
    placed = bool(words) and words[0].lower() in lex.place_prepositions
    skipped: list[str] = []
    while words and words[0].lower() in lex.skip_after_unit:
        skipped.append(words.pop(0).lower())
    verb_like = lex.verb_like
    if verb_like is not None:
        # only what the counted things did or are: a verb first ("[are] admitted every day"), after
        # a phrase that places them ("within his jurisdiction [have been] reviewed"), or a state
        # ("still under consideration"); no further than the next conjunction
        def is_verb(w: str) -> bool:
            low = w.lower()
            return low in lex.action_verbs or low in lex.past_forms \
                or bool(verb_like.fullmatch(low)) or (w[:1].islower() and lex.is_ing_verb(low))
        if words and words[0].lower() in lex.state_words:
            return " ".join(words[:4])
        lowered_words = " ".join(words).lower() + " "
        state = next((p for p in lex.state_phrases if lowered_words.startswith(p + " ")), None)
        if state:
            return state   # "22 [are under construction]", "four items [were behind schedule]"
        if skipped and words and words[0].lower() in lex.possessives and skipped[-1] in lex.has_words:
            # "27 projects had [their certificates revoked]" -> "with certificates revoked"
            at = next((i for i, w in enumerate(words[1:4], 1) if is_verb(w)), None)
            if at is not None:
                return " ".join([lex.with_word, *words[1:at + 1]])
        # after a modal or "had to" the next word is a verb whatever its form: "30,000 apartments
        # will be [launched]", "150 enterprises in the sector had to [cut working hours]"
        after_modal = bool(skipped) and _ends_with_phrase(skipped, lex.verb_follows)
        while loose and words and words[0].lower() in lex.state_words:
            words.pop(0)
        if placed or (words and words[0].lower() in lex.place_prepositions):
            # "86 households [on 1.2 ha] have not yet moved": the verb, with the state words before it
            at = next((i for i, w in enumerate(words[:7]) if is_verb(w) or (
                i and _ends_with_phrase([x.lower() for x in words[:i]], lex.verb_follows))), None)
            after_modal = at is not None and not is_verb(words[at])
            while at and words[at - 1].lower() in lex.state_words:
                at -= 1
            words = words[at:] if at is not None else []
        while loose and words and words[0].lower() in lex.skip_after_unit:
            words.pop(0)
        # an adverb may come first: "nine had [illegally leased] their land"
        adverb = len(words) > 1 and words[0].lower().endswith("ly") and is_verb(words[1])
        if not words or not (loose or adverb or after_modal or is_verb(words[0])
                             or (placed and words[0].lower() in lex.state_words)):
            return None
        cut = next((i for i, w in enumerate(words[1:], 1) if w.lower() in lex.tail_stop_words), len(words))
        words = words[:min(cut, 5)]
    words = words[:lex.max_words - 1]
    while words and words[-1].lower() in lex.skip_after_unit:
        words.pop()
    return " ".join(words) or None


def _ends_with_phrase(words: list[str], phrases: frozenset[str]) -> bool:
    """Whether the words end with one of the phrases, "be"/"been" after it allowed."""
    while words and words[-1] in ("be", "been"):
        words = words[:-1]
    return any(" ".join(words[-n:]) in phrases for n in (1, 2) if len(words) >= n)


def _words_before_as_verb(text: str, start: int, clause_start: int, lex: _Lexicon) -> str | None:
    """The words right before a counted figure, as its verb when no listed verb governs it
    ("tạm giữ 96 xe máy", "phát triển thêm 412 người"): back from the figure over the words that
    stand between a verb and its object ("cho", "đối với"), up to four words, stopping at a blank,
    a name, punctuation or an aspect word ("đã"); none after a verb that says nothing ("có")."""
    words = _WORD_RE.findall(text[clause_start:start])[-8:]
    while words:
        if " ".join(words[-2:]).lower() in lex.skip_before:
            del words[-2:]
        elif words[-1].lower() in lex.skip_before:
            words.pop()
        else:
            break
    if not words or words[-1].lower() in lex.empty_verbs:
        return None
    out: list[str] = []
    for w in reversed(words):
        low = w.lower()
        if w[:1].isupper() and out:
            pair = f" {low} {out[0]}"
            m = lex.cut_at.match(pair)
            if m and m.end() == len(pair):
                out.pop(0)   # "Thành phố lắp thêm": the rest of "Thành phố" is not the verb
        if BLANK in w or w[:1].isupper() or low in lex.aspect_words or low in lex.skip_before \
                or low in lex.empty_verbs or len(out) == 4:
            break
        out.insert(0, low)
    return " ".join(out) or None


def _owner(text: str, start: int, clause_start: int, lex: _Lexicon) -> str | None:
    """What has the counted things, when a verb of having stands right before them ("đàn bò sữa
    có 10.000 con"): the subject before that verb, if it is not a place."""
    words = _last_words(text, clause_start, start, 8)
    while words and words[-1].lower() in lex.skip_before:
        words.pop()
    if not words or words[-1].lower() not in lex.has_verbs:
        return None
    at = text.rfind(words[-1], clause_start, start)
    return _subject(text[clause_start:at], lex) if at > clause_start else None


def _counted(text: str, start: int, end: int, unit: str, clause_start: int, lex: _Lexicon,
             loose: bool = False) -> str:
    verb = _governing_verb(text, start, end, clause_start, lex)
    if verb is None and lex.verb_before_fallback:
        verb = _words_before_as_verb(text, start, clause_start, lex)
    if lex.unit_then_tail:
        # "ghi nhận 1.092 ca mắc sốt xuất huyết": the words after the unit belong to it
        tail = _after_unit(text, end, lex)
        unit = f"{unit} {tail}" if tail else unit
        if verb is None and tail is None and lex.has_verbs:
            owner = _owner(text, start, clause_start, lex)
            if owner:
                unit = f"{unit} {owner}"   # "đàn bò sữa có hơn 10.000 con" -> "con đàn bò sữa"
    if verb:
        return f"{unit} {verb}" if lex.unit_first else f"{verb} {unit}"
    tail = _after_unit(text, end, lex, loose) if lex.tail_after_unit and not lex.unit_then_tail else None
    return f"{unit} {tail}" if tail else unit


def _done(low: str, start: int, clause_start: int, lex: _Lexicon) -> str | None:
    """The action verb last named before a figure in its clause (in past form), else the default."""
    words = _last_words(low, clause_start, start, 20)
    for i in range(len(words), 0, -1):
        if words[i - 1] not in lex.verb_last_words:
            continue
        for n in (3, 2, 1):   # verbs may be several words ("xử phạt")
            w = " ".join(words[max(0, i - n):i])
            if (w in lex.action_verbs or w in lex.past_forms) and not (i > n and words[i - n - 1] in lex.plan_words):
                return lex.participles.get(w, w)   # not "the plan [assigned] by the city"
    return lex.plan_default_verb


def _verb_before(text: str, start: int, clause_start: int, lex: _Lexicon) -> str | None:
    """The last few words before a figure in its clause, as its verb ("dồn điền đổi thửa được")."""
    words = [w for w in _WORD_RE.findall(text[clause_start:start]) if BLANK not in w]
    while words and words[-1].lower() in lex.skip_before:
        words.pop()
    out: list[str] = []
    for w in reversed(words[-4:]):
        if w.lower() in lex.skip_after_unit or w[:1].isupper():
            break
        out.insert(0, w)
    return " ".join(out) or None


# --- subjects -------------------------------------------------------------------------------
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


# --- the rules ------------------------------------------------------------------------------
def _rank(text: str, low: str, start: int, end: int, sent_start: int, sent_end: int,
          lex: _Lexicon, previous: tuple | None = None) -> str | None:
    if previous is not None and previous[1]:
        gap = low[previous[0]:start]
        if lex.rank_restates is not None and lex.rank_restates.fullmatch(gap):
            # "ranked second and third", "ranked 9th in 2024, up from 21st": the same ranking;
            # "the index reached 89.72%, ranked 12th/30": the ranking of what the figure measured
            measure = previous[1]
            if lex.rank_word not in measure:
                measure = _phrase(lex.rank_template, lex=lex, topic=measure)
            return measure
    after = text[end:sent_end]
    m = lex.rank_topic.search(after[:120])
    topic = _clean(m.group("topic"), lex, keep="first") if m else None
    if topic is not None and lex.rank_not_topic is not None and lex.rank_not_topic.match(topic.lower()):
        topic = None   # "ranked first for the sixth year in a row": when, not what
    if topic is None and lex.rank_with is not None:
        m = lex.rank_with.search(after[:80])   # "ranked 1st with a disbursement rate of 82.4%"
        topic = _clean(m.group("topic"), lex, keep="first") if m else None
    if topic is None and lex.rank_intro is not None:
        m = lex.rank_intro.search(text, sent_start, start)
        topic = _clean(m.group("topic"), lex, keep="first") if m else None
    if topic is None:
        clause = _clause_start(low, start, sent_start, lex)
        topic = _subject(text[clause:start], lex)
        if topic and topic[:1].isupper():
            topic = None   # the ranked unit's name, not what it is ranked on
    return _phrase(lex.rank_template, lex=lex, topic=topic)


def _attributive(text: str, low: str, start: int, end: int, kind: str, fields: dict,
                 lex: _Lexicon) -> str | None:
    """"a 15% increase in respiratory patients", "the 58.2-km section": the noun after the figure."""
    if lex.attributive is None or not lex.attributive.search(low[max(0, start - 12):start]):
        return None
    m = re.match(r"[\s-]+([^\W\d_][\w'’-]*(?:\s+[^\W\d_][\w'’-]*){0,2})", text[end:end + 60])
    if not m:
        return None
    words = m.group(1).split()
    noun: list[str] = []
    for w in words:
        if w.lower() in lex.not_a_noun or (lex.verb_like is not None and lex.verb_like.fullmatch(w.lower())):
            break
        noun.append(w)
    if not noun:
        return None
    phrase = " ".join(noun)
    rest = text[end + m.start(1) + len(phrase):end + 100]
    of = re.match(r"\s+(?:in|of)\s+((?:[^\W\d_][\w'’-]*\s*){1,3})", rest)
    if of and kind == "percentage":
        target = _clean(of.group(1), lex, keep="first")
        if target:
            return f"{target} {phrase}"
    dim = lex.dimension.get((fields.get("unit") or "").lower())
    if kind == "quantity" and dim and dim not in phrase.lower():
        phrase = f"{phrase} {dim}"
    return _lower_first(phrase)


def _whole(text: str, low: str, end: int, sent_end: int, lex: _Lexicon) -> tuple[str, int] | None:
    """What a percentage is a share of, written after it ("of its area", "diện tích đất cần thu
    hồi"), up to a verb; and where it ends."""
    m = lex.whole_after.match(low, end, sent_end)
    if not m:
        return None
    stop = m.end("whole")
    for w in re.finditer(r"[^\W\d_][\w'’-]*", low[m.start("whole"):m.end("whole")]):
        low = w.group().lower()
        if low in lex.empty_verbs and low not in ("of", "and", "của", "và") or low in lex.action_verbs \
                or (lex.verb_like is not None and lex.verb_like.fullmatch(low)):
            stop = m.start("whole") + w.start()
            break
    whole = _clean(text[m.start("whole"):stop], lex, keep="first")
    return (whole, stop) if whole else None


def measure_of(text: str, start: int, end: int, kind: str, fields: dict[str, Any],
               sent_start: int, sent_end: int, lang: str,
               previous: tuple | None = None, low: str | None = None) -> str | None:
    """`text`: the sentence's text with other facts and places blanked (BLANK); `previous`: the
    end, measure and (of a count or ratio) unit of the figure before this one in its sentence
    ("Of the 27 organizations, nine had ..." counts organizations); `low`: lowered(text), which
    the caller computes once for all the figures of a text."""
    measure = _measure_of(text, start, end, kind, fields, sent_start, sent_end, lang, previous, low)
    lex = _lexicon(lang)
    if lex is not None and lex.target_words is not None and kind != "rank":
        measure = _as_target(measure, lowered(text) if low is None else low, start, sent_start, lex)
    if measure and kind == "quantity" and lex is not None and lex.dimension_always:
        measure = _with_dimension(measure, kind, fields.get("unit"), lex)
    return measure


def _measure_of(text: str, start: int, end: int, kind: str, fields: dict[str, Any],
                sent_start: int, sent_end: int, lang: str,
                previous: tuple | None, low: str | None) -> str | None:
    lex = _lexicon(lang)
    if lex is None:
        return None
    if low is None:
        low = lowered(text)
    if kind == "rank":
        return _rank(text, low, start, end, sent_start, sent_end, lex, previous)
    clause_start = _clause_start(low, start, sent_start, lex)
    gap = low[previous[0]:start] if previous is not None else ""   # (only read with a previous)
    restated = previous is not None and previous[1] and lex.apposition.fullmatch(gap)
    unit = fields.get("unit")
    lo = max(clause_start, start - _REACH, previous[0] if previous else 0)
    before, low_before = text[lo:start], low[lo:start]
    tail_at = max(0, len(before) - 30)
    share = _linking_verb(low, lo + tail_at, start, lex.share_verbs) if kind == "percentage" else None
    if share is not None:
        subject = previous[1] if restated and previous is not None else _subject(before[:tail_at + share[0]], lex)
        whole = _whole(text, low, end, sent_end, lex)
        return _phrase(lex.share_template, lex=lex, subject=subject, whole=whole[0] if whole else None)
    if not restated and kind == "percentage" and previous is not None and previous[1] \
            and lex.change_before is not None \
            and _tail_search(lex.change_before, low[max(sent_start, start - 16):start], 16) is not None:
        # "hit a record 4,835 MW at 14:00 on June 2, up 11.6%": its change (the comma may end the clause)
        restated = True
        gap = low[max(sent_start, start - 16):start]
    if not restated and kind == "percentage" and previous is not None and previous[1] \
            and lex.comparison_after is not None and _COMMA_GAP_RE.fullmatch(gap):
        m = lex.comparison_after.match(low, end, sent_end)
        if m:   # "VND 45-55 million per m2, 18,5% higher than at the beginning of 2024"
            return _phrase(lex.change_words.get(m.group(1), ("{base}",)), lex=lex, base=previous[1])
    if restated and kind == "percentage" and lex.plan_template:
        whole = _whole(text, low, end, sent_end, lex)
        if whole and whole[0].split()[-1].lower() in lex.plan_words:
            # "VND 25.7 trillion, equal to 38.5% of the plan": the share of the plan, not the money
            return _phrase(lex.plan_template, lex=lex, whole=whole[0], verb=_done(low, start, clause_start, lex))
    if not restated and kind in ("percentage", "money", "quantity") and previous is not None and previous[1] \
            and (len(previous) < 3 or not previous[2]) and lex.coordination.fullmatch(gap):
        return previous[1]   # "lagged behind with 68% and 71% respectively": one measure for both
    if restated and previous is not None:   # (restated says there is a previous)
        words = re.findall(r"[^\W\d_]+", gap)
        change = None
        if words and kind == "percentage" and words[-1] != lex.from_word:   # "up from 5%": its old value
            # ", an increase of 45.3%", ", up 11.6%": the word of change, wherever in the gap
            change = next((lex.change_words[w] for w in reversed(words) if w in lex.change_words), None)
        if change:
            # the change of a count is the change of the things it counts ("24.1 million visitors,
            # up 27.6%" -> "visitor growth"), not of what was done to them
            base = previous[2] if len(previous) > 2 and previous[2] and lex.change_of_unit else previous[1]
            return _phrase(change, lex=lex, base=base)
        return previous[1]
    if kind == "money" and lex.amount_before is not None and lex.amount_word in low_before[-24:] \
            and lex.amount_before.search(low_before[-40:]):
        # "xử phạt 41 cơ sở với tổng số tiền 628 triệu đồng": the money of what was done
        return _phrase(lex.amount_template, lex=lex, verb=_done(low, start, clause_start, lex))
    total = _raised_total(low_before, before, kind, unit, lex) if lex.total_before is not None else None
    if total:
        return total
    label = _label(text, start, clause_start, lex) if lex.label_before else None
    if label:
        act = _verb_before(text, start, clause_start, lex)
        if lex.label_after_unit and kind in ("count", "ratio") and unit and unit != "percentage_points" and not act:
            label = f"{unit} {label}"   # "- Sử dụng vật liệu dễ cháy: 35 cơ sở" -> "cơ sở sử dụng vật liệu dễ cháy"
        return f"{label} {act}" if act else label
    if kind == "count" and not unit and previous is not None and len(previous) > 2 and previous[2]:
        return _counted(text, start, end, previous[2], clause_start, lex, loose=True)
    if kind in ("count", "ratio") and unit and unit != "percentage_points":
        shared = _coordinated_verb(gap, previous, lex) if previous is not None else None
        if shared and _governing_verb(text, start, end, clause_start, lex) is None \
                and (lex.unit_then_tail or _after_unit(text, end, lex) is None):
            # "kiểm tra 96 tổ chức đảng và 215 đảng viên": the verb of the first serves both
            return f"{unit} {shared}" if lex.unit_first else f"{shared} {unit}"
        return _counted(text, start, end, unit, clause_start, lex)
    if kind == "percentage":
        whole = _whole(text, low, end, sent_end, lex)
        if whole and whole[0].lower() in lex.pronouns:
            if previous is not None and len(previous) > 2 and previous[2]:
                # "about 100 patients are admitted every day, 15 per cent of them with warning
                # signs": a share of the things the figure before counted
                return _counted(text, start, whole[1], previous[2], clause_start, lex, loose=True)
            whole = None
        if whole and lex.plan_template and whole[0].split()[-1].lower() in lex.plan_words:
            # "disbursed VND 25.7 trillion, equal to 38.5% of the plan": how much of the plan was done
            return _phrase(lex.plan_template, lex=lex, whole=whole[0], verb=_done(low, start, clause_start, lex))
        if whole and whole[0].lower() not in lex.plan_words and whole[0].split()[0].lower() not in lex.plan_words:
            return _counted(text, start, whole[1], whole[0], clause_start, lex, loose=True)
        if lex.partitive_before is not None and previous is not None and len(previous) > 2 and previous[2] \
                and lex.partitive_before.search(low_before[-24:]):
            # "received 1.26 million dossiers, of which 99.2% were settled on time"
            return _counted(text, start, end, previous[2], clause_start, lex, loose=True)
        m = lex.percentage_of_things.match(low, end, sent_end) if lex.percentage_of_things else None
        if m:   # "over 20 per cent are women"
            things = _clean(text[m.start("things"):m.end("things")], lex, keep="first")
            if things:
                return things
    noun = _attributive(text, low, start, end, kind, fields, lex)
    if noun:
        return noun
    if lex.from_before is not None:
        at = _tail_search(lex.from_before, low_before, 48) if lex.from_word in low_before[-48:] else None
        # "the average stay has been cut from 8.5 days"
        if at is not None:
            thing = _object_np(before[:at], lex)
            if thing:
                return thing
    if lex.participle_links is not None:
        at = _tail_search(lex.participle_links, low_before, 32, at_end=True)   # "parks covering 1,573 ha"
        if at is not None:
            thing = _object_np(before[:at], lex)
            if thing is None and previous is not None and len(previous) > 2 and previous[2] \
                    and lo == previous[0] and not before[:at].strip():
                thing = previous[2]   # "nine industrial parks covering 1,573 ha": what the count before counted
            if thing:
                return _with_dimension(thing, kind, unit, lex)
    if lex.dimension_before:
        words = re.findall(r"[^\W\d_]+", before[-16:].lower())
        # the last two words first: "kéo dài 30 tháng" lasts, "dài 14,6 km" is long
        last = " ".join(words[-2:]) if " ".join(words[-2:]) in lex.dimension_before else (words[-1] if words else "")
        dim = lex.dimension_before.get(last) if last else None
        if dim:
            subject = _subject(before[:before.lower().rfind(last)], lex)
            thing = _object_after(text, low, end, sent_end, lex) if any("{object}" in p for p in dim) else None
            return _phrase(tuple(dim), lex=lex, subject=subject, object=thing)   # "scored 87 points in the PAR Index"
    if kind in lex.object_first:
        thing = _object_after(text, low, end, sent_end, lex)
        if thing:
            act = _verb_before(text, start, max(clause_start, previous[0] if previous else 0), lex)
            return f"{thing} {act}" if act else thing
    if lex.noun_of is not None:
        cut = max(0, len(low_before) - 64)   # the pattern ends at the figure: search its tail only
        m = lex.noun_of.search(low_before, cut)   # "a total investment of", "a deposit of"
        if m:
            noun = _clean(before[m.start("noun"):m.end("noun")], lex)
            if noun:
                return noun
    verb = _linking_verb(low, lo, start, lex.linking_verbs)
    if verb is not None:
        subject = _subject(before[:verb[0]], lex)
        if subject is None and lex.subject_across_figure and previous is not None \
                and lo == previous[0] and lo > clause_start:
            # the figure before stands in the subject ("The total investment for the six
            # complexes is estimated at"): read the subject across it
            wide = max(clause_start, start - _REACH)
            subject = _subject(text[wide:lo + verb[0]], lex)
        if subject and kind == "percentage" and verb[1] in lex.change_verbs:
            # "GRDP grew by 6.52%": a percentage after a verb of change is the change of its subject
            return _phrase(tuple(lex.change_verbs[verb[1]]), lex=lex, base=subject)
        if subject:
            return subject
    if lex.object_after is not None:
        thing = _object_after(text, low, end, sent_end, lex)
        if thing:
            act = _governing_verb(text, start, end, clause_start, lex)
            return f"{thing} {act}" if act and lex.unit_first else thing
    subject = _subject(re.sub(r"\s*(?:of|là|:)\s*$", "", before), lex)
    if subject and lex.verb_group is not None:
        # no linking verb: the subject ends where its verb group begins ("the project [will be built]")
        subject = lex.verb_group.split(" " + subject, 1)[0].strip() or None
    return _with_dimension(subject, kind, unit, lex) if subject else None


def _object_after(text: str, low: str, end: int, sent_end: int, lex: _Lexicon) -> str | None:
    """What money or a quantity is of, written after it ("$2.9 billion in FDI", "53.350 ha đất"):
    not a pronoun ("80 percent of them") nor words that begin something else ("... đang được thí
    điểm", "... tùy vị trí")."""
    m = lex.object_after.match(low, end, sent_end) if lex.object_after is not None else None
    if m is None:
        return None
    raw_first = m.group("object").split()[0]
    if raw_first in lex.not_object_start:
        return None   # before cleaning: "do sai phạm" must not become "sai phạm"
    thing = _clean(text[m.start("object"):m.end("object")], lex, keep="first")
    if thing is None:
        return None
    first = thing.split()[0].lower()
    if first in lex.object_pronouns or first in lex.not_object_start:
        return None
    return thing


def _as_target(measure: str | None, low: str, start: int, sent_start: int, lex: _Lexicon) -> str | None:
    """"the city targets 26 million visitors", "aims to raise the area to 1,200 ha": a figure set as a
    goal measures its target ("visitors target"); the words up to the goal verb are not part of it."""
    targets = _target_words(low, lex)
    if not targets:
        return measure
    i = bisect.bisect_right(targets, (start,)) - 1   # the last goal verb that begins before the figure
    while i >= 0 and targets[i][1] > start:
        i -= 1
    if i < 0 or targets[i][0] < max(sent_start, start - 80):
        return measure
    goal = targets[i][2]
    words = (measure or "").split()
    at = next((i for i, w in enumerate(words) if w.lower() == goal), None)
    if at is not None:
        words = words[at + 1:]   # "city targets growth" -> "growth"
    if any(w.lower() in lex.target_nouns for w in words):
        return measure   # "digital transformation targets completed" says it already
    return " ".join(([_modifier(" ".join(words), lex)] if words else []) + [lex.target_noun])


def _with_dimension(phrase: str, kind: str, unit: str | None, lex: _Lexicon) -> str:
    """"industrial parks" + ha -> "industrial parks area": what a quantity's unit measures."""
    dim = lex.dimension.get((unit or "").lower()) if kind == "quantity" else None
    if not dim or dim in phrase or phrase.split()[-1].lower() in lex.dimension_words:
        return phrase   # "a width of 26.5 m" says its dimension already
    return f"{_modifier(phrase, lex)} {dim}"


def _object_np(before: str, lex: _Lexicon) -> str | None:
    """The noun phrase that ends `before`, after its last verb group ("Hanoi has also asked the
    Ministry to [shorten the appraisal time of the design]", "[the rice area] has shrunk")."""
    if lex.verb_group is None:
        return _subject(before, lex)
    parts = lex.verb_group.split(" " + before)
    # the last part with words, unless it is only the verb of the part before it
    for part in reversed(parts):
        phrase = _subject(part, lex)
        if phrase and not (lex.verb_like is not None and " " not in phrase
                           and (lex.verb_like.fullmatch(phrase.lower()) or phrase.lower() in lex.action_verbs)):
            return phrase
    return None


@functools.lru_cache(maxsize=8192)   # measures repeat ("Party members disciplined")
def measure_key(measure: str | None, lang: str) -> str | None:
    lex = _lexicon(lang)
    if lex is None or not measure:
        return None
    words = measure.lower().split()
    # the longest lexicon phrase among the measure's runs of words, the earliest first
    for n in range(min(lex.longest_key, len(words)), 0, -1):
        for i in range(len(words) - n + 1):
            key = lex.keys.get(" ".join(words[i:i + n]))
            if key:
                return key
    return None
