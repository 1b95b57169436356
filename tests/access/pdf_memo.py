"""Each distinct page turned into PDF once while a module's access tests run.

Every role allowed a document asks for the same page (about half a second of WeasyPrint each). The
access tests check who gets an answer and under which headers; tests/reports check what the PDF holds.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest

# The modules that call WeasyPrint through html_to_pdf, each holding its own name for it.
PDF_CALLERS = (
    "reports.render.page",
    "reports.render.self_review",
    "reports.services.issuing",
    "reports.services.statistics",
)


@contextmanager
def each_pdf_made_once() -> Iterator[dict[str, bytes]]:
    """html_to_pdf answering a page's HTML seen before with the bytes made then; yields what was made."""
    from reports.render import page

    made: dict[str, bytes] = {}
    render = page.html_to_pdf

    def html_to_pdf(html: str) -> bytes:
        if html not in made:
            made[html] = render(html)
        return made[html]

    with pytest.MonkeyPatch.context() as patch:
        for module in PDF_CALLERS:
            patch.setattr(f"{module}.html_to_pdf", html_to_pdf)
        yield made
