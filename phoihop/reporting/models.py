"""Expected reports: one per member and period, with a due date.

Completeness and timeliness fall out of these rows; reminders are sent from them.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from phoihop.core.access import settled_scope
from phoihop.programs.models import Program


class ReportStatus(models.TextChoices):
    DUE = "due", _("Chưa nộp")
    SUBMITTED = "submitted", _("Đã nộp")
    RETURNED = "returned", _("Trả lại")
    ACCEPTED = "accepted", _("Đã tiếp nhận")


class PeriodReportQuerySet(models.QuerySet):
    def visible_to(self, user):
        if (settled := settled_scope(self, user)) is not None:
            return settled
        org = user.organization_id
        return self.filter(Q(program__committee__host_id=org) | Q(organization_id=org))


class PeriodReport(models.Model):
    """An expected report of one member for one period: due → submitted → accepted."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="period_reports")
    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("tổ chức"),
        on_delete=models.PROTECT,
        related_name="period_reports",
    )
    period_start = models.DateField(_("kỳ từ ngày"))
    period_end = models.DateField(_("kỳ đến ngày"))
    due_date = models.DateField(_("hạn nộp"), db_index=True)
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.DUE
    )
    narrative = models.TextField(_("nội dung báo cáo"), blank=True)
    submitted_at = models.DateTimeField(_("ngày nộp"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    review_comment = models.TextField(_("ý kiến của Thường trực"), blank=True)
    last_reminded_on = models.DateField(null=True, blank=True)

    history = HistoricalRecords()
    objects = PeriodReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("báo cáo định kỳ")
        verbose_name_plural = _("báo cáo định kỳ")
        ordering = ["-period_end", "organization__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["program", "organization", "period_start", "period_end"],
                name="period_report_unique",
            )
        ]

    def __str__(self) -> str:
        return f"{self.organization} {self.period_start:%d/%m/%Y}–{self.period_end:%d/%m/%Y}"

    @property
    def is_late(self) -> bool:
        if self.submitted_at is None:
            return False
        return timezone.localdate(self.submitted_at) > self.due_date
