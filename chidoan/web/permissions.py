"""Who may see and change what, derived from the data.

Roles are never a separate list that can drift: the Secretary and the Deputy
are whoever holds that seat in the branch's current term today, committee
members likewise; an ordinary member is the member linked to the login; an
officer is granted on an organisation and sees every branch below it. A login
whose member held a seat in a closed term of the branch, and is no longer an
active member there, reads that term's records only (Role.FORMER_COMMITTEE).

This module is the top layer because it reads both `members` and `terms`; it
registers `resolve_branch_access` with `chidoan.lib.access` at start-up, and
the apps' views ask that module, never this one.
"""

from __future__ import annotations

import datetime
from typing import Any, cast

from django.contrib.auth.models import User
from django.db import connection
from django.db.models import Model, OuterRef, Q, QuerySet, Subquery
from django.utils.functional import SimpleLazyObject

from chidoan.lib.access import Access, Role, SiteUser
from chidoan.lib.dates import today
from members.models import Member, Organisation, OrganisationKind, OrganisationOfficer, OrganisationQuerySet
from terms.models import CommitteeRole, CommitteeSeat, Term


def _officer_grant(user: User, branch: Organisation) -> OrganisationOfficer | None:
    prefixes = [branch.path[: i + 1] for i, ch in enumerate(branch.path) if ch == "/"]
    return OrganisationOfficer.objects.filter(user=user, organisation__path__in=prefixes).order_by("-can_edit").first()


def _columns(model: type[Model], alias: str) -> tuple[list[str], str]:
    fields = [f for f in model._meta.concrete_fields]
    quote = connection.ops.quote_name
    return [f.attname for f in fields], ", ".join(f"{alias}.{quote(f.column)}" for f in fields)


_ACCESS_SQL: tuple[str, list[str], list[str], list[str]] | None = None


def _access_sql() -> tuple[str, list[str], list[str], list[str]]:
    """One query for what every branch page asks first: the branch by its slug, its term in force, the
    login's member there and that member's seat in the term today (built once per process)."""
    global _ACCESS_SQL
    if _ACCESS_SQL is None:
        branch_names, branch_cols = _columns(Organisation, "o")
        term_names, term_cols = _columns(Term, "t")
        member_names, member_cols = _columns(Member, "m")
        o, t, m, s = (table._meta.db_table for table in (Organisation, Term, Member, CommitteeSeat))
        sql = f"""
            SELECT {branch_cols}, {term_cols}, {member_cols},
                (SELECT s.role FROM {s} s
                  WHERE s.term_id = t.id AND s.member_id = m.id AND s.started_on <= %(on)s
                    AND (s.ended_on IS NULL OR s.ended_on >= %(on)s)
                  ORDER BY s.position, s.started_on, s.id LIMIT 1)
            FROM {o} o
            LEFT JOIN {t} t ON t.id = (
                SELECT t2.id FROM {t} t2 WHERE t2.branch_id = o.id AND t2.starts_on <= %(on)s
                ORDER BY t2.starts_on DESC LIMIT 1)
            LEFT JOIN {m} m ON m.user_id = %(user)s AND m.branch_id = o.id
            WHERE o.slug = %(slug)s AND o.kind = %(kind)s"""
        _ACCESS_SQL = (sql, branch_names, term_names, member_names)
    return _ACCESS_SQL


def _lazy(make: Any) -> QuerySet:
    """A QuerySet built only if a page reads it (most pages never do: building one costs ~1 ms of the ORM)."""
    return cast(QuerySet, SimpleLazyObject(make))


def _load_branch(
    user: SiteUser, slug: str, on: datetime.date
) -> tuple[Organisation, Term | None, Member | None] | None:
    """The branch with this slug, its term in force on `on`, and the login's member there with `seat_role`: one query."""
    sql, branch_names, term_names, member_names = _access_sql()
    user_id = user.pk if user.is_authenticated else None
    with connection.cursor() as cursor:
        cursor.execute(sql, {"on": on, "user": user_id, "slug": slug, "kind": OrganisationKind.BRANCH.value})
        row = cursor.fetchone()
    if row is None:
        return None
    values = list(row)
    nb, nt, nm = len(branch_names), len(term_names), len(member_names)
    branch = _from_db(Organisation, branch_names, values[:nb])
    term_values = values[nb : nb + nt]
    term = _from_db(Term, term_names, term_values) if term_values[0] is not None else None
    member_values = values[nb + nt : nb + nt + nm]
    member = _from_db(Member, member_names, member_values) if member_values[0] is not None else None
    if member is not None:
        member.seat_role = values[-1] if term is not None else None  # type: ignore[attr-defined]
    return cast(Organisation, branch), cast(Term | None, term), cast(Member | None, member)


