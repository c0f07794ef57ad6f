"""Writes of programs, plans and tasks."""

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from phoihop.lib.text import clean_name
from phoihop.programs.defaults import CONTENT_AREAS
from phoihop.programs.models import ContentArea, Program, ProgramMember


@transaction.atomic
def program_create(
    *,
    actor,
    committee,
    name: str,
    period_start: dt.date,
    period_end: dt.date,
    members=(),
    **fields,
) -> Program:
    """A program with its members and the seven default content areas (editable later)."""
    program = Program(
        committee=committee,
        name=clean_name(name),
        period_start=period_start,
        period_end=period_end,
        **fields,
    )
    program.full_clean()
    program._history_user = actor
    program.save()
    for organization in members:
        ProgramMember.objects.create(program=program, organization=organization)
    ContentArea.objects.bulk_create(
        ContentArea(program=program, number=number, name=_(name))
        for number, name in enumerate(CONTENT_AREAS, start=1)
    )
    return program
