from django.contrib import admin

from chidoan.lib.admin import SimpleHistoryAdmin
from terms.models import Assignment, CommitteeSeat, ProgressEntry, Resolution, Target, Term


class SeatInline(admin.TabularInline):
    model = CommitteeSeat
    extra = 0
    autocomplete_fields = ["member"]
    fields = ["position", "member", "role", "started_on", "start_kind", "ended_on", "end_kind", "end_reason"]


@admin.register(Term)
class TermAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "branch", "number", "starts_on", "ends_on"]
    list_filter = ["starts_on"]
    search_fields = ["branch__name"]
    autocomplete_fields = ["branch"]
    inlines = [SeatInline]


@admin.register(CommitteeSeat)
class CommitteeSeatAdmin(SimpleHistoryAdmin):
    list_display = ["member", "role", "term", "started_on", "start_kind", "ended_on", "end_kind", "end_reason"]
    list_filter = ["role", "start_kind", "end_kind"]
    search_fields = ["member__search_key", "term__branch__name"]
    autocomplete_fields = ["member", "term"]


@admin.register(Assignment)
class AssignmentAdmin(SimpleHistoryAdmin):
    list_display = ["area", "member", "term"]
    search_fields = ["area", "member__search_key"]
    autocomplete_fields = ["member", "term"]


class TargetInline(admin.TabularInline):
    model = Target
    extra = 0
    autocomplete_fields = ["responsible"]
    fields = ["position", "name", "kind", "planned_value", "planned_rating", "unit", "responsible"]


@admin.register(Resolution)
class ResolutionAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "term", "adopted_on"]
    search_fields = ["title", "term__branch__name"]
    autocomplete_fields = ["term"]
    inlines = [TargetInline]


class ProgressInline(admin.TabularInline):
    model = ProgressEntry
    extra = 0
    fields = ["recorded_on", "value", "rating", "evidence", "reason_behind"]


@admin.register(Target)
class TargetAdmin(SimpleHistoryAdmin):
    list_display = ["name", "resolution", "kind", "planned_value", "unit", "responsible"]
    list_filter = ["kind"]
    search_fields = ["name", "area"]
    autocomplete_fields = ["resolution", "responsible"]
    inlines = [ProgressInline]


@admin.register(ProgressEntry)
class ProgressEntryAdmin(SimpleHistoryAdmin):
    list_display = ["target", "recorded_on", "value", "rating"]
    search_fields = ["target__name", "evidence"]
    autocomplete_fields = ["target"]
    date_hierarchy = "recorded_on"
