"""Writes of the congress day, one module per step, re-exported here:

preparation (the congress, its programme, guests), attendance (summons, check-in, the opening),
bodies, elections (candidates, rounds, counts), resolution (draft targets, the vote), handover.
Reads are in congress.selectors, the pure rules in congress.rules.
"""

from congress.services.attendance import (
    attendance_set,
    congress_open,
    congress_summon,
    summons_add,
    summons_remove,
)
from congress.services.bodies import body_approve, body_set_members
from congress.services.elections import (
    candidate_add,
    candidate_withdraw,
    count_record,
    election_create,
    election_leave_vacant,
    election_open,
    next_round_open,
)
from congress.services.handover import (
    EditorLogins,
    GivenLogin,
    Handover,
    congress_handover,
    editor_logins,
    handover_problems,
)
from congress.services.preparation import (
    congress_prepare,
    congress_update,
    guest_add,
    guest_remove,
    programme_note,
    programme_set,
)
from congress.services.resolution import draft_target_add, draft_target_remove, resolution_vote

__all__ = [
    "EditorLogins",
    "GivenLogin",
    "Handover",
    "attendance_set",
    "body_approve",
    "body_set_members",
    "candidate_add",
    "candidate_withdraw",
    "congress_handover",
    "congress_open",
    "congress_prepare",
    "congress_summon",
    "congress_update",
    "count_record",
    "draft_target_add",
    "draft_target_remove",
    "editor_logins",
    "election_create",
    "election_leave_vacant",
    "election_open",
    "guest_add",
    "guest_remove",
    "handover_problems",
    "next_round_open",
    "programme_note",
    "programme_set",
    "resolution_vote",
    "summons_add",
    "summons_remove",
]
