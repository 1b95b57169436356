from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TermsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "terms"
    verbose_name = _("Nhiệm kỳ, Ban Chấp hành và Nghị quyết")
