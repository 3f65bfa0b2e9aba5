"""A fact as the review page shows it: its card (sentence with the figure marked, what it is about, its
fields, article, checks and the verdict form), and e(), the escaping every scraped string goes through.

Scraped text is never trusted: each piece is escaped on its own, bidi controls are shown as what
they are, links go out only to http(s) addresses. The article's own text carries its language
(lang="vi"), its numbers in its notation (pipeline.review.notation).
"""
from __future__ import annotations

import html
from urllib.parse import urlsplit

from extractors.facts import SCHEMA_FIELDS
from pipeline.checks.lexicon import language_code, written
from pipeline.review.notation import NUMERIC_KINDS, notation, shown_corrected, shown_value
from pipeline.review.request import Request
from pipeline.store.reviewstore import REASONS

# what a figure is about (FACTS.md), shown on one line of its own rather than among the fields
ABOUT_FIELDS = ("measure", "measure_key", "place", "place_level", "ref_start", "ref_end")
_SHOWN_FIELDS = [f for f in SCHEMA_FIELDS if f not in ("kind", "text", "start", "end") and f not in ABOUT_FIELDS]
_REASON_OPTIONS = "".join(f'<option value="{r}">{r.replace("_", " ")}</option>' for r in REASONS)
# Bidirectional embeddings, overrides and isolates: a U+202E in a title would show the rest of the card
# right to left ("12" read as "21"). Shown as what they are, they reorder nothing.
_BIDI_CONTROLS = {c: f"<U+{c:04X}>" for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))}


def e(value) -> str:
    """Escape anything for HTML text or a quoted attribute; bidi controls made visible."""
    return html.escape(("" if value is None else str(value)).translate(_BIDI_CONTROLS), quote=True)


def lang_attr(language: str | None) -> str:
    """lang="vi" on the article's own text (the page itself is English): none for English."""
    code = language_code(language)
    return f' lang="{e(code)}"' if code and code != "en" else ""


def article_link(url: str, text: str, css_class: str = "") -> str:
    """A link out to the article, only to an http(s) address (else its text alone)."""
    if urlsplit(url).scheme not in ("http", "https"):
        return e(text)
    cls = f' class="{css_class}"' if css_class else ""
    return f'<a{cls} href="{e(url)}" rel="noopener noreferrer" target="_blank">{e(text)}</a>'


def highlight(sentence: str, sentence_start: int, start: int, end: int, text: str) -> str:
    """The sentence, escaped, with the fact's span in <mark>: the raw text is cut first and each
    piece escaped separately, so no scraped character can ever form markup."""
    s, t = start - sentence_start, end - sentence_start
    if not (0 <= s <= t <= len(sentence) and sentence[s:t] == text):
        s = sentence.find(text) if text else -1
        t = s + len(text)
    if s < 0 or not sentence:
        return e(sentence or text)
    return f"{e(sentence[:s])}<mark>{e(sentence[s:t])}</mark>{e(sentence[t:])}"


def card(f: dict, verdict: dict | None, checks: list[dict], dismissed: set[str], req: Request, back: str) -> str:
    """The card of fact `f` with its verdict in force and its checks (those in `dismissed` shown as
    dismissed); its forms come back to `back`."""
    fid = f["fact_id"]
    lang = f.get("article_language")
    fields = "".join(f"<dt>{e(name)}</dt><dd>{e(shown_value(f.get(name), lang))}</dd>" for name in _SHOWN_FIELDS
                     if f.get(name) is not None and f.get(name) == f.get(name))
    url = f.get("article_url") or ""
    link = article_link(url, f["article_title"] or url)
    raw = f' · <a href="/raw/{e(f["article_id"])}">stored page</a>' if f.get("raw_path") else ""
    if verdict:
        v = verdict["verdict"]
        badge = (f'<span class="verdict v-{e(v)}" data-verdict="{e(v)}">{e(v)}'
                 + (f': {e(shown_corrected(verdict["corrected_value"], f))}' if verdict.get("corrected_value") else "")
                 + (f' — {e(verdict["reviewer"])}' if verdict.get("reviewer") else "")
                 + (f' <i>({e(verdict["note"])})</i>' if verdict.get("note") else "") + "</span>")
    else:
        badge = '<span class="verdict v-none" data-verdict="">not reviewed</span>'
    # a headline or lead is read differently from the body: the card says so (body is the default)
    section = (f' <span class="section" data-section="{e(f["section"])}">in the {e(f["section"])}</span>'
               if f.get("section") in ("title", "lead") else "")
    check_items = "".join(check_item(c, c["check_id"] in dismissed, req, back) for c in checks)
    check_html = f'<ul class="checks">{check_items}</ul>' if checks else ""
    flagged = any(c["severity"] != "info" and c["check_id"] not in dismissed for c in checks)
    sentence = highlight(f.get("sentence") or "", f.get("sentence_start") or 0, f["start"], f["end"], f["text"])
    return f"""<article class="fact{' flagged' if flagged else ''}" id="f-{e(fid)}" data-fact="{e(fid)}" tabindex="-1">
<header><span class="kind">{e(f["kind"])}</span>{section} <code class="rule">{e(f["rule_id"])}</code> {badge}
<a class="detail" href="/fact/{e(fid)}">detail</a></header>
<p class="sentence"{lang_attr(lang)}>{sentence}</p>
{about_line(f)}
<dl class="fields"><dt>text</dt><dd{lang_attr(lang)}>{e(f["text"])}</dd>{fields}</dl>
<p class="article">{link} · {e(f.get("site"))} · {e(shown_value(f.get("published_at")) or "no date")}{raw} · \
<a class="in-article" href="/article/{e(f["article_id"])}#m-{e(fid)}">in the article</a></p>
{check_html}
<form class="verdict-form" method="post" action="/verdict">
<input type="hidden" name="csrf" value="{e(req.token)}"><input type="hidden" name="fact_id" value="{e(fid)}">
<input type="hidden" name="back" value="{e(back)}"><input type="hidden" name="next" value="">
<input type="hidden" name="reviewer" value="{e(req.reviewer)}">
<button type="submit" name="verdict" value="correct" class="b-correct">Correct <kbd>c</kbd></button>
<button type="submit" name="verdict" value="wrong" class="b-wrong">Wrong <kbd>w</kbd></button>
<label class="field">because <select name="reason" class="reason"><option value="">(say why)</option>\
{_REASON_OPTIONS}</select></label>
<label class="field">corrected value <input name="corrected_value" class="corrected" {corrected_hint(f)}></label>
<button type="submit" name="verdict" value="corrected" class="b-corrected">Corrected</button>
<label class="field">note <input name="note" class="note" placeholder="note (n)" size="24"></label>
</form>
</article>"""


