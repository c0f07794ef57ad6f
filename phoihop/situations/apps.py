from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SituationsConfig(AppConfig):
    name = "phoihop.situations"
    label = "situations"
    verbose_name = _("Nắm tình hình, vụ việc")

    def ready(self) -> None:
        # The history page (core:history) finds records through this app's scoped lookup.
        from phoihop.core.history import register_history_lookup
        from phoihop.situations import rollup, selectors

        rollup.connect()  # the case-state rollup is rebuilt on every event written
        register_history_lookup("situations.case", selectors.get_case_for_user)
        register_history_lookup("situations.situationreport", selectors.get_report_for_user)
