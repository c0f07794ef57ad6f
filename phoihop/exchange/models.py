"""Information exchange: bulletins between members, the notification inbox, e-mail digests.

Moved from `situations` with its tables kept (Meta.db_table): migrations 0001 of this app
and 0010 of situations move the models in Django's state only, no row moves.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from phoihop.core.access import settled_scope


class BulletinQuerySet(models.QuerySet):
    def visible_to(self, user):
        if (settled := settled_scope(self, user)) is not None:
            return settled
        org = user.organization_id
        to_me = Q(recipients__isnull=True, committee__memberships__organization_id=org) | Q(recipients__id=org)
        ids = self.filter(to_me | Q(sender_id=org) | Q(committee__host_id=org)).values("pk")
        return self.filter(pk__in=ids)


class Bulletin(models.Model):
    """Information exchange: a member writes to the committee or to chosen members."""

    committee = models.ForeignKey("organizations.Committee", on_delete=models.PROTECT, related_name="bulletins")
    sender = models.ForeignKey(
        "organizations.Organization", verbose_name=_("đơn vị gửi"), on_delete=models.PROTECT, related_name="+"
    )
    recipients = models.ManyToManyField(
        "organizations.Organization",
        verbose_name=_("gửi tới (để trống: cả Ban Chỉ đạo)"),
        blank=True,
        related_name="bulletins_received",
    )
    title = models.CharField(_("tiêu đề"), max_length=250)
    body = models.TextField(_("nội dung"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    objects = BulletinQuerySet.as_manager()

    class Meta:
        db_table = "situations_bulletin"  # kept when the model moved from situations
        verbose_name = _("bản tin trao đổi")
        verbose_name_plural = _("bản tin trao đổi")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title


class Notification(models.Model):
    class Kind(models.TextChoices):
        ASSIGNED = "assigned", _("Được phân công")
        DUE_SOON = "due_soon", _("Sắp đến hạn")
        OVERDUE = "overdue", _("Quá hạn")
        REOPENED = "reopened", _("Mở lại")
        BULLETIN = "bulletin", _("Bản tin mới")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    text = models.CharField(max_length=400)
    url = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "situations_notification"  # kept when the model moved from situations
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.text


class Digest(models.TextChoices):
    IMMEDIATE = "immediate", _("Gửi ngay từng thông báo")
    DAILY = "daily", _("Gộp một thư mỗi ngày")
    NONE = "none", _("Không gửi thư, chỉ xem trong hệ thống")


class NotificationPreference(models.Model):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preference")
    digest = models.CharField(_("nhận thư thông báo"), max_length=10, choices=Digest.choices, default=Digest.IMMEDIATE)
    last_visit_at = models.DateTimeField(_("lần xem gần nhất"), null=True, blank=True)

    class Meta:
        db_table = "situations_notificationpreference"  # kept from situations

    def __str__(self) -> str:
        return f"{self.user}: {self.get_digest_display()}"
