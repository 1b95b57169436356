"""An organisation's settings (the (setting) rules and the document lines) and the officer rights on its subtree."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from chidoan.lib.forms import add_service_error
from members import services
from members.forms.organisations import OfficerGrantForm, OrganisationSettingsForm
from members.models import OfficerGrantEvent, Organisation, OrganisationOfficer
from members.organisation_access import organisation_for_request
from members.views.common import SignedInRequest
from members.views.organisations import GET_POST, _saved


@login_required
@GET_POST
def organisation_settings(request: SignedInRequest, slug: str) -> HttpResponse:
    """The rules that differ between provinces, and the document lines; the branch's editors change the lines only."""
    access = organisation_for_request(request, slug)
    organisation = access.organisation
    if request.method == "POST" and not access.edits_documents:
        raise PermissionDenied
    documents_only = not access.manages
    form = OrganisationSettingsForm(
        request.POST or None,
        instance=organisation,
        initial={"version": organisation.version},
        documents_only=documents_only,
    )
    stale = None
    if request.method == "POST":
        # The ModelForm has written the values on `organisation`: the service saves from a fresh row.
        fresh = Organisation.objects.get(pk=organisation.pk)
        saved, stale = _saved(
            form,
            lambda data: services.organisation_settings_update(
                organisation=fresh, expected_version=data["version"], fields=form.setting_values()
            ),
            fresh,
        )
        if saved is not None:
            messages.success(request, _("Đã lưu cài đặt của %(name)s.") % {"name": saved.name})
            return redirect(reverse("organisations:settings", kwargs={"slug": saved.slug}))
    if not access.edits_documents:
        for field in form.fields.values():
            field.disabled = True
    return render(
        request,
        "members/organisation_settings.html",
        {
            "access": access,
            "organisation": organisation,
            "form": form,
            "documents_only": documents_only,
            "changes": stale,
        },
    )


@login_required
@GET_POST
def officer_grants(request: SignedInRequest, slug: str) -> HttpResponse:
    """The logins with officer rights on this organisation and below it; give one, change it, withdraw it."""
    access = organisation_for_request(request, slug, may=lambda access: access.edits_below)
    organisation = access.organisation
    subtree = Organisation.objects.descendants_of(organisation).open()
    form = OfficerGrantForm(request.POST or None, organisations=subtree, initial={"organisation": organisation})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            grant = services.officer_grant(
                organisation=data["organisation"],
                user=data["username"],
                can_edit=data["can_edit"],
                title=data["title"],
                by=request.user,
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request,
                _("Đã cấp quyền %(right)s trên %(organisation)s cho %(username)s.")
                % {
                    "right": _("xem và sửa") if grant.can_edit else _("chỉ xem"),
                    "organisation": grant.organisation,
                    "username": grant.user.username,
                },
            )
            return redirect(reverse("organisations:grants", kwargs={"slug": organisation.slug}))
    grants = (
        OrganisationOfficer.objects.filter(organisation__path__startswith=organisation.path)
        .select_related("user", "organisation")
        .order_by("organisation__path", "user__username")
    )
    events = (
        OfficerGrantEvent.objects.filter(organisation__path__startswith=organisation.path)
        .select_related("organisation")
        .order_by("-at", "-id")[:50]
    )
    return render(
        request,
        "members/officer_grants.html",
        {"access": access, "organisation": organisation, "form": form, "grants": grants, "events": events},
    )


@require_http_methods(["GET", "POST"])
@login_required
def officer_withdraw(request: SignedInRequest, slug: str, pk: int) -> HttpResponse:
    """Take an officer right away, after a confirmation; the record of it stays."""
    access = organisation_for_request(request, slug, may=lambda access: access.edits_below)
    organisation = access.organisation
    grant = (
        OrganisationOfficer.objects.filter(pk=pk, organisation__path__startswith=organisation.path)
        .select_related("user", "organisation")
        .first()
    )
    if grant is None:
        raise Http404
    back = reverse("organisations:grants", kwargs={"slug": organisation.slug})
    error = None
    if request.method == "POST":
        try:
            services.officer_withdraw(grant=grant, by=request.user)
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(request, _("Đã thu hồi quyền của %(username)s.") % {"username": grant.user.username})
            return redirect(back)
    return render(
        request,
        "members/officer_withdraw.html",
        {"access": access, "organisation": organisation, "grant": grant, "back": back, "error": error},
    )
