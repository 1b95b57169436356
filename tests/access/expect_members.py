"""Permission-matrix expectations: the start page, sign-in pages of ours, the dashboard and the members pages.

Format: tests/access/expect.py. The ordinary member's "own record" rules show in
members:detail, members:contact and members:history: `s.member` is the member's
own record, so "member" is allowed there and refused for every other member
(tests/members/test_views*.py checks that refusal).
"""

from tests.access.expect import ANY_LOGIN, EDITORS, EVERYONE, MEMBER, READ_ALL, Expect, branch, get_and_post


def _member(s):
    return {"slug": s.slug, "pk": s.member.pk}


def prepare(side) -> None:
    """A finished import in each branch, for the job pages (a POST to confirm it is refused and redirects)."""
    import datetime

    from members.models import ImportJob, ImportState, Transfer, TransferState

    side.import_job = ImportJob.objects.create(
        branch=side.branch, file_name="matrix.xlsx", file_sha256="0" * 64, content=b"", state=ImportState.DONE
    )
    # A pending transfer the branch itself decides (written directly: the service refuses a branch's own).
    side.transfer = Transfer.objects.create(
        member=side.other_member,
        from_branch=side.branch,
        to_branch=side.branch,
        requested_on=datetime.date(2024, 1, 1),
        assessment="Hoàn thành nhiệm vụ.",
        dues_paid_until=datetime.date(2024, 1, 1),
    )
    # A transfer outside the installation, done when recorded, for the file that goes with its letter.
    side.transfer_out = Transfer.objects.create(
        member=side.other_member,
        from_branch=side.branch,
        to_text="Đoàn phường Bến Nghé",
        requested_on=datetime.date(2023, 1, 1),
        assessment="Hoàn thành nhiệm vụ.",
        dues_paid_until=datetime.date(2023, 1, 1),
        state=TransferState.ACCEPTED,
        decided_on=datetime.date(2023, 1, 1),
    )


def _transfer(s):
    return {"slug": s.slug, "pk": s.transfer.pk}


def _transfer_out(s):
    return {"slug": s.slug, "pk": s.transfer_out.pk}


def _job(s):
    return {"slug": s.slug, "job": s.import_job.pk}


EXPECTATIONS = {
    "home": Expect(kwargs=lambda s: {}, allowed=ANY_LOGIN, ok=frozenset({200, 302}), branch_scoped=False),
    "password_change": Expect(kwargs=lambda s: {}, allowed=ANY_LOGIN, branch_scoped=False),
    "password_change_done": Expect(kwargs=lambda s: {}, allowed=ANY_LOGIN, branch_scoped=False),
    "dashboard": Expect(kwargs=branch, allowed=EVERYONE),
    "members:list": Expect(kwargs=branch, allowed=READ_ALL),
    "members:picker": Expect(kwargs=branch, allowed=READ_ALL),
    "members:add": get_and_post(branch, get=EDITORS, post=EDITORS),
    "members:transfers": Expect(kwargs=branch, allowed=EDITORS),
    # A terms URL (accepting also ends committee seats), kept beside the other transfer pages.
    "terms:transfer_accept": Expect(kwargs=_transfer, allowed=EDITORS, method="POST", ok=frozenset({302})),
    "members:transfer_refuse": get_and_post(_transfer, get=EDITORS, post=EDITORS),
    "members:transfer_record": get_and_post(_member, get=EDITORS, post=EDITORS),
    "members:transfer_batch": get_and_post(branch, get=EDITORS, post=EDITORS),
    "members:transfer_file": Expect(kwargs=_transfer_out, allowed=EDITORS),
    "members:ratings": get_and_post(branch, get=READ_ALL, post=EDITORS),
    "members:branch_ratings": get_and_post(branch, get=READ_ALL, post=EDITORS),
    "members:export": Expect(kwargs=branch, allowed=READ_ALL),
    "members:ratings_export": Expect(kwargs=branch, allowed=EDITORS),
    "members:import": get_and_post(branch, get=EDITORS, post=EDITORS),
    "members:import_template": Expect(kwargs=branch, allowed=EDITORS),
    "members:import_job": Expect(kwargs=_job, allowed=EDITORS),
    "members:import_status": Expect(kwargs=_job, allowed=EDITORS),
    "members:import_confirm": Expect(kwargs=_job, allowed=EDITORS, method="POST", ok=frozenset({302})),
    "members:detail": Expect(kwargs=_member, allowed=READ_ALL | {MEMBER}),
    "members:history": Expect(kwargs=_member, allowed=READ_ALL | {MEMBER}),
    "members:contact": get_and_post(_member, get=EDITORS | {MEMBER}, post=EDITORS | {MEMBER}),
    "members:edit": get_and_post(_member, get=EDITORS, post=EDITORS),
    "members:status_change": get_and_post(_member, get=EDITORS, post=EDITORS),
    "members:delete": get_and_post(_member, get=EDITORS, post=EDITORS),
    "members:account_grant": get_and_post(_member, get=EDITORS, post=EDITORS),
    "members:account_revoke": get_and_post(_member, get=EDITORS, post=EDITORS),
}
