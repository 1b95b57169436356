"""The page frame's links and files, worked out once per process (chidoan.web.frame), follow what they come from.

A kept address is keyed by everything it is computed from: a renamed branch's tabs point to its new
address at once, a site served under a prefix (SCRIPT_NAME) links under it, a new STATIC_URL moves
the stylesheets. Each test first fills the memo with the old address, then checks the new one.
"""

from __future__ import annotations

import re

import pytest
from django.urls import reverse, set_script_prefix

from members.services.organisations import organisation_update

pytestmark = pytest.mark.django_db


def tab_links(html: str) -> list[str]:
    nav = html.split('class="nav branch-nav"', 1)[1].split("</ul>", 1)[0]
    return re.findall(r'href="([^"]+)"', nav)


def test_a_renamed_branch_s_tabs_and_own_record_link_point_to_its_new_address(client, roles, demo_branch):
    client.force_login(roles.secretary)
    before = client.get(reverse("dashboard", kwargs={"slug": demo_branch.slug})).content.decode()
    assert f"/chi-doan/{demo_branch.slug}/doan-vien/" in tab_links(before)
    demo_branch.refresh_from_db()
    organisation_update(
        organisation=demo_branch,
        expected_version=demo_branch.version,
        name=demo_branch.name,
        short_name=demo_branch.short_name,
        kind=demo_branch.kind,
        slug="chi-doan-moi-ten",
    )
    after = client.get("/chi-doan/chi-doan-moi-ten/tong-quan/").content.decode()
    links = tab_links(after)
    assert links and all(link.startswith("/chi-doan/chi-doan-moi-ten/") for link in links)
    own = re.search(r'href="([^"]+)">Hồ sơ của tôi<', after)
    assert own is not None and own.group(1).startswith("/chi-doan/chi-doan-moi-ten/doan-vien/")


def test_under_a_script_prefix_the_frame_links_under_it(client, roles, demo_branch):
    client.force_login(roles.secretary)
    path = reverse("dashboard", kwargs={"slug": demo_branch.slug})
    plain = client.get(path).content.decode()
    assert all(link.startswith("/chi-doan/") for link in tab_links(plain))
    set_script_prefix("/so-tay/")  # what the WSGI handler does for SCRIPT_NAME (the test client does not)
    try:
        prefixed = client.get(path).content.decode()
    finally:
        set_script_prefix("/")
    assert all(link.startswith("/so-tay/") for link in tab_links(prefixed))
    logout = re.search(r'<form method="post" action="([^"]+)">', prefixed)
    assert logout is not None and logout.group(1).startswith("/so-tay/")
    home = re.search(r'class="navbar-brand[^"]*" href="([^"]+)"', prefixed)
    assert home is not None and home.group(1) == "/so-tay/"


def test_a_new_static_url_moves_the_frame_s_stylesheets_and_scripts(client, roles, demo_branch, settings):
    client.force_login(roles.secretary)
    path = reverse("dashboard", kwargs={"slug": demo_branch.slug})
    assert 'href="/static/css/app.css' in client.get(path).content.decode()
    settings.STATIC_URL = "/tep/"
    page = client.get(path).content.decode()
    assert 'href="/tep/css/app.css' in page
    assert 'src="/tep/js/app.js' in page
