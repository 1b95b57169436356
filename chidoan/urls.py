from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from chidoan.web import accounts, dashboard, errors, start

admin.site.site_header = "Quản trị chidoan"
admin.site.site_title = "chidoan"
admin.site.index_title = "Dữ liệu Chi đoàn"

urlpatterns = [
    path("", start.home, name="home"),
    # Our own sign-in and password change, on the paths of django.contrib.auth.urls (which come
    # after them, for the password reset views): the change also clears a one-time password.
    path("tai-khoan/login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("tai-khoan/password_change/", accounts.password_change, name="password_change"),
    path(
        "tai-khoan/password_change/done/",
        auth_views.PasswordChangeDoneView.as_view(template_name="registration/password_change_done.html"),
        name="password_change_done",
    ),
    # Password reset by e-mail, only when mail is configured (chidoan.web.accounts.PasswordReset).
    path("tai-khoan/password_reset/", accounts.password_reset, name="password_reset"),
    path("tai-khoan/reset/<uidb64>/<token>/", accounts.password_reset_confirm, name="password_reset_confirm"),
    path("tai-khoan/", include("django.contrib.auth.urls")),
    path("chi-doan/<slug:slug>/tong-quan/", dashboard.dashboard, name="dashboard"),
    path("chi-doan/<slug:slug>/doan-vien/", include("members.urls")),
    path("chi-doan/<slug:slug>/", include("terms.urls")),
    path("chi-doan/<slug:slug>/", include("congress.urls")),
    path("chi-doan/<slug:slug>/van-ban/", include("reports.urls")),
    path("to-chuc/<slug:slug>/van-ban-nhan/", include("reports.urls_received")),
    path("to-chuc/<slug:slug>/", include("members.urls_organisations")),
    path("quan-tri/", admin.site.urls),
]

# Error pages in Vietnamese, in the site's frame; a database outage answers 503 (chidoan.web.errors).
handler400 = errors.bad_request
handler403 = errors.permission_denied
handler404 = errors.page_not_found
handler500 = errors.server_error
