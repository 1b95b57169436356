"""The figures of an organisation for a period, per child organisation, in a fixed number of queries.

Every figure is counted per branch by one SQL aggregate (grouped by branch), whatever the number of
branches; a row of the table (a child organisation) and the total are sums of branches, added up in
Python along the organisations' materialised paths. A member counts in the branch they belonged to on
the day: an accepted transfer inside the installation after that day says where they were before.
Read-only.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Exists, F, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from congress.models import Congress, CongressStatus
from members.models import (
    BranchRating,
    Gender,
    MemberRating,
    MemberStatus,
    MemberStatusChange,
    Organisation,
    RatingLevel,
    StatusChangeKind,
    Transfer,
    TransferState,
    kinds_leading_to,
)
from members.selectors import latest_changes_on
from reports.statistics.periods import Period
from terms.models import CommitteeSeat, SeatEndKind, SeatStartKind, Term

PATH_STEP = 7  # one level of Organisation.path: "000123/"

RATING_LEVELS = list(RatingLevel.values)

# (key, heading, group): the columns of the table, in order.
COLUMNS: list[tuple[str, Any, Any]] = [
    ("active", _("Đang sinh hoạt"), _("Đoàn viên cuối kỳ")),
    ("transferred", _("Đã chuyển đi"), _("Đoàn viên cuối kỳ")),
    ("came_of_age", _("Đã trưởng thành"), _("Đoàn viên cuối kỳ")),
    ("left", _("Đã rời chi đoàn"), _("Đoàn viên cuối kỳ")),
    ("removed", _("Đã xóa tên"), _("Đoàn viên cuối kỳ")),
    ("in_admitted", _("Kết nạp"), _("Trong kỳ")),
    ("in_transferred_in", _("Chuyển đến"), _("Trong kỳ")),
    ("in_transferred_out", _("Chuyển đi"), _("Trong kỳ")),
    ("in_came_of_age", _("Trưởng thành"), _("Trong kỳ")),
    ("in_left", _("Rời chi đoàn"), _("Trong kỳ")),
    ("in_removed", _("Xóa tên"), _("Trong kỳ")),
    ("female", _("Nữ"), _("Đoàn viên đang sinh hoạt")),
    ("male", _("Nam"), _("Đoàn viên đang sinh hoạt")),
    ("party", _("Đảng viên"), _("Đoàn viên đang sinh hoạt")),
    ("member_excellent", _("Xuất sắc"), _("Xếp loại đoàn viên")),
    ("member_good", _("Tốt"), _("Xếp loại đoàn viên")),
    ("member_completed", _("Hoàn thành"), _("Xếp loại đoàn viên")),
    ("member_not_completed", _("Không hoàn thành"), _("Xếp loại đoàn viên")),
    ("branches", _("Số chi đoàn"), _("Chi đoàn")),
    ("branch_excellent", _("Xuất sắc"), _("Xếp loại chi đoàn")),
    ("branch_good", _("Tốt"), _("Xếp loại chi đoàn")),
    ("branch_completed", _("Hoàn thành"), _("Xếp loại chi đoàn")),
    ("branch_not_completed", _("Không hoàn thành"), _("Xếp loại chi đoàn")),
    ("congress_held", _("Đã tổ chức trong kỳ"), _("Đại hội")),
    ("congress_due", _("Đến hạn, chưa tổ chức"), _("Đại hội")),
    ("committees_vacant", _("BCH còn khuyết"), _("Ban Chấp hành")),
    ("seats_vacant", _("Vị trí còn trống"), _("Ban Chấp hành")),
]
KEYS = [key for key, _heading, _group in COLUMNS]


def empty_figures() -> dict[str, int]:
    return dict.fromkeys(KEYS, 0)


@dataclass
class Row:
    """One organisation with its figures: a branch's own, or the sum of the branches below it."""

    organisation_id: int
    name: str
    kind: str
    path: str
    parent_name: str = ""
    closed_on: str = ""
    figures: dict[str, int] = field(default_factory=empty_figures)

    def add(self, figures: dict[str, int]) -> None:
        for key, value in figures.items():
            self.figures[key] += value

    def to_json(self) -> dict[str, Any]:
        return {
            "organisation_id": self.organisation_id,
            "name": self.name,
            "kind": self.kind,
            "path": self.path,
            "parent_name": self.parent_name,
            "closed_on": self.closed_on,
            "figures": self.figures,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Row:
        return cls(**{**data, "figures": {**empty_figures(), **data["figures"]}})


@dataclass
class Statistics:
    """The figures of `organisation` for `period`: rows (its children), their total, and every level below."""

    organisation_id: int
    organisation_name: str
    period: Period
    rows: list[Row]
    total: Row
    levels: list[list[Row]]  # levels[0] are the rows; levels[k] the organisations k+1 steps further down

    def to_json(self) -> dict[str, Any]:
        return {
            "organisation_id": self.organisation_id,
            "organisation_name": self.organisation_name,
            "period": self.period.to_json(),
            "total": self.total.to_json(),
            "levels": [[row.to_json() for row in level] for level in self.levels],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Statistics:
        levels = [[Row.from_json(row) for row in level] for level in data["levels"]]
        return cls(
            organisation_id=data["organisation_id"],
            organisation_name=data["organisation_name"],
            period=Period.from_json(data["period"]),
            rows=levels[0] if levels else [],
            total=Row.from_json(data["total"]),
            levels=levels,
        )


def _branch_on(on: Any, *, inclusive: bool) -> Coalesce:
    """The member's branch on the day `on` (a date or an OuterRef): before the first inside transfer after it.

    `inclusive` counts a transfer decided that very day as still ahead: a transfer-out change is dated
    the day the receiving branch accepts, and the member belonged to the sending branch until then.
    """
    after = {"decided_on__gte": on} if inclusive else {"decided_on__gt": on}
    later = Transfer.objects.filter(
        member=OuterRef("member"), state=TransferState.ACCEPTED, to_branch__isnull=False, **after
    ).order_by("decided_on", "id")
    return Coalesce(Subquery(later.values("from_branch")[:1]), F("member__branch"), output_field=IntegerField())


def _in_subtree(changes: QuerySet[MemberStatusChange], root: Organisation) -> QuerySet[MemberStatusChange]:
    """Status changes of members who are in the subtree now or were transferred out of it."""
    moved_out = Transfer.objects.filter(member=OuterRef("member"), from_branch__path__startswith=root.path)
    return changes.filter(Q(member__branch__path__startswith=root.path) | Exists(moved_out))


def _by_branch(rows: Iterable[dict[str, Any]], into: dict[int, dict[str, int]]) -> None:
    for row in rows:
        branch = row.pop("at_branch")
        target = into[branch]
        for key, value in row.items():
            target[key] += value or 0


def _members_on_last_day(root: Organisation, on: datetime.date, into: dict[int, dict[str, int]]) -> None:
    active = Q(kind__in=kinds_leading_to(MemberStatus.ACTIVE))
    party = Q(member__is_party_member=True) & (
        Q(member__party_admitted_on__isnull=True) | Q(member__party_admitted_on__lte=on)
    )
    aggregates: dict[str, Count] = {
        status: Count("pk", filter=Q(kind__in=kinds_leading_to(status))) for status in MemberStatus.values
    }
    aggregates["female"] = Count("pk", filter=active & Q(member__gender=Gender.FEMALE))
    aggregates["male"] = Count("pk", filter=active & Q(member__gender=Gender.MALE))
    aggregates["party"] = Count("pk", filter=active & party)
    rows = (
        _in_subtree(latest_changes_on(on), root)
        .annotate(at_branch=_branch_on(on, inclusive=False))
        .values("at_branch")
        .annotate(**aggregates)
        .order_by()
    )
    _by_branch(rows, into)


FLOW_KEYS = {kind: f"in_{kind}" for kind in StatusChangeKind.values}


def _changes_in_period(root: Organisation, period: Period, into: dict[int, dict[str, int]]) -> None:
    within = _in_subtree(MemberStatusChange.objects.filter(on__gte=period.starts_on, on__lte=period.ends_on), root)
    outs = StatusChangeKind.TRANSFERRED_OUT
    for changes, inclusive in ((within.exclude(kind=outs), False), (within.filter(kind=outs), True)):
        aggregates = {key: Count("pk", filter=Q(kind=kind)) for kind, key in FLOW_KEYS.items()}
        rows = (
            changes.annotate(at_branch=_branch_on(OuterRef("on"), inclusive=inclusive))
            .values("at_branch")
            .annotate(**aggregates)
            .order_by()
        )
        _by_branch(rows, into)


def _ratings(root: Organisation, period: Period, on: datetime.date, into: dict[int, dict[str, int]]) -> None:
    year = period.year
    member_ratings = (
        MemberRating.objects.filter(year=year)
        .filter(
            Q(member__branch__path__startswith=root.path)
            | Exists(Transfer.objects.filter(member=OuterRef("member"), from_branch__path__startswith=root.path))
        )
        .annotate(at_branch=_branch_on(on, inclusive=False))
        .values("at_branch")
        .annotate(**{f"member_{level}": Count("pk", filter=Q(level=level)) for level in RATING_LEVELS})
        .order_by()
    )
    _by_branch(member_ratings, into)
    branch_ratings = (
        BranchRating.objects.filter(year=year, branch__path__startswith=root.path)
        .annotate(at_branch=F("branch_id"))
        .values("at_branch")
        .annotate(**{f"branch_{level}": Count("pk", filter=Q(level=level)) for level in RATING_LEVELS})
        .order_by()
    )
    _by_branch(branch_ratings, into)


def _congresses_held(root: Organisation, period: Period, into: dict[int, dict[str, int]]) -> None:
    rows = (
        Congress.objects.filter(
            status=CongressStatus.CLOSED,
            held_on__gte=period.starts_on,
            held_on__lte=period.ends_on,
            closes_term__branch__path__startswith=root.path,
        )
        .annotate(at_branch=F("closes_term__branch_id"))
        .values("at_branch")
        .annotate(congress_held=Count("pk"))
        .order_by()
    )
    _by_branch(rows, into)


def _count(queryset: QuerySet[Any]) -> Subquery:
    return Subquery(queryset.order_by().values("term").annotate(n=Count("pk")).values("n")[:1])


def _terms_on_last_day(branch_ids: list[int], on: datetime.date, into: dict[int, dict[str, int]]) -> None:
    """Each branch's term on the last day: congress due and not held, seats left empty (the start page's rule)."""
    current = Term.objects.filter(branch=OuterRef("pk"), starts_on__lte=on).order_by("-starts_on")
    term = OuterRef("term_id")
    held = Congress.objects.filter(closes_term=term, status=CongressStatus.CLOSED, held_on__lte=on)
    facts = (
        Organisation.objects.filter(pk__in=branch_ids)
        .annotate(term_id=Subquery(current.values("pk")[:1]), term_ends=Subquery(current.values("ends_on")[:1]))
        .annotate(
            congress_done=Exists(held),
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
        )
        .values("pk", "term_id", "term_ends", "congress_done", "seats_left", "seats_added")
    )
    for fact in facts:
        figures = into[fact["pk"]]
        if fact["term_id"] is None:
            continue
        if fact["term_ends"] <= on and not fact["congress_done"]:
            figures["congress_due"] += 1
        vacant = max(0, (fact["seats_left"] or 0) - (fact["seats_added"] or 0))
        figures["seats_vacant"] += vacant
        figures["committees_vacant"] += 1 if vacant else 0


def _row(organisation: Organisation, names: dict[int, str]) -> Row:
    return Row(
        organisation_id=organisation.pk,
        name=organisation.name,
        kind=str(organisation.get_kind_display()),
        path=organisation.path,
        parent_name=names.get(organisation.parent_id or 0, ""),
        closed_on=organisation.closed_on.strftime("%d/%m/%Y") if organisation.closed_on else "",
    )


def statistics_compute(*, organisation: Organisation, period: Period) -> Statistics:
    """The statistics of `organisation` for `period`: one row per child organisation (itself for a branch)."""
    on = period.ends_on
    subtree = list(
        Organisation.objects.descendants_of(organisation)
        .filter(Q(closed_on__isnull=True) | Q(closed_on__gte=period.starts_on))
        .only("pk", "name", "kind", "path", "parent_id", "closed_on")
        .order_by("path")
    )
    names = {o.pk: o.name for o in subtree}
    branches = [o for o in subtree if o.is_branch]
    per_branch: dict[int, dict[str, int]] = defaultdict(empty_figures)
    for branch in branches:
        if branch.closed_on is None or branch.closed_on > on:
            per_branch[branch.pk]["branches"] += 1
    _members_on_last_day(organisation, on, per_branch)
    _changes_in_period(organisation, period, per_branch)
    _ratings(organisation, period, on, per_branch)
    _congresses_held(organisation, period, per_branch)
    _terms_on_last_day([b.pk for b in branches], on, per_branch)

    # Levels: depth 1 (the children) to the deepest branch; a branch's own figures roll up each level.
    depth_of = {o.pk: (len(o.path) - len(organisation.path)) // PATH_STEP for o in subtree}
    deepest = max(depth_of.values(), default=0)
    if organisation.is_branch or deepest == 0:
        levels_of_orgs = [[organisation]]
    else:
        levels_of_orgs = [
            [o for o in subtree if depth_of[o.pk] == depth]  # in the tree's order (by path)
            for depth in range(1, deepest + 1)
        ]
    paths = {o.pk: o.path for o in branches}
    levels: list[list[Row]] = []
    for level in levels_of_orgs:
        rows = [_row(o, names) for o in level]
        by_path = {row.path: row for row in rows}
        width = len(level[0].path) if level else 0
        for branch_id, figures in per_branch.items():
            path = paths.get(branch_id)
            if path is None:  # a member's branch outside the subtree, or closed before the period
                continue
            row = by_path.get(path[:width])
            if row is not None:
                row.add(figures)
        levels.append(rows)
    total = _row(organisation, names)
    for row in levels[0]:
        total.add(row.figures)
    return Statistics(
        organisation_id=organisation.pk,
        organisation_name=organisation.name,
        period=period,
        rows=levels[0],
        total=total,
        levels=levels,
    )
