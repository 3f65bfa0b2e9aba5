"""Counted things and what happened to them: the verb that governs a count (before it, a passive
after it, or in Vietnamese the words right before it), what the things did written after them,
what has them, and the action verb a figure of money or a plan was done by."""
from __future__ import annotations

import re

from extractors.measure.lexicon import _WORD_RE, BLANK, _Lexicon
from extractors.measure.phrases import _last_words
from extractors.measure.qualified import _qualifier
from extractors.measure.subjects import _modifier, _subject

def _governing_verb(text: str, start: int, end: int, clause_start: int, lex: _Lexicon) -> str | None:
    """The verb of a counted figure: before it in its clause ("disciplined 15 ...", "đã kỷ luật 7 ..."),
    else a future passive or a verb right after it ("3,000 graves to be relocated", "40/40 units
    reported"; a passive after the unit is _after_unit's). Verbs may be several words ("tiếp nhận")."""
    before = [w.lower() for w in _last_words(text, clause_start, start, 8)]
    clause = (text, clause_start, start)
    for n in (3, 2):
        verb = lex.nominal_verbs.get(" ".join(before[-n:])) if len(before) >= n else None
        if verb:
            return verb   # "expulsion of 1 Party member", "reprimands for 12"
    picked: list[str] = []
    first = len(before)   # where the first picked verb begins
    i = len(before)
    while i > 0:
        for n in (3, 2, 1):
            if n > i:
                continue
            phrase = " ".join(before[i - n:i])
            if not phrase[0].isalpha():
                continue
            if (phrase in lex.skip_before or phrase in lex.counted_skip_before) and not picked:
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
            first = i - n
        i -= n
        if picked and kind == "skip":
            break
    if not picked and lex.to_word and i >= 2 and before[i - 2] == lex.to_word and before[i - 1].isalpha() \
            and before[i - 1] not in lex.empty_verbs and before[i - 1] not in lex.skip_before \
            and not _done_before_to(before, i - 2, lex, clause):
        return f"{lex.to_word} {before[i - 1]}"   # "to audit nine clinics": after "to", a verb
    if not picked and lex.counted_modals and i >= 2 and before[i - 1].isalpha() \
            and (before[i - 2] in lex.counted_modals
                 or (i >= 3 and before[i - 2] in lex.counted_skip_adverbs and before[i - 3] in lex.counted_modals)) \
            and before[i - 1] not in lex.empty_verbs and before[i - 1] not in lex.skip_before \
            and before[i - 1] not in lex.counted_auxiliaries:
        # "will [also] open 10 more stores": after a modal, a verb, with its particle ("will hand
        # over 16 ha": a qualifier would stand in the figure)
        particle = [before[i]] if i < len(before) and before[i] in lex.counted_particles else []
        return " ".join([lex.to_word, before[i - 1], *particle])
    if picked:
        lead = (before[first - 1], " ".join(before[max(0, first - 2):first])) if first > 0 else ()
        if lex.future_before and any(w in lex.future_before for w in lead) \
                and not _done_before_to(before, first - 1, lex, clause):
            # "will inspect five Party organizations", "to supervise eight communes": what is to be
            # done, the verb as written ("Party organizations to inspect")
            return " ".join([lex.to_word, *picked])
        return " ".join(lex.participles.get(w, w) for w in picked)
    m = lex.future_passive.match(text, end) if lex.future_passive is not None else None
    if m and BLANK not in m.group("verb"):
        return f"{lex.future_passive_word} {m.group('verb').lower()}"   # "3,000 graves to be relocated"
    nxt = re.match(r"[ \t]+([^\W\d_]+)", text[end:end + 40])
    if nxt and lex.verb_like is not None and lex.verb_like.fullmatch(nxt.group(1).lower()):
        predicate = _qualifier(text, end, lex, "predicate") if lex.counted_qualifiers else None
        # "40/40 units reported", unless the participle qualifies them and the predicate comes
        # later ("147 households [registered under the program] have received support")
        return predicate or nxt.group(1).lower()
    return None


def _dative_verb(text: str, start: int, clause_start: int, lex: _Lexicon) -> str | None:
    """"issued green passes to 212 vehicles", "approved the personnel plans for 72/72 Party
    organizations": what the things were given, the verb and its object before "to" or "for"
    ("vehicles issued green passes")."""
    if not any(f" {w} " in text[max(clause_start, start - 40):start] for w in lex.counted_datives):
        return None   # most figures have none: a find before the words
    words = [w.lower() for w in _last_words(text, clause_start, start, 8)]
    while words and words[-1] in lex.skip_before and words[-1] not in lex.counted_datives:
        words.pop()   # "to more than 14,600 ..."
    if len(words) < 3 or words[-1] not in lex.counted_datives:
        return None
    obj: list[str] = []
    for i in range(len(words) - 2, max(-1, len(words) - 6), -1):
        w = words[i]
        if w in lex.action_verbs or w in lex.past_forms or (lex.verb_like is not None and lex.verb_like.fullmatch(w)):
            if not obj or i and (words[i - 1] in lex.future_before or words[i - 1] == lex.to_word):
                return None   # "to review 3,400 households": what is to be done is the verb's own rule
            return " ".join([lex.participles.get(w, w), *obj])
        if BLANK in w or not w[:1].isalpha() or w in lex.empty_verbs or w in lex.counted_not_objects:
            return None   # ("jumped thanks to", "sold them to"): no object the things were given
        if w not in lex.counted_dropped:
            obj.insert(0, w)
        if len(obj) > 3:
            return None
    return None


