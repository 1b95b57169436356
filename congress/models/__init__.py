"""Terms, the executive committee, resolutions and targets, congresses.

One module per subject so that the term and the congress can grow apart.
"""

from congress.models.congress import Congress, CongressStatus
from congress.models.day import (
    DEFAULT_PROGRAMME,
    Attendance,
    AttendanceStatus,
    BallotRound,
    BodyKind,
    BodyMember,
    Candidate,
    CandidateSource,
    CongressBody,
    DraftTarget,
    ElectedBy,
    Election,
    ElectionKind,
    ElectionStatus,
    Guest,
    ProgrammeItem,
    ResolutionVote,
    RoundCount,
    WithdrawalDecision,
)
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
    "DEFAULT_PROGRAMME",
    "Assignment",
    "Attendance",
    "AttendanceStatus",
    "BallotRound",
    "BodyKind",
    "BodyMember",
    "Candidate",
    "CandidateSource",
    "CommitteeRole",
    "CommitteeSeat",
    "Congress",
    "CongressBody",
    "CongressStatus",
    "DraftTarget",
    "ElectedBy",
    "Election",
    "ElectionKind",
    "ElectionStatus",
    "Guest",
    "Outcome",
    "ProgrammeItem",
    "ProgressEntry",
    "Resolution",
    "ResolutionVote",
    "RoundCount",
    "SeatEndKind",
    "SeatStartKind",
    "Target",
    "TargetKind",
    "Term",
    "WithdrawalDecision",
]
