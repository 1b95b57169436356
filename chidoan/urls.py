from django.contrib import admin
from django.urls import include, path

from chidoan import views

admin.site.site_header = "Quản trị chidoan"
admin.site.site_title = "chidoan"
admin.site.index_title = "Dữ liệu Chi đoàn"

urlpatterns = [
    path("", views.home, name="home"),
    path("tai-khoan/", include("django.contrib.auth.urls")),
    path("quan-tri/", admin.site.urls),
]
