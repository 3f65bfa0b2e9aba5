"""The kinds of fact, each declared once: what it carries, how its spans settle against other kinds',
how evaluation scores it, which checks compare it and its warehouse view.

Every per-kind list of the project is derived from KINDS: the fact components and their overlap
priorities (extractors/nlp/), what a figure is about (extractors/about.py), the scoring
(pipeline/evaluate.py), the cross-article comparisons (pipeline/checks/), the unit keys the
warehouse fills (pipeline/store/warehouse.py). Adding a kind is a KindSpec here, its components under
extractors/lang/<code>/ and a migration creating its view: tests/test_kinds.py fails until a migrated
warehouse has the view with the columns declared here.
"""
from __future__ import annotations

from dataclasses import dataclass

from extractors.facts import ANALYSIS_FIELDS, FIELD_TYPES


@dataclass(frozen=True, slots=True)
class KindSpec:
    name: str
    # its FACTS.md fields beside kind, text, start and end, in contract order (types: field_types)
    fields: tuple[str, ...]
    # where spans of two kinds claim the same words, the lower wins (extractors.nlp.resolve_overlaps)
    priority: int
    view: str                            # its warehouse view, one row per fact of the kind
    # kinds gold annotates inside this one, both spans kept ("Directive No. 24-CT/TU dated August 7,
    # 2023" holds a date)
    holds: tuple[str, ...] = ()
    figure: bool = False                 # a figure: gets what it is about (ANALYSIS_FIELDS, measure_key)
    time: bool = False                   # a date or period: what sets the figures' reference periods
    counted_unit: bool = False           # its unit is a counted noun, singular or plural: gets a unit_key
    cross_article: bool = False          # compared with the same figure in other articles (checks)
    scored_as_set: bool = False          # evaluation scores it per article as a set, not span by span
    scored_fields: tuple[str, ...] = ()  # fields whose accuracy evaluation reports over matched facts

    @property
    def component(self) -> str:
        """The spaCy factory that finds it, registered by each language (extractors/lang/<code>/)."""
        return f"newsfacts_{self.name}"

    @property
    def field_types(self) -> dict[str, type]:
        """Its fields with their types as Fact declares them, None aside ({"value": float, ...})."""
        return {name: FIELD_TYPES[name] for name in self.fields}

    @property
    def columns(self) -> tuple[str, ...]:
        """The fact columns its view carries beside the article's: its fields, what a figure is
        about, the unit key."""
        about = (*ANALYSIS_FIELDS, "measure_key") if self.figure else ()
        return (*self.fields, *about, *(("unit_key",) if self.counted_unit else ()))


# In the order evaluation reports them (and the pipeline runs their components).
KINDS: dict[str, KindSpec] = {spec.name: spec for spec in (
    KindSpec("count", ("value", "value_max", "qualifier", "unit"), priority=9, view="counts",
             figure=True, counted_unit=True, cross_article=True, scored_fields=("unit", "qualifier")),
    KindSpec("percentage", ("value", "value_max", "qualifier", "unit"), priority=5, view="percentages",
             figure=True, cross_article=True, scored_fields=("unit", "qualifier")),
    KindSpec("ratio", ("unit", "numerator", "denominator"), priority=6, view="ratios",
             figure=True, counted_unit=True, cross_article=True, scored_fields=("unit",)),
    # "the top 10 cities": value 10, qualifier at_most
    KindSpec("rank", ("value", "qualifier", "unit", "denominator"), priority=7, view="ranks",
             figure=True, scored_fields=("unit",)),
    KindSpec("money", ("value", "value_max", "qualifier", "unit", "currency"), priority=4, view="money",
             figure=True, cross_article=True, scored_fields=("unit", "qualifier", "currency")),
    KindSpec("quantity", ("value", "value_max", "qualifier", "unit"), priority=8, view="quantities",
             figure=True, cross_article=True, scored_fields=("unit", "qualifier")),
    KindSpec("date", ("date", "granularity"), priority=3, view="dates", time=True),
    KindSpec("period", ("period_start", "period_end"), priority=2, view="periods", time=True),
    KindSpec("official", ("person", "title", "organization"), priority=1, view="officials",
             scored_as_set=True, scored_fields=("title", "organization")),
    KindSpec("document", ("doc_type", "doc_number", "issued"), priority=0, view="documents",
             holds=("date",), scored_as_set=True),
)}

# Counts, percentages, ratios, ranks, money and quantities: what FACTS.md calls figures.
FIGURE_KINDS: tuple[str, ...] = tuple(name for name, spec in KINDS.items() if spec.figure)