_CONVERTERS: dict[type[Model], list[tuple[Any, list[Any]]]] = {}


def _from_db(model: type[Model], names: list[str], values: list[Any]) -> Model:
    """A model instance from its row, each value converted as the ORM would (dates are text on SQLite)."""
    converters = _CONVERTERS.get(model)
    if converters is None:
        converters = []
        for field in model._meta.concrete_fields:
            column = field.get_col(model._meta.db_table)
            converters.append((column, connection.ops.get_db_converters(column) + column.get_db_converters(connection)))
        _CONVERTERS[model] = converters
    converted = []
    for (column, functions), value in zip(converters, values, strict=True):
        for function in functions:
            value = function(value, column, connection)
        converted.append(value)
    return model.from_db(connection.alias, names, converted)


def branch_access(
    user: SiteUser, branch: Organisation, *, on: datetime.date | None = None, loaded: tuple[Any, Any] | None = None
) -> Access | None:
    """The user's access to `branch`, or None when they may not see it at all.

    `loaded`: the branch's term in force and the login's member (with `seat_role`), when the caller
    has read them already (`resolve_branch_access`: one query for the three)."""
    if not user.is_authenticated or branch.kind != OrganisationKind.BRANCH:
        return None
    on = on or today()
    if loaded is None:
        loaded = _loaded_by_orm(user, branch, on)
    term, member = loaded
    if member is not None:  # what the page header reads as `user.member`: no second query for it
        Member._meta.get_field("user").remote_field.set_cached_value(user, member)

    def make_seats() -> QuerySet:
        return (
            CommitteeSeat.objects.filter(term=term) if term is not None else CommitteeSeat.objects.none()
        ).with_role_label()

    # The seats the login's member held in the branch's closed terms (the terms before the current one: a
    # term stays current until the next begins), by the login, not the branch: a member who moved to another
    # branch keeps their record (and login) there.
    def make_former() -> QuerySet:
        former = CommitteeSeat.objects.filter(member__user=user, term__branch=branch, term__starts_on__lte=on)
        return former.exclude(term=term) if term is not None else former.none()

    seats, former = _lazy(make_seats), _lazy(make_former)

    def access(role: str) -> Access:
        return Access(branch=branch, role=role, member=member, term=term, seats=seats, former_seats=former)

    if user.is_superuser:
        return access(Role.ADMIN)
    seat_role = getattr(member, "seat_role", None)
    if seat_role is not None:
        role = {
            CommitteeRole.SECRETARY: Role.SECRETARY,
            CommitteeRole.DEPUTY: Role.DEPUTY,
        }.get(seat_role, Role.COMMITTEE)
        return access(role)
    grant = _officer_grant(user, branch)
    if grant is not None:
        return access(Role.OFFICER_EDITOR if grant.can_edit else Role.OFFICER)
    if member is not None and Member.objects.filter(pk=member.pk).active_on(on).exists():
        return access(Role.MEMBER)
    if former.exists():
        return access(Role.FORMER_COMMITTEE)
    return None


def _loaded_by_orm(user: User, branch: Organisation, on: datetime.date) -> tuple[Term | None, Member | None]:
    """The branch's term in force on `on` and the login's member there with their seat's role (`seat_role`)."""
    term = Term.objects.current_for(branch, on)
    members = Member.objects.filter(user=user, branch=branch)
    if term is not None:  # the member's seat today in the same query: the role is one query, not two
        seat = CommitteeSeat.objects.filter(term=term, member=OuterRef("pk")).held_on(on)
        first = seat.order_by("position", "started_on", "id")  # the seats' own order within a term
        members = members.annotate(seat_role=Subquery(first.values("role")[:1]))
    return term, members.first()


def resolve_branch_access(user: SiteUser, slug: str) -> Access | None:
    """Registered with chidoan.lib.access: the access to the branch with this slug, None when there is none to see."""
    on = today()
    loaded = _load_branch(user, slug, on)
    if loaded is None:
        return None
    branch, term, member = loaded
    return branch_access(user, branch, on=on, loaded=(term, member))


def branches_visible_to(user: SiteUser) -> OrganisationQuerySet:
    """Every branch the user may open: their own, and all below the organisations they are officer of."""
    branches = Organisation.objects.branches()
    if not user.is_authenticated:
        return branches.none()
    if user.is_superuser:
        return branches
    # A subquery, not a join: joining every member of the province and then
    # DISTINCT cost ~2 s for a province officer at 100,000 members (bench/scale.py).
    condition = Q(pk__in=Member.objects.filter(user=user).values("branch_id"))
    for path in OrganisationOfficer.objects.filter(user=user).values_list("organisation__path", flat=True):
        condition |= Q(path__startswith=path)
    return branches.filter(condition)
