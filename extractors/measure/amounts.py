"""What money, spans of time and rates say of what they measure: money a verb names ("fined ... a
total of" -> "fines", "spent ... on IT infrastructure" -> "IT infrastructure spending"), what money
or a quantity is of when written after it, a span of time as a deadline, duration, period or time,
a figure per day or year as a daily or annual amount, and what changes when a subject moves
("shares" -> "share price")."""
from __future__ import annotations

import re

from extractors.measure.lexicon import _WORD_RE, BLANK, _Lexicon
from extractors.measure.phrases import _clean, _noun_phrase
from extractors.measure.subjects import _modifier, _phrase, _subject

_ASIDE_RE = re.compile(r"\s*\([^()]{1,40}\)")
_CLAUSE_END_RE = re.compile(r"[,.;:()\n\"“”]")
_RANGE_GAP_RE = re.compile(r"\s*(?:to|and|or|-|–)?\s*")   # "3.5% to 4% a year" is one rate


def _what_changes(subject: str, lex: _Lexicon) -> str:
    """What changes when a subject rises or falls: "Nordhavn shares" -> "Nordhavn share price"."""
    head, _, last = subject.rpartition(" ")
    changed = lex.changed_heads.get(last.lower())
    return (f"{head} {changed}" if head else changed) if changed else subject



def _verb_noun(text: str, low: str, start: int, end: int, clause_start: int, sent_end: int,
               lex: _Lexicon) -> str | None:
    """Money a verb names ("fined ... a total of", "spent", "earmarked"): the verb's noun, after what
    it was spent on or else the subject that spent it."""
    found = [(m.start(), m.group()) for m in _WORD_RE.finditer(low, max(clause_start, start - 64), start)
             if BLANK not in m.group()]
    other = 0
    for i in range(len(found) - 1, -1, -1):
        at, word = found[i]
        pair = f"{found[i - 1][1]} {word}" if i else ""
        key = pair if pair in lex.verb_nouns else word if word in lex.verb_nouns else None
        if key is not None:
            at = found[i - 1][0] if key == pair else at
            break
        if word in lex.verb_noun_gap:
            continue
        other += 1   # a counted object between verb and money ("fined [11 businesses] a total of")
        if other > 2 or word in lex.action_verbs or (lex.verb_like is not None and lex.verb_like.fullmatch(word)):
            return None
    else:
        return None
    noun = lex.verb_nouns[key]
    thing = _object_after(text, low, end, sent_end, lex)
    if thing:
        said = thing.split()
        if lex.is_ing_verb(said[0].lower()):   # "on [upgrading] its public service portal"
            said = [w for w in said[1:] if w.lower() not in lex.possessives]
        words = []
        for w in said[:3]:
            if w.lower() in lex.not_a_noun:
                break
            words.append(w)
        if words:
            return f"{_modifier(' '.join(words), lex)} {noun}"   # "IT infrastructure spending"
    segment = text[clause_start:at]
    subject = _subject(segment, lex) if segment.strip() and not segment.rstrip().endswith(",") else None
    if subject and lex.verb_group is not None:
        subject = lex.verb_group.split(" " + subject, 1)[0].strip() or None
    if not subject or subject.lower() in lex.subject_pronouns \
            or (" " not in subject and subject[:1].upper() + subject[1:] in segment):
        return noun   # no subject, a pronoun or a name: who spent it, not what
    # "international visitor spending"; a coordination keeps its plurals ("computers and components")
    return f"{subject if ' and ' in subject else _modifier(subject, lex)} {noun}"



def _object_after(text: str, low: str, end: int, sent_end: int, lex: _Lexicon) -> str | None:
    """What money or a quantity is of, written after it ("$2.9 billion in FDI", "53.350 ha đất"):
    not a pronoun ("80 percent of them") nor words that begin something else ("... đang được thí
    điểm", "... tùy vị trí")."""
    aside = _ASIDE_RE.match(low, end, sent_end)   # "VND 500 billion [($21 million)] in emergency relief"
    m = lex.object_after.match(low, aside.end() if aside else end, sent_end) if lex.object_after is not None else None
    if m is None:
        return None
    raw_first = m.group("object").split()[0]
    if raw_first in lex.not_object_start:
        return None   # before cleaning: "do sai phạm" must not become "sai phạm"
    thing = _clean(text[m.start("object"):m.end("object")], lex, keep="first")
    if thing is None:
        return None
    first = thing.split()[0]
    if not first.isupper() or len(first) == 1:
        first = first.lower()   # "IT infrastructure" is no pronoun
    if first in lex.object_pronouns or first in lex.not_object_start:
        return None
    if lex.future_in_phrase is not None:
        thing = lex.future_in_phrase.sub(f" {lex.future_passive_word} ", thing)   # "land [will be] recovered"
    return thing



