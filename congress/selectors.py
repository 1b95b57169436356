"""Reads of the congress day: the quorum, the branch's rules, the elections with their counts and
outcomes, the bodies, the adopted targets, and the lists the pages draw.

They do the `select_related` / `prefetch_related` (the pages and documents draw every row).
The rules themselves are in congress/rules.py.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from chidoan.lib.search import search_condition
from congress import rules
from congress.models import (
    DEFAULT_PROGRAMME,
    SMALL_BRANCH_PROGRAMME,
    Attendance,
    AttendanceStatus,
    BallotRound,
    BodyKind,
    BodyMember,
    Candidate,
    Congress,
    CongressBody,
    DraftTarget,
    ElectedBy,
    Election,
    ElectionKind,
    RoundCount,
    WithdrawalDecision,
)
from members import selectors as member_selectors
from members.models import Member, Organisation
from terms.models import CommitteeSeat, SeatStartKind


def congresses_for(branch: Organisation) -> QuerySet[Congress]:
    return Congress.objects.filter(closes_term__branch=branch).select_related("closes_term", "opens_term")


def quorum_of(congress: Congress) -> rules.Quorum:
    """The check-in desk's counts as one aggregate, whatever the number summoned."""
    counts = Attendance.objects.filter(congress=congress).aggregate(
        summoned=Count("pk"),
        **{status: Count("pk", filter=Q(status=status)) for status in AttendanceStatus.values},
    )
    return rules.Quorum(
        summoned=counts["summoned"],
        present=counts[AttendanceStatus.PRESENT],
        absent=counts[AttendanceStatus.ABSENT],
        pending=counts[AttendanceStatus.PENDING],
    )


def rules_for(branch: Organisation) -> rules.Rules:
    return rules.Rules(
        surplus_percent=branch.candidate_surplus_percent,
        base=branch.election_base,
        tie_break=branch.tie_break,
        single_seat_candidates=branch.single_seat_max_candidates,
        max_rounds=branch.max_rounds,
        runoff=branch.runoff,
    )


def is_small_branch(congress: Congress) -> bool:
    """Under the threshold the congress elects the Secretary itself and there are no committee members."""
    branch = congress.branch
    active = member_selectors.members_of_branch_on(branch=branch, on=congress.held_on).active_on(congress.held_on)
    # Whether there are `threshold` active members, not how many: the count stops there (LIMIT).
    threshold = branch.small_branch_threshold
    return active.order_by()[:threshold].count() < threshold


def default_programme(congress: Congress) -> list[str]:
    """The programme a congress starts from: a small branch's congress elects its Secretary itself."""
    return SMALL_BRANCH_PROGRAMME if is_small_branch(congress) else DEFAULT_PROGRAMME


# --------------------------------------------------------------------------- attendance


def attendance_list(congress: Congress, *, query: str = "", status: str = "") -> QuerySet[Attendance]:
    """The summoned in Vietnamese name order, searched by the member's stored search key."""
    rows = congress.attendances.select_related("member").order_by("member__name_sort_key", "member_id")
    if status:
        rows = rows.filter(status=status)
    return rows.filter(search_condition(query, field="member__search_key"))


# --------------------------------------------------------------------------- bodies


def bodies_with_members(congress: Congress) -> dict[str, CongressBody]:
    """The bodies chosen so far, in the order of BodyKind (presidium, secretaries, counting)."""
    bodies = congress.bodies.prefetch_related(Prefetch("members", queryset=BodyMember.objects.select_related("member")))
    by_kind = {b.kind: b for b in bodies}
    return {kind: by_kind[kind] for kind in BodyKind.values if kind in by_kind}


# --------------------------------------------------------------------------- elections


def elections_with_counts(congress: Congress) -> QuerySet[Election]:
    """Elections with candidates, rounds and counts in a fixed number of queries."""
    return congress.elections.prefetch_related(
        Prefetch("candidates", queryset=Candidate.objects.select_related("member")),
        Prefetch(
            "rounds",
            queryset=BallotRound.objects.prefetch_related(
                Prefetch("counts", queryset=RoundCount.objects.select_related("candidate__member"))
            ),
        ),
    )


@dataclass
class RoundView:
    round: BallotRound
    counts: list[RoundCount]
    result: rules.RoundResult | None


