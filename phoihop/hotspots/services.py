"""Hotspot decisions: the secretariat designates a locality, lifts it, links responses.

A score only proposes; a hotspot is a recorded decision with who, when and why. Each
designation is its own row, so designating a locality again after lifting it keeps the
earlier decision in the history.
"""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from phoihop.activities.models import Activity
from phoihop.hotspots.models import Hotspot
from phoihop.hotspots.selectors import (
    Window,
    can_decide_hotspots,
    default_window,
    hotspot_scores_for_user,
    score_for_locality,
)
from phoihop.lib.text import nfc
from phoihop.localities.models import REFORM_2025, Locality

MIN_REASON = 10


def _require_decider(actor, committee) -> None:
    if not can_decide_hotspots(actor, committee):
        raise PermissionDenied(_("Chỉ Thường trực Ban Chỉ đạo được quyết định địa bàn trọng điểm."))


def _clean_reason(reason: str, field: str) -> str:
    text = " ".join(nfc(reason or "").split())
    if len(text) < MIN_REASON:
        raise ValidationError(
            {field: _("Hãy nêu lý do (ít nhất %(n)s ký tự).") % {"n": MIN_REASON}}
        )
    return nfc(reason).strip()


def is_2025_unit(locality: Locality) -> bool:
    return locality.valid_from is not None and locality.valid_from >= REFORM_2025


@transaction.atomic
def hotspot_designate(
    *, actor, committee, locality: Locality, reason: str, window: Window | tuple | None = None
) -> Hotspot:
    """Record that `committee` treats `locality` as a hotspot, with the score it had
    over `window` (default: the current program period) in the actor's view."""
    _require_decider(actor, committee)
    reason = _clean_reason(reason, "reason")
    # A hotspot is weighed over a window, so a unit of either generation may be named.
    if not Locality.objects.in_force_within(committee.locality).filter(pk=locality.pk).exists():
        raise ValidationError({"locality": _("Địa bàn không thuộc phạm vi của Ban Chỉ đạo.")})
    active = Hotspot.objects.filter(committee=committee, locality=locality, lifted_on__isnull=True)
    if active.exists():
        raise ValidationError({"locality": _("Địa bàn này đang là địa bàn trọng điểm.")})
    if not window:
        window = default_window(committee)
    elif not isinstance(window, Window):
        window = Window(*window)
    if window.start > window.end:
        raise ValidationError(_("Ngày bắt đầu phải trước ngày kết thúc."))
    scores = hotspot_scores_for_user(
        actor, committee, start=window.start, end=window.end, by_2025=is_2025_unit(locality)
    )
    hotspot = Hotspot(
        committee=committee,
        locality=locality,
        designated_on=timezone.localdate(),
        designated_by=actor,
        reason=reason,
        score_at_decision=score_for_locality(scores, locality).score,
    )
    hotspot._history_user = actor
    hotspot.full_clean()
    hotspot.save()
    return hotspot


@transaction.atomic
def hotspot_lift(
    *, actor, hotspot: Hotspot, reason: str, lifted_on: dt.date | None = None
) -> Hotspot:
    _require_decider(actor, hotspot.committee)
    reason = _clean_reason(reason, "lift_reason")
    if hotspot.lifted_on is not None:
        raise ValidationError(_("Địa bàn này đã được đưa ra khỏi danh sách trọng điểm."))
    lifted_on = lifted_on or timezone.localdate()
    if lifted_on < hotspot.designated_on:
        raise ValidationError({"lifted_on": _("Ngày đưa ra không thể trước ngày xác định.")})
    hotspot.lifted_on, hotspot.lifted_by, hotspot.lift_reason = lifted_on, actor, reason
    hotspot._history_user = actor
    hotspot.full_clean()
    hotspot.save(update_fields=["lifted_on", "lifted_by", "lift_reason"])
    return hotspot


@transaction.atomic
def hotspot_link_response(*, actor, hotspot: Hotspot, activity) -> Hotspot:
    """Link an activity of the committee's programs as a response to `hotspot`."""
    _require_decider(actor, hotspot.committee)
    visible = Activity.objects.visible_to(actor).filter(pk=activity.pk)
    if not visible.filter(program__committee_id=hotspot.committee_id).exists():
        raise ValidationError(
            {"activity": _("Hoạt động không thuộc chương trình của Ban Chỉ đạo.")}
        )
    if hotspot.responses.filter(pk=activity.pk).exists():
        raise ValidationError({"activity": _("Hoạt động này đã được liên kết.")})
    hotspot._history_user = actor
    hotspot.responses.add(activity)
    return hotspot
