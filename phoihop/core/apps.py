from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "phoihop.core"
    label = "core"
    verbose_name = _("Giao diện chung")

    def ready(self) -> None:
        # ready(): the model classes the validators reach exist only once apps are loaded.
        from phoihop.core import checks  # noqa: F401 — registers the system checks
        from phoihop.lib.bounds import install_default_validators

        install_default_validators()
