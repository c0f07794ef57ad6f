"""A new draft review asks the members for their part: each member's focal points are told
in the app (exchange's one `notify()`). A draft is visible to the host organization only
(`ReviewReport.visible_to`): members give their part without reading it, so the notice is
`about=` the program, shown while they may see the program, and names the draft's title
as their to-do on the home page ("Việc cần làm") does, until their organization gives it."""

from django.utils.translation import gettext as _

from phoihop.accounts.models import Role, User
from phoihop.exchange.models import Notification
from phoihop.exchange.notifications import notify, url_or_blank
from phoihop.reviews.models import ReviewReport
from phoihop.reviews.selectors import reviews_open_for_contribution


def notify_contribution_asked(report: ReviewReport) -> list[Notification]:
    """The focal points of the program's members, except whoever drafted it."""
    members = report.program.members.values_list("organization_id", flat=True)
    candidates = User.objects.filter(
        organization_id__in=members, role=Role.FOCAL_POINT, is_active=True
    ).exclude(pk=report.created_by_id)
    users = [
        u for u in candidates if reviews_open_for_contribution(u).filter(pk=report.pk).exists()
    ]
    text = _("Dự thảo “%(title)s” đang chờ đơn vị góp phần kết quả, nhận xét của mình.") % {
        "title": report.title
    }
    url = url_or_blank("reviews:contribute", report.pk)
    return notify(users, Notification.Kind.CONTRIBUTION, text, url, about=report.program)
