"""Password reset by e-mail: it works when mail is configured, and never pretends when it is not."""

from __future__ import annotations

import re
import smtplib

import pytest
from django.core import mail
from django.urls import reverse

from members.models import AccountState

pytestmark = pytest.mark.django_db

ADDRESS = "trang@example.org"
ASK_SECRETARY = "Hãy nhờ Bí thư Chi đoàn cấp cho bạn một mật khẩu tạm thời mới."


@pytest.fixture
def mail_on(settings):
    """Mail configured as in production (EMAIL_HOST); pytest-django keeps Django's locmem backend."""
    settings.EMAIL_HOST = "smtp.example.org"
    settings.DEFAULT_FROM_EMAIL = "chidoan@example.org"
    return settings


@pytest.fixture
def member_with_address(roles):
    roles.member.email = ADDRESS
    roles.member.save(update_fields=["email"])
    return roles.member


def reset_link(message) -> str:
    found = re.search(r"http://testserver(/tai-khoan/reset/[^/\s]+/[^/\s]+/)", message.body)
    assert found, message.body
    return found.group(1)


def test_the_sign_in_page_links_to_the_reset(client):
    page = client.get(reverse("login")).content.decode()
    assert reverse("password_reset") in page and "Quên mật khẩu?" in page


def test_the_mail_goes_to_the_members_address_and_its_link_sets_a_new_password(client, mail_on, member_with_address):
    form = client.get(reverse("password_reset"))
    assert "Địa chỉ e-mail" in form.content.decode() and 'lang="vi"' in form.content.decode()
    sent = client.post(reverse("password_reset"), {"email": "TRANG@example.org"}, follow=True)
    assert sent.redirect_chain[-1][0] == reverse("password_reset_done")
    assert "Kiểm tra hộp thư" in sent.content.decode()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [ADDRESS]
    assert message.from_email == "chidoan@example.org"
    assert message.subject == "Đặt lại mật khẩu Sổ tay Chi đoàn"
    assert "doanvien" in message.body

    confirm = client.get(reset_link(message), follow=True)
    assert "Đặt mật khẩu mới" in confirm.content.decode()
    done = client.post(
        confirm.redirect_chain[-1][0],
        {"new_password1": "Sen-hong-2026!", "new_password2": "Sen-hong-2026!"},
        follow=True,
    )
    assert "Đã đặt mật khẩu mới" in done.content.decode()
    member_with_address.refresh_from_db()
    assert member_with_address.check_password("Sen-hong-2026!")
    signed_in = client.post(reverse("login"), {"username": "doanvien", "password": "Sen-hong-2026!"})
    assert signed_in.status_code == 302


def test_a_used_link_does_not_work_twice(client, mail_on, member_with_address):
    client.post(reverse("password_reset"), {"email": ADDRESS})
    link = reset_link(mail.outbox[0])
    form_url = client.get(link, follow=True).redirect_chain[-1][0]
    client.post(form_url, {"new_password1": "Sen-hong-2026!", "new_password2": "Sen-hong-2026!"})
    again = client.get(link, follow=True)
    assert "Liên kết đặt lại mật khẩu không còn dùng được" in again.content.decode()


def test_a_weak_new_password_is_explained_in_vietnamese(client, mail_on, member_with_address):
    client.post(reverse("password_reset"), {"email": ADDRESS})
    form_url = client.get(reset_link(mail.outbox[0]), follow=True).redirect_chain[-1][0]
    response = client.post(form_url, {"new_password1": "123", "new_password2": "123"})
    assert "Mật khẩu quá ngắn: cần ít nhất 8 ký tự." in response.context["form"].errors["new_password2"]


def test_a_reset_ends_a_one_time_password(client, mail_on, member_with_address):
    AccountState.objects.create(user=member_with_address, must_change_password=True)
    client.post(reverse("password_reset"), {"email": ADDRESS})
    form_url = client.get(reset_link(mail.outbox[0]), follow=True).redirect_chain[-1][0]
    client.post(form_url, {"new_password1": "Sen-hong-2026!", "new_password2": "Sen-hong-2026!"})
    assert not AccountState.objects.filter(user=member_with_address, must_change_password=True).exists()


def test_an_unknown_address_gets_the_same_answer_and_no_mail(client, mail_on, member_with_address):
    sent = client.post(reverse("password_reset"), {"email": "ai-do@example.org"}, follow=True)
    assert sent.redirect_chain[-1][0] == reverse("password_reset_done")
    assert mail.outbox == []


def test_without_mail_the_page_says_to_ask_the_secretary_and_sends_nothing(client, settings, member_with_address):
    settings.EMAIL_HOST = ""
    page = client.get(reverse("password_reset")).content.decode()
    assert ASK_SECRETARY in page
    assert "chưa được cấu hình gửi thư" in page
    assert 'name="email"' not in page  # no form that would pretend
    answer = client.post(reverse("password_reset"), {"email": ADDRESS})
    assert answer.status_code == 200
    assert ASK_SECRETARY in answer.content.decode()
    assert mail.outbox == []


def test_when_sending_fails_it_does_not_claim_a_mail_was_sent(client, mail_on, member_with_address, monkeypatch):
    def refuse(self, fail_silently=False):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", refuse)
    answer = client.post(reverse("password_reset"), {"email": ADDRESS})
    assert answer.status_code == 503
    page = answer.content.decode()
    assert "Không gửi được thư đặt lại mật khẩu lúc này" in page
    assert "Kiểm tra hộp thư" not in page
