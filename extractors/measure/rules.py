"""The measure rules in their order (see the package docstring): measure_of and the rules for
ranks, restated figures, shares, wholes, modifiers, objects and goals; and measure_key, the
lexicon key of a measure."""
from __future__ import annotations

import bisect
import functools
import re
from typing import Any

from extractors.measure.amounts import _age, _duration, _object_after, _per_period, _verb_noun, _weather, _what_changes
from extractors.measure.counted import _after_unit, _counted, _done, _governing_verb, _verb_before
from extractors.measure.lexicon import _REACH, BLANK, _Lexicon, _lexicon, lowered
from extractors.measure.phrases import _clause_start, _clean, _lower_first, _noun_phrase, _per_text, _target_words
from extractors.measure.subjects import (
    _coordinated_verb,
    _label,
    _linking_verb,
    _modifier,
    _phrase,
    _raised_total,
    _subject,
    _tail_search,
)

_COMMA_GAP_RE = re.compile(r"\s*[,(]\s*")


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
    if lex.seed_rank is not None and lex.seed_rank.search(low, start, end):
        return lex.seed_measure   # "beating third seed Maya Okafor"
    if lex.superlative_rank is not None:
        m = lex.superlative_rank.search(low, start, end)
        if m:   # "the world's second-largest producer", "its third warmest year": on what, by which measure
            noun = []
            for w in text[end:end + 40].split()[:2]:
                w = w.strip(",.;:")
                if not w or not w[0].isalpha() or w.lower() in lex.not_a_noun or w.lower() in lex.clause_verbs \
                        or (lex.verb_like is not None and lex.verb_like.fullmatch(w.lower())):
                    break
                noun.append(w)
            if noun:
                return _phrase(lex.rank_template, lex=lex, topic=f"{m.group(1)} {' '.join(noun)}")
    for rx, measure in lex.rank_context:
        if rx.search(low, sent_start, sent_end):
            return measure   # "third in the league on 41 points": the sentence says which ranking
    if lex.finish_rank is not None and (lex.finish_rank.search(low, max(sent_start, start - 12), end)
                                        or (previous is not None and previous[1] == lex.finish_measure)):
        # "came second", "finished in the top 10" (and the places after it in its sentence: "..., and
        # Korir was third"): a place in a race, or in the league the article is about ("before
        # finishing second")
        return (_rank_context(low, sent_start, sent_end, lex) if lex.rank_context else None) or lex.finish_measure
    after = text[end:sent_end]
    m = lex.rank_topic.search(after[:120])
    raw = m.group("topic") if m else None
    if raw is not None and lex.rank_list_of is not None:
        of = lex.rank_list_of.match(raw)   # "on TripAdvisor's list of the world's top destinations"
        raw = raw[of.end():] if of and raw[of.end():].strip() else raw
    topic = _clean(raw, lex, keep="first") if raw else None
    if topic is not None and lex.rank_not_topic is not None and lex.rank_not_topic.match(topic.lower()):
        topic = None   # "ranked first for the sixth year in a row": when, not what
    if topic is None and lex.rank_among is not None:
        m = lex.rank_among.search(after[:100])   # "ranked fourth among global smartphone vendors": the list
        topic = _clean(m.group("topic"), lex, keep="first") if m else None
    if topic is None and lex.rank_with is not None:
        m = lex.rank_with.search(after[:80])   # "ranked 1st with a disbursement rate of 82.4%"
        topic = _clean(m.group("topic"), lex, keep="first") if m else None
    if topic is None and lex.rank_intro is not None:
        m = lex.rank_intro.search(text, sent_start, start)
        topic = _clean(m.group("topic"), lex, keep="first") if m else None
    if topic is None and lex.rank_context:
        # "Hai Phong dropped to eighth": a sport's ranking, as the words of its article name it
        # (found once per text)
        measure = _rank_context(low, sent_start, sent_end, lex)
        if measure:
            return measure
    if topic is None:
        clause = _clause_start(low, start, sent_start, lex)
        topic = _subject(text[clause:start], lex)
        if topic and topic[:1].isupper():
            topic = None   # the ranked unit's name, not what it is ranked on
    return _phrase(lex.rank_template, lex=lex, topic=topic)


