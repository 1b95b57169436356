"""The admin: every model of our apps is registered and its pages open for the superuser."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent


def our_app_configs():
    """Every installed app that lives in this repository (a new app is included without editing this test)."""
    return [c for c in apps.get_app_configs() if (ROOT / c.name.replace(".", "/")).is_dir()]


def test_our_apps_are_found():
    assert {c.label for c in our_app_configs()} == {"members", "terms", "congress", "reports", "web"}


def our_models():
    for config in our_app_configs():
        for model in config.get_models():
            # simple_history's Historical* models are shown through their model's history page.
            if not model.__name__.startswith("Historical"):
                yield model


def registered_admin_urls():
    for model, model_admin in admin.site._registry.items():
        info = (model._meta.app_label, model._meta.model_name)
        yield pytest.param(model_admin, f"admin:{info[0]}_{info[1]}_changelist", id=f"{info[0]}.{info[1]}-list")
        yield pytest.param(model_admin, f"admin:{info[0]}_{info[1]}_add", id=f"{info[0]}.{info[1]}-add")


def test_every_model_of_our_apps_is_registered():
    missing = [model._meta.label for model in our_models() if not admin.site.is_registered(model)]
    assert missing == []


@pytest.mark.parametrize(("model_admin", "url_name"), list(registered_admin_urls()))
def test_the_superuser_opens_the_list_and_add_pages(client, roles, model_admin, url_name):
    client.force_login(roles.admin)
    response = client.get(reverse(url_name))
    if url_name.endswith("_add") and not model_admin.has_add_permission(response.wsgi_request):
        assert response.status_code == 403
    else:
        assert response.status_code == 200


@pytest.mark.parametrize(
    ("query", "found", "not_found"),
    [
        ("tu uyen", "Nguyễn Thị Tú Uyên", "Đặng Tuyết Hằng"),
        ("DANG", "Đặng Tuyết Hằng", "Nguyễn Thị Tú Uyên"),
        ("Tú Uyên", "Nguyễn Thị Tú Uyên", "Đinh Thị Mai"),
    ],
)
def test_the_member_list_search_ignores_accents(client, roles, query, found, not_found):
    client.force_login(roles.admin)
    response = client.get(reverse("admin:members_member_changelist"), {"q": query})
    assert response.status_code == 200
    page = response.content.decode()
    assert found in page
    assert not_found not in page


def test_the_admin_is_closed_to_a_branch_secretary(client, roles):
    client.force_login(roles.secretary)
    response = client.get(reverse("admin:members_member_changelist"))
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]
