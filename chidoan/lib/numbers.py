"""Numbers written the Vietnamese way: a comma before the decimals, no trailing zeros (85.50 -> "85,5")."""

from __future__ import annotations

from decimal import Decimal


def vn_number(value: Decimal | int | float | None, *, places: int | None = None, empty: str = "") -> str:
    """`value` as a reader expects it: 85.00 -> "85", 2.5 -> "2,5"; `places` fixes the decimals (66.666 -> "66,67").

    None gives `empty`. The exponent form of Decimal (1E+1) never shows: 10 stays "10".
    """
    if value is None:
        return empty
    if places is not None:
        text = f"{Decimal(str(value)):.{places}f}"
    else:
        number = value if isinstance(value, Decimal) else Decimal(str(value))
        text = f"{number.normalize():f}"
    if "." in text and places is None:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",")
