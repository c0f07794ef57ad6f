"""In-app notifications and the e-mails that carry them.

`notify()` is the only way a Notification row is made. About a case or a bulletin, it
first drops every user who may not see that record (Case.objects.visible_to,
Bulletin.objects.visible_to): a sensitive case is never announced to an uninvolved
member, not even by its title. E-mail leaves later, from the `send_notifications`
command (cron), according to each user's NotificationPreference: one mail per
notification ("immediate", the default), one daily digest, or none.

    */10 * * * *  phoihop manage send_notifications
    0 17 * * *    phoihop manage send_notifications --digest daily
"""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from phoihop.accounts.models import User
from phoihop.situations.models import (
    Bulletin,
    Case,
    Digest,
    Notification,
    NotificationPreference,
)

DUE_SOON_DAYS = 3
TEXT_LIMIT = Notification._meta.get_field("text").max_length


def _url(name: str, pk: int) -> str:
    try:
        return reverse(name, args=[pk])
    except NoReverseMatch:
        return ""


def case_url(case) -> str:
    return _url("situations:case_detail", case.pk)


def bulletin_url(bulletin) -> str:
    return _url("situations:bulletin_detail", bulletin.pk)


def _may_see(user, case=None, bulletin=None) -> bool:
    if not user.is_active:
        return False
    if case is not None and not Case.objects.visible_to(user).filter(pk=case.pk).exists():
        return False
    if (
        bulletin is not None
        and not Bulletin.objects.visible_to(user).filter(pk=bulletin.pk).exists()
    ):
        return False
    return True


def notify(
    users: Iterable, kind: str, text: str, url: str = "", *, case=None, bulletin=None
) -> list[Notification]:
    """Create one notification per user who may see `case` / `bulletin`.

    Pass the record the notification is about: without it nothing is checked, so only
    use that form for text that reveals no record.
    """
    text = " ".join(str(text).split())[:TEXT_LIMIT]
    unique = {user.pk: user for user in users}.values()
    rows = [
        Notification(user=user, kind=kind, text=text, url=url)
        for user in unique
        if _may_see(user, case=case, bulletin=bulletin)
    ]
    return Notification.objects.bulk_create(rows)


def organization_users(organization_ids: Iterable[int]) -> list[User]:
    ids = {pk for pk in organization_ids if pk}
    return list(User.objects.filter(organization_id__in=ids, is_active=True))


def case_audience(case) -> list[User]:
    """Who follows a case: its lead, supporters, reporting members and the secretariat."""
    orgs = {case.lead_id, *case.supporters.values_list("pk", flat=True)}
    orgs |= set(case.reports.values_list("reporting_org_id", flat=True))
    users = organization_users(orgs)
    users += list(
        User.objects.filter(
            organization_id=case.committee.host_id, role="secretariat", is_active=True
        )
    )
    return users


def _about(case) -> str:
    return _("«%(title)s» (%(place)s)") % {"title": case.title, "place": case.locality.name}


def notify_case_assigned(case) -> list[Notification]:
    """The lead and supporters learn they were given a case."""
    orgs = {case.lead_id, *case.supporters.values_list("pk", flat=True)}
    text = _("Được phân công xử lý vụ việc %(about)s.") % {"about": _about(case)}
    return notify(
        organization_users(orgs), Notification.Kind.ASSIGNED, text, case_url(case), case=case
    )


def notify_case_reopened(case, reason: str = "") -> list[Notification]:
    text = _("Vụ việc %(about)s được mở lại.") % {"about": _about(case)}
    if reason:
        text += " " + _("Lý do: %(reason)s") % {"reason": reason}
    return notify(case_audience(case), Notification.Kind.REOPENED, text, case_url(case), case=case)


def notify_bulletin(bulletin) -> list[Notification]:
    """Every user of the recipients (or of the whole committee), except the sender's."""
    if bulletin.recipients.exists():
        orgs = set(bulletin.recipients.values_list("pk", flat=True))
    else:
        orgs = set(bulletin.committee.memberships.values_list("organization_id", flat=True))
        orgs.add(bulletin.committee.host_id)
    orgs.discard(bulletin.sender_id)
    text = _("Bản tin mới từ %(sender)s: %(title)s") % {
        "sender": bulletin.sender.short_name or bulletin.sender.name,
        "title": bulletin.title,
    }
    users = organization_users(orgs)
    return notify(
        users, Notification.Kind.BULLETIN, text, bulletin_url(bulletin), bulletin=bulletin
    )


