from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CongressConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "congress"
    verbose_name = _("Đại hội Chi đoàn")

    def ready(self) -> None:
        from congress.pickers import register

        register()  # the congress's sets for the member picker's search (members:picker)
