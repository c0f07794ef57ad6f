"""Coordination programs (Chương trình phối hợp hoạt động): multi-year, signed by a
steering committee's members. Annual plans and activities hang on a program."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class ProgramLevel(models.TextChoices):
    PROVINCE = "province", _("Cấp tỉnh")
    COMMUNE = "commune", _("Cấp xã")


class ProgramQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Programs of the committees `user` works in (administrators: all)."""
        from phoihop.organizations.selectors import committees_for_user

        return self.filter(committee__in=committees_for_user(user).values("pk"))

    def running_on(self, day: dt.date):
        return self.filter(period_start__lte=day, period_end__gte=day)


class Program(models.Model):
    name = models.CharField(_("tên chương trình"), max_length=250)
    committee = models.ForeignKey(
        "organizations.Committee",
        verbose_name=_("Ban Chỉ đạo"),
        on_delete=models.PROTECT,
        related_name="programs",
    )
    level = models.CharField(
        _("cấp"), max_length=10, choices=ProgramLevel.choices, default=ProgramLevel.PROVINCE
    )
    period_start = models.DateField(_("thực hiện từ ngày"))
    period_end = models.DateField(_("đến hết ngày"))
    signed_on = models.DateField(_("ngày ký kết"), null=True, blank=True)
    signed_place = models.CharField(_("nơi ký kết"), max_length=120, blank=True)
    description = models.TextField(_("mô tả"), blank=True)

    history = HistoricalRecords()
    objects = ProgramQuerySet.as_manager()

    class Meta:
        verbose_name = _("chương trình phối hợp")
        verbose_name_plural = _("chương trình phối hợp")
        ordering = ["-period_start", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")),
                name="program_period_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValidationError(
                {"period_end": _("Ngày kết thúc phải sau hoặc trùng ngày bắt đầu.")}
            )

    def is_running_on(self, day: dt.date) -> bool:
        return self.period_start <= day <= self.period_end
