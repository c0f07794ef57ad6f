from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExchangeConfig(AppConfig):
    name = "phoihop.exchange"
    label = "exchange"
    verbose_name = _("Trao đổi thông tin, thông báo")

    def ready(self) -> None:
        # Waits for Django: activities' hand-offs are told through this app's notify().
        from phoihop.activities.models import Activity
        from phoihop.activities.services import HANDOFF_LISTENERS
        from phoihop.exchange.activity_notices import notify_activity_step
        from phoihop.exchange.models import Bulletin, register_notified_model
        from phoihop.reporting.models import PeriodReport
        from phoihop.situations.models import Case

        if notify_activity_step not in HANDOFF_LISTENERS:
            HANDOFF_LISTENERS.append(notify_activity_step)
        # What a notification may be about: the inbox shows it only while its record is
        # in the reader's visible_to().
        for model in (Bulletin, Activity, Case, PeriodReport):
            register_notified_model(model)
