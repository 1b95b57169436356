"""Checking the rows of a members file against every rule a member is held to, before anything is saved.

Each row is read cell by cell (members.imports.columns), matched to a member of the branch
(by card number, else by name and date of birth), and then held to the model's own
`full_clean` and to `members.rules` (the admission age), as the admission and edit
services hold a member typed into the form. Nothing here writes.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from chidoan.lib.dates import today
from chidoan.lib.text import search_key
from members import rules
from members.imports.columns import BOOL_DEFAULTS, BY_KEY, DATE, MEMBER_FIELDS, CellError, cell_value
from members.imports.reading import Table
from members.models import STATUS_AFTER, Member, MemberStatus, Organisation

Progress = Callable[[int, int], None]
PROGRESS_EVERY = 250
SHOWN_REFUSALS = 500  # the preview lists this many refused rows; the counts stay exact
LOOKUP_CHUNK = 900  # SQLite's parameter limit, with room


@dataclass(frozen=True)
class Refusal:
    row: int
    column: str
    message: str


@dataclass
class Plan:
    """What saving the file would do: members to admit, members to update (already changed in memory), refusals."""

    new: list[Member] = field(default_factory=list)
    updated: list[Member] = field(default_factory=list)
    changed_fields: set[str] = field(default_factory=set)
    unchanged: int = 0
    refused: list[Refusal] = field(default_factory=list)
    refused_rows: int = 0
    ignored: list[str] = field(default_factory=list)

    def summary(self) -> dict[str, Any]:
        return {
            "new": len(self.new),
            "updated": len(self.updated),
            "unchanged": self.unchanged,
            "refused": self.refused_rows,
            "refusals": [vars(refusal) for refusal in self.refused[:SHOWN_REFUSALS]],
            "more_refusals": max(0, len(self.refused) - SHOWN_REFUSALS),
            "ignored": self.ignored,
        }


def _name_key(family: str, middle: str, given: str, born: datetime.date | None) -> tuple[str, Any]:
    return search_key(f"{family} {middle} {given}"), born


class _Branch:
    """The branch's members, found by card number and by name and date of birth; each matched once."""

    def __init__(self, branch: Organisation, on: datetime.date, *, lock: bool) -> None:
        members_qs = Member.objects.filter(branch=branch).with_status_on(on)
        members = list(members_qs.select_for_update(of=("self",)) if lock else members_qs)
        self.by_card = {m.card_number: m for m in members if m.card_number}
        self.by_name: dict[tuple[str, Any], Member] = {}
        for member in members:
            self.by_name.setdefault(
                _name_key(member.family_name, member.middle_name, member.given_name, member.date_of_birth), member
            )

    def match(self, values: dict[str, Any]) -> Member | None:
        card = values.get("card_number", "")
        if card and card in self.by_card:
            return self.by_card[card]
        key = _name_key(
            values.get("family_name", ""),
            values.get("middle_name", ""),
            values.get("given_name", ""),
            values["date_of_birth"],
        )
        member = self.by_name.get(key)
        # A member with another card number is another person of the same name and birthday.
        if member is not None and (not card or not member.card_number):
            return member
        return None


def cards_elsewhere(branch: Organisation, cards: list[str]) -> dict[str, str]:
    """Card number -> the branch name, for the numbers held by members of other branches."""
    found: dict[str, str] = {}
    for start in range(0, len(cards), LOOKUP_CHUNK):
        chunk = cards[start : start + LOOKUP_CHUNK]
        rows = (
            Member.objects.filter(card_number__in=chunk)
            .exclude(branch=branch)
            .values_list("card_number", "branch__name")
        )
        found.update(rows)
    return found


class _Row:
    def __init__(self, number: int) -> None:
        self.number = number
        self.refusals: list[Refusal] = []

    def refuse(self, key: str, message: str) -> None:
        column = BY_KEY[key].title if key in BY_KEY else ""
        self.refusals.append(Refusal(row=self.number, column=column, message=message))

    def refuse_validation(self, error: ValidationError) -> None:
        for key, messages in error.message_dict.items():
            for message in messages:
                self.refuse(key if key in BY_KEY else "", message)


