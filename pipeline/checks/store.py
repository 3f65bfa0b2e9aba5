"""The checks' warehouse side: the facts and articles a batch of checks needs, the republication
pairs among stored articles, and the `checks` rows written. The rules themselves
(pipeline/checks/rules.py, pipeline/checks/republication.py) never see the warehouse.

    compute_checks(wh, article_ids, run_id)   # after every load; replaces those articles' checks

Jobs call it inside the transaction of the batch's load (pipeline/jobs/load.py), so that an
article's facts and its checks are committed together.
"""
from __future__ import annotations

import hashlib
from datetime import datetime, timedelta, timezone
from typing import Iterable
from urllib.parse import urlsplit

import pandas as pd

from pipeline.checks.lexicon import THRESHOLDS
from pipeline.crawl.hosts import bare_host
from pipeline.checks.republication import (FIGURE_KINDS, FIGURE_LINK_DAYS_AFTER, FIGURE_LINK_DAYS_BEFORE,
                                           FIGURE_LINK_ORIGINAL_ADAPTERS, FIGURE_LINK_ROWS,
                                           FIGURE_LINK_TRANSLATION_ADAPTERS, compare, figures_link, main_place,
                                           make_side)
from pipeline.checks.rules import Finding, article_checks, cross_article_conflicts, figure_key
from pipeline.store.warehouse import Warehouse

CHECK_COLUMNS = ("check_id", "article_id", "check_name", "severity", "fact_ids", "message",
                 "computed_at", "run_id", "other_article_id")


def check_id_for(check_name: str, article_id: str, fact_ids: list[str]) -> str:
    key = f"{check_name}|{article_id}|{','.join(fact_ids)}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]


# --- the facts and articles of a batch ---------------------------------------------------------
_FACT_SELECT = """SELECT f.fact_id, f.article_id, f.kind, f.text, f."start", f."end", f.value, f.value_max,
    f.qualifier, f.unit, f.currency, f.numerator, f.denominator, f.date, f.granularity, f.period_start,
    f.period_end, f.measure, f.measure_key, f.place, f.place_level, f.ref_start, f.ref_end,
    f.sentence, f.sentence_start FROM facts f"""
_DAY_COLUMNS = ("period_start", "period_end", "ref_start", "ref_end")


def _fact_dicts(result) -> list[dict]:
    """Rows of a _FACT_SELECT result as dicts (fetchall: a pandas round trip costs more than the checks)."""
    cols = [d[0] for d in result.description]
    rows = [dict(zip(cols, values)) for values in result.fetchall()]
    for r in rows:
        for col in _DAY_COLUMNS:
            if r.get(col) is not None:
                r[col] = str(r[col])[:10]
        if r["sentence_start"] is None:
            r["sentence_start"] = -1
    return rows


def published_and_languages(con, ids: list[str]) -> tuple[dict[str, datetime | None], dict[str, str | None]]:
    """article id -> published_at, and article id -> language, of the stored articles among `ids`."""
    published, languages = {}, {}
    for a, p, lang in con.execute("SELECT article_id, published_at, language FROM articles "
                                  "WHERE article_id IN (SELECT unnest(?))", [ids]).fetchall():
        published[a], languages[a] = p, lang
    return published, languages


def batch_facts(con, ids: list[str]) -> list[dict]:
    """Every stored fact of these articles, in text order."""
    return _fact_dicts(con.execute(_FACT_SELECT + " WHERE f.article_id IN (SELECT unnest(?)) "
                                   "ORDER BY f.article_id, f.\"start\", f.kind", [ids]))


def comparable_facts(con, keys: list[tuple], dates: list[datetime]) -> list[dict]:
    """Stored figures with a place and the (kind, measure_key, ref_end) of one of `keys`, of articles
    published within THRESHOLDS.cross_article_days of `dates`: at most cross_article_rows of them, the
    newest first, so that a backfill does not compare every batch with the whole archive."""
    days = timedelta(days=THRESHOLDS.cross_article_days)
    return _fact_dicts(con.execute(_FACT_SELECT + f""" JOIN articles a USING (article_id)
            WHERE a.published_at BETWEEN ? AND ?
              AND f.place IS NOT NULL
              AND (f.kind, f.measure_key, CAST(f.ref_end AS VARCHAR)) IN (SELECT unnest(?), unnest(?), unnest(?))
            ORDER BY a.published_at DESC LIMIT {THRESHOLDS.cross_article_rows}""",
                                   [min(dates) - days, max(dates) + days,
                                    [k[0] for k in keys], [k[1] for k in keys], [k[2] for k in keys]]))


