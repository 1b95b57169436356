"""Writes of a term, one module per step, re-exported here (other apps call `terms.services.X`).

term (term_create), committee (seat_add, seat_end, seat_change_role), assignments
(assignment_set), targets (resolution_ensure, target_create/update/delete), progress
(progress_record). Reads live in terms.selectors, the charter's arithmetic in terms.rules.
"""

from terms.selectors import active_member_count
from terms.services.assignments import assignment_set
from terms.services.committee import seat_add, seat_change_role, seat_end
from terms.services.progress import progress_record
from terms.services.targets import TARGET_FIELDS, resolution_ensure, target_create, target_delete, target_update
from terms.services.term import term_create
from terms.services.transfers import Accepted, transfer_accept

__all__ = [
    "TARGET_FIELDS",
    "Accepted",
    "active_member_count",  # a read (terms.selectors), still here for the apps that import it from services
    "assignment_set",
    "progress_record",
    "resolution_ensure",
    "seat_add",
    "seat_change_role",
    "seat_end",
    "target_create",
    "target_delete",
    "target_update",
    "term_create",
    "transfer_accept",
]
