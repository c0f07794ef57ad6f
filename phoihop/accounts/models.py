"""Users belong to one organization and have one role; rights follow from both."""

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from phoihop.core.access import settled_scope
from phoihop.lib.text import fold
from phoihop.organizations.models import Organization


class Role(models.TextChoices):
    ADMINISTRATOR = "administrator", _("Quản trị hệ thống")
    SECRETARIAT = "secretariat", _("Thường trực Ban Chỉ đạo")
    FOCAL_POINT = "focal_point", _("Đầu mối tổ chức thành viên")
    VIEWER = "viewer", _("Chỉ xem")


class UserQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Users whose organization `user` may see; administrators see everyone."""
        if (settled := settled_scope(self, user)) is not None:
            return settled
        return self.filter(organization__in=Organization.objects.visible_to(user))


class PhoihopUserManager(UserManager.from_queryset(UserQuerySet)):
    def _create_user_object(self, username, email, password, **extra_fields):
        # create_user/createsuperuser build users here: keep the folded copy in step.
        user = super()._create_user_object(username, email, password, **extra_fields)
        user.refresh_search_fields()
        return user


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
    search_text = models.CharField(max_length=500, editable=False, blank=True, db_index=True)

    history = HistoricalRecords(excluded_fields=["password", "last_login"])
    objects = PhoihopUserManager()

    class Meta:
        verbose_name = _("người dùng")
        verbose_name_plural = _("người dùng")
        ordering = ["username"]

    def refresh_search_fields(self) -> None:
        """Folded username and names, so "tran thi thu" finds "Trần Thị Thu"."""
        words = [self.username, self.get_full_name(), self.first_name, self.last_name]
        self.search_text = " | ".join(dict.fromkeys(fold(w) for w in words if w))[:500]

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
