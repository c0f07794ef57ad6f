"""Coordination models (mô hình phối hợp): exemplary joint practices, their evidence,
recognition and replication."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from phoihop.activities.models import Activity
from phoihop.programs.models import ContentArea, Program


class ModelStatus(models.TextChoices):
    PROPOSED = "proposed", _("Đề xuất")
    RECOGNIZED = "recognized", _("Được công nhận")
    OUTSTANDING = "outstanding", _("Tiêu biểu, nổi bật")


class CoordinationModelQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(program__in=Program.objects.visible_to(user))


class CoordinationModel(models.Model):
    """Mô hình phối hợp: an exemplary joint practice, its evidence and recognition."""

    program = models.ForeignKey(Program, on_delete=models.PROTECT, related_name="coordination_models")
    name = models.CharField(_("tên mô hình"), max_length=250)
    content_area = models.ForeignKey(
        ContentArea, verbose_name=_("nội dung phối hợp"), on_delete=models.PROTECT, related_name="+"
    )
    members = models.ManyToManyField(
        "organizations.Organization", verbose_name=_("tổ chức tham gia"), related_name="+"
    )
    localities = models.ManyToManyField(
        "localities.Locality", verbose_name=_("địa bàn"), blank=True, related_name="+"
    )
    started_on = models.DateField(_("bắt đầu"))
    ended_on = models.DateField(_("kết thúc"), null=True, blank=True)
    description = models.TextField(_("mô tả"))
    evidence = models.ManyToManyField(
        Activity, verbose_name=_("hoạt động minh chứng"), blank=True, related_name="models_evidenced"
    )
    status = models.CharField(
        _("mức công nhận"), max_length=12, choices=ModelStatus.choices, default=ModelStatus.PROPOSED
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_on = models.DateField(_("ngày quyết định"), null=True, blank=True)
    decision_note = models.CharField(_("căn cứ công nhận"), max_length=300, blank=True)

    history = HistoricalRecords(m2m_fields=[members, localities, evidence])
    objects = CoordinationModelQuerySet.as_manager()

    class Meta:
        verbose_name = _("mô hình phối hợp")
        verbose_name_plural = _("mô hình phối hợp")
        ordering = ["-started_on", "name"]

    def __str__(self) -> str:
        return self.name


class Replication(models.Model):
    """Where a model was taken up again."""

    model = models.ForeignKey(CoordinationModel, on_delete=models.CASCADE, related_name="replications")
    locality = models.ForeignKey(
        "localities.Locality", verbose_name=_("địa bàn nhân rộng"), on_delete=models.PROTECT, related_name="+"
    )
    started_on = models.DateField(_("từ ngày"))
    note = models.CharField(_("ghi chú"), max_length=300, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("nhân rộng mô hình")
        verbose_name_plural = _("nhân rộng mô hình")

    def __str__(self) -> str:
        return f"{self.model} → {self.locality}"
