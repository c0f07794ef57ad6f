from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PracticesConfig(AppConfig):
    name = "phoihop.practices"
    label = "practices"
    verbose_name = _("Mô hình phối hợp")

    def ready(self) -> None:
        # The history page (core:history) finds records through this app's scoped lookup.
        from phoihop.core.history import register_history_lookup
        from phoihop.practices import selectors

        register_history_lookup("practices.coordinationmodel", selectors.get_coordination_model_for_user)
