"""The morning after the congress (issue 10): the new Secretary and Deputy can sign in and edit.

The handover gives them logins when they have none (one-time passwords shown once to the person
confirming, through members.services.account_grant as "Cấp tài khoản" does) and refuses to complete
while the new term would have nobody able to sign in and edit.
"""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError

from chidoan.lib.access import Role, branch_access_by_slug
from congress import services
from members.models import AccountEvent, AccountEventKind, AccountState
from terms.models import Term
from tests.congress.helpers import by_name, outgoing_secretary, run_whole_day
from tests.congress.test_day_views import url

NEW_SECRETARY, NEW_DEPUTY = "Đinh Thị Mai", "Bùi Ngọc Ánh"  # members of the demo branch without a login


@pytest.fixture
def decided(congress):
    """The demo congress ready for the handover, electing a Secretary and a Deputy who have no login."""
    names = by_name(congress.branch)
    assert names[NEW_SECRETARY].user is None and names[NEW_DEPUTY].user is None
    return run_whole_day(congress, secretary=NEW_SECRETARY, deputy=NEW_DEPUTY)


def test_the_handover_gives_the_new_secretary_and_deputy_logins_they_can_edit_with(decided, demo_branch):
    handover = services.congress_handover(congress=decided, by=outgoing_secretary())

    assert sorted(given.member.full_name for given in handover.logins) == sorted([NEW_SECRETARY, NEW_DEPUTY])
    names = by_name(demo_branch)
    for given in handover.logins:
        member = names[given.member.full_name]
        assert member.user is not None and member.user.username == given.username
        assert member.user.check_password(given.password)
        assert AccountState.objects.get(user=member.user).must_change_password
        assert AccountEvent.objects.filter(member=member, kind=AccountEventKind.GRANTED).exists()
    assert branch_access_by_slug(names[NEW_SECRETARY].user, demo_branch.slug).role == Role.SECRETARY
    assert branch_access_by_slug(names[NEW_DEPUTY].user, demo_branch.slug).can_edit
    # The outgoing Secretary confirmed and no longer edits.
    assert not branch_access_by_slug(outgoing_secretary(), demo_branch.slug).can_edit


def test_a_new_secretary_who_signs_in_already_is_given_nothing(congress):
    congress = run_whole_day(congress)  # the outgoing Secretary and Deputy, re-elected, have logins
    handover = services.congress_handover(congress=congress, by=outgoing_secretary())
    assert handover.logins == []


def test_the_handover_is_refused_while_nobody_of_the_new_term_could_sign_in_and_edit(decided):
    names = by_name(decided.branch)
    User = get_user_model()
    for i, name in enumerate([NEW_SECRETARY, NEW_DEPUTY]):
        # A locked administrator's login: the branch may not give it back.
        user = User.objects.create(username=f"quantri{i}", is_staff=True, is_active=False)
        names[name].user = user
        names[name].save(update_fields=["user"])
    terms = Term.objects.count()

    assert any("không có ai đăng nhập" in p for p in services.handover_problems(decided, by=outgoing_secretary()))
    with pytest.raises(ValidationError, match="không có ai đăng nhập"):
        services.congress_handover(congress=decided, by=outgoing_secretary())
    decided.refresh_from_db()
    assert decided.opens_term is None
    assert Term.objects.count() == terms
    assert not User.objects.filter(username__startswith="quantri", is_active=True).exists()


def test_the_passwords_are_shown_once_to_the_person_confirming(client, roles, decided):
    client.force_login(roles.secretary)
    page = client.get(url("handover", decided)).content.decode()
    assert "Sẽ cấp tài khoản đăng nhập" in page and NEW_SECRETARY in page

    shown = client.post(url("handover", decided), follow=True).content.decode()
    names = by_name(decided.branch)
    assert 'data-testid="handover-logins"' in shown
    for name in (NEW_SECRETARY, NEW_DEPUTY):
        assert names[name].user.username in shown
    again = client.get(url("detail", decided)).content.decode()
    assert 'data-testid="handover-logins"' not in again
