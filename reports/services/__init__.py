"""Writes of the reports app: the self-review report edited (editing) and issued with its number (issuing)."""

from reports.services.editing import report_ensure, report_update
from reports.services.issuing import register_next_number, report_issue

__all__ = ["register_next_number", "report_ensure", "report_issue", "report_update"]
