"""Issued documents sent up: the branch sends one to its parent; the parent's officers see, per organisation below,
what arrived and when, and acknowledge it or return it with a comment.

The branch side starts with `get_branch_for_user(..., write=True)` (its editors send; a closed
branch sends nothing). The receiving side starts with `organisation_for_request` (members.organisation_access): whoever reads all of the
organisation sees the page (404 for who may not see it at all, 403 for an ordinary member);
only an editor officer on it or above (`edits_below`) acknowledges or returns, others get 403.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from chidoan.lib.access import get_branch_for_user
from chidoan.lib.forms import add_service_error
from members.organisation_access import OrganisationAccess, organisation_for_request
from reports import selectors, services
from reports.models import IssuedDocument, Submission
from reports.views.common import GET_ONLY
from reports.views.issued import stored_file_response
from terms import selectors as term_selectors


class DecisionForm(forms.Form):
    comment = forms.CharField(
        label=gettext_lazy("Ý kiến của cấp trên"), required=False, max_length=2000, widget=forms.Textarea({"rows": 2})
    )


class ReturnForm(DecisionForm):
    comment = forms.CharField(
        label=gettext_lazy("Lý do trả lại"),
        max_length=2000,
        widget=forms.Textarea({"rows": 2}),
        error_messages={"required": gettext_lazy("Khi trả lại, hãy ghi rõ lý do để chi đoàn biết cần sửa gì.")},
    )


# The branch side ---------------------------------------------------------------


@login_required
@require_POST
def send(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Send the branch's issued document `pk` to its parent; back to the page the button was on."""
    access = get_branch_for_user(request, slug, write=True)
    document = get_object_or_404(IssuedDocument.objects.filter(organisation=access.branch).only("pk"), pk=pk)
    try:
        by = request.user if request.user.is_authenticated else None
        sent = services.submission_send(document=document, by=by)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("Đã gửi văn bản %(number)s lên %(parent)s.")
            % {"number": sent.document.number_text, "parent": sent.sent_to.name},
        )
    term = term_selectors.term_by_slug(branch=access.branch, slug=request.POST.get("term", ""))
    if term is not None:
        return HttpResponseRedirect(reverse("reports:self_review", kwargs={"slug": slug, "term": term.slug}))
    return HttpResponseRedirect(reverse("reports:list", kwargs={"slug": slug}))


# The receiving side ------------------------------------------------------------


def can_decide(access: OrganisationAccess) -> bool:
    """An editor officer on the organisation or above it; nobody once the organisation is closed."""
    return access.edits_below and not access.organisation.is_closed


def _received_page(
    request: HttpRequest, access: OrganisationAccess, *, failed: tuple[int, forms.Form] | None = None
) -> HttpResponse:
    rows = selectors.received_documents(organisation=access.organisation)
    return render(
        request,
        "reports/received.html",
        {
            "access": access,
            "organisation": access.organisation,
            "rows": rows,
            "can_decide": can_decide(access),
            "failed_pk": failed[0] if failed else None,
            "failed_form": failed[1] if failed else None,
            "waiting": sum(row.waiting for row in rows),
        },
        status=400 if failed else 200,
    )


@login_required
@GET_ONLY
def received(request: HttpRequest, slug: str) -> HttpResponse:
    return _received_page(request, organisation_for_request(request, slug))


def _submission(access: OrganisationAccess, pk: int) -> Submission:
    return get_object_or_404(Submission.objects.select_related("document"), sent_to=access.organisation, pk=pk)


@login_required
@GET_ONLY
def received_download(request: HttpRequest, slug: str, pk: int, fmt: str) -> HttpResponse:
    """The document of sending `pk`, as issued, for whoever reads the receiving organisation."""
    submission = _submission(organisation_for_request(request, slug), pk)
    issued = selectors.issued_file(branch=submission.document.organisation, pk=submission.document_id, fmt=fmt)
    if issued is None:
        raise Http404
    return stored_file_response(issued, fmt)


def _decide(request: HttpRequest, slug: str, pk: int, *, returning: bool) -> HttpResponse:
    access = organisation_for_request(request, slug, may=can_decide)
    submission = _submission(access, pk)
    form: forms.Form = (ReturnForm if returning else DecisionForm)(request.POST)
    if form.is_valid():
        write = services.submission_return if returning else services.submission_acknowledge
        by = request.user if request.user.is_authenticated else None
        try:
            write(submission=submission, by=by, comment=form.cleaned_data["comment"])
        except ValidationError as error:
            add_service_error(form, error)
        else:
            done = _("Đã trả lại văn bản %(number)s.") if returning else _("Đã ghi nhận văn bản %(number)s.")
            messages.success(request, done % {"number": submission.document.number_text})
            return HttpResponseRedirect(reverse("received:list", kwargs={"slug": slug}) + f"#gui-{submission.pk}")
    return _received_page(request, access, failed=(submission.pk, form))


@login_required
@require_POST
def acknowledge(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    return _decide(request, slug, pk, returning=False)


@login_required
@require_POST
def send_back(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    return _decide(request, slug, pk, returning=True)