def _after_determiner(noun: str | None, lex: _Lexicon) -> str | None:
    """The words of a noun of "<noun> of <figure>" after its last determiner ("had [to pay a deposit]"
    -> "deposit"), unless they only say an amount ("received a total" -> None)."""
    if not noun or not lex.determiners:
        return noun
    words = noun.split()
    at = max((i for i, w in enumerate(words) if w.lower() in lex.determiners), default=-1)
    if at < 0:
        return noun
    words = words[at + 1:]
    return " ".join(words) if words and not all(w.lower() in lex.verb_noun_gap for w in words) else None


def _rank_context(low: str, sent_start: int, sent_end: int, lex: _Lexicon) -> str | None:
    found = _per_text(low, lex)
    if "rank_context" not in found:
        found["rank_context"] = next((measure for rx, measure in lex.rank_context if rx.search(low)), None)
    return found["rank_context"]


def _attributive(text: str, low: str, start: int, end: int, kind: str, fields: dict,
                 lex: _Lexicon) -> str | None:
    """"a 15% increase in respiratory patients", "the 58.2-km section": the noun after the figure."""
    if lex.attributive is None:
        return None
    if not lex.attributive.search(low[max(0, start - 12):start]):
        # a quantity needs no determiner to modify the noun after it ("picks 15 MW turbines",
        # "with 150 km/h winds"), a lower-case word that is no adverb of place or time
        if kind != "quantity" or not lex.bare_attributive \
                or lex.dimension.get((fields.get("unit") or "").lower()) in (None, lex.time_dimension):
            return None
        m = re.match(r" ([a-z][\w'’-]*)", text[end:end + 40])
        if not m or m.group(1) in lex.not_after_quantity:
            return None
    # (the noun is on the figure's line: a headline ends at its line break)
    m = re.match(r"[ \t-]+([^\W\d_][\w'’-]*(?:[ \t]+[^\W\d_][\w'’-]*){0,2})", text[end:end + 60])
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
    if kind == "quantity" and dim and dim not in phrase.lower() and noun[-1].lower() not in lex.dimension_words:
        phrase = f"{_modifier(phrase, lex)} {dim}"
    return _lower_first(phrase)


