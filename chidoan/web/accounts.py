"""Changing one's password: Django's page, in Vietnamese, which also ends a one-time password's grip."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import password_validation
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordChangeForm
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.urls import reverse_lazy
from django.utils.translation import gettext as _

from chidoan.web.middleware import SESSION_KEY
from members import services as member_services


class VietnamesePasswordChangeForm(PasswordChangeForm):
    """Django's form; the one validator message Django's Vietnamese catalogue leaves in English is reworded."""

    def validate_password_for_user(self, user: User, password_field_name: str = "new_password2") -> None:
        password = self.cleaned_data.get(password_field_name)
        if not password:
            return
        try:
            password_validation.validate_password(password, user)
        except ValidationError as error:
            messages: list[str | ValidationError] = [
                _("Mật khẩu quá ngắn: cần ít nhất %(n)s ký tự.") % {"n": (e.params or {}).get("min_length", 8)}
                if e.code == "password_too_short"
                else e
                for e in error.error_list
            ]
            self.add_error(password_field_name, messages)


class PasswordChange(auth_views.PasswordChangeView):
    """Django's password change; a done change clears the one-time password flag (chidoan.web.middleware)."""

    form_class = VietnamesePasswordChangeForm
    template_name = "registration/password_change_form.html"
    success_url = reverse_lazy("password_change_done")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["must_change"] = bool(self.request.session.get(SESSION_KEY))
        return context

    def form_valid(self, form: PasswordChangeForm) -> HttpResponse:
        response = super().form_valid(form)
        member_services.account_password_changed(user=form.user)
        self.request.session[SESSION_KEY] = False
        return response


password_change = PasswordChange.as_view()
