"""Accounts: password change and reset in Vietnamese, and the page of a sign-in locked by django-axes.

A changed or reset password also ends a one-time password's grip (chidoan.web.middleware).
"""

from __future__ import annotations

import logging
from datetime import timedelta
from smtplib import SMTPException
from typing import Any

from django.conf import settings
from django.contrib.auth import password_validation
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordChangeForm, PasswordResetForm, SetPasswordForm
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template import loader
from django.urls import reverse_lazy
from django.utils.translation import gettext as _

from chidoan.web.middleware import SESSION_KEY
from members import services as member_services

logger = logging.getLogger(__name__)


def check_new_password(form: SetPasswordForm, user: User, field: str) -> None:
    """Django's validators; the one message Django's Vietnamese catalogue leaves in English is reworded."""
    password = form.cleaned_data.get(field)
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
        form.add_error(field, messages)


class VietnamesePasswordChangeForm(PasswordChangeForm):
    def validate_password_for_user(self, user: User, password_field_name: str = "new_password2") -> None:
        check_new_password(self, user, password_field_name)


class VietnameseSetPasswordForm(SetPasswordForm):
    def validate_password_for_user(self, user: User, password_field_name: str = "new_password2") -> None:
        check_new_password(self, user, password_field_name)


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


# Password reset by e-mail ---------------------------------------------------


def mail_configured() -> bool:
    """Whether the site can send mail: EMAIL_HOST is set (Django's default, localhost, is not a mail server)."""
    return bool(settings.EMAIL_HOST)


class MailNotSent(Exception):
    """The reset mail could not be handed to the mail server."""


class PasswordResetByMailForm(PasswordResetForm):
    """Django's form, except that a mail that cannot be sent is an error, not a line in the log."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["email"].label = _("Địa chỉ e-mail")

    def send_mail(
        self,
        subject_template_name: str,
        email_template_name: str,
        context: dict[str, Any],
        from_email: str | None,
        to_email: str,
        html_email_template_name: str | None = None,
    ) -> None:
        subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
        body = loader.render_to_string(email_template_name, context)
        message = EmailMultiAlternatives(subject, body, from_email, [to_email])
        try:
            message.send()
        except (SMTPException, OSError) as error:
            logger.exception("Could not send the password reset mail to user %s", context["user"].pk)
            raise MailNotSent from error


class PasswordReset(auth_views.PasswordResetView):
    """Django's reset by e-mail when mail is configured; otherwise the page says whom to ask.

    Without mail it shows no form and sends nothing; a mail the server refuses is said so,
    never reported as sent.
    """

    form_class = PasswordResetByMailForm
    template_name = "registration/password_reset_form.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["mail_configured"] = mail_configured()
        return context

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not mail_configured():
            return self.render_to_response(self.get_context_data())
        return super().post(request, *args, **kwargs)

    def form_valid(self, form: PasswordResetForm) -> HttpResponse:
        try:
            return super().form_valid(form)
        except MailNotSent:
            return self.render_to_response(self.get_context_data(form=form, mail_failed=True), status=503)


class PasswordResetConfirm(auth_views.PasswordResetConfirmView):
    """Django's new-password page from the mailed link; it also ends a one-time password."""

    form_class = VietnameseSetPasswordForm
    template_name = "registration/password_reset_confirm.html"

    def form_valid(self, form: SetPasswordForm) -> HttpResponse:
        response = super().form_valid(form)
        member_services.account_password_changed(user=form.user)
        return response


password_reset = PasswordReset.as_view()
password_reset_confirm = PasswordResetConfirm.as_view()


# Sign-in locked by django-axes ---------------------------------------------


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials: dict[str, Any] | None = None
) -> HttpResponse:
    """The page of a refused sign-in (AXES_LOCKOUT_CALLABLE), for our sign-in page and the admin's: HTTP 429."""
    cool_off: timedelta = settings.AXES_COOLOFF_TIME  # a timedelta in our settings, never axes' other forms
    minutes = max(1, round(cool_off.total_seconds() / 60))
    return render(
        request,
        "registration/lockout.html",
        {"minutes": minutes, "failure_limit": settings.AXES_FAILURE_LIMIT},
        status=429,
    )
