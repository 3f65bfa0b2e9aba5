"""The review page's pages as HTML: the queue, one fact, an article with its facts marked in place, the
summary, and the frame around them. They render what the handlers read (pipeline.review.queries,
the verdicts of pipeline.store.reviewstore); the facts themselves are cards (pipeline.review.cards).
"""
from __future__ import annotations

import calendar
from urllib.parse import urlencode

from pipeline.review.cards import article_link, card, e, lang_attr
from pipeline.review.charts import Bar, bar_chart
from pipeline.review.filters import PAGE_SIZE, STATUSES, QueueFilters
from pipeline.review.notation import shown_corrected, shown_value
from pipeline.review.queries import QueuePage, SummaryFigures
from pipeline.review.request import Request

_KEYS_HELP = ('<p class="keys">Keys: <kbd>j</kbd>/<kbd>k</kbd> next/previous · <kbd>s</kbd> skip · '
              '<kbd>c</kbd> correct · <kbd>w</kbd> wrong (with the reason picked) · <kbd>u</kbd> undo · '
              '<kbd>e</kbd> edit corrected value, <kbd>Enter</kbd> submit · '
              '<kbd>n</kbd> note · <kbd>Esc</kbd> leave a field</p>')


def page(title: str, body: str, req: Request) -> str:
    """A whole page: the top bar (queue, summary, undo, reviewer) around `body`."""
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{e(title)} · newsfacts review</title>
<link rel="stylesheet" href="/static/review.css"><script src="/static/review.js" defer></script></head>
<body><header class="top"><a href="/">Queue</a> <a href="/summary">Summary</a>{_undo_form(req)}
<span class="session-count" id="session-count" title="verdicts given since this page was opened"></span>
<label class="who">reviewer <input id="reviewer" value="{e(req.reviewer)}" size="12" \
autocomplete="name"></label></header>
<main><h1>{e(title)}</h1>
{body}</main></body></html>"""


def error_page(title: str, message: str, req: Request, back: bool = True) -> str:
    link = '<p><a href="/">Back to the queue</a></p>' if back else ""
    return page(title, f'<p class="error">{e(message)}</p>{link}', req)


def _undo_form(req: Request) -> str:
    if req.last_verdict is None:
        return ""
    return (f'<form class="undo" method="post" action="/undo"><input type="hidden" name="csrf" value="{e(req.token)}">'
            f'<input type="hidden" name="back" value="{e(req.full_path)}">'
            f'<button type="submit" id="undo">Undo last verdict <kbd>u</kbd></button></form>')


def _cards(facts: list[dict], verdicts: dict, checks: dict, dismissed: set[str], req: Request) -> str:
    return "\n".join(card(f, verdicts.get(f["fact_id"]), checks.get(f["fact_id"], []), dismissed, req, req.full_path)
                     for f in facts)


def _select(name: str, options: list[str], label: str, current: str, any_label="any") -> str:
    opts = f'<option value="">{e(any_label)}</option>' + "".join(
        f'<option value="{e(o)}"{" selected" if o == current else ""}>{e(o)}</option>' for o in options)
    return f'<label>{e(label)} <select name="{e(name)}">{opts}</select></label>'


def queue_view(req: Request, filters: QueueFilters, found: QueuePage, verdicts: dict, dismissed: set[str]) -> str:
    """The queue: the filter form, the keys, a page of fact cards between two pagers."""
    cards = _cards(found.facts, verdicts, found.checks, dismissed, req) \
        or '<p class="empty">No facts match these filters.</p>'
    pages = max(1, -(-found.total // PAGE_SIZE))
    page_no = filters.page

    def link(p: int) -> str:
        args = {k: v for k, v in req.query.items() if k != "page" and v}
        args["page"] = str(p)
        return "/?" + urlencode(args)

    nav = (f'<nav class="pager">{found.total} facts · page {page_no} of {pages} '
           + (f'<a href="{e(link(page_no - 1))}" rel="prev">← previous</a> ' if page_no > 1 else "")
           + (f'<a href="{e(link(page_no + 1))}" rel="next">next →</a>' if page_no < pages else "") + "</nav>")
    form = ('<form class="filters" method="get" action="/">'
            + _select("kind", found.kinds, "kind", filters.kind) + _select("site", found.sites, "site", filters.site)
            + f'<label>rule <input name="rule" value="{e(filters.rule)}" size="14" '
              f'placeholder="id or prefix"></label>'
            + f'<label>from <input type="date" name="from" value="{e(filters.date_from)}"></label>'
            + f'<label>to <input type="date" name="to" value="{e(filters.date_to)}"></label>'
            + _select("check", (["flagged"] + found.check_names) if found.has_checks else [], "check",
                      filters.check, "all facts")
            + _select("status", list(STATUSES), "status", filters.status if filters.status != "all" else "", "all")
            + '<button type="submit">Filter</button></form>')
    return page("Review queue", form + _KEYS_HELP + nav + f'<div id="queue">{cards}</div>' + nav, req)


def fact_view(req: Request, fact: dict, verdict: dict | None, checks: list[dict], dismissed: set[str],
              history: list[dict]) -> str:
    """One fact's card and every verdict given on it, the latest first."""
    rows = "".join(f"<tr><td>{e(shown_value(v['decided_at']))}</td><td>{e(v['verdict'])}</td>"
                   f"<td>{e(shown_corrected(v['corrected_value'], fact))}</td><td>{e(v['note'])}</td>"
                   f"<td>{e(v['reviewer'])}</td></tr>"
                   for v in history)
    table = ('<h2>Verdicts</h2><table class="history"><tr><th>when</th><th>verdict</th><th>corrected value</th>'
             f'<th>note</th><th>reviewer</th></tr>{rows}</table>') if history else "<p>No verdict yet.</p>"
    return page(f"Fact {fact['fact_id']}",
                f'<div id="queue">{card(fact, verdict, checks, dismissed, req, req.full_path)}</div>' + table, req)


