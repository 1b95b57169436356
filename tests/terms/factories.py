"""Factories for terms and committee seats (on top of tests/members/factories.py)."""

from __future__ import annotations

import datetime
from decimal import Decimal

import factory

from terms.models import CommitteeRole, CommitteeSeat, Resolution, SeatStartKind, Target, TargetKind, Term
from tests.members.factories import MemberFactory, OrganisationFactory

D = datetime.date


class TermFactory(factory.django.DjangoModelFactory):
    """A 30-month term of an agency branch, as in the seed (2022 – 2024)."""

    class Meta:
        model = Term

    branch = factory.SubFactory(OrganisationFactory)
    starts_on = D(2022, 3, 1)
    ends_on = D(2024, 8, 31)


class SeatFactory(factory.django.DjangoModelFactory):
    """A seat elected at the congress, held by a member of the term's branch."""

    class Meta:
        model = CommitteeSeat

    term = factory.SubFactory(TermFactory)
    member = factory.LazyAttribute(lambda seat: MemberFactory(branch=seat.term.branch))
    role = CommitteeRole.MEMBER
    position = factory.Sequence(lambda n: n + 1)
    started_on = factory.LazyAttribute(lambda seat: seat.term.starts_on)
    start_kind = SeatStartKind.ELECTED


class ResolutionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Resolution

    term = factory.SubFactory(TermFactory)
    title = "Nghị quyết Đại hội"
    adopted_on = factory.LazyAttribute(lambda r: r.term.starts_on)


class TargetFactory(factory.django.DjangoModelFactory):
    """Admit 5 new members during the term."""

    class Meta:
        model = Target

    resolution = factory.SubFactory(ResolutionFactory)
    position = factory.Sequence(lambda n: n + 1)
    name = "kết nạp đoàn viên mới"
    kind = TargetKind.NUMBER
    planned_value = Decimal(5)
    unit = "đoàn viên"