def _changed_object(before: str, low_before: str, lex: _Lexicon) -> str | None:
    """"push the vacancy rate to 18%" -> "vacancy rate", "cut consumption by 10%" -> "consumption cut": a
    verb that changes its object, and the figure after "to" (the level) or "by" (the change)."""
    m = lex.changed_object.search(low_before, max(0, len(low_before) - 90)) if lex.changed_object else None
    if m is None:
        return None
    thing = _clean(before[m.start("object"):m.end("object")], lex, keep="first")
    if not thing:
        return None
    if m.group("prep") == "to":
        return thing
    return f"{_modifier(thing, lex)} {lex.changed_object_nouns[m.group('verb')]}"


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
    lex = _lexicon(lang)
    if kind == "quantity" and lex is not None and previous is not None and previous[1] and lex.time_dimension \
            and lex.dimension.get((fields.get("unit") or "").lower()) == lex.time_dimension:
        gap = text[previous[0]:start]
        if not gap.strip() or (lex.span_parts_gap is not None and lex.span_parts_gap.fullmatch(gap)
                               and previous[1].rpartition(" ")[2] in lex.span_measures):
            return previous[1]   # "in 2 hours 31 minutes", "2 hours, 14 minutes and 5 seconds": one span
        if lex.span_after is not None and lex.span_after.fullmatch(gap) \
                and not previous[1].endswith(lex.rank_word) and text[previous[0] - 1] != "%" \
                and previous[1].rpartition(" ")[2] not in lex.span_measures:
            # "recorded 327.6 mm in 24 hours", "ran 34 meetings in 10 days": the period of the amount
            # before (of the things it counts); not the time a share or rank took ("to 80% in 28 minutes")
            things = previous[2] if len(previous) > 2 and previous[2] else previous[1]
            return f"{_modifier(things, lex)} {lex.period_dimension}"
    if kind == "money" and lex is not None and lex.currency_codes and fields.get("unit") in lex.currency_codes:
        return _exchange_rate(lowered(text) if low is None else low, start, sent_start, fields, lex)
    if kind == "quantity" and lex is not None and lex.age_after is not None:
        age = _age(text, start, end, fields, lex)
        if age:
            return age
    measure = _measure_of(text, start, end, kind, fields, sent_start, sent_end, lang, previous, low)
    if measure is None and kind in ("money", "quantity") and lex is not None and lex.subset_before is not None \
            and previous is not None and previous[1] and lex.subset_before.search(lowered(text[previous[0]:start])):
        return previous[1]   # "1,100 ha of vegetables, including 320 ha certified ...": a part of the same
    if measure is None and kind in ("money", "quantity", "percentage") and lex is not None \
            and lex.passive_after is not None:
        m = lex.passive_after.match(text, end, sent_end)
        if m and BLANK not in m.group("verb"):
            measure = m.group("verb").lower()   # "only VND 1,300 billion had been disbursed": what was done with it
    if measure is None and kind == "quantity" and lex is not None and lex.land_noun \
            and (fields.get("unit") or "").lower() in lex.land_units:
        # "Hanoi has handed over over 700 ha": hectares named by nothing else are land, and what was
        # done with them
        low = lowered(text) if low is None else low
        act = _governing_verb(text, start, end, _clause_start(low, start, sent_start, lex), lex)
        if act:
            return f"{lex.land_noun} {act}"
    if kind == "money" and measure and lex is not None and lex.prize_roles:
        measure = _prize(measure, lex)
    if lex is not None and lex.target_words is not None and kind != "rank":
        measure = _as_target(measure, lowered(text) if low is None else low, start, sent_start, lex)
    if kind == "quantity" and lex is not None and lex.time_dimension_before \
            and lex.dimension.get((fields.get("unit") or "").lower()) == lex.time_dimension:
        low = lowered(text) if low is None else low
        record = _record_period(low, start, sent_start, lex) if lex.superlative_before is not None else None
        if record:
            return record
        # what changed over a period is what the figure before it in its clause measures ("costs
        # fell 15% over the past 18 months" -> "cost decrease period")
        before = previous[1] if previous is not None and previous[1] \
            and previous[0] >= _clause_start(low, start, sent_start, lex) else None
        measure = _duration(measure, low, start, sent_start, lex, before)
    if measure and lex is not None and lex.frequency_after is not None:
        measure = _per_period(measure, lowered(text) if low is None else low, end, sent_end, lex)
    if kind == "quantity" and lex is not None and lex.dimension_after is not None:
        m = lex.dimension_after.match(text, end, min(sent_end, end + 12))
        if m:   # "is 8.2mm thick", "13 km long": the adjective says the dimension
            words = (measure or "").split()
            while words and words[-1].lower() in lex.dimension_words:
                words.pop()
            dim = lex.dimension_adjectives[m.group(1).lower()]
            return f"{_modifier(' '.join(words), lex)} {dim}" if words else dim
    if measure and kind == "quantity" and lex is not None and lex.dimension_always:
        measure = _with_dimension(measure, kind, fields.get("unit"), lex)
    if kind == "quantity" and lex is not None and lex.weather_dimensions:
        dim = lex.dimension.get((fields.get("unit") or "").lower())
        if dim is not None and dim in lex.weather_dimensions:
            measure = _weather(measure, lowered(text) if low is None else low, start, sent_start, sent_end, dim, lex)
    return measure


def _record_period(low: str, start: int, sent_start: int, lex: _Lexicon) -> str | None:
    """"the lowest in eight years", "its highest level in five years", "the biggest one-day gain in
    three months": the period a record is a record over, and of what ("period of highest level")."""
    m = lex.superlative_before.search(low, max(sent_start, start - 70), start) if lex.superlative_before else None
    if m is None:
        return None
    thing = []
    for w in m.group("thing").split():
        if w in lex.not_a_noun or w in lex.subject_pronouns \
                or (lex.verb_like is not None and lex.verb_like.fullmatch(w)):
            break
        thing.append(w)
    return " ".join([lex.period_dimension, "of", m.group("best"), *thing])


def _exchange_rate(low: str, start: int, sent_start: int, fields: dict[str, Any], lex: _Lexicon) -> str:
    """"the yen steadied near 149.6 per dollar", "sterling was at $1.2195": money priced in another
    currency is an exchange rate, of the one of the two currencies that is not the dollar (of the one
    it is priced per when neither is), named as its sentence names it."""
    per, currency = fields.get("unit"), fields.get("currency")
    dollar = lex.currency_names.get(lex.rate_default_name)
    rated = per if per != dollar or currency in (None, dollar) else currency
    found = lex.currency_name_re.finditer(low, sent_start, start) if lex.currency_name_re else ()
    named = [m.group(1) for m in found if lex.currency_names[m.group(1)] == rated]
    name = named[-1] if named else next((n for n, c in lex.currency_names.items() if c == rated), None)
    return _phrase(lex.rate_template, lex=lex, currency=name) or ""


