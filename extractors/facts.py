"""The fact record shared by extractors, warehouse and evaluation (the FACTS.md schema)."""
from __future__ import annotations

import typing
from dataclasses import asdict, dataclass, fields

# What a figure is about (FACTS.md): filled for the figure kinds (extractors/kinds.py).
ANALYSIS_FIELDS = ("measure", "place", "place_level", "ref_start", "ref_end")
# FACTS.md fields in contract order; the JSON Lines output and the warehouse columns follow it.
SCHEMA_FIELDS = ("kind", "text", "start", "end", "value", "value_max", "qualifier", "unit",
                 "currency", "numerator", "denominator", "date", "granularity",
                 "period_start", "period_end", "person", "title", "organization",
                 "doc_type", "doc_number", "issued", *ANALYSIS_FIELDS)


@dataclass(slots=True)
class Fact:
    kind: str
    text: str
    start: int
    end: int
    value: float | None = None
    value_max: float | None = None
    qualifier: str | None = None
    unit: str | None = None
    currency: str | None = None
    numerator: float | None = None
    denominator: float | None = None
    date: str | None = None
    granularity: str | None = None
    period_start: str | None = None
    period_end: str | None = None
    person: str | None = None
    title: str | None = None
    organization: str | None = None
    doc_type: str | None = None
    doc_number: str | None = None
    issued: str | None = None
    measure: str | None = None
    place: str | None = None
    place_level: str | None = None
    ref_start: str | None = None
    ref_end: str | None = None
    # the measure normalised across spellings and articles ("budget revenue", "thu ngân sách" ->
    # "budget_revenue"), for comparisons; not a FACTS.md field
    measure_key: str | None = None
    # provenance, not part of the FACTS.md contract
    rule_id: str = ""
    sentence: str = ""
    sentence_start: int = 0

    def to_json(self) -> dict:
        """FACTS.md fields only, absent ones left out, whole numbers as ints."""
        out = {}
        for name in SCHEMA_FIELDS:
            v = getattr(self, name)
            if v is None:
                continue
            if isinstance(v, float) and v.is_integer():
                v = int(v)
            out[name] = v
        return out

    def to_record(self) -> dict:
        return asdict(self)


FACT_FIELD_NAMES = tuple(f.name for f in fields(Fact))


def _without_none(hint: typing.Any) -> type:
    """float for `float | None`, str for `str`."""
    kept = [t for t in typing.get_args(hint) if t is not type(None)]
    return kept[0] if kept else hint


# Each field's type as Fact declares it, None aside: float for value, int for start, str for unit.
FIELD_TYPES: dict[str, type] = {name: _without_none(hint)
                                for name, hint in typing.get_type_hints(Fact).items()}
