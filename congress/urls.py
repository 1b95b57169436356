"""The congress day, under chi-doan/<slug>/dai-hoi/ (namespace congress)."""

from django.urls import path

from congress.views import attendance, bodies, elections, handover, preparation, resolution

P = "dai-hoi/<int:pk>/"
E = P + "bau-cu/<int:election_pk>/"

app_name = "congress"
urlpatterns = [
    path("dai-hoi/", preparation.congress_list, name="list"),
    path("dai-hoi/moi/", preparation.create, name="create"),
    path(P, preparation.detail, name="detail"),
    path(P + "sua/", preparation.edit, name="edit"),
    path(P + "chuong-trinh/", preparation.programme, name="programme"),
    path(P + "chuong-trinh/<int:item_pk>/", preparation.item_notes, name="item_notes"),
    path(P + "diem-danh/", attendance.attendance, name="attendance"),
    path(P + "so-dai-bieu/", attendance.quorum, name="quorum"),
    path(P + "diem-danh/trieu-tap/", attendance.summon, name="summon"),
    path(P + "diem-danh/them/", attendance.summons_add, name="summons_add"),
    path(P + "diem-danh/<int:att_pk>/", attendance.checkin, name="checkin"),
    path(P + "diem-danh/<int:att_pk>/bo/", attendance.summons_remove, name="summons_remove"),
    path(P + "khach-moi/", preparation.guest_add, name="guest_add"),
    path(P + "khach-moi/<int:guest_pk>/xoa/", preparation.guest_remove, name="guest_remove"),
    path(P + "khai-mac/", attendance.congress_open, name="open"),
    path(P + "bo-phan/<slug:kind>/", bodies.body, name="body"),
    path(P + "bo-phan/<slug:kind>/bieu-quyet/", bodies.body_vote, name="body_vote"),
    path(P + "bau-cu/them/", elections.election_add, name="election_add"),
    path(E, elections.election, name="election"),
    path(E + "ung-cu-vien/", elections.candidate_add, name="candidate_add"),
    path(E + "ung-cu-vien/<int:candidate_pk>/rut/", elections.candidate_withdraw, name="candidate_withdraw"),
    path(E + "mo/", elections.election_open, name="election_open"),
    path(E + "lan/<int:round_pk>/kiem-phieu/", elections.count, name="count"),
    path(E + "lan-sau/", elections.next_round, name="next_round"),
    path(E + "de-trong/", elections.leave_vacant, name="leave_vacant"),
    path(P + "nghi-quyet/", resolution.resolution, name="resolution"),
    path(P + "nghi-quyet/chi-tieu/", resolution.target_add, name="target_add"),
    path(P + "nghi-quyet/chi-tieu/<int:target_pk>/xoa/", resolution.target_remove, name="target_remove"),
    path(P + "nghi-quyet/bieu-quyet/", resolution.resolution_vote, name="resolution_vote"),
    path(P + "xac-nhan/", handover.handover, name="handover"),
]
