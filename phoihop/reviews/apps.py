from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReviewsConfig(AppConfig):
    name = "phoihop.reviews"
    label = "reviews"
    verbose_name = _("Sơ kết, tổng kết")

    def ready(self) -> None:
        # Waits for the app registry: a request for contributions to a draft is about its
        # program (reviews/notices.py), shown only while it is in the reader's visible_to().
        from phoihop.exchange.models import register_notified_model
        from phoihop.programs.models import Program

        register_notified_model(Program)
