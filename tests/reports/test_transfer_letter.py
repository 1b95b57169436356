"""The transfer letter (giấy giới thiệu sinh hoạt Đoàn) the sending branch prints, read back from the PDF."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from members import services
from members.models import Member, Organisation
from tests.reports.helpers import pdf_text

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def transfer(demo_branch):
    member = Member.objects.get(branch=demo_branch, family_name="Phạm", given_name="Trang")
    return services.transfer_record(
        member=member,
        to_branch=Organisation.objects.get(slug="so-y-te-mau"),
        requested_on=D(2024, 9, 2),
        assessment="Hoàn thành tốt nhiệm vụ, tích cực tham gia phong trào.",
        dues_paid_until=D(2024, 9, 30),
    )


def letter_url(transfer, *, slug: str | None = None, name: str = "transfer_letter_pdf") -> str:
    return reverse(f"reports:{name}", kwargs={"slug": slug or transfer.from_branch.slug, "pk": transfer.pk})


def test_the_letter_says_who_goes_where_with_the_assessment_and_dues(client, roles, transfer):
    client.force_login(roles.secretary)
    response = client.get(letter_url(transfer))
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="giay-gioi-thieu-sinh-hoat-doan-{transfer.pk}.pdf"'
    text = pdf_text(response.content)
    to = transfer.to_branch.name
    for words in (
        "ĐOÀN TNCS HỒ CHÍ MINH",
        "GIẤY GIỚI THIỆU SINH HOẠT ĐOÀN",
        f"Kính gửi: {to}",
        "Đồng chí: Phạm Thị Thu Trang",
        "Đã đóng đoàn phí đến: 30/09/2024.",
        "Nhận xét của Chi đoàn: Hoàn thành tốt nhiệm vụ, tích cực tham gia phong trào.",
        f"Được chuyển sinh hoạt Đoàn đến {to} kể từ ngày 02/09/2024.",
        "TM. BAN CHẤP HÀNH BÍ THƯ",
        "Lê Huỳnh Khắc Huy",
    ):
        assert words in text, words


def test_the_receiving_branch_cannot_print_the_senders_letter(client, roles, transfer):
    client.force_login(roles.officer)  # sees both demo branches, edits neither
    assert client.get(letter_url(transfer)).status_code == 403
    client.force_login(roles.secretary)
    assert client.get(letter_url(transfer, slug="so-y-te-mau")).status_code == 404
