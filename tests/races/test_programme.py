"""Two editors save the congress programme (a list of items, saved as a whole) at the same instant, each
from the page as they opened it. One list is saved; the other page is refused as a whole with the items
that differ, never a 500, and the programme is never a merge of both with positions given twice."""

from __future__ import annotations

from functools import partial

import pytest
from django.urls import reverse

from congress.forms import ProgrammeForm
from congress.models import Congress
from congress.services.preparation import ensure_programme
from tests.races.helpers import STALE, TRIALS, one_saved_one_refused, only_on_postgresql, race

pytestmark = [pytest.mark.postgres, only_on_postgresql, pytest.mark.django_db(transaction=True)]


def test_two_programme_saves_at_once_keep_one_list_whole_and_refuse_the_other_page(editors, demo_branch):
    congress = Congress.objects.get(closes_term__branch=demo_branch)
    ensure_programme(congress)
    address = reverse("congress:programme", kwargs={"slug": demo_branch.slug, "pk": congress.pk})
    secretary, deputy = editors
    for trial in range(TRIALS):
        versions = ProgrammeForm.versions_of(list(congress.programme_items.all()))  # the page as both opened it
        lists = {
            secretary: [f"Khai mạc {trial}", f"Báo cáo {trial}", f"Bầu cử {trial}"],
            deputy: [f"Chào cờ {trial}", f"Bế mạc {trial}"],
        }
        posts = [partial(c.post, address, {"titles": "\n".join(t), "versions": versions}) for c, t in lists.items()]
        refused = one_saved_one_refused(race(*posts))
        assert STALE in refused.content.decode()
        saved = list(congress.programme_items.order_by("position").values_list("position", "title"))
        titles = [title for _position, title in saved]
        assert titles in list(lists.values())  # one of the two lists, whole, never a merge
        assert [position for position, _title in saved] == list(range(1, len(saved) + 1))  # each position once
        typed = next(t for t in lists.values() if t != titles)
        assert refused.context["changed"], "the refused page shows the items that differ"
        for change in refused.context["changed"]:  # "mục 2": what is saved there now, what this editor typed
            n = int(change.label.removeprefix("mục "))
            assert change.saved == (titles[n - 1] if n <= len(titles) else "")
            assert change.typed == (typed[n - 1] if n <= len(typed) else "")