@dataclass
class ElectionOutcome:
    election: Election
    rounds: list[RoundView]
    elected: list[Candidate]  # in the order of the result: most votes first
    unfilled: int
    tied: list[Candidate]
    progress: rules.Progress
    next_candidates: list[Candidate]  # the ballot of the next round, if the congress holds one

    @property
    def vacant(self) -> int:
        """Seats left empty once the election is over: for the upper level to appoint or a later election."""
        return self.progress.seats_left if self.election.is_decided else 0


def _counted(rnd: BallotRound, counts: list[RoundCount]) -> rules.CountedRound:
    """A counted round for the rules; a counted round has every number (count_record writes them together)."""
    return rules.CountedRound(
        seats=rnd.seats,
        ballots=rules.Ballots(
            issued=rnd.issued or 0, returned=rnd.returned or 0, valid=rnd.valid or 0, invalid=rnd.invalid or 0
        ),
        votes=tuple(
            rules.Votes(key=c.candidate_id, votes=c.votes or 0, born=c.candidate.member.date_of_birth) for c in counts
        ),
    )


def election_outcome(election: Election, branch_rules: rules.Rules | None = None) -> ElectionOutcome:
    """Who is elected so far, computed from the stored counts by the pure rules (use prefetched data)."""
    branch_rules = branch_rules or rules_for(election.congress.branch)
    candidates: dict[Hashable, Candidate] = {c.pk: c for c in election.candidates.all()}
    ordered = sorted(election.rounds.all(), key=lambda r: r.number)
    all_counts = [sorted(r.counts.all(), key=lambda c: (c.candidate.member.name_sort_key, c.pk)) for r in ordered]
    counted = [_counted(r, counts) for r, counts in zip(ordered, all_counts, strict=True) if r.is_counted]
    standing = sorted((c for c in candidates.values() if not c.withdrawn), key=lambda c: (c.member.name_sort_key, c.pk))
    state = rules.progress(
        seats=election.seats, candidates=[c.pk for c in standing], rounds=counted, rules=branch_rules
    )
    rounds = [
        RoundView(round=r, counts=counts, result=state.results[i] if i < len(state.results) else None)
        for i, (r, counts) in enumerate(zip(ordered, all_counts, strict=True))
    ]
    last = state.results[-1] if state.results else None
    return ElectionOutcome(
        election=election,
        rounds=rounds,
        elected=[candidates[k] for k in state.elected],
        unfilled=last.unfilled if last else 0,
        tied=[candidates[k] for k in last.tied] if last else [],
        progress=state,
        next_candidates=[candidates[k] for k in state.next_candidates],
    )


def committee_election(congress: Congress) -> Election | None:
    return congress.elections.filter(kind=ElectionKind.COMMITTEE).first()


def elected_committee_ids(congress: Congress) -> list[int]:
    """The new committee members once their election is decided: the only ones who may stand for
    Secretary or Deputy in a large branch, and the ones who vote there."""
    committee = committee_election(congress)
    if committee is None or not committee.is_decided:
        return []
    outcome = election_outcome(elections_with_counts(congress).get(pk=committee.pk))
    return [c.member_id for c in outcome.elected]


def elected_delegate_ids(congress: Congress) -> list[int]:
    """Those elected official delegates so far: they are not on the alternates' list."""
    delegates = congress.elections.filter(kind=ElectionKind.DELEGATE).first()
    if delegates is None:
        return []
    return [c.member_id for c in election_outcome(elections_with_counts(congress).get(pk=delegates.pk)).elected]


@dataclass(frozen=True)
class Delegate:
    """One delegate to the upper level's congress: the count of the round that elected them."""

    rank: int
    member: Member
    votes: int
    base: int  # the ballots the threshold counts (valid, or returned by setting)
    round_number: int

    @property
    def percent(self) -> str:
        """The share of the base, as the Union's lists print it: "85,71"."""
        return f"{self.votes * 100 / self.base:.2f}".replace(".", ",") if self.base else "0,00"


@dataclass(frozen=True)
class DelegationSet:
    election: Election | None
    seats: int  # the number the congress elects (Congress.delegates_count / alternates_count)
    members: list[Delegate]

    @property
    def from_later_rounds(self) -> bool:
        return any(d.round_number > 1 for d in self.members)

    @property
    def vacant(self) -> int:
        return self.seats - len(self.members) if self.election is not None and self.election.is_decided else 0


