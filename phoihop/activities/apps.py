from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActivitiesConfig(AppConfig):
    name = "phoihop.activities"
    label = "activities"
    verbose_name = _("Hoạt động phối hợp")

    def ready(self) -> None:
        # The history page (core:history) finds records through this app's scoped lookup.
        from phoihop.activities import rollup, selectors
        from phoihop.core.history import register_history_lookup
        from phoihop.programs.selectors import PROGRESS_COUNTERS

        register_history_lookup("activities.activity", selectors.get_activity_for_user)
        # The plan and task pages of programs count progress through this app.
        if selectors.progress_for_tasks not in PROGRESS_COUNTERS:
            PROGRESS_COUNTERS.append(selectors.progress_for_tasks)
        # The month rollup hears of every write to activities, wherever it comes from.
        rollup.connect()
