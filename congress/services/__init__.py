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
    election_open,
    round2_open,
)
from congress.services.handover import Handover, congress_handover, handover_problems
from congress.services.preparation import (
    congress_prepare,
    congress_update,
    guest_add,
    guest_remove,
    programme_note,
    programme_set,
)
from congress.services.resolution import draft_target_add, draft_target_remove, resolution_vote

# isort: split
# TEMPORARY, until reports/congress_documents.py and reports/views_congress.py import them from
# congress.selectors (and congress.rules.Quorum): the reads that used to live here. Not for new code.
from congress.rules import Quorum
from congress.selectors import (
    ElectionOutcome,
    adopted_targets,
    bodies_with_members,
    congresses_for,
    election_outcome,
    elections_with_counts,
    is_small_branch,
    quorum_of,
    rules_for,
)

__all__ = [
    "ElectionOutcome",
    "Handover",
    "Quorum",
    "adopted_targets",
    "attendance_set",
    "bodies_with_members",
    "body_approve",
    "body_set_members",
    "candidate_add",
    "candidate_withdraw",
    "congress_handover",
    "congress_open",
    "congress_prepare",
    "congress_summon",
    "congress_update",
    "congresses_for",
    "count_record",
    "draft_target_add",
    "draft_target_remove",
    "election_create",
    "election_open",
    "election_outcome",
    "elections_with_counts",
    "guest_add",
    "guest_remove",
    "handover_problems",
    "is_small_branch",
    "programme_note",
    "programme_set",
    "quorum_of",
    "resolution_vote",
    "round2_open",
    "rules_for",
    "summons_add",
    "summons_remove",
]
