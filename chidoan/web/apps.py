from django.apps import AppConfig


class WebConfig(AppConfig):
    """The top layer: who may do what (roles from the data), the start page and the dashboard."""

    name = "chidoan.web"
    label = "web"
    verbose_name = "chidoan"

    def ready(self) -> None:
        from chidoan.lib import access
        from chidoan.web import invalidation, permissions

        access.register_resolver(permissions.resolve_branch_access)
        invalidation.connect()  # the dashboard's cached figures hear of every write they come from
