"""The admin of organisations, members, status history, ratings and logins."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from chidoan.lib.admin import SimpleHistoryAdmin
from chidoan.lib.search import search_condition
from members.models import (
    AccountEvent,
    AccountState,
    BranchRating,
    ImportJob,
    Member,
    MemberRating,
    MemberStatusChange,
    OfficerGrantEvent,
    Organisation,
    OrganisationOfficer,
    OrganisationSlug,
    Transfer,
)
from members.services import slug_from_name


class OfficerInline(admin.TabularInline):
    model = OrganisationOfficer
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Organisation)
class OrganisationAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "parent", "branch_type", "document_symbol"]
    list_filter = ["kind", "branch_type"]
    search_fields = ["name", "short_name", "slug"]
    autocomplete_fields = ["parent", "merged_into"]
    inlines = [OfficerInline]
    fieldsets = [
        (None, {"fields": ["kind", "name", "short_name", "slug", "parent"]}),
        (_("Ngừng hoạt động"), {"fields": ["closed_on", "closed_kind", "merged_into", "closing_decision"]}),
        (_("Tiêu đề văn bản"), {"fields": ["upper_level_line", "issuing_body_line", "place_name", "document_symbol"]}),
        (
            _("Quy định áp dụng"),
            {
                "fields": [
                    "branch_type",
                    "committee_max_size",
                    "small_branch_threshold",
                    "candidate_surplus_percent",
                    "election_base",
                    "tie_break",
                    "single_seat_max_candidates",
                    "max_rounds",
                    "runoff",
                    "dues_without_salary",
                    "dues_with_salary",
                ]
            },
        ),
    ]

    def get_form(self, request: HttpRequest, obj: Organisation | None = None, **kwargs: Any) -> Any:
        form = super().get_form(request, obj, **kwargs)
        # Left empty, the slug is made from the name the Vietnamese way (members.services.slug_from_name);
        # the admin's own JavaScript slug drops Vietnamese letters ("truong" came out "trng").
        form.base_fields["slug"].required = False
        return form

    def save_model(self, request: HttpRequest, obj: Organisation, form: Any, change: bool) -> None:
        if not obj.slug:
            obj.slug = slug_from_name(obj.name, organisation=obj)
        super().save_model(request, obj, form, change)


class StatusChangeInline(admin.TabularInline):
    model = MemberStatusChange
    extra = 0
    fields = ["kind", "on", "reason", "assessment", "dues_paid_until", "destination"]


class MemberRatingInline(admin.TabularInline):
    model = MemberRating
    extra = 0
    fields = ["year", "level", "participation_percent", "note"]


class NameSearch(admin.ModelAdmin):
    """The admin finds a member by name as the site does (chidoan.lib.search: accent-free, every word).

    Django's own search still runs on `search_fields` (card number, phone…); either may match.
    """

    name_search_field = "search_key"

    def get_search_results(self, request: HttpRequest, queryset: QuerySet, search_term: str) -> tuple[QuerySet, bool]:
        found, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        if not search_term.strip():
            return found, may_have_duplicates
        return found | queryset.filter(search_condition(search_term, field=self.name_search_field)), may_have_duplicates


@admin.register(Member)
class MemberAdmin(NameSearch, SimpleHistoryAdmin):
    list_display = ["__str__", "branch", "date_of_birth", "gender", "admitted_on", "is_party_member"]
    list_filter = ["gender", "is_party_member", "leadership_exemption", "branch"]
    search_fields = ["card_number", "phone", "email"]
    autocomplete_fields = ["branch", "user"]
    inlines = [StatusChangeInline, MemberRatingInline]


@admin.register(MemberStatusChange)
class MemberStatusChangeAdmin(NameSearch, SimpleHistoryAdmin):
    list_display = ["member", "kind", "on", "reason"]
    list_filter = ["kind"]
    search_fields = ["reason"]
    name_search_field = "member__search_key"
    autocomplete_fields = ["member"]
    date_hierarchy = "on"


@admin.register(MemberRating)
class MemberRatingAdmin(NameSearch, SimpleHistoryAdmin):
    list_display = ["member", "year", "level", "participation_percent"]
    list_filter = ["year", "level"]
    search_fields = ["note"]
    name_search_field = "member__search_key"
    autocomplete_fields = ["member"]


@admin.register(BranchRating)
class BranchRatingAdmin(SimpleHistoryAdmin):
    list_display = ["branch", "year", "level", "rank_note"]
    list_filter = ["year", "level"]
    search_fields = ["branch__name"]
    autocomplete_fields = ["branch"]


@admin.register(OrganisationOfficer)
class OrganisationOfficerAdmin(SimpleHistoryAdmin):
    list_display = ["user", "organisation", "title", "can_edit"]
    list_filter = ["can_edit"]
    search_fields = ["user__username", "organisation__name"]
    autocomplete_fields = ["user", "organisation"]


@admin.register(AccountState)
class AccountStateAdmin(SimpleHistoryAdmin):
    list_display = ["user", "must_change_password", "granted_by", "granted_at"]
    list_filter = ["must_change_password"]
    search_fields = ["user__username"]
    autocomplete_fields = ["user", "granted_by"]


@admin.register(AccountEvent)
class AccountEventAdmin(admin.ModelAdmin):
    """Who gave, reset or took away which login: read only, as a record of what happened."""

    list_display = ["at", "kind", "username", "member", "by_name", "by_role"]
    list_filter = ["kind"]
    search_fields = ["username", "by_name"]
    date_hierarchy = "at"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: AccountEvent | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: AccountEvent | None = None) -> bool:
        return False


@admin.register(OfficerGrantEvent)
class OfficerGrantEventAdmin(admin.ModelAdmin):
    """Who gave, changed or withdrew which officer right: read only, as a record of what happened."""

    list_display = ["at", "kind", "username", "organisation", "can_edit", "by_name"]
    list_filter = ["kind", "can_edit"]
    search_fields = ["username", "by_name", "organisation__name"]
    date_hierarchy = "at"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: OfficerGrantEvent | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: OfficerGrantEvent | None = None) -> bool:
        return False


@admin.register(OrganisationSlug)
class OrganisationSlugAdmin(admin.ModelAdmin):
    """An organisation's old slugs, which redirect to its address now: kept by the rename (read only here, since
    an old slug given to another organisation would send its bookmarks elsewhere)."""

    list_display = ["slug", "organisation", "retired_at"]
    search_fields = ["slug", "organisation__name"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: OrganisationSlug | None = None) -> bool:
        return False


@admin.register(ImportJob)
class ImportJobAdmin(admin.ModelAdmin):
    """Imports are started from the members page; here they are only read (the file stays out of the list)."""

    list_display = ["file_name", "branch", "state", "created_by", "created_at"]
    list_filter = ["state"]
    search_fields = ["file_name", "file_sha256", "branch__name"]
    exclude = ["content"]
    readonly_fields = ["branch", "created_by", "file_name", "file_sha256", "state", "progress_done",
                       "progress_total", "task_id", "result", "error", "updated_at"]  # fmt: skip

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


@admin.register(Transfer)
class TransferAdmin(NameSearch, SimpleHistoryAdmin):
    """Transfers are recorded and decided on the members pages (the services move the member); here they are read."""

    list_display = ["member", "from_branch", "destination", "requested_on", "state", "decided_on"]
    list_filter = ["state"]
    search_fields = ["to_text", "from_branch__name", "to_branch__name"]
    name_search_field = "member__search_key"
    date_hierarchy = "requested_on"
    readonly_fields = ["member", "from_branch", "to_branch", "to_text", "requested_on", "assessment",
                       "dues_paid_until", "state", "decided_on", "decided_by", "refusal_reason", "recorded_by"]  # fmt: skip

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
