"""The vocabulary of the permission matrix: Expect, the role sets, and Side (the objects of one branch).

An expectation module (tests/access/expect_<area>.py) holds

    EXPECTATIONS: dict[str, Expect | tuple[Expect, ...]]

keyed by the namespaced URL name ("members:detail", "terms:target_edit",
"home"). Each Expect says:

* ``kwargs``: a function Side -> dict building the URL's kwargs for ONE branch,
  from that branch's objects, e.g. ``lambda s: {"slug": s.slug, "pk": s.member.pk}``.
  The harness calls it for the demo branch ("own") and for the other branch
  so-y-te-mau ("other"), and also builds "cross": the other branch's kwargs with
  the demo branch's slug (an object of another branch under our slug).
* ``allowed``: the roles that may use the URL, among secretary, deputy,
  committee, member, officer, outsider (use the sets below: EDITORS, READ_ALL,
  EVERYONE, or your own frozenset).
* ``method``: "GET" (default) or "POST"; ``data``: the POST body (default
  empty: an invalid form, so allowed roles get 200 (form errors) or 302).
  To test both methods give a tuple: ``(Expect(...), Expect(..., method="POST"))``.
* ``ok``: the answers that count as "let in" (default {200} for GET, {200, 302}
  for POST).
* ``branch_scoped``: False for URLs outside a branch (home, password change):
  tested once per role, no own/other/cross.

What the harness derives for every role (and for anonymous):

  anonymous                                  -> 302 to the sign-in page
  role allowed                               -> an answer in ``ok``
  role that sees the branch, not allowed     -> 403
  role that cannot see the branch            -> 404
  cross (our slug, other branch's object)    -> 404 (403 also accepted for roles refused anyway)

Who sees which branch: in the demo branch, everyone but the outsider; in
so-y-te-mau, the officer (as officer) and the outsider (as its ordinary member,
so "member" rules apply to them there).

Side: the objects of one branch that kwargs functions may use: branch, slug,
term, term_slug, resolution, target, progress (a ProgressEntry), seat,
assignment, congress, member (the ordinary member's OWN record: Phạm Thị Thu
Trang in the demo branch, Phan Thị Diễm, the outsider, in so-y-te-mau),
other_member (a member who is not the user), year. A module that needs more
defines ``prepare(side: Side) -> None`` and sets attributes on the side; the
harness calls it for both branches before building kwargs.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from types import SimpleNamespace

SECRETARY, DEPUTY, COMMITTEE, MEMBER, OFFICER, OUTSIDER = (
    "secretary",
    "deputy",
    "committee",
    "member",
    "officer",
    "outsider",
)
ROLES = (SECRETARY, DEPUTY, COMMITTEE, MEMBER, OFFICER, OUTSIDER)

EDITORS = frozenset({SECRETARY, DEPUTY})
READ_ALL = EDITORS | {COMMITTEE, OFFICER}
EVERYONE = READ_ALL | {MEMBER}
ANY_LOGIN = frozenset(ROLES)


class Side(SimpleNamespace):
    """The objects of one branch (see the module docstring)."""


@dataclass(frozen=True)
class Expect:
    kwargs: Callable[[Side], dict]
    allowed: frozenset[str]
    method: str = "GET"
    data: dict = field(default_factory=dict)
    ok: frozenset[int] | None = None
    branch_scoped: bool = True

    @property
    def ok_statuses(self) -> frozenset[int]:
        if self.ok is not None:
            return self.ok
        return frozenset({200}) if self.method == "GET" else frozenset({200, 302})


def branch(s: Side) -> dict:
    """The kwargs of a page of the branch itself."""
    return {"slug": s.slug}


def get_and_post(kwargs: Callable[[Side], dict], *, get: frozenset[str], post: frozenset[str]) -> tuple[Expect, Expect]:
    """A form page: who may open it (GET) and who may send it (POST)."""
    return (Expect(kwargs=kwargs, allowed=get), Expect(kwargs=kwargs, allowed=post, method="POST"))
