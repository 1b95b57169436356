"""Documents to files: the Union's page as HTML and PDF (page), the narrative's markup (markup),
the self-review report as Word (docx) and in each of its formats (self_review)."""
