"""What members did: activities with joint credit, period reports and coordination models.

A joint activity has ONE set of figures and several participants with roles; totals
count it once, and it appears in every participant's record with its role.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from phoihop.core.access import settled_scope
from phoihop.lib.text import fold
from phoihop.programs.models import ContentArea, Indicator, Program, Task


class ActivityStatus(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    SUBMITTED = "submitted", _("Đã gửi")
    RETURNED = "returned", _("Trả lại để bổ sung")
    CONFIRMED = "confirmed", _("Đã xác nhận")


class ParticipantRole(models.TextChoices):
    LEAD = "lead", _("Chủ trì")
    PARTNER = "partner", pgettext_lazy("vai trò", "Phối hợp")


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
        if (settled := settled_scope(self, user)) is not None:
            return settled
        org = user.organization_id
        # Three subqueries, each on its own index, joined by OR on the primary key: an OR
        # across the joins would scan every activity of every program (580 ms against
        # 1 ms at 200,000 activities, and the notification badge asks on every page).
        every = Activity.objects.order_by()
        submitted = every.exclude(status=ActivityStatus.DRAFT)
        hosted = submitted.filter(program__committee__host_id=org).values("pk")
        own = every.filter(lead_id=org).values("pk")
        partner = submitted.filter(participations__organization_id=org).values("pk")
        return self.filter(Q(pk__in=hosted) | Q(pk__in=own) | Q(pk__in=partner))

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
    import_batch = models.UUIDField(
        _("lần nhập từ Excel"),
        null=True,
        blank=True,
        editable=False,
        db_index=True,
        help_text=_("Các hoạt động nhập cùng một tệp Excel có chung mã này."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    search_text = models.CharField(max_length=300, editable=False, blank=True, db_index=True)

    history = HistoricalRecords(m2m_fields=[localities], excluded_fields=["search_text"])
    objects = ActivityQuerySet.as_manager()

    class Meta:
        verbose_name = _("hoạt động")
        verbose_name_plural = _("hoạt động")
        ordering = ["-start_date", "-pk"]
        indexes = [
            # Covers the review's GROUP BY (counts, joint counts) and its joins to figures,
            # participations and places: no table lookup on SQLite (its indexes hold the
            # row id), index-only on PostgreSQL (the id and task are included for that).
            models.Index(
                fields=[
                    "program",
                    "status",
                    "start_date",
                    "content_area",
                    "lead",
                    "participant_count",
                ],
                include=["id", "task"],
                name="activity_counted_idx",
            ),
            models.Index(fields=["lead", "start_date"]),
            # The review's joint activities named in each content area (reviews.compute.
            # activities.named_joint): its ranking, after the area, read a few rows an area.
            models.Index(
                fields=["program", "status", "content_area", "-participant_count", "start_date", "id"],
                name="activity_named_joint_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("start_date")), name="activity_dates_in_order"
            )
        ]

    def __str__(self) -> str:
        return self.title

    @classmethod
    def from_db(cls, db, field_names, values):
        """Remember where the loaded row counted, so the month rollup also hears about the
        month an activity leaves (phoihop.activities.rollup)."""
        instance = super().from_db(db, field_names, values)
        loaded = dict(zip(field_names, values, strict=True))
        instance.counted_as = (
            loaded.get("program_id"),
            loaded.get("start_date"),
            loaded.get("status"),
        )
        return instance

    def refresh_search_fields(self) -> None:
        """The folded title, so "tuyen truyen dat dai" finds "Tuyên truyền … Đất đai"."""
        self.search_text = self.search_text_of(self.title)

    @staticmethod
    def search_text_of(title: str) -> str:
        return fold(title)[:300]

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
        indexes = [  # covers the review's member masks of joint activities
            models.Index(
                fields=["activity", "status", "organization", "role"],
                name="participation_review_idx",
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
        indexes = [  # covers the review's figure sums: no table lookup per figure
            models.Index(fields=["activity", "indicator", "value"], name="figure_review_idx")
        ]

    def __str__(self) -> str:
        return f"{self.indicator}: {self.value}"


class AttachmentQuerySet(models.QuerySet):
    """Removing an attachment only marks it deleted (the file stays): pages, downloads and
    counts read `present()`; the secretariat sees `deleted()` and can restore them."""

    def present(self):
        return self.filter(deleted_at__isnull=True)

    def deleted(self):
        return self.filter(deleted_at__isnull=False)


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
    deleted_at = models.DateTimeField(_("xóa lúc"), null=True, blank=True)
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người xóa"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    history = HistoricalRecords()
    objects = AttachmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("tệp đính kèm")
        verbose_name_plural = _("tệp đính kèm")
        ordering = ["uploaded_at"]

    def __str__(self) -> str:
        return self.original_name


# --- The month rollup -------------------------------------------------------------------
# Confirmed activities added up per program and calendar month (of their start date), so
# reviews, the dashboard and task progress read a few hundred rows instead of every
# activity. The rows are derived data, kept by phoihop.activities.rollup: any write that
# touches a month's confirmed activities counts a change on its ActivityMonth, and the
# next reader recomputes that month from the records before reading.


class ActivityMonth(models.Model):
    """One program's confirmed activities of one month. The rows below are current when
    `refreshed` equals `changes`: writers add to `changes`, a refresh sets `refreshed` to
    the count it started from."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="+")
    month = models.DateField()  # the first day of the month
    changes = models.PositiveIntegerField(default=0)
    refreshed = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["program", "month"], name="activity_month_unique")
        ]

    def __str__(self) -> str:
        return f"{self.program_id} {self.month:%m/%Y}"


