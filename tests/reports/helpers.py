"""Reading documents back as text, and the seed they must reproduce."""

from __future__ import annotations

import io
import unicodedata
from pathlib import Path

from docx import Document
from docx.text.paragraph import Paragraph
from pypdf import PdfReader

SEED = Path(__file__).parent / "data" / "seed_self_review.txt"


def normalise(text: str) -> str:
    """NFC, whitespace folded, "–" and "-" alike; nothing else."""
    return " ".join(unicodedata.normalize("NFC", text).replace("–", "-").split())


def seed_lines() -> list[str]:
    return [normalise(line) for line in SEED.read_text(encoding="utf-8").splitlines() if line.strip()]


def pdf_text(pdf: bytes) -> str:
    """The PDF's text, page numbers removed (a line holding only the page's own number)."""
    pages = []
    for number, page in enumerate(PdfReader(io.BytesIO(pdf)).pages, start=1):
        lines = page.extract_text().splitlines()
        pages.append(" ".join(line for line in lines if line.strip() != str(number)))
    return normalise(" ".join(pages))


def _docx_texts(container):
    for child in container.iter_inner_content():
        if isinstance(child, Paragraph):
            yield child.text
        else:
            for row in child.rows:
                for cell in row.cells:
                    yield from _docx_texts(cell)


def docx_text(docx: bytes) -> str:
    return normalise(" ".join(_docx_texts(Document(io.BytesIO(docx)))))


def missing_in_order(text: str, lines: list[str]) -> list[str]:
    """The lines not found in `text` in the given order (empty when all are there)."""
    missing, position = [], 0
    for line in lines:
        found = text.find(line, position)
        if found < 0:
            missing.append(line)
        else:
            position = found + len(line)
    return missing
