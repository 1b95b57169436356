"""The member list as XLSX: the list's filters, the import's columns, real dates; export then import changes nothing."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from members.imports.checking import check_table
from members.imports.reading import read_table
from members.models import Member
from tests.members.helpers import url
from tests.members.import_files import HEADERS, D

pytestmark = pytest.mark.django_db


def export(client, branch, **query):
    response = client.get(url("export", branch), query)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert "attachment" in response["Content-Disposition"]
    return response.content


def test_the_export_has_the_imports_columns_styled_frozen_and_real_dates(client, roles, demo_branch):
    client.force_login(roles.secretary)
    sheet = load_workbook(io.BytesIO(export(client, demo_branch, status=""))).worksheets[0]
    header = [cell for cell in sheet[1]]
    assert [cell.value for cell in header] == HEADERS
    assert all(cell.font.bold for cell in header) and header[0].fill.fgColor.rgb.endswith("1F5FAD")
    assert sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["E"].width >= 12  # Ngày sinh fits dd/mm/yyyy
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert len(rows) == Member.objects.filter(branch=demo_branch).count()
    trang = Member.objects.get(branch=demo_branch, given_name="Trang")
    row = next(r for r in rows if r[3] == "Trang")
    assert row[4].date() == trang.date_of_birth  # a date cell, not text
    assert sheet.cell(row=rows.index(row) + 2, column=5).number_format == "DD/MM/YYYY"
    assert row[5] == "Nữ" and row[7] == "Đang sinh hoạt"


def test_the_export_keeps_the_lists_filters(client, roles, demo_branch):
    client.force_login(roles.secretary)
    rows = read_table(export(client, demo_branch, q="thu trang")).rows
    assert [cells[3] for _n, cells in rows] == ["Trang"]
    active = read_table(export(client, demo_branch)).rows  # the list's default: active members
    assert len(active) == Member.objects.filter(branch=demo_branch).active_on(D.today()).count()


def test_export_then_import_changes_nothing(client, roles, demo_branch, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    trang = Member.objects.get(branch=demo_branch, given_name="Trang")
    trang.card_number, trang.is_party_member, trang.party_admitted_on = "079098001234", True, D(2021, 5, 19)
    trang.notes = "Dòng một\nDòng hai"
    trang.save()
    client.force_login(roles.secretary)
    data = export(client, demo_branch, status="")
    plan = check_table(branch=demo_branch, table=read_table(data))
    assert plan.refused == [] and plan.new == [] and plan.updated == []
    assert plan.unchanged == Member.objects.filter(branch=demo_branch).count()
    # and through the pages: nothing to save
    page = client.post(url("import", demo_branch), {"file": SimpleUploadedFile("x.xlsx", data)}, follow=True)
    assert "Tệp không có gì khác với danh sách hiện tại." in page.content.decode()


def test_the_export_refuses_a_member_outside_the_readers(client, roles, demo_branch):
    client.force_login(roles.member)
    assert client.get(url("export", demo_branch)).status_code == 403
