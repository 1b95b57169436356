"""The handover: the congress's results confirmed once, as the new term with its committee and resolution."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from congress.models import Congress, CongressStatus, ElectionKind
from congress.selectors import adopted_targets, election_outcome, elections_with_counts, is_small_branch
from congress.services import guards
from members.models import Member
from members.selectors import suggested_username
from members.services import account_grant, account_grant_refusal
from terms.models import CommitteeRole, CommitteeSeat, SeatEndKind, SeatStartKind, Term
from terms.services import resolution_ensure, seat_add, seat_end, target_create, term_create

if TYPE_CHECKING:
    from django.contrib.auth.models import User

# The seats whose holders edit the branch (chidoan.lib.access.EDITORS through the seats).
EDITOR_ROLES = (CommitteeRole.SECRETARY, CommitteeRole.DEPUTY)

# What an adopted draft target carries over to the new resolution's target (terms.models.planned).
PLANNED = ("name", "area", "kind", "planned_value", "planned_rating", "unit")


@dataclass(frozen=True)
class GivenLogin:
    """A login the handover gave, with its one-time password: shown once to the person confirming."""

    member: Member
    username: str
    password: str


@dataclass
class Handover:
    term: Term
    seats: list[CommitteeSeat]
    ended: list[CommitteeSeat]
    logins: list[GivenLogin] = field(default_factory=list)


def _signs_in(member: Member) -> bool:
    return member.user is not None and member.user.is_active


@dataclass(frozen=True)
class EditorLogins:
    """The new Secretary and Deputy: who signs in already, who will be given a login, who cannot be."""

    signing_in: list[Member]
    to_give: list[Member]
    refused: list[tuple[Member, str]]

    def problem(self) -> str | None:
        """Why the new term would have nobody able to sign in and edit (None: somebody can)."""
        if self.signing_in or self.to_give or not self.refused:
            return None
        why = "; ".join(f"{member.full_name}: {refusal}" for member, refusal in self.refused)
        return _("Nhiệm kỳ mới sẽ không có ai đăng nhập và sửa được dữ liệu của Chi đoàn (%(why)s).") % {"why": why}


def editor_logins(congress: Congress, *, by: User) -> EditorLogins:
    """The logins of the new term's editors as the handover by `by` would leave them."""
    editors = [member for member, role in _new_committee(congress) if role in EDITOR_ROLES]
    signing_in = [m for m in editors if _signs_in(m)]
    to_give: list[Member] = []
    refused: list[tuple[Member, str]] = []
    for member in editors:
        if member in signing_in:
            continue
        refusal = account_grant_refusal(by=by, member=member)
        if refusal is None:
            to_give.append(member)
        else:
            refused.append((member, refusal))
    return EditorLogins(signing_in=signing_in, to_give=to_give, refused=refused)


def handover_problems(congress: Congress, *, by: User | None = None) -> list[str]:
    """What still stands between the congress and its handover by `by` (empty when it can go)."""
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
    if by is not None and not problems:
        problem = editor_logins(congress, by=by).problem()
        if problem:
            problems.append(problem)
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
def congress_handover(*, congress: Congress, by: User) -> Handover:
    """Confirm the results: the new term, its committee, the adopted resolution. Runs once.

    The new Secretary and Deputy who cannot sign in are given a login first, by `by` while
    the outgoing committee is still in office (members.services.account_grant, as "Cấp tài
    khoản" does); refused, with nothing changed, when nobody of them could sign in and edit.
    """
    congress = guards.lock(congress)
    problems = handover_problems(congress, by=by)
    if problems:
        raise ValidationError(problems)
    logins = []
    for member in editor_logins(congress, by=by).to_give:
        username = member.user.username if member.user is not None else suggested_username(member)
        user, password = account_grant(member=member, username=username, by=by)
        logins.append(GivenLogin(member=member, username=user.get_username(), password=password))
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
    return Handover(term=new, seats=seats, ended=ended, logins=logins)
