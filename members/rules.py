"""The Union's rules on members, without the database: age limits, admission age, status changes, ratings, logins.

Services call them before they write, forms to explain a problem before the service is
asked, and the models for a member's age (docs/domain.md).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from chidoan.lib.access import Role
from members.models.choices import STATUS_AFTER, MemberStatus, RatingLevel, StatusChangeKind

if TYPE_CHECKING:
    from members.models import Organisation

MIN_ADMISSION_AGE = 15  # admitted from 15 years and one day, i.e. "in their 16th year"
MAX_AGE = 30
MAX_AGE_LEADERSHIP = 35  # members on a leadership body (cấp ủy, chuyên trách Đoàn)

# "Near coming of age": will pass the age limit within this many days.
NEAR_AGE_DAYS = 365

# A member rated "xuất sắc" took part in at least this share of activities.
EXCELLENT_MIN_PARTICIPATION = Decimal("90")


# Ages --------------------------------------------------------------------------------


def age_on(born: datetime.date, on: datetime.date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def age_limit(*, leadership_exemption: bool) -> int:
    return MAX_AGE_LEADERSHIP if leadership_exemption else MAX_AGE


def birthday(born: datetime.date, years: int) -> datetime.date:
    """The day someone born on `born` turns `years`; born on 29 February, 1 March of a common year."""
    try:
        return born.replace(year=born.year + years)
    except ValueError:
        return born.replace(year=born.year + years, month=3, day=1)


def years_before(on: datetime.date, years: int) -> datetime.date:
    """The latest birth date of someone aged `years` on `on` (29 February becomes the 28th)."""
    try:
        return on.replace(year=on.year - years)
    except ValueError:
        return on.replace(year=on.year - years, day=28)


def near_age_horizon(on: datetime.date) -> datetime.date:
    return on + datetime.timedelta(days=NEAR_AGE_DAYS)


def age_flags(*, born: datetime.date, leadership_exemption: bool, on: datetime.date) -> tuple[bool, bool]:
    """(over the age limit on `on`, not over it yet but will be within a year)."""
    limit = age_limit(leadership_exemption=leadership_exemption)
    over = age_on(born, on) > limit
    return over, not over and age_on(born, near_age_horizon(on)) > limit


def check_admission_age(*, date_of_birth: datetime.date, admitted_on: datetime.date) -> None:
    if admitted_on <= birthday(date_of_birth, MIN_ADMISSION_AGE):
        raise ValidationError(
            {"admitted_on": _("Chưa đủ tuổi kết nạp: phải từ 15 tuổi 1 ngày trở lên vào ngày kết nạp.")}
        )
    if age_on(date_of_birth, admitted_on) > MAX_AGE:
        raise ValidationError({"admitted_on": _("Quá tuổi kết nạp: không quá 30 tuổi vào ngày kết nạp.")})


def check_is_branch(organisation: Organisation) -> None:
    if not organisation.is_branch:
        raise ValidationError({"branch": _("Đoàn viên phải thuộc một chi đoàn.")})


# Status changes ------------------------------------------------------------------------


def record_errors(*, kind: str, reason: str, assessment: str, dues_paid_until: datetime.date | None) -> dict[str, str]:
    """What a status record of `kind` must say, by field: a transfer out its assessment and dues, leaving a reason."""
    errors: dict[str, str] = {}
    if kind == StatusChangeKind.TRANSFERRED_OUT:
        if not assessment.strip():
            errors["assessment"] = _("Chuyển sinh hoạt cần có nhận xét của chi đoàn.")
        if dues_paid_until is None:
            errors["dues_paid_until"] = _("Chuyển sinh hoạt cần ghi đã đóng đoàn phí đến ngày nào.")
    if kind in (StatusChangeKind.LEFT, StatusChangeKind.REMOVED) and not reason.strip():
        errors["reason"] = _("Cần ghi lý do (ví dụ: nghỉ việc).")
    return errors


def check_status_change(
    *,
    kind: str,
    on: datetime.date,
    last_kind: str | None,
    last_on: datetime.date | None,
    date_of_birth: datetime.date,
    reason: str = "",
    assessment: str = "",
    dues_paid_until: datetime.date | None = None,
) -> None:
    """Refuse a change of `kind` on `on` for a member whose latest record is (`last_kind`, `last_on`).

    Only an active member leaves (transfer out, came of age, left, removed); only one who
    is not active comes back; a re-admission keeps to the admission age.
    """
    if last_on is not None and on < last_on:
        raise ValidationError(
            {
                "on": _("Ngày thay đổi không thể trước lần thay đổi gần nhất (%(date)s).")
                % {"date": f"{last_on:%d/%m/%Y}"}
            }
        )
    if kind not in STATUS_AFTER:
        raise ValidationError({"kind": _("Loại thay đổi tình trạng không hợp lệ.")})
    current = STATUS_AFTER[last_kind] if last_kind else None
    errors: dict[str, str] = {}
    if kind == StatusChangeKind.ADMITTED:
        try:
            check_admission_age(date_of_birth=date_of_birth, admitted_on=on)
        except ValidationError as refused:
            errors["on"] = refused.message_dict["admitted_on"][0]
    if STATUS_AFTER[kind] == MemberStatus.ACTIVE:
        if current == MemberStatus.ACTIVE:
            errors["kind"] = _("Đoàn viên đang sinh hoạt tại chi đoàn.")
    elif current != MemberStatus.ACTIVE:
        errors["kind"] = _("Chỉ thay đổi được tình trạng của đoàn viên đang sinh hoạt.")
    errors.update(record_errors(kind=kind, reason=reason, assessment=assessment, dues_paid_until=dues_paid_until))
    if kind == StatusChangeKind.CAME_OF_AGE and age_on(date_of_birth, on) < MAX_AGE:
        errors["on"] = _("Đoàn viên chưa đến tuổi trưởng thành Đoàn.")
    if errors:
        raise ValidationError(errors)


# Ratings ----------------------------------------------------------------------------------


def rating_level_error(*, level: str, participation_percent: Decimal | None) -> str | None:
    """Why `level` cannot be given with this participation (Hướng dẫn 25-HD/TWĐTN-BTC), or None."""
    if level == RatingLevel.EXCELLENT and (
        participation_percent is None or participation_percent < EXCELLENT_MIN_PARTICIPATION
    ):
        return _("Xếp loại “Hoàn thành xuất sắc nhiệm vụ” cần tỷ lệ tham gia sinh hoạt từ 90% trở lên.")
    return None


# Logins: who may give or reset whose ------------------------------------------------------

# A login's standing in a branch, lowest first. The officers and administrators are above
# the branch's own committee; a read-only officer changes nothing and is not ranked.
ROLE_RANK = {
    Role.MEMBER: 0,
    Role.COMMITTEE: 1,
    Role.DEPUTY: 2,
    Role.SECRETARY: 3,
    Role.OFFICER_EDITOR: 4,
    Role.ADMIN: 5,
}
ROLE_LABELS = {
    Role.MEMBER: gettext_lazy("Đoàn viên"),
    Role.COMMITTEE: gettext_lazy("Ủy viên Ban Chấp hành"),
    Role.DEPUTY: gettext_lazy("Phó Bí thư"),
    Role.SECRETARY: gettext_lazy("Bí thư"),
    Role.OFFICER: gettext_lazy("Cán bộ cấp trên"),
    Role.OFFICER_EDITOR: gettext_lazy("Cán bộ cấp trên (được sửa)"),
    Role.ADMIN: gettext_lazy("Quản trị hệ thống"),
}
BRANCH_EDITOR_ROLES = frozenset({Role.SECRETARY, Role.DEPUTY})


@dataclass(frozen=True)
class LoginFacts:
    """What is known of the login linked to a member, for deciding who may reset or revoke it.

    `role` is its role in the member's branch today (chidoan.lib.access.Role), None when
    it has none there (a member who no longer takes part); `is_officer`: it holds an
    officer grant on some organisation, editor or not; `linked_elsewhere`: it is the
    login of a member of another branch.
    """

    role: str | None
    is_active: bool = True
    is_staff: bool = False
    is_superuser: bool = False
    is_officer: bool = False
    linked_elsewhere: bool = False


def _refusal_for_login_of_others(*, actor_role: str, target: LoginFacts) -> str | None:
    """What the reset and the revoke have in common: a login whose rights come only from the branch, below the actor."""
    if target.is_superuser or target.is_staff:
        return _(
            "Đây là tài khoản quản trị hệ thống: không cấp lại mật khẩu hay thu hồi được từ trang đoàn viên. "
            "Quản trị viên làm việc này trong trang quản trị."
        )
    if target.is_officer:
        return _("Đây là tài khoản của cán bộ cấp trên: không cấp lại mật khẩu hay thu hồi được từ chi đoàn.")
    if target.linked_elsewhere:
        return _("Tài khoản này còn gắn với nơi khác ngoài chi đoàn: không cấp lại mật khẩu hay thu hồi được ở đây.")
    # No role in the branch (a member who no longer takes part) ranks lowest; a role not ranked, highest.
    target_rank = ROLE_RANK.get(target.role, len(ROLE_RANK)) if target.role is not None else 0
    if target_rank >= ROLE_RANK[actor_role]:
        return _(
            "Không được cấp lại mật khẩu hay thu hồi tài khoản của người có vai trò ngang hoặc cao hơn bạn (%(role)s)."
        ) % {"role": ROLE_LABELS.get(target.role or Role.MEMBER, "")}
    return None


def _not_an_editor(actor_role: str) -> str | None:
    if actor_role not in ROLE_RANK or actor_role in (Role.MEMBER, Role.COMMITTEE):
        return _("Chỉ Bí thư, Phó Bí thư hoặc cán bộ cấp trên được quyền sửa mới cấp hoặc thu hồi được tài khoản.")
    return None


def account_grant_refusal(
    *, actor_role: str, is_own: bool, member_active: bool, target: LoginFacts | None
) -> str | None:
    """Why this actor may not give the member a login or a new one-time password (None: they may).

    `target` is the login already linked to the member (active or revoked), None if there is
    none: creating one needs only a branch editor and an active member; giving a new password
    to an existing login (or back to a revoked one) also needs it to be a login whose only
    rights come from the member's place in this branch, below the actor's own role.
    """
    refusal = _not_an_editor(actor_role)
    if refusal:
        return refusal
    if is_own:
        return _("Đây là tài khoản của chính bạn: hãy dùng “Đổi mật khẩu”.")
    if not member_active:
        return _("Chỉ cấp tài khoản cho đoàn viên đang sinh hoạt.")
    if target is None:
        return None
    return _refusal_for_login_of_others(actor_role=actor_role, target=target)


def account_revoke_refusal(
    *, actor_role: str, is_own: bool, target: LoginFacts | None, other_branch_editors: int
) -> str | None:
    """Why this actor may not take the member's login away (None: they may).

    The same logins as a reset, never one's own, and never the login of the branch's last
    editor (Secretary or Deputy): `other_branch_editors` counts the other active logins of
    the branch that hold one of those seats.
    """
    refusal = _not_an_editor(actor_role)
    if refusal:
        return refusal
    if target is None or not target.is_active:
        return _("Đoàn viên này không có tài khoản đang hoạt động.")
    if is_own:
        return _("Không tự thu hồi được tài khoản của chính mình.")
    refusal = _refusal_for_login_of_others(actor_role=actor_role, target=target)
    if refusal:
        return refusal
    if target.role in BRANCH_EDITOR_ROLES and other_branch_editors == 0:
        return _(
            "Đây là tài khoản cuối cùng của chi đoàn có quyền sửa (Bí thư, Phó Bí thư): "
            "hãy cấp tài khoản cho người khác giữ chức vụ này trước khi thu hồi."
        )
    return None