# --- republication pairs --------------------------------------------------------------------------
# main_place's folding in SQL: no diacritics (Đ as D), case or characters other than letters and digits
_PLACE_KEY_SQL = ("lower(regexp_replace(strip_accents(replace(replace({col}, 'Đ', 'D'), 'đ', 'd')), "
                  "'[^A-Za-z0-9]+', '', 'g'))")
_ARTICLE_COLS = ("article_id", "site", "adapter", "language", "title", "lead", "body_text", "text",
                 "published_at", "source_url")
_FACT_COLS = ("fact_id", "article_id", "kind", "text", "start", "end", "value", "value_max", "qualifier",
              "unit", "currency", "numerator", "denominator", "measure_key", "place", "sentence",
              "sentence_start", "section")


def _connection(con_or_wh):
    return getattr(con_or_wh, "con", con_or_wh)


def _pair_articles(con, ids: list[str]) -> dict[str, dict]:
    """The articles of republication pairs, with what make_side needs of them."""
    if not ids:
        return {}
    cols = ", ".join(_ARTICLE_COLS)
    rows = con.execute(f"SELECT {cols} FROM articles WHERE article_id IN (SELECT unnest(?))", [ids]).fetchall()
    return {r[0]: dict(zip(_ARTICLE_COLS, r)) for r in rows}


def _figure_facts(con, ids: list[str], limit: int | None = None) -> dict[str, list[dict]]:
    """article id -> its facts of FIGURE_KINDS, in text order (at most `limit` in all)."""
    out: dict[str, list[dict]] = {a: [] for a in ids}
    if not ids:
        return out
    cols = ", ".join(f'"{c}"' for c in _FACT_COLS)
    sql = (f"SELECT {cols} FROM facts WHERE article_id IN (SELECT unnest(?)) "
           f"AND kind IN (SELECT unnest(?)) ORDER BY article_id, \"start\"")
    if limit:
        sql += f" LIMIT {int(limit)}"
    for r in con.execute(sql, [ids, list(FIGURE_KINDS)]).fetchall():
        f = dict(zip(_FACT_COLS, r))
        if f["sentence_start"] is None:
            f["sentence_start"] = -1
        out[f["article_id"]].append(f)
    return out


def url_forms(url: str | None) -> list[str]:
    """Every form a stored (canonicalised: pipeline.crawl.discover.canonicalize) URL may take that has
    this url_key: https or http, with or without www., the path as written or in lower case, with
    or without the query. Looking these up is a hash join on the stored columns, cheap over millions
    of articles, where computing url_key of every stored URL per batch is not."""
    if not url:
        return []
    parts = urlsplit(url.strip())
    host = bare_host(parts.hostname or "", ("www.",))
    if parts.port and parts.port not in (80, 443):
        host = f"{host}:{parts.port}"
    path = parts.path.rstrip("/")
    if not host:
        return []
    forms = []
    for p in dict.fromkeys((path, path.lower())):
        for q in dict.fromkeys(("", parts.query)):
            for scheme in ("https", "http"):
                for www in ("", "www."):
                    forms.append(f"{scheme}://{www}{host}{p or '/'}" + (f"?{q}" if q else ""))
    return forms


def _keyed(pairs: Iterable[tuple[str, str | None]]) -> tuple[list[str], list[str]]:
    ids, forms = [], []
    for article_id, url in pairs:
        for form in url_forms(url):
            ids.append(article_id)
            forms.append(form)
    return ids, forms


def source_links(con, ids: list[str]) -> list[tuple[str, str]]:
    """(translation, original) pairs linked by the translation's Source line, one side in `ids`: the
    original is the stored article whose url (or, preferred, canonical_url) is the Source URL, up to
    scheme, www., query, fragment and trailing slash; one original per translation."""
    rows = con.execute("SELECT article_id, url, canonical_url, source_url FROM articles "
                       "WHERE article_id IN (SELECT unnest(?))", [ids]).fetchall()
    translations = {a for a, _, _, src in rows if src}
    # translations naming one of these articles
    k_ids, k_forms = _keyed([(a, u) for a, u, _, _ in rows] + [(a, c) for a, _, c, _ in rows if c])
    if k_forms:
        translations |= {r[0] for r in con.execute("""
            SELECT DISTINCT t.article_id FROM (SELECT unnest(?) AS form) k
            JOIN articles t ON t.source_url = k.form""", [k_forms]).fetchall()}
    if not translations:
        return []
    sources = con.execute("SELECT article_id, source_url FROM articles WHERE article_id IN (SELECT unnest(?)) "
                          "AND source_url IS NOT NULL", [sorted(translations)]).fetchall()
    t_ids, t_forms = _keyed(sources)
    if not t_forms:
        return []
    found = con.execute("""
        WITH k AS (SELECT unnest(?) AS tid, unnest(?) AS form)
        SELECT k.tid, o.article_id, 1 AS pref FROM k JOIN articles o ON o.canonical_url = k.form
        UNION ALL
        SELECT k.tid, o.article_id, 0 FROM k JOIN articles o ON o.url = k.form""",
                        [t_ids, t_forms]).fetchall()
    best: dict[str, tuple[int, str]] = {}
    for t, o, pref in found:
        if o != t and (t not in best or (-pref, o) < (-best[t][0], best[t][1])):
            best[t] = (pref, o)
    wanted = set(ids)
    return sorted((t, o) for t, (_, o) in best.items() if t in wanted or o in wanted)