def article_view(req: Request, article: dict, facts: list[dict], verdicts: dict, checks: dict,
                 dismissed: set[str]) -> str:
    """The article as facts are extracted from it (title, lead, body: articles.text), every fact
    marked in place and coloured by kind; a mark leads to the fact's card below (fields, rule,
    checks, verdict)."""
    flagged = {fid for fid, cs in checks.items() if any(c["severity"] != "info" for c in cs)}
    text = article["text"] or ""
    lang = article.get("language")
    lines, at = [], 0
    for line in text.split("\n"):
        section = _section_at(at, article.get("lead_start"), article.get("body_start"))
        tag = "h2" if section == "title" else "p"
        marked = marked_text(line, at, facts, verdicts, flagged)
        lines.append(f'<{tag} class="a-{section}"{lang_attr(lang)}>{marked}</{tag}>')
        at += len(line) + 1
    url = article.get("url") or ""
    raw = f' · <a href="/raw/{e(article["article_id"])}">stored page</a>' if article.get("raw_path") else ""
    kinds = " ".join(f'<span class="legend k-{e(k)}">{e(k)}</span>' for k in sorted({f["kind"] for f in facts}))
    body = (f'<p class="article">{article_link(url, url)} · {e(article.get("site"))} · '
            f'{e(shown_value(article.get("published_at")) or "no date")}'
            f'{raw} · {len(facts)} facts</p><p class="legend-line">{kinds}</p>'
            f'<div class="article-text">{"".join(lines)}</div>'
            f'<h2>Facts in this article</h2><div id="queue">{_cards(facts, verdicts, checks, dismissed, req)}</div>')
    return page(article.get("title") or article["article_id"], body, req)


def _section_at(offset: int, lead_start: int | None, body_start: int | None) -> str:
    if body_start is not None and offset >= body_start:
        return "body"
    if lead_start is not None and offset >= lead_start:
        return "lead"
    return "title"


def marked_text(line: str, line_start: int, facts: list[dict], verdicts: dict, flagged: set) -> str:
    """One line of the article, escaped, each fact in it a <mark> (review.js makes a click on it go to
    the fact's card); a fact inside another (a date in a document reference) is marked inside it,
    one that only overlaps another is left to its card. `facts` by start, the longer first."""
    end_of_line = line_start + len(line)
    out: list[str] = []
    open_ends: list[int] = []          # ends of the marks open, innermost last
    at = line_start

    def close_until(pos: int) -> None:
        nonlocal at
        while open_ends and open_ends[-1] <= pos:
            end = open_ends.pop()
            out.append(e(line[at - line_start:end - line_start]) + "</mark>")
            at = end

    for f in facts:
        s, t = int(f["start"]), int(f["end"])
        if s < line_start or t > end_of_line:
            continue
        close_until(s)
        if s < at or (open_ends and t > open_ends[-1]):
            continue
        out.append(e(line[at - line_start:s - line_start]))
        at = s
        fid = f["fact_id"]
        verdict = (verdicts.get(fid) or {}).get("verdict")
        classes = " ".join(c for c in (f"k-{f['kind']}", "flagged" if fid in flagged else "",
                                       f"v-{verdict}" if verdict else "") if c)
        out.append(f'<mark class="{e(classes)}" id="m-{e(fid)}" data-fact="{e(fid)}" tabindex="0" '
                   f'title="{e(f["kind"])}: {e(f["text"])}">')
        open_ends.append(t)
    close_until(end_of_line)
    out.append(e(line[at - line_start:]))
    return "".join(out)


