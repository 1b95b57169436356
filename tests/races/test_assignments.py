"""Two editors save an assignment (phân công phụ trách) at the same instant: two new people for one area,
or the same new area given twice. One save goes through; the other is refused with who looks after the
area now, never a 500, and the area is never listed twice."""

from __future__ import annotations

from functools import partial

import pytest

from terms import selectors, services
from terms.models import Assignment
from tests.races.helpers import STALE, TRIALS, one_saved_one_refused, only_on_postgresql, race
from tests.terms.pages import url

pytestmark = [pytest.mark.postgres, only_on_postgresql, pytest.mark.django_db(transaction=True)]


def opened(client) -> str:
    """The versions the page carries when this editor opens it."""
    return client.get(url("assignments")).context["form"]["versions"].value()


def check_race(term, editors, area: str, members) -> None:
    secretary, deputy = editors
    posts = {
        secretary: {"area": area, "member": members[0].pk, "versions": opened(secretary)},
        deputy: {"area": area, "member": members[1].pk, "versions": opened(deputy)},
    }
    refused = one_saved_one_refused(
        race(*(partial(client.post, url("assignments"), data) for client, data in posts.items()))
    )
    assert STALE in refused.content.decode()
    assignment = Assignment.objects.get(term=term, area=area)  # one row for the area, not two
    [change] = refused.context["changed"]
    assert (change.label, change.saved) == ("ủy viên phụ trách", assignment.member.full_name)
    assert change.typed in {members[0].full_name, members[1].full_name} - {change.saved}


def test_two_new_assignments_of_the_same_area_at_once_save_one_and_refuse_the_other(editors, demo_term):
    committee = list(selectors.committee_members(term=demo_term))
    for trial in range(TRIALS):
        check_race(demo_term, editors, f"Mảng thử đồng thời {trial}", committee[:2])


def test_two_new_people_for_one_area_at_once_save_one_and_refuse_the_other(editors, demo_term):
    committee = list(selectors.committee_members(term=demo_term))
    for trial in range(TRIALS):
        area = f"Mảng thử đã có {trial}"
        services.assignment_set(term=demo_term, member=committee[2], area=area)
        check_race(demo_term, editors, area, committee[:2])
