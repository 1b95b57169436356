"""One member's record: the page, admission or joining, the Secretary's edit, the member's contact, deletion."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from chidoan.lib.access import Access, get_branch_for_user
from chidoan.lib.forms import add_service_error
from chidoan.lib.locking import Change, StaleEditError, refuse_stale
from members import selectors, services
from members.forms import ContactForm, EntryKind, MemberAddForm, MemberEditForm
from members.models import CONTACT_FIELDS, Member, MemberStatus
from members.views.account import ONE_TIME_PASSWORD_SESSION_KEY, account_actions
from members.views.common import SignedInRequest, confirmed, member_of_branch


@require_GET
@login_required
def member_detail(request: SignedInRequest, slug: str, pk: int) -> HttpResponse:
    access = get_branch_for_user(request, slug)
    today = timezone.localdate()
    try:
        member = selectors.member_detail(branch=access.branch, pk=pk, on=today)
    except Member.DoesNotExist:
        raise Http404 from None
    if not access.can_see_member(member):
        raise PermissionDenied
    status = selectors.status_of(member)
    one_time = None
    shown = request.session.get(ONE_TIME_PASSWORD_SESSION_KEY)
    if shown and shown.get("member") == member.pk and access.can_edit:
        # Shown once: gone from the session as soon as this page has it.
        one_time = request.session.pop(ONE_TIME_PASSWORD_SESSION_KEY)
    account_state = getattr(member.user, "account_state", None) if member.user else None
    return render(
        request,
        "members/detail.html",
        {
            "access": access,
            "member": member,
            "status": status,
            "status_label": MemberStatus(status).label if status else "",
            "is_active": status == MemberStatus.ACTIVE,
            "age": member.age_on(today),
            "over_age": status == MemberStatus.ACTIVE and member.is_over_age_on(today),
            "one_time": one_time,
            "account_state": account_state,
            "account_actions": account_actions(access, member, by=request.user),
            "can_edit_contact": access.can_edit_member_contact(member),
            "delete_blockers": selectors.member_delete_blockers(member) if access.can_edit else [],
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def member_add(request: SignedInRequest, slug: str) -> HttpResponse:
    """Kết nạp or chuyển đến: the member and their first status record, saved together."""
    access = get_branch_for_user(request, slug, write=True)
    form = MemberAddForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        entry, joined_on, came_from = data.pop("entry"), data.pop("joined_on"), data.pop("came_from")
        try:
            if entry == EntryKind.TRANSFER_IN:
                member = services.member_transfer_in(
                    branch=access.branch, joined_on=joined_on, came_from=came_from, by=request.user, **data
                )
            else:
                member = services.member_admit(branch=access.branch, by=request.user, **data)
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("Đã thêm đoàn viên %(name)s.") % {"name": member.full_name})
            return redirect("members:detail", slug=slug, pk=member.pk)
    return render(request, "members/form.html", {"access": access, "form": form, "title": _("Thêm đoàn viên")})


def _edit_page(
    request: SignedInRequest,
    access: Access,
    member: Member,
    form: MemberEditForm | ContactForm,
    *,
    fields: tuple[str, ...] | None,
    done: Callable[[Member], str],
    title: str,
) -> HttpResponse:
    """The edit and contact pages: save and go back to the record, or show the form again with why.

    A save over someone else's shows what they changed (includes/_stale_edit.html) and may be sent again.
    """
    changed: list[Change] | None = None
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        try:
            services.member_update(member=member, expected_version=version, fields=fields, **data)
        except StaleEditError as exc:
            changed = refuse_stale(form, member, exc)
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, done(member))
            return redirect("members:detail", slug=access.branch.slug, pk=member.pk)
    context = {"access": access, "form": form, "member": member, "changed": changed, "title": title}
    return render(request, "members/form.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def member_edit(request: SignedInRequest, slug: str, pk: int) -> HttpResponse:
    access = get_branch_for_user(request, slug, write=True)
    member = member_of_branch(access, pk)
    # The form works on its own copy: the page's heading keeps the saved name until the save succeeds.
    form = MemberEditForm(request.POST or None, instance=Member.objects.get(pk=member.pk))
    return _edit_page(
        request,
        access,
        member,
        form,
        fields=None,
        done=lambda saved: _("Đã lưu thông tin đoàn viên %(name)s.") % {"name": saved.full_name},
        title=_("Sửa thông tin đoàn viên"),
    )


@require_http_methods(["GET", "POST"])
@login_required
def member_contact(request: SignedInRequest, slug: str, pk: int) -> HttpResponse:
    """A member changes their own phone, e-mail, address and workplace."""
    access = get_branch_for_user(request, slug)
    member = member_of_branch(access, pk)
    if not access.can_edit_member_contact(member):
        raise PermissionDenied
    form = ContactForm(request.POST or None, instance=Member.objects.get(pk=member.pk))
    return _edit_page(
        request,
        access,
        member,
        form,
        fields=CONTACT_FIELDS,
        done=lambda _saved: _("Đã lưu thông tin liên hệ."),
        title=_("Thông tin liên hệ"),
    )


@require_http_methods(["GET", "POST"])
@login_required
def member_delete(request: SignedInRequest, slug: str, pk: int) -> HttpResponse:
    """Only a record entered by mistake is deleted; a member with a history is ended instead."""
    access = get_branch_for_user(request, slug, write=True)
    member = member_of_branch(access, pk)
    if request.method == "POST":
        done = _("Đã xóa đoàn viên %(name)s.") % {"name": member.full_name}
        if confirmed(request, lambda: services.member_delete(member=member), done=done):
            return redirect("members:list", slug=slug)
        return redirect("members:delete", slug=slug, pk=member.pk)
    blockers = selectors.member_delete_blockers(member)
    return render(request, "members/delete.html", {"access": access, "member": member, "blockers": blockers})