class MonthRow(models.Model):
    """A row of one ActivityMonth (below: one GROUP BY of its activities each)."""

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self._meta.model_name} {self.month_id}"


class MonthArea(MonthRow):
    """Activities and joint activities per (content area, lead)."""

    month = models.ForeignKey(ActivityMonth, on_delete=models.CASCADE, related_name="areas")
    content_area = models.ForeignKey(ContentArea, on_delete=models.CASCADE, related_name="+")
    lead = models.ForeignKey(
        "organizations.Organization", on_delete=models.CASCADE, related_name="+"
    )
    activities = models.PositiveIntegerField()
    joint = models.PositiveIntegerField()


class MonthFigure(MonthRow):
    """Sum of an indicator's values, and how many activities reported it, per (area, lead)."""

    month = models.ForeignKey(ActivityMonth, on_delete=models.CASCADE, related_name="figures")
    content_area = models.ForeignKey(ContentArea, on_delete=models.CASCADE, related_name="+")
    lead = models.ForeignKey(
        "organizations.Organization", on_delete=models.CASCADE, related_name="+"
    )
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="+")
    total = models.DecimalField(max_digits=20, decimal_places=2)
    reported = models.PositiveIntegerField()


class MonthPair(MonthRow):
    """Joint activities in which both organizations took part (first = second: the
    organization's own joint activities)."""

    month = models.ForeignKey(ActivityMonth, on_delete=models.CASCADE, related_name="pairs")
    first = models.ForeignKey(
        "organizations.Organization", on_delete=models.CASCADE, related_name="+"
    )
    second = models.ForeignKey(
        "organizations.Organization", on_delete=models.CASCADE, related_name="+"
    )
    activities = models.PositiveIntegerField()


class MonthPartner(MonthRow):
    """Joint activities an organization joined as a confirmed partner."""

    month = models.ForeignKey(ActivityMonth, on_delete=models.CASCADE, related_name="partners")
    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.CASCADE, related_name="+"
    )
    activities = models.PositiveIntegerField()


class MonthPlace(MonthRow):
    """Activities held in a locality."""

    month = models.ForeignKey(ActivityMonth, on_delete=models.CASCADE, related_name="places")
    locality = models.ForeignKey(
        "localities.Locality", on_delete=models.CASCADE, related_name="+"
    )
    activities = models.PositiveIntegerField()


class MonthTask(MonthRow):
    """Activities linked to a plan task."""

    month = models.ForeignKey(ActivityMonth, on_delete=models.CASCADE, related_name="tasks")
    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="+")
    activities = models.PositiveIntegerField()


class MonthTaskFigure(MonthRow):
    """Sum of an indicator's values over the activities linked to a plan task."""

    month = models.ForeignKey(
        ActivityMonth, on_delete=models.CASCADE, related_name="task_figures"
    )
    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="+")
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="+")
    total = models.DecimalField(max_digits=20, decimal_places=2)
