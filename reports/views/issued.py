"""The branch's documents, term by term, and the issued documents served exactly as stored."""

from __future__ import annotations

import hashlib
import logging

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from chidoan.lib.access import get_branch_for_user
from reports import selectors
from reports.models import IssuedDocument
from reports.views.common import GET_ONLY, allow_stored_styles, document_response

logger = logging.getLogger(__name__)


@login_required
@GET_ONLY
def documents_list(request: HttpRequest, slug: str) -> HttpResponse:
    access = get_branch_for_user(request, slug)
    return render(
        request,
        "reports/list.html",
        {"access": access, "branch": access.branch, "rows": selectors.branch_documents(branch=access.branch)},
    )


@login_required
@GET_ONLY
def download(request: HttpRequest, slug: str, pk: int, fmt: str) -> HttpResponse:
    """Every branch role downloads an issued document; its bytes must still match the checksum taken at issue."""
    access = get_branch_for_user(request, slug)
    issued = selectors.issued_file(branch=access.branch, pk=pk, fmt=fmt)
    if issued is None:
        raise Http404
    return stored_file_response(issued, fmt)


def stored_file_response(issued: IssuedDocument, fmt: str) -> HttpResponse:
    """The issued document's file in `fmt` as stored (selectors.issued_file loads it), after checking its checksum."""
    checksum = getattr(issued, f"{fmt}_sha256")
    if not checksum:  # a format this kind of document is not issued in (the statistics have no DOCX)
        raise Http404
    stored = getattr(issued, fmt)
    content = stored.encode() if isinstance(stored, str) else bytes(stored)
    if hashlib.sha256(content).hexdigest() != checksum:
        # Never serve an official document that is not byte for byte what was issued.
        logger.error("Issued document %s (%s) does not match its checksum", issued.pk, fmt)
        raise ValidationError(_("Văn bản đã ban hành bị sai lệch so với bản lưu."))
    response = document_response(content, stem=issued.filename_stem, fmt=fmt)
    response["ETag"] = f'"{checksum}"'
    if fmt == "html":
        allow_stored_styles(response, content.decode())
    return response
