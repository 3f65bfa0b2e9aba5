"""What qualifies counted things when no verb near them says what happened to them: the predicate
they are the subject of, later in their clause ("86 households on 1.2 ha [have not yet moved]",
"only four items, including registration fees, [were behind schedule]", "12 projects with 9,300
apartments [are under construction]"), else the short phrase that follows them and says which
they are ("five districts [with the most cases]", "visitors [from other provinces]")."""
from __future__ import annotations

import re

from extractors.measure.lexicon import BLANK, _Lexicon

# words, blanked facts, numbers left in the text ("6:30"), punctuation: one token each
_TOKENS = re.compile(r"[^\W\d_][\w'’-]*|\x00+|\d[\d.,/:]*|[^\w\s]")
_FIRST = re.compile(r"[ \t]*(,[ \t]*[^\W\d_]*|[^\W\d_][\w'’-]*)")   # the first word, or a comma and the next
_CLAUSE_END = re.compile(r"[;!?()\n\"“”]|[.:](?!\d)")   # not the point of "1.2 ha"


def _qualifier(text: str, end: int, lex: _Lexicon, what: str = "both") -> str | None:
    """The words to put after a bare counted unit, or None: read in the clause after the figure,
    up to the lexicon's reach. `what`: "predicate" for one read across a phrase or an aside only,
    "modifier" for the phrase after the things only ("held 154 dialogues [with residents]": the
    things are the object of a verb before them)."""
    first = _FIRST.match(text, end)
    if first is None or (first.start(1) == end and first.group(1)[0] != ","):
        return None   # "20 percent-owned": a figure glued to what follows is no subject
    if not _may_begin(first.group(1).lower(), what, lex):
        return None
    window = text[end:end + lex.counted_reach]
    cut = _CLAUSE_END.search(window)
    tokens = _TOKENS.findall(window if cut is None else window[:cut.start()])
    if not tokens:
        return None
    low = [t.lower() for t in tokens]
    if what != "modifier":
        at = _subject_end(low, lex)
        # "predicate": only past a phrase or an aside, which _after_unit does not read across
        predicate = _predicate(tokens, low, at, lex) if at is not None and (at or what == "both") else None
        if predicate or what == "predicate":
            return predicate
    return _post_modifier(tokens, low, lex)


def _may_begin(word: str, what: str, lex: _Lexicon) -> bool:
    """Whether a qualifier may begin with this word (or a comma and this word): most figures are
    followed by none of them, and one look-up is cheaper than reading the clause."""
    if what == "modifier":
        return word in lex.counted_modifier_prepositions
    if word[0] == ",":
        return word[1:].strip() in lex.counted_aside_words
    return word in lex.counted_subject_prepositions or _is_participle(word, lex) or (what == "both" and (
        word in lex.counted_auxiliaries or word in lex.counted_modifier_prepositions))


def _subject_end(low: list[str], lex: _Lexicon) -> int | None:
    """Where the counted things' subject ends and its auxiliary stands: right after the figure, after
    a prepositional phrase that places them ("on 1.2 ha", "with 9,300 apartments") or after a comma
    aside ("including registration fees,"); None when other words come first."""
    if low[0] in lex.counted_auxiliaries:
        return 0
    if low[0] == ",":
        if len(low) < 2 or low[1] not in lex.counted_aside_words:
            return None
        close = next((i for i in range(2, min(len(low), 12)) if low[i] == ","), None)
        if close is None or close + 1 >= len(low) or low[close + 1] not in lex.counted_auxiliaries:
            return None
        return close + 1
    reduced = len(low) > 2 and _is_participle(low[0], lex) and low[1] in lex.counted_subject_prepositions
    if low[0] not in lex.counted_subject_prepositions and not reduced:
        return None   # (reduced: "households [registered under the program] have received")
    for i in range(1 + reduced, min(len(low), 10)):
        w = low[i]
        if w in lex.counted_auxiliaries:
            return i if i > 1 else None
        # a participle right after the preposition or a determiner is an adjective ("with flooded
        # roads"); after a noun it is a verb of the phrase's own, as is a relative clause or a list
        adjective = low[i - 1] in lex.counted_subject_prepositions or low[i - 1] in lex.determiners
        if not (w[0].isalpha() or w[0] == BLANK or w[0].isdigit()) or w in lex.tail_stop_words \
                or w in lex.conjunctions or (not adjective and (_is_participle(w, lex) or lex.is_ing_verb(w))):
            return None
    return None