def _prize(measure: str, lex: _Lexicon) -> str:
    """"the champions would receive VND 5 billion and the runners-up VND 3 billion": money a winner
    or finisher receives is their prize money."""
    for w in measure.lower().split():
        role = lex.prize_roles.get(w.rstrip("'’s") if w not in lex.prize_roles else w)
        if role:
            return f"{role} {lex.prize_noun}"
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
    if previous is not None and previous[1] and lex.score_after_rank is not None and kind != "rank" \
            and (previous[1] == lex.rank_word or previous[1].endswith(" " + lex.rank_word)) \
            and lex.score_after_rank.fullmatch(gap):
        # "ranked 1st/30 districts with 93.04%": the score of what was ranked
        return previous[1][:-len(lex.rank_word)] + lex.score_word
    if previous is not None and previous[1] and lex.level_after_change is not None \
            and lex.level_after_change.fullmatch(gap):
        head, _, change = previous[1].rpartition(" ")
        if head and change.lower() in lex.change_nouns:
            # "added 0.5% to $87.09", "fell 4% to 1.14 billion units": the level its subject reached,
            # the subject as written (the change phrased it as a modifier: "shipment decrease")
            wide = max(clause_start, previous[0] - _REACH)
            verb = _linking_verb(low, wide, previous[0], lex.linking_verbs)
            subject = _subject(text[wide:wide + verb[0]], lex) \
                if verb is not None and verb[1] in lex.change_verbs else None
            return _with_dimension(_what_changes(subject or head, lex), kind, unit, lex)
    if kind == "quantity" and unit == lex.multiplier_unit and previous is not None and previous[1] \
            and lex.multiplier_base is not None and lex.multiplier_gap.fullmatch(gap):
        # "recorded 14,235 cases, 3.2 times the figure for the same period": the figure before
        # compared with what it is a multiple of
        m = lex.multiplier_base.match(text, end, sent_end)
        base = _clean(m.group("base"), lex, keep="first") if m else None
        return _phrase(lex.multiplier_template, lex=lex, measure=previous[1], base=base)
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
    if not restated and previous is not None and previous[1] and lex.compared_before is not None \
            and any(w in gap[-30:] for w in lex.compared_words) \
            and _tail_search(lex.compared_before, gap, 120, at_end=True) is not None \
            and (kind != "count" or not lex.compared_bare_from.search(gap[-12:])):
        # "98.2% of households ..., compared with 64 percent in 2015", "cut to 5.2p from 7.8p": the
        # same measure at another time or place ("from" alone compares no count: "from 20 donors"),
        # unless the figure modifies a noun of its own ("compared with a 0.3% gain in the Kospi")
        return _attributive(text, low, start, end, kind, fields, lex) or previous[1]
    if restated and kind == "percentage" and lex.plan_template:
        whole = _whole(text, low, end, sent_end, lex)
        if whole and whole[0].split()[-1].lower() in lex.plan_words:
            # "VND 25.7 trillion, equal to 38.5% of the plan": the share of the plan, not the money
            return _phrase(lex.plan_template, lex=lex, whole=whole[0], verb=_done(low, start, clause_start, lex))
        words = re.findall(r"[^\W\d_]+", gap)
        if whole and previous is not None and previous[1] and whole[0].lower() not in lex.pronouns \
                and whole[0].lower() not in lex.plan_words and lex.share_template \
                and not any(w in lex.change_words for w in words):
            # "cost VND 5,284 billion, or 35% of the total investment": the share of the whole that
            # the figure before is
            return _phrase(lex.share_template, lex=lex, subject=previous[1], whole=whole[0])
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
    if kind != "count" and lex.changed_object is not None and low_before.endswith((" to ", " by ")):
        changed = _changed_object(before, low_before, lex)
        if changed:
            return changed
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
        kind_of = lex.share_things.match(low, end, sent_end) if lex.share_things is not None else None
        if kind_of and not any(w in lex.not_a_noun or w in lex.past_forms or w in lex.present_verbs
                               or (lex.verb_like is not None and lex.verb_like.fullmatch(w))
                               or lex.is_ing_verb(w) for w in kind_of.group("things").split()):
            # "1,560 producers, 42.6% of which are cooperatives": the share of those things in the
            # things the figure before counted
            owner = previous[2] if previous is not None and len(previous) > 2 and previous[2] else None
            part = text[kind_of.start("things"):kind_of.end("things")]
            return _phrase(lex.share_template, lex=lex, subject=part, whole=owner)
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
    # "a total investment of", "a deposit of" (the pattern ends at the figure: its tail only)
    m = lex.noun_of.search(low_before, max(0, len(low_before) - 64)) if lex.noun_of is not None else None
    noun = _after_determiner(_clean(before[m.start("noun"):m.end("noun")], lex), lex) if m else None
    if kind == "money" and lex.verb_nouns:
        if noun and not any(w in lex.verb_noun_gap or w in lex.verb_nouns for w in noun.lower().split()):
            return noun   # "earned a bonus of", "paid a deposit of": the noun says more than the verb
        named = _verb_noun(text, low, start, end, clause_start, sent_end, lex)
        if named:
            return named
    if m:
        change = lex.change_words.get(noun.lower()) if noun and kind == "percentage" else None
        if change and previous is not None and previous[1]:
            # "received 2,148 turns of citizens ..., a decrease of 12.3%": the change of the
            # figure before (of what it counts)
            base = previous[2] if len(previous) > 2 and previous[2] and lex.change_of_unit else previous[1]
            return _phrase(change, lex=lex, base=base)
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
        if subject and lex.perfect_passive is not None:
            # a completed action before the linking verb is what the figure measures, its auxiliaries
            # dropped ("cases ... have been reviewed and resolved, achieving 81%" -> "... reviewed and
            # resolved"), not cut off at them as a verb group is below
            subject = lex.perfect_passive.sub(" ", subject)
        if subject and lex.verb_group is not None:
            # the subject ends where a verb group before the linking verb begins ("the euro [was
            # steady] at", "capital allocated [to the city level] is")
            subject = lex.verb_group.split(" " + subject, 1)[0].strip() or subject
        m = lex.topic_then_subject.match(subject) if subject and lex.topic_then_subject is not None else None
        if m:   # "for five-star hotels the rate reached 74%": the rate of the topic the clause opens with
            subject = f"{_modifier(m.group('topic'), lex)} {m.group('head')}"
        noun = lex.linking_nouns.get(verb[1]) if kind != "percentage" else None
        if noun:
            if subject is None and previous is not None and len(previous) > 2 and previous[2] \
                    and lo == previous[0] and not before[:verb[0]].strip():
                subject = previous[2]   # "211 share purchases worth USD 331.6 million": what it counts
            if subject and subject.split()[-1].lower() not in lex.value_words:
                # "social housing sells at" -> "social housing price"; a coordination of plurals is
                # of each, the noun plural ("villas and townhouses" -> "villa and townhouse prices")
                parts = subject.split(" and ")
                if len(parts) > 1 and lex.plural_nouns.get(noun) \
                        and all(_modifier(part, lex) != part for part in parts):
                    return f"{' and '.join(_modifier(part, lex) for part in parts)} {lex.plural_nouns[noun]}"
                return f"{subject if len(parts) > 1 else _modifier(subject, lex)} {noun}"
        if subject and kind == "percentage" and verb[1] in lex.change_verbs:
            # "GRDP grew by 6.52%": a percentage after a verb of change is the change of its subject
            change = tuple(lex.change_verbs[verb[1]])
            if lex.market_subject is not None and change[-1] in lex.market_changes \
                    and lex.market_subject.search(low, clause_start, lo + verb[0]):
                # "the Nikkei share average rose 0.9%": a market index gains
                change = (*change[:-1], lex.market_changes[change[-1]])
            return _phrase(change, lex=lex, base=_what_changes(subject, lex))
        if subject:
            # "shares slumped to 125p": the level of what changes
            return _what_changes(subject, lex) if verb[1] in lex.change_verbs else subject
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
    last = phrase.split()[-1].lower()
    if lex.future_passive_word and dim != lex.time_dimension and (
            f" {lex.future_passive_word} " in f" {phrase} " or last in lex.past_forms
            or (lex.verb_like is not None and lex.verb_like.fullmatch(last))):
        return phrase   # "land handed over", "land to be recovered": what was done with it says what it is
    phrase = _noun_phrase(phrase, lex)
    return f"{_modifier(phrase, lex)} {dim}" if phrase else dim


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
