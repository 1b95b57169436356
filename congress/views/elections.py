"""Elections of the day: a new election, its page (candidates, rounds, counts, the elected),
the list of candidates and withdrawals, the opening of the vote, the count and the second round."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from chidoan.lib.access import Access
from chidoan.lib.forms import add_service_error
from congress import selectors, services
from congress.forms import CandidateForm, CountForm, ElectionForm, WithdrawForm, picker_url
from congress.models import BallotRound, Candidate, Congress, ElectedBy, Election, ElectionKind, ElectionStatus
from congress.rules import candidate_limit, candidate_limit_text
from congress.views.common import GET_POST, attempt, back_to, congress_for, day_context, form_page
from members.models import Member


@login_required
@GET_POST
def election_add(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    access, congress = congress_for(request, slug, pk, write=True)
    small = selectors.is_small_branch(congress)
    initial: dict[str, Any] = {"kind": ElectionKind.SECRETARY if small else ElectionKind.COMMITTEE}
    if not small:
        initial["seats"] = min(5, congress.branch.committee_max_size)
    form = ElectionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            created = services.election_create(congress=congress, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            return back_to("election", congress, election_pk=created.pk)
    return form_page(request, access, congress, "elections", form=form, heading=_("Thêm cuộc bầu cử"))


@login_required
@require_GET
def election(request: HttpRequest, slug: str, pk: int, election_pk: int) -> HttpResponse:
    """One election: its list, its rounds with their counts, and (templates) its ballots and record."""
    access, congress = congress_for(request, slug, pk)
    return _election_page(request, access, congress, election_pk)


def _election_page(
    request: HttpRequest,
    access: Access,
    congress: Congress,
    election_pk: int,
    *,
    candidate_form: CandidateForm | None = None,
    count_form: CountForm | None = None,
) -> HttpResponse:
    """The election's page; a form refused is shown again bound, with its errors beside the fields."""
    shown = get_object_or_404(selectors.elections_with_counts(congress), pk=election_pk)
    branch_rules = selectors.rules_for(congress.branch)
    outcome = selectors.election_outcome(shown, branch_rules)
    if candidate_form is None and access.can_edit and shown.status == ElectionStatus.NOMINATING:
        candidate_form = CandidateForm(members=_pool(congress, shown), url=_pool_url(congress, shown))
    open_round = next((r for r in outcome.rounds if not r.round.is_counted), None)
    if count_form is None and access.can_edit and open_round is not None:
        count_form = CountForm(
            candidates=[c.candidate for c in open_round.counts], initial={"issued": open_round.round.voters}
        )
    return render(
        request,
        "congress/election.html",
        day_context(
            access,
            congress,
            "elections",
            election=shown,
            outcome=outcome,
            candidates=sorted(shown.candidates.all(), key=lambda c: (c.member.name_sort_key, c.pk)),
            standing=[c for c in shown.candidates.all() if not c.withdrawn],
            max_candidates=candidate_limit(shown.seats, branch_rules),
            limit_text=candidate_limit_text(shown.seats, branch_rules),
            rules=branch_rules,
            candidate_form=candidate_form,
            count_form=count_form,
            open_round=open_round,
            voters_text=_voters_text(shown, open_round.round.voters) if open_round else "",
        ),
    )


def _pool(congress: Congress, election: Election) -> QuerySet[Member]:
    """Who the picker offers: the candidate pool, of the branch (the matches then come from its name index)."""
    return selectors.candidate_pool(congress, election).filter(branch=congress.branch)


def _pool_url(congress: Congress, election: Election) -> str:
    return picker_url(congress, "congress-candidates", election=election.pk)


def _voters_text(shown: Election, voters: int) -> str:
    """Who votes in this round, said above the count."""
    if shown.elected_by == ElectedBy.COMMITTEE:
        return _("Hội nghị Ban Chấp hành: %(n)s ủy viên") % {"n": voters}
    return _("Đại hội: %(n)s đại biểu có mặt") % {"n": voters}


