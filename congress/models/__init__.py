"""Terms, the executive committee, resolutions and targets, congresses.

One module per subject so that the term and the congress can grow apart.
"""

from congress.models.congress import Congress, CongressStatus
from congress.models.resolution import (
    Outcome,
    ProgressEntry,
    Resolution,
    Target,
    TargetKind,
)
from congress.models.term import (
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
    "Congress",
    "CongressStatus",
    "Outcome",
    "ProgressEntry",
    "Resolution",
    "SeatEndKind",
    "SeatStartKind",
    "Target",
    "TargetKind",
    "Term",
]