def _duration(measure: str | None, low: str, start: int, sent_start: int, lex: _Lexicon,
              before: str | None = None) -> str | None:
    """A span of time is a deadline ("within 30 days"), a duration ("the auction lasted 10 hours"
    -> "auction duration"), a period ("the highest in five years") or a time ("in 28 minutes"), as
    the words before it say; without a subject, a deadline, duration or period is itself the measure."""
    words = [w for w in _WORD_RE.findall(low, max(sent_start, start - 48), start) if BLANK not in w]
    while words and words[-1] in lex.time_qualifiers:
        words.pop()
    dim = next((lex.time_dimension_before[" ".join(words[-n:])] for n in (3, 2, 1)
                if len(words) >= n and " ".join(words[-n:]) in lex.time_dimension_before), None)
    if dim is None:
        return measure
    if before and dim == lex.period_dimension:
        measure = before   # "costs fell 15% over the past 18 months": the period of that change
    said = (measure or "").split()
    # the words that said it and a dimension given already ("auction lasted time") are no part of it
    while said and (said[-1].lower() in lex.time_words or said[-1].lower() in lex.dimension_words):
        said.pop()
    if not said:
        return dim if dim != lex.time_dimension else measure
    phrase = _noun_phrase(" ".join(said), lex)
    return f"{_modifier(phrase, lex)} {dim}" if phrase else dim



def _per_period(measure: str, low: str, end: int, sent_end: int, lex: _Lexicon) -> str:
    """"4,500 dossiers a day", "VND 500 million a year": the daily or annual amount, the words that
    said so taken out of the measure ("patients admitted every day" -> "daily patients admitted")."""
    stop = min(sent_end, end + lex.frequency_reach)
    cut = _CLAUSE_END_RE.search(low, end, stop)
    window = low[end:cut.start() if cut else stop]
    digit = next((i for i, c in enumerate(window) if c.isdigit()), None)
    if digit is not None and not _RANGE_GAP_RE.fullmatch(window[:digit]):
        window = window[:digit]   # the rate of the figure after ("in 15 districts for 2-4 hours a day")
    m = lex.frequency_after.search(window) if lex.frequency_after is not None else None
    if m is None:
        return measure
    before = window[:m.start()].split()
    if before and before[-1] in lex.frequency_not_after:
        return measure   # "in a week", "than a year": a span or a comparison, no rate
    adjective = lex.frequency_words.get(m.group("every") or m.group("adverb") or "")
    if not adjective:
        return measure
    words = measure.split()
    if any(w.lower() in lex.frequency_adjectives for w in words):
        return measure   # "the yearly target" says it already
    said = m.group().split()
    for k in range(len(words) - len(said) + 1):
        if [w.lower() for w in words[k:k + len(said)]] == said:
            del words[k:k + len(said)]
            break
    return " ".join([adjective, *words]) if words else measure



def _age(text: str, start: int, end: int, fields: dict, lex: _Lexicon) -> str | None:
    """"a 54-year-old man", "the 22-year-old", "Hoa, 29, ...": years that are someone's age measure
    that age, of the noun the figure modifies ("age of the man")."""
    if lex.age_after is None or (fields.get("unit") or "").lower() not in lex.age_units:
        return None
    m = lex.age_after.match(text, start) or lex.age_after.match(text, end)
    if m is None:
        if lex.age_aside is None or text[end:end + 1] != "," \
                or not lex.age_aside.search(text, max(0, start - 40), start):
            return None
        return _phrase(lex.age_template, lex=lex)   # "Hoa, 29, came seventh": an aside after a name
    noun = re.match(r"[ \t]+([a-z][\w'’-]*)", text[m.end():m.end() + 30])
    word = noun.group(1) if noun else None
    if word and (word in lex.not_a_noun or word in lex.clause_verbs or word in lex.past_forms
                 or lex.is_ing_verb(word) or (lex.verb_like is not None and lex.verb_like.fullmatch(word))):
        word = None   # "the 22-year-old [won]": no noun
    return _phrase(lex.age_template, lex=lex, noun=word)



def _weather(measure: str | None, low: str, start: int, sent_start: int, sent_end: int, dim: str,
             lex: _Lexicon) -> str | None:
    """Rain, temperatures and gusts in a weather report: rain is measured as rainfall ("heavy rain of
    200-400 mm" -> "rainfall"), a temperature by its temperature words, not the places or verbs around
    them ("large parts are running 8 to 12 degrees" -> "temperature"), winds by their gust or wind
    words ("bringing gusts of 50-60mph" -> "gusts"), and each, in a sentence that
    forecasts ("could fall", "is forecast"), is a forecast."""
    words = (measure or "").split()
    if dim == lex.rain_dimension:
        if lex.rain_word not in low[sent_start:sent_end]:
            return measure   # "8.2mm": no rain
        words = [dim] + words[-1:] if words and words[-1].lower() in lex.weather_done else [dim]
    else:
        heads = lex.weather_dimensions[dim]   # (a speed is the wind's only when it says so)
        at = max((i for i, w in enumerate(words) if w.lower().startswith(heads)), default=-1)
        if at >= 0 and words[-1].lower() in lex.dimension_words:
            at = len(words) - 1   # "sustained wind speed" says it already
        if at < 0 and dim not in heads:
            return measure
        words = words[:at + 1] if at >= 0 else [dim]
    said = set(_WORD_RE.findall(low, sent_start, sent_end))
    if not said.isdisjoint(lex.forecast_words) and lex.forecast_noun not in (w.lower() for w in words):
        words.append(lex.forecast_noun)
    return " ".join(words)
