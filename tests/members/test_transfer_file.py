"""Outside the installation: beside the letter, the member as a file the receiving installation's import takes.

The receiving installation is played by another branch of this database, after the
sending side's records of the member are deleted (the other installation has none of
them, and the import refuses a card number held in another branch).
"""

from __future__ import annotations

import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from members import selectors, services
from members.imports.checking import check_table
from members.imports.reading import read_table
from members.imports.saving import plan_save
from members.models import (
    MEMBER_DETAIL_FIELDS,
    Gender,
    Member,
    MemberStatus,
    Organisation,
    OrganisationOfficer,
    Transfer,
)
from tests.members.factories import MemberFactory, OrganisationFactory, UserFactory
from tests.members.import_files import HEADERS

pytestmark = pytest.mark.django_db

D = datetime.date


def file_url(transfer) -> str:
    return reverse("members:transfer_file", kwargs={"slug": transfer.from_branch.slug, "pk": transfer.pk})


@pytest.fixture
def leaving(demo_branch):
    """A member with every field of the record filled, transferred to a branch outside the installation."""
    member = MemberFactory(
        branch=demo_branch,
        card_number="079098004321",
        family_name="Võ",
        middle_name="Ngọc Thảo",
        given_name="Uyên",
        date_of_birth=D(1998, 8, 5),
        gender=Gender.FEMALE,
        phone="0912 345 678",
        email="uyen.vo@example.org",
        address="12 Lê Lợi, phường Bến Nghé",
        workplace="Phòng Kế hoạch – Tài chính",
        admitted_on=D(2014, 3, 26),
        is_party_member=True,
        party_admitted_on=D(2021, 5, 19),
        has_salary=False,
        leadership_exemption=True,
        notes="Dòng một\nDòng hai",
    )
    transfer = services.transfer_record(
        member=member,
        to_text="Chi đoàn Công ty ABC, tỉnh Bình Dương",
        requested_on=D(2026, 9, 2),
        assessment="Hoàn thành tốt nhiệm vụ.",
        dues_paid_until=D(2026, 9, 30),
    )
    return member, transfer


def test_the_file_beside_the_letter_imports_into_another_installation_with_every_field_equal(client, roles, leaving):
    member, transfer = leaving
    client.force_login(roles.secretary)
    page = client.get(reverse("members:transfers", kwargs={"slug": transfer.from_branch.slug})).content.decode()
    assert file_url(transfer) in page and "Tệp Excel cho nơi tiếp nhận" in page
    response = client.get(file_url(transfer))
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    data = response.content
    sheet = load_workbook(io.BytesIO(data)).worksheets[0]
    assert [cell.value for cell in sheet[1]] == HEADERS  # exactly the import's columns
    assert len(list(sheet.iter_rows(min_row=2))) == 1
    expected = {field: getattr(member, field) for field in MEMBER_DETAIL_FIELDS}

    Transfer.objects.filter(member=member).delete()  # the other installation has none of our records
    member.delete()
    receiving = OrganisationFactory()
    plan = check_table(branch=receiving, table=read_table(data))
    assert plan.refused == [] and len(plan.new) == 1
    plan_save(plan=plan, by=None, reason="Tệp chuyển sinh hoạt")

    arrived = Member.objects.get(branch=receiving)
    assert {field: getattr(arrived, field) for field in MEMBER_DETAIL_FIELDS} == expected
    assert selectors.member_status_on(arrived, D(2026, 9, 2)) == MemberStatus.ACTIVE


def test_a_transfer_inside_the_installation_has_no_file(client, roles, demo_branch):
    receiving = OrganisationFactory()
    transfer = services.transfer_record(
        member=MemberFactory(branch=demo_branch),
        to_branch=receiving,
        requested_on=D(2026, 9, 2),
        assessment="Tốt.",
        dues_paid_until=D(2026, 9, 30),
    )
    client.force_login(roles.secretary)
    assert client.get(file_url(transfer)).status_code == 404
    page = client.get(reverse("members:transfers", kwargs={"slug": demo_branch.slug})).content.decode()
    assert file_url(transfer) not in page


def test_another_branchs_editor_cannot_have_the_file(client, leaving):
    _member, transfer = leaving
    other = Organisation.objects.get(slug="so-y-te-mau")
    editor = UserFactory(username="bithu-yte")
    OrganisationOfficer.objects.create(user=editor, organisation=other, can_edit=True)
    client.force_login(editor)
    address = reverse("members:transfer_file", kwargs={"slug": other.slug, "pk": transfer.pk})
    assert client.get(address).status_code == 404
