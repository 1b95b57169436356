"""Race tests run on PostgreSQL with real transactions (each thread commits on its own connection)."""

from __future__ import annotations

import pytest
from django.test import Client


@pytest.fixture
def editors(roles) -> tuple[Client, Client]:
    """Two editors of the demo branch, signed in on their own browsers: the Secretary and the Deputy."""
    secretary, deputy = Client(), Client()
    secretary.force_login(roles.secretary)
    deputy.force_login(roles.deputy)
    return secretary, deputy