def about_line(f: dict) -> str:
    """What a figure is about, on one line: measure [measure_key] · place (level) · reference
    period. Figures always get the line (a missing field shows as "–"); other facts only when the
    extractors gave them one of the fields."""
    if f.get("kind") not in NUMERIC_KINDS and not any(f.get(k) for k in ABOUT_FIELDS):
        return ""
    lang = lang_attr(f.get("article_language"))
    none = '<span class="none">–</span>'
    measure = f'<span class="measure"{lang}>{e(f["measure"])}</span>' if f.get("measure") else none
    key = f' <code class="measure-key">{e(f["measure_key"])}</code>' if f.get("measure_key") else ""
    place = (f'<span class="place"{lang}>{e(f["place"])}</span>' if f.get("place") else none) + \
        (f' <span class="place-level">({e(f["place_level"])})</span>' if f.get("place_level") else "")
    start, end = shown_value(f.get("ref_start")), shown_value(f.get("ref_end"))
    ref = (f'<span class="ref" data-start="{e(start)}" data-end="{e(end)}">{e(start or "…")} – {e(end or "…")}</span>'
           if start or end else none)
    return (f'<p class="about"><span class="label">measures</span> {measure}{key} · '
            f'<span class="label">place</span> {place} · <span class="label">period</span> {ref}</p>')


def check_item(c: dict, dismissed: bool = False, req: Request | None = None, back: str = "/") -> str:
    """One check on a fact card; a translation/original check with its two sentences side by side;
    a flagging check can be dismissed as a false alarm."""
    head = f'<b>{e(c["check_name"])}</b> ({e(c["severity"])}): '
    state = ' <span class="dismissed-note">(dismissed as a false alarm)</span>' if dismissed else ""
    dismiss = ""
    if req is not None and not dismissed and c["severity"] != "info":
        dismiss = (f'<form class="dismiss" method="post" action="/dismiss"><input type="hidden" name="csrf" '
                   f'value="{e(req.token)}"><input type="hidden" name="check_id" value="{e(c["check_id"])}">'
                   f'<input type="hidden" name="back" value="{e(back)}"><input type="hidden" name="reviewer" '
                   f'value="{e(req.reviewer)}"><button type="submit">dismiss: false alarm</button></form>')
    classes = f'check sev-{e(c["severity"])}' + (" dismissed" if dismissed else "")
    pair = c.get("pair")
    if not pair:
        return (f'<li class="{classes}" data-check="{e(c["check_name"])}">'
                f'{head}{e(c["message"])}{state}{dismiss}</li>')
    message = c["message"].split(" — translation: ", 1)[0]      # the sentences are shown below
    sides = "".join(_pair_side(f, role) for f, role in zip(pair, ("translation", "original")))
    return (f'<li class="{classes}" data-check="{e(c["check_name"])}">{head}{e(message)}{state}'
            f'<div class="pair">{sides}</div>{dismiss}</li>')


def _pair_side(f: dict, role: str) -> str:
    url = f.get("article_url") or ""
    link = article_link(url, f.get("article_title") or url, "article-link")
    sentence = highlight(f.get("sentence") or "", f.get("sentence_start") or 0, f["start"], f["end"], f["text"])
    return (f'<div class="side side-{role}" data-fact="{e(f["fact_id"])}"><div class="side-head">{e(role)} · '
            f'{e(f.get("site"))} · <a class="fact-link" href="/fact/{e(f["fact_id"])}">fact</a></div>'
            f'<p class="side-sentence"{lang_attr(f.get("article_language"))}>{sentence}</p>'
            f'<div class="side-article">{link}</div></div>')


def corrected_hint(f: dict) -> str:
    """The corrected-value field's placeholder; for a figure of an article that writes numbers
    otherwise than English, its value in that notation and a tooltip on how to type one."""
    plain = 'placeholder="corrected value (e)" size="18"'
    marks = notation(f.get("article_language"))
    if marks is None or f.get("kind") not in NUMERIC_KINDS:
        return plain
    lang = f.get("article_language")
    if f["kind"] == "ratio" and f.get("numerator") is not None and f.get("denominator") is not None:
        example = f'{shown_value(f["numerator"], lang)}/{shown_value(f["denominator"], lang)}'
    elif f.get("value") is not None and f.get("value") == f.get("value"):
        example = shown_value(f["value"], lang)
    else:
        return plain
    thousands, decimal = marks
    sample = written(1234.5, thousands, decimal)
    hint = f"corrected, as {example} (e)"
    return (f'placeholder="{e(hint)}" size="{max(18, len(hint) + 2)}" title="corrected value, numbers as the '
            f'article writes them: “{e(thousands)}” groups thousands, “{e(decimal)}” is the decimal mark '
            f'({e(sample)} = 1234.5)"')
