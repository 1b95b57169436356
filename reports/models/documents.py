"""The self-review report of a term, the outgoing-documents register and issued documents.

The narrative of the report is stored as plain text (one paragraph per line,
at most **bold** and *italic*), never as HTML; everything the data can say
(the title, the committee and its changes, the next term) is computed when the
report is rendered and frozen only when it is issued.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from members.models import Organisation
from terms.models import Term

DEFAULT_RECIPIENTS = "Đoàn cấp trên;\nĐại hội Chi đoàn;\nLưu VP."


class SelfReviewReport(models.Model):
    """Báo cáo kiểm điểm hoạt động của Ban Chấp hành: one per term.

    The narrative fields, with their headings in the document, are listed in order by
    reports.self_review.wording.NARRATIVE_SECTIONS.
    """

    term = models.OneToOneField(
        Term, verbose_name=_("nhiệm kỳ"), on_delete=models.PROTECT, related_name="self_review_report"
    )
    strengths = models.TextField(_("Ưu điểm"), blank=True)
    shortcomings = models.TextField(_("Hạn chế"), blank=True)
    secretary_role = models.TextField(_("Vai trò Bí thư Chi đoàn"), blank=True)
    deputy_role = models.TextField(_("Vai trò Phó Bí thư Chi đoàn"), blank=True)
    members_role = models.TextField(_("Vai trò các Ủy viên Ban Chấp hành"), blank=True)
    lessons = models.TextField(_("Bài học kinh nghiệm"), blank=True)
    include_targets_table = models.BooleanField(_("kèm bảng kết quả thực hiện chỉ tiêu"), default=False)
    recipients = models.TextField(
        _("nơi nhận"), default=DEFAULT_RECIPIENTS, help_text=_("Mỗi dòng một nơi nhận, ví dụ: Đoàn Khối các cơ quan;")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("báo cáo kiểm điểm Ban Chấp hành")
        verbose_name_plural = _("báo cáo kiểm điểm Ban Chấp hành")

    def __str__(self) -> str:
        return f"{_('Báo cáo kiểm điểm')} {self.term.branch.name} {self.term.label}"

    def recipient_lines(self) -> list[str]:
        return [line.strip() for line in self.recipients.splitlines() if line.strip()]


class OutgoingDocumentRegister(models.Model):
    """Sổ văn bản đi: the last number given by one organisation in one year.

    Numbers are taken by locking this row (select_for_update), so two
    documents issued at the same moment never get the same number.
    """

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="document_registers")
    year = models.PositiveSmallIntegerField(_("năm"))
    last_number = models.PositiveIntegerField(_("số cuối cùng đã cấp"), default=0)

    class Meta:
        verbose_name = _("sổ văn bản đi")
        verbose_name_plural = _("sổ văn bản đi")
        constraints = [models.UniqueConstraint(fields=["organisation", "year"], name="register_one_per_year")]

    def __str__(self) -> str:
        return f"{self.organisation} – {self.year}: {self.last_number}"


class DocumentKind(models.TextChoices):
    SELF_REVIEW = "self_review", _("Báo cáo kiểm điểm Ban Chấp hành")
    CONGRESS_MINUTES = "congress_minutes", _("Biên bản Đại hội")
    COUNTING_RECORD = "counting_record", _("Biên bản kiểm phiếu")
    RESOLUTION = "resolution", _("Nghị quyết Đại hội")
    STATISTICS = "statistics", _("Báo cáo số liệu")


class IssuedDocument(models.Model):
    """An official document as issued: number, date, and its frozen data, HTML, PDF and DOCX.

    Served as stored: later changes to members, the committee or targets never
    change it. A correction is a new row with a new number.
    """

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="issued_documents")
    kind = models.CharField(_("loại văn bản"), max_length=30, choices=DocumentKind.choices)
    report = models.ForeignKey(
        SelfReviewReport, null=True, blank=True, on_delete=models.PROTECT, related_name="issued_versions"
    )
    # None for a document of an organisation rather than of a branch's term (the periodic statistics).
    term = models.ForeignKey(Term, null=True, blank=True, on_delete=models.PROTECT, related_name="issued_documents")
    revision = models.PositiveSmallIntegerField(_("lần ban hành"), default=1)
    year = models.PositiveSmallIntegerField(_("năm"))
    number = models.PositiveIntegerField(_("số"))
    type_code = models.CharField(_("ký hiệu loại văn bản"), max_length=10)
    symbol = models.CharField(_("ký hiệu cơ quan"), max_length=20)
    issued_on = models.DateField(_("ngày ban hành"))
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    issued_at = models.DateTimeField(auto_now_add=True)
    title = models.CharField(_("trích yếu"), max_length=500)
    filename_stem = models.CharField(max_length=200)
    snapshot = models.JSONField(_("dữ liệu lúc ban hành"))
    html = models.TextField()
    pdf = models.BinaryField()
    docx = models.BinaryField(blank=True)  # empty for the statistics, whose workbook is XLSX (StatisticsReport)
    pdf_sha256 = models.CharField(max_length=64)
    docx_sha256 = models.CharField(max_length=64, blank=True)
    html_sha256 = models.CharField(max_length=64)

    class Meta:
        verbose_name = _("văn bản đã ban hành")
        verbose_name_plural = _("văn bản đã ban hành")
        ordering = ["-issued_on", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "year", "number"], name="issued_number_unique"),
            models.UniqueConstraint(fields=["report", "revision"], name="issued_report_revision_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.number_text} – {self.title}"

    @property
    def last_submission(self) -> Any:
        """The latest sending up (reports.models.submissions), from the prefetched list when there is one."""
        if "submissions" in getattr(self, "_prefetched_objects_cache", {}):
            return next(iter(self.submissions.all()), None)
        return self.submissions.order_by("-sent_at", "-pk").first()

    @property
    def number_text(self) -> str:
        """As the Union writes it: "05-BC/CĐ"."""
        return f"{self.number:02d}-{self.type_code}/{self.symbol}"
