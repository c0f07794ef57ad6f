from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganizationsConfig(AppConfig):
    name = "phoihop.organizations"
    label = "organizations"
    verbose_name = _("Tổ chức")

    def ready(self) -> None:
        # The history page (core:history) finds records through this app's scoped lookup.
        from phoihop.core.history import register_history_lookup
        from phoihop.organizations import selectors

        register_history_lookup("organizations.organization", selectors.get_organization_for_user)
        register_history_lookup("organizations.person", selectors.get_person_for_user)
        register_history_lookup("organizations.committee", selectors.get_committee_for_user)
