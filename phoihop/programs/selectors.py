"""Reads of programs, always scoped to a user."""

import datetime as dt

from django.db.models import QuerySet
from django.utils import timezone

from phoihop.core.access import get_scoped
from phoihop.programs.models import Program


def programs_for_user(user) -> QuerySet[Program]:
    return Program.objects.visible_to(user).select_related("committee")


def program_current_for_committee(committee, day: dt.date | None = None) -> Program | None:
    """The program running on `day` (today by default), else the latest one started."""
    day = day or timezone.localdate()
    programs = Program.objects.filter(committee=committee, period_start__lte=day)
    return programs.running_on(day).first() or programs.order_by("-period_end").first()


def get_program_for_user(user, pk) -> Program:
    return get_scoped(programs_for_user(user), pk)
