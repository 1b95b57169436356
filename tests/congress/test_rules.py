"""The rules of the day (congress/rules.py): the quorum and the counting, by examples, then properties checked by hypothesis."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from congress.rules import (
    BASE_RETURNED,
    TIE_OLDER,
    Ballots,
    Rules,
    Votes,
    candidate_list_error,
    count_errors,
    decide,
    max_candidates,
    quorum_needed,
    quorum_reached,
)

D = datetime.date


def votes(**counts: int) -> list[Votes]:
    return [Votes(key=name, votes=n) for name, n in counts.items()]


def test_quorum_needs_two_thirds_present():
    assert quorum_reached(present=12, summoned=18)
    assert not quorum_reached(present=11, summoned=18)
    assert quorum_reached(present=2, summoned=3)
    assert not quorum_reached(present=0, summoned=0)
    assert quorum_needed(18) == 12
    assert quorum_needed(10) == 7


def test_the_surplus_rule_allows_thirty_percent_more_candidates_rounded_down():
    assert max_candidates(5, 30) == 6
    assert max_candidates(7, 30) == 9
    assert max_candidates(1, 30) == 1
    assert candidate_list_error(seats=5, candidates=6, rules=Rules()) is None
    error = candidate_list_error(seats=5, candidates=7, rules=Rules())
    assert "có 7 ứng cử viên" in error and "nhiều nhất 6 người" in error


def test_it_refuses_an_empty_candidate_list():
    assert "chưa có ứng cử viên" in candidate_list_error(seats=1, candidates=0, rules=Rules())


def test_counts_that_add_up_have_no_error():
    assert count_errors(seats=2, ballots=Ballots(10, 10, 9, 1), votes=votes(a=9, b=5, c=4)) == []


@pytest.mark.parametrize(
    ("ballots", "counts", "reason"),
    [
        (Ballots(10, 11, 11, 0), {"a": 5}, "nhiều hơn số phiếu phát ra"),
        (Ballots(10, 10, 8, 1), {"a": 5}, "phải bằng số phiếu thu về"),
        (Ballots(10, 10, 9, 1), {"a": 10}, "không thể nhiều hơn số phiếu hợp lệ"),
        (Ballots(10, 10, 9, 1), {"a": 9, "b": 9, "c": 1}, "vượt quá số vị trí × số phiếu hợp lệ"),
        (Ballots(10, -1, 0, 0), {"a": 0}, "không thể âm"),
    ],
)
def test_it_refuses_counts_that_do_not_add_up(ballots, counts, reason):
    errors = count_errors(seats=2, ballots=ballots, votes=votes(**counts))
    assert any(reason in e for e in errors), errors
    with pytest.raises(ValueError):
        decide(seats=2, ballots=ballots, votes=votes(**counts))


def test_more_than_half_of_valid_ballots_is_needed():
    result = decide(seats=3, ballots=Ballots(10, 10, 10, 0), votes=votes(a=6, b=5, c=9))
    assert set(result.elected) == {"a", "c"}
    assert result.unfilled == 1


def test_the_base_can_be_ballots_returned():
    ballots = Ballots(12, 12, 10, 2)
    assert decide(seats=1, ballots=ballots, votes=votes(a=6)).elected == ("a",)
    assert decide(seats=1, ballots=ballots, votes=votes(a=6), rules=Rules(base=BASE_RETURNED)).elected == ()


def test_when_more_pass_than_seats_the_highest_counts_win():
    result = decide(seats=2, ballots=Ballots(20, 20, 20, 0), votes=votes(a=15, b=13, c=11))
    assert result.elected == ("a", "b")
    assert result.passed == ("a", "b", "c")


def test_a_tie_for_the_last_seat_goes_to_a_second_round():
    result = decide(seats=2, ballots=Ballots(20, 20, 20, 0), votes=votes(a=18, b=11, c=11))
    assert result.elected == ("a",)
    assert set(result.tied) == {"b", "c"}
    assert result.second_round_seats == 1
    assert result.needs_second_round


def test_a_tie_in_the_second_round_leaves_the_seat_empty():
    result = decide(seats=2, ballots=Ballots(10, 10, 10, 0), votes=votes(a=7, b=6, c=6), round_number=2)
    assert result.elected == ("a",)
    assert result.tied == ()
    assert result.unfilled == 1


def test_the_older_candidate_can_break_the_tie_by_setting():
    ballots = Ballots(20, 20, 20, 0)
    counts = [Votes("a", 18), Votes("b", 11, born=D(1995, 1, 1)), Votes("c", 11, born=D(1990, 1, 1))]
    result = decide(seats=2, ballots=ballots, votes=counts, rules=Rules(tie_break=TIE_OLDER))
    assert result.elected == ("a", "c")
    assert result.decided_by_age == ("c",)


def test_same_birthday_falls_back_to_a_second_round():
    ballots = Ballots(10, 10, 10, 0)
    counts = [Votes("a", 7), Votes("b", 6, born=D(1995, 1, 1)), Votes("c", 6, born=D(1995, 1, 1))]
    result = decide(seats=2, ballots=ballots, votes=counts, rules=Rules(tie_break=TIE_OLDER))
    assert result.tied == ("b", "c")


# Properties -------------------------------------------------------------------


@st.composite
def elections(draw):
    """An election whose counts add up."""
    seats = draw(st.integers(1, 7))
    issued = draw(st.integers(0, 40))
    returned = draw(st.integers(0, issued))
    valid = draw(st.integers(0, returned))
    n = draw(st.integers(1, 10))
    budget = seats * valid
    counts = []
    for i in range(n):
        most = min(valid, budget)
        v = draw(st.one_of(st.integers(0, most), st.integers(most // 2, most)))
        budget -= v
        born = draw(st.one_of(st.none(), st.dates(D(1990, 1, 1), D(1990, 1, 10))))
        counts.append(Votes(key=i, votes=v, born=born))
    rules = Rules(
        base=draw(st.sampled_from(["valid", "returned"])), tie_break=draw(st.sampled_from(["second_round", "older"]))
    )
    round_number = draw(st.sampled_from([1, 2]))
    return seats, Ballots(issued, returned, valid, returned - valid), counts, rules, round_number


@settings(max_examples=300, deadline=None)
@given(elections())
def test_never_more_elected_than_seats(case):
    seats, ballots, counts, rules, rnd = case
    result = decide(seats=seats, ballots=ballots, votes=counts, rules=rules, round_number=rnd)
    assert len(result.elected) + result.second_round_seats + result.unfilled == seats
    assert len(result.elected) <= seats
    assert len(set(result.elected)) == len(result.elected)


@settings(max_examples=300, deadline=None)
@given(elections())
def test_everyone_elected_passes_the_threshold(case):
    seats, ballots, counts, rules, rnd = case
    result = decide(seats=seats, ballots=ballots, votes=counts, rules=rules, round_number=rnd)
    by_key = {v.key: v.votes for v in counts}
    for key in result.elected + result.tied:
        assert by_key[key] * 2 > result.threshold_base


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(elections(), st.data())
def test_one_more_vote_never_unelects(case, data):
    seats, ballots, counts, rules, rnd = case
    result = decide(seats=seats, ballots=ballots, votes=counts, rules=rules, round_number=rnd)
    assume(result.elected)
    key = data.draw(st.sampled_from(result.elected))
    more = [Votes(v.key, v.votes + 1 if v.key == key else v.votes, v.born) for v in counts]
    assume(not count_errors(seats=seats, ballots=ballots, votes=more))
    again = decide(seats=seats, ballots=ballots, votes=more, rules=rules, round_number=rnd)
    assert key in again.elected


@settings(max_examples=300, deadline=None)
@given(
    seats=st.integers(1, 7),
    issued=st.integers(0, 30),
    returned=st.integers(0, 40),
    valid=st.integers(-2, 40),
    invalid=st.integers(-2, 40),
    counts=st.lists(st.integers(-1, 60), min_size=1, max_size=9),
)
def test_counts_that_do_not_add_up_are_always_refused(seats, issued, returned, valid, invalid, counts):
    ballots = Ballots(issued, returned, valid, invalid)
    entered = [Votes(i, v) for i, v in enumerate(counts)]
    adds_up = (
        min(issued, returned, valid, invalid, *counts) >= 0
        and returned <= issued
        and valid + invalid == returned
        and max(counts) <= valid
        and sum(counts) <= seats * valid
    )
    errors = count_errors(seats=seats, ballots=ballots, votes=entered)
    assert (errors == []) == adds_up
    if not adds_up:
        with pytest.raises(ValueError):
            decide(seats=seats, ballots=ballots, votes=entered)
