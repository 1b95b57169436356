"""The choices of members' models, and which status each kind of status change leads to.

A module of its own, importing no model, so that `members.rules` can use them while
the models use the rules.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationKind(models.TextChoices):
    BRANCH = "branch", _("Chi đoàn")
    GRASSROOTS = "grassroots", _("Đoàn cơ sở")
    INTER_BRANCH = "inter_branch", _("Liên chi đoàn")
    BLOC = "bloc", _("Đoàn Khối")
    PROVINCE = "province", _("Tỉnh đoàn / Thành đoàn")


class ClosingKind(models.TextChoices):
    """How an organisation stopped: merged into another, or dissolved."""

    MERGED = "merged", _("Sáp nhập")
    DISSOLVED = "dissolved", _("Giải thể")


class BranchType(models.TextChoices):
    """What the branch is attached to; decides its default term length."""

    AGENCY = "agency", _("Cơ quan, doanh nghiệp, trường đại học")
    SCHOOL = "school", _("Trường học, khu dân cư")


class ElectionBase(models.TextChoices):
    VALID = "valid", _("Số phiếu hợp lệ")
    RETURNED = "returned", _("Số phiếu thu về")


class TieBreak(models.TextChoices):
    SECOND_ROUND = "second_round", _("Bầu vòng hai")
    OLDER = "older", _("Người lớn tuổi hơn")


class Runoff(models.TextChoices):
    """Who stands again when a round elects fewer than the seats (congress/rules.py, `progress`)."""

    ALL = "all", _("Tất cả ứng cử viên chưa trúng cử")
    TOP_TWO = "top_two", _("Còn 1 vị trí: hai người nhiều phiếu nhất (kể cả bằng phiếu)")


class Gender(models.TextChoices):
    FEMALE = "female", _("Nữ")
    MALE = "male", _("Nam")
    OTHER = "other", _("Khác")


class MemberStatus(models.TextChoices):
    ACTIVE = "active", _("Đang sinh hoạt")
    TRANSFERRED = "transferred", _("Đã chuyển sinh hoạt")
    CAME_OF_AGE = "came_of_age", _("Đã trưởng thành Đoàn")
    LEFT = "left", _("Đã rời chi đoàn")
    REMOVED = "removed", _("Đã xóa tên")


class StatusChangeKind(models.TextChoices):
    ADMITTED = "admitted", _("Kết nạp")
    TRANSFERRED_IN = "transferred_in", _("Chuyển đến")
    TRANSFERRED_OUT = "transferred_out", _("Chuyển sinh hoạt đi")
    CAME_OF_AGE = "came_of_age", _("Trưởng thành Đoàn")
    LEFT = "left", _("Rời chi đoàn")
    REMOVED = "removed", _("Xóa tên")


# Keyed by plain strings: a kind read from the database or a form is a str, not the enum.
STATUS_AFTER: dict[str, str] = {
    StatusChangeKind.ADMITTED: MemberStatus.ACTIVE,
    StatusChangeKind.TRANSFERRED_IN: MemberStatus.ACTIVE,
    StatusChangeKind.TRANSFERRED_OUT: MemberStatus.TRANSFERRED,
    StatusChangeKind.CAME_OF_AGE: MemberStatus.CAME_OF_AGE,
    StatusChangeKind.LEFT: MemberStatus.LEFT,
    StatusChangeKind.REMOVED: MemberStatus.REMOVED,
}


def kinds_leading_to(status: str) -> list[str]:
    """The kinds of status change after which a member is in `status`."""
    return [kind for kind, after in STATUS_AFTER.items() if after == status]


class RatingLevel(models.TextChoices):
    """Hướng dẫn 25-HD/TWĐTN-BTC (2023)."""

    EXCELLENT = "excellent", _("Hoàn thành xuất sắc nhiệm vụ")
    GOOD = "good", _("Hoàn thành tốt nhiệm vụ")
    COMPLETED = "completed", _("Hoàn thành nhiệm vụ")
    NOT_COMPLETED = "not_completed", _("Không hoàn thành nhiệm vụ")