def summary_view(req: Request, s: dict, figures: SummaryFigures, open_checks: list[dict]) -> str:
    """Precision per kind and per rule from the verdicts (`s`: ReviewStore.summary()), facts reviewed
    per day, the charts, and the open checks (of figures.flagged_checks)."""
    def table(rows: list[dict], cols: list[str], cls: str) -> str:
        head = "".join(f"<th>{e(c)}</th>" for c in cols)
        body = "".join("<tr>" + "".join(f"<td>{e(shown_value(r[c]))}</td>" for c in cols) + "</tr>" for r in rows)
        return f'<table class="{cls}"><tr>{head}</tr>{body}</table>' if rows else "<p>None yet.</p>"

    cols = ["reviewed", "correct", "wrong", "corrected", "precision"]
    if figures.flagged_checks is None:
        check_html = "<p>No checks table in this warehouse.</p>"
    else:
        items = "".join(f'<li class="check sev-{e(c["severity"])}"><b>{e(c["check_name"])}</b> '
                        f'({e(c["severity"])}): {e(c["message"])} '
                        + " ".join(f'<a href="/fact/{e(f)}">{e(f[:8])}</a>' for f in (c["fact_ids"] or []))
                        + "</li>" for c in open_checks[:200])
        check_html = (f'<p id="open-checks">{len(open_checks)} open checks (errors and warnings with a fact '
                      f'not yet reviewed) of {len(figures.flagged_checks)}.</p><ul>{items}</ul>')
    charts = summary_charts(s, figures.per_month, open_checks)
    body = (f'<p>{s["total"]} of {figures.facts_total} facts reviewed. Precision = correct / '
            f'(correct + wrong + corrected), from the latest verdict per fact.</p>'
            '<p class="exports">Export (CSV): <a href="/export/reviewed.csv">reviewed facts with their '
            'verdicts</a> · <a href="/export/verdicts.csv">every verdict</a></p>'
            f'<div class="charts">{charts}</div>'
            f'<h2>Precision per kind</h2>{table(s["by_kind"], ["kind"] + cols, "by-kind")}'
            f'<h2>Precision per rule</h2>{table(s["by_rule"], ["kind", "rule_id"] + cols, "by-rule")}'
            f'<h2>Reviewed per day</h2>{table(s["per_day"], ["day", "facts", "verdicts"], "per-day")}'
            f'<h2>Open checks</h2>{check_html}')
    return page("Summary", body, req)


def summary_charts(s: dict, per_month: list[tuple], open_checks: list[dict]) -> str:
    """Precision per kind and per rule (from the verdicts), facts per site and month, open checks
    by type; every bar links to the queue filtered to what it counts."""
    def queue(**args) -> str:
        return "/?" + urlencode({k: v for k, v in args.items() if v})

    kinds = [Bar(r["kind"], r["precision"] or 0.0, queue(kind=r["kind"], status="reviewed"),
                 f'{r["correct"]} of {r["reviewed"]}') for r in s["by_kind"]]
    worst = sorted(s["by_rule"], key=lambda r: (r["precision"] or 0.0, -r["reviewed"]))[:12]
    rules = [Bar(r["rule_id"] or "(none)", r["precision"] or 0.0,
                 queue(rule=r["rule_id"], status="reviewed"), f'{r["correct"]} of {r["reviewed"]}')
             for r in worst]
    months: list[Bar] = []
    for site, month, n in per_month:
        if sum(1 for m in months if m.label.startswith(f"{site} ")) >= 12:
            continue   # the site's last twelve months
        last = calendar.monthrange(int(month[:4]), int(month[5:]))[1]
        months.append(Bar(f"{site} {month}", n, queue(site=site, **{"from": f"{month}-01",
                                                                     "to": f"{month}-{last:02d}"})))
    by_check: dict[str, int] = {}
    for c in open_checks:
        by_check[c["check_name"]] = by_check.get(c["check_name"], 0) + 1
    checks = [Bar(name, n, queue(check=name)) for name, n in sorted(by_check.items(), key=lambda x: -x[1])]
    return (bar_chart(kinds, "Precision per kind", scale_max=1.0, percent=True)
            + bar_chart(rules, "Precision of the least precise rules", scale_max=1.0, percent=True)
            + bar_chart(months, "Facts per site and month (by publication date)")
            + bar_chart(checks, "Open checks by type"))
