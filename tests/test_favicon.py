"""Every HTML page of ours names the site's icon, so no browser logs a 404 for /favicon.ico."""

import pytest
from django.contrib.staticfiles import finders
from django.template.loader import get_template
from django.urls import reverse

PAGES_WITH_A_HEAD = [
    "base.html",
    "reports/document_base.html",
    "reports/congress/ballots.html",
    "limits/too_large.html",
]


def test_the_icon_is_shipped_in_static():
    path = finders.find("img/favicon.svg")
    assert path, "static/img/favicon.svg is missing"
    with open(path, encoding="utf-8") as icon:
        assert icon.read().startswith("<svg")


@pytest.mark.parametrize("name", PAGES_WITH_A_HEAD)
def test_each_page_with_a_head_links_the_icon(name):
    source = get_template(name).template.source
    assert 'rel="icon"' in source and "img/favicon.svg" in source


@pytest.mark.django_db
def test_the_sign_in_page_links_the_icon(client):
    page = client.get(reverse("login")).content.decode()
    assert '<link rel="icon" href="/static/img/favicon.svg"' in page
