"""TEMPORARY alias of tests/congress/helpers.py: tests/reports/test_congress_documents.py still imports
the helpers from here. Not tests (tests/congress/conftest.py keeps pytest from collecting it); remove
it once that file imports tests.congress.helpers."""

from tests.congress.helpers import *  # noqa: F403
