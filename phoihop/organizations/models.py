"""Organizations, steering committees and the people who act for them.

Organizations, like places, are valid for a period and change through recorded
events (merge, rename, dissolve): the 2025 Ban Tuyên giáo và Dân vận Tỉnh ủy Ninh Bình
does not overwrite Hà Nam's Ban Dân vận Tỉnh ủy, it succeeds it.
"""

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from phoihop.core.access import settled_scope
from phoihop.lib.text import fold


class OrgKind(models.TextChoices):
    PARTY_BOARD = "party_board", _("Cơ quan tham mưu của cấp ủy")
    MILITARY = "military", _("Cơ quan quân sự")
    FRONT = "front", _("Mặt trận Tổ quốc")
    SOCIO_POLITICAL = "socio_political", _("Tổ chức chính trị - xã hội")
    HUMANITARIAN = "humanitarian", _("Tổ chức xã hội, nhân đạo")
    STATE = "state", _("Cơ quan nhà nước")
    OTHER = "other", _("Khác")


class OrgLevel(models.TextChoices):
    CENTRAL = "central", _("Trung ương")
    PROVINCE = "province", _("Cấp tỉnh")
    DISTRICT = "district", _("Cấp huyện")
    COMMUNE = "commune", _("Cấp xã")


def _valid_on_q(day: dt.date, prefix: str = "") -> Q:
    return Q(**{f"{prefix}valid_from__isnull": True}) | Q(**{f"{prefix}valid_from__lte": day}), Q(
        **{f"{prefix}valid_to__isnull": True}
    ) | Q(**{f"{prefix}valid_to__gt": day})


class OrganizationQuerySet(models.QuerySet):
    def valid_on(self, day: dt.date):
        return self.filter(*_valid_on_q(day))

    def search(self, text: str):
        folded = fold(text)
        return self.filter(search_text__contains=folded) if folded else self

    def visible_to(self, user):
        """Every read path starts here: the organizations `user` may see.

        Administrators see all; everyone else sees the organizations of the
        committees their own organization belongs to (and their own).
        """
        if (settled := settled_scope(self, user)) is not None:
            return settled
        committees = Committee.objects.filter(
            Q(memberships__organization_id=user.organization_id) | Q(host_id=user.organization_id)
        )
        return self.filter(
            Q(pk=user.organization_id)
            | Q(memberships__committee__in=committees)
            | Q(hosted_committees__in=committees)
        ).distinct()


