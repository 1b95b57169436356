from __future__ import annotations

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from chidoan.lib.admin import SimpleHistoryAdmin
from reports.models import IssuedDocument, OutgoingDocumentRegister, SelfReviewReport


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
