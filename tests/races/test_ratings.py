"""Two editors save the yearly ratings at the same instant: the members' table (a page at once) and the
branch's rating. Exactly one save goes through; the other is refused with what the first saved, never a 500,
and no member or year ends up rated twice."""

from __future__ import annotations

from functools import partial

import pytest

from members import services
from members.models import BranchRating, MemberRating, RatingLevel
from tests.members.helpers import add_members, ratings_post, url
from tests.races.helpers import STALE, TRIALS, one_saved_one_refused, only_on_postgresql, race

pytestmark = [pytest.mark.postgres, only_on_postgresql, pytest.mark.django_db(transaction=True)]

YEAR = 2024  # members admitted in 2023 by add_members are on that year's table


def table_address(branch) -> str:
    return url("ratings", branch) + f"?year={YEAR}"


def rows(members, level: str) -> list[dict]:
    return [{"member": m.pk, "level": level, "participation_percent": "85", "note": ""} for m in members]


def check_page_race(branch, editors, members) -> None:
    """Both editors post the page as they opened it; one page is saved whole, the other refused whole."""
    secretary, deputy = editors
    pages = {
        secretary: ratings_post(rows(members, RatingLevel.GOOD), year=YEAR),
        deputy: ratings_post(rows(members, RatingLevel.COMPLETED), year=YEAR),
    }
    before = {m.pk: m.ratings.filter(year=YEAR).values_list("version", flat=True).first() for m in members}
    refused = one_saved_one_refused(
        race(*(partial(client.post, table_address(branch), data) for client, data in pages.items()))
    )
    assert STALE in refused.content.decode()
    assert sorted(change.label for change in refused.context["changed"]) == sorted(m.full_name for m in members)
    ratings = list(MemberRating.objects.filter(year=YEAR, member__in=members))
    assert len(ratings) == len(members)  # nobody rated twice
    assert len({r.level for r in ratings}) == 1  # every line from the same page: saved whole or not at all
    assert all(r.version == (before[r.member_id] or 0) + 1 for r in ratings)


def test_two_first_ratings_of_the_same_members_at_once_save_one_page_and_refuse_the_other(editors, demo_branch):
    for trial in range(TRIALS):
        members = add_members(demo_branch, 2, start=2 * trial)
        check_page_race(demo_branch, editors, members)


def test_two_changes_of_the_same_ratings_at_once_save_one_page_and_refuse_the_other(editors, demo_branch):
    for trial in range(TRIALS):
        members = add_members(demo_branch, 2, start=2 * trial)
        for member in members:
            services.member_rating_set(member=member, year=YEAR, level=RatingLevel.NOT_COMPLETED)
        check_page_race(demo_branch, editors, members)


def check_branch_race(branch, editors, year: int, version: int) -> None:
    secretary, deputy = editors
    address = url("branch_ratings", branch)
    posts = {
        secretary: {"year": year, "level": RatingLevel.GOOD, "rank_note": "thứ 2", "version": version},
        deputy: {"year": year, "level": RatingLevel.EXCELLENT, "rank_note": "thứ 1", "version": version},
    }
    refused = one_saved_one_refused(race(*(partial(client.post, address, data) for client, data in posts.items())))
    assert STALE in refused.content.decode(), refused.context["form"].errors
    changed = {change.label: (change.saved, change.typed) for change in refused.context["changed"]}
    assert set(changed) == {"xếp loại", "ghi chú (thứ hạng...)"}
    rating = BranchRating.objects.get(branch=branch, year=year)  # one rating of the year, not two
    assert rating.version == version + 1
    assert changed["xếp loại"][0] == rating.get_level_display()


def test_two_first_ratings_of_the_branch_for_one_year_at_once_save_one_and_refuse_the_other(editors, demo_branch):
    for trial in range(TRIALS):
        check_branch_race(demo_branch, editors, 2000 + trial, version=0)


def test_two_changes_of_the_branch_rating_at_once_save_one_and_refuse_the_other(editors, demo_branch):
    for trial in range(TRIALS):
        year = 2000 + trial
        BranchRating.objects.create(branch=demo_branch, year=year, level=RatingLevel.COMPLETED)
        check_branch_race(demo_branch, editors, year, version=1)
