"""Reads of coordination models, always scoped to a user."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, QuerySet
from django.utils.translation import gettext as _

from phoihop.activities.models import Activity
from phoihop.activities.selectors import IndicatorTotal, figure_totals
from phoihop.core.access import get_scoped
from phoihop.organizations.models import Organization
from phoihop.practices.models import CoordinationModel, ModelStatus
from phoihop.practices.rules import can_decide_model, can_edit_model
from phoihop.programs.models import ContentArea, Program


def models_for_user(user) -> QuerySet[CoordinationModel]:
    return CoordinationModel.objects.visible_to(user).select_related(
        "program__committee", "content_area", "decided_by"
    )


def _filtered(user, *, content_area=None, member=None, program=None):
    models = models_for_user(user)
    if program is not None:
        models = models.filter(program=program)
    if content_area is not None:
        models = models.filter(content_area=content_area)
    if member is not None:
        models = models.filter(members=member)
    return models


def models_for_list(user, *, status: str = "", **filters) -> QuerySet[CoordinationModel]:
    """The list page and the API: visible models, filtered, members prefetched.
    Filters: content_area, member, program."""
    models = _filtered(user, **filters)
    if status:
        models = models.filter(status=status)
    return (
        models.prefetch_related("members")
        .annotate(replication_count=Count("replications", distinct=True))
        .order_by("-started_on", "name")
    )


def status_counts(user, **filters) -> list[tuple[str, str, int]]:
    """(status, label, count) for every status, zeros included, in one query; the same
    filters as the list except the status itself."""
    rows = (
        _filtered(user, **filters)
        .order_by()
        .values_list("status")
        .annotate(n=Count("pk", distinct=True))
    )
    counts = dict(rows)
    return [(value, label, counts.get(value, 0)) for value, label in ModelStatus.choices]


def content_areas_for_filter(user) -> QuerySet[ContentArea]:
    return ContentArea.objects.filter(program__in=Program.objects.visible_to(user)).select_related(
        "program"
    )


def members_for_filter(user) -> QuerySet[Organization]:
    return (
        Organization.objects.filter(
            program_memberships__program__in=Program.objects.visible_to(user)
        )
        .distinct()
        .order_by("name")
    )


def get_coordination_model_for_user(
    user, pk, *, write: bool = False, decide: bool = False
) -> CoordinationModel:
    """Outsiders 404; `write` asks for the right to edit (and add replications), `decide`
    the right to recognize; lacking it, 403."""
    check = can_decide_model if decide else can_edit_model
    return get_scoped(
        models_for_user(user),
        pk,
        write=write or decide,
        can_write=lambda model: check(user, model),
    )


# --- Evidence, decisions, replications -----------------------------------------------------


@dataclass
class FigureTotal:
    name: str
    unit: str
    decimals: int
    total: Decimal


def evidence_activities(user, model: CoordinationModel) -> list[tuple[Activity, bool]]:
    """The model's evidence, each with whether `user` may open the activity itself."""
    visible = set(
        Activity.objects.visible_to(user)
        .filter(models_evidenced=model)
        .values_list("pk", flat=True)
    )
    activities = model.evidence.select_related("lead").order_by("start_date", "pk")
    return [(activity, activity.pk in visible) for activity in activities]


def evidence_figures(model: CoordinationModel) -> list[FigureTotal]:
    """Per indicator, the total over the model's CONFIRMED evidence activities, by the
    indicator's rule (activities' figure_totals); a joint activity counts once."""
    return evidence_figures_for([model])[model.pk]


def evidence_figures_for(models) -> dict[int, list[FigureTotal]]:
    """`evidence_figures` of several models in a few queries (for lists)."""
    pks = [model.pk for model in models]
    evidence = Activity.objects.counted().filter(models_evidenced__in=pks)
    totals = figure_totals(evidence, by="models_evidenced")
    return {pk: [_figure(row) for row in totals.get(pk, [])] for pk in pks}


def _figure(row: IndicatorTotal) -> FigureTotal:
    indicator = row.indicator
    return FigureTotal(indicator.name, indicator.unit, indicator.decimals, row.value)


@dataclass
class Decision:
    status: str
    label: str
    decided_by: str
    decided_on: dt.date | None
    note: str


def decision_history(model: CoordinationModel) -> list[Decision]:
    """Every recorded decision on the model, oldest first, from its change history."""
    records = model.history.select_related("decided_by").order_by("history_date", "history_id")
    decisions, previous = [], None
    labels = dict(ModelStatus.choices)
    for record in records:
        key = (record.status, record.decided_on, record.decided_by_id, record.decision_note)
        if record.decided_on and key != previous:
            who = record.decided_by.display_name if record.decided_by else _("Không rõ")
            decisions.append(
                Decision(
                    record.status,
                    str(labels.get(record.status, record.status)),
                    who,
                    record.decided_on,
                    record.decision_note,
                )
            )
        previous = key
    return decisions


def replications_of(model: CoordinationModel):
    return model.replications.select_related("locality__parent__parent").order_by("started_on")
