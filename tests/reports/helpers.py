"""Reading documents back as lines, and the seed they must reproduce.

Each reader gives the document's paragraphs in order, one line each, normalised
(NFC, whitespace folded, "–" and "-" alike; nothing else), page numbers removed.
`versus_seed` then takes off the document's frame (the header and the footer,
which the seed does not have: they are compared with the data) and returns the
difference between the body and the seed, line by line: empty when the two are
the same sequence, so that a foreign paragraph, a missing one or a changed word
all show.
"""

from __future__ import annotations

import difflib
import io
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from docx import Document
from docx.text.paragraph import Paragraph
from pypdf import PageObject, PdfReader

from reports.self_review.data import ReportData

REPO_ROOT = Path(__file__).resolve().parents[2]
SEED_NAME = "000_e54a22b6aa269bc2.txt"
MM = 72 / 25.4  # PDF points in a millimetre
TOP_MARGIN_MM = 20  # the page number sits above the text, in the top margin


def shared_seed() -> Path:
    """The seed document itself: `shared/seed/` beside the repository (or beside a folder above it)."""
    for folder in REPO_ROOT.parents:
        candidate = folder / "shared" / "seed" / SEED_NAME
        if candidate.is_file():
            return candidate
    raise AssertionError(f"shared/seed/{SEED_NAME} not found beside {REPO_ROOT} or any folder above it")


def normalise(text: str) -> str:
    """NFC, whitespace folded, "–" and "-" alike; nothing else."""
    return " ".join(unicodedata.normalize("NFC", text).replace("–", "-").split())


def _lines(texts: Iterator[str] | list[str]) -> list[str]:
    return [line for line in (normalise(text) for text in texts) if line]


def seed_lines() -> list[str]:
    return _lines(shared_seed().read_text(encoding="utf-8").splitlines())


# --------------------------------------------------------------------------- PDF


@dataclass
class _PrintedLine:
    page: int
    x: float  # points from the left edge
    y: float  # points from the bottom edge
    size: float  # points; 0 until the line has a visible character
    text: str


def _printed_lines(page: PageObject, number: int) -> list[_PrintedLine]:
    """The page's printed lines in the order of the content stream, the page number left out."""
    lines: list[_PrintedLine] = []

    def visit(text: str, cm: list[float], tm: list[float], _font: Any, size: float) -> None:
        x, y = tm[4] * cm[0] + cm[4], tm[5] * cm[3] + cm[5]
        if not lines or abs(lines[-1].y - y) >= 0.5:
            lines.append(_PrintedLine(page=number, x=x, y=y, size=0.0, text=""))
        line = lines[-1]
        line.text += text
        if not line.size and text.strip():
            line.size = round(size * cm[0], 1)

    page.extract_text(visitor_text=visit)
    top_margin = float(page.mediabox.top) - TOP_MARGIN_MM * MM
    return [
        line for line in lines if line.text.strip() and not (line.text.strip() == str(number) and line.y > top_margin)
    ]


def pdf_lines(pdf: bytes) -> list[str]:
    """The PDF's paragraphs, rebuilt from the position of each printed line.

    A line continues the paragraph above it when it starts at the left margin, in the same
    font size, no further below than a line's height; anything else (an indented first
    line, a centred title, a gap, another size, a new column) starts a paragraph. The
    page number, alone on its line in the top margin, is page furniture and is dropped.
    """
    printed = [
        line
        for number, page in enumerate(PdfReader(io.BytesIO(pdf)).pages, start=1)
        for line in _printed_lines(page, number)
    ]
    if not printed:
        return []
    margin = min(line.x for line in printed)
    paragraphs: list[list[str]] = []
    previous: _PrintedLine | None = None
    for line in printed:
        continues = (
            previous is not None
            and abs(line.x - margin) < 1
            and line.size == previous.size
            and (line.page != previous.page or previous.y - line.y < 1.3 * line.size)
        )
        if continues:
            paragraphs[-1].append(line.text)
        else:
            paragraphs.append([line.text])
        previous = line
    return _lines(" ".join(parts) for parts in paragraphs)


def pdf_text(pdf: bytes) -> str:
    """The PDF's words on one line, page numbers removed."""
    return " ".join(pdf_lines(pdf))


# --------------------------------------------------------------------------- DOCX


def _docx_texts(container: Any) -> Iterator[str]:
    for child in container.iter_inner_content():
        if isinstance(child, Paragraph):
            yield child.text
        else:
            for row in child.rows:
                for cell in row.cells:
                    yield from _docx_texts(cell)


def docx_lines(docx: bytes) -> list[str]:
    """The Word document's paragraphs in order, table cells included (the page-number header is not in the body)."""
    return _lines(_docx_texts(Document(io.BytesIO(docx))))


def docx_text(docx: bytes) -> str:
    return " ".join(docx_lines(docx))


# --------------------------------------------------------------------------- HTML

_BLOCKS = {"p", "div", "h1", "h2", "h3", "h4", "li", "tr", "td", "th", "table", "br", "section", "body"}


class _Blocks(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.texts: list[str] = []
        self.current: list[str] = []
        self.in_body = False
        self.skipping = 0

    def _flush(self) -> None:
        self.texts.append("".join(self.current))
        self.current = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "body":
            self.in_body = True
        if tag in ("script", "style"):
            self.skipping += 1
        if tag in _BLOCKS:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self.skipping -= 1
        if tag in _BLOCKS:
            self._flush()

    def handle_data(self, data: str) -> None:
        if self.in_body and not self.skipping:
            self.current.append(data)


def html_lines(html: str) -> list[str]:
    """The page's blocks (paragraphs, headings, cells) in order, as a reader sees them; scripts and styles left out."""
    parser = _Blocks()
    parser.feed(html)
    parser.close()
    parser._flush()
    return _lines(parser.texts)


# --------------------------------------------------------------------------- the frame and the seed


def header_lines(data: ReportData) -> list[str]:
    """What the document prints above its title, from the data: issuing body and number, the Union, place and date."""
    return [
        data.upper_level_line,
        data.issuing_body_line,
        "***",
        data.number_line,
        "ĐOÀN TNCS HỒ CHÍ MINH",
        data.place_date_line,
    ]


def footer_lines(data: ReportData) -> list[str]:
    """What the document prints below its closing sentence: the recipients, then the signature."""
    recipients = ["Nơi nhận:", *(f"- {line}" for line in data.recipients)] if data.recipients else []
    return [*recipients, data.signer_on_behalf, data.signer_title, data.signer_name]


def _words(lines: list[str]) -> str:
    return normalise(" ".join(lines))


def body_of(lines: list[str], data: ReportData) -> list[str]:
    """`lines` without the header and the footer, which must be exactly what the data says."""
    head, foot = _words(header_lines(data)), _words(footer_lines(data))
    start = next((k for k in range(len(lines) + 1) if _words(lines[:k]) == head), None)
    assert start is not None, f"the document does not open with its header {head!r}: {lines[:8]}"
    end = next((k for k in range(len(lines), start - 1, -1) if _words(lines[k:]) == foot), None)
    assert end is not None, f"the document does not end with its footer {foot!r}: {lines[-8:]}"
    return lines[start:end]


def versus_seed(lines: list[str], data: ReportData) -> list[str]:
    """The body of a document against the seed, as a diff ("-" the seed's line, "+" the document's): [] when equal."""
    body = body_of(lines, data)
    seed = seed_lines()
    if body == seed:
        return []
    diff = difflib.unified_diff(seed, body, "seed", "document", n=0, lineterm="")
    return [line for line in list(diff)[2:] if not line.startswith("@@")]