def _predicate(tokens: list[str], low: list[str], at: int, lex: _Lexicon) -> str | None:
    """What the auxiliary at `at` says of its subject: a state ("under construction", "not yet
    moved", "yet to identify"), a participle ("were rebuilt", "have died") or a place in a plan or
    rule ("are within the time limit")."""
    i = at
    be = modal = False
    kept: list[str] = []
    while i < len(low) and (low[i] in lex.counted_auxiliaries or low[i] in lex.counted_be_words):
        be = be or low[i] in lex.counted_be_words or low[i] in lex.counted_be_auxiliaries
        modal = modal or low[i] in lex.verb_follows
        if low[i] == "being" and i + 1 < len(low) and _is_participle(low[i + 1], lex):
            kept.append("being")   # "were being prepared": still under way
        i += 1
    while i < len(low) and (low[i] in lex.state_words or low[i] in lex.counted_skip_adverbs
                            or (low[i].endswith("ly") and i + 1 < len(low) and _is_participle(low[i + 1], lex))):
        if low[i] in lex.state_words and low[i] not in lex.counted_skip_adverbs:
            kept.append(low[i])
        i += 1
    if i >= len(low) or not tokens[i][0].isalpha():
        return None
    rest = " ".join(low[i:i + 4]) + " "
    state = next((p for p in lex.state_phrases if rest.startswith(p + " ")), None)
    if state:
        return " ".join([*kept, state])
    w = low[i]
    if w == lex.to_word and kept and i + 1 < len(low) and tokens[i + 1][0].isalpha() \
            and tokens[i + 1][0].islower():
        return " ".join([*kept, w, low[i + 1]])   # "have yet to identify suitable land"
    if modal and lex.future_passive_word and (be and _is_participle(w, lex)):
        kept = [lex.future_passive_word, *kept]   # "would be completed": yet to be done
    elif modal and not be and w in lex.action_verbs and lex.to_word:
        kept = [lex.to_word, *kept]   # "will open": what is to be done
    if _is_participle(w, lex) or (be and w in lex.action_verbs) or (modal and w in lex.action_verbs):
        out = [*kept, w]
        i += 1
        if i < len(low) and low[i] in lex.counted_particles:
            out.append(low[i])   # "were set up", "were handed over"
            i += 1
        return " ".join([*out, *_complement(tokens, low, i, lex)])
    if be and w in lex.counted_state_prepositions:
        words, _ = _phrase_words(tokens, low, i + 1, lex, lex.counted_modifier_words)
        return " ".join([*kept, w, *words]) if words else None
    return None


def _complement(tokens: list[str], low: list[str], i: int, lex: _Lexicon) -> list[str]:
    """What follows a predicate's participle and belongs to it ("have not agreed [with the
    compensation plans]", "were licensed [for sale]"): its object or one prepositional phrase, up to
    a few words, determiners left out."""
    lead = [low[i]] if i < len(low) and low[i] in lex.counted_phrase_stops else []
    words, _ = _phrase_words(tokens, low, i + len(lead), lex, lex.counted_modifier_words)
    if not words or any(w.lower() in lex.counted_not_modifiers for w in words):
        return []   # ("would be completed [next year]": a time is no part of it)
    return [*lead, *words]


def _post_modifier(tokens: list[str], low: list[str], lex: _Lexicon) -> str | None:
    """"five districts [with the most cases]", "12,000 runners [from other provinces]": a
    preposition that narrows the counted things and up to a few words of its object, none of them a
    place, a time or another figure (they are blanked), determiners left out. An object that runs
    into another figure ("with [total registered capital of] VND ...", "with [around] 13,600 units")
    or names a time or place ("in the first week", "in the inner city") says nothing of which
    things they are, nor does a relation ("under the management of ...") or a spread ("in several
    schools")."""
    if low[0] not in lex.counted_modifier_prepositions:
        return None
    words, nxt = _phrase_words(tokens, low, 1, lex, lex.counted_modifier_words)
    if not words or any(w.lower() in lex.counted_not_modifiers for w in words):
        return None
    if nxt < len(low) and low[nxt] == "of" or low[1] in lex.counted_spread_words:
        # "under the management of ...": a relation, whose other end is cut off; "in several
        # schools": where they are spread, not which they are
        return None
    if words[-1].lower() in lex.before_next_figure or nxt < len(low) and (
            (_figure(low[nxt]) and low[0] in lex.counted_with_words)
            or (low[nxt] == "of" and nxt + 1 < len(low) and _figure(low[nxt + 1]))):
        return None   # (not "in the top 50": there the figure ends the phrase)
    return " ".join([low[0], *words])


def _figure(token: str) -> bool:
    """A blanked fact or a number left in the text."""
    return token[0] == BLANK or token[0].isdigit()


def _phrase_words(tokens: list[str], low: list[str], i: int, lex: _Lexicon, most: int) -> tuple[list[str], int]:
    """The object of a preposition at tokens[i:], as written, and the index of the token it ends
    before: words up to `most` (determiners aside), ending at punctuation, a blank, a figure, a
    name, another preposition or a conjunction; a blank between a determiner or possessive and its
    noun ("the city's 2021-2025 plan") is passed over."""
    out: list[str] = []
    while i < len(low) and len(out) < most:
        w = low[i]
        if w[0] == BLANK and low[i - 1].endswith(("'s", "’s")) and i + 1 < len(low) and low[i + 1][0].isalpha():
            i += 1
            continue
        name = tokens[i][0].isupper() and not tokens[i].isupper()   # (an acronym is no name: "OCOP")
        if not w[0].isalpha() or name or w in lex.counted_phrase_stops or w in lex.tail_stop_words \
                or w in lex.conjunctions or w in lex.counted_auxiliaries or w in lex.not_tail_verbs \
                or (w in lex.before_next_figure and i + 1 < len(low)
                    and (_figure(low[i + 1]) or low[i + 1] in lex.before_next_figure)):
            break   # (and what leads into another figure: "sold [at more than] VND ...")
        if w not in lex.counted_dropped:
            out.append(tokens[i])
        i += 1
    while out and out[-1].lower() in lex.determiners:
        out.pop()
    return out, i


def _is_participle(word: str, lex: _Lexicon) -> bool:
    """A past participle where a predicate stands ("have died", "were rebuilt")."""
    return word in lex.past_forms or (lex.counted_participle is not None
                                      and lex.counted_participle.fullmatch(word) is not None)
