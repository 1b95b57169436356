"""A term: the term itself, its committee seats and assignments, the resolution, its targets and progress."""

from terms.models.planned import PLANNED_FIELDS, PlannedTarget, TargetKind
from terms.models.resolution import (
    Outcome,
    ProgressEntry,
    Resolution,
    Target,
    compare_reading,
)
from terms.models.term import (
    ROLE_ORDER,
    Assignment,
    CommitteeRole,
    CommitteeSeat,
    SeatEndKind,
    SeatStartKind,
    Term,
)

__all__ = [
    "PLANNED_FIELDS",
    "ROLE_ORDER",
    "Assignment",
    "CommitteeRole",
    "CommitteeSeat",
    "Outcome",
    "PlannedTarget",
    "ProgressEntry",
    "Resolution",
    "SeatEndKind",
    "SeatStartKind",
    "Target",
    "TargetKind",
    "Term",
    "compare_reading",
]
