"""How crispy-forms draws members' forms."""

from __future__ import annotations

from crispy_forms.helper import FormHelper


def fields_only() -> FormHelper:
    """Crispy draws the fields only: the page's template writes the <form> tag, its CSRF token and buttons."""
    helper = FormHelper()
    helper.form_tag = False
    helper.disable_csrf = True
    return helper
