"""Logins of members: a branch editor gives one (a one-time password shown once) or takes it away.

Who may give or reset whose login is `members.rules.account_grant_refusal` and
`account_revoke_refusal`; this module gathers the facts they need and refuses here,
whatever page asked, so that nobody takes over a login that is not theirs to reset.
Every grant, reset and revoke leaves an `AccountEvent`.
"""

from __future__ import annotations

import logging
import secrets
from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from chidoan.lib.access import Access, branch_access_by_slug
from members import rules
from members.models import AccountEvent, AccountEventKind, AccountState, Member, Organisation, OrganisationOfficer

if TYPE_CHECKING:
    from django.contrib.auth.models import User

logger = logging.getLogger(__name__)

# No 0/O, 1/l/I: the password is read off a screen and typed by someone else.
_PASSWORD_ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
ONE_TIME_PASSWORD_LENGTH = 10


def _one_time_password() -> str:
    return "".join(secrets.choice(_PASSWORD_ALPHABET) for _ in range(ONE_TIME_PASSWORD_LENGTH))


def login_facts(*, user: User, member: Member) -> rules.LoginFacts:
    """What the rules need to know of `user`, the login linked to `member`."""
    target_access = branch_access_by_slug(user, member.branch.slug)
    if target_access is not None and target_access.reads_closed_terms_only:
        target_access = None  # a former committee member who no longer takes part: no role in the branch today
    return rules.LoginFacts(
        role=target_access.role if target_access is not None else None,
        is_active=user.is_active,
        is_staff=user.is_staff,
        is_superuser=user.is_superuser,
        is_officer=OrganisationOfficer.objects.filter(user=user).exists(),
        linked_elsewhere=Member.objects.filter(user=user).exclude(pk=member.pk).exists(),
    )


def _other_branch_editors(*, access: Access, but: User) -> int:
    """The active logins other than `but` that edit the branch from a Secretary's or Deputy's seat."""
    if access.seats is None:
        return 0
    User = get_user_model()
    user_ids = {pk for pk in access.seats.values_list("member__user_id", flat=True) if pk not in (None, but.pk)}
    count = 0
    # The committee of one term: a handful of logins, each asked through the one rule of roles.
    for user in User.objects.filter(pk__in=user_ids, is_active=True):
        other = branch_access_by_slug(user, access.branch.slug)
        if other is not None and other.role in rules.BRANCH_EDITOR_ROLES:
            count += 1
    return count


def _member_is_active(member: Member) -> bool:
    return Member.objects.filter(pk=member.pk).active_on(timezone.localdate()).exists()


def _actor_access(*, by: User, member: Member) -> Access | None:
    # Asked here, not taken from the caller: the rule of roles decides what `by` may do in the member's branch.
    return branch_access_by_slug(by, member.branch.slug)


def _no_access() -> str:
    return _("Bạn không có quyền với chi đoàn của đoàn viên này.")


def account_refusals(*, by: User, member: Member) -> tuple[str | None, str | None]:
    """Why `by` may not (give or reset, take away) `member`'s login; None where they may. One look at the facts."""
    access = _actor_access(by=by, member=member)
    if access is None:
        return _no_access(), _no_access()
    target = member.user
    is_own = target is not None and target.pk == by.pk
    facts = login_facts(user=target, member=member) if target is not None else None
    grant = rules.account_grant_refusal(
        actor_role=access.role, is_own=is_own, member_active=_member_is_active(member), target=facts
    )
    editors = 0
    if target is not None and facts is not None and facts.role in rules.BRANCH_EDITOR_ROLES:
        editors = _other_branch_editors(access=access, but=target)
    revoke = rules.account_revoke_refusal(
        actor_role=access.role, is_own=is_own, target=facts, other_branch_editors=editors
    )
    return grant, revoke


def account_grant_refusal(*, by: User, member: Member) -> str | None:
    """Why `by` may not give `member` a login or a new one-time password, or None when they may."""
    return account_refusals(by=by, member=member)[0]


