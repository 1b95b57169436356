"""The narrative's only markup: one paragraph per line, **bold** and *italic*.

Stored text never holds HTML; each renderer (HTML, DOCX) turns the runs
returned here into its own format, so what the Secretary types cannot inject
markup into an official document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from chidoan.lib.text import nfc

# ***both*** first: the editor's B and I buttons on the same words write three stars on each side.
_EMPHASIS = re.compile(r"\*\*\*(?P<both>[^*\n]+?)\*\*\*|\*\*(?P<bold>[^*\n]+?)\*\*|\*(?P<italic>[^*\n]+?)\*")


@dataclass(frozen=True)
class Run:
    text: str
    bold: bool = False
    italic: bool = False


def paragraphs(text: str) -> list[str]:
    """The non-empty lines of `text`, stripped and in NFC: one paragraph each."""
    return [" ".join(line.split()) for line in nfc(text or "").splitlines() if line.strip()]


def runs(paragraph: str) -> list[Run]:
    result: list[Run] = []
    position = 0
    for match in _EMPHASIS.finditer(paragraph):
        if match.start() > position:
            result.append(Run(paragraph[position : match.start()]))
        if match.group("both") is not None:
            result.append(Run(match.group("both"), bold=True, italic=True))
        elif match.group("bold") is not None:
            result.append(Run(match.group("bold"), bold=True))
        else:
            result.append(Run(match.group("italic"), italic=True))
        position = match.end()
    if position < len(paragraph):
        result.append(Run(paragraph[position:]))
    return result


def to_html(paragraph: str) -> SafeString:
    parts: list[str] = []
    for run in runs(paragraph):
        piece: str = escape(run.text)
        if run.bold:
            piece = f"<strong>{piece}</strong>"
        if run.italic:
            piece = f"<em>{piece}</em>"
        parts.append(piece)
    # Every piece is escaped above.
    return mark_safe("".join(parts))


def plain(paragraph: str) -> str:
    return "".join(run.text for run in runs(paragraph))
