"""The documents' fonts: WOFF2 subsets for the browser, the whole TTFs for the PDF."""

from __future__ import annotations

import re
from pathlib import Path

from fontTools.ttLib import TTFont

from reports.render import page
from tests.shared import seed_text

STATIC = Path(page.STATIC_DIR)
FONT_URL = re.compile(r'url\("\.\./fonts/([^"]+)"\) format\("(\w+)"\)')


def screen_fonts(name: str) -> list[tuple[str, str]]:
    return FONT_URL.findall((STATIC / "css" / f"{name}.css").read_text(encoding="utf-8"))


def test_the_browser_is_given_the_four_woff2_subsets_only():
    for name in page.STYLESHEETS:
        fonts = screen_fonts(name)
        assert {fmt for _file, fmt in fonts} == {"woff2"}, name
        assert sorted(file for file, _fmt in fonts) == sorted(
            f"ChidoanSerif-{style}.woff2" for style in ("Regular", "Bold", "Italic", "BoldItalic")
        )


def test_the_pdf_is_still_made_from_the_whole_ttfs():
    for name in page.STYLESHEETS:
        css = page.print_css(name)
        files = re.findall(r'url\("file://[^"]*/fonts/([^"]+)"\) format\("truetype"\)', css)
        assert sorted(files) == sorted(f"LiberationSerif-{s}.ttf" for s in ("Regular", "Bold", "Italic", "BoldItalic"))
        assert "woff2" not in css


def test_each_subset_has_every_letter_of_the_seed_report_and_is_a_fraction_of_its_ttf():
    text = seed_text()
    letters = {ch for ch in text if not ch.isspace()}
    for style in ("Regular", "Bold", "Italic", "BoldItalic"):
        woff2 = STATIC / "fonts" / f"ChidoanSerif-{style}.woff2"
        cmap = TTFont(woff2).getBestCmap()
        missing = sorted(ch for ch in letters if ord(ch) not in cmap)
        assert missing == [], (style, missing)
        assert woff2.stat().st_size < (STATIC / "fonts" / f"LiberationSerif-{style}.ttf").stat().st_size / 5


def test_the_subsets_do_not_carry_the_reserved_font_name():
    for path in (STATIC / "fonts").glob("*.woff2"):
        names = {record.nameID: str(record) for record in TTFont(path)["name"].names}
        assert names[1] == "Chidoan Serif" and "Liberation" not in names[4] + names[6], path.name
