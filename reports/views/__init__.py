"""The reports pages, one module per subject: the self-review report, the congress documents, issued documents.

`common` holds the one answer for a document file (`document_response`, `CONTENT_TYPES`).
"""