class Organization(models.Model):
    name = models.CharField(_("tên tổ chức"), max_length=200)
    short_name = models.CharField(_("tên viết tắt"), max_length=80, blank=True)
    aliases = models.JSONField(
        _("tên gọi khác"), default=list, blank=True, help_text=_("Ví dụ: Bộ CHQS tỉnh, UBMTTQ tỉnh")
    )
    kind = models.CharField(_("loại tổ chức"), max_length=20, choices=OrgKind.choices)
    level = models.CharField(_("cấp"), max_length=10, choices=OrgLevel.choices)
    locality = models.ForeignKey(
        "localities.Locality",
        verbose_name=_("địa bàn"),
        on_delete=models.PROTECT,
        related_name="organizations",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("trực thuộc"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    valid_from = models.DateField(_("hoạt động từ"), null=True, blank=True)
    valid_to = models.DateField(_("ngừng hoạt động từ"), null=True, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    phone = models.CharField(_("điện thoại"), max_length=30, blank=True)
    search_text = models.CharField(max_length=600, editable=False, db_index=True)

    history = HistoricalRecords()
    objects = OrganizationQuerySet.as_manager()

    class Meta:
        verbose_name = _("tổ chức")
        verbose_name_plural = _("tổ chức")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def refresh_search_fields(self) -> None:
        words = [self.name, self.short_name, *self.aliases]
        self.search_text = " | ".join(fold(w) for w in words if w)[:600]

    def is_valid_on(self, day: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day < self.valid_to
        )


class OrgEvent(models.Model):
    """A reorganization: merge, rename, split or dissolve, with its legal basis."""

    class Kind(models.TextChoices):
        MERGE = "merge", _("Hợp nhất / sáp nhập")
        RENAME = "rename", _("Đổi tên")
        SPLIT = "split", _("Chia tách")
        DISSOLVE = "dissolve", _("Giải thể")
        TRANSFER = "transfer", _("Chuyển trực thuộc")

    kind = models.CharField(_("loại thay đổi"), max_length=16, choices=Kind.choices)
    effective_date = models.DateField(_("ngày có hiệu lực"))
    legal_basis = models.CharField(_("căn cứ"), max_length=300)
    note = models.TextField(_("ghi chú"), blank=True)
    predecessors = models.ManyToManyField(
        Organization, related_name="succeeded_by_events", verbose_name=_("tổ chức trước")
    )
    successors = models.ManyToManyField(
        Organization, related_name="preceded_by_events", blank=True, verbose_name=_("tổ chức sau")
    )

    history = HistoricalRecords(m2m_fields=[predecessors, successors])

    class Meta:
        verbose_name = _("sự kiện sắp xếp tổ chức")
        verbose_name_plural = _("sự kiện sắp xếp tổ chức")
        ordering = ["-effective_date"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.effective_date:%d/%m/%Y})"


class CommitteeQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The steering committees `user` works in (administrators: all of them)."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_administrator:
            return self.all()
        if user.organization_id is None:
            return self.none()
        return self.filter(
            Q(host_id=user.organization_id) | Q(memberships__organization_id=user.organization_id)
        ).distinct()


class Committee(models.Model):
    """A steering committee (Ban Chỉ đạo): its host organization runs the secretariat.

    Its locality scope (a province, or after 2025 a commune) bounds what its users see.
    """

    name = models.CharField(_("tên Ban Chỉ đạo"), max_length=250)
    short_name = models.CharField(_("tên ngắn"), max_length=100, blank=True)
    host = models.ForeignKey(
        Organization,
        verbose_name=_("cơ quan thường trực"),
        on_delete=models.PROTECT,
        related_name="hosted_committees",
    )
    locality = models.ForeignKey(
        "localities.Locality",
        verbose_name=_("phạm vi địa bàn"),
        on_delete=models.PROTECT,
        related_name="committees",
    )
    valid_from = models.DateField(_("hiệu lực từ"), null=True, blank=True)
    valid_to = models.DateField(_("hết hiệu lực từ"), null=True, blank=True)

    history = HistoricalRecords()
    objects = CommitteeQuerySet.as_manager()

    class Meta:
        verbose_name = _("Ban Chỉ đạo")
        verbose_name_plural = _("Ban Chỉ đạo")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="memberships")
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="memberships"
    )
    joined_on = models.DateField(_("tham gia từ"), null=True, blank=True)
    left_on = models.DateField(_("rời từ"), null=True, blank=True)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=100)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("thành viên Ban Chỉ đạo")
        verbose_name_plural = _("thành viên Ban Chỉ đạo")
        ordering = ["order", "organization__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["committee", "organization"], name="membership_unique_member"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organization} · {self.committee}"


class PersonQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(organization__in=Organization.objects.visible_to(user))


class Person(models.Model):
    """Someone who acts for an organization: a focal point, a leader, a signatory."""

    full_name = models.CharField(_("họ và tên"), max_length=120)
    organization = models.ForeignKey(
        Organization, verbose_name=_("tổ chức"), on_delete=models.PROTECT, related_name="people"
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("tài khoản"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
    )
    email = models.EmailField(_("thư điện tử"), blank=True)
    phone = models.CharField(_("điện thoại"), max_length=30, blank=True)
    search_text = models.CharField(max_length=200, editable=False, db_index=True)

    history = HistoricalRecords()
    objects = PersonQuerySet.as_manager()

    class Meta:
        verbose_name = _("cán bộ")
        verbose_name_plural = _("cán bộ")
        ordering = ["full_name"]

    def __str__(self) -> str:
        return self.full_name

    def refresh_search_fields(self) -> None:
        self.search_text = fold(self.full_name)

    def positions_on(self, day: dt.date | None = None):
        day = day or timezone.localdate()
        return self.positions.filter(*_valid_on_q(day, ""))


class Position(models.Model):
    """A title a person holds for a period: "Trưởng Ban Dân vận Tỉnh ủy" from 2015."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="positions")
    title = models.CharField(_("chức vụ"), max_length=200)
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("tại tổ chức"),
        on_delete=models.PROTECT,
        related_name="positions",
    )
    is_focal_point = models.BooleanField(_("đầu mối phối hợp"), default=False)
    valid_from = models.DateField(_("từ ngày"), null=True, blank=True)
    valid_to = models.DateField(_("đến trước ngày"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("chức vụ")
        verbose_name_plural = _("chức vụ")
        ordering = ["-valid_from"]

    def __str__(self) -> str:
        return self.title
