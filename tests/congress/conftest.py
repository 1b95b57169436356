"""Fixtures of the congress tests: the demo congress, at the start of the day or sitting with its bodies."""

from __future__ import annotations

import pytest

from congress.models import Congress
from tests.congress.helpers import approve_bodies, demo_congress, summon_and_open


@pytest.fixture
def congress(demo_branch) -> Congress:
    """The demo congress closing the 2022–2024 term, prepared, nobody summoned yet."""
    return demo_congress(demo_branch)


@pytest.fixture
def sitting(congress) -> Congress:
    """The demo congress opened with everyone present and its three bodies approved."""
    congress = summon_and_open(congress)
    approve_bodies(congress)
    return congress


@pytest.fixture
def secretary_client(client, roles):
    client.force_login(roles.secretary)
    return client
