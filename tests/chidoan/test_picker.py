"""chidoan.lib.picker: the field shows the chosen and at most 20 matches, validates against its set, and a
"Tìm" sends the form back unsaved."""

from __future__ import annotations

from django import forms
from django.http import QueryDict

from chidoan.lib.picker import LIMIT, MemberMultiplePickerField, MemberPickerField, PickerFormMixin, matches
from members.models import Member
from tests.members.helpers import add_members


def make_form(branch, data=None):
    allowed = Member.objects.filter(branch=branch).in_name_order()

    class Form(PickerFormMixin, forms.Form):
        member = MemberPickerField(queryset=allowed, url="/tim/")
        members = MemberMultiplePickerField(queryset=allowed, required=False)
        note = forms.CharField(required=False)

    return Form(data)


def test_the_field_renders_the_chosen_and_twenty_matches_never_the_whole_branch(demo_branch):
    added = add_members(demo_branch, 30)
    chosen = added[-1]
    form = make_form(demo_branch, QueryDict(f"member={chosen.pk}&member-q=nguyen+van+thu&member-tim=1"))
    html = str(form["member"])
    assert html.count('type="radio" name=') == LIMIT + 1  # the chosen one, then twenty matches
    assert f'value="{chosen.pk}" id="id_member-{chosen.pk}" checked' in html
    assert 'data-url="/tim/"' in html and 'value="nguyen van thu"' in html
    assert "Đặng Tuyết Hằng" not in html  # not a match


def test_matches_are_accent_free_and_say_when_there_are_more(demo_branch):
    add_members(demo_branch, 25)
    branch = Member.objects.filter(branch=demo_branch).in_name_order()
    found, more = matches(branch, "thu0")
    assert len(found) == 20 and more
    found, more = matches(branch, "dang tuyet")
    assert [m.full_name for m in found] == ["Đặng Tuyết Hằng"] and not more


def test_a_member_outside_the_set_or_a_bad_value_is_refused(demo_branch, db):
    stranger = Member.objects.exclude(branch=demo_branch).first()
    for value in (stranger.pk, "abc", ""):
        form = make_form(demo_branch, QueryDict(f"member={value}"))
        assert not form.is_valid() and "member" in form.errors
    form = make_form(demo_branch, QueryDict(f"member={Member.objects.filter(branch=demo_branch).first().pk}"))
    assert form.is_valid()
    mine = Member.objects.filter(branch=demo_branch)[:2]
    form = make_form(demo_branch, QueryDict(f"member={mine[0].pk}&members={mine[1].pk}&members={stranger.pk}"))
    assert not form.is_valid() and "members" in form.errors


def test_tim_is_never_valid_shows_no_errors_and_keeps_what_was_entered(demo_branch):
    form = make_form(demo_branch, QueryDict("members-q=hang&members-tim=1&note=gi%E1%BB%AF"))
    assert form.searching
    assert not form.is_valid() and not form.errors
    assert 'value="giữ"' in str(form["note"])
    assert "Đặng Tuyết Hằng" in str(form["members"])


def test_an_unbound_form_takes_the_typed_text_from_a_page_address(demo_branch):
    form = make_form(demo_branch)
    form.search_from(QueryDict("member-q=tuyet"))
    html = str(form["member"])
    assert "Đặng Tuyết Hằng" in html and html.count('type="radio" name=') == 1
