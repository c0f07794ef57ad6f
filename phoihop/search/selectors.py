"""The header search: one text, six kinds of record, each read through its own list.

Every kind starts from the read its list page (or, for reviews, the review list) uses, so
from the model's `visible_to(user)`: a record the user may not see (another committee's,
a sensitive case without the right of `situations.rules.may_see_sensitive`) is neither
listed nor counted, and its text matches nothing. The text is matched the lists' way:
folded (`lib.text.fold`: case, diacritics and đ → d ignored) and looked up as a substring
of each record's stored folded copy (`search_text`, kept by the services). So "xem thêm"
opens the kind's list with the same `q` and shows the same records, the same number.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlencode

from django.db.models import Model, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from phoihop.activities.selectors import activities_for_user
from phoihop.lib.text import fold
from phoihop.lib.vnformat import short_date
from phoihop.localities.selectors import localities_for_browse
from phoihop.organizations.selectors import organizations_for_list
from phoihop.reviews.selectors import reviews_for_user
from phoihop.situations.selectors import cases_for_user, reports_for_user

LIMIT = 5  # results shown per kind; "xem thêm" leads to the rest


@dataclass(frozen=True)
class Hit:
    id: int
    title: str
    url: str
    date: dt.date | None  # the record's own date: held, opened, reported, in force from
    context: str  # one short line: the date and where / who / what state


@dataclass(frozen=True)
class Group:
    kind: str
    label: str
    total: int
    hits: list[Hit]
    more_url: str | None  # the kind's list filtered by the text, when it holds more


@dataclass(frozen=True)
class Kind:
    key: str
    label: str
    rows: Callable[[object, str], QuerySet]
    hit: Callable[[Model], Hit]
    list_url: str | None  # a list page with a `q` filter


def _line(*parts) -> str:
    return " · ".join(str(part) for part in parts if part)


def _in_force(record, *, ended: str, started: str) -> str:
    """The validity the record's own list shows: ended (valid_to is exclusive) or started."""
    if record.valid_to is not None:
        return ended % {"date": short_date(record.valid_to)}
    return started % {"date": short_date(record.valid_from)} if record.valid_from else ""


def _activity(activity) -> Hit:
    lead = activity.lead.short_name or activity.lead.name if activity.lead_id else ""
    context = _line(short_date(activity.start_date), lead, activity.get_status_display())
    return Hit(
        activity.pk,
        activity.title,
        reverse("activities:detail", args=[activity.pk]),
        activity.start_date,
        context,
    )


def _case(case) -> Hit:
    opened = _("Tiếp nhận %(day)s") % {"day": short_date(case.opened_on)}
    context = _line(opened, case.locality.name, case.topic.name, case.get_status_display())
    return Hit(
        case.pk,
        case.title,
        reverse("situations:case_detail", args=[case.pk]),
        case.opened_on,
        context,
    )


def _report(report) -> Hit:
    org = report.reporting_org.short_name or report.reporting_org.name
    context = _line(short_date(report.reported_on), report.locality.name, org)
    return Hit(
        report.pk,
        report.title,
        reverse("situations:report_detail", args=[report.pk]),
        report.reported_on,
        context,
    )


def _organization(org) -> Hit:
    context = _line(
        org.get_kind_display(),
        org.locality.name,
        _in_force(org, ended=_("Ngừng hoạt động từ %(date)s"), started=_("Hoạt động từ %(date)s")),
    )
    return Hit(
        org.pk, org.name, reverse("organizations:detail", args=[org.pk]), org.valid_from, context
    )


def _locality(unit) -> Hit:
    above = unit.parent.name if unit.parent_id else ""
    context = _line(
        unit.get_kind_display(),
        above,
        _in_force(unit, ended=_("hết hiệu lực từ %(date)s"), started=_("từ %(date)s")),
    )
    return Hit(
        unit.pk, unit.name, reverse("localities:detail", args=[unit.pk]), unit.valid_from, context
    )


def _review(review) -> Hit:
    period = f"{short_date(review.start)}–{short_date(review.end)}"
    context = _line(review.get_kind_display(), period, review.get_status_display())
    return Hit(
        review.pk, review.title, reverse("reviews:detail", args=[review.pk]), review.end, context
    )


KINDS = [
    Kind(
        "activities",
        gettext_lazy("Hoạt động"),
        lambda user, q: activities_for_user(user, {"q": q}),
        _activity,
        "activities:list",
    ),
    Kind(
        "cases",
        gettext_lazy("Vụ việc"),
        lambda user, q: cases_for_user(user, {"q": q}),
        _case,
        "situations:case_list",
    ),
    Kind(
        "reports",
        gettext_lazy("Báo cáo nắm tình hình"),
        lambda user, q: reports_for_user(user, {"q": q}),
        _report,
        "situations:report_list",
    ),
    Kind(
        "organizations",
        gettext_lazy("Tổ chức"),
        lambda user, q: organizations_for_list(user, q=q),
        _organization,
        "organizations:list",
    ),
    Kind(
        "places",
        gettext_lazy("Địa bàn"),
        lambda user, q: localities_for_browse(user, q=q),
        _locality,
        "localities:list",
    ),
    Kind(
        "reviews",
        gettext_lazy("Sơ kết, tổng kết"),
        lambda user, q: reviews_for_user(user, q=q).order_by("-end", "-pk"),
        _review,
        None,
    ),
]


def search_for_user(user, q: str, *, limit: int = LIMIT) -> list[Group]:
    """Each kind's first `limit` matches of `q` among what `user` may see, and its count.

    Empty when `q` holds no letter or digit (every record would match)."""
    if not fold(q):
        return []
    return [_group(kind, user, q, limit) for kind in KINDS]


def _group(kind: Kind, user, q: str, limit: int) -> Group:
    rows = kind.rows(user, q)
    hits = [kind.hit(row) for row in rows[:limit]]
    total = len(hits) if len(hits) < limit else rows.count()
    more = None
    if kind.list_url and total > len(hits):
        more = f"{reverse(kind.list_url)}?{urlencode({'q': q})}"
    return Group(kind.key, str(kind.label), total, hits, more)
