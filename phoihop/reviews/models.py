"""A review document (báo cáo sơ kết / tổng kết): its scope, edited text and, once
issued, the figures it was made from, frozen so later edits to records change nothing."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from phoihop.core.access import settled_scope
from phoihop.lib.text import fold
from phoihop.programs.models import Program
from phoihop.reviews.data import Kind, Units


class ReviewStatus(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    ISSUED = "issued", _("Đã ban hành")


class Layout(models.TextChoices):
    PARTY = "party", _("Văn bản của Đảng (Hướng dẫn 36-HD/VPTW)")
    STATE = "state", _("Văn bản hành chính nhà nước (Nghị định 30/2020/NĐ-CP)")


KIND_CHOICES = [
    (Kind.SIX_MONTHS, _("Sơ kết 6 tháng")),
    (Kind.ANNUAL, _("Tổng kết năm")),
    (Kind.PROGRAM, _("Tổng kết giai đoạn")),
    (Kind.CUSTOM, _("Khoảng thời gian tùy chọn")),
]
UNITS_CHOICES = [
    (Units.AS_RECORDED, _("Theo đơn vị hành chính tại thời điểm ghi nhận")),
    (Units.UNITS_2025, _("Theo đơn vị hành chính từ 01/7/2025")),
]


class ReviewReportQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Drafts: the host organization only. Issued: every member of the committee."""
        if (settled := settled_scope(self, user)) is not None:
            return settled
        mine = self.filter(program__in=Program.objects.visible_to(user))
        return mine.filter(Q(status=ReviewStatus.ISSUED) | Q(program__committee__host_id=user.organization_id))


class ReviewReport(models.Model):
    program = models.ForeignKey("programs.Program", on_delete=models.PROTECT, related_name="reviews")
    kind = models.CharField(_("loại báo cáo"), max_length=12, choices=KIND_CHOICES)
    start = models.DateField(_("từ ngày"))
    end = models.DateField(_("đến ngày"))
    units = models.CharField(_("đơn vị hành chính"), max_length=12, choices=UNITS_CHOICES, default=Units.AS_RECORDED)
    layout = models.CharField(_("thể thức"), max_length=6, choices=Layout.choices, default=Layout.PARTY)
    title = models.CharField(_("trích yếu"), max_length=300)
    number = models.CharField(_("số, ký hiệu"), max_length=60, blank=True, help_text=_("Ví dụ: 12-BC/BDVTU"))
    place = models.CharField(_("địa danh"), max_length=80, blank=True)
    issued_on = models.DateField(_("ngày ban hành"), null=True, blank=True)
    status = models.CharField(_("trạng thái"), max_length=8, choices=ReviewStatus.choices, default=ReviewStatus.DRAFT)
    signer_name = models.CharField(_("người ký"), max_length=120, blank=True)
    signer_title = models.CharField(_("chức vụ người ký"), max_length=160, blank=True)
    signer_authority = models.CharField(_("quyền hạn ký (T/M, K/T...)"), max_length=120, blank=True)
    recipients = models.TextField(_("nơi nhận"), blank=True, help_text=_("Mỗi dòng một nơi nhận."))
    # The secretariat's own words; the document puts the sentences drafted from the figures first.
    situation = models.TextField(_("I. Đặc điểm tình hình"), blank=True)
    results = models.TextField(_("II. Kết quả thực hiện"), blank=True)
    strengths = models.TextField(_("III.1. Ưu điểm"), blank=True)
    limitations = models.TextField(_("III.2. Hạn chế"), blank=True)
    causes = models.TextField(
        _("III.3. Nguyên nhân"), blank=True, help_text=_("Nguyên nhân khách quan, nguyên nhân chủ quan.")
    )
    lessons = models.TextField(_("III.4. Bài học kinh nghiệm"), blank=True)
    directions = models.TextField(_("IV. Phương hướng, nhiệm vụ"), blank=True)
    recommendations = models.TextField(_("V. Kiến nghị, đề xuất"), blank=True)
    frozen_full = models.TextField(blank=True, editable=False)
    frozen_redacted = models.TextField(blank=True, editable=False)
    frozen_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    revision = models.PositiveIntegerField(default=1, editable=False)
    # The folded title and number ("so ket 6 thang 12-bc/bdvtu"), kept by the services, so
    # the header search finds a review without diacritics on SQLite and PostgreSQL alike.
    # The narrative is left out: an issued review's body may speak of sensitive cases.
    search_text = models.CharField(max_length=400, editable=False, blank=True, default="", db_index=True)

    history = HistoricalRecords(excluded_fields=["frozen_full", "frozen_redacted", "search_text"])
    objects = ReviewReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("báo cáo sơ kết, tổng kết")
        verbose_name_plural = _("báo cáo sơ kết, tổng kết")
        ordering = ["-end", "-pk"]

    def __str__(self) -> str:
        return self.title

    def refresh_search_fields(self) -> None:
        """Derive the folded copy from the title and number; services call this before saving."""
        self.search_text = " | ".join(fold(w) for w in (self.title, self.number) if w)[:400]


class Contribution(models.Model):
    """A member's own narrative for a review."""

    review = models.ForeignKey(ReviewReport, on_delete=models.CASCADE, related_name="contributions")
    organization = models.ForeignKey("organizations.Organization", on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("ý kiến, kết quả của đơn vị"))
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    submitted_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("đóng góp của đơn vị")
        verbose_name_plural = _("đóng góp của đơn vị")
        constraints = [
            models.UniqueConstraint(fields=["review", "organization"], name="contribution_one_per_member")
        ]

    def __str__(self) -> str:
        return f"{self.organization}: {self.review}"
