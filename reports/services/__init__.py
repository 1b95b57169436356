"""Writes of the reports app: the self-review report edited (editing), issued with its number (issuing), sent up (submissions)."""

from reports.services.editing import report_ensure, report_update
from reports.services.issuing import register_next_number, report_issue
from reports.services.submissions import submission_acknowledge, submission_return, submission_send

__all__ = [
    "register_next_number",
    "report_ensure",
    "report_issue",
    "report_update",
    "submission_acknowledge",
    "submission_return",
    "submission_send",
]
