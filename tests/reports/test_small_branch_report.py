"""A small branch's report (issue 10): a committee of a Secretary and a Deputy only has no
"3. Vai trò các Ủy viên Ban Chấp hành" to write, and its report can be issued without it."""

from __future__ import annotations

from django.urls import reverse

from reports.self_review.build import report_data
from terms.models import CommitteeRole, CommitteeSeat


def _without_members(term) -> None:
    term.assignments.all().delete()
    CommitteeSeat.objects.filter(term=term, role=CommitteeRole.MEMBER).delete()


def test_a_committee_without_members_has_no_section_on_their_role(demo_term):
    _without_members(demo_term)
    report = demo_term.self_review_report
    report.members_role = ""
    report.save()
    data = report_data(demo_term)
    headings = [s.heading for s in data.leadership_sections]
    assert headings == ["1. Vai trò Bí thư Chi đoàn", "2. Vai trò Phó Bí thư Chi đoàn", "3. Một số bài học kinh nghiệm"]
    assert not any("Ủy viên" in item for item in data.missing)


def test_the_editor_does_not_ask_for_the_members_role_of_a_committee_without_members(client, roles, demo_term):
    _without_members(demo_term)
    client.force_login(roles.secretary)
    url = reverse("reports:self_review_edit", kwargs={"slug": demo_term.branch.slug, "term": demo_term.slug})
    page = client.get(url).content.decode()
    assert 'name="members_role"' not in page
    assert "III. 3. Một số bài học kinh nghiệm" in page


def test_a_committee_with_members_still_has_the_section(demo_term):
    headings = [s.heading for s in report_data(demo_term).leadership_sections]
    assert "3. Vai trò các Ủy viên Ban Chấp hành Chi đoàn" in headings
