"""A text a member brought in (a report, a news article), what was read from it, and
the drafts a person made from it after checking. The original text is kept as it was."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from phoihop.core.access import settled_scope
from phoihop.organizations.models import Committee


class IntakeDocumentQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The committee's secretariat sees its committee's texts; others, their own
        organization's. Outsiders see nothing."""
        if (settled := settled_scope(self, user)) is not None:
            return settled
        mine = self.filter(committee__in=Committee.objects.visible_to(user).values("pk"))
        scope = Q(uploaded_by__organization_id=user.organization_id)
        if user.is_secretariat:
            scope |= Q(committee__host_id=user.organization_id)
        return mine.filter(scope)


class IntakeDocument(models.Model):
    committee = models.ForeignKey(
        "organizations.Committee", verbose_name=_("Ban Chỉ đạo"), on_delete=models.PROTECT,
        related_name="intake_documents",
    )
    title = models.CharField(_("tiêu đề"), max_length=300)
    source_name = models.CharField(_("tên tệp gốc"), max_length=255, blank=True)
    text = models.TextField(_("nội dung văn bản"))
    text_date = models.DateField(_("ngày của văn bản"), null=True, blank=True)
    extraction = models.JSONField(_("kết quả đọc văn bản"), default=dict, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người tải lên"), null=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("thời điểm tải lên"), auto_now_add=True)
    reports = models.ManyToManyField(
        "situations.SituationReport", verbose_name=_("báo cáo nắm tình hình đã tạo"), blank=True,
        related_name="intake_documents",
    )
    activities = models.ManyToManyField(
        "activities.Activity", verbose_name=_("hoạt động đã tạo"), blank=True, related_name="intake_documents",
    )
    review = models.ForeignKey(
        "reviews.ReviewReport", verbose_name=_("đính kèm báo cáo sơ kết, tổng kết"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="intake_documents",
    )

    history = HistoricalRecords(m2m_fields=[reports, activities])
    objects = IntakeDocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("văn bản tiếp nhận")
        verbose_name_plural = _("văn bản tiếp nhận")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.title
