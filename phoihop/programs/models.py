"""Coordination programs (Chương trình phối hợp hoạt động): multi-year, signed by a
steering committee's members. Annual plans and activities hang on a program."""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from phoihop.organizations.models import Committee


class ProgramLevel(models.TextChoices):
    PROVINCE = "province", _("Cấp tỉnh")
    COMMUNE = "commune", _("Cấp xã")


class Frequency(models.TextChoices):
    MONTHLY = "monthly", _("Hằng tháng")
    QUARTERLY = "quarterly", _("Hằng quý")
    SEMIANNUAL = "semiannual", _("6 tháng")
    ANNUAL = "annual", _("Hằng năm")


class ProgramQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Programs of the committees `user` works in (administrators: all)."""
        return self.filter(committee__in=Committee.objects.visible_to(user).values("pk"))

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
    signed_document = models.FileField(
        _("văn bản ký kết"), upload_to="programs/%Y/", blank=True
    )
    report_frequency = models.CharField(
        _("kỳ báo cáo"), max_length=12, choices=Frequency.choices, default=Frequency.QUARTERLY
    )
    report_due_days = models.PositiveSmallIntegerField(
        _("hạn nộp báo cáo (số ngày sau kỳ)"), default=10
    )

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


class ProgramMember(models.Model):
    """A member organization of a program, for a period (members join and leave)."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="members")
    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("tổ chức thành viên"),
        on_delete=models.PROTECT,
        related_name="program_memberships",
    )
    joined_on = models.DateField(_("tham gia từ"), null=True, blank=True)
    left_on = models.DateField(_("rời từ"), null=True, blank=True)
    is_signatory = models.BooleanField(_("ký kết chương trình"), default=True)
    signatory = models.ForeignKey(
        "organizations.Person",
        verbose_name=_("người ký"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("thành viên chương trình")
        verbose_name_plural = _("thành viên chương trình")
        constraints = [
            models.UniqueConstraint(
                fields=["program", "organization"], name="program_member_unique"
            )
        ]

    def __str__(self) -> str:
        return str(self.organization)

    def is_member_on(self, day: dt.date) -> bool:
        return (self.joined_on is None or self.joined_on <= day) and (
            self.left_on is None or day < self.left_on
        )


class ContentArea(models.Model):
    """A content area of a program (the seven defaults of the seed, editable)."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="content_areas")
    number = models.PositiveSmallIntegerField(_("số thứ tự"))
    name = models.CharField(_("nội dung phối hợp"), max_length=200)
    description = models.TextField(_("mô tả"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("nội dung phối hợp")
        verbose_name_plural = _("nội dung phối hợp")
        ordering = ["program", "number"]
        constraints = [
            models.UniqueConstraint(fields=["program", "number"], name="content_area_unique_number")
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.name}"


class Aggregation(models.TextChoices):
    SUM = "sum", _("Cộng dồn")
    COUNT = "count", _("Đếm số hoạt động")
    LATEST = "latest", _("Giá trị mới nhất")


REVIEW_PHRASE_SLOTS = ("{n}", "{value}", "{noun}", "{unit}")


def validate_review_phrase(text: str) -> None:
    """An indicator's own words in a review: the figure's place, {n} (or {value}), exactly
    once; {noun} (the indicator's name) and {unit} may appear; no other brace."""
    figures = text.count("{n}") + text.count("{value}")
    rest = text
    for slot in REVIEW_PHRASE_SLOTS:
        rest = rest.replace(slot, "")
    if figures != 1 or "{" in rest or "}" in rest:
        raise ValidationError(
            _("Cách viết phải có đúng một chỗ cho số liệu, viết là {n}, ví dụ: “tổ chức {n} buổi tuyên truyền”."),
            code="review_phrase",
        )


class Indicator(models.Model):
    """A figure activities report: sessions, attendance, houses, money (VND), …"""

    code = models.SlugField(_("mã chỉ tiêu"), max_length=40, unique=True)
    name = models.CharField(_("tên chỉ tiêu"), max_length=200)
    unit = models.CharField(_("đơn vị tính"), max_length=40)
    aggregation = models.CharField(
        _("cách tổng hợp"), max_length=10, choices=Aggregation.choices, default=Aggregation.SUM
    )
    summable_across_members = models.BooleanField(_("được cộng giữa các thành viên"), default=True)
    summable_across_levels = models.BooleanField(_("được cộng giữa các cấp"), default=False)
    decimals = models.PositiveSmallIntegerField(_("số chữ số thập phân"), default=0)
    description = models.TextField(_("giải thích"), blank=True)
    is_active = models.BooleanField(_("đang dùng"), default=True)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=100)
    review_phrase = models.CharField(
        _("cách viết trong báo cáo"),
        max_length=200,
        blank=True,
        validators=[validate_review_phrase],
        help_text=_(
            "Câu chữ báo cáo sơ kết, tổng kết dùng cho chỉ tiêu này, {n} là chỗ của số liệu, ví dụ: "
            "“tổ chức {n} buổi tuyên truyền”. Để trống: viết theo đơn vị tính."
        ),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("chỉ tiêu")
        verbose_name_plural = _("chỉ tiêu")
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.unit})"

    def result(self, *, total, reported: int, latest=None) -> Decimal:
        """What this indicator adds up to over some activities, by its aggregation: the
        `total` of their values (SUM), how many `reported` (COUNT), or the `latest`
        value, of the one that ended last (LATEST). The one rule every total follows
        (activities.selectors.figure_totals, the reviews, task progress)."""
        if self.aggregation == Aggregation.COUNT:
            return Decimal(reported)
        if self.aggregation == Aggregation.LATEST:
            return latest if latest is not None else Decimal(0)
        return total if total is not None else Decimal(0)


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    SIGNED = "signed", _("Đã ký kết")


class AnnualPlanQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(program__in=Program.objects.visible_to(user))


class AnnualPlan(models.Model):
    """Kế hoạch phối hợp năm: a program's plan for one year, made of tasks."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="plans")
    year = models.PositiveSmallIntegerField(_("năm"))
    title = models.CharField(_("tên kế hoạch"), max_length=250)
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=PlanStatus.choices, default=PlanStatus.DRAFT
    )
    signed_on = models.DateField(_("ngày ký"), null=True, blank=True)
    signed_place = models.CharField(_("nơi ký"), max_length=120, blank=True)
    document = models.FileField(_("văn bản kế hoạch"), upload_to="plans/%Y/", blank=True)

    history = HistoricalRecords()
    objects = AnnualPlanQuerySet.as_manager()

    class Meta:
        verbose_name = _("kế hoạch phối hợp năm")
        verbose_name_plural = _("kế hoạch phối hợp năm")
        ordering = ["program", "-year"]
        constraints = [models.UniqueConstraint(fields=["program", "year"], name="plan_unique_year")]

    def __str__(self) -> str:
        return self.title


class TaskQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(plan__program__in=Program.objects.visible_to(user))


class Task(models.Model):
    """A task of an annual plan: who leads, who co-operates, where, by when, what targets."""

    plan = models.ForeignKey(AnnualPlan, on_delete=models.CASCADE, related_name="tasks")
    number = models.PositiveSmallIntegerField(_("số thứ tự"), default=1)
    title = models.CharField(_("nhiệm vụ"), max_length=300)
    description = models.TextField(_("nội dung"), blank=True)
    content_area = models.ForeignKey(
        ContentArea, verbose_name=_("nội dung phối hợp"), on_delete=models.PROTECT, related_name="tasks"
    )
    lead = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("cơ quan chủ trì"),
        on_delete=models.PROTECT,
        related_name="led_tasks",
    )
    partners = models.ManyToManyField(
        "organizations.Organization",
        verbose_name=_("cơ quan phối hợp"),
        blank=True,
        related_name="partner_tasks",
    )
    localities = models.ManyToManyField(
        "localities.Locality", verbose_name=_("địa bàn"), blank=True, related_name="tasks"
    )
    due_date = models.DateField(_("thời hạn"))

    history = HistoricalRecords(m2m_fields=[partners, localities])
    objects = TaskQuerySet.as_manager()

    class Meta:
        verbose_name = _("nhiệm vụ")
        verbose_name_plural = _("nhiệm vụ")
        ordering = ["plan", "number"]

    def __str__(self) -> str:
        return self.title


class TaskTarget(models.Model):
    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="targets")
    indicator = models.ForeignKey(
        Indicator, verbose_name=_("chỉ tiêu"), on_delete=models.PROTECT, related_name="targets"
    )
    value = models.DecimalField(_("chỉ tiêu đề ra"), max_digits=18, decimal_places=2)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("chỉ tiêu của nhiệm vụ")
        verbose_name_plural = _("chỉ tiêu của nhiệm vụ")
        constraints = [
            models.UniqueConstraint(fields=["task", "indicator"], name="task_target_unique")
        ]

    def __str__(self) -> str:
        return f"{self.indicator}: {self.value}"


class TaskStatus:
    """A task's progress status, judged from its activities (never stored)."""

    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    OVERDUE = "overdue"

    LABELS = {
        NOT_STARTED: _("chưa thực hiện"),
        IN_PROGRESS: _("đang thực hiện"),
        DONE: _("hoàn thành"),
        OVERDUE: _("quá hạn"),
    }
    BADGES = {NOT_STARTED: "", IN_PROGRESS: "badge-old", DONE: "badge-ok", OVERDUE: "badge-bad"}
    CHOICES = list(LABELS.items())