def _done_before_to(before: list[str], at: int, lex: _Lexicon, clause: tuple[str, int, int]) -> bool:
    """Whether the "to" at before[at] follows a past verb ("farmers had to destroy", "were forced to
    close"), or a noun or object of a clause whose own verb is past with no modal ("issued a decision
    to establish 3 delegations", "assigned the district to perform 155 tasks"): what was done then,
    not what is yet to be done ("will ... set up two delegations to supervise eight communes")."""
    if at < 1 or before[at] != lex.to_word:
        return False
    word = before[at - 1]
    if word in lex.has_words or word in lex.past_forms \
            or (lex.verb_like is not None and lex.verb_like.fullmatch(word) is not None):
        return True
    # the clause's words before the "to", up to 16 back (before holds the last 8 before the figure)
    wider = [w.lower() for w in _last_words(*clause, 16)]
    words = wider[:len(wider) - len(before)] + before[:at - 1]
    if any(w in lex.future_before and w != lex.to_word for w in words):
        return False
    return any(w in lex.past_forms or (lex.verb_like is not None and w.endswith("ed")
                                       and lex.verb_like.fullmatch(w) is not None) for w in words)


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
            return low in lex.action_verbs or low in lex.past_forms or low in lex.present_verbs \
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
    # what leads into the next figure is none of it ("had received [a total of VND] 6,720 billion")
    while words and (words[-1].lower() in lex.skip_after_unit or words[-1].lower() in lex.before_next_figure):
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
    if lex.counted_before_adjectives and not loose:
        unit = _adjective_before(text, start, clause_start, unit, lex)
    verb = _governing_verb(text, start, end, clause_start, lex)
    if verb is None and lex.counted_datives:
        verb = _dative_verb(text, start, clause_start, lex)
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
        if lex.counted_qualifiers and not loose:
            which = _qualifier(text, end, lex, "modifier")
            verb = f"{verb} {which}" if which else verb   # "held 154 dialogues with residents"
        return f"{unit} {verb}" if lex.unit_first else f"{verb} {unit}"
    qualify = lex.counted_qualifiers and not loose
    # "86 households on 1.2 ha have not yet moved": the predicate later in the clause first
    tail = _qualifier(text, end, lex, "predicate") if qualify else None
    if tail is None and lex.tail_after_unit and not lex.unit_then_tail:
        tail = _after_unit(text, end, lex, loose)
    if tail is None and qualify:
        tail = _qualifier(text, end, lex)   # "two patients have died", "five districts with the most cases"
    if tail is None and qualify and lex.counted_owner_verbs:
        owner = _owner_of(text, start, clause_start, lex)
        if owner:
            return f"{owner} {unit}"   # "the hospital has only 3,200 beds" -> "hospital beds"
    return f"{unit} {tail}" if tail else unit


def _owner_of(text: str, start: int, clause_start: int, lex: _Lexicon) -> str | None:
    """What has the counted things when a verb of having stands before them ("the hospital has only
    3,200 beds"): its subject as a modifier ("hospital"), unless it is a place, a pronoun, a name
    or longer than a few words."""
    words = _last_words(text, clause_start, start, 8)
    while words and (words[-1].lower() in lex.skip_before or words[-1].lower() in lex.counted_skip_before):
        words.pop()
    if not words:
        return None
    n = 2 if len(words) > 1 and f"{words[-2]} {words[-1]}".lower() in lex.counted_owner_verbs else 1
    if " ".join(words[-n:]).lower() not in lex.counted_owner_verbs:
        return None
    while len(words) > n and (words[-n - 1].lower() in lex.counted_skip_adverbs
                              or words[-n - 1].lower() in lex.state_words or words[-n - 1].lower().endswith("ly")):
        n += 1   # "the hospital [now] has"
    rest = words[:-n]
    if not rest or BLANK in rest[-1] or not rest[-1][:1].isalpha() or rest[-1][:1].isupper():
        return None
    at = text.rfind(words[-n], clause_start, start)
    before = text[clause_start:at].rstrip() if at > clause_start else ""
    if not before or before[-1] in ",;:()":
        return None   # ("the line, of which 8.5 km runs underground, will have"): no plain subject
    owner = _subject(before, lex)
    last = owner.split()[-1].lower() if owner else ""
    if not owner or last in lex.counted_not_modifiers or last in lex.pronouns or last in lex.object_pronouns \
            or last in lex.subject_pronouns or len(owner.split()) > 4:
        return None
    return _modifier(owner, lex)


def _adjective_before(text: str, start: int, clause_start: int, unit: str, lex: _Lexicon) -> str:
    """"the remaining 12 petitions", "the other 20 districts": a word before the figure that says
    which of the things are counted belongs to them ("remaining petitions")."""
    words = _last_words(text, clause_start, start, 1)
    word = words[0].lower() if words else ""
    if word in lex.counted_before_adjectives and not unit.lower().startswith(word + " "):
        return f"{word} {unit}"
    return unit


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

