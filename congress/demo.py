"""Demo data, congress part: the next congress of the seed's branch, for the term 2024–2027 (dữ liệu mẫu)."""

from __future__ import annotations

import datetime

from congress.models import Congress
from terms.models import Term

D = datetime.date


def load_congress(term: Term) -> Congress:
    """The congress that closes the demo term, prepared but not yet summoned."""
    congress = Congress(
        closes_term=term,
        new_term_starts_on=D(2024, 8, 20),
        new_term_ends_on=D(2027, 2, 19),
        held_on=D(2024, 8, 20),
        starts_at=datetime.time(8, 0),
        place="Hội trường Sở Lao động – Thương binh và Xã hội (dữ liệu mẫu)",
    )
    congress.full_clean()
    congress.save()
    return congress