def _read_row(row: _Row, table: Table, cells: list[Any]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for position, column in table.columns.items():
        cell = cells[position] if position < len(cells) else None
        if column.kind == DATE and (row.number, position) in table.formulas:
            row.refuse(column.key, _("Ô này chứa công thức; hãy gõ ngày, ví dụ 05/08/1998."))
            continue
        try:
            values[column.key] = cell_value(column, cell)
        except CellError as exc:
            row.refuse(column.key, str(exc))
            continue
        if column.required and values[column.key] in ("", None):
            row.refuse(column.key, _("Cần ghi %(column)s.") % {"column": column.title.lower()})
    return values


def _check_age(row: _Row, member: Member) -> None:
    if member.admitted_on and member.date_of_birth:
        try:
            rules.check_admission_age(date_of_birth=member.date_of_birth, admitted_on=member.admitted_on)
        except ValidationError as exc:
            row.refuse_validation(exc)


def _clean(row: _Row, member: Member) -> None:
    """The model's field validation, the admission age, and the model's check constraint.

    Left out of full_clean, because each costs a query per row: the branch (the import's
    own, which exists), uniqueness (nothing the import writes is unique in the database;
    the card number is checked across the file and the branches) and the check
    constraint, whose condition is tested here instead, in Python; the database still
    enforces it on the bulk insert.
    """
    try:
        member.full_clean(exclude=["branch"], validate_unique=False, validate_constraints=False)
    except ValidationError as exc:
        row.refuse_validation(exc)
    if member.party_admitted_on is not None and not member.is_party_member:  # member_party_date_needs_party
        row.refuse("party_admitted_on", _("Chỉ ghi ngày vào Đảng cho đảng viên (cột “Đảng viên” là “Có”)."))
    _check_age(row, member)


def _new_member(row: _Row, branch: Organisation, values: dict[str, Any]) -> Member | None:
    status = values.pop("status", "")
    if status and status != MemberStatus.ACTIVE:
        row.refuse(
            "status",
            _(
                "Đoàn viên mới được nhập với tình trạng “Đang sinh hoạt”; các thay đổi tình trạng ghi trên trang của đoàn viên."
            ),
        )
    if not values.get("admitted_on"):
        row.refuse("admitted_on", _("Đoàn viên mới cần ngày vào Đoàn."))
    fields = {**BOOL_DEFAULTS, **{key: values[key] for key in MEMBER_FIELDS if key in values}}
    member = Member(branch=branch, **fields)
    _clean(row, member)
    return member


def _update_member(row: _Row, member: Member, values: dict[str, Any]) -> set[str]:
    """The fields the row changes (the member changed in memory), or an empty set."""
    status = values.pop("status", "")
    last_kind = getattr(member, "last_change_kind", None)  # annotated by with_status_on
    current = STATUS_AFTER[last_kind] if last_kind else ""
    if status and status != current:
        row.refuse(
            "status",
            _(
                "Tình trạng trong tệp (%(file)s) khác với hồ sơ (%(record)s); thay đổi tình trạng ghi trên trang của đoàn viên, kèm ngày và lý do."
            )
            % {"file": MemberStatus(status).label, "record": MemberStatus(current).label if current else "—"},
        )
    changed = {key for key in MEMBER_FIELDS if key in values and getattr(member, key) != values[key]}
    for key in changed:
        setattr(member, key, values[key])
    if changed:
        _clean(row, member)
    return changed


def check_table(*, branch: Organisation, table: Table, progress: Progress | None = None, lock: bool = False) -> Plan:
    """What saving `table` into `branch` would do, with each refused row and why.

    `lock` (inside the saving transaction): the branch's members are locked until it ends,
    so that nobody changes them between this check and the save.
    """
    on = today()
    known = _Branch(branch, on, lock=lock)
    plan = Plan(ignored=table.ignored)
    card_rows: dict[str, int] = {}
    matched: dict[int, int] = {}  # member pk -> the row that matched it
    pending: list[tuple[_Row, str]] = []  # rows with a card number, checked against other branches at the end
    total = len(table.rows)
    for index, (number, cells) in enumerate(table.rows, start=1):
        row = _Row(number)
        values = _read_row(row, table, cells)
        if not row.refusals:
            card = values.get("card_number", "")
            if card and card in card_rows:
                row.refuse(
                    "card_number", _("Số thẻ %(card)s trùng với dòng %(row)s.") % {"card": card, "row": card_rows[card]}
                )
            elif card:
                card_rows[card] = number
            member = known.match(values)
            if member is not None and member.pk in matched:
                row.refuse("", _("Dòng này và dòng %(row)s cùng là một đoàn viên.") % {"row": matched[member.pk]})
            elif member is not None:
                matched[member.pk] = number
                changed = _update_member(row, member, values)
                if not row.refusals:
                    if changed:
                        plan.updated.append(member)
                        plan.changed_fields |= changed
                    else:
                        plan.unchanged += 1
            else:
                new = _new_member(row, branch, values)
                if not row.refusals and new is not None:
                    plan.new.append(new)
            if card and not row.refusals:
                pending.append((row, card))
        if row.refusals:
            plan.refused.extend(row.refusals)
            plan.refused_rows += 1
        if progress is not None and (index % PROGRESS_EVERY == 0 or index == total):
            progress(index, total)
    _refuse_cards_of_other_branches(branch, plan, pending)
    return plan


def _refuse_cards_of_other_branches(branch: Organisation, plan: Plan, pending: list[tuple[_Row, str]]) -> None:
    elsewhere = cards_elsewhere(branch, [card for _row, card in pending])
    if not elsewhere:
        return
    refused = {row.number for row, card in pending if card in elsewhere}
    for row, card in pending:
        if card in elsewhere:
            row.refuse(
                "card_number",
                _("Số thẻ %(card)s đã thuộc một đoàn viên của %(branch)s.") % {"card": card, "branch": elsewhere[card]},
            )
            plan.refused.extend(row.refusals)
    plan.refused_rows += len(refused)
    plan.refused.sort(key=lambda refusal: refusal.row)
    plan.new = [m for m in plan.new if m.card_number not in elsewhere]
    plan.updated = [m for m in plan.updated if m.card_number not in elsewhere]