def account_revoke_refusal(*, by: User, member: Member) -> str | None:
    """Why `by` may not take `member`'s login away, or None when they may."""
    return account_refusals(by=by, member=member)[1]


def _refuse(refusal: str | None, *, action: str, by: User, member: Member) -> None:
    if refusal:
        logger.warning("Refused %s of member %s's login by user %s: %s", action, member.pk, by.pk, refusal)
        raise ValidationError(refusal)


def _record(*, kind: str, member: Member, user: User, by: User) -> None:
    access = _actor_access(by=by, member=member)
    try:
        by_name = by.member.full_name
    except Member.DoesNotExist:
        by_name = by.get_full_name() or by.get_username()
    event = AccountEvent(
        member=member,
        kind=kind,
        user=user,
        username=user.get_username(),
        by=by,
        by_name=by_name,
        by_role=access.role if access is not None else "",
    )
    event.full_clean()
    event.save()


@transaction.atomic
def account_grant(*, member: Member, username: str, by: User) -> tuple[User, str]:
    """Give a member a login (or a new one-time password); returns the user and the password, to show once.

    Refused, with nothing changed, unless `members.rules.account_grant_refusal` allows `by`
    to. The member must change the password at their next sign-in.
    """
    User = get_user_model()
    member = Member.objects.select_for_update(of=("self",)).select_related("user", "branch").get(pk=member.pk)
    _refuse(account_grant_refusal(by=by, member=member), action="grant", by=by, member=member)
    username = username.strip()
    if not username:
        raise ValidationError({"username": _("Cần nhập tên đăng nhập.")})
    taken = User.objects.filter(username__iexact=username)
    if member.user_id:
        taken = taken.exclude(pk=member.user_id)
    if taken.exists():
        raise ValidationError({"username": _("Tên đăng nhập này đã có người dùng.")})
    # A login taken away and given back is a grant; a new password for a login in use, a reset.
    kind = AccountEventKind.RESET if member.user is not None and member.user.is_active else AccountEventKind.GRANTED
    user = member.user or User()
    user.username = username
    user.email = member.email
    user.first_name = member.given_name
    user.last_name = " ".join(p for p in (member.family_name, member.middle_name) if p)
    user.is_active = True
    password = _one_time_password()
    user.set_password(password)
    user.full_clean(exclude=["password"])
    user.save()
    if member.user_id != user.pk:
        member.user = user
        member.save(update_fields=["user"])
    AccountState.objects.update_or_create(
        user=user, defaults={"must_change_password": True, "granted_by": by, "granted_at": timezone.now()}
    )
    _record(kind=kind, member=member, user=user, by=by)
    return user, password


def login_lock(*, user: User) -> None:
    """Lock a login rather than delete it, so that history keeps who did what."""
    user.is_active = False
    user.set_unusable_password()
    user.save()


@transaction.atomic
def account_revoke(*, member: Member, by: User) -> None:
    """Take a member's login away; refused, with nothing changed, unless `members.rules.account_revoke_refusal` allows it."""
    # The branch row first: two revokes of the branch's last two editors, at the same instant,
    # would each see the other's login still active.
    Organisation.objects.select_for_update().filter(pk=member.branch_id).first()
    # Lock only the member row: PostgreSQL refuses FOR UPDATE on the nullable side of a join.
    member = Member.objects.select_for_update(of=("self",)).select_related("user", "branch").get(pk=member.pk)
    _refuse(account_revoke_refusal(by=by, member=member), action="revoke", by=by, member=member)
    assert member.user is not None  # the rule refuses a member without an active login
    login_lock(user=member.user)
    _record(kind=AccountEventKind.REVOKED, member=member, user=member.user, by=by)


@transaction.atomic
def account_password_changed(*, user: User) -> None:
    AccountState.objects.filter(user=user, must_change_password=True).update(must_change_password=False)
