"""Permission-matrix expectations for the term workspace (congress/urls_workspace.py).

Format: tests/access/expect.py. Read pages (committee, targets, assignments) are
for every role of the branch; history pages for those who read the whole branch
(they name who changed what); every change, and the spreadsheet exports of the
committee and the targets, for the Secretary, the Deputy and editor officers. Progress on a target is also open to the committee member
responsible for it: `s.target` is the first target of the term, the admission
target, whose responsible is Đặng Tuyết Hằng (the `committee` login) in the
demo branch. tests/congress/test_workspace_views.py checks that the same member
is refused on a target someone else is responsible for.

The term is chosen with ?nhiem-ky=; without it, the branch's current term.
"""

from tests.access.expect import COMMITTEE, EDITORS, EVERYONE, READ_ALL, Expect, branch, get_and_post


def _seat(s):
    return {"slug": s.slug, "pk": s.seat.pk}


def _target(s):
    return {"slug": s.slug, "pk": s.target.pk}


RECORDS_PROGRESS = EDITORS | {COMMITTEE}

EXPECTATIONS = {
    "terms:committee": Expect(kwargs=branch, allowed=EVERYONE),
    "terms:committee_export": Expect(kwargs=branch, allowed=EDITORS),
    "terms:seat_add": get_and_post(branch, get=EDITORS, post=EDITORS),
    "terms:seat_end": get_and_post(_seat, get=EDITORS, post=EDITORS),
    "terms:seat_role": get_and_post(_seat, get=EDITORS, post=EDITORS),
    "terms:seat_history": Expect(kwargs=_seat, allowed=READ_ALL),
    "terms:assignments": get_and_post(branch, get=EVERYONE, post=EDITORS),
    "terms:targets": Expect(kwargs=branch, allowed=EVERYONE),
    "terms:targets_export": Expect(kwargs=branch, allowed=EDITORS),
    "terms:target_add": get_and_post(branch, get=EDITORS, post=EDITORS),
    "terms:target_edit": get_and_post(_target, get=EDITORS, post=EDITORS),
    "terms:target_delete": get_and_post(_target, get=EDITORS, post=EDITORS),
    "terms:target_history": Expect(kwargs=_target, allowed=READ_ALL),
    "terms:progress_add": get_and_post(_target, get=RECORDS_PROGRESS, post=RECORDS_PROGRESS),
}
