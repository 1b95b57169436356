"""The models of reports, one module per subject; import them from here."""

from reports.models.documents import (
    DEFAULT_RECIPIENTS,
    DocumentKind,
    IssuedDocument,
    OutgoingDocumentRegister,
    SelfReviewReport,
)

__all__ = [
    "DEFAULT_RECIPIENTS",
    "DocumentKind",
    "IssuedDocument",
    "OutgoingDocumentRegister",
    "SelfReviewReport",
]
