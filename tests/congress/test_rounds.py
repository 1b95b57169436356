"""The rounds of an election (congress/rules.py, `progress`) and the candidate limit: examples, then
properties checked by hypothesis over whole elections of several rounds."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from congress.rules import (
    RUNOFF_TOP_TWO,
    Ballots,
    CountedRound,
    Rules,
    Votes,
    candidate_limit,
    candidate_list_error,
    progress,
)


def counted(seats: int, valid: int, **votes: int) -> CountedRound:
    return CountedRound(seats, Ballots(valid, valid, valid, 0), tuple(Votes(k, n) for k, n in votes.items()))


def test_a_single_seat_may_have_three_candidates_by_default_whatever_the_surplus():
    assert candidate_limit(1, Rules()) == 3
    assert candidate_list_error(seats=1, candidates=2, rules=Rules()) is None  # refused before: 30 % of 1 is 0
    refusal = candidate_list_error(seats=1, candidates=4, rules=Rules())
    assert refusal is not None and "nhiều nhất 3 ứng cử viên" in refusal
    assert candidate_limit(1, Rules(single_seat_candidates=2)) == 2
    assert candidate_limit(5, Rules()) == 6  # several seats: the surplus, 5 + 30 %


def test_a_three_three_tie_for_one_seat_goes_to_a_second_round_and_it_elects():
    rules = Rules()
    first = counted(1, 6, lan=3, minh=3)
    state = progress(seats=1, candidates=["lan", "minh"], rounds=[first], rules=rules)
    assert state.elected == () and state.seats_left == 1
    assert state.may_continue and set(state.next_candidates) == {"lan", "minh"} and state.next_seats == 1
    second = counted(1, 6, lan=4, minh=2)
    state = progress(seats=1, candidates=["lan", "minh"], rounds=[first, second], rules=rules)
    assert state.elected == ("lan",) and state.seats_left == 0 and not state.may_continue


def test_a_third_round_is_refused_with_the_reason_and_the_seat_stays_vacant():
    rounds = [counted(1, 6, lan=3, minh=3), counted(1, 6, lan=3, minh=3)]
    state = progress(seats=1, candidates=["lan", "minh"], rounds=rounds, rules=Rules())
    assert not state.may_continue
    assert state.refusal == "Đã bỏ phiếu 2 lần, nhiều nhất 2 lần: không bỏ phiếu lần thứ 3."
    assert state.vacancy_text == "Còn 1 vị trí để trống, để cấp trên chỉ định hoặc bầu bổ sung."
    # a branch that allows three rounds holds the third
    assert progress(seats=1, candidates=["lan", "minh"], rounds=rounds, rules=Rules(max_rounds=3)).may_continue


def test_the_next_round_is_for_the_seats_left_among_those_not_elected():
    first = counted(3, 10, a=8, b=4, c=3, d=2)  # only a passes
    state = progress(seats=3, candidates=["a", "b", "c", "d"], rounds=[first], rules=Rules())
    assert state.elected == ("a",)
    assert state.next_seats == 2 and state.next_candidates == ("b", "c", "d")


def test_for_one_seat_the_setting_keeps_the_two_with_the_most_votes_ties_at_the_cut_included():
    rules = Rules(runoff=RUNOFF_TOP_TWO)
    state = progress(seats=1, candidates=["a", "b", "c"], rounds=[counted(1, 10, a=4, b=3, c=2)], rules=rules)
    assert set(state.next_candidates) == {"a", "b"}
    state = progress(seats=1, candidates=list("abcd"), rounds=[counted(1, 10, a=4, b=3, c=3, d=0)], rules=rules)
    assert set(state.next_candidates) == {"a", "b", "c"}
    # by default every candidate not elected stands again
    state = progress(seats=1, candidates=["a", "b", "c"], rounds=[counted(1, 10, a=4, b=3, c=2)], rules=Rules())
    assert set(state.next_candidates) == {"a", "b", "c"}


# Properties -------------------------------------------------------------------


@st.composite
def a_round(draw, keys: tuple, seats: int) -> CountedRound:
    """A count that adds up for a ballot of `keys` electing `seats`."""
    issued = draw(st.integers(0, 20))
    returned = draw(st.integers(0, issued))
    valid = draw(st.integers(0, returned))
    budget = seats * valid
    votes = []
    for key in keys:
        most = min(valid, budget)
        v = draw(st.one_of(st.integers(0, most), st.integers(most // 2, most), st.just(valid // 2)))
        v = min(v, most)
        budget -= v
        votes.append(Votes(key, v))
    return CountedRound(seats, Ballots(issued, returned, valid, returned - valid), tuple(votes))


@st.composite
def branch_rules(draw) -> Rules:
    return Rules(
        base=draw(st.sampled_from(["valid", "returned"])),
        tie_break=draw(st.sampled_from(["second_round", "older"])),
        max_rounds=draw(st.integers(1, 4)),
        runoff=draw(st.sampled_from(["all", "top_two"])),
    )


@settings(max_examples=300, deadline=None)
@given(seats=st.integers(1, 5), n=st.integers(1, 8), rules=branch_rules(), data=st.data())
def test_whole_elections_keep_the_round_rules(seats, n, rules, data):
    candidates = list(range(n))
    rounds: list[CountedRound] = []
    state = progress(seats=seats, candidates=candidates, rounds=rounds, rules=rules)
    while state.may_continue:
        assert not set(state.next_candidates) & set(state.elected)  # nobody stands twice for a seat won
        assert 1 <= state.next_seats <= state.seats_left
        assert len(rounds) < rules.max_rounds  # at most the configured rounds
        rounds.append(data.draw(a_round(state.next_candidates, state.next_seats)))
        after = progress(seats=seats, candidates=candidates, rounds=rounds, rules=rules)
        assert after.elected[: len(state.elected)] == state.elected  # a round never un-elects anyone
        assert len(after.elected) <= seats  # never more elected than seats
        assert len(set(after.elected)) == len(after.elected)
        assert after.seats_left == seats - len(after.elected)
        state = after
    assert state.refusal is not None or not state.next_candidates
