"""The words each language gives the measure rules (patterns/measure.json, patterns/measures.json),
read once per language into a _Lexicon; and what the rules share over a text: BLANK, the word
regex, lowered() and how far back a figure's subject may stand."""
from __future__ import annotations

import functools
import re

from extractors.nlp import load_patterns, phrase_regex, word_regex

BLANK = "\x00"   # what stands in the text where another fact or a place was
_WORD_RE = re.compile(r"[^\W\d_][\w'’&.-]*[\w’']|[^\W\d_]|\x00+")
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
        self.seed_rank = re.compile(d["seed_rank"]) if d.get("seed_rank") else None
        self.seed_measure = d.get("seed_measure", "")
        self.rank_context = tuple((re.compile(rf"(?<![^\W\d_])(?:{k})(?![^\W\d_])"), v)
                                  for k, v in d.get("rank_context", {}).items())
        self.empty_verbs = _words_in(d["empty_verbs"])
        self.skip_before = _words_in(d["skip_before_figure"])
        self.action_verbs = _words_in(d["action_verbs"])
        self.verb_like = re.compile(d["verb_like"], flags) if d.get("verb_like") else None
        self.participles = {k.lower(): v for k, v in d.get("participles", {}).items()}
        # what is yet to be done: a modal before a count's verb, a future passive after its unit
        self.future_before = _words_in(d.get("future_before", []))
        self.to_word = d.get("to_word", "")
        self.future_passive = re.compile(rf"[ \t]*(?:{phrase_regex(d['future_passive_auxiliaries'])})[ \t]+"
                                         rf"(?P<verb>{d['future_passive_verb']})(?![\w-])", flags) \
            if d.get("future_passive_auxiliaries") else None
        self.future_passive_word = d.get("future_passive_word", "")
        self.market_subject = re.compile(d["market_subject"]) if d.get("market_subject") else None
        self.market_changes = dict(d.get("market_changes", {}))
        self.before_next_figure = _words_in(d.get("before_next_figure", []))
        self.subset_before = re.compile(d["subset_before"]) if d.get("subset_before") else None
        self.share_things = re.compile(d["share_things"]) if d.get("share_things") else None
        self.determiners = _words_in(d.get("determiners", []))
        self.passive_after = re.compile(d["passive_after"], flags) if d.get("passive_after") else None
        self.future_in_phrase = re.compile(rf"\s(?:{phrase_regex(d['future_passive_auxiliaries'])})\s", flags) \
            if d.get("future_passive_auxiliaries") else None
        self.tail_after_unit = bool(d.get("words_after_unit"))
        self.unit_then_tail = bool(d.get("tail_is_part_of_unit"))
        self.tail_cut = re.compile(d["tail_stop"], flags) if d.get("tail_stop") else None
        self.object_first = frozenset(d.get("object_first_kinds", []))
        self.dimension_before = {k.lower(): v for k, v in d.get("dimension_before", {}).items()}
        self.skip_after_unit = _words_in(d["skip_after_unit"])
        self.nominal_verbs = {" ".join(k.lower().split()): v for k, v in d.get("nominal_verbs", {}).items()}
        self.state_words = _words_in(d.get("state_words", []))
        self.past_forms = _words_in(d.get("irregular_past", []))
        self.present_verbs = _words_in(d.get("present_verbs", []))
        self.verb_last_words = frozenset(v.split()[-1] for v in self.action_verbs | self.past_forms)
        self.place_prepositions = _words_in(d.get("place_prepositions", []))
        self.apposition = re.compile(d["apposition"])   # these run over lowered()
        self.change_words = {k.lower(): tuple(v) for k, v in d.get("change_words", {}).items()}
        self.change_verbs = {" ".join(k.lower().split()): v for k, v in d.get("change_verbs", {}).items()}
        self.level_after_change = re.compile(d["level_after_change"]) if d.get("level_after_change") else None
        # the words that make a measure a change ("growth", "decrease"): the last of each change phrase
        self.change_nouns = frozenset(v[-1].lower() for v in (*self.change_words.values(), *self.change_verbs.values())
                                      if v and "{" not in v[-1])
        self.frequency_after = re.compile(d["frequency_after"]) if d.get("frequency_after") else None
        self.frequency_words = {k.lower(): v for k, v in d.get("frequency_words", {}).items()}
        # the words that say a rate already ("the yearly target"): the adjectives and the adverbs
        self.frequency_adjectives = frozenset([*self.frequency_words.values(),
                                               *(k for k in self.frequency_words if k.endswith("ly"))])
        self.frequency_not_after = _words_in(d.get("frequency_not_after", []))
        self.frequency_reach = int(d.get("frequency_reach", 0))
        self.time_dimension_before = {" ".join(k.lower().split()): v
                                      for k, v in d.get("time_dimension_before", {}).items()}
        self.time_dimension = d.get("time_dimension", "")
        # the verbs and prepositions of those words, not what they compare ("the highest in")
        self.time_words = frozenset(w for k in self.time_dimension_before for w in k.split()
                                    if not w.endswith("est") and w != "level")
        self.time_qualifiers = _words_in(d.get("time_qualifiers", []))
        self.period_dimension = d.get("period_dimension", "")
        self.superlative_before = re.compile(
            rf"(?<![^\W\d_])(?P<best>{phrase_regex(d['superlatives'])})(?P<thing>(?:\s+[^\W\d_][\w-]*){{0,3}}?)"
            rf"\s+(?:in|for)\s+(?:(?:more|less)\s+than\s+|over\s+|nearly\s+|almost\s+|about\s+|at\s+least\s+|"
            rf"(?:the\s+)?(?:past|last)\s+)*$") if d.get("superlatives") else None
        self.dimension_adjectives = {k.lower(): v for k, v in d.get("dimension_after", {}).items()}
        self.dimension_after = re.compile(rf"[ \t]+({phrase_regex(self.dimension_adjectives)})(?![\w-])",
                                          flags) if self.dimension_adjectives else None
        self.verb_nouns = {" ".join(k.lower().split()): v for k, v in d.get("verb_nouns", {}).items()}
        self.verb_noun_gap = _words_in(d.get("verb_noun_gap", []))
        self.subject_pronouns = _words_in(d.get("subject_pronouns", []))
        self.linking_nouns = {" ".join(k.lower().split()): v for k, v in d.get("linking_nouns", {}).items()}
        self.value_words = _words_in(d.get("value_words", []))
        self.not_measures = _words_in(d.get("not_measures", []))
        self.score_after_rank = re.compile(d["score_after_rank"]) if d.get("score_after_rank") else None
        self.score_word = d.get("score_word", "")
        self.owner_first = re.compile(d["owner_first"]) if d.get("owner_first") else None
        self.changed_heads = {k.lower(): v for k, v in d.get("changed_heads", {}).items()}
        self.noun_of = re.compile(d["noun_of_before"]) if d.get("noun_of_before") else None
        self.aside = re.compile(d["aside_start"], flags) if d.get("aside_start") else None
        self.percentage_of_things = re.compile(d["percentage_of_things"]) if d.get("percentage_of_things") else None
        self.change_before = re.compile(d["change_before"]) if d.get("change_before") else None
        self.compared_before = re.compile(d["compared_before"]) if d.get("compared_before") else None
        self.compared_words = tuple(d.get("compared_words", ()))   # one of them is in the words: a cheap test first
        self.compared_bare_from = re.compile(d.get("compared_bare_from", "(?!)"))
        # a verb that changes its object, the object ending at a preposition: "cut [consumption] by"
        self.changed_object_nouns = {k.lower(): v for k, v in d.get("changed_object_verbs", {}).items()}
        self.changed_object = re.compile(
            rf"(?<![^\W\d_])(?P<verb>{phrase_regex(self.changed_object_nouns)})\s+"
            rf"(?P<object>(?:(?!{d['changed_object_stop']})[^,.;:()\d\x00]){{2,60}}?)"
            rf"(?:{d['changed_object_stop']}[^,.;:()]{{0,60}}?)?\s+(?P<prep>to|by)\s+$") \
            if self.changed_object_nouns else None
        self.currency_names = {k.lower(): v for k, v in d.get("currency_names", {}).items()}
        self.currency_codes = frozenset(self.currency_names.values())
        self.currency_name_re = re.compile(rf"(?<![^\W\d_])({phrase_regex(self.currency_names)})(?![^\W\d_])") \
            if self.currency_names else None
        self.rate_template = tuple(d.get("rate_template", ()))
        self.rate_default_name = d.get("rate_default_name", "")
        self.prize_roles = {k.lower(): v for k, v in d.get("prize_roles", {}).items()}
        self.prize_noun = d.get("prize_noun", "")
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
        self.bare_attributive = bool(d.get("bare_attributive"))
        self.not_after_quantity = _words_in(d.get("not_after_quantity", []))
        self.dimension = {k.lower(): v for k, v in d.get("dimension_of_unit", {}).items()}
        self.dimension_always = bool(d.get("dimension_always"))
        self.dimension_words = _words_in(d.get("dimension_words", []))
        # the words a dimension is put after are cut to a noun phrase at their verb ("clause_verbs":
        # auxiliaries and modals, besides the verb lists)
        self.dimension_noun_phrase = bool(d.get("dimension_noun_phrase"))
        self.clause_verbs = _words_in(d.get("clause_verbs", []))
        self.weather_dimensions = {k: tuple(v) for k, v in d.get("weather_dimensions", {}).items()}
        self.rain_dimension = d.get("rain_dimension", "")
        self.rain_word = d.get("rain_word", "")
        self.weather_done = _words_in(d.get("weather_done", []))
        self.forecast_words = _words_in(d.get("forecast_words", []))
        self.forecast_noun = d.get("forecast_noun", "")
        self.span_parts_gap = re.compile(d["span_parts_gap"], flags) if d.get("span_parts_gap") else None
        self.span_measures = frozenset(self.time_dimension_before.values()) | {self.time_dimension}
        self.span_after = re.compile(d["span_after"], flags) if d.get("span_after") else None
        self.plural_nouns = dict(d.get("plural_nouns", {}))
        self.land_units = _words_in(d.get("land_units", []))
        self.land_noun = d.get("land_noun", "")
        self.topic_then_subject = re.compile(d["topic_then_subject"], flags) if d.get("topic_then_subject") else None
        self.finish_rank = re.compile(d["finish_rank"]) if d.get("finish_rank") else None
        self.finish_measure = d.get("finish_measure")
        self.rank_among = re.compile(d["rank_among"]) if d.get("rank_among") else None
        self.superlative_rank = re.compile(rf"(?<![^\W\d_])({phrase_regex(d['superlatives'])})\s*$") \
            if d.get("superlatives") and d.get("superlative_ranks") else None
        self.rank_list_of = re.compile(d["rank_list_of"], flags) if d.get("rank_list_of") else None
        self.multiplier_unit = d.get("multiplier_unit")
        self.multiplier_base = re.compile(d["multiplier_base"], flags) if d.get("multiplier_base") else None
        self.multiplier_template = tuple(d.get("multiplier_template", ()))
        self.multiplier_gap = re.compile(d.get("multiplier_gap", r"\s*,\s*"))
        self.age_units = _words_in(d.get("age_units", []))
        self.age_after = re.compile(d["age_after"], flags) if d.get("age_after") else None
        self.age_aside = re.compile(d["age_aside"]) if d.get("age_aside") else None
        self.age_template = tuple(d.get("age_template", ()))
        self.verb_group = re.compile(d["verb_group"], flags) if d.get("verb_group") else None
        self.perfect_passive = re.compile(d["perfect_passive"], flags) if d.get("perfect_passive") else None
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
        # counted: what qualifies a bare counted unit (extractors/measure/qualified.py): the predicate
        # it is the subject of later in its clause, else the short phrase after it
        self.counted_qualifiers = bool(d.get("counted_qualifiers"))
        self.counted_reach = int(d.get("counted_reach", 0))
        self.counted_auxiliaries = _words_in(d.get("counted_auxiliaries", []))
        self.counted_be_words = _words_in(d.get("counted_be_words", []))
        self.counted_be_auxiliaries = _words_in(d.get("counted_be_auxiliaries", []))
        self.counted_aside_words = _words_in(d.get("counted_aside_words", []))
        self.counted_subject_prepositions = _words_in(d.get("counted_subject_prepositions", []))
        self.counted_state_prepositions = _words_in(d.get("counted_state_prepositions", []))
        self.counted_modifier_prepositions = _words_in(d.get("counted_modifier_prepositions", []))
        self.counted_modifier_words = int(d.get("counted_modifier_words", 0))
        self.counted_with_words = _words_in(d.get("counted_with_words", []))
        self.counted_datives = _words_in(d.get("counted_datives", []))
        self.counted_not_objects = _words_in(d.get("counted_not_objects", []))
        self.counted_phrase_stops = _words_in(d.get("counted_phrase_stops", []))
        self.counted_not_modifiers = _words_in(d.get("counted_not_modifiers", []))
        self.counted_dropped = _words_in(d.get("counted_dropped", []))
        self.counted_spread_words = _words_in(d.get("counted_spread_words", []))
        self.counted_skip_adverbs = _words_in(d.get("counted_skip_adverbs", []))
        self.counted_particles = _words_in(d.get("counted_particles", []))
        self.counted_skip_before = _words_in(d.get("counted_skip_before", []))
        self.counted_before_adjectives = _words_in(d.get("counted_before_adjectives", []))
        self.counted_owner_verbs = _words_in(d.get("counted_owner_verbs", []))
        self.counted_modals = _words_in(d.get("counted_modals", []))
        self.counted_participle = re.compile(d["counted_participle"]) if d.get("counted_participle") else None

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
