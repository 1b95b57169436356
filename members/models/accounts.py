"""What the product knows about a login beyond Django's user."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

if TYPE_CHECKING:
    from django.contrib.auth.models import User
    from django_stubs_ext import StrOrPromise


def login_reference(verbose_name: StrOrPromise) -> models.ForeignKey[User | None, User | None]:
    """The login an event was about or done by: NULL once the login is deleted (the event copies its name beside it)."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=verbose_name,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )


class AccountState(models.Model):
    """What the product knows about a login beyond Django's user: a one-time password still to be changed."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="account_state")
    must_change_password = models.BooleanField(_("phải đổi mật khẩu khi đăng nhập"), default=False)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    granted_at = models.DateTimeField(_("cấp lúc"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("trạng thái tài khoản")
        verbose_name_plural = _("trạng thái tài khoản")

    def __str__(self) -> str:
        return str(self.user)


class AccountEventKind(models.TextChoices):
    GRANTED = "granted", _("Cấp tài khoản")
    RESET = "reset", _("Cấp lại mật khẩu tạm thời")
    REVOKED = "revoked", _("Thu hồi tài khoản")


class AccountEvent(models.Model):
    """One login given, given a new one-time password, or taken away: who did it, to whose login, when.

    Written once by `members.services.accounts` and never changed; the names are kept as
    they were, so the record still reads right after a login is renamed or a member deleted.
    """

    member = models.ForeignKey(
        "members.Member",
        verbose_name=_("đoàn viên"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="account_events",
    )
    kind = models.CharField(_("việc"), max_length=10, choices=AccountEventKind.choices)
    user = login_reference(_("tài khoản"))
    username = models.CharField(_("tên đăng nhập"), max_length=150)
    by = login_reference(_("người thực hiện"))
    by_name = models.CharField(_("tên người thực hiện"), max_length=255)
    by_role = models.CharField(_("vai trò người thực hiện"), max_length=20, blank=True)
    at = models.DateTimeField(_("lúc"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("việc cấp / thu hồi tài khoản")
        verbose_name_plural = _("việc cấp / thu hồi tài khoản")
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.username} ({self.at:%d/%m/%Y %H:%M})"
