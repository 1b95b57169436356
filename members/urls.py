"""Members of a branch, under chi-doan/<slug>/doan-vien/ (every view takes `slug`)."""

from django.urls import path

from members import views

app_name = "members"
urlpatterns = [
    path("", views.member_list, name="list"),
    path("them/", views.member_add, name="add"),
    path("chon/", views.member_picker, name="picker"),
    path("xuat-excel/", views.member_export, name="export"),
    path("nhap/", views.import_start, name="import"),
    path("nhap/tep-mau/", views.import_template, name="import_template"),
    path("nhap/<int:job>/", views.import_job, name="import_job"),
    path("nhap/<int:job>/tien-do/", views.import_status, name="import_status"),
    path("nhap/<int:job>/xac-nhan/", views.import_confirm, name="import_confirm"),
    path("chuyen-sinh-hoat/", views.transfer_list, name="transfers"),
    path("chuyen-sinh-hoat/nhieu-doan-vien/", views.transfer_batch, name="transfer_batch"),
    path("chuyen-sinh-hoat/<int:pk>/tep-excel/", views.transfer_file, name="transfer_file"),
    path("chuyen-sinh-hoat/<int:pk>/tu-choi/", views.transfer_refuse, name="transfer_refuse"),
    path("xep-loai/", views.member_ratings, name="ratings"),
    path("xep-loai/xuat-excel/", views.ratings_export, name="ratings_export"),
    path("xep-loai-chi-doan/", views.branch_ratings, name="branch_ratings"),
    path("<int:pk>/", views.member_detail, name="detail"),
    path("<int:pk>/sua/", views.member_edit, name="edit"),
    path("<int:pk>/lien-he/", views.member_contact, name="contact"),
    path("<int:pk>/tinh-trang/", views.member_status_change, name="status_change"),
    path("<int:pk>/chuyen-sinh-hoat/", views.transfer_record, name="transfer_record"),
    path("<int:pk>/xoa/", views.member_delete, name="delete"),
    path("<int:pk>/lich-su/", views.member_history, name="history"),
    path("<int:pk>/tai-khoan/", views.account_grant, name="account_grant"),
    path("<int:pk>/tai-khoan/thu-hoi/", views.account_revoke, name="account_revoke"),
]
