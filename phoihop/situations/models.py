"""Grasping the situation on the ground: reports and the cases they become.

A report is what a member saw; a case is the matter followed to its end by assigned
members. "Closed" is not "resolved": a case ends resolved, referred to the competent
authority, or closed unresolved, and can be reopened with a reason. Land and religion
cases are sensitive: only those who hold the sensitive-case right of the committee (its
secretariat, the leaders it designates: SensitiveReader) and the focal points of the
organizations involved see them, in lists, counts, maps, scores, exports, notifications
and the API alike; reviews and the dashboard ask the same rule (rules.may_see_sensitive).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from phoihop.core.access import settled_scope
from phoihop.organizations.models import Committee
from phoihop.situations.rules import WRITERS, is_member_of, sensitive_committees


class Topic(models.Model):
    code = models.SlugField(_("mã lĩnh vực"), max_length=40, unique=True)
    name = models.CharField(_("lĩnh vực"), max_length=120)
    sensitive = models.BooleanField(_("nhạy cảm"), default=False)
    handling_days = models.PositiveSmallIntegerField(_("thời hạn xử lý (ngày)"), default=30)
    order = models.PositiveSmallIntegerField(default=100)
    is_active = models.BooleanField(_("đang dùng"), default=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("lĩnh vực vụ việc")
        verbose_name_plural = _("lĩnh vực vụ việc")
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class Severity(models.IntegerChoices):
    LOW = 1, _("Thấp")
    MEDIUM = 2, _("Trung bình")
    HIGH = 3, _("Cao")
    CRITICAL = 4, _("Nghiêm trọng")


def _sensitive_scope(user) -> Q:
    """Which sensitive cases `user` sees: every one of the committees where they hold the
    sensitive-case right (rules.sensitive_committees), and, for those who work on cases
    (focal points, secretariat staff), the ones their organization is involved in."""
    q = Q(committee__in=sensitive_committees(user).values("pk"))
    if user.role in WRITERS:
        org = user.organization_id
        q |= Q(lead_id=org) | Q(supporters__id=org) | Q(reports__reporting_org_id=org)
    return q


class SensitiveReader(models.Model):
    """A leader the committee designates to read its sensitive cases.

    With the committee's secretariat (and administrators) they hold the one sensitive-case
    right (rules.may_see_sensitive): every sensitive case of the committee in lists, maps,
    scores, exports, notifications, the API, reviews and the dashboard alike. Managed by the
    secretariat (services.sensitive_reader_designate) or in the admin.
    """

    committee = models.ForeignKey(
        "organizations.Committee",
        verbose_name=_("Ban Chỉ đạo"),
        on_delete=models.CASCADE,
        related_name="sensitive_readers",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người được xem"),
        on_delete=models.CASCADE,
        related_name="sensitive_readings",
    )
    designated_on = models.DateField(_("ngày giao quyền"))
    designated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("người được xem vụ việc nhạy cảm")
        verbose_name_plural = _("người được xem vụ việc nhạy cảm")
        constraints = [models.UniqueConstraint(fields=["committee", "user"], name="one_designation_per_reader")]

    def __str__(self) -> str:
        return f"{self.user} · {self.committee}"

    def clean(self) -> None:
        if self.user_id and self.committee_id and not is_member_of(self.user.organization_id, self.committee):
            raise ValidationError(
                {"user": _("Chỉ giao quyền cho người của một tổ chức thành viên Ban Chỉ đạo.")}
            )


class CaseStatus(models.TextChoices):
    NEW = "new", _("Mới tiếp nhận")
    ASSIGNED = "assigned", _("Đã phân công")
    IN_PROGRESS = "in_progress", _("Đang xử lý")
    RESOLVED = "resolved", _("Đã giải quyết")
    REFERRED = "referred", _("Chuyển cơ quan có thẩm quyền")
    CLOSED_UNRESOLVED = "closed_unresolved", _("Kết thúc, chưa giải quyết được")


OPEN_STATUSES = [CaseStatus.NEW, CaseStatus.ASSIGNED, CaseStatus.IN_PROGRESS]


class CaseQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Cases of the user's committees; sensitive ones only for those involved."""
        if (settled := settled_scope(self, user)) is not None:
            return settled
        mine = self.filter(committee__in=Committee.objects.visible_to(user).values("pk"))
        ids = mine.filter(Q(sensitive=False) | _sensitive_scope(user)).values("pk")
        return self.filter(pk__in=ids)

    def open(self):
        return self.filter(status__in=OPEN_STATUSES)


