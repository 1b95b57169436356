"""Logins of members: the Secretary gives one (a one-time password shown once) or takes it away."""

from __future__ import annotations

import secrets
from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from members.models import AccountState, Member

if TYPE_CHECKING:
    from django.contrib.auth.models import User

# No 0/O, 1/l/I: the password is read off a screen and typed by someone else.
_PASSWORD_ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
ONE_TIME_PASSWORD_LENGTH = 10


def _one_time_password() -> str:
    return "".join(secrets.choice(_PASSWORD_ALPHABET) for _ in range(ONE_TIME_PASSWORD_LENGTH))


@transaction.atomic
def account_grant(*, member: Member, username: str, by: User | None = None) -> tuple[User, str]:
    """Give a member a login (or a new one-time password); returns the user and the password, to show once.

    The member must change the password at their next sign-in.
    """
    User = get_user_model()
    member = Member.objects.select_for_update().get(pk=member.pk)
    username = username.strip()
    if not username:
        raise ValidationError({"username": _("Cần nhập tên đăng nhập.")})
    taken = User.objects.filter(username__iexact=username)
    if member.user_id:
        taken = taken.exclude(pk=member.user_id)
    if taken.exists():
        raise ValidationError({"username": _("Tên đăng nhập này đã có người dùng.")})
    if not Member.objects.filter(pk=member.pk).active_on(timezone.localdate()).exists():
        raise ValidationError(_("Chỉ cấp tài khoản cho đoàn viên đang sinh hoạt."))
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
    return user, password


def login_lock(*, user: User) -> None:
    """Lock a login rather than delete it, so that history keeps who did what."""
    user.is_active = False
    user.set_unusable_password()
    user.save()


@transaction.atomic
def account_revoke(*, member: Member) -> None:
    """Take a member's login away."""
    # Lock only the member row: PostgreSQL refuses FOR UPDATE on the nullable side of a join.
    member = Member.objects.select_for_update(of=("self",)).select_related("user").get(pk=member.pk)
    if member.user is None or not member.user.is_active:
        raise ValidationError(_("Đoàn viên này không có tài khoản đang hoạt động."))
    login_lock(user=member.user)


@transaction.atomic
def account_password_changed(*, user: User) -> None:
    AccountState.objects.filter(user=user, must_change_password=True).update(must_change_password=False)
