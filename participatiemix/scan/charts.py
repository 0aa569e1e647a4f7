"""Hand-written SVG bar charts for the scan (no JavaScript). Every chart is shown next to a data table.

Scores run from 1 to 5, so a bar starts at 1. The chart is `role="img"` with a title and a description
that points to the table; colours differ by at least 3:1 from white and are named in the legend.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from html import escape

COLOURS = ("#3A1A66", "#005A9C", "#8A5A00", "#1B6E35", "#595959", "#111111")
WIDTH = 420
LEFT = 8
RIGHT = 44
BAR = 14
GAP = 4


@dataclass(frozen=True)
class Cluster:
    label: str
    values: Sequence[float | None]  # one per series, None = no data


def grouped_bars(
    *,
    uid: str,
    title: str,
    desc: str,
    series: Sequence[str],
    clusters: Sequence[Cluster],
    fmt: Callable[[float], str] = lambda v: f"{v:.1f}",
) -> str:
    scale_width = WIDTH - LEFT - RIGHT
    columns = 2 if max((len(s) for s in series), default=0) <= 26 else 1
    legend_rows = (len(series) + columns - 1) // columns
    y = 10 + legend_rows * 20 + 24
    parts: list[str] = []
    for index, name in enumerate(series):
        lx = LEFT + (index % columns) * (WIDTH // columns)
        ly = 10 + (index // columns) * 20
        parts.append(f'<rect x="{lx}" y="{ly}" width="14" height="14" fill="{COLOURS[index % len(COLOURS)]}"/>')
        parts.append(f'<text x="{lx + 20}" y="{ly + 12}" font-size="13">{escape(name)}</text>')
    axis_top = y - 14
    for tick in range(1, 6):
        x = LEFT + scale_width * (tick - 1) / 4
        parts.append(f'<text x="{x:.1f}" y="{axis_top}" font-size="12" text-anchor="middle">{tick}</text>')
    grid_start = y - 8
    body: list[str] = []
    for cluster in clusters:
        body.append(f'<text x="{LEFT}" y="{y + 12}" font-size="14" font-weight="700">{escape(cluster.label)}</text>')
        y += 20
        for index, value in enumerate(cluster.values):
            colour = COLOURS[index % len(COLOURS)]
            if value is None:
                body.append(f'<text x="{LEFT}" y="{y + 11}" font-size="12" fill="#595959">–</text>')
            else:
                width = max(1.5, scale_width * (min(max(value, 1), 5) - 1) / 4)
                body.append(f'<rect x="{LEFT}" y="{y}" width="{width:.1f}" height="{BAR}" fill="{colour}"/>')
                body.append(f'<text x="{LEFT + width + 4:.1f}" y="{y + 11}" font-size="12">{escape(fmt(value))}</text>')
            y += BAR + GAP
        y += 10
    for tick in range(1, 6):
        x = LEFT + scale_width * (tick - 1) / 4
        line = f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{grid_start}" y2="{y - 6}" stroke="#c8c8c8" stroke-width="1"/>'
        parts.append(line)
    height = y + 4
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="pmx-chart" viewBox="0 0 {WIDTH} {height}" '
        f'role="img" aria-labelledby="{uid}-title {uid}-desc" font-family="sans-serif" fill="#1a1a1a">'
        f'<title id="{uid}-title">{escape(title)}</title><desc id="{uid}-desc">{escape(desc)}</desc>'
        + "".join(parts)
        + "".join(body)
        + "</svg>"
    )
