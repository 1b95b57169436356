"""The rules of the congress day, pure: numbers and dataclasses in, a result out, no database.

docs/domain.md, "Congress and elections":
- the congress is valid with at least two thirds of those summoned present;
- candidates ≤ seats × (1 + surplus %) when several are elected; a single seat may have several
  candidates (setting, default at most 3);
- the counts must add up (returned ≤ issued, valid + invalid = returned, each
  candidate's votes ≤ valid, all marks ≤ seats × valid);
- elected: votes > half of the base (valid ballots, or ballots returned);
- more passing than seats: the highest counts win; a tie for the last seat goes
  to a second round (or to the older candidate, by setting);
- fewer elected than seats: the next round is for the seats left, among the candidates not elected
  (setting: all of them, or, for one seat left, the two with the most votes, ties at the cut included);
  at most two rounds (setting); a seat still empty stays vacant, for the upper level to appoint or a
  later election to fill (`progress`).

Kept apart from the models so that the rules can be property-tested on their own;
congress.selectors feeds them the stored counts, congress.services refuses what they refuse.
"""

from __future__ import annotations

import datetime
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

BASE_VALID = "valid"
BASE_RETURNED = "returned"
TIE_SECOND_ROUND = "second_round"
TIE_OLDER = "older"
MAX_ROUNDS = 2
SINGLE_SEAT_CANDIDATES = 3
RUNOFF_ALL = "all"
RUNOFF_TOP_TWO = "top_two"


@dataclass(frozen=True)
class Rules:
    surplus_percent: int = 30
    base: str = BASE_VALID
    tie_break: str = TIE_SECOND_ROUND
    single_seat_candidates: int = SINGLE_SEAT_CANDIDATES
    max_rounds: int = MAX_ROUNDS
    runoff: str = RUNOFF_ALL


@dataclass(frozen=True)
class Ballots:
    issued: int
    returned: int
    valid: int
    invalid: int


@dataclass(frozen=True)
class Votes:
    """One candidate's count; `born` settles a tie when the rule is "the older candidate"."""

    key: Hashable
    votes: int
    born: datetime.date | None = None


@dataclass(frozen=True)
class RoundResult:
    elected: tuple[Hashable, ...]
    passed: tuple[Hashable, ...]  # over the threshold, elected or not
    tied: tuple[Hashable, ...]  # tied for the last seat(s), sent to a second round
    second_round_seats: int  # seats left for the tied candidates
    unfilled: int  # seats that stay empty after this round
    threshold_base: int
    decided_by_age: tuple[Hashable, ...] = field(default=())

    @property
    def needs_second_round(self) -> bool:
        return bool(self.tied)


def max_candidates(seats: int, surplus_percent: int) -> int:
    """The longest candidate list the surplus rule allows (rounded down)."""
    return seats * (100 + surplus_percent) // 100


def candidate_limit(seats: int, rules: Rules) -> int:
    """The longest list: the surplus for several seats, the single-seat setting for one."""
    if seats == 1:
        return max(1, rules.single_seat_candidates)
    return max_candidates(seats, rules.surplus_percent)


def candidate_limit_text(seats: int, rules: Rules) -> str:
    """What the page says beside the list."""
    limit = candidate_limit(seats, rules)
    if seats == 1:
        return _("Bầu 1 người: danh sách nhiều nhất %(m)s người.") % {"m": limit}
    return _("Danh sách nhiều nhất %(m)s người (số dư không quá %(p)s%%).") % {"m": limit, "p": rules.surplus_percent}


def candidate_list_error(*, seats: int, candidates: int, rules: Rules) -> str | None:
    """Why the list cannot go to the vote (or take one more name, with candidates + 1), or None."""
    if seats < 1:
        return _("Cần bầu ít nhất 1 người.")
    if candidates < 1:
        return _("Danh sách bầu cử chưa có ứng cử viên nào.")
    limit = candidate_limit(seats, rules)
    if seats == 1 and candidates > limit:
        return _("Bầu 1 người: danh sách nhiều nhất %(limit)s ứng cử viên, không thêm người thứ %(n)s được.") % {
            "limit": limit,
            "n": candidates,
        }
    if candidates > limit:
        return _(
            "Danh sách có %(n)s ứng cử viên cho %(seats)s vị trí: số dư không được quá %(p)s%%, "
            "tức nhiều nhất %(limit)s người."
        ) % {
            "n": candidates,
            "seats": seats,
            "p": rules.surplus_percent,
            "limit": limit,
        }
    return None


def count_errors(*, seats: int, ballots: Ballots, votes: Sequence[Votes]) -> list[str]:
    """Every reason the counts do not add up; an empty list when they do."""
    return [message for _field, message in count_field_errors(seats=seats, ballots=ballots, votes=votes)]


