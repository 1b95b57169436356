"""What the workspace page tests share: the demo branch's addresses, a login per role, finding the demo's rows."""

from __future__ import annotations

from django.urls import reverse

from members.models import Member
from terms.models import CommitteeSeat, Target

SLUG = "so-lao-dong-thuong-binh-va-xa-hoi"
OTHER_SLUG = "so-y-te-mau"
TERM = "2022-2024"

EDITORS = ["secretary", "deputy", "admin"]
READ_ALL_NOT_EDITORS = ["committee", "officer"]
EVERYONE_OF_THE_BRANCH = [*EDITORS, *READ_ALL_NOT_EDITORS, "member"]


def url(name: str, *args, slug: str = SLUG, query: str = "") -> str:
    return reverse(f"terms:{name}", args=[slug, *args]) + (f"?{query}" if query else "")


def login(client, roles, role: str):
    client.force_login(getattr(roles, role))
    return client


def seat_of(term, name: str) -> CommitteeSeat:
    return CommitteeSeat.objects.filter(term=term, ended_on__isnull=True).get(
        member__in=[m for m in Member.objects.filter(branch=term.branch) if m.full_name == name]
    )


def target_named(term, start: str) -> Target:
    return Target.objects.get(resolution__term=term, name__startswith=start)


def changes_shown(response) -> list[tuple[str, str, str]]:
    """What the stale-edit partial lists: (field, what is saved now, what the user typed)."""
    assert "Trong lúc bạn sửa, bản ghi đã được lưu bởi người khác." in response.content.decode()
    return [(c.label, c.saved, c.typed) for c in response.context["changed"]]


def opened_versions(client) -> str:
    """The versions the assignments page carries in its form when it is opened (what a browser posts back)."""
    return client.get(url("assignments")).context["form"]["versions"].value()


def target_post(target: Target) -> dict:
    return {
        "name": target.name,
        "area": target.area,
        "kind": target.kind,
        "planned_value": str(target.planned_value or ""),
        "planned_rating": target.planned_rating,
        "unit": target.unit,
        "responsible": target.responsible_id or "",
        "position": target.position,
    }
