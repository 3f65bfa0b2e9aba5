"""The ids the warehouse keys articles and facts by: content hashes, so the same article or fact
gets the same id in every run, on every machine, and the analysts' verdicts stay attached to it.

Changing either function re-keys every stored row: the SQL twin of fact_id_for in warehouse.py
(_FACT_ID_SQL) and the stored ids must change with it.
"""
from __future__ import annotations

import hashlib

from extractors.facts import Fact


def article_id_for(canonical_url: str) -> str:
    return hashlib.sha256(canonical_url.encode("utf-8")).hexdigest()[:16]


def fact_id_for(article_id: str, fact: Fact, section: str = "body", section_start: int = 0) -> str:
    """The fact's id: a hash of where it stands in its section of the article's text (not in the whole
    text), so that a changed headline or lead, or a text stored before it had them, leaves the ids
    of the body's facts -- and the analysts' verdicts on them -- as they were."""
    where = "" if section == "body" else f"{section}|"
    key = f"{article_id}|{where}{fact.kind}|{fact.start - section_start}|{fact.end - section_start}|{fact.text}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]
