"""Permission-matrix expectations for the congress day (congress:*) and its documents
(reports:congress_minutes, counting_record, congress_resolution, congress_delegation, ballots).

Every branch role reads the congress and its documents; only those who run it (the
Secretary, the Deputy) change anything or print ballot papers. Format: tests/access/expect.py.
"""

from __future__ import annotations

from tests.access.expect import EDITORS, EVERYONE, Expect, Side, branch, get_and_post


def prepare(side: Side) -> None:
    """Give each branch's congress one of everything the day's URLs point at (ORM only: no rules needed)."""
    from congress import models as day
    from terms.models import TargetKind

    congress = side.congress
    side.item = day.ProgrammeItem.objects.create(congress=congress, position=1, title="Khai mạc")
    side.attendance = day.Attendance.objects.create(congress=congress, member=side.other_member)
    side.guest = day.Guest.objects.create(congress=congress, name="Khách mời thử")
    side.election = day.Election.objects.create(
        congress=congress,
        kind=day.ElectionKind.SECRETARY,
        elected_by=day.ElectedBy.CONGRESS,
        seats=1,
        status=day.ElectionStatus.VOTING,
    )
    side.candidate = day.Candidate.objects.create(
        election=side.election, member=side.other_member, source=day.CandidateSource.FLOOR
    )
    side.round = day.BallotRound.objects.create(election=side.election, number=1, seats=1, voters=1)
    day.RoundCount.objects.create(round=side.round, candidate=side.candidate)
    side.draft_target = day.DraftTarget.objects.create(
        congress=congress, name="kết nạp đoàn viên mới", kind=TargetKind.NUMBER, planned_value=1
    )


def _congress(s: Side) -> dict:
    return {"slug": s.slug, "pk": s.congress.pk}


def _election(s: Side) -> dict:
    return {**_congress(s), "election_pk": s.election.pk}


def read(kwargs) -> Expect:
    return Expect(kwargs=kwargs, allowed=EVERYONE)


def post(kwargs) -> Expect:
    """A change by POST (GET answers 405): editors only."""
    return Expect(kwargs=kwargs, allowed=EDITORS, method="POST")


def form(kwargs) -> tuple[Expect, Expect]:
    """A form or confirmation page: GET and POST, editors only."""
    return get_and_post(kwargs, get=EDITORS, post=EDITORS)


EXPECTATIONS = {
    "congress:list": read(branch),
    "congress:create": form(branch),
    "congress:detail": read(_congress),
    "congress:edit": form(_congress),
    "congress:programme": form(_congress),
    "congress:item_notes": form(lambda s: {**_congress(s), "item_pk": s.item.pk}),
    "congress:attendance": read(_congress),
    "congress:quorum": read(_congress),
    "congress:summon": post(_congress),
    "congress:summons_add": post(_congress),
    "congress:checkin": post(lambda s: {**_congress(s), "att_pk": s.attendance.pk}),
    "congress:summons_remove": form(lambda s: {**_congress(s), "att_pk": s.attendance.pk}),
    "congress:guest_add": post(_congress),
    "congress:guest_remove": form(lambda s: {**_congress(s), "guest_pk": s.guest.pk}),
    "congress:open": post(_congress),
    "congress:body": (
        read(lambda s: {**_congress(s), "kind": "presidium"}),
        Expect(kwargs=lambda s: {**_congress(s), "kind": "presidium"}, allowed=EDITORS, method="POST"),
    ),
    "congress:body_vote": post(lambda s: {**_congress(s), "kind": "presidium"}),
    "congress:election_add": form(_congress),
    "congress:election": read(_election),
    "congress:candidate_add": post(_election),
    "congress:candidate_withdraw": form(lambda s: {**_election(s), "candidate_pk": s.candidate.pk}),
    "congress:election_open": post(_election),
    "congress:count": post(lambda s: {**_election(s), "round_pk": s.round.pk}),
    "congress:next_round": post(_election),
    "congress:leave_vacant": post(_election),
    "congress:resolution": read(_congress),
    "congress:target_add": post(_congress),
    "congress:target_remove": form(lambda s: {**_congress(s), "target_pk": s.draft_target.pk}),
    "congress:resolution_vote": post(_congress),
    "congress:handover": form(_congress),
    "reports:congress_minutes": read(_congress),
    "reports:congress_minutes_pdf": read(_congress),
    "reports:congress_resolution": read(_congress),
    "reports:congress_resolution_pdf": read(_congress),
    "reports:congress_delegation": read(_congress),
    "reports:congress_delegation_pdf": read(_congress),
    "reports:congress_delegation_docx": read(_congress),
    "reports:counting_record": read(_election),
    "reports:counting_record_pdf": read(_election),
    "reports:ballots": Expect(kwargs=_election, allowed=EDITORS),
    "reports:ballots_pdf": Expect(kwargs=_election, allowed=EDITORS),
}
