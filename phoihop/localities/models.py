"""Administrative units that are valid for a period, and the events that change them.

A unit is never rewritten when it merges: the pre-reform Xã Thanh Hải keeps existing
(valid until 1 July 2025) and a change event links it to its successor Xã Thanh Lâm.
A record dated 2020 keeps pointing at Thanh Hải; a review can regroup by successors.
"""

import datetime as dt
import re

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from phoihop.lib.text import fold, fold_key

REFORM_2025 = dt.date(2025, 7, 1)
RESOLUTION_NUMBER = re.compile(r"\b\d+/(?:\d{4}/)?(?:NQ-)?(?:UBTVQH|QH)1[3-6]\b")


class Level(models.IntegerChoices):
    PROVINCE = 1, _("Cấp tỉnh")
    DISTRICT = 2, _("Cấp huyện")
    COMMUNE = 3, _("Cấp xã")


class Kind(models.TextChoices):
    TINH = "tinh", _("Tỉnh")
    THANH_PHO_TW = "thanh_pho_tw", _("Thành phố trực thuộc trung ương")
    HUYEN = "huyen", _("Huyện")
    QUAN = "quan", _("Quận")
    THI_XA = "thi_xa", _("Thị xã")
    THANH_PHO = "thanh_pho", _("Thành phố")
    XA = "xa", _("Xã")
    PHUONG = "phuong", _("Phường")
    THI_TRAN = "thi_tran", _("Thị trấn")
    DAC_KHU = "dac_khu", _("Đặc khu")


class LocalityQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Places are public reference data for every signed-in, active user."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        return self.all()

    def valid_on(self, day: dt.date):
        """Units in force on `day` (valid_from inclusive, valid_to exclusive)."""
        return self.filter(
            Q(valid_from__isnull=True) | Q(valid_from__lte=day),
            Q(valid_to__isnull=True) | Q(valid_to__gt=day),
        )

    def current(self):
        return self.valid_on(timezone.localdate())

    def search(self, text: str):
        """Diacritic- and case-insensitive match on the name and its former names."""
        folded = fold(text)
        if not folded:
            return self.none()
        # Former names are stored as keys without spaces ("tientan"): match those too.
        return self.filter(
            Q(search_text__contains=folded) | Q(search_text__contains=folded.replace(" ", ""))
        ).distinct()

    def within(self, ancestor: "Locality"):
        """`ancestor` itself and every unit below it, in any generation."""
        return self.filter(Q(pk=ancestor.pk) | Q(parent=ancestor) | Q(parent__parent=ancestor))

    def in_force_within(self, area: "Locality", *, on: dt.date | None = None):
        """The places a committee of `area` works in, in force on `on` (any day if None).

        Inside `area` means: `area` or a unit below it; after the 2025 reform also a unit
        that succeeds one of those (Lineage), or a unit below a successor of `area` itself.
        Services check records against this query; forms and the importer offer it.
        """
        inside = Locality.objects.within(area).values("pk")
        successors = Lineage.objects.filter(predecessor=area).values("successor")
        units = self.filter(
            Q(pk__in=inside)
            | Q(pk__in=Lineage.objects.filter(predecessor__in=inside).values("successor"))
            | Q(pk__in=successors)
            | Q(parent__in=successors)
            | Q(parent__parent__in=successors)
        )
        return units if on is None else units.valid_on(on)


