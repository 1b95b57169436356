"""The documents' fonts on screen: WOFF2 subsets (Vietnamese + Latin) against the shipped TTFs.

The PDF embeds static/fonts/LiberationSerif-*.ttf (WeasyPrint subsets them itself); a browser
showing a document (the report's preview, the congress documents) downloads the same four files
whole, 1.5 MB. This script builds, with fontTools (requirements-dev.txt), one WOFF2 file per TTF
holding only the glyphs of Vietnamese and Latin text (ChidoanSerif-*.woff2: the SIL Open Font
Licence reserves the name "Liberation" for the unmodified fonts, so the cut fonts are renamed), and prints the bytes a page downloads
before (four TTFs) and after (four WOFF2 files).

    .venv/bin/python bench/font_subsets.py           # print the bytes of the committed files
    .venv/bin/python bench/font_subsets.py --write   # build static/fonts/*.woff2 again, then print

The built files are committed; run --write again only when the TTFs or the ranges change.
"""

from __future__ import annotations

import argparse
import io
from pathlib import Path

FONT_DIR = Path(__file__).resolve().parent.parent / "static" / "fonts"
STYLES = ("Regular", "Bold", "Italic", "BoldItalic")
FAMILY = "Chidoan Serif"

# Latin (ASCII, Latin-1, the usual punctuation, the đồng sign) and Vietnamese (its precomposed letters
# and combining marks), as the unicode-range of the stylesheet's @font-face rules says.
UNICODE_RANGES = (
    (0x0020, 0x007E),
    (0x00A0, 0x00FF),
    (0x0102, 0x0103),
    (0x0110, 0x0111),
    (0x0128, 0x0129),
    (0x0131, 0x0131),
    (0x0152, 0x0153),
    (0x0168, 0x0169),
    (0x01A0, 0x01A1),
    (0x01AF, 0x01B0),
    (0x02C6, 0x02C6),
    (0x02DA, 0x02DA),
    (0x02DC, 0x02DC),
    (0x0300, 0x0301),
    (0x0303, 0x0304),
    (0x0308, 0x0309),
    (0x0323, 0x0323),
    (0x0329, 0x0329),
    (0x1EA0, 0x1EF9),
    (0x2000, 0x206F),
    (0x20AB, 0x20AC),
    (0x2122, 0x2122),
    (0x2212, 0x2212),
)


def codepoints() -> list[int]:
    return [cp for low, high in UNICODE_RANGES for cp in range(low, high + 1)]


def subset_woff2(ttf: Path) -> bytes:
    """The TTF cut to the Vietnamese and Latin glyphs, with its kerning and ligatures, as WOFF2."""
    from fontTools import subset

    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = ["*"]
    options.name_IDs = ["*"]  # the licence and copyright strings stay in the font
    options.notdef_outline = True
    font = subset.load_font(str(ttf), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=codepoints())
    subsetter.subset(font)
    rename(font, style=ttf.stem.split("-", 1)[1])
    out = io.BytesIO()
    subset.save_font(font, out, options)
    return out.getvalue()


def rename(font, *, style: str) -> None:
    """Name the cut font "Chidoan Serif": the licence reserves "Liberation" for the unmodified fonts.

    The copyright, licence and trademark strings (name IDs 0, 7, 13, 14) stay as they were.
    """
    spaced = {"Regular": "Regular", "Bold": "Bold", "Italic": "Italic", "BoldItalic": "Bold Italic"}[style]
    names = {1: FAMILY, 3: f"{FAMILY}: {spaced} (subset)", 4: f"{FAMILY} {spaced}", 6: f"ChidoanSerif-{style}"}
    table = font["name"]
    table.names = [record for record in table.names if record.nameID not in (16, 17, 21, 22)]
    for record in table.names:
        if record.nameID in names:
            record.string = names[record.nameID]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--write", action="store_true", help="build static/fonts/*.woff2 from the TTFs first")
    args = parser.parse_args()
    before = after = 0
    print(f"{'font':<34}{'TTF bytes':>12}{'WOFF2 bytes':>14}{'ratio':>8}")
    for style in STYLES:
        ttf = FONT_DIR / f"LiberationSerif-{style}.ttf"
        woff2 = FONT_DIR / f"ChidoanSerif-{style}.woff2"
        if args.write:
            woff2.write_bytes(subset_woff2(ttf))
        ttf_size, woff2_size = ttf.stat().st_size, woff2.stat().st_size
        before, after = before + ttf_size, after + woff2_size
        print(f"{ttf.stem:<34}{ttf_size:>12,}{woff2_size:>14,}{woff2_size / ttf_size:>8.2f}")
    print(f"{'a document page downloads':<34}{before:>12,}{after:>14,}{after / before:>8.2f}")


if __name__ == "__main__":
    main()
