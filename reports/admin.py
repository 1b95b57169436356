from __future__ import annotations

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from chidoan.lib.admin import SimpleHistoryAdmin
from reports.models import IssuedDocument, OutgoingDocumentRegister, SelfReviewReport, StatisticsReport, Submission


@admin.register(SelfReviewReport)
class SelfReviewReportAdmin(SimpleHistoryAdmin):
    list_display = ["term", "include_targets_table", "updated_at"]
    list_select_related = ["term__branch"]
    search_fields = ["term__branch__name"]


@admin.register(OutgoingDocumentRegister)
class OutgoingDocumentRegisterAdmin(admin.ModelAdmin):
    list_display = ["organisation", "year", "last_number"]
    list_select_related = ["organisation"]
    # The counter only moves forward through reports.services.register_next_number.
    readonly_fields = ["organisation", "year", "last_number"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


@admin.register(IssuedDocument)
class IssuedDocumentAdmin(admin.ModelAdmin):
    """Issued documents are frozen: the admin shows them, never changes them."""

    list_display = ["number_text", "title", "organisation", "issued_on", "revision"]
    list_select_related = ["organisation"]
    list_filter = ["kind", "year"]
    exclude = ["html", "pdf", "docx", "snapshot"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[IssuedDocument]:
        return super().get_queryset(request).defer("html", "pdf", "docx", "snapshot")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: IssuedDocument | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: IssuedDocument | None = None) -> bool:
        return False


class _ShownOnly(admin.ModelAdmin):
    """Rows written only by their services (issuing, sending up): the admin shows them, never changes them."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object | None = None) -> bool:
        return False


@admin.register(StatisticsReport)
class StatisticsReportAdmin(_ShownOnly):
    list_display = ["organisation", "period_kind", "starts_on", "ends_on", "state", "issued"]
    list_select_related = ["organisation", "issued"]
    list_filter = ["state", "period_kind", "period_year"]
    exclude = ["xlsx"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[StatisticsReport]:
        return (
            super()
            .get_queryset(request)
            .defer("xlsx", "issued__html", "issued__pdf", "issued__docx", "issued__snapshot")
        )


@admin.register(Submission)
class SubmissionAdmin(_ShownOnly):
    list_display = ["document", "sent_to", "sent_at", "status", "decided_at"]
    list_select_related = ["document__organisation", "sent_to"]
    list_filter = ["status"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Submission]:
        return super().get_queryset(request).defer(*(f"document__{f}" for f in ("html", "pdf", "docx", "snapshot")))
