from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LocalitiesConfig(AppConfig):
    name = "phoihop.localities"
    label = "localities"
    verbose_name = _("Địa bàn")

    def ready(self) -> None:
        # The history page (core:history) finds records through this app's scoped lookup.
        from phoihop.core.history import register_history_lookup
        from phoihop.localities import selectors

        register_history_lookup("localities.locality", selectors.get_locality_for_user)
