"""Information exchange: bulletins between members, notification reading, preferences."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from phoihop.exchange.models import Bulletin, Digest, Notification, NotificationPreference
from phoihop.exchange.notifications import notify_bulletin
from phoihop.lib.text import clean_name, nfc
from phoihop.organizations.models import Organization
from phoihop.situations.rules import can_report, is_member_of


def _outside_message(actor, outside) -> str:
    """Name only the organizations the actor may see; the others are counted, unnamed."""
    seen = set(Organization.objects.visible_to(actor).filter(pk__in=[o.pk for o in outside]).values_list("pk", flat=True))
    names = [org.name for org in outside if org.pk in seen]
    hidden = len(outside) - len(names)
    if hidden:
        names.append(ngettext("%(count)s đơn vị khác", "%(count)s đơn vị khác", hidden) % {"count": hidden})
    return _("Không thuộc Ban Chỉ đạo: %(names)s.") % {"names": ", ".join(names)}


@transaction.atomic
def bulletin_send(*, actor, committee, title: str, body: str, recipients=()) -> Bulletin:
    """A member writes to the whole committee (no recipients) or to chosen members;
    the recipients' users are notified after the bulletin is saved."""
    if not can_report(actor, committee):
        raise PermissionDenied(
            _("Chỉ đầu mối và Thường trực của tổ chức thành viên được gửi bản tin.")
        )
    recipients = list(recipients)
    outside = [org for org in recipients if not is_member_of(org.pk, committee)]
    if outside:
        raise ValidationError({"recipients": _outside_message(actor, outside)})
    bulletin = Bulletin(
        committee=committee,
        sender_id=actor.organization_id,
        title=clean_name(title),
        body=nfc(body).strip(),
        created_by=actor,
    )
    bulletin.full_clean()
    bulletin.save()
    bulletin.recipients.set(recipients)
    notify_bulletin(bulletin)
    return bulletin


def notification_mark_read(*, actor, notification: Notification | None = None) -> int:
    """Mark one of the actor's notifications read, or all those the actor may see (None)."""
    unread = Notification.objects.visible_to(actor).unread()
    if notification is not None:
        unread = unread.filter(pk=notification.pk)
    return unread.update(read_at=timezone.now())


def preference_update(*, actor, digest: str) -> NotificationPreference:
    if digest not in Digest.values:
        raise ValidationError({"digest": _("Cách nhận thư không hợp lệ.")})
    pref, _created = NotificationPreference.objects.get_or_create(user=actor)
    if pref.digest != digest:
        pref.digest = digest
        pref.full_clean()
        pref.save(update_fields=["digest"])
    return pref


def visit_record(*, actor) -> NotificationPreference:
    """Remember now as the actor's last visit; returns the preference as it WAS before."""
    pref, _created = NotificationPreference.objects.get_or_create(user=actor)
    previous = NotificationPreference(
        pk=pref.pk, user=actor, digest=pref.digest, last_visit_at=pref.last_visit_at
    )
    NotificationPreference.objects.filter(pk=pref.pk).update(last_visit_at=timezone.now())
    return previous
