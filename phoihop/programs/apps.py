from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgramsConfig(AppConfig):
    name = "phoihop.programs"
    label = "programs"
    verbose_name = _("Chương trình phối hợp")

    def ready(self) -> None:
        # The history page (core:history) finds records through each app's scoped lookup.
        from phoihop.core.history import register_history_lookup
        from phoihop.programs import selectors

        register_history_lookup("programs.program", selectors.get_program_for_user)
        register_history_lookup("programs.annualplan", selectors.get_plan_for_user)
        register_history_lookup("programs.task", selectors.get_task_for_user)
