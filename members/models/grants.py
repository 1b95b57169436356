"""The record of officer rights given and taken away on an organisation."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from members.models.accounts import login_reference


class GrantEventKind(models.TextChoices):
    GRANTED = "granted", _("Cấp quyền")
    CHANGED = "changed", _("Đổi quyền")
    WITHDRAWN = "withdrawn", _("Thu hồi quyền")


class OfficerGrantEvent(models.Model):
    """One officer right given, changed or withdrawn: who did it, to whom, on which organisation, what, when.

    Written once by `members.services.organisations` and never changed; the names are
    copied so the record still reads right after a login is renamed or deleted.
    """

    organisation = models.ForeignKey(
        "members.Organisation", verbose_name=_("tổ chức"), on_delete=models.CASCADE, related_name="grant_events"
    )
    kind = models.CharField(_("việc"), max_length=10, choices=GrantEventKind.choices)
    can_edit = models.BooleanField(_("được sửa dữ liệu"), default=False)
    user = login_reference(_("tài khoản"))
    username = models.CharField(_("tên đăng nhập"), max_length=150)
    by = login_reference(_("người thực hiện"))
    by_name = models.CharField(_("tên người thực hiện"), max_length=150)
    at = models.DateTimeField(_("lúc"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("việc cấp / thu hồi quyền cán bộ")
        verbose_name_plural = _("việc cấp / thu hồi quyền cán bộ")
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.username} – {self.organisation} ({self.at:%d/%m/%Y %H:%M})"

    @property
    def right_label(self) -> str:
        return str(_("xem và sửa")) if self.can_edit else str(_("chỉ xem"))
