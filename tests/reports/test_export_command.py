"""`manage.py export_report` writes the report of any term to a file."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.management import CommandError, call_command

from reports import services
from reports.self_review.build import report_data
from tests.reports.helpers import docx_lines, pdf_lines, versus_seed

pytestmark = pytest.mark.django_db

SLUG = "so-lao-dong-thuong-binh-va-xa-hoi"


def test_it_writes_the_pdf_by_slug_and_term_label(tmp_path, demo_term):
    out = tmp_path / "bao-cao.pdf"
    call_command("export_report", branch=SLUG, term="2022 – 2024", format="pdf", out=str(out), stdout=io.StringIO())
    assert versus_seed(pdf_lines(out.read_bytes()), report_data(demo_term)) == []


def test_it_writes_the_docx_by_branch_id(tmp_path, demo_branch, demo_term):
    out = tmp_path / "bao-cao.docx"
    call_command(
        "export_report",
        branch=str(demo_branch.pk),
        term="2022-2024",
        format="docx",
        out=str(out),
        stdout=io.StringIO(),
    )
    assert versus_seed(docx_lines(out.read_bytes()), report_data(demo_term)) == []


def test_it_writes_the_html(tmp_path):
    out = tmp_path / "bao-cao.html"
    call_command("export_report", branch=SLUG, term="2022-2024", format="html", out=str(out), stdout=io.StringIO())
    html = out.read_text(encoding="utf-8")
    assert html.startswith("<!doctype html>")
    assert "LiberationSerif-Regular.ttf" in html


def test_it_writes_the_issued_version_as_stored(tmp_path, demo_term, roles):
    issued = services.report_issue(
        report=demo_term.self_review_report, by=roles.secretary, on=datetime.date(2024, 8, 20)
    )
    out = tmp_path / "ban-hanh.pdf"
    call_command(
        "export_report",
        branch=SLUG,
        term="2022-2024",
        format="pdf",
        out=str(out),
        issued=True,
        stdout=io.StringIO(),
    )
    assert out.read_bytes() == bytes(issued.pdf)


@pytest.mark.parametrize(
    ("branch", "term", "message"),
    [("khong-co", "2022-2024", "Không có chi đoàn"), (SLUG, "2019-2021", "không có nhiệm kỳ")],
)
def test_it_refuses_an_unknown_branch_or_term(tmp_path, branch, term, message):
    with pytest.raises(CommandError, match=message):
        call_command("export_report", branch=branch, term=term, format="pdf", out=str(tmp_path / "x.pdf"))
    assert not (tmp_path / "x.pdf").exists()
