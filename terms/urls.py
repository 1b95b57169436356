"""The term workspace, under chi-doan/<slug>/: the committee, assignments, the targets and their progress.

The term is chosen with ?nhiem-ky=2022-2024 (default: the branch's current term).
"""

from django.urls import path

from terms.views import workspace

app_name = "terms"
urlpatterns = [
    path("ban-chap-hanh/", workspace.committee, name="committee"),
    path("ban-chap-hanh/bo-sung/", workspace.seat_add, name="seat_add"),
    path("ban-chap-hanh/<int:pk>/thoi/", workspace.seat_end, name="seat_end"),
    path("ban-chap-hanh/<int:pk>/chuc-danh/", workspace.seat_role, name="seat_role"),
    path("ban-chap-hanh/<int:pk>/lich-su/", workspace.seat_history, name="seat_history"),
    path("phan-cong/", workspace.assignments, name="assignments"),
    path("chi-tieu/", workspace.targets, name="targets"),
    path("chi-tieu/them/", workspace.target_add, name="target_add"),
    path("chi-tieu/<int:pk>/sua/", workspace.target_edit, name="target_edit"),
    path("chi-tieu/<int:pk>/xoa/", workspace.target_delete, name="target_delete"),
    path("chi-tieu/<int:pk>/lich-su/", workspace.target_history, name="target_history"),
    path("chi-tieu/<int:pk>/tien-do/", workspace.progress_add, name="progress_add"),
]
