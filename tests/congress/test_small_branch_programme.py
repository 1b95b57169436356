"""The default programme of a small branch's congress (issue 10) says that the congress elects the
Secretary itself, not "Bầu Ban Chấp hành nhiệm kỳ mới"."""

from __future__ import annotations

from django.urls import reverse

from congress.services.preparation import ensure_programme


def test_a_small_branchs_congress_starts_from_a_programme_that_elects_the_secretary(congress):
    branch = congress.branch
    branch.small_branch_threshold = 100  # the demo's members are fewer: the congress elects the Secretary
    branch.save()
    congress.programme_items.all().delete()
    ensure_programme(congress)
    titles = list(congress.programme_items.values_list("title", flat=True))
    assert "Bầu Bí thư, Phó Bí thư Chi đoàn nhiệm kỳ mới (Đại hội bầu trực tiếp)" in titles
    assert not any("Ban Chấp hành nhiệm kỳ mới" in t or "Ra mắt Ban Chấp hành" in t for t in titles)


def test_a_large_branchs_congress_still_elects_its_committee(client, roles, congress):
    congress.programme_items.all().delete()
    client.force_login(roles.secretary)
    page = client.get(reverse("congress:detail", kwargs={"slug": congress.branch.slug, "pk": congress.pk}))
    assert "Bầu Ban Chấp hành nhiệm kỳ mới" in page.content.decode()
