"""The officer's start page, read from the data: one level of the tree with each organisation's figures.

A level is the organisations directly below one organisation (or the officer's granted
organisations at the top). Its figures come from a fixed number of queries whatever the
number of branches below: one query for the level, one for every open branch of the subtree
with its current term and its last self-review report's sending up as correlated subqueries,
one for those terms' seats and congress, one aggregate of the members grouped by branch
(members.figures.figures_by_branch: each member's latest status change, a DISTINCT ON on
PostgreSQL; per branch from the figures cache when it is on, and then only for the branches
without a current entry), one for the targets of the current terms with each one's latest
reading (compared in Python over plain values, no models).
The rows of a non-branch organisation sum its branches in Python.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Exists, F, Func, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from chidoan.lib import figures_cache
from chidoan.lib.access import SiteUser
from congress.models import Congress, CongressStatus
from members.figures import figures_by_branch
from members.models import (
    BranchRating,
    Member,
    MemberStatus,
    Organisation,
    OrganisationKind,
    OrganisationOfficer,
    RatingLevel,
)
from reports.models import DocumentKind, IssuedDocument, Submission, SubmissionStatus
from terms.models import (
    CommitteeRole,
    CommitteeSeat,
    ProgressEntry,
    SeatEndKind,
    SeatStartKind,
    Target,
    Term,
    compare_reading,
)

STATUSES = MemberStatus.values  # read once: an enum's values are built anew at every call
DUE_WITHIN_DAYS = 90  # a congress is due from three months before the term ends

# Congress status of a branch, most urgent first (the order "overdue first" sorts by).
OVERDUE, DUE, NO_TERM, PREPARING, ON_TIME, HELD = "overdue", "due", "no_term", "preparing", "on_time", "held"
CONGRESS_LABELS = {
    OVERDUE: _("Quá hạn Đại hội"),
    DUE: _("Sắp đến hạn Đại hội"),
    NO_TERM: _("Chưa có nhiệm kỳ"),
    PREPARING: _("Đang chuẩn bị Đại hội"),
    ON_TIME: _("Trong nhiệm kỳ"),
    HELD: _("Đã tổ chức Đại hội"),
}
CONGRESS_ORDER = list(CONGRESS_LABELS)
CONGRESS_SHORT = {
    OVERDUE: _("Quá hạn"),
    DUE: _("Đến hạn"),
    NO_TERM: _("Chưa NK"),
    PREPARING: _("Chuẩn bị"),
    ON_TIME: _("Trong NK"),
    HELD: _("Đã họp"),
}


def officer_scopes(user: SiteUser) -> list[Organisation]:
    """The organisations the user is officer of (the roots for a superuser), highest first, none twice."""
    if not user.is_authenticated:
        return []
    if user.is_superuser:
        return list(Organisation.objects.filter(parent__isnull=True).order_by("path"))
    granted = Organisation.objects.filter(
        pk__in=OrganisationOfficer.objects.filter(user=user).values("organisation_id")
    ).order_by("path")
    scopes: list[Organisation] = []
    for organisation in granted:
        if not any(organisation.path.startswith(s.path) for s in scopes):
            scopes.append(organisation)
    return scopes


def in_scopes(organisation: Organisation, scopes: list[Organisation]) -> bool:
    return any(organisation.path.startswith(s.path) for s in scopes)


def congress_status(*, has_term: bool, ends_on: datetime.date | None, congress: str | None, on: datetime.date) -> str:
    """Pure: where the branch stands with its next congress."""
    if not has_term or ends_on is None:
        return NO_TERM
    if congress == CongressStatus.CLOSED:
        return HELD
    if on > ends_on:
        return OVERDUE
    if congress is not None:
        return PREPARING
    if (ends_on - on).days <= DUE_WITHIN_DAYS:
        return DUE
    return ON_TIME


@dataclass
class Row:
    """One organisation of the level with its figures (a branch's own, or the sum of its branches)."""

    organisation: Organisation
    branches: int = 0
    statuses: dict[str, int] = field(default_factory=lambda: dict.fromkeys(STATUSES, 0))
    seats_filled: int = 0
    seats_vacant: int = 0
    without_secretary: int = 0  # branches with no Secretary holding a login
    congress: dict[str, int] = field(default_factory=lambda: dict.fromkeys(CONGRESS_ORDER, 0))
    targets_reached: int = 0
    targets_total: int = 0
    without_report: int = 0  # branches with no self-review report issued
    report_unsent: int = 0  # branches whose last issued report is not sent up (never sent, or returned)
    near_age: int = 0
    over_age: int = 0
    # A branch's own facts (None for a level above branches).
    term_label: str | None = None
    term_ends_on: datetime.date | None = None
    report_issued_on: datetime.date | None = None
    report_sending: str | None = None  # the last report's latest sending up: SubmissionStatus, None if never sent
    report_sent_at: datetime.datetime | None = None
    rating: str | None = None
    rating_year: int | None = None

    @property
    def slug(self) -> str:
        return self.organisation.slug

    @property
    def name(self) -> str:
        return self.organisation.name

    @property
    def is_branch(self) -> bool:
        return self.organisation.kind == OrganisationKind.BRANCH

    @property
    def active(self) -> int:
        return self.statuses[MemberStatus.ACTIVE]

    @property
    def has_secretary(self) -> bool:
        return self.without_secretary == 0

    @property
    def worst_congress(self) -> str:
        return next((s for s in CONGRESS_ORDER if self.congress[s]), ON_TIME)

    @property
    def congress_label(self) -> str:
        return str(CONGRESS_LABELS[self.worst_congress])

    @property
    def report_sending_label(self) -> str:
        return str(SubmissionStatus(self.report_sending).label) if self.report_sending else ""

    @property
    def rating_label(self) -> str:
        return str(RatingLevel(self.rating).label) if self.rating else ""


def _count(queryset: QuerySet[Any]) -> Coalesce:
    """A correlated COUNT(*) as a subquery (no GROUP BY: the same SQL on SQLite and PostgreSQL)."""
    counted = queryset.order_by().annotate(n=Func(F("pk"), function="COUNT")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def _branch_facts(branches: QuerySet[Organisation], on: datetime.date) -> QuerySet[Any, dict[str, Any]]:
    """Every branch with its current term, its rating and its last report, in one query (correlated subqueries).

    The term's own facts come apart (_term_facts): a subquery on the term's pk annotated here is
    written out again inside every subquery that refers to it, nine times over for the five facts.
    """
    current = Term.objects.filter(branch=OuterRef("pk"), starts_on__lte=on).order_by("-starts_on")
    rating = BranchRating.objects.filter(branch=OuterRef("pk")).order_by("-year")
    report = IssuedDocument.objects.filter(organisation=OuterRef("pk"), kind=DocumentKind.SELF_REVIEW)
    # The last report's latest sending up (reports.models.submissions), read in the same query.
    sending = Submission.objects.filter(document=OuterRef("report_pk")).order_by("-sent_at", "-pk")
    return (
        branches.annotate(
            term_id=Subquery(current.values("pk")[:1]),
            term_starts=Subquery(current.values("starts_on")[:1]),
            term_ends=Subquery(current.values("ends_on")[:1]),
            term_number=Subquery(current.values("number")[:1]),
            rating_level=Subquery(rating.values("level")[:1]),
            rating_year=Subquery(rating.values("year")[:1]),
            report_on=Subquery(report.order_by("-issued_on", "-pk").values("issued_on")[:1]),
            report_pk=Subquery(report.order_by("-issued_on", "-pk").values("pk")[:1]),
        )
        .annotate(
            report_sending=Subquery(sending.values("status")[:1]),
            report_sent_at=Subquery(sending.values("sent_at")[:1]),
        )
        .values(
            "pk", "path", "term_id", "term_starts", "term_ends", "term_number", "rating_level", "rating_year",
            "report_on", "report_sending", "report_sent_at",
        )
    )  # fmt: skip


NO_TERM_FACTS = {"seats_held": 0, "seats_left": 0, "seats_added": 0, "has_secretary": False, "congress_state": None}


def _term_facts(term_ids: list[int], on: datetime.date) -> dict[int, dict[str, Any]]:
    """Per current term: its seats held, left and added, whether a Secretary with a login holds one, its congress."""
    if not term_ids:
        return {}
    term = OuterRef("pk")
    held = CommitteeSeat.objects.filter(term=term).held_on(on)
    facts = (
        Term.objects.filter(pk__in=term_ids)
        .annotate(
            seats_held=_count(held),
            seats_left=_count(
                CommitteeSeat.objects.filter(
                    term=term, ended_on__lte=on, end_kind__in=[SeatEndKind.LEFT, SeatEndKind.REMOVED]
                )
            ),
            seats_added=_count(
                CommitteeSeat.objects.filter(
                    term=term, started_on__lte=on, start_kind__in=[SeatStartKind.ADDED, SeatStartKind.APPOINTED]
                )
            ),
            has_secretary=Exists(
                held.filter(role=CommitteeRole.SECRETARY, member__user__isnull=False, member__user__is_active=True)
            ),
            congress_state=Subquery(Congress.objects.filter(closes_term=term).values("status")[:1]),
        )
        .order_by()
        .values("pk", *NO_TERM_FACTS)
    )
    return {f.pop("pk"): f for f in facts}


def _member_figures(
    branches: QuerySet[Organisation], branch_ids: list[int], on: datetime.date
) -> dict[int, dict[str, int]]:
    """Per branch: how many members in each status on `on`, and the active ones near or past their age limit.

    From the per-branch figures cache (chidoan.lib.figures_cache) when it is on: one round trip for
    every branch's entry, then one figures_by_branch for the branches without a current one (all
    of `branches` when none is there, the same SQL as without the cache).
    """

    def compute(missing: list[int]) -> dict[int, dict[str, int]]:
        asked = branches if len(missing) == len(branch_ids) else Organisation.objects.filter(pk__in=missing)
        return figures_by_branch(branches=asked, on=on)

    return figures_cache.cached_many(branch_ids, f"overview-members:{on.isoformat()}", compute)


def _targets_reached(term_ids: list[int], on: datetime.date) -> dict[int, tuple[int, int]]:
    """Per term: targets reached (achieved or exceeded) and targets in all (one query).

    Each target's latest reading on `on` comes as correlated subqueries (index progress_target_on),
    compared in Python by Target.outcome_on's rule (compare_reading) over plain values, no models.
    """
    result: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    latest = ProgressEntry.objects.filter(target=OuterRef("pk"), recorded_on__lte=on).order_by("-recorded_on", "-pk")
    targets = (
        Target.objects.filter(resolution__term_id__in=term_ids)
        .annotate(
            entry=Subquery(latest.values("pk")[:1]),
            entry_value=Subquery(latest.values("value")[:1]),
            entry_rating=Subquery(latest.values("rating")[:1]),
        )
        .order_by()
        .values_list("resolution__term_id", "kind", "planned_value", "planned_rating", "entry", "entry_value", "entry_rating")
    )  # fmt: skip
    for term, kind, planned_value, planned_rating, entry, value, rating in targets:
        counts = result[term]
        counts[1] += 1
        if entry is None:
            continue
        if compare_reading(kind=kind, planned_value=planned_value, planned_rating=planned_rating, value=value, rating=rating) >= 0:  # fmt: skip
            counts[0] += 1
    return {term: (reached, total) for term, (reached, total) in result.items()}


def level_organisations(*, parent: Organisation | None, scopes: list[Organisation]) -> list[Organisation]:
    """The open organisations of a level: below `parent`, or the officer's scopes at the top."""
    if parent is None:
        return [s for s in scopes if not s.is_closed]
    return list(Organisation.objects.filter(parent=parent).open().order_by("name", "pk"))


def level_rows(*, organisations: list[Organisation], on: datetime.date) -> list[Row]:
    """Each organisation of the level with its figures, in a fixed number of queries."""
    rows = {o.path: Row(o) for o in organisations}
    if not rows:
        return []
    condition = Q()
    for path in rows:
        condition |= Q(path__startswith=path)
    branches = Organisation.objects.branches().open().filter(condition)
    lengths = sorted({len(p) for p in rows})
    facts = list(_branch_facts(branches, on))
    term_ids = [f["term_id"] for f in facts if f["term_id"]]
    terms = _term_facts(term_ids, on)
    for fact in facts:
        fact.update(terms.get(fact["term_id"], NO_TERM_FACTS))
    members = _member_figures(branches, [f["pk"] for f in facts], on)
    targets = _targets_reached(term_ids, on)
    for fact in facts:
        row = next((rows[fact["path"][:n]] for n in lengths if fact["path"][:n] in rows), None)
        if row is None:
            continue
        _add_branch(row, fact, members.get(fact["pk"], {}), targets.get(fact["term_id"], (0, 0)), on)
    return list(rows.values())


def _add_branch(row: Row, fact: dict[str, Any], members: dict[str, int], targets: tuple[int, int], on: datetime.date) -> None:  # fmt: skip
    has_term = fact["term_id"] is not None
    row.branches += 1
    for status in STATUSES:
        row.statuses[status] += members.get(status, 0)
    row.near_age += members.get("near_age", 0)
    row.over_age += members.get("over_age", 0)
    row.seats_filled += fact["seats_held"]
    row.seats_vacant += max(0, fact["seats_left"] - fact["seats_added"]) if has_term else 0
    row.without_secretary += 0 if fact["has_secretary"] else 1
    state = congress_status(has_term=has_term, ends_on=fact["term_ends"], congress=fact["congress_state"], on=on)
    row.congress[state] += 1
    row.targets_reached += targets[0]
    row.targets_total += targets[1]
    row.without_report += 0 if fact["report_on"] else 1
    sent = fact["report_sending"] in (SubmissionStatus.SENT, SubmissionStatus.ACKNOWLEDGED)
    row.report_unsent += 0 if sent else 1
    if row.is_branch:
        if has_term:
            number = f"{_('Khóa')} {fact['term_number']}, " if fact["term_number"] else ""
            row.term_label = f"{number}{fact['term_starts'].year} – {fact['term_ends'].year}"
            row.term_ends_on = fact["term_ends"]
        row.report_issued_on = fact["report_on"]
        row.report_sending, row.report_sent_at = fact["report_sending"], fact["report_sent_at"]
        row.rating, row.rating_year = fact["rating_level"], fact["rating_year"]


def search_members(*, scopes: list[Organisation], query: str, limit: int) -> tuple[list[Member], int]:
    """Members of the officer's subtrees whose stored key holds every accent-free word of `query`."""
    condition = Q()
    for scope in scopes:
        condition |= Q(branch__path__startswith=scope.path)
    if not scopes:
        return [], 0
    found = Member.objects.filter(condition).search(query)
    return list(found.select_related("branch").in_name_order()[:limit]), found.count()
