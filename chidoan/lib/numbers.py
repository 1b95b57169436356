"""Numbers written the Vietnamese way: a comma before the decimals, no trailing zeros (85.50 -> "85,5")."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal


def vn_number(value: Decimal | int | float | None, *, places: int | None = None, empty: str = "") -> str:
    """`value` as a reader expects it: 85.00 -> "85", 2.5 -> "2,5"; `places` fixes the decimals (66.666 -> "66,67").

    With `places`, a half rounds up, as taught at school (62.5 -> "63" with places=0), not to the even
    neighbour (Python's default). None gives `empty`. The exponent form of Decimal (1E+1) never shows: 10 stays "10"; nor does a
    negative zero (-0.00 is "0").
    """
    if value is None:
        return empty
    number = value if isinstance(value, Decimal) else Decimal(str(value))
    if places is not None:
        text = f"{number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP):f}"
    else:
        # normalize() drops the trailing zeros; the "f" format writes 1E+1 as 10.
        text = f"{number.normalize():f}"
    if text.startswith("-") and not text.strip("-0.,"):
        text = text[1:]
    return text.replace(".", ",")
