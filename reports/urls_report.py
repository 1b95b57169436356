"""URLs of the self-review report, under /chi-doan/<slug>/van-ban/."""

from django.urls import path

from reports import views_report as views

urlpatterns = [
    path("", views.report_list, name="list"),
    path("bao-cao-kiem-diem/<slug:term>/", views.self_review, name="self_review"),
    path("bao-cao-kiem-diem/<slug:term>/soan-thao/", views.self_review_edit, name="self_review_edit"),
    path("bao-cao-kiem-diem/<slug:term>/pdf/", views.self_review_pdf, name="self_review_pdf"),
    path("bao-cao-kiem-diem/<slug:term>/docx/", views.self_review_docx, name="self_review_docx"),
    path("bao-cao-kiem-diem/<slug:term>/ban-hanh/", views.self_review_issue, name="self_review_issue"),
    path("da-ban-hanh/<int:pk>/<slug:fmt>/", views.issued_download, name="issued_download"),
]
