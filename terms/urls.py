"""The term workspace, under chi-doan/<slug>/: the committee, assignments, the targets and their progress.

The term is chosen with ?nhiem-ky=2022-2024 (default: the branch's current term).
"""

from django.urls import path

from terms.views import assignments, committee, exports, targets, term, transfers

app_name = "terms"
urlpatterns = [
    path("nhiem-ky/mo/", term.term_open, name="term_open"),
    path("ban-chap-hanh/", committee.committee, name="committee"),
    path("ban-chap-hanh/xuat-excel/", exports.committee_export, name="committee_export"),
    path("ban-chap-hanh/bo-sung/", committee.seat_add, name="seat_add"),
    path("ban-chap-hanh/<int:pk>/thoi/", committee.seat_end, name="seat_end"),
    path("ban-chap-hanh/<int:pk>/chuc-danh/", committee.seat_role, name="seat_role"),
    path("ban-chap-hanh/<int:pk>/lich-su/", committee.seat_history, name="seat_history"),
    path("phan-cong/", assignments.assignments, name="assignments"),
    # Beside the members' transfer pages (members:transfers); here because it also ends committee seats.
    path("doan-vien/chuyen-sinh-hoat/<int:pk>/tiep-nhan/", transfers.transfer_accept, name="transfer_accept"),
    path("chi-tieu/", targets.targets, name="targets"),
    path("chi-tieu/xuat-excel/", exports.targets_export, name="targets_export"),
    path("chi-tieu/them/", targets.target_add, name="target_add"),
    path("chi-tieu/<int:pk>/sua/", targets.target_edit, name="target_edit"),
    path("chi-tieu/<int:pk>/xoa/", targets.target_delete, name="target_delete"),
    path("chi-tieu/<int:pk>/lich-su/", targets.target_history, name="target_history"),
    path("chi-tieu/<int:pk>/tien-do/", targets.progress_add, name="progress_add"),
]
