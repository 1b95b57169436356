"""The transfer letter (giấy giới thiệu sinh hoạt Đoàn): the sending branch's editors print it, HTML or PDF.

It lives in reports because it is a document (members may not import reports); the
transfer is looked up through the sending branch, so another branch's transfer is a 404.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from chidoan.lib.access import get_branch_for_user
from members import selectors as member_selectors
from reports import transfer_letter
from reports.render.page import render_document
from reports.views.common import document_response


@login_required
@require_GET
def letter(request: HttpRequest, slug: str, pk: int, fmt: str) -> HttpResponse:
    access = get_branch_for_user(request, slug, write=True)
    transfer = member_selectors.transfers_sent(branch=access.branch).filter(pk=pk).select_related("from_branch").first()
    if transfer is None:
        raise Http404
    content = render_document(transfer_letter.TEMPLATE, transfer_letter.letter_context(transfer), fmt=fmt)
    return document_response(content, stem=transfer_letter.letter_stem(transfer), fmt=fmt)
