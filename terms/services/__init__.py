"""Writes of a term; one module per subject, re-exported here."""

from terms.services.term import (
    TARGET_FIELDS,
    active_member_count,
    assignment_set,
    expected_share,
    is_behind,
    progress_record,
    resolution_ensure,
    seat_add,
    seat_change_role,
    seat_end,
    target_create,
    target_delete,
    target_update,
    term_create,
    term_length_bounds,
)

__all__ = [
    "TARGET_FIELDS",
    "active_member_count",
    "assignment_set",
    "expected_share",
    "is_behind",
    "progress_record",
    "resolution_ensure",
    "seat_add",
    "seat_change_role",
    "seat_end",
    "target_create",
    "target_delete",
    "target_update",
    "term_create",
    "term_length_bounds",
]