def count_field_errors(*, seats: int, ballots: Ballots, votes: Sequence[Votes]) -> list[tuple[str | None, str]]:
    """Every reason the counts do not add up, each with the number it belongs to: "issued", "returned",
    "valid", "invalid", "votes_<key>" for a candidate, or None for the whole count."""
    errors: list[tuple[str | None, str]] = []
    numbers = {
        "issued": (_("phiếu phát ra"), ballots.issued),
        "returned": (_("phiếu thu về"), ballots.returned),
        "valid": (_("phiếu hợp lệ"), ballots.valid),
        "invalid": (_("phiếu không hợp lệ"), ballots.invalid),
    }
    for name, (label, value) in numbers.items():
        if value < 0:
            errors.append((name, _("Số %(label)s không thể âm.") % {"label": label}))
    for v in votes:
        if v.votes < 0:
            errors.append((f"votes_{v.key}", _("Số phiếu bầu của ứng cử viên không thể âm.")))
    if errors:
        return errors
    if ballots.returned > ballots.issued:
        errors.append(
            (
                "returned",
                _("Số phiếu thu về (%(returned)s) nhiều hơn số phiếu phát ra (%(issued)s).")
                % {"returned": ballots.returned, "issued": ballots.issued},
            )
        )
    if ballots.valid + ballots.invalid != ballots.returned:
        errors.append(
            (
                "valid",
                _(
                    "Phiếu hợp lệ (%(valid)s) cộng phiếu không hợp lệ (%(invalid)s) phải bằng số phiếu thu về (%(returned)s)."
                )
                % {"valid": ballots.valid, "invalid": ballots.invalid, "returned": ballots.returned},
            )
        )
    for v in votes:
        if v.votes > ballots.valid:
            errors.append(
                (
                    f"votes_{v.key}",
                    _("Số phiếu bầu của một ứng cử viên không thể nhiều hơn số phiếu hợp lệ (%(valid)s).")
                    % {"valid": ballots.valid},
                )
            )
    marks = sum(v.votes for v in votes)
    if marks > seats * ballots.valid:
        errors.append(
            (
                None,
                _(
                    "Tổng số phiếu bầu (%(marks)s) vượt quá số vị trí × số phiếu hợp lệ (%(seats)s × %(valid)s): "
                    "mỗi phiếu bầu nhiều nhất %(seats)s người."
                )
                % {"marks": marks, "seats": seats, "valid": ballots.valid},
            )
        )
    return errors


def threshold_base(ballots: Ballots, rules: Rules) -> int:
    return ballots.returned if rules.base == BASE_RETURNED else ballots.valid


def passes(votes: int, base: int) -> bool:
    """More than half of the base: strictly, 5 of 10 does not pass."""
    return votes * 2 > base


def decide(
    *, seats: int, ballots: Ballots, votes: Sequence[Votes], rules: Rules = Rules(), round_number: int = 1
) -> RoundResult:
    """Who is elected in one round. The counts must add up (see `count_errors`)."""
    errors = count_errors(seats=seats, ballots=ballots, votes=votes)
    if errors:
        raise ValueError("; ".join(errors))
    base = threshold_base(ballots, rules)
    passed = sorted((v for v in votes if passes(v.votes, base)), key=lambda v: -v.votes)
    passed_keys = tuple(v.key for v in passed)
    if len(passed) <= seats:
        return RoundResult(
            elected=passed_keys,
            passed=passed_keys,
            tied=(),
            second_round_seats=0,
            unfilled=seats - len(passed),
            threshold_base=base,
        )
    cutoff = passed[seats - 1].votes
    above = [v for v in passed if v.votes > cutoff]
    at_cutoff = [v for v in passed if v.votes == cutoff]
    left = seats - len(above)
    elected = [v.key for v in above]
    if len(at_cutoff) <= left:
        return RoundResult(
            elected=tuple(elected + [v.key for v in at_cutoff]),
            passed=passed_keys,
            tied=(),
            second_round_seats=0,
            unfilled=0,
            threshold_base=base,
        )
    if rules.tie_break == TIE_OLDER:
        by_age = _older_first(at_cutoff, left)
        if by_age is not None:
            return RoundResult(
                elected=tuple(elected + list(by_age)),
                passed=passed_keys,
                tied=(),
                second_round_seats=0,
                unfilled=0,
                threshold_base=base,
                decided_by_age=tuple(by_age),
            )
    tied = tuple(v.key for v in at_cutoff)
    if round_number >= rules.max_rounds:
        # No third round: the seats stay empty.
        return RoundResult(
            elected=tuple(elected),
            passed=passed_keys,
            tied=(),
            second_round_seats=0,
            unfilled=left,
            threshold_base=base,
        )
    return RoundResult(
        elected=tuple(elected),
        passed=passed_keys,
        tied=tied,
        second_round_seats=left,
        unfilled=0,
        threshold_base=base,
    )