def figure_links(con, ids: list[str]) -> list[tuple[str, str]]:
    """(translation, original) pairs linked by the figure rule, one side in `ids`: every English
    article concerned (in `ids`, or a candidate of a Vietnamese one in `ids`) gets its best original."""
    t_adapters, o_adapters = list(FIGURE_LINK_TRANSLATION_ADAPTERS), list(FIGURE_LINK_ORIGINAL_ADAPTERS)
    before, after = timedelta(days=FIGURE_LINK_DAYS_BEFORE), timedelta(days=FIGURE_LINK_DAYS_AFTER)
    english = {r[0] for r in con.execute(
        """SELECT article_id FROM articles WHERE article_id IN (SELECT unnest(?)) AND source_url IS NULL
           AND adapter IN (SELECT unnest(?)) AND published_at IS NOT NULL""", [ids, t_adapters]).fetchall()}
    english |= {r[0] for r in con.execute(
        """SELECT t.article_id FROM articles o JOIN articles t
             ON t.published_at BETWEEN o.published_at - ? AND o.published_at + ?
           WHERE o.article_id IN (SELECT unnest(?)) AND o.adapter IN (SELECT unnest(?))
             AND t.source_url IS NULL AND t.adapter IN (SELECT unnest(?))""",
        [before, after, ids, o_adapters, t_adapters]).fetchall()}
    if not english:
        return []
    en_facts = _figure_facts(con, sorted(english))
    en_place = {t: main_place(fs) for t, fs in en_facts.items()}
    en_place = {t: p for t, p in en_place.items() if p}
    if not en_place:
        return []
    # originals in the window with a figure in the English article's main place (the rest cannot pass)
    candidates = con.execute(f"""
        WITH t AS (SELECT unnest(?) AS article_id, unnest(?) AS place)
        SELECT DISTINCT t.article_id, o.article_id FROM t
        JOIN articles ta ON ta.article_id = t.article_id
        JOIN articles o ON o.published_at BETWEEN ta.published_at - ? AND ta.published_at + ?
        JOIN facts f ON f.article_id = o.article_id AND f.place IS NOT NULL
             AND {_PLACE_KEY_SQL.format(col='f.place')} = t.place
        WHERE o.adapter IN (SELECT unnest(?)) AND o.article_id <> t.article_id""",
                            [list(en_place), list(en_place.values()), before, after, o_adapters]).fetchall()
    if not candidates:
        return []
    needed = sorted({a for pair in candidates for a in pair})
    articles = _pair_articles(con, needed)
    facts = {**_figure_facts(con, sorted({o for _, o in candidates}), FIGURE_LINK_ROWS), **en_facts}
    sides = {a: make_side(articles[a], facts[a]) for a in needed if a in articles}
    places = {a: main_place(facts[a]) for a in needed}
    best: dict[str, list[tuple[int, str]]] = {}
    for t, o in candidates:
        if t in sides and o in sides:
            shared = figures_link(sides[t], sides[o], places[t], places[o])
            if shared:
                best.setdefault(t, []).append((shared, o))
    links = []
    wanted = set(ids)
    for t, scored in best.items():
        scored.sort(reverse=True)
        if len(scored) > 1 and scored[0][0] == scored[1][0]:
            continue            # two originals as good: no link
        o = scored[0][1]
        if t in wanted or o in wanted:
            links.append((t, o))
    return sorted(links)


def republication_findings(con_or_wh, article_ids: list[str]) -> list[Finding]:
    """The republication checks of every pair with a side among `article_ids` (the translation's,
    when it is stored after its original, or the original's, when it comes second)."""
    con = _connection(con_or_wh)
    ids = list(dict.fromkeys(article_ids))
    if not ids:
        return []
    pairs = {(t, o): True for t, o in source_links(con, ids)}
    linked = {t for t, _ in pairs}
    for t, o in figure_links(con, ids):
        if t not in linked:
            pairs[(t, o)] = False
    if not pairs:
        return []
    needed = sorted({a for pair in pairs for a in pair})
    articles = _pair_articles(con, needed)
    facts = _figure_facts(con, needed)
    out: list[Finding] = []
    for (t, o), by_source in sorted(pairs.items()):
        if t in articles and o in articles:
            out += compare(make_side(articles[t], facts[t]), make_side(articles[o], facts[o]), by_source)
    return out


