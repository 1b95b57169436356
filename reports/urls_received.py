"""What the organisations below sent up, under /to-chuc/<slug>/van-ban-nhan/ (reports.views.submissions)."""

from django.urls import path

from reports.views import submissions

app_name = "received"
urlpatterns = [
    path("", submissions.received, name="list"),
    path("<int:pk>/da-nhan/", submissions.acknowledge, name="acknowledge"),
    path("<int:pk>/tra-lai/", submissions.send_back, name="return"),
    path("<int:pk>/<slug:fmt>/", submissions.received_download, name="download"),
]
