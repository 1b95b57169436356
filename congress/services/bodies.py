"""The congress's bodies: the presidium, the secretaries and the counting committee, approved by show of hands."""

from __future__ import annotations

from collections.abc import Sequence

from django.db import transaction
from django.utils.translation import gettext as _

from congress.models import BodyKind, BodyMember, Candidate, Congress, CongressBody, ElectedBy, WithdrawalDecision
from congress.services import guards
from members.models import Member


@transaction.atomic
def body_set_members(
    *, congress: Congress, kind: str, members: Sequence[Member], head: Member | None = None
) -> CongressBody:
    """Who sits on the presidium, the secretariat or the counting committee (before its show of hands)."""
    congress = guards.lock(congress)
    guards.require_open(congress)
    if kind not in BodyKind.values:
        guards.refuse(_("Bộ phận không hợp lệ."), "kind")
    if not members:
        guards.refuse(_("Cần chọn ít nhất một đồng chí."), "members")
    body, _created = CongressBody.objects.get_or_create(congress=congress, kind=kind)
    if body.is_voted:
        guards.refuse(
            _("%(body)s đã được Đại hội biểu quyết: không thay đổi được.") % {"body": body.get_kind_display()}
        )
    summoned = set(congress.attendances.values_list("member_id", flat=True))
    for member in members:
        if member.pk not in summoned:
            guards.refuse(_("%(name)s không có trong danh sách triệu tập.") % {"name": member.full_name}, "members")
    if head is not None and head.pk not in {m.pk for m in members}:
        guards.refuse(_("Người chủ trì phải là một trong các thành viên."), "head")
    if kind == BodyKind.COUNTING:
        candidates = set(
            Candidate.objects.filter(election__congress=congress, election__elected_by=ElectedBy.CONGRESS)
            .exclude(withdrawal_decision=WithdrawalDecision.ACCEPTED)
            .values_list("member_id", flat=True)
        )
        clash = [m.full_name for m in members if m.pk in candidates]
        if clash:
            guards.refuse(_("Người ứng cử không được ở trong Ban Kiểm phiếu: %(names)s.") % {"names": ", ".join(clash)})
    body.members.all().delete()
    for position, member in enumerate(members, start=1):
        BodyMember.objects.create(
            body=body, member=member, position=position, is_head=head is not None and member.pk == head.pk
        )
    guards.save_as_read(body)
    return body


@transaction.atomic
def body_approve(*, body: CongressBody, votes_for: int, votes_against: int, votes_abstain: int) -> CongressBody:
    """The show of hands on a body; refused before the quorum."""
    congress = guards.lock(body.congress)
    guards.require_session(congress)
    quorum = guards.require_quorum(congress)
    body = CongressBody.objects.select_for_update().get(pk=body.pk)
    if not body.members.exists():
        guards.refuse(_("Chưa có danh sách %(body)s.") % {"body": body.get_kind_display()})
    guards.check_hands(
        votes_for=votes_for, votes_against=votes_against, votes_abstain=votes_abstain, voters=quorum.present
    )
    body.votes_for, body.votes_against, body.votes_abstain = votes_for, votes_against, votes_abstain
    body.voters = quorum.present
    guards.save_as_read(body)
    return body
