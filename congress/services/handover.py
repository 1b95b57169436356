"""The handover: the congress's results confirmed once, as the new term with its committee and resolution."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from congress.models import Congress, CongressStatus, ElectionKind
from congress.selectors import adopted_targets, election_outcome, elections_with_counts, is_small_branch
from congress.services import guards
from members.models import Member
from terms.models import CommitteeRole, CommitteeSeat, SeatEndKind, SeatStartKind, Term
from terms.services import resolution_ensure, seat_add, seat_end, target_create, term_create

# What an adopted draft target carries over to the new resolution's target (terms.models.planned).
PLANNED = ("name", "area", "kind", "planned_value", "planned_rating", "unit")


@dataclass
class Handover:
    term: Term
    seats: list[CommitteeSeat]
    ended: list[CommitteeSeat]


def handover_problems(congress: Congress) -> list[str]:
    """What still stands between the congress and its handover (empty when it can go)."""
    problems: list[str] = []
    if congress.opens_term_id is not None or congress.status == CongressStatus.CLOSED:
        return [_("Kết quả Đại hội đã được xác nhận: nhiệm kỳ mới đã được lập.")]
    if congress.status != CongressStatus.IN_SESSION:
        problems.append(_("Đại hội chưa khai mạc."))
    elections = {e.kind: e for e in congress.elections.all()}
    small = is_small_branch(congress)
    needed = [ElectionKind.SECRETARY] if small else [ElectionKind.COMMITTEE, ElectionKind.SECRETARY]
    for kind in needed:
        election = elections.get(kind)
        if election is None or not election.is_decided:
            problems.append(_("Chưa có kết quả bầu %(what)s.") % {"what": ElectionKind(kind).label})
    for election in elections.values():
        if not election.is_decided and election.kind not in needed:
            problems.append(_("Chưa có kết quả bầu %(what)s.") % {"what": election.get_kind_display()})
    if congress.resolution_adopted_on is None:
        problems.append(_("Nghị quyết Đại hội chưa được thông qua."))
    return problems


def _end_outgoing_term(congress: Congress) -> list[CommitteeSeat]:
    """The outgoing committee stays in office until the congress: its term ends the day before the new one."""
    old = Term.objects.select_for_update().get(pk=congress.closes_term_id)
    last_day = congress.new_term_starts_on - datetime.timedelta(days=1)
    if old.ends_on > last_day:
        old.ends_on = last_day
        guards.save_as_read(old)
    return [
        seat_end(seat=seat, on=old.ends_on, end_kind=SeatEndKind.TERM_ENDED)
        for seat in old.seats.open().order_by("position", "pk")
    ]


def _new_committee(congress: Congress) -> list[tuple[Member, CommitteeRole]]:
    """The elected, Secretary first, then the Deputy, then the members in name order."""
    outcomes = {e.kind: election_outcome(e) for e in elections_with_counts(congress)}
    roles: dict[int, CommitteeRole] = {}
    members: dict[int, Member] = {}
    for kind, role in ((ElectionKind.SECRETARY, CommitteeRole.SECRETARY), (ElectionKind.DEPUTY, CommitteeRole.DEPUTY)):
        if kind in outcomes:
            for candidate in outcomes[kind].elected:
                roles[candidate.member_id] = role
                members[candidate.member_id] = candidate.member
    committee: list[Member] = []
    if ElectionKind.COMMITTEE in outcomes:
        committee = [c.member for c in outcomes[ElectionKind.COMMITTEE].elected]
    for member_id, member in members.items():
        if member_id not in {m.pk for m in committee}:
            committee.append(member)
    rank = {CommitteeRole.SECRETARY: 0, CommitteeRole.DEPUTY: 1, CommitteeRole.MEMBER: 2}
    committee.sort(key=lambda m: (rank[roles.get(m.pk, CommitteeRole.MEMBER)], m.name_sort_key, m.pk))
    return [(member, roles.get(member.pk, CommitteeRole.MEMBER)) for member in committee]


@transaction.atomic
def congress_handover(*, congress: Congress) -> Handover:
    """Confirm the results: the new term, its committee, the adopted resolution. Runs once."""
    congress = guards.lock(congress)
    problems = handover_problems(congress)
    if problems:
        raise ValidationError(problems)
    ended = _end_outgoing_term(congress)
    new = term_create(
        branch=congress.branch,
        starts_on=congress.new_term_starts_on,
        ends_on=congress.new_term_ends_on,
        number=congress.new_term_number,
    )
    seats = [
        seat_add(
            term=new,
            member=member,
            role=role,
            started_on=congress.held_on,
            start_kind=SeatStartKind.ELECTED,
            position=position,
        )
        for position, (member, role) in enumerate(_new_committee(congress), start=1)
    ]
    resolution = resolution_ensure(
        term=new,
        title=congress.resolution_title or _("Nghị quyết Đại hội Chi đoàn nhiệm kỳ %(term)s") % {"term": new.label},
        adopted_on=congress.resolution_adopted_on,
    )
    for position, draft in enumerate(adopted_targets(congress), start=1):
        target_create(resolution=resolution, position=position, **{name: getattr(draft, name) for name in PLANNED})
    congress.opens_term = new
    congress.status = CongressStatus.CLOSED
    congress.handed_over_at = timezone.now()
    guards.save_as_read(congress)
    return Handover(term=new, seats=seats, ended=ended)
