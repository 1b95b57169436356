"""The organisation pages, under to-chuc/<slug>/ (every view takes `slug`)."""

from django.urls import path

from members.views import organisation_settings, organisations

app_name = "organisations"
urlpatterns = [
    path("", organisations.organisation_detail, name="detail"),
    path("them/", organisations.organisation_add, name="add"),
    path("sua/", organisations.organisation_edit, name="edit"),
    path("chuyen/", organisations.organisation_move, name="move"),
    path("ngung-hoat-dong/", organisations.organisation_close, name="close"),
    path("cai-dat/", organisation_settings.organisation_settings, name="settings"),
    path("quyen/", organisation_settings.officer_grants, name="grants"),
    path("quyen/<int:pk>/thu-hoi/", organisation_settings.officer_withdraw, name="grant_withdraw"),
]
