"""Optimistic locking on the congress day (chidoan.lib.locking): a page opened before someone else's
save is refused, shows what they changed, and saves nothing; a form without its version is refused too."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from chidoan.lib.locking import StaleEditError
from congress import services
from congress.models import Congress, ProgrammeItem

# The `congress` fixture below overrides the shared one, which hides the database from pytest-django's
# ordering: say it, so these run with the other database tests (before any that flush the demo).
pytestmark = pytest.mark.django_db

SLUG = "so-lao-dong-thuong-binh-va-xa-hoi"
STALE = "vừa được người khác thay đổi"
OLD_FORM = "Biểu mẫu đã cũ hoặc không đầy đủ"


@pytest.fixture
def congress(congress) -> Congress:
    """The demo congress with its programme (the first summons writes the default one)."""
    services.congress_summon(congress=congress)
    congress.refresh_from_db()
    return congress


def url(name: str, congress: Congress, **kwargs) -> str:
    return reverse(f"congress:{name}", kwargs={"slug": SLUG, "pk": congress.pk, **kwargs})


def hidden(html: str, name: str) -> str:
    """The value of the page's hidden input `name`, as the browser would post it back."""
    match = re.search(rf'<input type="hidden" name="{name}" value="([^"]*)"', html)
    assert match, f"no hidden {name} on the page"
    return match.group(1)


def details(congress: Congress, **changes) -> dict[str, str]:
    """The edit form's fields as the page shows them, with `changes` typed over them."""
    fields = {
        "held_on": congress.held_on.isoformat(),
        "starts_at": congress.starts_at.strftime("%H:%M") if congress.starts_at else "",
        "place": congress.place,
        "new_term_number": congress.new_term_number or "",
        "new_term_starts_on": congress.new_term_starts_on.isoformat(),
        "new_term_ends_on": congress.new_term_ends_on.isoformat(),
        "resolution_title": congress.resolution_title,
    }
    return {**fields, **changes}


# --------------------------------------------------------------------------- the congress's details


def test_a_congress_update_over_a_newer_version_is_refused_and_saves_nothing(congress):
    opened_on = congress.version
    services.congress_update(congress=congress, expected_version=opened_on, place="Hội trường A")
    stale = Congress.objects.get(pk=congress.pk)
    with pytest.raises(StaleEditError):
        services.congress_update(congress=stale, expected_version=opened_on, place="Hội trường B")
    congress.refresh_from_db()
    assert (congress.place, congress.version) == ("Hội trường A", opened_on + 1)


def test_the_edit_page_saves_with_the_version_it_was_opened_on(secretary_client, congress):
    page = secretary_client.get(url("edit", congress)).content.decode()
    version = hidden(page, "version")
    response = secretary_client.post(
        url("edit", congress), details(congress, place="Nhà văn hóa", version=version), follow=True
    )
    assert response.redirect_chain[-1][0] == url("detail", congress)
    congress.refresh_from_db()
    assert (congress.place, congress.version) == ("Nhà văn hóa", int(version) + 1)


def test_the_edit_page_refuses_a_stale_save_and_shows_what_changed(secretary_client, congress):
    version = hidden(secretary_client.get(url("edit", congress)).content.decode(), "version")
    # Meanwhile the Deputy moves the congress to another hall.
    services.congress_update(congress=congress, expected_version=congress.version, place="Hội trường A")

    response = secretary_client.post(url("edit", congress), details(congress, place="Hội trường B", version=version))

    assert response.status_code == 200
    html = response.content.decode()
    assert STALE in html
    assert [(c.label, c.saved, c.typed) for c in response.context["changed"]] == [
        ("địa điểm", "Hội trường A", "Hội trường B")
    ]
    assert "<strong>Hội trường A</strong>" in html and "<strong>Hội trường B</strong>" in html
    assert hidden(html, "version") == str(int(version) + 1)  # a second save goes over the new version
    congress.refresh_from_db()
    assert (congress.place, congress.version) == ("Hội trường A", int(version) + 1)


def test_the_edit_page_refuses_a_form_without_its_version(secretary_client, congress):
    """The page used to skip the check when the form left the version out, and saved over anything."""
    version = congress.version
    response = secretary_client.post(url("edit", congress), details(congress, place="Hội trường B"))
    assert response.status_code == 200
    assert OLD_FORM in response.content.decode()
    congress.refresh_from_db()
    assert congress.place != "Hội trường B"
    assert congress.version == version


# --------------------------------------------------------------------------- the programme


