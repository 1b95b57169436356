"""Forms of the term workspace, one module per tab; they validate input only, the services apply the charter."""

from terms.forms.assignments import AssignmentForm
from terms.forms.committee import SEAT_END_FIELDS, SeatAddForm, SeatEndForm, SeatRoleForm
from terms.forms.progress import ProgressForm
from terms.forms.targets import PlannedTargetForm, TargetDeleteForm, TargetEditForm, TargetForm
from terms.forms.term import TermOpenForm

__all__ = [
    "SEAT_END_FIELDS",
    "AssignmentForm",
    "PlannedTargetForm",
    "ProgressForm",
    "SeatAddForm",
    "SeatEndForm",
    "SeatRoleForm",
    "TargetDeleteForm",
    "TargetEditForm",
    "TargetForm",
    "TermOpenForm",
]
