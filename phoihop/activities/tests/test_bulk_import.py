"""An import's plain INSERTs (activity_bulk_create with a batch) store what the model path
(no batch: bulk_create_with_history) stores, row for row, and refuse the same rows."""

import uuid
from decimal import Decimal

import pytest

from phoihop.activities.models import Activity, Figure, Participation
from phoihop.activities.services import ActivityRowsInvalid, activity_bulk_create
from phoihop.activities.tests.conftest import activity_data

SKIPPED = {"id", "import_batch", "created_at", "updated_at", "submitted_at"}


def _rows(cast, places):
    return [
        activity_data(
            cast,
            title=f"  Tuyên truyền   Luật Đất đai đợt {n} ",
            narrative=" Kết quả tốt ",
            lead_id=cast.military.pk,
            partner_ids=[cast.women.pk, cast.women.pk] if n % 2 else [],
            locality_ids=[places.lamha.pk, places.lamha.pk] if n < 2 else [],
            figures={cast.sessions.pk: Decimal("4"), cast.attendance.pk: Decimal("350.50")}
            if n != 1
            else {},
            task_id=cast.task.pk if n else None,
        )
        for n in range(3)
    ]


def _stored(activities):
    out = []
    for activity in activities.order_by("pk"):
        values = {f.attname: getattr(activity, f.attname) for f in Activity._meta.concrete_fields}
        out.append(
            {
                **{k: v for k, v in values.items() if k not in SKIPPED},
                "parts": sorted(
                    activity.participations.values_list("organization_id", "role", "status")
                ),
                "figures": sorted(activity.figures.values_list("indicator_id", "value")),
                "places": sorted(activity.localities.values_list("pk", flat=True)),
                "history": sorted(activity.history.values_list("history_type", "title", "status")),
            }
        )
    return out


@pytest.mark.parametrize("submit", [False, True])
def test_an_import_stores_what_the_model_path_stores(cast, program, places, submit):
    rows = _rows(cast, places)
    assert (
        activity_bulk_create(actor=cast.secretariat, program=program, rows=rows, submit=submit) == 3
    )
    plain = list(Activity.objects.values_list("pk", flat=True))
    batch = uuid.uuid4()
    assert (
        activity_bulk_create(
            actor=cast.secretariat, program=program, rows=rows, submit=submit, batch=batch
        )
        == 3
    )
    imported = Activity.objects.filter(import_batch=batch)
    assert _stored(imported) == _stored(Activity.objects.filter(pk__in=plain))
    assert _stored(imported)[0]["title"] == "Tuyên truyền Luật Đất đai đợt 0"
    assert _stored(imported)[1]["parts"] == [
        (cast.military.pk, "lead", "confirmed"),
        (cast.women.pk, "partner", "pending"),
    ]
    assert all(a.created_at and (a.submitted_at is not None) == submit for a in imported)
    history = [
        Participation.history.filter(activity_id__in=imported.values("pk")),
        Figure.history.filter(activity_id__in=imported.values("pk")),
    ]
    assert [h.count() for h in history] == [4, 4]


def test_an_import_refuses_a_title_too_long_and_writes_nothing(cast, program, places):
    rows = _rows(cast, places)
    rows[2].title = "x" * 301
    with pytest.raises(ActivityRowsInvalid) as refused:
        activity_bulk_create(actor=cast.secretariat, program=program, rows=rows, batch=uuid.uuid4())
    assert [(e.index, e.field) for e in refused.value.row_errors] == [(2, "title")]
    assert not Activity.objects.exists()
