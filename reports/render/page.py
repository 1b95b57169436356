"""The Union's page (Hướng dẫn 29-HD/TWĐTN-VP) as HTML, and HTML to PDF through WeasyPrint.

Every official document of the product (the self-review report, the congress
minutes, the vote-counting record, the resolution) extends
`templates/reports/document_base.html` and goes through `render_document_html`,
so the page, margins, fonts and header parts are defined once; `render_document`
gives a document in the format a view was asked for.

Styles and fonts: each document's stylesheet is a static file (static/css/document.css,
static/css/ballots.css), the one place its page, margins and fonts are written. The
browser's variant (`for_screen`) links it from static/, so the page needs no inline
style under the site's Content-Security-Policy; the print variant, which WeasyPrint
turns into the PDF and which is stored when a document is issued, carries the same
stylesheet inline, with the fonts' relative URLs turned into the paths of the files
shipped in static/fonts, so the output never depends on the server's fonts. The browser's
variant loads WOFF2 subsets of the same fonts (static/fonts/ChidoanSerif-*.woff2, 7 % of the TTFs' bytes);
the print variant names the whole TTFs they were cut from.
"""

from __future__ import annotations

import functools
import logging
import re
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.template.loader import render_to_string

from chidoan.lib.text import nfc

if TYPE_CHECKING:
    from weasyprint.text.fonts import FontConfiguration

logger = logging.getLogger(__name__)

STATIC_DIR: Path = Path(settings.BASE_DIR) / "static"
FONT_DIR: Path = STATIC_DIR / "fonts"
STYLESHEETS = ("document", "ballots")


@functools.cache
def print_css(name: str) -> str:
    """static/css/<name>.css as WeasyPrint reads it inline: the fonts from their file paths."""
    if name not in STYLESHEETS:
        raise KeyError(name)
    css = (STATIC_DIR / "css" / f"{name}.css").read_text(encoding="utf-8")
    return _SCREEN_FONT.sub(lambda m: f'url("{FONT_DIR.as_uri()}/LiberationSerif-{m[1]}.ttf") format("truetype")', css)


# The browser's font: a WOFF2 subset (Vietnamese + Latin, bench/font_subsets.py); the PDF's: the whole TTF.
_SCREEN_FONT = re.compile(r'url\("\.\./fonts/ChidoanSerif-(\w+)\.woff2"\) format\("woff2"\)')


class _PrintStylesheets:
    """`{{ print_css.document }}` in a template: the print variant's inline stylesheet."""

    def __getitem__(self, name: str) -> str:
        return print_css(name)


def render_document_html(template_name: str, context: dict[str, Any] | None = None, *, for_screen: bool = False) -> str:
    """Render a document template (extending reports/document_base.html) to a complete HTML page, in NFC.

    `for_screen` gives the variant shown in the browser (stylesheet and script linked from
    static/); the default is the variant WeasyPrint turns into the PDF (stylesheet inline).
    """
    full_context = {**(context or {}), "for_screen": for_screen, "print_css": _PrintStylesheets()}
    return nfc(render_to_string(template_name, full_context))


def render_document_sheet(template_name: str, context: dict[str, Any] | None = None) -> str:
    """The document's sheet alone (no <html>, <head> or <body>), to put inside a page of the site.

    The site's page links static/css/document-sheet.css, which sets the sheet as paper on a wide
    screen and reflows it, readable, on a phone; the PDF beside it keeps the Union's exact page.
    """
    full_context = {**(context or {}), "for_screen": True, "embedded": True, "print_css": _PrintStylesheets()}
    return nfc(render_to_string(template_name, full_context))


_local = threading.local()


def font_configuration() -> FontConfiguration:
    """One WeasyPrint font configuration per thread, reused by every render.

    A new configuration loads every system font again and is never given back
    in full (memory grew by about 0.25 MiB a render); a reused one keeps the
    shipped @font-face fonts it has loaded (keyed by their rules) and stays
    steady. Pango's font map is not shared between threads.
    """
    config = getattr(_local, "font_config", None)
    if config is None:
        from weasyprint.text.fonts import FontConfiguration

        config = _local.font_config = FontConfiguration()
    return config


def html_to_pdf(html: str) -> bytes:
    """Turn a document page from `render_document_html` into PDF bytes."""
    from weasyprint import HTML

    pdf: bytes = HTML(string=html, base_url=str(FONT_DIR)).write_pdf(font_config=font_configuration())
    return pdf


def render_document_pdf(template_name: str, context: dict[str, Any] | None = None) -> bytes:
    return html_to_pdf(render_document_html(template_name, context))


WARM_UP_HTML = (
    "<!doctype html><html lang='vi'><head><meta charset='utf-8'><style>{css}</style></head>"
    "<body><p>Chi đoàn <b>Ban Chấp hành</b> <i>nhiệm kỳ</i> <b><i>Đại hội</i></b></p></body></html>"
)


def warm_up_html() -> str:
    """A one-line page in the documents' stylesheet that uses each of the four shipped fonts."""
    return WARM_UP_HTML.format(css=print_css("document"))


def warm_up() -> int:
    """Render a one-line page in each shipped font, so that the first real PDF costs what the others do.

    A new process pays once for WeasyPrint's imports, Pango's font map and the
    four shipped fonts (about four warm renders together); a worker that calls
    this at start (`gunicorn.conf.py`) pays it before its first request instead
    of during it. Returns the size of the PDF it made.
    """
    return len(html_to_pdf(warm_up_html()))


def render_document(template_name: str, context: dict[str, Any], *, fmt: str) -> bytes:
    """The document as a file: "pdf" for print, "html" for the browser (fonts from static URLs)."""
    if fmt == "pdf":
        return render_document_pdf(template_name, context)
    if fmt == "html":
        return render_document_html(template_name, context, for_screen=True).encode()
    raise ValueError(f"a document page is HTML or PDF, not {fmt!r}")
