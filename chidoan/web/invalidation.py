"""Which writes make a branch's cached figures stale (chidoan.lib.figures_cache), told by Django's model signals.

Why signals here, when the house has none between its apps: the dashboard (this layer) caches
figures made from the rows of members and terms and congress, and must hear of every write to
them, the services' and also the admin's and the shell's, which call no service. A receiver in
the top layer listens to the lower apps' models without any of them knowing about it, so the
layers stay as they are (no app imports this one, no app sends a signal to another). Bulk writes
(bulk_create, bulk_update, QuerySet.update) send no signal: the services that make them call
`figures_cache.invalidate_branches` themselves (members.imports.saving, members.services.ratings).

A save is seen after it (`post_save`), a delete before it (`pre_delete`, while the rows that
name the branch still exist); a member who changes branch makes both branches stale (the branch
it was loaded with is kept by `post_init`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from django.db.models.signals import post_init, post_save, pre_delete

from chidoan.lib import figures_cache
from congress.models import Congress
from members.models import BranchRating, Member, MemberRating, MemberStatusChange, Organisation, Transfer
from terms.models import Assignment, CommitteeSeat, ProgressEntry, Resolution, Target, Term


def _term_branch(term_id: int | None) -> list[int | None]:
    if term_id is None:
        return []
    return list(Term.objects.filter(pk=term_id).values_list("branch_id", flat=True))


def _member_branch(member_id: int | None) -> list[int | None]:
    if member_id is None:
        return []
    return list(Member.objects.filter(pk=member_id).values_list("branch_id", flat=True))


# The branches whose figures a row feeds, for each model the dashboard reads.
BRANCHES_OF: dict[type[Any], Callable[[Any], list[int | None]]] = {
    Organisation: lambda o: [o.pk],
    Member: lambda m: [m.branch_id, getattr(m, "_loaded_branch_id", None)],
    MemberStatusChange: lambda c: _member_branch(c.member_id),
    MemberRating: lambda r: _member_branch(r.member_id),
    Transfer: lambda t: [t.from_branch_id, t.to_branch_id],
    BranchRating: lambda r: [r.branch_id],
    Term: lambda t: [t.branch_id],
    CommitteeSeat: lambda s: _term_branch(s.term_id),
    Assignment: lambda a: _term_branch(a.term_id),
    Resolution: lambda r: _term_branch(r.term_id),
    Target: lambda t: list(Resolution.objects.filter(pk=t.resolution_id).values_list("term__branch_id", flat=True)),
    ProgressEntry: lambda e: list(
        Target.objects.filter(pk=e.target_id).values_list("resolution__term__branch_id", flat=True)
    ),
    Congress: lambda c: _term_branch(c.closes_term_id) + _term_branch(c.opens_term_id),
}


def _stale(sender: type[Any], instance: Any, **kwargs: Any) -> None:
    try:
        branches = BRANCHES_OF[sender](instance)
    except ObjectDoesNotExist:  # a row already gone: say every branch is stale rather than guess
        figures_cache.invalidate_all()
        return
    figures_cache.invalidate_branches(branches)


def _remember_branch(sender: type[Any], instance: Member, **kwargs: Any) -> None:
    instance._loaded_branch_id = instance.__dict__.get("branch_id")  # type: ignore[attr-defined]


def connect() -> None:
    """Called once from WebConfig.ready."""
    for model in BRANCHES_OF:
        post_save.connect(_stale, sender=model, dispatch_uid=f"figures-save-{model._meta.label}")
        pre_delete.connect(_stale, sender=model, dispatch_uid=f"figures-delete-{model._meta.label}")
    post_init.connect(_remember_branch, sender=Member, dispatch_uid="figures-member-branch")
