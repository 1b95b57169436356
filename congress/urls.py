"""The congress day, under chi-doan/<slug>/dai-hoi/ (namespace congress)."""

from django.urls import path

from congress.views import day

P = "dai-hoi/<int:pk>/"
E = P + "bau-cu/<int:election_pk>/"

app_name = "congress"
urlpatterns = [
    path("dai-hoi/", day.meeting_list, name="list"),
    path("dai-hoi/moi/", day.meeting_create, name="create"),
    path(P, day.meeting_detail, name="detail"),
    path(P + "sua/", day.meeting_edit, name="edit"),
    path(P + "chuong-trinh/", day.meeting_programme, name="programme"),
    path(P + "chuong-trinh/<int:item_pk>/", day.meeting_item_notes, name="item_notes"),
    path(P + "diem-danh/", day.meeting_attendance, name="attendance"),
    path(P + "so-dai-bieu/", day.meeting_quorum, name="quorum"),
    path(P + "diem-danh/trieu-tap/", day.meeting_summon, name="summon"),
    path(P + "diem-danh/them/", day.meeting_summons_add, name="summons_add"),
    path(P + "diem-danh/<int:att_pk>/", day.meeting_checkin, name="checkin"),
    path(P + "diem-danh/<int:att_pk>/bo/", day.meeting_summons_remove, name="summons_remove"),
    path(P + "khach-moi/", day.meeting_guest_add, name="guest_add"),
    path(P + "khach-moi/<int:guest_pk>/xoa/", day.meeting_guest_remove, name="guest_remove"),
    path(P + "khai-mac/", day.meeting_open, name="open"),
    path(P + "bo-phan/<slug:kind>/", day.meeting_body, name="body"),
    path(P + "bo-phan/<slug:kind>/bieu-quyet/", day.meeting_body_vote, name="body_vote"),
    path(P + "bau-cu/them/", day.meeting_election_add, name="election_add"),
    path(E, day.meeting_election, name="election"),
    path(E + "ung-cu-vien/", day.meeting_candidate_add, name="candidate_add"),
    path(E + "ung-cu-vien/<int:candidate_pk>/rut/", day.meeting_candidate_withdraw, name="candidate_withdraw"),
    path(E + "mo/", day.meeting_election_open, name="election_open"),
    path(E + "lan/<int:round_pk>/kiem-phieu/", day.meeting_count, name="count"),
    path(E + "vong-hai/", day.meeting_round2, name="round2"),
    path(P + "nghi-quyet/", day.meeting_resolution, name="resolution"),
    path(P + "nghi-quyet/chi-tieu/", day.meeting_target_add, name="target_add"),
    path(P + "nghi-quyet/chi-tieu/<int:target_pk>/xoa/", day.meeting_target_remove, name="target_remove"),
    path(P + "nghi-quyet/bieu-quyet/", day.meeting_resolution_vote, name="resolution_vote"),
    path(P + "xac-nhan/", day.meeting_handover, name="handover"),
]
