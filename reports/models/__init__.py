"""The models of reports, one module per subject; import them from here."""

from reports.models.documents import (
    DEFAULT_RECIPIENTS,
    DocumentKind,
    IssuedDocument,
    OutgoingDocumentRegister,
    SelfReviewReport,
)
from reports.models.statistics import StatisticsReport, StatisticsState
from reports.models.submissions import Submission, SubmissionStatus

__all__ = [
    "DEFAULT_RECIPIENTS",
    "DocumentKind",
    "IssuedDocument",
    "OutgoingDocumentRegister",
    "SelfReviewReport",
    "StatisticsReport",
    "StatisticsState",
    "Submission",
    "SubmissionStatus",
]