@dataclass(frozen=True)
class Delegation:
    delegates: DelegationSet
    alternates: DelegationSet

    @property
    def elects(self) -> bool:
        return bool(self.delegates.seats or self.alternates.seats)

    @property
    def decided(self) -> bool:
        """Every set the congress elects has its result (the list is no longer a draft)."""
        chosen = [s for s in (self.delegates, self.alternates) if s.seats]
        return bool(chosen) and all(s.election is not None and s.election.is_decided for s in chosen)

    @property
    def sets(self) -> list[tuple[DelegationSet, str]]:
        return [(self.delegates, _("Đại biểu chính thức")), (self.alternates, _("Đại biểu dự khuyết"))]


def delegation_members(outcome: ElectionOutcome) -> list[Delegate]:
    """The elected, ranked: by the round that elected them, then by votes (most first), then name order.
    For the alternates this is the order in which they would stand in for a delegate."""
    rows: list[Delegate] = []
    for view in outcome.rounds:
        if view.result is None:
            continue
        elected = set(view.result.elected)
        chosen = sorted(
            (c for c in view.counts if c.candidate_id in elected),
            key=lambda c: (-(c.votes or 0), c.candidate.member.name_sort_key, c.pk),
        )
        for count in chosen:
            rows.append(
                Delegate(
                    rank=len(rows) + 1,
                    member=count.candidate.member,
                    votes=count.votes or 0,
                    base=view.result.threshold_base,
                    round_number=view.round.number,
                )
            )
    return rows


def delegation(congress: Congress, outcomes: list[ElectionOutcome] | None = None) -> Delegation:
    """The official delegates and the alternates elected so far (pass the page's outcomes to reuse them)."""
    if outcomes is None:
        branch_rules = rules_for(congress.branch)
        outcomes = [
            election_outcome(e, branch_rules)
            for e in elections_with_counts(congress).filter(kind__in=[ElectionKind.DELEGATE, ElectionKind.ALTERNATE])
        ]
    by_kind = {o.election.kind: o for o in outcomes}

    def one(kind: str, seats: int) -> DelegationSet:
        outcome = by_kind.get(kind)
        if outcome is None:
            return DelegationSet(None, seats, [])
        return DelegationSet(outcome.election, outcome.election.seats, delegation_members(outcome))

    return Delegation(
        delegates=one(ElectionKind.DELEGATE, congress.delegates_count),
        alternates=one(ElectionKind.ALTERNATE, congress.alternates_count),
    )


def standing_candidates(election: Election) -> list[Candidate]:
    """The candidates on the ballot: the list without those whose withdrawal was accepted."""
    return list(
        election.candidates.exclude(withdrawal_decision=WithdrawalDecision.ACCEPTED)
        .select_related("member")
        .order_by("member__name_sort_key", "pk")
    )


def candidate_pool(congress: Congress, election: Election) -> QuerySet[Member]:
    """Who may still be put on the list: the summoned (or, for a role elected by the new committee,
    its members), less those already on it."""
    if election.elected_by == ElectedBy.COMMITTEE:
        pool = Member.objects.filter(pk__in=elected_committee_ids(congress))
    else:
        pool = Member.objects.filter(pk__in=congress.attendances.values("member_id"))
    if election.kind == ElectionKind.ALTERNATE:
        pool = pool.exclude(pk__in=elected_delegate_ids(congress))
    return pool.exclude(pk__in=election.candidates.values("member_id")).in_name_order()


# --------------------------------------------------------------------------- the resolution, the new term


def draft_targets_with_votes(congress: Congress) -> list[DraftTarget]:
    return list(congress.draft_targets.prefetch_related("votes"))


def adopted_targets(congress: Congress) -> list[DraftTarget]:
    """The targets the resolution carries: all when voted as a whole, minus any rejected on its own vote."""
    if congress.resolution_adopted_on is None:
        return []
    return [t for t in draft_targets_with_votes(congress) if all(v.passed for v in t.votes.all())]


def new_committee(congress: Congress) -> list[CommitteeSeat]:
    """The committee the congress elected and the handover set up, in role order (empty before the handover).

    Then the seats added during the term ("Bổ sung"), each with the date it began: they are not
    the congress's, and a page or document says so (SeatStartKind.ADDED). A later role change
    is the same person, shown once with the role they were elected to.
    """
    if congress.opens_term is None:
        return []
    seats = congress.opens_term.seats.select_related("member").in_role_order()
    elected = [s for s in seats if s.start_kind == SeatStartKind.ELECTED]
    added = sorted((s for s in seats if s.start_kind == SeatStartKind.ADDED), key=lambda s: (s.started_on, s.pk))
    return elected + added
