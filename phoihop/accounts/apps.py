from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "phoihop.accounts"
    label = "accounts"
    verbose_name = _("Tài khoản")

    def ready(self) -> None:
        # The history page (core:history) finds records through this app's scoped lookup.
        from phoihop.accounts import selectors
        from phoihop.core.history import register_history_lookup

        register_history_lookup("accounts.user", selectors.get_user_for_user)
