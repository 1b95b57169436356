"""The organisation pages (to-chuc/<slug>/): an organisation and those below it, opening, renaming, moving, closing.

Every view starts with `members.organisation_access.organisation_for_request` (404 for an organisation the user may not
see, 403 for what they may see but not change); writes go through
`members.services.organisations`, whose refusals are shown beside the form.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from chidoan.lib.forms import add_service_error
from chidoan.lib.locking import StaleEditError, refuse_stale
from members import services
from members.forms.organisations import (
    OrganisationCloseForm,
    OrganisationCreateForm,
    OrganisationEditForm,
    OrganisationMoveForm,
)
from members.models import Organisation, OrganisationKind
from members.organisation_access import OrganisationAccess, organisation_for_request, organisations_edited_by

GET_POST = require_http_methods(["GET", "POST"])
GET_ONLY = require_http_methods(["GET", "HEAD"])


def detail_url(organisation: Organisation) -> str:
    return reverse("organisations:detail", kwargs={"slug": organisation.slug})


def _saved(
    form: forms.BaseForm, write: Callable[[dict[str, Any]], Organisation], record: Organisation | None = None
) -> tuple[Organisation | None, list[Any] | None]:
    """A valid form handed to a service: (the organisation, None) once saved; a refusal goes on the form."""
    if not form.is_valid():
        return None, None
    try:
        return write(form.cleaned_data), None
    except StaleEditError as error:
        assert record is not None
        return None, refuse_stale(form, record, error)
    except ValidationError as error:
        add_service_error(form, error)
        return None, None


def _form_view(
    request: HttpRequest,
    access: OrganisationAccess,
    form: forms.Form,
    write: Callable[[dict[str, Any]], Organisation],
    *,
    done: Callable[[Organisation], str],
    record: Organisation | None = None,
    **context: Any,
) -> HttpResponse:
    """A POST handed to `write` (_saved): once saved, the message `done` and the organisation's page; else the form
    (with the refusals, and what changed meanwhile if the edit of `record` was stale)."""
    stale = None
    if request.method == "POST":
        saved, stale = _saved(form, write, record)
        if saved is not None:
            messages.success(request, done(saved))
            return redirect(detail_url(saved))
    if record is not None:
        context["changes"] = stale
    return render(
        request,
        "members/organisation_form.html",
        {"access": access, "organisation": access.organisation, "form": form, **context},
    )


@login_required
@GET_ONLY
def organisation_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """An organisation: its place in the tree, the organisations directly below it, and what one may do here."""
    access = organisation_for_request(request, slug)
    organisation = access.organisation
    children = list(organisation.children.order_by("closed_on", "name"))
    return render(
        request,
        "members/organisation_detail.html",
        {
            "access": access,
            "organisation": organisation,
            "ancestors": list(organisation.ancestors()),
            "children": children,
            "merged_from": list(organisation.merged_from.all()),
        },
    )


@login_required
@GET_POST
def organisation_add(request: HttpRequest, slug: str) -> HttpResponse:
    """Open an organisation below this one (a branch, or a level with branches of its own)."""
    access = organisation_for_request(request, slug, may=lambda access: access.edits_below)
    parent = access.organisation
    form = OrganisationCreateForm(request.POST or None)
    return _form_view(
        request,
        access,
        form,
        lambda data: services.organisation_create(parent=parent, **data),
        done=lambda created: _("Đã mở %(name)s.") % {"name": created.name},
        title=_("Mở tổ chức trực thuộc %(name)s") % {"name": parent.name},
        submit=_("Mở tổ chức"),
    )


@login_required
@GET_POST
def organisation_edit(request: HttpRequest, slug: str) -> HttpResponse:
    """Rename an organisation (its address stays) or change its address (the old one redirects)."""
    access = organisation_for_request(request, slug, may=lambda access: access.manages)
    organisation = access.organisation
    initial = {
        "kind": organisation.kind,
        "name": organisation.name,
        "short_name": organisation.short_name,
        "slug": organisation.slug,
        "version": organisation.version,
    }
    form = OrganisationEditForm(request.POST or None, initial=initial, organisation=organisation)
    return _form_view(
        request,
        access,
        form,
        lambda data: services.organisation_update(
            organisation=organisation,
            expected_version=data["version"],
            name=data["name"],
            short_name=data["short_name"] or data["name"],
            kind=data["kind"],
            slug=data["slug"],
        ),
        record=organisation,
        done=lambda saved: _("Đã lưu %(name)s.") % {"name": saved.name},
        title=_("Sửa tên tổ chức"),
        submit=_("Lưu"),
    )


def _parents_for(request: HttpRequest, organisation: Organisation) -> Any:
    """Where the user may move `organisation`: open levels of their editor subtrees, outside its own subtree."""
    return (
        organisations_edited_by(request.user)
        .open()
        .exclude(kind=OrganisationKind.BRANCH)
        .exclude(path__startswith=organisation.path)
        .exclude(pk=organisation.parent_id)
    )


@login_required
@GET_POST
def organisation_move(request: HttpRequest, slug: str) -> HttpResponse:
    """Put the organisation, with everything below it, under another parent."""
    access = organisation_for_request(request, slug, may=lambda access: access.manages)
    organisation = access.organisation
    form = OrganisationMoveForm(
        request.POST or None, initial={"version": organisation.version}, parents=_parents_for(request, organisation)
    )
    return _form_view(
        request,
        access,
        form,
        lambda data: services.organisation_move(
            organisation=organisation, parent=data["parent"], expected_version=data["version"]
        ),
        record=organisation,
        done=lambda moved: (
            _("Đã chuyển %(name)s về trực thuộc %(parent)s.") % {"name": moved.name, "parent": moved.parent}
        ),
        title=_("Chuyển %(name)s sang cấp trên khác") % {"name": organisation.name},
        submit=_("Chuyển"),
    )


@login_required
@GET_POST
def organisation_close(request: HttpRequest, slug: str) -> HttpResponse:
    """Close the organisation (merged or dissolved) on a date; its members, terms and documents stay readable."""
    access = organisation_for_request(request, slug, may=lambda access: access.manages)
    organisation = access.organisation
    targets = organisations_edited_by(request.user).open().filter(kind=organisation.kind).exclude(pk=organisation.pk)
    form = OrganisationCloseForm(request.POST or None, initial={"version": organisation.version}, targets=targets)
    return _form_view(
        request,
        access,
        form,
        lambda data: services.organisation_close(
            organisation=organisation,
            expected_version=data["version"],
            on=data["on"],
            kind=data["kind"],
            merged_into=data["merged_into"],
            decision=data["decision"],
        ),
        record=organisation,
        done=lambda closed: _("Đã ghi nhận %(name)s ngừng hoạt động.") % {"name": closed.name},
        title=_("Ngừng hoạt động: %(name)s") % {"name": organisation.name},
        submit=_("Ghi nhận ngừng hoạt động"),
        danger=True,
        note=_("Tổ chức không bị xóa: đoàn viên, nhiệm kỳ và văn bản của tổ chức vẫn được giữ và xem được."),
    )
