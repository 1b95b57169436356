"""Permission-matrix expectations: the organisation pages (to-chuc/<slug>/) and opening a branch's term.

Format: tests/access/expect.py. The matrix's slugs are branches', so these rows say who may
do what on a branch as an organisation: its readers see its page and settings, its own
editors (Secretary, Deputy) change its document lines only; renaming, moving, closing it,
opening organisations below it and officer rights belong to an editor officer above it,
which no matrix role is (tests/members/test_organisation_views.py checks those, with
`bantochuc` and a second province).
"""

from tests.access.expect import EDITORS, READ_ALL, Expect, Side, branch, get_and_post

NOBODY: frozenset[str] = frozenset()


def prepare(side: Side) -> None:
    """An officer right on each branch, for the page that withdraws one."""
    from django.contrib.auth import get_user_model

    from members.models import OrganisationOfficer

    user = get_user_model().objects.create_user(username=f"matrix-{side.slug}", password="x")
    side.grant = OrganisationOfficer.objects.create(user=user, organisation=side.branch)


def _grant(s: Side) -> dict:
    return {"slug": s.slug, "pk": s.grant.pk}


EXPECTATIONS = {
    "organisations:detail": Expect(kwargs=branch, allowed=READ_ALL),
    "organisations:add": get_and_post(branch, get=NOBODY, post=NOBODY),
    "organisations:edit": get_and_post(branch, get=NOBODY, post=NOBODY),
    "organisations:move": get_and_post(branch, get=NOBODY, post=NOBODY),
    "organisations:close": get_and_post(branch, get=NOBODY, post=NOBODY),
    "organisations:settings": get_and_post(branch, get=READ_ALL, post=EDITORS),
    "organisations:grants": get_and_post(branch, get=NOBODY, post=NOBODY),
    "organisations:grant_withdraw": get_and_post(_grant, get=NOBODY, post=NOBODY),
    "terms:term_open": get_and_post(branch, get=EDITORS, post=EDITORS),
}
