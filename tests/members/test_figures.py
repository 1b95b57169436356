"""The dashboard's figures (members.figures.branch_figures) in SQL against the Python rules they replace.

The age bands and the near/over flags are computed in the database from birth dates; each test
puts members on both sides of every edge (each band's ages, the limits of 30 and 35, the
year's horizon of "near") and on 29 February, and compares with rules.age_on / rules.age_flags
row by row. It runs on SQLite and on PostgreSQL alike (DATABASE_URL).
"""

from __future__ import annotations

import datetime

import pytest

from members import rules, selectors
from members.figures import AGE_BANDS, active_count, branch_figures, figures_by_branch
from members.models import (
    Member,
    MemberStatus,
    MemberStatusChange,
    Organisation,
    StatusChangeKind,
    Transfer,
    TransferState,
)
from tests.members.factories import MemberFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

D = datetime.date
ONE_DAY = datetime.timedelta(days=1)


def expected_bands(members: list[Member], on: datetime.date) -> list[tuple[str, int, int, int]]:
    """The rule as the dashboard computed it in Python before: each active member's age and flags."""
    tallies = {label: [0, 0, 0] for label, _low, _high in AGE_BANDS}
    for member in members:
        age = rules.age_on(member.date_of_birth, on)
        label = next(
            (lbl for lbl, low, high in AGE_BANDS if age >= low and (high is None or age <= high)),
            AGE_BANDS[0][0],
        )
        over, near = rules.age_flags(born=member.date_of_birth, leadership_exemption=member.leadership_exemption, on=on)
        tallies[label][0] += 1
        tallies[label][1] += near
        tallies[label][2] += over
    return [(label, *tally) for label, tally in tallies.items()]


def edge_births(on: datetime.date) -> list[datetime.date]:
    """Birth dates on and beside every edge: each band's lowest and highest age, the limits, the horizon."""
    horizon = rules.near_age_horizon(on)
    births = set()
    for years in range(14, 38):
        for day in (rules.years_before(on, years), rules.years_before(horizon, years)):
            births.update({day - ONE_DAY, day, day + ONE_DAY})
    # Born on 29 February: a birthday that falls on 28 February or 1 March in a common year.
    for year in (on.year - 16, on.year - 20, on.year - 28, on.year - 30, on.year - 31, on.year - 35, on.year - 36):
        for leap in range(year - 3, year + 1):
            if leap % 4 == 0 and (leap % 100 != 0 or leap % 400 == 0):
                births.add(D(leap, 2, 29))
    return sorted(births)


@pytest.mark.parametrize(
    "on",
    [
        D(2026, 6, 15),
        D(2028, 2, 29),  # a leap day: the years before it often have no 29 February
        D(2027, 2, 28),  # the day before a 29-February member's birthday in a common year
        D(2027, 3, 1),  # that birthday itself; the year's horizon ends on 29 February 2028
        D(2027, 3, 2),  # the horizon the day after it
        D(2027, 12, 31),
    ],
)
def test_the_age_bands_and_flags_are_those_of_the_python_rules_at_every_edge(on):
    branch = OrganisationFactory()
    members = []
    for born in edge_births(on):
        for exemption in (False, True):
            members.append(
                MemberFactory(
                    branch=branch, date_of_birth=born, leadership_exemption=exemption, admitted_on=D(2000, 1, 1)
                )
            )
    figures = branch_figures(branch=branch, on=on)
    got = [(band.label, band.total, band.near_limit, band.over_limit) for band in figures.bands]
    assert got == expected_bands(members, on)
    assert figures.statuses[MemberStatus.ACTIVE] == len(members)
    assert sum(band.total for band in figures.bands) == len(members)


def test_a_member_born_on_29_february_turns_30_on_1_march_of_a_common_year():
    branch = OrganisationFactory()
    MemberFactory(branch=branch, date_of_birth=D(1996, 2, 29), admitted_on=D(2012, 3, 26))

    def band_of_one(on: datetime.date) -> str:
        (band,) = [b for b in branch_figures(branch=branch, on=on).bands if b.total]
        return band.label

    assert band_of_one(D(2025, 2, 28)) == "26 – 28"  # still 28
    assert band_of_one(D(2025, 3, 1)) == "29 – 30"  # 29 on 1 March of a common year
    over = [b.over_limit for b in branch_figures(branch=branch, on=D(2027, 2, 28)).bands]
    assert sum(over) == 0  # 30 until 1 March 2027
    assert sum(b.over_limit for b in branch_figures(branch=branch, on=D(2027, 3, 1)).bands) == 1


def test_the_status_counts_and_only_active_members_in_the_bands():
    branch = OrganisationFactory()
    active = MemberFactory.create_batch(3, branch=branch, admitted_on=D(2012, 1, 1))
    left, moved, aged = MemberFactory.create_batch(3, branch=branch, admitted_on=D(2012, 1, 1))
    MemberStatusChange.objects.create(member=left, kind=StatusChangeKind.LEFT, on=D(2024, 5, 1), reason="nghỉ việc")
    MemberStatusChange.objects.create(
        member=moved,
        kind=StatusChangeKind.TRANSFERRED_OUT,
        on=D(2024, 6, 1),
        assessment="Tốt",
        dues_paid_until=D(2024, 6, 1),
    )
    MemberStatusChange.objects.create(member=aged, kind=StatusChangeKind.CAME_OF_AGE, on=D(2024, 6, 1))
    # Two records on the same day: the later one (by id) is the status.
    MemberStatusChange.objects.create(member=aged, kind=StatusChangeKind.TRANSFERRED_IN, on=D(2024, 6, 1))
    MemberFactory(branch=branch, admitted_on=D(2030, 1, 1))  # not yet admitted on the day: counted nowhere

    figures = branch_figures(branch=branch, on=D(2025, 1, 1))
    assert figures.statuses == {
        MemberStatus.ACTIVE: len(active) + 1,
        MemberStatus.TRANSFERRED: 1,
        MemberStatus.CAME_OF_AGE: 0,
        MemberStatus.LEFT: 1,
        MemberStatus.REMOVED: 0,
    }
    assert sum(b.total for b in figures.bands) == len(active) + 1
    before = branch_figures(branch=branch, on=D(2024, 5, 31))
    assert before.statuses[MemberStatus.ACTIVE] == 5 and before.statuses[MemberStatus.LEFT] == 1


