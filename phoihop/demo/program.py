"""The Hà Nam 2016–2020 program as the seed describes it: members who signed in Phủ Lý,
the seven content areas, the signed 2020 plan, and the coordination models.

Every write goes through the programs and practices services, on the day it happened
(demo_clock). Rows are found by natural keys, so a second run writes nothing.
"""

import datetime as dt
import re
from decimal import Decimal

from phoihop.activities.models import Activity, ActivityStatus
from phoihop.demo import data
from phoihop.demo.clock import demo_clock
from phoihop.localities.models import Level, Locality
from phoihop.practices.models import CoordinationModel
from phoihop.practices.services import (
    coordination_model_create,
    coordination_model_decide,
    replication_add,
)
from phoihop.programs.defaults import CONTENT_AREAS
from phoihop.programs.models import AnnualPlan, Indicator, Program
from phoihop.programs.services import (
    content_area_create,
    plan_create,
    plan_sign,
    program_member_add,
    program_sign,
    task_create,
    task_target_set,
)

_DECISION_DAY = re.compile(r"ngày (\d{1,2})/(\d{1,2})/(\d{4})")


def communes(codes: list[str], *, on: dt.date) -> list[Locality]:
    """The pre-reform communes of `codes` as they were on `on`, in that order.

    With the dated history loaded, a code has a version for each period of the unit
    (`v1.c13366~20250101` Xã Tiên Tân, then `v1.c13366` Phường Tân Hiệp): a record keeps
    the one in force on its own day."""
    units = Locality.objects.filter(
        level=Level.COMMUNE, code__in=codes, ref__startswith="v1."
    ).valid_on(on)
    found = {unit.code: unit for unit in units}
    missing = [code for code in codes if code not in found]
    if missing:
        raise LookupError(f"No commune {', '.join(missing)} in force on {on.isoformat()}.")
    return [found[code] for code in codes]


def members_and_areas(program: Program, orgs, people, actor) -> None:
    with demo_clock(program.signed_on):
        present = set(program.members.values_list("organization_id", flat=True))
        for key in data.HA_NAM_MEMBERS:
            if orgs[key].pk not in present:
                program_member_add(
                    actor=actor, program=program, organization=orgs[key],
                    joined_on=data.PROGRAM_START,
                    signatory=people[data.PROGRAM_SIGNATORIES[key]],
                )
        signatories = {
            member.pk: people[data.PROGRAM_SIGNATORIES[key]]
            for key in data.HA_NAM_MEMBERS
            for member in program.members.filter(organization=orgs[key])
        }
        program_sign(
            actor=actor, program=program, signed_on=program.signed_on,
            signed_place=program.signed_place, signatories=signatories,
        )
        numbers = set(program.content_areas.values_list("number", flat=True))
        for number, name in enumerate(CONTENT_AREAS, start=1):
            if number not in numbers:
                content_area_create(actor=actor, program=program, number=number, name=name)


def plan_2020(program: Program, orgs, actor) -> AnnualPlan:
    return _plan(program, orgs, actor, data.PLAN_2020, data.PLAN_2020_TASKS)


def earlier_plans(program: Program, orgs, actor) -> list[AnnualPlan]:
    """The signed plans of 2016–2019, each with tasks due in its year."""
    return [
        _plan(program, orgs, actor, {
            "year": year, "title": f"Kế hoạch phối hợp năm {year}",
            "signed_on": dt.date(year, 1, 15), "signed_place": data.PLAN_2020["signed_place"],
        }, data.earlier_plan_tasks(year))
        for year in data.EARLIER_PLAN_YEARS
    ]


def _plan(program: Program, orgs, actor, spec: dict, tasks: list[dict]) -> AnnualPlan:
    plan = program.plans.filter(year=spec["year"]).first()
    if plan is None:
        with demo_clock(spec["signed_on"] - dt.timedelta(days=10)):
            plan = plan_create(actor=actor, program=program, year=spec["year"], title=spec["title"])
    with demo_clock(spec["signed_on"]):
        plan_sign(actor=actor, plan=plan, signed_on=spec["signed_on"], signed_place=spec["signed_place"])
        _tasks(plan, orgs, actor, tasks)
    return plan


def _tasks(plan: AnnualPlan, orgs, actor, specs: list[dict]) -> None:
    areas = {area.number: area for area in plan.program.content_areas.all()}
    present = set(plan.tasks.values_list("number", flat=True))
    indicators = {i.code: i for i in Indicator.objects.all()}
    for number, spec in enumerate(specs, start=1):
        if number in present:
            continue
        task = task_create(
            actor=actor, plan=plan, number=number, title=spec["title"],
            content_area=areas[spec["area"]], lead=orgs[spec["lead"]],
            due_date=spec["due_date"], partners=[orgs[k] for k in spec["partners"]],
            localities=communes(spec["localities"], on=spec["due_date"]),
        )
        for code, value in spec["targets"].items():
            task_target_set(actor=actor, task=task, indicator=indicators[code], value=Decimal(value))


def coordination_models(program: Program, orgs, actor) -> None:
    present = set(CoordinationModel.objects.filter(program=program).values_list("name", flat=True))
    areas = {area.number: area for area in program.content_areas.all()}
    for spec in data.COORDINATION_MODELS:
        if spec["name"] in present:
            continue
        members = [orgs[key] for key in spec["members"]]
        evidence = (
            Activity.objects.filter(
                program=program, content_area=areas[spec["area"]], lead__in=members,
                status=ActivityStatus.CONFIRMED, start_date__gte=spec["started_on"],
            ).order_by("start_date", "pk")[:3]
        )
        with demo_clock(spec["started_on"] + dt.timedelta(days=30)):
            model = coordination_model_create(
                actor=actor, program=program, name=spec["name"], content_area=areas[spec["area"]],
                members=members, localities=communes(spec["localities"], on=spec["started_on"]),
                started_on=spec["started_on"], description=spec["description"],
                evidence=list(evidence),
            )
        if spec["status"] != "proposed":
            day, month, year = _DECISION_DAY.search(spec["note"]).groups()
            with demo_clock(dt.date(int(year), int(month), int(day))):
                coordination_model_decide(actor=actor, model=model, status=spec["status"], note=spec["note"])
        for code, started_on in spec.get("replications", []):
            with demo_clock(started_on):
                replication_add(actor=actor, model=model, locality=communes([code], on=started_on)[0],
                                started_on=started_on)
