"""On random trees the statistics' total is the sum of its rows, and every member is counted exactly once."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from members.models import Gender, MemberStatusChange, OrganisationKind, StatusChangeKind
from reports.statistics.compute import KEYS, statistics_compute
from reports.statistics.periods import Period
from tests.members.factories import MemberFactory, OrganisationFactory, ParentOrganisationFactory

PERIOD = Period.half(2025, 1)

# A node: (which earlier level it hangs under, is it a branch, its members: (admitted in the period?, female?, left?)).
member = st.tuples(st.booleans(), st.booleans(), st.booleans())
node = st.tuples(st.integers(min_value=0, max_value=10), st.booleans(), st.lists(member, max_size=3))
trees = st.lists(node, min_size=1, max_size=6)


def _build(nodes):
    province = ParentOrganisationFactory(kind=OrganisationKind.PROVINCE)
    levels = [province]
    expected_active = 0
    for parent_index, is_branch, members in nodes:
        parent = levels[parent_index % len(levels)]
        if not is_branch:
            levels.append(ParentOrganisationFactory(parent=parent))
            continue
        branch = OrganisationFactory(parent=parent)
        for admitted_in_period, female, left in members:
            admitted_on = datetime.date(2025, 3, 1) if admitted_in_period else datetime.date(2020, 3, 1)
            someone = MemberFactory(
                branch=branch, admitted_on=admitted_on, gender=Gender.FEMALE if female else Gender.MALE
            )
            if left:
                MemberStatusChange.objects.create(
                    member=someone, kind=StatusChangeKind.LEFT, on=datetime.date(2025, 5, 2), reason="nghỉ việc"
                )
            else:
                expected_active += 1
    return province, expected_active


@pytest.mark.django_db
@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(nodes=trees)
def test_the_total_is_the_sum_of_the_child_organisations(nodes):
    province, expected_active = _build(nodes)
    stats = statistics_compute(organisation=province, period=PERIOD)
    for key in KEYS:
        assert stats.total.figures[key] == sum(row.figures[key] for row in stats.rows), key
    assert stats.total.figures["active"] == expected_active
    assert stats.total.figures["female"] + stats.total.figures["male"] == expected_active
