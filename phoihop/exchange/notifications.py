"""In-app notifications and the e-mails that carry them.

`notify()` is the only way a Notification row is made: every app that tells users
something (situations about cases, exchange about bulletins…) calls it. Given the record
the notification is about (`about=`), it first drops every user who may not see that
record (`<Model>.objects.visible_to(user)`): a sensitive case is never announced to an
uninvolved member, not even by its title. E-mail leaves later, from the
`send_notifications` command (cron), according to each user's NotificationPreference:
one mail per notification ("immediate", the default), one daily digest, or none.

    */10 * * * *  phoihop manage send_notifications
    0 17 * * *    phoihop manage send_notifications --digest daily
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from phoihop.accounts.models import User
from phoihop.exchange.models import NOTIFIED_MODELS, Digest, Notification, NotificationPreference

TEXT_LIMIT = Notification._meta.get_field("text").max_length


def url_or_blank(name: str, pk: int) -> str:
    """The page of record `pk` under URL name `name`, or "" where it is not routed."""
    try:
        return reverse(name, args=[pk])
    except NoReverseMatch:
        return ""


def _may_see(user, about) -> bool:
    if not user.is_active:
        return False
    if about is None:
        return True
    visible = type(about)._default_manager.visible_to(user)
    return visible.filter(pk=about.pk).exists()


def notify(
    users: Iterable, kind: str, text: str, url: str = "", *, about=None
) -> list[Notification]:
    """Create one notification per user who may see `about` (a case, a bulletin…: any
    record whose manager has `visible_to(user)`).

    Pass the record the notification is about: without it nothing is checked, so only
    use that form for text that reveals no record. The record is kept on the row, and
    the inbox, the badge and the API show the row only while the user may still see it
    (`Notification.objects.visible_to`).
    """
    if about is not None and type(about) not in NOTIFIED_MODELS:
        raise ValueError(f"{type(about).__name__} is not registered (register_notified_model)")
    text = " ".join(str(text).split())[:TEXT_LIMIT]
    unique = {user.pk: user for user in users}.values()
    # Read, not from ContentType's process cache: a cached id can outlive a flush (tests).
    about_type = (
        ContentType.objects.get_or_create(
            app_label=about._meta.app_label, model=about._meta.model_name
        )[0]
        if about is not None
        else None
    )
    about_id = about.pk if about is not None else None
    rows = [
        Notification(
            user=user, kind=kind, text=text, url=url, about_type=about_type, about_id=about_id
        )
        for user in unique
        if _may_see(user, about)
    ]
    return Notification.objects.bulk_create(rows)


def organization_users(organization_ids: Iterable[int]) -> list[User]:
    ids = {pk for pk in organization_ids if pk}
    return list(User.objects.filter(organization_id__in=ids, is_active=True))


def already_notified(user, kind: str, url: str, since) -> bool:
    """Whether `user` got a `kind` notification linking to `url` on or after `since`."""
    return Notification.objects.filter(
        user=user, kind=kind, url=url, created_at__date__gte=since
    ).exists()


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
        users,
        Notification.Kind.BULLETIN,
        text,
        url_or_blank("exchange:bulletin_detail", bulletin.pk),
        about=bulletin,
    )


# --- E-mail -----------------------------------------------------------------------------


@dataclass
class SendSummary:
    immediate: int = 0
    digests: int = 0


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


def notifications_send(*, daily: bool = False) -> SendSummary:
    """Mail the pending immediate notifications, and the daily digests if asked."""
    summary = SendSummary()
    summary.immediate = send_immediate()
    if daily:
        summary.digests = send_daily_digests()
    return summary


def preference_for(user) -> NotificationPreference:
    pref, _created = NotificationPreference.objects.get_or_create(user=user)
    return pref
