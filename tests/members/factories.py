"""Factories for organisations and members.

Members are made as the product makes them: a Member row plus a dated
"admitted" status change, so that `active_on` and the committee rules see them.
"""

from __future__ import annotations

import datetime

import factory
from django.contrib.auth import get_user_model

from members.models import (
    BranchType,
    Gender,
    Member,
    MemberStatusChange,
    Organisation,
    OrganisationKind,
    StatusChangeKind,
)

D = datetime.date


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"nguoidung{n}")
    password = factory.django.Password("demo12345")


class ParentOrganisationFactory(factory.django.DjangoModelFactory):
    """A level above branches (Đoàn cơ sở)."""

    class Meta:
        model = Organisation

    kind = OrganisationKind.GRASSROOTS
    name = factory.Sequence(lambda n: f"Đoàn cơ sở thử nghiệm {n}")
    short_name = factory.Sequence(lambda n: f"Cơ sở thử nghiệm {n}")
    slug = factory.Sequence(lambda n: f"doan-co-so-thu-{n}")
    parent = None


class OrganisationFactory(factory.django.DjangoModelFactory):
    """A branch (chi đoàn) under its own parent organisation."""

    class Meta:
        model = Organisation

    kind = OrganisationKind.BRANCH
    name = factory.Sequence(lambda n: f"Chi đoàn Phòng thử nghiệm {n}")
    short_name = factory.Sequence(lambda n: f"Phòng thử nghiệm {n}")
    slug = factory.Sequence(lambda n: f"chi-doan-thu-{n}")
    parent = factory.SubFactory(ParentOrganisationFactory)
    branch_type = BranchType.AGENCY


_GIVEN = ["An", "Bình", "Chi", "Dũng", "Giang", "Hà", "Khánh", "Linh", "Minh", "Ngân", "Phúc", "Quân", "Sơn"]


class MemberFactory(factory.django.DjangoModelFactory):
    """An active member of a branch, admitted on `admitted_on` (a status change records it)."""

    class Meta:
        model = Member
        skip_postgeneration_save = True

    branch = factory.SubFactory(OrganisationFactory)
    family_name = "Trần"
    middle_name = "Văn"
    given_name = factory.Sequence(lambda n: _GIVEN[n % len(_GIVEN)])
    date_of_birth = D(1996, 5, 17)
    gender = Gender.MALE
    admitted_on = D(2012, 3, 26)

    @factory.post_generation
    def admitted(self, create: bool, extracted, **kwargs) -> None:
        """Pass `admitted=False` for a member with no status history at all."""
        if create and extracted is not False:
            MemberStatusChange.objects.create(member=self, kind=StatusChangeKind.ADMITTED, on=self.admitted_on)


def branch_with_members(count: int, **branch_fields) -> tuple[Organisation, list[Member]]:
    """A fresh branch with `count` members active since 2012."""
    branch = OrganisationFactory(**branch_fields)
    return branch, MemberFactory.create_batch(count, branch=branch)
