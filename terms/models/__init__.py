"""A term: the term itself, its committee seats and assignments, the resolution, its targets and progress."""

from terms.models.planned import PlannedTarget, TargetKind
from terms.models.resolution import (
    Outcome,
    ProgressEntry,
    Resolution,
    Target,
)
from terms.models.term import (
    Assignment,
    CommitteeRole,
    CommitteeSeat,
    SeatEndKind,
    SeatStartKind,
    Term,
)

__all__ = [
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
]
