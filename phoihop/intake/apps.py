from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntakeConfig(AppConfig):
    name = "phoihop.intake"
    label = "intake"
    verbose_name = _("Tiếp nhận văn bản")
