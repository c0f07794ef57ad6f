"""What members did: activities with joint credit, period reports and coordination models.

A joint activity has ONE set of figures and several participants with roles; totals
count it once, and it appears in every participant's record with its role.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from phoihop.programs.models import ContentArea, Indicator, Program, Task


class ActivityStatus(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    SUBMITTED = "submitted", _("Đã gửi")
    RETURNED = "returned", _("Trả lại để bổ sung")
    CONFIRMED = "confirmed", _("Đã xác nhận")


class ParticipantRole(models.TextChoices):
    LEAD = "lead", _("Chủ trì")
    PARTNER = "partner", _("Phối hợp")


class ParticipationStatus(models.TextChoices):
    PENDING = "pending", _("Chờ xác nhận")
    CONFIRMED = "confirmed", _("Đã xác nhận tham gia")
    DECLINED = "declined", _("Từ chối")


class ActivityQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The one place that decides which activities `user` may see.

        Administrators: all. Users of a committee's host organization (the secretariat
        and its leaders): every submitted activity of that committee's programs. Every
        member: the activities it leads or takes part in (drafts only its own).
        """
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_administrator:
            return self.all()
        if user.organization_id is None:
            return self.none()
        org = user.organization_id
        hosted = Q(program__committee__host_id=org) & ~Q(status=ActivityStatus.DRAFT)
        own = Q(lead_id=org)
        partner = Q(participations__organization_id=org) & ~Q(status=ActivityStatus.DRAFT)
        ids = self.filter(hosted | own | partner).values("pk")
        return self.filter(pk__in=ids)

    def counted(self):
        """Activities whose figures count in totals: confirmed by the secretariat."""
        return self.filter(status=ActivityStatus.CONFIRMED)


class Activity(models.Model):
    program = models.ForeignKey(
        Program, verbose_name=_("chương trình"), on_delete=models.PROTECT, related_name="activities"
    )
    task = models.ForeignKey(
        Task,
        verbose_name=_("thực hiện nhiệm vụ"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="activities",
    )
    title = models.CharField(_("tên hoạt động"), max_length=300)
    start_date = models.DateField(_("từ ngày"), db_index=True)
    end_date = models.DateField(_("đến ngày"))
    content_area = models.ForeignKey(
        ContentArea,
        verbose_name=_("nội dung phối hợp"),
        on_delete=models.PROTECT,
        related_name="activities",
    )
    lead = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("cơ quan chủ trì"),
        on_delete=models.PROTECT,
        related_name="led_activities",
    )
    localities = models.ManyToManyField(
        "localities.Locality", verbose_name=_("địa bàn"), blank=True, related_name="activities"
    )
    narrative = models.TextField(_("kết quả, mô tả"), blank=True)
    status = models.CharField(
        _("trạng thái"),
        max_length=10,
        choices=ActivityStatus.choices,
        default=ActivityStatus.DRAFT,
        db_index=True,
    )
    review_comment = models.TextField(_("ý kiến của Thường trực"), blank=True)
    participant_count = models.PositiveSmallIntegerField(
        _("số tổ chức tham gia"),
        default=1,
        editable=False,
        help_text=_("Chủ trì cộng các tổ chức phối hợp đã xác nhận; cập nhật bởi dịch vụ."),
    )
    revision = models.PositiveIntegerField(_("phiên bản"), default=1, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords(m2m_fields=[localities])
    objects = ActivityQuerySet.as_manager()

    class Meta:
        verbose_name = _("hoạt động")
        verbose_name_plural = _("hoạt động")
        ordering = ["-start_date", "-pk"]
        indexes = [
            models.Index(fields=["program", "status", "start_date"]),
            models.Index(fields=["lead", "start_date"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("start_date")), name="activity_dates_in_order"
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_joint(self) -> bool:
        return self.participant_count >= 2


class Participation(models.Model):
    """An organization's part in an activity: the lead, or a partner who confirms."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="participations")
    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("tổ chức"),
        on_delete=models.PROTECT,
        related_name="participations",
    )
    role = models.CharField(_("vai trò"), max_length=10, choices=ParticipantRole.choices)
    status = models.CharField(
        _("xác nhận"),
        max_length=10,
        choices=ParticipationStatus.choices,
        default=ParticipationStatus.PENDING,
    )
    contribution = models.TextField(_("phần việc"), blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    responded_at = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("tổ chức tham gia")
        verbose_name_plural = _("tổ chức tham gia")
        ordering = ["role", "organization__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "organization"], name="participation_unique_org"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organization} ({self.get_role_display()})"


class Figure(models.Model):
    """One indicator's value for an activity: reported once, whoever took part."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="figures")
    indicator = models.ForeignKey(
        Indicator, verbose_name=_("chỉ tiêu"), on_delete=models.PROTECT, related_name="figures"
    )
    value = models.DecimalField(_("giá trị"), max_digits=18, decimal_places=2)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("số liệu")
        verbose_name_plural = _("số liệu")
        constraints = [
            models.UniqueConstraint(fields=["activity", "indicator"], name="figure_unique_indicator")
        ]

    def __str__(self) -> str:
        return f"{self.indicator}: {self.value}"


class Attachment(models.Model):
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("tệp"), upload_to="activities/%Y/%m/")
    original_name = models.CharField(_("tên tệp"), max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField(_("dung lượng (byte)"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("tệp đính kèm")
        verbose_name_plural = _("tệp đính kèm")
        ordering = ["uploaded_at"]

    def __str__(self) -> str:
        return self.original_name


class ReportStatus(models.TextChoices):
    DUE = "due", _("Chưa nộp")
    SUBMITTED = "submitted", _("Đã nộp")
    RETURNED = "returned", _("Trả lại")
    ACCEPTED = "accepted", _("Đã tiếp nhận")


class PeriodReportQuerySet(models.QuerySet):
    def visible_to(self, user):
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_administrator:
            return self.all()
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
