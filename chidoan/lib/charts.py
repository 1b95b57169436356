"""Small charts drawn on the server as SVG: no JavaScript, no external library, readable on a phone.

Each function returns safe markup (every text is escaped) with a <title> and a
<desc> for screen readers; the page shows the same numbers as text next to it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

BLUE = "#0b4f9c"
LIGHT = "#e6ebf1"
ORANGE = "#ef8f00"
RED = "#c62828"
GREEN = "#2e7d32"
INK = "#24303f"
MUTED = "#5b6776"


class AgeBand(Protocol):
    """What the age chart reads of a band (members.figures.AgeBand)."""

    @property
    def label(self) -> str: ...
    @property
    def total(self) -> int: ...
    @property
    def near_limit(self) -> int: ...
    @property
    def over_limit(self) -> int: ...


@dataclass(frozen=True)
class Segment:
    value: int
    colour: str
    label: str


@dataclass(frozen=True)
class Row:
    label: str
    segments: Sequence[Segment]

    @property
    def total(self) -> int:
        return sum(s.value for s in self.segments)


def _svg(width: int, height: int, title: str, desc: str, body: list[str], chart_id: str) -> SafeString:
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" font-size="13">'
        f'<title id="{chart_id}-title">{escape(title)}</title><desc id="{chart_id}-desc">{escape(desc)}</desc>'
    )
    # Every text above went through escape().
    return mark_safe(head + "".join(body) + "</svg>")


def horizontal_bars(rows: Sequence[Row], *, title: str, chart_id: str, width: int = 340) -> SafeString:
    """One bar per row, split into coloured segments, with the row's total at the end."""
    label_width, count_width, row_height, bar_height = 64, 30, 30, 18
    plot = width - label_width - count_width
    largest = max([r.total for r in rows] + [1])
    height = row_height * len(rows) + 8
    body = []
    descriptions = []
    for i, row in enumerate(rows):
        y = 4 + i * row_height
        body.append(
            f'<text x="{label_width - 8}" y="{y + bar_height / 2 + 5}" text-anchor="end" fill="{INK}">'
            f"{escape(row.label)}</text>"
        )
        body.append(f'<rect x="{label_width}" y="{y}" width="{plot}" height="{bar_height}" rx="3" fill="{LIGHT}"/>')
        x = float(label_width)
        parts = []
        for segment in row.segments:
            if segment.value <= 0:
                continue
            w = plot * segment.value / largest
            body.append(
                f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="{bar_height}" fill="{segment.colour}">'
                f"<title>{escape(segment.label)}: {segment.value}</title></rect>"
            )
            x += w
            parts.append(f"{segment.label} {segment.value}")
        body.append(
            f'<text x="{width - count_width + 8}" y="{y + bar_height / 2 + 5}" fill="{INK}" font-weight="600">'
            f"{row.total}</text>"
        )
        descriptions.append(f"{row.label}: {row.total}" + (f" ({', '.join(parts)})" if parts else ""))
    return _svg(width, height, title, "; ".join(descriptions), body, chart_id)


def column_bars(
    columns: Sequence[tuple[str, int]], *, out_of: int, title: str, chart_id: str, width: int = 340, height: int = 190
) -> SafeString:
    """One column per label, drawn against `out_of` (the light column behind), value written on top."""
    top, bottom, left, right = 24, 30, 8, 8
    plot_h = height - top - bottom
    n = max(len(columns), 1)
    slot = (width - left - right) / n
    bar_w = min(56, slot * 0.6)
    scale = max(out_of, max([v for _l, v in columns] + [1]))
    body = [f'<line x1="{left}" y1="{top + plot_h}" x2="{width - right}" y2="{top + plot_h}" stroke="#c9d2dd"/>']
    descriptions = []
    for i, (label, value) in enumerate(columns):
        cx = left + slot * i + slot / 2
        x = cx - bar_w / 2
        full = plot_h * out_of / scale
        body.append(
            f'<rect x="{x:.1f}" y="{top + plot_h - full:.1f}" width="{bar_w:.1f}" height="{full:.1f}" rx="3" '
            f'fill="{LIGHT}"/>'
        )
        h = plot_h * value / scale
        colour = GREEN if out_of and value >= out_of else BLUE
        body.append(
            f'<rect x="{x:.1f}" y="{top + plot_h - h:.1f}" width="{bar_w:.1f}" height="{h:.1f}" rx="3" '
            f'fill="{colour}"/>'
        )
        body.append(
            f'<text x="{cx:.1f}" y="{top + plot_h - max(h, full) - 6:.1f}" text-anchor="middle" fill="{INK}" '
            f'font-weight="600">{value}/{out_of}</text>'
        )
        body.append(f'<text x="{cx:.1f}" y="{height - 10}" text-anchor="middle" fill="{MUTED}">{escape(label)}</text>')
        descriptions.append(f"{label}: {value}/{out_of}")
    return _svg(width, height, title, "; ".join(descriptions), body, chart_id)


def age_chart(bands: Sequence[AgeBand]) -> SafeString:
    """Active members by age band; those near (orange) or past (red) the coming-of-age limit stand out."""
    rows = [
        Row(
            band.label,
            [
                Segment(band.total - band.near_limit - band.over_limit, BLUE, _("Trong độ tuổi")),
                Segment(band.near_limit, ORANGE, _("Sắp trưởng thành Đoàn (trong 12 tháng)")),
                Segment(band.over_limit, RED, _("Quá tuổi, chưa làm thủ tục")),
            ],
        )
        for band in bands
    ]
    return horizontal_bars(rows, title=_("Đoàn viên đang sinh hoạt theo độ tuổi"), chart_id="bieu-do-tuoi")


def targets_chart(per_year: Sequence[tuple[int, int]], total: int) -> SafeString:
    """Targets reached by the end of each year of the term (cumulative), out of all targets."""
    return column_bars(
        [(str(year), value) for year, value in per_year],
        out_of=total,
        title=_("Số chỉ tiêu đã đạt đến cuối mỗi năm"),
        chart_id="bieu-do-chi-tieu",
    )