# --- writing the checks ---------------------------------------------------------------------------
def store_findings(wh: Warehouse, article_ids: list[str], findings: list[Finding], run_id: str) -> int:
    """Replace the stored checks of these articles (and the cross-article and republication checks
    filed under other articles that name them) with `findings`, in one transaction; returns rows written."""
    con = wh.con
    now = datetime.now(timezone.utc)
    rows = {}
    for f in findings:
        if f.article_id is None:    # every finding is filed under an article before it is stored
            raise ValueError(f"{f.check_name}: a finding without its article")
        cid = check_id_for(f.check_name, f.article_id, f.fact_ids)
        rows[cid] = dict(check_id=cid, article_id=f.article_id, check_name=f.check_name,
                         severity=f.severity, fact_ids=f.fact_ids, message=f.message,
                         computed_at=now, run_id=run_id, other_article_id=f.other_article_id)
    df = pd.DataFrame(list(rows.values()), columns=list(CHECK_COLUMNS))
    try:
        with wh.transaction():
            con.execute("DELETE FROM checks WHERE article_id IN (SELECT unnest(?))", [article_ids])
            # Cross-article checks filed under another article but naming these articles' (possibly
            # replaced) facts are recomputed here. Found by other_article_id: joining checks to all
            # facts needs memory that grows with the warehouse.
            con.execute("""DELETE FROM checks WHERE check_name IN ('cross_article_conflict',
                           'republication_mismatch', 'republication_dropped')
                           AND other_article_id IN (SELECT unnest(?))""", [article_ids])
            if len(df):
                con.register("batch_checks", df)
                con.execute("DELETE FROM checks WHERE check_id IN (SELECT check_id FROM batch_checks)")
                con.execute(f"INSERT INTO checks ({', '.join(CHECK_COLUMNS)}) "
                            f"SELECT check_id, article_id, check_name, severity, "
                            f"CAST(fact_ids AS VARCHAR[]), message, computed_at, run_id, other_article_id "
                            f"FROM batch_checks")
    finally:
        try:
            con.unregister("batch_checks")
        except Exception:
            pass
    return len(df)


def compute_checks(wh: Warehouse, article_ids: list[str], run_id: str) -> int:
    """Compute the checks of these articles (and their cross-article conflicts with stored
    articles, and the republication checks of the pairs they are a side of) and replace their
    stored checks in one transaction, or in the caller's when one is open; returns rows written."""
    if not article_ids:
        return 0
    con = wh.con
    ids = list(dict.fromkeys(article_ids))
    published, languages = published_and_languages(con, ids)
    facts = batch_facts(con, ids)
    by_article: dict[str, list[dict]] = {a: [] for a in ids}
    for f in facts:
        by_article[f["article_id"]].append(f)
    findings: list[Finding] = []
    for article_id, article_facts in by_article.items():
        pub = published.get(article_id)
        for finding in article_checks(article_facts, pub.date() if pub else None, languages.get(article_id)):
            finding.article_id = article_id
            findings.append(finding)
    # cross-article: stored figures (these articles' included, so two of them loaded together are
    # compared too) with the kind, measure_key and reference period of one of these articles' figures
    keys = sorted({(f["kind"], f["measure_key"], f["ref_end"]) for f in facts
                   if figure_key(f, languages.get(f["article_id"])) is not None})
    dates = [p for p in published.values() if p is not None]
    if keys and dates:
        others = comparable_facts(con, keys, dates)
        if others:
            more_published, more_languages = published_and_languages(con, sorted({f["article_id"] for f in others}))
            published.update(more_published)
            languages.update(more_languages)
            findings += cross_article_conflicts(facts, others, published, languages)
    findings += republication_findings(con, ids)   # translation vs original, whichever side is new
    return store_findings(wh, ids, findings, run_id)


# --- reading them back (the checks gold's scoring) -------------------------------------------------
def fact_spans(wh: Warehouse) -> dict[str, tuple[str, int, int, str]]:
    """fact_id -> (article_id, start, end, text) of every stored fact."""
    return {fid: (a, s, e, text) for fid, a, s, e, text in
            wh.con.execute('SELECT fact_id, article_id, "start", "end", text FROM facts').fetchall()}


def stored_checks(wh: Warehouse) -> list[tuple]:
    """(article_id, check_name, severity, message, fact_ids, other_article_id) of every stored check,
    in a stable order."""
    return wh.con.execute("SELECT article_id, check_name, severity, message, fact_ids, other_article_id "
                          "FROM checks ORDER BY article_id, check_name, message").fetchall()
