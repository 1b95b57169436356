"""A term of a branch: its dates, checked against the branch type's length and the branch's other terms."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from members.models import Organisation, OrganisationKind
from terms import rules, selectors
from terms.models import Term


@transaction.atomic
def term_create(
    *, branch: Organisation, starts_on: datetime.date, ends_on: datetime.date, number: int | None = None
) -> Term:
    if branch.kind != OrganisationKind.BRANCH:
        raise ValidationError({"branch": _("Chỉ chi đoàn mới có nhiệm kỳ Ban Chấp hành.")})
    if ends_on <= starts_on:
        raise ValidationError({"ends_on": _("Ngày kết thúc nhiệm kỳ phải sau ngày bắt đầu.")})
    shortest, longest = rules.term_length_bounds(starts_on=starts_on, months=branch.term_length_months)
    if not (shortest <= ends_on <= longest):
        raise ValidationError(
            {
                "ends_on": _(
                    "Nhiệm kỳ của chi đoàn loại này là %(months)s tháng, cấp trên chỉ được kéo dài hoặc rút ngắn "
                    "tối đa nửa nhiệm kỳ: ngày kết thúc phải từ %(shortest)s đến %(longest)s."
                )
                % {
                    "months": branch.term_length_months,
                    "shortest": f"{shortest:%d/%m/%Y}",
                    "longest": f"{longest:%d/%m/%Y}",
                }
            }
        )
    if selectors.term_overlaps(branch=branch, starts_on=starts_on, ends_on=ends_on):
        raise ValidationError({"starts_on": _("Nhiệm kỳ này trùng thời gian với một nhiệm kỳ khác của chi đoàn.")})
    term = Term(branch=branch, starts_on=starts_on, ends_on=ends_on, number=number)
    term.full_clean()
    term.save()
    return term
