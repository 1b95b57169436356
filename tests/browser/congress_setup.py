"""Set a branch's congress up through the services, for the browser walks whose subject comes later in the day.

What this does without the browser is clicked through, page by page, by test_congress_day.py's
`test_a_small_branch_holds_its_congress_from_attendance_to_the_new_term`: the preparation form, the
summons, the opening, the check-in desk and the three bodies chosen with the member picker and approved
by show of hands (and, on the demo, by `test_bithu_holds_the_demo_congress_2024_2027_from_start_to_finish`).
"""

from __future__ import annotations

import datetime

from django.urls import reverse


def congress_in_session(
    slug: str,
    *,
    held_on: datetime.date,
    new_term_ends_on: datetime.date,
    present: list[str],
    bodies: dict[str, list[str]],
) -> str:
    """The congress closing the branch's term, held on `held_on` (its new term starting that day): the
    active members summoned, the day opened, `present` checked in, each body of `bodies` (kind: names, the
    first one heading it) approved by every hand. Returns the congress page's path."""
    from congress import services
    from congress.models import AttendanceStatus
    from members.models import Member, Organisation

    branch = Organisation.objects.get(slug=slug)
    congress = services.congress_prepare(
        term=branch.terms.get(), held_on=held_on, new_term_starts_on=held_on, new_term_ends_on=new_term_ends_on
    )
    services.congress_summon(congress=congress)
    services.congress_open(congress=congress)
    attendances = {a.member.full_name: a for a in congress.attendances.select_related("member")}
    for name in present:
        services.attendance_set(attendance=attendances[name], status=AttendanceStatus.PRESENT)
    members = {m.full_name: m for m in Member.objects.filter(branch=branch)}
    for kind, names in bodies.items():
        chosen = [members[name] for name in names]
        body = services.body_set_members(congress=congress, kind=kind, members=chosen, head=chosen[0])
        services.body_approve(body=body, votes_for=len(present), votes_against=0, votes_abstain=0)
    return reverse("congress:detail", kwargs={"slug": slug, "pk": congress.pk})


def check_in_quietly(slug: str, names: list[str]) -> None:
    """`names` checked in at another desk of the demo congress (through the service)."""
    from congress import services
    from congress.models import AttendanceStatus, Congress

    congress = Congress.objects.get(closes_term__branch__slug=slug)
    attendances = {a.member.full_name: a for a in congress.attendances.select_related("member")}
    for name in names:
        services.attendance_set(attendance=attendances[name], status=AttendanceStatus.PRESENT)
