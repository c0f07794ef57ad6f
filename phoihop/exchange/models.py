"""Information exchange: bulletins between members, the notification inbox, e-mail digests.

Moved from `situations` with its tables kept (Meta.db_table): migrations 0001 of this app
and 0010 of situations move the models in Django's state only, no row moves.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
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


# The models a notification may be about (`notify(about=...)`): each has a manager with
# `visible_to(user)`. Registered in the AppConfig.ready() of exchange (and of any app
# above it that notifies), so the inbox asks each of them in one query, with no lookup of
# which kinds a user's rows hold.
NOTIFIED_MODELS: list[type[models.Model]] = []


def register_notified_model(model: type[models.Model]) -> None:
    if model not in NOTIFIED_MODELS:
        NOTIFIED_MODELS.append(model)


class NotificationQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The user's own notifications about records the user may still see now.

        A notification keeps the record it is about (`about_type`, `about_id`); one whose
        record has since left the user's sight (a case marked sensitive, a membership
        ended) is neither listed nor counted, so its text never shows. One about no
        record (`about_type` empty) reveals none and always shows.
        """
        if not user.is_authenticated:
            return self.none()
        seen = models.Q(about_type=None)
        for model in NOTIFIED_MODELS:
            # By the content type's natural key (a join): no lookup query of its own.
            meta = model._meta
            visible = model._default_manager.visible_to(user).values("pk")
            seen |= models.Q(
                about_type__app_label=meta.app_label,
                about_type__model=meta.model_name,
                about_id__in=visible,
            )
        return self.filter(seen, user=user)

    def unread(self):
        return self.filter(read_at__isnull=True)


class Notification(models.Model):
    class Kind(models.TextChoices):
        ASSIGNED = "assigned", _("Được phân công")
        DUE_SOON = "due_soon", _("Sắp đến hạn")
        OVERDUE = "overdue", _("Quá hạn")
        REOPENED = "reopened", _("Mở lại")
        ESCALATED = "escalated", _("Chuyển lên cấp trên")
        BULLETIN = "bulletin", _("Bản tin mới")
        INVITED = "invited", _("Mời xác nhận tham gia")
        RESPONDED = "responded", _("Đơn vị phối hợp trả lời")
        SUBMITTED = "submitted", _("Hoạt động chờ xác nhận")
        RETURNED = "returned", _("Hoạt động bị trả lại")
        CONFIRMED = "confirmed", _("Hoạt động được xác nhận")
        REPORT_DUE = "report_due", _("Báo cáo định kỳ")
        CONTRIBUTION = "contribution", _("Đề nghị góp ý sơ kết, tổng kết")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    text = models.CharField(max_length=400)
    url = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)
    # The record the notification is about: its text shows only while the user may see it.
    about_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    about_id = models.PositiveBigIntegerField(null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        db_table = "situations_notification"  # kept when the model moved from situations
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["user", "read_at"], name="notification_unread_idx")]

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