class Locality(models.Model):
    ref = models.CharField(
        _("mã tham chiếu"),
        max_length=32,
        unique=True,
        help_text=_("Khóa ổn định trong hệ thống, ví dụ v1.c13498 (trước 2025) hoặc v2.c13489."),
    )
    code = models.CharField(_("mã hành chính"), max_length=10, db_index=True)
    name = models.CharField(_("tên"), max_length=120)
    short_name = models.CharField(_("tên ngắn"), max_length=100)
    kind = models.CharField(_("loại"), max_length=16, choices=Kind.choices)
    level = models.PositiveSmallIntegerField(_("cấp"), choices=Level.choices, db_index=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("trực thuộc"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    valid_from = models.DateField(_("hiệu lực từ"), null=True, blank=True)
    valid_to = models.DateField(
        _("hết hiệu lực từ"), null=True, blank=True, help_text=_("Ngày đầu tiên không còn hiệu lực.")
    )
    latitude = models.FloatField(_("vĩ độ"), null=True, blank=True)
    longitude = models.FloatField(_("kinh độ"), null=True, blank=True)
    name_key = models.CharField(max_length=100, db_index=True, editable=False)
    former_names = models.JSONField(
        _("tên cũ / tên khác"), default=list, blank=True, help_text=_("Khóa đã gập dấu, ví dụ 'tientan'.")
    )
    search_text = models.CharField(max_length=400, editable=False, db_index=True)

    history = HistoricalRecords()
    objects = LocalityQuerySet.as_manager()

    class Meta:
        verbose_name = _("đơn vị hành chính")
        verbose_name_plural = _("đơn vị hành chính")
        ordering = ["level", "name"]
        indexes = [models.Index(fields=["level", "name_key"])]

    def __str__(self) -> str:
        return self.name

    def refresh_search_fields(self) -> None:
        """Derive the folded copies from the name; services call this before saving."""
        self.name_key = fold_key(self.short_name)
        words = [fold(self.name), fold(self.short_name), *self.former_names]
        self.search_text = " | ".join(dict.fromkeys(w for w in words if w))[:400]

    def is_valid_on(self, day: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day < self.valid_to
        )

    @property
    def full_name(self) -> str:
        """"Xã Thanh Hải, Huyện Thanh Liêm, Tỉnh Hà Nam"."""
        names, unit = [], self
        while unit is not None:
            names.append(unit.name)
            unit = unit.parent
        return ", ".join(names)


class ChangeEvent(models.Model):
    class Kind(models.TextChoices):
        MERGE = "merge", _("Sáp nhập")
        SPLIT = "split", _("Chia tách")
        RENAME = "rename", _("Đổi tên")
        UPGRADE = "upgrade", _("Nâng cấp / đổi loại")
        REASSIGN = "reassign", _("Chuyển trực thuộc")
        DISSOLVE = "dissolve", _("Giải thể")

    ref = models.CharField(max_length=64, unique=True)
    kind = models.CharField(_("loại thay đổi"), max_length=16, choices=Kind.choices)
    effective_date = models.DateField(_("ngày có hiệu lực"), db_index=True)
    legal_basis = models.CharField(_("căn cứ pháp lý"), max_length=300)
    resolution = models.CharField(
        _("số văn bản"), max_length=40, blank=True, help_text=_("Ví dụ 1669/NQ-UBTVQH15.")
    )
    note = models.TextField(_("ghi chú"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("sự kiện thay đổi địa giới")
        verbose_name_plural = _("sự kiện thay đổi địa giới")
        ordering = ["-effective_date", "ref"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.effective_date:%d/%m/%Y})"


class Lineage(models.Model):
    """One predecessor → successor link of a change event.

    A commune divided between several new ones has one link per part; exactly one of
    them is `is_primary`, so figures regrouped by successor add up to the same total.
    `is_whole` says whether the predecessor's whole area went to this successor: Phường Đa
    Kao's primary link to Phường Sài Gòn is a part (the rest went to Phường Tân Định).
    """

    event = models.ForeignKey(ChangeEvent, on_delete=models.CASCADE, related_name="links")
    predecessor = models.ForeignKey(
        Locality, on_delete=models.CASCADE, related_name="successor_links"
    )
    successor = models.ForeignKey(
        Locality, null=True, blank=True, on_delete=models.CASCADE, related_name="predecessor_links"
    )
    is_primary = models.BooleanField(_("kế thừa chính"), default=True)
    is_whole = models.BooleanField(
        _("toàn bộ diện tích"), default=True, help_text=_("Bỏ chọn khi đơn vị cũ chỉ chuyển một phần diện tích.")
    )

    class Meta:
        verbose_name = _("liên kết kế thừa")
        verbose_name_plural = _("liên kết kế thừa")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "predecessor", "successor"], name="lineage_unique_link"
            )
        ]

    def __str__(self) -> str:
        return f"{self.predecessor} → {self.successor or '–'}"
