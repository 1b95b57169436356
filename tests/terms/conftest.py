"""Fixtures of the term tests: targets of the demo term, and rows of the other demo branch."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from members.models import Member, Organisation
from terms import services
from terms.models import CommitteeRole, Target, TargetKind
from tests.terms.pages import OTHER_SLUG, target_named

D = datetime.date


@pytest.fixture
def admission(demo_term) -> Target:
    """Kết nạp đoàn viên: Đặng Tuyết Hằng (login `uyvien`) is responsible; it has progress entries."""
    return target_named(demo_term, "kết nạp")


@pytest.fixture
def party_target(demo_term) -> Target:
    """Giới thiệu đoàn viên ưu tú: the Secretary is responsible, not the committee member."""
    return target_named(demo_term, "giới thiệu")


@pytest.fixture
def bare_target(demo_term) -> Target:
    """A target with no progress yet (it may be deleted)."""
    resolution = demo_term.resolution
    return services.target_create(
        resolution=resolution, name="tổ chức hội thao", kind=TargetKind.NUMBER, planned_value=Decimal(1), unit="lần"
    )


@pytest.fixture
def other_branch_objects(demo_branch):
    """A term, a seat and a target of the other demo branch, to look them up under this branch's slug."""
    other = Organisation.objects.get(slug=OTHER_SLUG)
    term = services.term_create(branch=other, starts_on=D(2022, 3, 1), ends_on=D(2024, 8, 31))
    member = Member.objects.filter(branch=other).first()
    seat = services.seat_add(
        term=term, member=member, role=CommitteeRole.SECRETARY, started_on=D(2022, 3, 1), start_kind="elected"
    )
    resolution = services.resolution_ensure(term=term)
    target = services.target_create(
        resolution=resolution, name="chỉ tiêu của chi đoàn khác", kind=TargetKind.NUMBER, planned_value=Decimal(3)
    )
    return seat, target
