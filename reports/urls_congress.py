"""The congress documents, under /chi-doan/<slug>/van-ban/dai-hoi/<pk>/ (namespace reports, see reports/urls.py)."""

from django.urls import path

from reports import views_congress as views

P = "dai-hoi/<int:pk>/"
E = P + "bau-cu/<int:election_pk>/"

urlpatterns = [
    path(P + "bien-ban/", views.congress_minutes, name="congress_minutes"),
    path(P + "bien-ban/pdf/", views.congress_minutes_pdf, name="congress_minutes_pdf"),
    path(P + "nghi-quyet/", views.congress_resolution, name="congress_resolution"),
    path(P + "nghi-quyet/pdf/", views.congress_resolution_pdf, name="congress_resolution_pdf"),
    path(E + "bien-ban-kiem-phieu/", views.counting_record, name="counting_record"),
    path(E + "bien-ban-kiem-phieu/pdf/", views.counting_record_pdf, name="counting_record_pdf"),
    path(E + "phieu-bau/", views.ballots, name="ballots"),
    path(E + "phieu-bau/pdf/", views.ballots_pdf, name="ballots_pdf"),
]