@login_required
@require_POST
def candidate_add(request: HttpRequest, slug: str, pk: int, election_pk: int) -> HttpResponse:
    access, congress = congress_for(request, slug, pk, write=True)
    chosen = get_object_or_404(Election, pk=election_pk, congress=congress)
    pool_url = _pool_url(congress, chosen)
    if CandidateForm(request.POST, members=Member.objects.none(), url=pool_url).searching:
        # The picker's "Tìm" without JavaScript: the page again, with the matches among who may still stand.
        form = CandidateForm(request.POST, members=_pool(congress, chosen), url=pool_url)
        return _election_page(request, access, congress, chosen.pk, candidate_form=form)
    # Any member of the branch passes the form: the service says why one may not stand (not summoned...).
    form = CandidateForm(request.POST, members=Member.objects.filter(branch=access.branch), url=pool_url)
    if form.is_valid():
        try:
            services.candidate_add(election=chosen, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Đã thêm vào danh sách."))
            return back_to("election", congress, "ung-cu-vien", election_pk=chosen.pk)
    return _election_page(request, access, congress, chosen.pk, candidate_form=form)


@login_required
@GET_POST
def candidate_withdraw(request: HttpRequest, slug: str, pk: int, election_pk: int, candidate_pk: int) -> HttpResponse:
    access, congress = congress_for(request, slug, pk, write=True)
    candidate = get_object_or_404(
        Candidate.objects.select_related("member", "election"),
        pk=candidate_pk,
        election_id=election_pk,
        election__congress=congress,
    )
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.candidate_withdraw(candidate=candidate, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            return back_to("election", congress, "ung-cu-vien", election_pk=election_pk)
    return form_page(
        request,
        access,
        congress,
        "elections",
        form=form,
        heading=_("Đồng chí %(name)s xin rút khỏi danh sách") % {"name": candidate.member},
    )


@login_required
@require_POST
def election_open(request: HttpRequest, slug: str, pk: int, election_pk: int) -> HttpResponse:
    _access, congress = congress_for(request, slug, pk, write=True)
    chosen = get_object_or_404(Election, pk=election_pk, congress=congress)
    done = _("Đã chốt danh sách và mở bỏ phiếu. In phiếu bầu cho đại biểu.")
    attempt(request, lambda: services.election_open(election=chosen), done)
    return back_to("election", congress, election_pk=chosen.pk)


@login_required
@require_POST
def count(request: HttpRequest, slug: str, pk: int, election_pk: int, round_pk: int) -> HttpResponse:
    access, congress = congress_for(request, slug, pk, write=True)
    rnd = get_object_or_404(
        BallotRound.objects.select_related("election"),
        pk=round_pk,
        election_id=election_pk,
        election__congress=congress,
    )
    counts = list(rnd.counts.select_related("candidate__member"))
    form = CountForm(request.POST, candidates=[c.candidate for c in counts])
    if form.is_valid():
        ballots = {name: form.cleaned_data[name] for name in ("issued", "returned", "valid", "invalid")}
        try:
            result = services.count_record(round=rnd, votes=form.votes(), **ballots)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            if result.needs_second_round:
                messages.warning(request, _("Có ứng cử viên bằng phiếu ở vị trí cuối: cần bầu vòng hai."))
            elif len(result.elected) < rnd.seats:
                messages.warning(request, _("Chưa đủ số lượng cần bầu: xem bên dưới để bỏ phiếu lần sau."))
            else:
                messages.success(request, _("Đã ghi kết quả kiểm phiếu."))
            return back_to("election", congress, "ket-qua", election_pk=election_pk)
    return _election_page(request, access, congress, election_pk, count_form=form)


@login_required
@require_POST
def next_round(request: HttpRequest, slug: str, pk: int, election_pk: int) -> HttpResponse:
    _access, congress = congress_for(request, slug, pk, write=True)
    chosen = get_object_or_404(Election, pk=election_pk, congress=congress)
    attempt(
        request,
        lambda: services.next_round_open(election=chosen),
        lambda rnd: _("Đã mở bỏ phiếu lần %(n)s.") % {"n": rnd.number},
    )
    return back_to("election", congress, "ket-qua", election_pk=chosen.pk)


@login_required
@require_POST
def leave_vacant(request: HttpRequest, slug: str, pk: int, election_pk: int) -> HttpResponse:
    _access, congress = congress_for(request, slug, pk, write=True)
    chosen = get_object_or_404(Election, pk=election_pk, congress=congress)
    attempt(
        request,
        lambda: services.election_leave_vacant(election=chosen),
        _("Đã ghi vị trí còn trống, để cấp trên chỉ định hoặc bầu bổ sung."),
    )
    return back_to("election", congress, "ket-qua", election_pk=chosen.pk)
