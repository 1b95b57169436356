"""The congress day: programme, summons and attendance, guests, the congress's bodies,
elections with their rounds and counts, and the votes on the new resolution."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from congress.models.congress import Congress
from members.models import Member
from terms.models import PlannedTarget

# The order of docs/domain.md, "The congress, in order"; each congress starts from it and edits it.
DEFAULT_PROGRAMME = [
    "Khai mạc, giới thiệu đại biểu; bầu Đoàn Chủ tịch, Thư ký Đại hội; thông qua chương trình",
    "Báo cáo tổng kết nhiệm kỳ và Báo cáo kiểm điểm của Ban Chấp hành",
    "Thảo luận; phát biểu của Chi bộ và Đoàn cấp trên",
    "Bầu Ban Chấp hành nhiệm kỳ mới",
    "Ra mắt Ban Chấp hành mới; bầu Bí thư, Phó Bí thư",
    "Bầu đại biểu dự Đại hội cấp trên (nếu có)",
    "Biểu quyết các chỉ tiêu, thông qua Nghị quyết Đại hội; bế mạc",
]
# A branch under the small-branch threshold has no committee members: its congress elects the
# Secretary and the Deputy itself (docs/domain.md), and its programme says so.
SMALL_BRANCH_PROGRAMME = [
    *DEFAULT_PROGRAMME[:3],
    "Bầu Bí thư, Phó Bí thư Chi đoàn nhiệm kỳ mới (Đại hội bầu trực tiếp)",
    "Ra mắt Bí thư, Phó Bí thư mới",
    *DEFAULT_PROGRAMME[5:],
]


class ProgrammeItem(models.Model):
    congress = models.ForeignKey(Congress, on_delete=models.CASCADE, related_name="programme_items")
    position = models.PositiveSmallIntegerField(_("thứ tự"))
    title = models.CharField(_("nội dung"), max_length=500)
    notes = models.TextField(_("diễn biến"), blank=True, help_text=_("Ghi vào biên bản Đại hội."))
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("mục chương trình")
        verbose_name_plural = _("chương trình Đại hội")
        ordering = ["congress", "position", "id"]

    def __str__(self) -> str:
        return self.title


class AttendanceStatus(models.TextChoices):
    PENDING = "pending", _("Chưa điểm danh")
    PRESENT = "present", _("Có mặt")
    ABSENT = "absent", _("Vắng mặt")


class Attendance(models.Model):
    """A summoned member (triệu tập) and whether they came."""

    congress = models.ForeignKey(Congress, on_delete=models.CASCADE, related_name="attendances")
    member = models.ForeignKey(Member, verbose_name=_("đoàn viên"), on_delete=models.PROTECT, related_name="+")
    status = models.CharField(
        _("điểm danh"), max_length=20, choices=AttendanceStatus.choices, default=AttendanceStatus.PENDING
    )
    absence_reason = models.CharField(_("lý do vắng"), max_length=255, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("đại biểu triệu tập")
        verbose_name_plural = _("đại biểu triệu tập")
        ordering = ["congress", "member__name_sort_key", "id"]
        constraints = [
            models.UniqueConstraint(fields=["congress", "member"], name="attendance_once"),
            models.CheckConstraint(
                condition=~Q(status="absent") | ~Q(absence_reason=""),
                name="attendance_absent_has_reason",
                violation_error_message=_("Cần ghi lý do vắng mặt."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member} – {self.get_status_display()}"


class Guest(models.Model):
    congress = models.ForeignKey(Congress, on_delete=models.CASCADE, related_name="guests")
    name = models.CharField(_("họ và tên"), max_length=255)
    title = models.CharField(_("chức vụ, đơn vị"), max_length=255, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("khách mời")
        verbose_name_plural = _("khách mời")
        ordering = ["congress", "id"]

    def __str__(self) -> str:
        return self.name


class ShowOfHands(models.Model):
    """A vote by show of hands: counts for, against, abstaining, and how many were present."""

    votes_for = models.PositiveIntegerField(_("tán thành"), null=True, blank=True)
    votes_against = models.PositiveIntegerField(_("không tán thành"), null=True, blank=True)
    votes_abstain = models.PositiveIntegerField(_("không biểu quyết"), null=True, blank=True)
    voters = models.PositiveIntegerField(_("số đại biểu có mặt khi biểu quyết"), null=True, blank=True)

    class Meta:
        abstract = True

    @property
    def is_voted(self) -> bool:
        return self.votes_for is not None

    @property
    def passed(self) -> bool:
        return self.votes_for is not None and self.votes_for * 2 > (self.voters or 0)


class BodyKind(models.TextChoices):
    PRESIDIUM = "presidium", _("Đoàn Chủ tịch")
    SECRETARIAT = "secretariat", _("Thư ký Đại hội")
    COUNTING = "counting", _("Ban Kiểm phiếu")


class CongressBody(ShowOfHands):
    """The presidium, the secretaries, the vote-counting committee: approved by show of hands."""

    congress = models.ForeignKey(Congress, on_delete=models.CASCADE, related_name="bodies")
    kind = models.CharField(_("bộ phận"), max_length=20, choices=BodyKind.choices)
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("bộ phận giúp việc Đại hội")
        verbose_name_plural = _("bộ phận giúp việc Đại hội")
        ordering = ["congress", "kind"]
        constraints = [models.UniqueConstraint(fields=["congress", "kind"], name="congress_body_once")]

    def __str__(self) -> str:
        return self.get_kind_display()


class BodyMember(models.Model):
    body = models.ForeignKey(CongressBody, on_delete=models.CASCADE, related_name="members")
    member = models.ForeignKey(Member, verbose_name=_("đoàn viên"), on_delete=models.PROTECT, related_name="+")
    is_head = models.BooleanField(_("trưởng ban / chủ trì"), default=False)
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("thành viên")
        verbose_name_plural = _("thành viên")
        ordering = ["body", "-is_head", "position", "id"]
        constraints = [models.UniqueConstraint(fields=["body", "member"], name="body_member_once")]

    def __str__(self) -> str:
        return str(self.member)


class ElectionKind(models.TextChoices):
    COMMITTEE = "committee", _("Ban Chấp hành")
    SECRETARY = "secretary", _("Bí thư")
    DEPUTY = "deputy", _("Phó Bí thư")
    DELEGATE = "delegate", _("Đại biểu chính thức dự Đại hội cấp trên")
    ALTERNATE = "alternate", _("Đại biểu dự khuyết dự Đại hội cấp trên")


# The delegations to the upper level's congress: the number of each is set on the congress.
DELEGATION_KINDS = (ElectionKind.DELEGATE, ElectionKind.ALTERNATE)


def kind_phrase(kind: str) -> str:
    """The kind inside a sentence: "bầu đại biểu chính thức dự Đại hội cấp trên" (the congress keeps its capital)."""
    label = str(ElectionKind(kind).label)
    return label[:1].lower() + label[1:]


class ElectedBy(models.TextChoices):
    CONGRESS = "congress", _("Đại hội")
    COMMITTEE = "committee", _("Ban Chấp hành mới (phiên họp thứ nhất)")


class ElectionStatus(models.TextChoices):
    NOMINATING = "nominating", _("Lập danh sách")
    VOTING = "voting", _("Đang bỏ phiếu")
    TIED = "tied", _("Cần bầu vòng hai")
    SHORT = "short", _("Chưa đủ số lượng")
    DECIDED = "decided", _("Đã có kết quả")


class Election(models.Model):
    congress = models.ForeignKey(Congress, on_delete=models.CASCADE, related_name="elections")
    kind = models.CharField(_("bầu"), max_length=20, choices=ElectionKind.choices)
    elected_by = models.CharField(_("cơ quan bầu"), max_length=20, choices=ElectedBy.choices)
    seats = models.PositiveSmallIntegerField(_("số lượng cần bầu"))
    status = models.CharField(
        _("trạng thái"), max_length=20, choices=ElectionStatus.choices, default=ElectionStatus.NOMINATING
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("cuộc bầu cử")
        verbose_name_plural = _("bầu cử")
        ordering = ["congress", "id"]
        constraints = [
            models.UniqueConstraint(fields=["congress", "kind"], name="election_once_per_kind"),
            models.CheckConstraint(condition=Q(seats__gte=1), name="election_has_seats"),
        ]

    def __str__(self) -> str:
        return f"{_('Bầu')} {self.get_kind_display()}"

    @property
    def title(self) -> str:
        if self.kind == ElectionKind.COMMITTEE:
            return str(_("Bầu Ban Chấp hành Chi đoàn"))
        if self.kind in DELEGATION_KINDS:
            return f"{_('Bầu')} {kind_phrase(self.kind)}"
        return f"{_('Bầu')} {self.get_kind_display()} {_('Chi đoàn')}"

    @property
    def is_decided(self) -> bool:
        return self.status == ElectionStatus.DECIDED


class CandidateSource(models.TextChoices):
    OUTGOING = "outgoing", _("Ban Chấp hành khóa cũ giới thiệu")
    FLOOR = "floor", _("Đại hội giới thiệu")
    SELF = "self", _("Tự ứng cử")


class WithdrawalDecision(models.TextChoices):
    NONE = "", _("Không xin rút")
    ACCEPTED = "accepted", _("Đoàn Chủ tịch đồng ý cho rút")
    REFUSED = "refused", _("Đoàn Chủ tịch không đồng ý cho rút")


class Candidate(models.Model):
    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="candidates")
    member = models.ForeignKey(Member, verbose_name=_("đoàn viên"), on_delete=models.PROTECT, related_name="+")
    source = models.CharField(_("nguồn"), max_length=20, choices=CandidateSource.choices)
    withdrawal_reason = models.CharField(_("lý do xin rút"), max_length=255, blank=True)
    withdrawal_decision = models.CharField(
        _("quyết định của Đoàn Chủ tịch"), max_length=20, choices=WithdrawalDecision.choices, blank=True
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("ứng cử viên")
        verbose_name_plural = _("ứng cử viên")
        ordering = ["election", "member__name_sort_key", "id"]
        constraints = [models.UniqueConstraint(fields=["election", "member"], name="candidate_once")]

    def __str__(self) -> str:
        return str(self.member)

    @property
    def withdrawn(self) -> bool:
        return self.withdrawal_decision == WithdrawalDecision.ACCEPTED


class BallotRound(models.Model):
    """One round of secret ballot; a later round is for the seats left (congress.rules.progress)."""

    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="rounds")
    number = models.PositiveSmallIntegerField(_("lần bỏ phiếu"))
    seats = models.PositiveSmallIntegerField(_("số lượng cần bầu"))
    voters = models.PositiveIntegerField(_("số người có quyền bầu cử"))
    issued = models.PositiveIntegerField(_("phiếu phát ra"), null=True, blank=True)
    returned = models.PositiveIntegerField(_("phiếu thu về"), null=True, blank=True)
    valid = models.PositiveIntegerField(_("phiếu hợp lệ"), null=True, blank=True)
    invalid = models.PositiveIntegerField(_("phiếu không hợp lệ"), null=True, blank=True)
    counted_at = models.DateTimeField(_("kiểm phiếu xong lúc"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("lần bỏ phiếu")
        verbose_name_plural = _("lần bỏ phiếu")
        ordering = ["election", "number"]
        constraints = [
            models.UniqueConstraint(fields=["election", "number"], name="round_once"),
            models.CheckConstraint(condition=Q(number__gte=1, number__lte=5), name="round_at_most_five"),
        ]

    def __str__(self) -> str:
        return f"{self.election} – {_('lần')} {self.number}"

    @property
    def is_counted(self) -> bool:
        return self.counted_at is not None


class RoundCount(models.Model):
    round = models.ForeignKey(BallotRound, on_delete=models.CASCADE, related_name="counts")
    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="counts")
    votes = models.PositiveIntegerField(_("số phiếu bầu"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("số phiếu của ứng cử viên")
        verbose_name_plural = _("số phiếu của ứng cử viên")
        ordering = ["round", "candidate__member__name_sort_key", "id"]
        constraints = [models.UniqueConstraint(fields=["round", "candidate"], name="count_once")]

    def __str__(self) -> str:
        return f"{self.candidate}: {self.votes}"


class DraftTarget(PlannedTarget):
    """A target of the new resolution as put to the congress; the handover copies the adopted ones."""

    congress = models.ForeignKey(Congress, on_delete=models.CASCADE, related_name="draft_targets")
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("chỉ tiêu dự thảo")
        verbose_name_plural = _("chỉ tiêu dự thảo")
        ordering = ["congress", "position", "id"]


class ResolutionVote(ShowOfHands):
    """A show of hands on one target, or (target empty) on the resolution as a whole."""

    congress = models.ForeignKey(Congress, on_delete=models.CASCADE, related_name="resolution_votes")
    target = models.ForeignKey(
        DraftTarget, null=True, blank=True, on_delete=models.CASCADE, related_name="votes", verbose_name=_("chỉ tiêu")
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("biểu quyết nghị quyết")
        verbose_name_plural = _("biểu quyết nghị quyết")
        ordering = ["congress", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["congress"], condition=Q(target__isnull=True), name="resolution_vote_whole_once"
            ),
            models.UniqueConstraint(
                fields=["congress", "target"], condition=Q(target__isnull=False), name="resolution_vote_target_once"
            ),
        ]

    def __str__(self) -> str:
        return str(self.target or _("Toàn văn Nghị quyết"))
