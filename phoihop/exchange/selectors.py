"""Reads for the information exchange: bulletins, notifications, "new since last visit"."""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import BooleanField, ExpressionWrapper, Q, QuerySet
from django.utils import timezone

from phoihop.core.access import get_scoped
from phoihop.exchange.models import Bulletin, Notification
from phoihop.situations.models import Case, SituationReport

NEW_LIMIT = 10
FIRST_VISIT_DAYS = 30


def bulletins_for_user(user, committee=None) -> QuerySet[Bulletin]:
    if user.is_authenticated and not user.is_administrator and user.organization_id is None:
        # Bulletin.visible_to would match broadcasts through recipients__id=None.
        return Bulletin.objects.none()
    bulletins = Bulletin.objects.visible_to(user).select_related(
        "sender", "committee", "created_by"
    )
    if committee is not None:
        bulletins = bulletins.filter(committee=committee)
    return bulletins.prefetch_related("recipients")


def get_bulletin_for_user(user, pk) -> Bulletin:
    return get_scoped(bulletins_for_user(user), pk)


def notifications_for_user(user) -> QuerySet[Notification]:
    """The user's notifications about what the user may see now: the inbox, the badge and
    the API all read this, so the badge counts exactly the unread rows the inbox lists."""
    return Notification.objects.visible_to(user)


def unread_first(notes: QuerySet[Notification]) -> QuerySet[Notification]:
    """Unread ones first (newest first), then the read ones: an unread notice never hides
    on a later page behind newer read ones."""
    unread = ExpressionWrapper(Q(read_at__isnull=True), output_field=BooleanField())
    return notes.order_by(unread.desc(), "-created_at", "-pk")


def unread_count_for_user(user) -> int:
    """The header badge: unread rows of `notifications_for_user`."""
    return notifications_for_user(user).unread().count()


def get_notification_for_user(user, pk) -> Notification:
    return get_scoped(notifications_for_user(user), pk)


@dataclass
class WhatsNew:
    since: dt.datetime
    first_visit: bool
    cases: list = field(default_factory=list)
    reports: list = field(default_factory=list)
    bulletins: list = field(default_factory=list)
    case_count: int = 0
    report_count: int = 0
    bulletin_count: int = 0

    @property
    def is_empty(self) -> bool:
        return not (self.case_count or self.report_count or self.bulletin_count)


def whats_new_for_user(user, last_visit_at: dt.datetime | None) -> WhatsNew:
    """Cases, reports and bulletins `user` may see that appeared after `last_visit_at`
    (first visit: the last 30 days)."""
    first = last_visit_at is None
    since = last_visit_at or timezone.now() - dt.timedelta(days=FIRST_VISIT_DAYS)
    created = Case.history.filter(history_type="+", history_date__gt=since).values("id")
    cases = Case.objects.visible_to(user).filter(pk__in=created).select_related("locality", "topic")
    reports = (
        SituationReport.objects.visible_to(user)
        .filter(created_at__gt=since)
        .select_related("locality", "topic", "reporting_org")
    )
    bulletins = bulletins_for_user(user).filter(created_at__gt=since)
    return WhatsNew(
        since=since,
        first_visit=first,
        cases=list(cases[:NEW_LIMIT]),
        reports=list(reports.order_by("-created_at")[:NEW_LIMIT]),
        bulletins=list(bulletins[:NEW_LIMIT]),
        case_count=cases.count(),
        report_count=reports.count(),
        bulletin_count=bulletins.count(),
    )
