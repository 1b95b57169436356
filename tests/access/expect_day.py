"""Permission-matrix expectations for the day URLs.

Format (see tests/access/expect.py for the details and the derived answers):

    from tests.access.expect import EDITORS, EVERYONE, READ_ALL, Expect

    EXPECTATIONS = {
        "namespace:url_name": Expect(kwargs=lambda s: {"slug": s.slug, "pk": s.target.pk}, allowed=READ_ALL),
        "namespace:other": (
            Expect(kwargs=lambda s: {"slug": s.slug}, allowed=READ_ALL),
            Expect(kwargs=lambda s: {"slug": s.slug}, allowed=EDITORS, method="POST"),
        ),
    }

Every named URL of the project must appear in exactly one expect_*.py module,
or tests/access/test_permission_matrix.py fails and names it.
"""

EXPECTATIONS: dict = {}
