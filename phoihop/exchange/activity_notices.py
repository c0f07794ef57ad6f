"""What an activity's hand-offs tell the members: the listener of
`activities.services.HANDOFF_LISTENERS` (registered in ExchangeConfig.ready()).

Each step goes through the one `notify()` with the activity as `about=`, so nobody who
may not see the activity (Activity.objects.visible_to) hears of it, and the actor is not
told of their own step:

- invited: the partners newly asked to confirm their part;
- responded: the lead learns a partner confirmed or declined;
- submitted: the secretariat of the program's committee has one to confirm;
- returned: the lead, with the secretariat's comment;
- confirmed: the lead and the partners that did not decline;
- imported (a workbook's rows submitted at once): one notice per reader for the whole
  import, not one per row: the secretariat has N to confirm, each partner N to answer.
  It names no activity, only how many of those the reader may see, so it is not `about=`
  one of them.
"""

from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext as _

from phoihop.accounts.models import Role, User
from phoihop.activities.models import Activity, ParticipantRole, Participation, ParticipationStatus
from phoihop.activities.services import Step
from phoihop.exchange.models import Notification
from phoihop.exchange.notifications import notify, organization_users, url_or_blank
from phoihop.lib.vnformat import number


def _org_name(org) -> str:
    return org.short_name or org.name


def _secretariat_users(activity: Activity) -> list[User]:
    host_id = activity.program.committee.host_id
    return list(User.objects.filter(organization_id=host_id, role=Role.SECRETARIAT, is_active=True))


def _partner_ids(activity: Activity) -> list[int]:
    parts = activity.participations.filter(role=ParticipantRole.PARTNER).exclude(
        status=ParticipationStatus.DECLINED
    )
    return list(parts.values_list("organization_id", flat=True))


def _audience_and_text(step: str, activity: Activity, **details) -> tuple[list[User], str, str]:
    values = {"title": activity.title, "lead": _org_name(activity.lead)}
    if step == Step.INVITED:
        text = _("Mời xác nhận tham gia hoạt động «%(title)s» do %(lead)s chủ trì.")
        return (
            organization_users(details["organization_ids"]),
            Notification.Kind.INVITED,
            text % values,
        )
    if step == Step.RESPONDED:
        part = details["participation"]
        values["partner"] = _org_name(part.organization)
        if part.status == ParticipationStatus.CONFIRMED:
            text = _("%(partner)s đã xác nhận tham gia hoạt động «%(title)s».")
        else:
            text = _("%(partner)s đã từ chối tham gia hoạt động «%(title)s».")
        return organization_users([activity.lead_id]), Notification.Kind.RESPONDED, text % values
    if step == Step.SUBMITTED:
        text = _("Hoạt động «%(title)s» của %(lead)s chờ Thường trực xác nhận.")
        return _secretariat_users(activity), Notification.Kind.SUBMITTED, text % values
    if step == Step.RETURNED:
        values["comment"] = activity.review_comment
        text = _(
            "Hoạt động «%(title)s» được trả lại để bổ sung. Ý kiến của Thường trực: %(comment)s"
        )
        return organization_users([activity.lead_id]), Notification.Kind.RETURNED, text % values
    if step == Step.CONFIRMED:
        text = _("Hoạt động «%(title)s» đã được Thường trực xác nhận.")
        users = organization_users([activity.lead_id, *_partner_ids(activity)])
        return users, Notification.Kind.CONFIRMED, text % values
    raise ValueError(step)


def _notify_imported(activities: list[Activity], actor) -> list[Notification]:
    ids = [activity.pk for activity in activities]
    first = Activity.objects.select_related("program__committee").get(pk=ids[0])
    url = reverse("activities:list") + (
        f"?batch={first.import_batch}" if first.import_batch else ""
    )
    others = [] if actor is None else [actor.pk]
    text = _("%(count)s hoạt động nhập từ bảng tính chờ Thường trực xác nhận.") % {
        "count": number(len(ids))
    }
    made = notify(
        [u for u in _secretariat_users(first) if u.pk not in others],
        Notification.Kind.SUBMITTED,
        text,
        url,
    )
    asked = (
        Participation.objects.filter(activity_id__in=ids, role=ParticipantRole.PARTNER)
        .values("organization_id")
        .annotate(n=Count("id"))
    )
    for row in asked:
        text = _("Mời xác nhận tham gia %(count)s hoạt động nhập từ bảng tính.") % {
            "count": number(row["n"])
        }
        users = [u for u in organization_users([row["organization_id"]]) if u.pk not in others]
        made += notify(users, Notification.Kind.INVITED, text, url)
    return made


def notify_activity_step(
    step: str, *, activity: Activity | None, actor, **details
) -> list[Notification]:
    """Tell who waits on (or for) this step of `activity`; never the actor."""
    if step == Step.IMPORTED:
        return _notify_imported(details["activities"], actor)
    activity = Activity.objects.select_related("lead", "program__committee").get(pk=activity.pk)
    users, kind, text = _audience_and_text(step, activity, **details)
    users = [user for user in users if user.pk != getattr(actor, "pk", None)]
    url = url_or_blank("activities:detail", activity.pk)
    return notify(users, kind, text, url, about=activity)
