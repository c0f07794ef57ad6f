"""Users belong to one organization and have one role; rights follow from both."""

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Role(models.TextChoices):
    ADMINISTRATOR = "administrator", _("Quản trị hệ thống")
    SECRETARIAT = "secretariat", _("Thường trực Ban Chỉ đạo")
    FOCAL_POINT = "focal_point", _("Đầu mối tổ chức thành viên")
    VIEWER = "viewer", _("Chỉ xem")


class UserQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Users whose organization `user` may see; administrators see everyone."""
        from phoihop.organizations.models import Organization

        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_administrator:
            return self.all()
        return self.filter(organization__in=Organization.objects.visible_to(user))


class PhoihopUserManager(UserManager.from_queryset(UserQuerySet)):
    pass


class User(AbstractUser):
    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("tổ chức"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
    )
    role = models.CharField(_("vai trò"), max_length=20, choices=Role.choices, default=Role.VIEWER)

    history = HistoricalRecords(excluded_fields=["password", "last_login"])
    objects = PhoihopUserManager()

    class Meta:
        verbose_name = _("người dùng")
        verbose_name_plural = _("người dùng")
        ordering = ["username"]

    @property
    def is_administrator(self) -> bool:
        return self.is_superuser or self.role == Role.ADMINISTRATOR

    @property
    def is_secretariat(self) -> bool:
        return self.role == Role.SECRETARIAT

    @property
    def is_read_only(self) -> bool:
        return self.role == Role.VIEWER

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.username
