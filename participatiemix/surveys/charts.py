"""Server-rendered SVG bar charts for survey results (no JavaScript), always shown beside a data table.

Like scan/charts.py: hand-written SVG with role="img", a title and a description pointing to the table.
"""

from __future__ import annotations

from html import escape

WIDTH = 360
LABEL_ROW = 19
BAR = 16
GAP = 10
COLOUR = "#005A9C"


def bars(*, uid: str, title: str, desc: str, rows: list[tuple[str, int]]) -> str:
    """Horizontal bars, one per row: the label above its bar, the count after it."""
    top = max((n for _, n in rows), default=0) or 1
    scale = WIDTH - 60
    y = 6
    parts = []
    for label, n in rows:
        parts.append(f'<text x="0" y="{y + 13}" font-size="14">{escape(str(label)[:60])}</text>')
        y += LABEL_ROW
        width = max(1.5, scale * n / top) if n else 0
        parts.append(f'<rect x="0" y="{y}" width="{width:.1f}" height="{BAR}" fill="{COLOUR}"/>')
        parts.append(f'<text x="{width + 6:.1f}" y="{y + 13}" font-size="14">{n}</text>')
        y += BAR + GAP
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="pmx-chart" viewBox="0 0 {WIDTH} {y}" role="img" '
        f'aria-labelledby="{uid}-title {uid}-desc" font-family="sans-serif" fill="#1a1a1a">'
        f'<title id="{uid}-title">{escape(title)}</title><desc id="{uid}-desc">{escape(desc)}</desc>'
        + "".join(parts)
        + "</svg>"
    )