# --- Due soon, overdue ------------------------------------------------------------------


def _already(user, kind: str, url: str, since: dt.date) -> bool:
    return Notification.objects.filter(
        user=user, kind=kind, url=url, created_at__date__gte=since
    ).exists()


def _due_notice(case, kind: str, since: dt.date) -> int:
    url = case_url(case)
    if kind == Notification.Kind.DUE_SOON:
        text = _("Vụ việc %(about)s sắp đến hạn xử lý (%(day)s).")
    else:
        text = _("Vụ việc %(about)s đã quá hạn xử lý (hạn %(day)s).")
    text %= {"about": _about(case), "day": f"{case.due_date:%d/%m/%Y}"}
    users = [u for u in organization_users([case.lead_id]) if not _already(u, kind, url, since)]
    return len(notify(users, kind, text, url, case=case))


def scan_due(today: dt.date | None = None, days: int = DUE_SOON_DAYS) -> tuple[int, int]:
    """Tell leads of open cases due within `days`, or overdue; once per deadline.

    Returns (due soon, overdue) notifications created.
    """
    today = today or timezone.localdate()
    open_cases = Case.objects.open().filter(due_date__isnull=False, lead__isnull=False)
    open_cases = open_cases.select_related("locality")
    soon = overdue = 0
    for case in open_cases.filter(
        due_date__gte=today, due_date__lte=today + dt.timedelta(days=days)
    ):
        soon += _due_notice(
            case, Notification.Kind.DUE_SOON, case.due_date - dt.timedelta(days=days)
        )
    for case in open_cases.filter(due_date__lt=today):
        overdue += _due_notice(case, Notification.Kind.OVERDUE, case.due_date)
    return soon, overdue


# --- E-mail -----------------------------------------------------------------------------


@dataclass
class SendSummary:
    immediate: int = 0
    digests: int = 0
    due_soon: int = 0
    overdue: int = 0


def _digest_of(user) -> str:
    pref = getattr(user, "notification_preference", None)
    return pref.digest if pref else Digest.IMMEDIATE


def _link(url: str) -> str:
    return getattr(settings, "PHOIHOP_BASE_URL", "").rstrip("/") + url if url else ""


def _pending_for(digest: str):
    pending = Notification.objects.filter(emailed_at__isnull=True, user__is_active=True).exclude(
        user__email=""
    )
    if digest == Digest.IMMEDIATE:
        wanted = Q(user__notification_preference__isnull=True) | Q(
            user__notification_preference__digest=Digest.IMMEDIATE
        )
    else:
        wanted = Q(user__notification_preference__digest=digest)
    return pending.filter(wanted).select_related("user").order_by("user_id", "created_at")


@transaction.atomic
def send_immediate() -> int:
    sent = 0
    for note in _pending_for(Digest.IMMEDIATE):
        body = "\n".join(filter(None, [note.text, _link(note.url)]))
        send_mail(
            f"[Phối hợp] {note.get_kind_display()}",
            body,
            settings.DEFAULT_FROM_EMAIL,
            [note.user.email],
        )
        note.emailed_at = timezone.now()
        note.save(update_fields=["emailed_at"])
        sent += 1
    return sent


@transaction.atomic
def send_daily_digests() -> int:
    by_user: dict[int, list[Notification]] = {}
    for note in _pending_for(Digest.DAILY):
        by_user.setdefault(note.user_id, []).append(note)
    for notes in by_user.values():
        lines = [f"- {n.text}" + (f"\n  {_link(n.url)}" if n.url else "") for n in notes]
        subject = _("[Phối hợp] %(n)s thông báo mới") % {"n": len(notes)}
        send_mail(subject, "\n".join(lines), settings.DEFAULT_FROM_EMAIL, [notes[0].user.email])
        Notification.objects.filter(pk__in=[n.pk for n in notes]).update(emailed_at=timezone.now())
    return len(by_user)


def notifications_send(*, today: dt.date | None = None, daily: bool = False) -> SendSummary:
    """The cron job: scan deadlines, mail immediate notifications, and digests if asked."""
    summary = SendSummary()
    summary.due_soon, summary.overdue = scan_due(today)
    summary.immediate = send_immediate()
    if daily:
        summary.digests = send_daily_digests()
    return summary


def preference_for(user) -> NotificationPreference:
    pref, _created = NotificationPreference.objects.get_or_create(user=user)
    return pref
