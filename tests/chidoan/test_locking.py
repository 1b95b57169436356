"""chidoan.lib.locking: a second person's save never silently overwrites the first's."""

from __future__ import annotations

import datetime

import pytest
from django import forms
from django.db import transaction

from chidoan.lib.forms import version_field
from chidoan.lib.locking import (
    STALE_MESSAGE,
    Change,
    StaleEditError,
    changes_meanwhile,
    lock_versions,
    refuse_stale,
    save_if_unchanged,
)
from members.models import Gender, Member
from tests.members.factories import MemberFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def member() -> Member:
    return MemberFactory(phone="0901 000 001", email="", gender=Gender.FEMALE)


def stored(member: Member) -> Member:
    return Member.objects.get(pk=member.pk)


def someone_else_saves(member: Member, **fields: object) -> None:
    other = stored(member)
    for name, value in fields.items():
        setattr(other, name, value)
    save_if_unchanged(other, expected_version=other.version)


# save_if_unchanged ------------------------------------------------------------


def test_a_save_on_the_version_the_form_was_opened_on_goes_through_and_bumps_it(member):
    opened_on = member.version
    member.phone = "0901 000 002"
    save_if_unchanged(member, expected_version=opened_on)
    assert (stored(member).phone, stored(member).version) == ("0901 000 002", opened_on + 1)
    assert member.version == opened_on + 1  # the object in hand matches the row


def test_a_save_on_an_older_version_is_refused_and_changes_nothing(member):
    opened_on = member.version
    someone_else_saves(member, phone="0901 000 009")
    member.phone = "0901 000 002"
    with pytest.raises(StaleEditError) as refused:
        save_if_unchanged(member, expected_version=opened_on)
    assert refused.value.code == "stale"
    assert (stored(member).phone, stored(member).version) == ("0901 000 009", opened_on + 1)


def test_a_second_save_of_the_same_form_is_refused(member):
    """Submitting twice (a double click, a back button) with the version the form was opened on."""
    opened_on = member.version
    member.phone = "0901 000 002"
    save_if_unchanged(member, expected_version=opened_on)
    with pytest.raises(StaleEditError):
        save_if_unchanged(member, expected_version=opened_on)


def test_update_fields_saves_only_those_fields_and_the_version(member):
    member.phone = "0901 000 002"
    member.email = "khong-luu@example.org"
    save_if_unchanged(member, expected_version=member.version, update_fields=["phone"])
    fresh = stored(member)
    assert (fresh.phone, fresh.email, fresh.version) == ("0901 000 002", "", 2)


# lock_versions ----------------------------------------------------------------


def test_a_page_of_rows_saves_when_none_moved_on():
    branch = OrganisationFactory()
    rows = MemberFactory.create_batch(3, branch=branch)
    with transaction.atomic():
        lock_versions(Member.objects.filter(branch=branch), {m.pk: m.version for m in rows})


def test_a_page_of_rows_is_refused_when_one_moved_on():
    branch = OrganisationFactory()
    rows = MemberFactory.create_batch(3, branch=branch)
    expected = {m.pk: m.version for m in rows}
    someone_else_saves(rows[1], phone="0901 000 009")
    with pytest.raises(StaleEditError), transaction.atomic():
        lock_versions(Member.objects.filter(branch=branch), expected)


def test_a_page_of_rows_is_refused_when_one_is_gone_or_outside_the_queryset():
    branch = OrganisationFactory()
    rows = MemberFactory.create_batch(2, branch=branch)
    stranger = MemberFactory()  # another branch: not among the rows the page may change
    expected = {m.pk: m.version for m in [*rows, stranger]}
    with pytest.raises(StaleEditError), transaction.atomic():
        lock_versions(Member.objects.filter(branch=branch), expected)


# What changed meanwhile, and the refusal on the form ------------------------------


class ContactForm(forms.ModelForm):
    version = version_field()

    class Meta:
        model = Member
        fields = ["phone", "email", "gender"]


def test_changes_meanwhile_lists_the_fields_that_differ_with_their_labels_and_choice_names(member):
    someone_else_saves(member, phone="0901 000 009", gender=Gender.OTHER)
    typed = {"phone": "0901 000 002", "email": "", "gender": Gender.MALE, "not_a_field": "x"}
    assert changes_meanwhile(member, typed, ["phone", "email", "gender", "not_a_field"]) == [
        Change("điện thoại", "0901 000 009", "0901 000 002"),
        Change("giới tính", "Khác", "Nam"),
    ]


def test_refuse_stale_shows_what_changed_and_moves_the_form_to_the_new_version(member):
    opened_on = member.version
    form = ContactForm(
        {"phone": "0901 000 002", "email": "moi@example.org", "gender": Gender.FEMALE, "version": str(opened_on)},
        instance=member,
    )
    assert form.is_valid()
    someone_else_saves(member, phone="0901 000 009")
    with pytest.raises(StaleEditError) as refused:
        save_if_unchanged(form.save(commit=False), expected_version=form.cleaned_data["version"])

    changed = refuse_stale(form, member, refused.value)

    assert changed == [Change("điện thoại", "0901 000 009", "0901 000 002"), Change("email", "", "moi@example.org")]
    assert form.non_field_errors() == [STALE_MESSAGE]
    assert form.data["version"] == str(opened_on + 1)
    assert form.data["phone"] == "0901 000 002"  # the user's typing is kept


def test_refuse_stale_can_be_limited_to_some_fields(member):
    form = ContactForm(
        {"phone": "0901 000 002", "email": "moi@example.org", "gender": Gender.FEMALE, "version": "1"}, instance=member
    )
    assert form.is_valid()
    someone_else_saves(member, phone="0901 000 009")
    assert refuse_stale(form, member, StaleEditError(STALE_MESSAGE), fields=["email"]) == [
        Change("email", "", "moi@example.org")
    ]


def test_a_second_save_after_the_refusal_goes_through(member):
    """The refused form now carries the new version: saving it again, knowingly, overwrites."""
    form = ContactForm({"phone": "0901 000 002", "email": "", "gender": Gender.FEMALE, "version": "1"}, instance=member)
    assert form.is_valid()
    someone_else_saves(member, phone="0901 000 009")
    refuse_stale(form, member, StaleEditError(STALE_MESSAGE))
    again = ContactForm(form.data, instance=stored(member))
    assert again.is_valid(), again.errors
    save_if_unchanged(again.save(commit=False), expected_version=again.cleaned_data["version"])
    assert stored(member).phone == "0901 000 002"


class DetailsForm(forms.ModelForm):
    version = version_field()

    class Meta:
        model = Member
        fields = ["date_of_birth", "is_party_member"]


def test_what_changed_is_written_as_the_pages_write_it(member):
    """Dates as 20/08/1996 and yes/no in words, as on the history page, not 1996-08-20 and True."""
    form = DetailsForm({"date_of_birth": "1996-08-20", "is_party_member": "", "version": "1"}, instance=member)
    assert form.is_valid(), form.errors
    someone_else_saves(member, date_of_birth=datetime.date(1996, 8, 21), is_party_member=True)
    assert refuse_stale(form, member, StaleEditError(STALE_MESSAGE)) == [
        Change("ngày sinh", "21/08/1996", "20/08/1996"),
        Change("đảng viên", "Có", "Không"),
    ]
