"""The new resolution: its draft targets, and the show of hands on each target or on the whole."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from congress.models import Congress, DraftTarget, ResolutionVote
from congress.services import guards

DRAFT_TARGET_FIELDS = {"name", "area", "kind", "planned_value", "planned_rating", "unit", "position"}


def _require_resolution_not_voted(congress: Congress) -> None:
    if congress.resolution_votes.exists():
        guards.refuse(_("Đại hội đã biểu quyết các chỉ tiêu: không sửa dự thảo được nữa."))


@transaction.atomic
def draft_target_add(*, congress: Congress, **fields: Any) -> DraftTarget:
    guards.check_fields(fields, DRAFT_TARGET_FIELDS, "target")
    congress = guards.lock(congress)
    guards.require_open(congress)
    _require_resolution_not_voted(congress)
    if not fields.get("position"):  # after the last one
        fields["position"] = (congress.draft_targets.aggregate(last=Max("position"))["last"] or 0) + 1
    target = DraftTarget(congress=congress, **fields)
    target.clean_planned()
    guards.save_new(target)
    return target


@transaction.atomic
def draft_target_remove(*, target: DraftTarget) -> None:
    congress = guards.lock(target.congress)
    guards.require_open(congress)
    _require_resolution_not_voted(congress)
    target.delete()


@transaction.atomic
def resolution_vote(
    *, congress: Congress, target: DraftTarget | None, votes_for: int, votes_against: int, votes_abstain: int
) -> ResolutionVote:
    """A show of hands on one target, or on the whole resolution (which adopts it when it passes)."""
    congress = guards.lock(congress)
    guards.require_session(congress)
    quorum = guards.require_quorum(congress)
    if not congress.draft_targets.exists():
        guards.refuse(_("Dự thảo Nghị quyết chưa có chỉ tiêu nào."))
    if target is not None and target.congress_id != congress.pk:
        guards.refuse(_("Chỉ tiêu không thuộc Đại hội này."))
    guards.check_hands(
        votes_for=votes_for, votes_against=votes_against, votes_abstain=votes_abstain, voters=quorum.present
    )
    if target is None and congress.resolution_adopted_on is not None:
        guards.refuse(_("Nghị quyết đã được thông qua."))
    vote, _created = ResolutionVote.objects.get_or_create(congress=congress, target=target)
    vote.votes_for, vote.votes_against, vote.votes_abstain = votes_for, votes_against, votes_abstain
    vote.voters = quorum.present
    guards.save_as_read(vote)
    if target is None and vote.passed:
        congress.resolution_adopted_on = congress.held_on
        guards.save_as_read(congress)
    return vote