class Case(models.Model):
    committee = models.ForeignKey(
        "organizations.Committee", verbose_name=_("Ban Chỉ đạo"), on_delete=models.PROTECT, related_name="cases"
    )
    title = models.CharField(_("tên vụ việc"), max_length=300)
    topic = models.ForeignKey(Topic, verbose_name=_("lĩnh vực"), on_delete=models.PROTECT, related_name="cases")
    locality = models.ForeignKey(
        "localities.Locality", verbose_name=_("địa bàn"), on_delete=models.PROTECT, related_name="cases"
    )
    severity = models.PositiveSmallIntegerField(_("mức độ"), choices=Severity.choices, default=Severity.MEDIUM)
    people_affected = models.PositiveIntegerField(_("số người liên quan"), default=0)
    sensitive = models.BooleanField(_("nhạy cảm"), default=False)
    status = models.CharField(
        _("trạng thái"), max_length=20, choices=CaseStatus.choices, default=CaseStatus.NEW, db_index=True
    )
    lead = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("tổ chức chủ trì xử lý"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="led_cases",
    )
    supporters = models.ManyToManyField(
        "organizations.Organization", verbose_name=_("tổ chức phối hợp"), blank=True, related_name="supported_cases"
    )
    opened_on = models.DateField(_("ngày tiếp nhận"), db_index=True)
    due_date = models.DateField(_("hạn xử lý"), null=True, blank=True)
    closed_on = models.DateField(_("ngày kết thúc"), null=True, blank=True)
    outcome = models.TextField(_("kết quả"), blank=True)
    recurrence_of = models.ForeignKey(
        "self",
        verbose_name=_("tái diễn của vụ việc"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="recurrences",
    )
    escalated_to = models.ForeignKey(
        "self",
        verbose_name=_("đã chuyển lên cấp trên thành"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="escalated_from",
    )
    reopen_count = models.PositiveSmallIntegerField(_("số lần mở lại"), default=0)
    search_text = models.CharField(max_length=600, editable=False, db_index=True, default="")
    revision = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords(m2m_fields=[supporters])
    objects = CaseQuerySet.as_manager()

    class Meta:
        verbose_name = _("vụ việc")
        verbose_name_plural = _("vụ việc")
        ordering = ["-opened_on", "-pk"]
        indexes = [models.Index(fields=["committee", "status", "opened_on"])]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


class ReportQuerySet(models.QuerySet):
    def visible_to(self, user):
        if (settled := settled_scope(self, user)) is not None:
            return settled
        mine = self.filter(committee__in=Committee.objects.visible_to(user).values("pk"))
        involved = Q(committee__in=sensitive_committees(user).values("pk")) | Q(
            case__in=Case.objects.visible_to(user).filter(sensitive=True)
        )
        if user.role in WRITERS:
            involved |= Q(reporting_org_id=user.organization_id)
        ids = mine.filter(Q(sensitive=False) | involved).values("pk")
        return self.filter(pk__in=ids)


class SituationReport(models.Model):
    """What a member saw on the ground, on a date, in a commune."""

    committee = models.ForeignKey(
        "organizations.Committee", verbose_name=_("Ban Chỉ đạo"), on_delete=models.PROTECT, related_name="situation_reports"
    )
    reported_on = models.DateField(_("ngày nắm được"), db_index=True)
    locality = models.ForeignKey(
        "localities.Locality", verbose_name=_("địa bàn"), on_delete=models.PROTECT, related_name="situation_reports"
    )
    topic = models.ForeignKey(Topic, verbose_name=_("lĩnh vực"), on_delete=models.PROTECT, related_name="reports")
    severity = models.PositiveSmallIntegerField(_("mức độ"), choices=Severity.choices, default=Severity.MEDIUM)
    people_affected = models.PositiveIntegerField(_("số người liên quan"), default=0)
    title = models.CharField(_("tiêu đề"), max_length=300)
    description = models.TextField(_("nội dung tình hình"))
    reporting_org = models.ForeignKey(
        "organizations.Organization", verbose_name=_("tổ chức báo cáo"), on_delete=models.PROTECT, related_name="situation_reports"
    )
    reported_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    sensitive = models.BooleanField(_("nhạy cảm"), default=False)
    case = models.ForeignKey(
        Case, verbose_name=_("vụ việc"), null=True, blank=True, on_delete=models.SET_NULL, related_name="reports"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    search_text = models.CharField(max_length=600, editable=False, db_index=True, default="")

    history = HistoricalRecords()
    objects = ReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("báo cáo nắm tình hình")
        verbose_name_plural = _("báo cáo nắm tình hình")
        ordering = ["-reported_on", "-pk"]

    def __str__(self) -> str:
        return self.title


CASE_REFERENCE = "{case}"
REPORT_REFERENCE = "{report}"


class CaseEvent(models.Model):
    """One line of a case's timeline: created, assigned, a follow-up, a status change…

    A line that mentions another record never copies its title: the text holds the
    placeholder `{case}` (or `{report}`) and `related_case` (`related_report`) points at
    the record. The reader's page renders the reference through `visible_to`: the
    title as a link when the reader may see that record, "một vụ việc khác" otherwise
    (selectors.events_for_reader).
    """

    class Kind(models.TextChoices):
        CREATED = "created", _("Tiếp nhận")
        ASSIGNED = "assigned", _("Phân công")
        FOLLOW_UP = "follow_up", _("Kết quả theo dõi, xử lý")
        STATUS = "status", _("Chuyển trạng thái")
        REOPENED = "reopened", _("Mở lại")
        ESCALATED = "escalated", _("Chuyển lên cấp trên")
        MERGED = "merged", _("Gộp báo cáo trùng")
        RECURRENCE = "recurrence", _("Liên kết tái diễn")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    happened_on = models.DateField(_("ngày"))
    recorded_at = models.DateTimeField(auto_now_add=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    organization = models.ForeignKey(
        "organizations.Organization", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    text = models.TextField(_("nội dung"), blank=True)
    related_case = models.ForeignKey(
        Case,
        verbose_name=_("vụ việc được nhắc tới"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    related_report = models.ForeignKey(
        SituationReport,
        verbose_name=_("báo cáo được nhắc tới"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20, blank=True)  # the status it moved the case to
    # The due date this event set (assigning, reopening): with `to_status` and
    # `happened_on` the timeline tells the case's status and due date on any past day.
    due_date = models.DateField(_("hạn xử lý được đặt"), null=True, blank=True)

    class Meta:
        verbose_name = _("diễn biến vụ việc")
        verbose_name_plural = _("diễn biến vụ việc")
        ordering = ["happened_on", "recorded_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.happened_on:%d/%m/%Y}"


class CaseState(models.Model):
    """The rollup of a case's timeline: what its events show from `valid_from` (a day
    an event happened) until the day before `valid_until` (the next such day; None for
    the last). `status` is the newest `to_status` so far ("" while none moved the case),
    `moved_on` the day of that move, `due_date` the newest due date an event set.

    Figures only, never a list: rows are kept on every write of an event (situations.
    rollup) and read by as_of_state, which joins at most one row per case to a queryset
    its caller has already scoped with visible_to."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="states")
    valid_from = models.DateField()
    valid_until = models.DateField(null=True)
    status = models.CharField(max_length=20, blank=True)
    moved_on = models.DateField(null=True)
    due_date = models.DateField(null=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["case", "valid_from"], name="casestate_case_day_uniq")]

    def __str__(self) -> str:
        return f"{self.case_id} {self.valid_from}: {self.status}"


# Events whose text the system writes and may hold a reference; the others are typed.
REFERRING_KINDS = {CaseEvent.Kind.CREATED, CaseEvent.Kind.RECURRENCE, CaseEvent.Kind.MERGED}


class CaseAttachment(models.Model):
    """A file of a timeline entry (a follow-up) or of a report (evidence sent with it)."""

    event = models.ForeignKey(
        CaseEvent, null=True, blank=True, on_delete=models.CASCADE, related_name="attachments"
    )
    report = models.ForeignKey(
        SituationReport, null=True, blank=True, on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(upload_to="cases/%Y/%m/")
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()

    def __str__(self) -> str:
        return self.original_name
