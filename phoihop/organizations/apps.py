from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganizationsConfig(AppConfig):
    name = "phoihop.organizations"
    label = "organizations"
    verbose_name = _("Tổ chức")

    def ready(self) -> None:
        # The history page (core:history) finds records through this app's scoped lookup.
        from phoihop.core.history import HISTORY_LOOKUPS
        from phoihop.organizations import selectors

        HISTORY_LOOKUPS.setdefault("organizations.organization", selectors.get_organization_for_user)
        HISTORY_LOOKUPS.setdefault("organizations.person", selectors.get_person_for_user)
        HISTORY_LOOKUPS.setdefault("organizations.committee", selectors.get_committee_for_user)