def test_a_programme_set_over_a_changed_item_is_refused_and_saves_nothing(congress):
    items = list(congress.programme_items.all())
    opened_on = {item.pk: item.version for item in items}
    services.programme_note(item=items[0], notes="Đồng chí Bí thư khai mạc.", expected_version=items[0].version)
    with pytest.raises(StaleEditError):
        services.programme_set(congress=congress, titles=["Khai mạc", "Bế mạc"], expected_versions=opened_on)
    assert list(congress.programme_items.values_list("pk", flat=True)) == [item.pk for item in items]
    assert congress.programme_items.get(pk=items[0].pk).notes == "Đồng chí Bí thư khai mạc."


def test_the_programme_page_refuses_a_stale_page_as_a_whole_and_shows_what_changed(secretary_client, congress):
    versions = hidden(secretary_client.get(url("programme", congress)).content.decode(), "versions")
    before = list(congress.programme_items.values_list("pk", "title"))
    # Meanwhile someone else saves the programme with a new first item.
    mine = [title for _pk, title in before]
    theirs = ["Văn nghệ chào mừng", *mine]
    services.programme_set(
        congress=congress,
        titles=theirs,
        expected_versions={item.pk: item.version for item in congress.programme_items.all()},
    )
    saved = list(congress.programme_items.values_list("pk", "title"))

    response = secretary_client.post(url("programme", congress), {"titles": "\n".join(mine[:-1]), "versions": versions})

    assert response.status_code == 200
    html = response.content.decode()
    assert STALE in html
    changed = response.context["changed"]
    assert changed[0].label == "mục 1" and (changed[0].saved, changed[0].typed) == ("Văn nghệ chào mừng", mine[0])
    assert "<strong>Văn nghệ chào mừng</strong>" in html
    assert list(congress.programme_items.values_list("pk", "title")) == saved  # nothing of the stale page
    new_versions = ",".join(f"{pk}:1" for pk, _title in saved)
    assert hidden(html, "versions") == new_versions


def test_the_programme_page_refuses_a_form_without_the_versions_of_its_items(secretary_client, congress):
    before = list(congress.programme_items.values_list("pk", "title"))
    response = secretary_client.post(url("programme", congress), {"titles": "Khai mạc\nBế mạc"})
    assert response.status_code == 200
    assert STALE in response.content.decode()
    assert list(congress.programme_items.values_list("pk", "title")) == before


def test_the_programme_page_saves_when_nothing_changed_meanwhile(secretary_client, congress):
    first = congress.programme_items.first()
    services.programme_note(item=first, notes="Khai mạc lúc 8 giờ.", expected_version=first.version)
    versions = hidden(secretary_client.get(url("programme", congress)).content.decode(), "versions")
    response = secretary_client.post(
        url("programme", congress), {"titles": f"{first.title}\nBế mạc", "versions": versions}, follow=True
    )
    assert response.redirect_chain[-1][0] == url("detail", congress) + "#chuong-trinh"
    assert [(i.title, i.notes) for i in congress.programme_items.all()] == [
        (first.title, "Khai mạc lúc 8 giờ."),  # a kept title keeps its notes
        ("Bế mạc", ""),
    ]


# --------------------------------------------------------------------------- the notes of an item


def test_the_notes_page_refuses_a_stale_save_and_shows_what_changed(secretary_client, congress):
    item = congress.programme_items.first()
    version = hidden(secretary_client.get(url("item_notes", congress, item_pk=item.pk)).content.decode(), "version")
    services.programme_note(item=item, notes="Ghi của Thư ký.", expected_version=item.version)

    response = secretary_client.post(
        url("item_notes", congress, item_pk=item.pk), {"notes": "Ghi của Bí thư.", "version": version}
    )

    assert response.status_code == 200
    assert STALE in response.content.decode()
    assert [(c.label, c.saved, c.typed) for c in response.context["changed"]] == [
        ("diễn biến", "Ghi của Thư ký.", "Ghi của Bí thư.")
    ]
    item.refresh_from_db()
    assert (item.notes, item.version) == ("Ghi của Thư ký.", int(version) + 1)


def test_the_notes_page_saves_with_its_version(secretary_client, congress):
    item = congress.programme_items.first()
    version = hidden(secretary_client.get(url("item_notes", congress, item_pk=item.pk)).content.decode(), "version")
    response = secretary_client.post(
        url("item_notes", congress, item_pk=item.pk), {"notes": "Ghi của Bí thư.", "version": version}, follow=True
    )
    assert "Ghi của Bí thư." in response.content.decode()
    assert ProgrammeItem.objects.get(pk=item.pk).notes == "Ghi của Bí thư."
