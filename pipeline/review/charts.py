"""Small bar charts for the review page, drawn on the server as inline SVG.

A charting library would be a script the page's CSP would have to allow, or a vendored asset, for what
is a handful of bars; SVG written here needs neither, prints, and each bar is a link back to the
filtered queue it counts.
"""
from __future__ import annotations

import html
from dataclasses import dataclass

BAR_HEIGHT = 18
GAP = 6
LABEL_WIDTH = 220
BAR_WIDTH = 320
VALUE_WIDTH = 140


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    value: float
    href: str            # the queue filtered to what the bar counts
    note: str = ""       # shown after the value ("12 of 14")


def _e(text) -> str:
    return html.escape(str(text), quote=True)


def bar_chart(bars: list[Bar], title: str, *, scale_max: float | None = None, percent: bool = False) -> str:
    """Horizontal bars, one per row, longest = scale_max (else the largest value)."""
    if not bars:
        return f'<p class="chart-empty">{_e(title)}: nothing yet.</p>'
    top = scale_max if scale_max is not None else max(b.value for b in bars) or 1
    height = len(bars) * (BAR_HEIGHT + GAP) + GAP
    width = LABEL_WIDTH + BAR_WIDTH + VALUE_WIDTH
    rows = []
    for i, bar in enumerate(bars):
        y = GAP + i * (BAR_HEIGHT + GAP)
        length = max(1.0, BAR_WIDTH * bar.value / top) if bar.value else 0.0
        shown = f"{bar.value:.0%}" if percent else f"{bar.value:,.0f}"
        rows.append(
            f'<a href="{_e(bar.href)}"><g class="bar">'
            f'<text x="{LABEL_WIDTH - 6}" y="{y + BAR_HEIGHT - 5}" text-anchor="end">{_e(bar.label)}</text>'
            f'<rect x="{LABEL_WIDTH}" y="{y}" width="{length:.1f}" height="{BAR_HEIGHT}" rx="2"></rect>'
            f'<text x="{LABEL_WIDTH + length + 6:.1f}" y="{y + BAR_HEIGHT - 5}">{_e(shown)}'
            f'{(" · " + _e(bar.note)) if bar.note else ""}</text>'
            f'<title>{_e(bar.label)}: {_e(shown)}{(" (" + _e(bar.note) + ")") if bar.note else ""}</title>'
            f'</g></a>')
    return (f'<figure class="chart"><figcaption>{_e(title)}</figcaption>'
            f'<svg role="img" aria-label="{_e(title)}" viewBox="0 0 {width} {height}" width="{width}" '
            f'height="{height}" xmlns="http://www.w3.org/2000/svg">{"".join(rows)}</svg></figure>')
