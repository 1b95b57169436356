"""A term: the term itself, its committee seats and assignments, the resolution, its targets and progress."""

from terms.models.resolution import (
    Outcome,
    ProgressEntry,
    Resolution,
    Target,
    TargetKind,
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
    "ProgressEntry",
    "Resolution",
    "SeatEndKind",
    "SeatStartKind",
    "Target",
    "TargetKind",
    "Term",
]
