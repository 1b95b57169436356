"""What the members tests share: addresses, the demo's members, new members, a posted rating table."""

from __future__ import annotations

import datetime
from collections.abc import Callable

from django.urls import reverse

from members import services
from members.models import Gender, Member, MemberRating
from tests.queries import count_queries

D = datetime.date


def url(name: str, branch, member: Member | None = None) -> str:
    kwargs = {"slug": branch.slug}
    if member is not None:
        kwargs["pk"] = member.pk
    return reverse(f"members:{name}", kwargs=kwargs)


def member_named(given: str) -> Member:
    return Member.objects.get(given_name=given, branch__slug="so-lao-dong-thuong-binh-va-xa-hoi")


def add_members(branch, n: int, *, start: int = 0) -> list[Member]:
    """`n` members admitted on 26 March 2023, named Nguyễn Văn Thử000, Thử001… from `start`."""
    return [
        services.member_admit(
            branch=branch,
            admitted_on=D(2023, 3, 26),
            family_name="Nguyễn",
            middle_name="Văn",
            given_name=f"Thử{start + i:03d}",
            date_of_birth=D(2000, 1, 1),
            gender=Gender.MALE,
        )
        for i in range(n)
    ]


def members_adder(branch) -> Callable[[int], list[Member]]:
    """For the query guards: each call adds `n` more members to the branch, named after the ones before."""
    added: list[Member] = []

    def add(n: int) -> list[Member]:
        new = add_members(branch, n, start=len(added))
        added.extend(new)
        return new

    return add


def queries_for(client, address: str) -> int:
    """The queries of one GET of `address`, after a first one (which also writes the session)."""
    return count_queries(address, client=client)


def ratings_post(rows: list[dict], *, year: int) -> dict:
    """The rating table as the page posts it; a row without a version carries the one the page shows now."""
    versions = dict(
        MemberRating.objects.filter(year=year, member_id__in=[row["member"] for row in rows]).values_list(
            "member_id", "version"
        )
    )
    data = {"xl-TOTAL_FORMS": str(len(rows)), "xl-INITIAL_FORMS": str(len(rows))}
    for i, row in enumerate(rows):
        for key, value in {"version": versions.get(row["member"], 0), **row}.items():
            data[f"xl-{i}-{key}"] = value
    return data
