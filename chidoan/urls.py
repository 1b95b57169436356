from django.contrib import admin
from django.urls import include, path

from chidoan import views

admin.site.site_header = "Quản trị chidoan"
admin.site.site_title = "chidoan"
admin.site.index_title = "Dữ liệu Chi đoàn"

urlpatterns = [
    path("", views.home, name="home"),
    path("tai-khoan/", include("django.contrib.auth.urls")),
    path("chi-doan/<slug:slug>/doan-vien/", include("members.urls")),
    path("chi-doan/<slug:slug>/", include("congress.urls")),
    path("chi-doan/<slug:slug>/van-ban/", include("reports.urls")),
    path("quan-tri/", admin.site.urls),
]
