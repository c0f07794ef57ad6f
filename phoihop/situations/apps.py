from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SituationsConfig(AppConfig):
    name = "phoihop.situations"
    label = "situations"
    verbose_name = _("Nắm tình hình, vụ việc")