@pytest.mark.parametrize("on", [D(2024, 5, 31), D(2024, 6, 1), D(2025, 1, 1), D(2027, 3, 1)])
def test_the_figures_of_every_branch_at_once_are_each_branch_dashboard_s(on, django_assert_num_queries):
    """figures_by_branch (the officer's start page; DISTINCT ON on PostgreSQL, the anti-join on SQLite)
    gives each branch the status counts and age flags of branch_figures: the latest change on the day,
    the later of two on the same day, none after the day, every age edge."""
    ages, mixed, empty = OrganisationFactory(), OrganisationFactory(), OrganisationFactory()
    for born in edge_births(on):
        for exemption in (False, True):
            MemberFactory(branch=ages, date_of_birth=born, leadership_exemption=exemption, admitted_on=D(2000, 1, 1))
    MemberFactory.create_batch(2, branch=mixed, admitted_on=D(2012, 1, 1))
    left, aged, back = MemberFactory.create_batch(3, branch=mixed, admitted_on=D(2012, 1, 1))
    MemberStatusChange.objects.create(member=left, kind=StatusChangeKind.LEFT, on=D(2024, 5, 1), reason="nghỉ việc")
    MemberStatusChange.objects.create(member=aged, kind=StatusChangeKind.CAME_OF_AGE, on=D(2024, 6, 1))
    MemberStatusChange.objects.create(member=aged, kind=StatusChangeKind.TRANSFERRED_IN, on=D(2024, 6, 1))
    MemberStatusChange.objects.create(member=back, kind=StatusChangeKind.TRANSFERRED_IN, on=D(2024, 6, 1))
    MemberStatusChange.objects.create(member=back, kind=StatusChangeKind.CAME_OF_AGE, on=D(2024, 6, 1))
    MemberFactory(branch=mixed, admitted_on=D(2030, 1, 1))  # not yet admitted on the day: counted nowhere

    branches = Organisation.objects.filter(pk__in=[ages.pk, mixed.pk, empty.pk])
    with django_assert_num_queries(1):
        got = figures_by_branch(branches=branches, on=on)
    assert set(got) == {ages.pk, mixed.pk}  # a branch without members has no row
    for branch in (ages, mixed):
        expected = branch_figures(branch=branch, on=on)
        figures = got[branch.pk]
        assert {status: figures[status] for status in MemberStatus.values} == expected.statuses
        assert figures["over_age"] == sum(band.over_limit for band in expected.bands)
        assert figures["near_age"] == sum(band.near_limit for band in expected.bands)
    if on >= D(2024, 6, 1):
        assert got[mixed.pk][MemberStatus.CAME_OF_AGE] == 1  # `back`: the later record of the same day
    assert got[ages.pk]["over_age"] > 0 and got[ages.pk]["near_age"] > 0


def test_the_figures_are_two_queries(django_assert_num_queries):
    """The aggregate, and the count of those transferred away inside the installation (their rows moved)."""
    branch = OrganisationFactory()
    MemberFactory.create_batch(4, branch=branch)
    with django_assert_num_queries(2):
        branch_figures(branch=branch, on=D(2025, 1, 1))


def test_a_member_moved_twice_since_the_day_counts_in_the_branch_of_their_first_move():
    """A → B → C after the day: on the day they were in A, whatever came later (members_of_branch_on)."""
    first, second, third = OrganisationFactory(), OrganisationFactory(), OrganisationFactory()
    member = MemberFactory(branch=third, admitted_on=D(2012, 1, 1))
    stayed = MemberFactory(branch=second, admitted_on=D(2012, 1, 1))
    for from_branch, to_branch, decided_on in ((second, third, D(2025, 9, 1)), (first, second, D(2025, 3, 1))):
        Transfer.objects.create(
            member=member,
            from_branch=from_branch,
            to_branch=to_branch,
            requested_on=decided_on,
            assessment="Tốt",
            dues_paid_until=decided_on,
            state=TransferState.ACCEPTED,
            decided_on=decided_on,
        )
    on = D(2025, 1, 1)
    assert set(selectors.members_of_branch_on(branch=first, on=on)) == {member}
    assert set(selectors.members_of_branch_on(branch=second, on=on)) == {stayed}
    assert set(selectors.members_of_branch_on(branch=third, on=on)) == set()
    assert set(selectors.members_of_branch_on(branch=second, on=D(2025, 6, 1))) == {member, stayed}
    assert set(selectors.members_of_branch_on(branch=third, on=D(2025, 9, 1))) == {member}
    assert active_count(branch=first, on=on) == 1
    assert branch_figures(branch=first, on=on).statuses[MemberStatus.ACTIVE] == 1
