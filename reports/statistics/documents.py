"""The statistics as the Union's document (HTML for the PDF) and as an XLSX workbook (a sheet per level)."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils.text import slugify

from chidoan.lib import spreadsheets
from chidoan.lib.text import nfc
from members.models import Organisation
from reports.render.page import render_document_html
from reports.self_review.wording import place_date_line
from reports.statistics.compute import COLUMNS, Row, Statistics

TYPE_CODE = "BC"  # Báo cáo: "Số: 03-BC/TĐ"
TEMPLATE = "reports/statistics_document.html"
HEADINGS = {key: (str(heading), str(group)) for key, heading, group in COLUMNS}

# The document's tables: a page is too narrow for every column at once.
SECTIONS: list[tuple[str, list[str]]] = [
    (
        "I. Đoàn viên đến ngày cuối kỳ",
        ["active", "transferred", "came_of_age", "left", "removed", "female", "male", "party"],
    ),
    (
        "II. Biến động đoàn viên trong kỳ",
        ["in_admitted", "in_transferred_in", "in_transferred_out", "in_came_of_age", "in_left", "in_removed"],
    ),
    (
        "III. Xếp loại năm {year}",
        [
            "member_excellent",
            "member_good",
            "member_completed",
            "member_not_completed",
            "branch_excellent",
            "branch_good",
            "branch_completed",
            "branch_not_completed",
        ],
    ),
    ("IV. Tổ chức cơ sở", ["branches", "congress_held", "congress_due", "committees_vacant", "seats_vacant"]),
]


def title(stats: Statistics) -> str:
    return nfc(f"Báo cáo số liệu tổ chức Đoàn và đoàn viên {stats.period.label} của {stats.organisation_name}")


def filename_stem(stats: Statistics) -> str:
    return slugify(f"bao-cao-so-lieu-{stats.period.slug}-{nfc(stats.organisation_name)}"[:180]) or "bao-cao-so-lieu"


def number_line(number: int | None, symbol: str) -> str:
    return f"Số: {number:02d}-{TYPE_CODE}/{symbol}" if number else f"Số:      -{TYPE_CODE}/{symbol}"


def _table(stats: Statistics, section_title: str, keys: list[str]) -> dict[str, Any]:
    groups: list[tuple[str, int]] = []
    for key in keys:
        group = HEADINGS[key][1]
        if groups and groups[-1][0] == group:
            groups[-1] = (group, groups[-1][1] + 1)
        else:
            groups.append((group, 1))
    return {
        "title": section_title.format(year=stats.period.year),
        "groups": groups,
        "headings": [HEADINGS[key][0] for key in keys],
        "rows": [(row.name, [row.figures[key] for key in keys]) for row in stats.rows],
        "total": [stats.total.figures[key] for key in keys],
    }


def document_context(
    stats: Statistics, *, organisation: Organisation, number: int | None, on: datetime.date
) -> dict[str, Any]:
    return {
        "organisation": organisation,
        "stats": stats,
        "title": title(stats),
        "number_line": number_line(number, organisation.document_symbol),
        "place_date_line": place_date_line(organisation.place_name, on),
        "tables": [_table(stats, section, keys) for section, keys in SECTIONS],
        "recipients": ["Ban Thường vụ cấp trên;", "Lưu VP."],
        "signer_on_behalf": "TM. BAN CHẤP HÀNH" if organisation.is_branch else "TM. BAN THƯỜNG VỤ",
        "signer_title": "BÍ THƯ",
        "signer_name": "",
    }


def statistics_html(stats: Statistics, *, organisation: Organisation, number: int | None, on: datetime.date) -> str:
    return render_document_html(TEMPLATE, document_context(stats, organisation=organisation, number=number, on=on))


def _sheet_rows(level: list[Row], *, with_parent: bool) -> list[list[Any]]:
    rows = []
    for position, row in enumerate(level, start=1):
        first = [position, row.name, row.kind] + ([row.parent_name] if with_parent else [])
        rows.append(first + [row.figures[key] for key, _h, _g in COLUMNS])
    return rows


def statistics_xlsx(stats: Statistics) -> bytes:
    """A sheet per level of the tree below the organisation: its children first, with the total row."""
    workbook = spreadsheets.new_workbook()
    figures = [f"{group}: {heading}" for _key, heading, group in COLUMNS]
    for depth, level in enumerate(stats.levels, start=1):
        with_parent = depth > 1
        headers = ["TT", "Đơn vị", "Cấp"] + (["Trực thuộc"] if with_parent else []) + figures
        rows = _sheet_rows(level, with_parent=with_parent)
        if depth == 1:
            rows.append(["", "Tổng cộng", ""] + [stats.total.figures[key] for key, _h, _g in COLUMNS])
        spreadsheets.add_sheet(workbook, "Trực thuộc" if depth == 1 else f"Cấp {depth}", headers, rows)
    return spreadsheets.to_bytes(workbook)
