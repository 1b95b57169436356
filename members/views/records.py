"""One member: the record, admission, edits, status changes, deletion and history."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from chidoan.lib.access import get_branch_for_user
from chidoan.lib.history import HistorySource, history_entries, paginate_history
from chidoan.lib.locking import StaleEditError
from members import selectors, services
from members.forms import (
    ContactForm,
    EntryKind,
    MemberAddForm,
    MemberEditForm,
    StatusChangeForm,
)
from members.models import Member, MemberRating, MemberStatus, MemberStatusChange
from members.views.common import add_service_errors, member_of_branch

ONE_TIME_PASSWORD_SESSION_KEY = "members_one_time_password"


@require_GET
@login_required
def member_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
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
            "can_edit_contact": access.can_edit_member_contact(member),
            "delete_blockers": services.member_delete_blockers(member) if access.can_edit else [],
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def member_add(request: HttpRequest, slug: str) -> HttpResponse:
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
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Đã thêm đoàn viên %(name)s.") % {"name": member.full_name})
            return redirect("members:detail", slug=slug, pk=member.pk)
    return render(request, "members/form.html", {"access": access, "form": form, "title": _("Thêm đoàn viên")})


def _changed_meanwhile(member: Member, submitted: dict, fields: list[str]) -> list[tuple[str, str, str]]:
    """The fields whose saved value differs from what the user typed: (label, saved, typed)."""
    fresh = Member.objects.get(pk=member.pk)
    rows = []
    for name in fields:
        saved, typed = getattr(fresh, name), submitted.get(name)
        if saved != typed:
            field = Member._meta.get_field(name)
            if field.choices:
                saved = dict(field.flatchoices).get(saved, saved)
                typed = dict(field.flatchoices).get(typed, typed)
            rows.append(
                (str(field.verbose_name), "" if saved is None else str(saved), "" if typed is None else str(typed))
            )
    return rows


def _stale(request: HttpRequest, form, member: Member, fields: list[str], error: StaleEditError) -> list:
    """Refuse the save, show what changed meanwhile, and let the user save again over the new version."""
    changed = _changed_meanwhile(member, form.cleaned_data, fields)
    form.add_error(None, error.messages[0])
    data = form.data.copy()
    data["version"] = Member.objects.filter(pk=member.pk).values_list("version", flat=True).get()
    form.data = data
    return changed


@require_http_methods(["GET", "POST"])
@login_required
def member_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    access = get_branch_for_user(request, slug, write=True)
    member = member_of_branch(access, pk)
    form = MemberEditForm(request.POST or None, instance=Member.objects.get(pk=member.pk))
    changed = None
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        try:
            services.member_update(member=member, expected_version=version, **data)
        except StaleEditError as exc:
            changed = _stale(request, form, member, list(data), exc)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Đã lưu thông tin đoàn viên %(name)s.") % {"name": member.full_name})
            return redirect("members:detail", slug=slug, pk=member.pk)
    return render(
        request,
        "members/form.html",
        {"access": access, "form": form, "member": member, "changed": changed, "title": _("Sửa thông tin đoàn viên")},
    )


@require_http_methods(["GET", "POST"])
@login_required
def member_contact(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """A member changes their own phone, e-mail, address and workplace."""
    access = get_branch_for_user(request, slug)
    member = member_of_branch(access, pk)
    if not access.can_edit_member_contact(member):
        raise PermissionDenied
    form = ContactForm(request.POST or None, instance=Member.objects.get(pk=member.pk))
    changed = None
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        try:
            services.member_update(member=member, expected_version=version, fields=services.CONTACT_FIELDS, **data)
        except StaleEditError as exc:
            changed = _stale(request, form, member, list(data), exc)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Đã lưu thông tin liên hệ."))
            return redirect("members:detail", slug=slug, pk=member.pk)
    return render(
        request,
        "members/form.html",
        {"access": access, "form": form, "member": member, "changed": changed, "title": _("Thông tin liên hệ")},
    )


@require_http_methods(["GET", "POST"])
@login_required
def member_status_change(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Chuyển sinh hoạt, trưởng thành Đoàn, rời chi đoàn, xóa tên (or back in): a dated record."""
    access = get_branch_for_user(request, slug, write=True)
    member = member_of_branch(access, pk)
    today = timezone.localdate()
    active = Member.objects.filter(pk=member.pk).active_on(today).exists()
    form = StatusChangeForm(request.POST or None, returning=not active, initial={"on": today})
    if request.method == "POST" and form.is_valid():
        try:
            change = services.member_change_status(member=member, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("Đã ghi nhận: %(kind)s ngày %(date)s.")
                % {"kind": change.get_kind_display(), "date": f"{change.on:%d/%m/%Y}"},
            )
            return redirect("members:detail", slug=slug, pk=member.pk)
    return render(
        request,
        "members/status_change.html",
        {"access": access, "form": form, "member": member, "active": active},
    )


@require_http_methods(["GET", "POST"])
@login_required
def member_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Only a record entered by mistake is deleted; a member with a history is ended instead."""
    access = get_branch_for_user(request, slug, write=True)
    member = member_of_branch(access, pk)
    blockers = services.member_delete_blockers(member)
    if request.method == "POST":
        try:
            services.member_delete(member=member)
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
            return redirect("members:delete", slug=slug, pk=member.pk)
        messages.success(request, _("Đã xóa đoàn viên %(name)s.") % {"name": member.full_name})
        return redirect("members:list", slug=slug)
    return render(request, "members/delete.html", {"access": access, "member": member, "blockers": blockers})


def _status_label(record) -> str:
    return _("Tình trạng: %(kind)s ngày %(date)s") % {
        "kind": record.get_kind_display(),
        "date": f"{record.on:%d/%m/%Y}",
    }


def _rating_label(record) -> str:
    return _("Xếp loại năm %(year)s") % {"year": record.year}


@require_GET
@login_required
def member_history(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    access = get_branch_for_user(request, slug)
    member = member_of_branch(access, pk)
    if not access.can_see_member(member):
        raise PermissionDenied
    entries = history_entries(
        HistorySource(Member.history.filter(id=member.pk), label=lambda r: _("Thông tin đoàn viên")),
        HistorySource(MemberStatusChange.history.filter(member_id=member.pk), label=_status_label),
        HistorySource(MemberRating.history.filter(member_id=member.pk), label=_rating_label),
    )
    return render(
        request,
        "members/history.html",
        {"access": access, "member": member, "history": paginate_history(request, entries)},
    )
