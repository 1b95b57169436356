from django.contrib import admin

from chidoan.lib.admin import ModelAdmin, SimpleHistoryAdmin
from congress.models import (
    Attendance,
    BallotRound,
    BodyMember,
    Candidate,
    Congress,
    CongressBody,
    DraftTarget,
    Election,
    Guest,
    ProgrammeItem,
    ResolutionVote,
    RoundCount,
)


@admin.register(Congress)
class CongressAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "held_on", "status"]
    list_filter = ["status"]
    search_fields = ["closes_term__branch__name"]
    autocomplete_fields = ["closes_term", "opens_term"]


# The congress day ------------------------------------------------------------


class ProgrammeInline(admin.TabularInline):
    model = ProgrammeItem
    extra = 0
    fields = ["position", "title", "notes"]


class AttendanceInline(admin.TabularInline):
    model = Attendance
    extra = 0
    autocomplete_fields = ["member"]
    fields = ["member", "status", "absence_reason"]


class GuestInline(admin.TabularInline):
    model = Guest
    extra = 0
    fields = ["name", "title"]


class DraftTargetInline(admin.TabularInline):
    model = DraftTarget
    extra = 0
    fields = ["position", "name", "kind", "planned_value", "planned_rating", "unit"]


class BodyMemberInline(admin.TabularInline):
    model = BodyMember
    extra = 0
    autocomplete_fields = ["member"]
    fields = ["position", "member", "is_head"]


@admin.register(CongressBody)
class CongressBodyAdmin(SimpleHistoryAdmin):
    list_display = ["congress", "kind", "votes_for", "votes_against", "votes_abstain", "voters"]
    list_filter = ["kind"]
    inlines = [BodyMemberInline]


class CandidateInline(admin.TabularInline):
    model = Candidate
    extra = 0
    autocomplete_fields = ["member"]
    fields = ["member", "source", "withdrawal_reason", "withdrawal_decision"]


class RoundInline(admin.TabularInline):
    model = BallotRound
    extra = 0
    fields = ["number", "seats", "voters", "issued", "returned", "valid", "invalid", "counted_at"]


@admin.register(Election)
class ElectionAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "congress", "seats", "elected_by", "status"]
    list_filter = ["kind", "status"]
    inlines = [CandidateInline, RoundInline]


class CountInline(admin.TabularInline):
    model = RoundCount
    extra = 0
    fields = ["candidate", "votes"]
    raw_id_fields = ["candidate"]


@admin.register(BallotRound)
class BallotRoundAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "issued", "returned", "valid", "invalid", "counted_at"]
    inlines = [CountInline]


@admin.register(ResolutionVote)
class ResolutionVoteAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "congress", "votes_for", "votes_against", "votes_abstain", "voters"]


CongressAdmin.inlines = [ProgrammeInline, AttendanceInline, GuestInline, DraftTargetInline]


@admin.register(ProgrammeItem)
class ProgrammeItemAdmin(admin.ModelAdmin):
    list_display = ["title", "congress", "position"]
    search_fields = ["title", "notes"]


@admin.register(Attendance)
class AttendanceAdmin(SimpleHistoryAdmin):
    list_display = ["member", "congress", "status", "absence_reason"]
    list_filter = ["status"]
    search_fields = ["member__search_key"]
    autocomplete_fields = ["member"]


@admin.register(Guest)
class GuestAdmin(admin.ModelAdmin):
    list_display = ["name", "title", "congress"]
    search_fields = ["name", "title"]


@admin.register(BodyMember)
class BodyMemberAdmin(ModelAdmin):
    list_display = ["member", "body", "is_head"]
    autocomplete_fields = ["member"]


@admin.register(Candidate)
class CandidateAdmin(SimpleHistoryAdmin):
    list_display = ["member", "election", "source", "withdrawal_decision"]
    list_filter = ["source", "withdrawal_decision"]
    search_fields = ["member__search_key"]
    autocomplete_fields = ["member"]


@admin.register(RoundCount)
class RoundCountAdmin(SimpleHistoryAdmin):
    list_display = ["candidate", "round", "votes"]
    raw_id_fields = ["candidate", "round"]


@admin.register(DraftTarget)
class DraftTargetAdmin(admin.ModelAdmin):
    list_display = ["name", "congress", "kind", "planned_value", "planned_rating", "unit"]
    list_filter = ["kind"]
    search_fields = ["name", "area"]