def _older_first(group: Sequence[Votes], seats: int) -> list[Hashable] | None:
    """The `seats` oldest of the group, or None when age cannot separate them."""
    dated = [(v.born, v.key) for v in group if v.born is not None]
    if len(dated) < len(group):
        return None
    ordered = sorted(dated, key=lambda pair: pair[0])
    if ordered[seats - 1][0] == ordered[seats][0]:
        return None
    return [key for _born, key in ordered[:seats]]


# --------------------------------------------------------------------------- the rounds


@dataclass(frozen=True)
class CountedRound:
    """One counted round as the rules see it: the seats it was for, the ballots, each candidate's votes."""

    seats: int
    ballots: Ballots
    votes: tuple[Votes, ...]


@dataclass(frozen=True)
class Progress:
    """Where an election stands after its counted rounds, and what may come next."""

    results: tuple[RoundResult, ...]
    elected: tuple[Hashable, ...]  # every round's elected, in order
    seats_left: int
    next_candidates: tuple[Hashable, ...]  # the ballot of the next round; empty when there is none
    next_seats: int
    refusal: str | None  # why there is no next round, or None
    for_a_tie: bool = False  # the next round settles a tie at the cut

    @property
    def may_continue(self) -> bool:
        return self.refusal is None and bool(self.next_candidates)

    @property
    def vacancy_text(self) -> str:
        """What the page and the minutes say of the seats left empty."""
        return _("Còn %(n)s vị trí để trống, để cấp trên chỉ định hoặc bầu bổ sung.") % {"n": self.seats_left}


def progress(*, seats: int, candidates: Sequence[Hashable], rounds: Sequence[CountedRound], rules: Rules) -> Progress:
    """The rounds so far: who is elected, the seats left, and the next round's ballot or why there is none.

    `candidates` is the standing list. Each round is decided on its own (`decide`); a round elects only
    among its ballot, so it never takes back a seat won before. A next round is for the seats left: among
    those tied at the cut, or else among the candidates not elected (all of them, or by setting, for one
    seat left, the two with the most votes in the last round, ties at the cut included). There are at most
    `rules.max_rounds` rounds."""
    results: list[RoundResult] = []
    elected: list[Hashable] = []
    for number, rnd in enumerate(rounds, start=1):
        result = decide(seats=rnd.seats, ballots=rnd.ballots, votes=rnd.votes, rules=rules, round_number=number)
        results.append(result)
        elected += [k for k in result.elected if k not in elected]
    left = seats - len(elected)

    def done(refusal: str | None) -> Progress:
        return Progress(tuple(results), tuple(elected), left, (), 0, refusal)

    if not rounds:
        return Progress((), (), seats, tuple(candidates), seats, None)
    if left <= 0:
        return done(_("Đã bầu đủ số lượng."))
    if len(rounds) >= rules.max_rounds:
        return done(
            _("Đã bỏ phiếu %(n)s lần, nhiều nhất %(max)s lần: không bỏ phiếu lần thứ %(next)s.")
            % {"n": len(rounds), "max": rules.max_rounds, "next": len(rounds) + 1}
        )
    last = results[-1]
    if last.tied:
        return Progress(tuple(results), tuple(elected), left, last.tied, last.second_round_seats, None, True)
    remaining = [k for k in candidates if k not in elected]
    if rules.runoff == RUNOFF_TOP_TWO and left == 1 and len(remaining) > 2:
        got = {v.key: v.votes for v in rounds[-1].votes}
        ranked = sorted(remaining, key=lambda k: -got.get(k, -1))
        cut = got.get(ranked[1], -1)
        remaining = [k for k in ranked if got.get(k, -1) >= cut]
    if not remaining:
        return done(_("Không còn ứng cử viên nào chưa trúng cử để bỏ phiếu lần sau."))
    return Progress(tuple(results), tuple(elected), left, tuple(remaining), left, None)


# --------------------------------------------------------------------------- the quorum


def quorum_reached(*, present: int, summoned: int) -> bool:
    """The congress is valid with at least two thirds of those summoned present."""
    return summoned > 0 and present * 3 >= summoned * 2


def quorum_needed(summoned: int) -> int:
    """The smallest number present that makes the quorum."""
    return -(-summoned * 2 // 3)


@dataclass(frozen=True)
class Quorum:
    """Who was summoned and how they stand at the check-in desk; whether the congress may vote."""

    summoned: int
    present: int
    absent: int
    pending: int

    @property
    def reached(self) -> bool:
        return quorum_reached(present=self.present, summoned=self.summoned)

    @property
    def needed(self) -> int:
        return quorum_needed(self.summoned)
