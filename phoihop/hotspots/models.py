"""Hotspots: the localities a committee decides to watch, each decision with its reason.

Moved from `situations` with its tables kept (Meta.db_table, and the history tables
through HistoricalRecordsKeptFrom): migrations 0001 of this app and 0010 of situations
move the model in Django's state only, no row moves.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from phoihop.core.history_tables import HistoricalRecordsKeptFrom
from phoihop.organizations.models import Committee


class HotspotQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(committee__in=Committee.objects.visible_to(user).values("pk"))


class Hotspot(models.Model):
    """A decision: the secretariat designates a locality as a hotspot, with a reason."""

    committee = models.ForeignKey(
        "organizations.Committee", on_delete=models.PROTECT, related_name="hotspots"
    )
    locality = models.ForeignKey(
        "localities.Locality",
        verbose_name=_("địa bàn"),
        on_delete=models.PROTECT,
        related_name="hotspots",
    )
    designated_on = models.DateField(_("ngày xác định"))
    designated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.TextField(_("lý do"))
    score_at_decision = models.DecimalField(
        _("điểm khi quyết định"), max_digits=10, decimal_places=2, default=0
    )
    lifted_on = models.DateField(_("ngày đưa ra khỏi danh sách"), null=True, blank=True)
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    lift_reason = models.TextField(_("lý do đưa ra"), blank=True)
    responses = models.ManyToManyField(
        "activities.Activity",
        verbose_name=_("hoạt động ứng phó"),
        blank=True,
        related_name="hotspots",
    )

    history = HistoricalRecordsKeptFrom("situations", m2m_fields=[responses])
    objects = HotspotQuerySet.as_manager()

    class Meta:
        db_table = "situations_hotspot"  # kept when the model moved from situations
        verbose_name = _("địa bàn trọng điểm")
        verbose_name_plural = _("địa bàn trọng điểm")
        ordering = ["-designated_on"]

    def __str__(self) -> str:
        return str(self.locality)
