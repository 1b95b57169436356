"""The congress's sets of members for the member picker's search (chidoan.lib.picker, members:picker).

Each scope narrows the branch's members the endpoint starts from, so it never shows anyone of another
branch; a congress or election that is not the branch's gives nobody.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db.models import QuerySet

from chidoan.lib.picker import register_scope
from congress.models import Congress, Election
from congress.selectors import candidate_pool


def _number(params: Mapping[str, str], name: str) -> int | None:
    try:
        return int(params.get(name, ""))
    except ValueError:
        return None


def _congress(branch: Any, params: Mapping[str, str]) -> Congress | None:
    pk = _number(params, "congress")
    return None if pk is None else Congress.objects.filter(pk=pk, closes_term__branch=branch).first()


def summoned(members: QuerySet, branch: Any, params: Mapping[str, str]) -> QuerySet:
    """The summoned of the congress (its bodies are chosen among them)."""
    congress = _congress(branch, params)
    return members.none() if congress is None else members.filter(pk__in=congress.attendances.values("member_id"))


def not_summoned(members: QuerySet, branch: Any, params: Mapping[str, str]) -> QuerySet:
    """The members the congress has not summoned yet (the summons' "Thêm đại biểu")."""
    congress = _congress(branch, params)
    return members.none() if congress is None else members.exclude(pk__in=congress.attendances.values("member_id"))


def candidates(members: QuerySet, branch: Any, params: Mapping[str, str]) -> QuerySet:
    """Who the election may still take as a candidate (congress.selectors.candidate_pool)."""
    congress = _congress(branch, params)
    pk = _number(params, "election")
    election = None if congress is None or pk is None else Election.objects.filter(pk=pk, congress=congress).first()
    if congress is None or election is None:
        return members.none()
    return members.filter(pk__in=candidate_pool(congress, election).values("pk"))


def register() -> None:
    register_scope("congress-summoned", summoned)
    register_scope("congress-not-summoned", not_summoned)
    register_scope("congress-candidates", candidates)
