"""Preparing the congress: its date and place, the new term's dates, the programme and the guests."""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from chidoan.lib.locking import lock_versions, save_if_unchanged, stale_error
from congress import selectors
from congress.models import Congress, CongressStatus, ElectionKind, Guest, ProgrammeItem, kind_phrase
from congress.services import guards
from terms.models import Term

CONGRESS_FIELDS = {
    "held_on",
    "starts_at",
    "place",
    "new_term_number",
    "new_term_starts_on",
    "new_term_ends_on",
    "resolution_title",
    "delegates_count",
    "alternates_count",
}


@transaction.atomic
def congress_prepare(
    *,
    term: Term,
    held_on: datetime.date,
    new_term_starts_on: datetime.date,
    new_term_ends_on: datetime.date,
    starts_at: datetime.time | None = None,
    place: str = "",
    new_term_number: int | None = None,
    resolution_title: str = "",
    delegates_count: int = 0,
    alternates_count: int = 0,
) -> Congress:
    """A congress closing `term`, with the default programme."""
    if Congress.objects.filter(closes_term=term).exists():
        guards.refuse(_("Nhiệm kỳ này đã có Đại hội."))
    congress = Congress(
        closes_term=term,
        held_on=held_on,
        starts_at=starts_at,
        place=place.strip(),
        new_term_number=new_term_number,
        new_term_starts_on=new_term_starts_on,
        new_term_ends_on=new_term_ends_on,
        resolution_title=resolution_title.strip(),
        delegates_count=delegates_count,
        alternates_count=alternates_count,
    )
    _check_dates(congress)
    guards.save_new(congress)
    programme_set(congress=congress, titles=selectors.default_programme(congress), expected_versions={})
    return congress


@transaction.atomic
def congress_update(*, congress: Congress, expected_version: int, **fields: Any) -> Congress:
    """The edit page's save: refused (StaleEditError) when someone saved the congress after the page opened."""
    guards.check_fields(fields, CONGRESS_FIELDS, "congress")
    guards.require_open(congress)
    moved = any(
        fields.get(name, getattr(congress, name)) != getattr(congress, name)
        for name in ("held_on", "new_term_starts_on")
    )
    if congress.status != CongressStatus.PLANNED and moved:
        guards.refuse(_("Đại hội đã khai mạc: không đổi ngày họp và ngày bắt đầu nhiệm kỳ mới."))
    for kind, name in ((ElectionKind.DELEGATE, "delegates_count"), (ElectionKind.ALTERNATE, "alternates_count")):
        changed = name in fields and fields[name] != getattr(congress, name)
        if changed and congress.elections.filter(kind=kind).exists():
            guards.refuse(
                _("Đã có cuộc bầu %(what)s: không đổi số lượng được nữa.") % {"what": kind_phrase(kind)}, name
            )
    for name, value in fields.items():
        setattr(congress, name, value.strip() if isinstance(value, str) else value)
    _check_dates(congress)
    congress.full_clean()
    save_if_unchanged(congress, expected_version=expected_version)
    return congress


def _check_dates(congress: Congress) -> None:
    term = congress.closes_term
    if congress.held_on <= term.starts_on:
        guards.refuse(_("Ngày Đại hội phải sau ngày bắt đầu nhiệm kỳ %(term)s.") % {"term": term.label}, "held_on")
    if congress.new_term_ends_on <= congress.new_term_starts_on:
        guards.refuse(_("Nhiệm kỳ mới phải kết thúc sau ngày bắt đầu."), "new_term_ends_on")
    if congress.new_term_starts_on > congress.held_on:
        guards.refuse(_("Nhiệm kỳ mới bắt đầu muộn nhất vào ngày Đại hội."), "new_term_starts_on")
    if congress.new_term_starts_on <= term.starts_on:
        guards.refuse(
            _("Nhiệm kỳ mới phải bắt đầu sau nhiệm kỳ %(term)s.") % {"term": term.label}, "new_term_starts_on"
        )


@transaction.atomic
def programme_set(
    *, congress: Congress, titles: Sequence[str], expected_versions: Mapping[int, int]
) -> list[ProgrammeItem]:
    """Replace the programme; an item whose title is kept keeps its notes.

    `expected_versions` are the items (pk: version) the page was opened on: if any of them changed,
    or the programme has other items now, the whole page is refused (StaleEditError).
    """
    congress = guards.lock(congress)
    guards.require_open(congress)
    titles = [t.strip() for t in titles if t.strip()]
    if not titles:
        guards.refuse(_("Chương trình Đại hội cần ít nhất một mục."), "titles")
    items = congress.programme_items.all()
    lock_versions(items, dict(expected_versions))
    if set(items.values_list("pk", flat=True)) != set(expected_versions):
        raise stale_error()
    notes = {item.title: item.notes for item in items}
    items.delete()
    return [
        guards.save_new(ProgrammeItem(congress=congress, position=position, title=title, notes=notes.get(title, "")))
        for position, title in enumerate(titles, start=1)
    ]


def ensure_programme(congress: Congress) -> None:
    """A congress made elsewhere (the admin, the demo) starts from the default programme too."""
    if not congress.programme_items.exists():
        programme_set(congress=congress, titles=selectors.default_programme(congress), expected_versions={})


@transaction.atomic
def programme_note(*, item: ProgrammeItem, notes: str, expected_version: int) -> ProgrammeItem:
    """What happened under one item of the programme, for the minutes; refused when the notes page is stale."""
    guards.require_open(item.congress)
    item.notes = notes.strip()
    item.full_clean()
    save_if_unchanged(item, expected_version=expected_version)
    return item


@transaction.atomic
def guest_add(*, congress: Congress, name: str, title: str = "") -> Guest:
    guards.require_open(congress)
    return guards.save_new(Guest(congress=congress, name=" ".join(name.split()), title=title.strip()))


@transaction.atomic
def guest_remove(*, guest: Guest) -> None:
    guards.require_open(guest.congress)
    guest.delete()
