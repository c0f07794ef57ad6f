"""A full review, the dashboard and the Word export on synthetic data, against SQL floors.

The floor is hand-written SQL (connection.cursor()) computing the review's headline totals
straight from the records: activities and joint activities by content area, indicator
sums over confirmed activities, cases by topic and status. Every figure is printed with
its ratio to the floor measured in the same run.

- generate: the synthetic world (phoihop.benchmarks.synthetic, a seed), inserted around
  the models, then the month rollup rebuilt from it (reported against the floor).
- tallies from the records: what review_compute would group without the rollup.
- review: `review_compute()` of the whole 5-year program as the secretariat (whole months
  from the rollup); its totals must agree with the floor's, a mismatch is printed loudly.
  Then again after one figure changed each time (one month recomputed first).
- dashboard: GET reviews:dashboard through the test Client (force_login): cold (cache
  cleared), after one figure changed, warm (no record changed); then the page's four
  chart SVGs, drawn afresh and fetched one after another.
- docx: `render_docx()` of that review, against python-docx writing the same table cells
  as plain text (the least any Word export of these tables pays).

Targets (printed beside each figure): province review < 1 s and ≤ 2× its floor on both
engines; dashboard page < 300 ms; national review (PostgreSQL, `--national`) < 10 s.
At smoke scale (synthetic.SMOKE, one repeat, never national) the targets mean nothing;
the totals must still agree with the floor.
"""

import io
from collections import defaultdict
from decimal import Decimal

from django.core.cache import cache
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from docx import Document

from phoihop.activities import rollup, tallies
from phoihop.activities.models import Activity, ActivityStatus, Figure
from phoihop.activities.tallies import Counted
from phoihop.benchmarks import Figure as BenchFigure
from phoihop.benchmarks import Report, best_of, timed
from phoihop.benchmarks.synthetic import (
    END,
    NATIONAL,
    PROVINCE,
    SMOKE,
    START,
    Scale,
    World,
    generate,
)
from phoihop.programs.models import Aggregation, Indicator
from phoihop.reviews.compute import review_compute
from phoihop.reviews.dashboard import CHARTS, cache_key, default_period
from phoihop.reviews.data import Kind, Review, Scope
from phoihop.reviews.render.docx import render_docx
from phoihop.reviews.render.tables import review_tables
from phoihop.situations.models import Case, CaseStatus, Topic

OPEN = {CaseStatus.NEW, CaseStatus.ASSIGNED, CaseStatus.IN_PROGRESS}


def floor_totals(program, start, end) -> dict:
    """The review's headline totals with three raw GROUP BY queries."""
    activity, figure, case = Activity._meta.db_table, Figure._meta.db_table, Case._meta.db_table
    params = [program.pk, ActivityStatus.CONFIRMED, start, end]
    where = "a.program_id = %s AND a.status = %s AND a.start_date >= %s AND a.start_date <= %s"
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT a.content_area_id, COUNT(*), SUM(CASE WHEN a.participant_count >= 2 THEN 1 ELSE 0 END) "
            f"FROM {activity} a WHERE {where} GROUP BY a.content_area_id", params,
        )
        areas = {area: (n, joint) for area, n, joint in cursor.fetchall()}
        cursor.execute(
            f"SELECT f.indicator_id, SUM(f.value) FROM {figure} f JOIN {activity} a ON a.id = f.activity_id "
            f"WHERE {where} GROUP BY f.indicator_id", params,
        )
        sums = dict(cursor.fetchall())
        cursor.execute(
            f"SELECT c.topic_id, c.status, COUNT(*) FROM {case} c WHERE c.committee_id = %s "
            f"AND c.opened_on >= %s AND c.opened_on <= %s GROUP BY c.topic_id, c.status",
            [program.committee_id, start, end],
        )
        cases = cursor.fetchall()
    return {"areas": areas, "sums": sums, "cases": cases}


def mismatches(review: Review, floor: dict, program) -> list[str]:
    """Where review_compute and the floor disagree (an empty list: they agree)."""
    problems = []
    numbers = dict(program.content_areas.values_list("pk", "number"))
    expected = {numbers[pk]: counts for pk, counts in floor["areas"].items()}
    got = {a.number: (a.activities, a.joint) for a in review.areas if a.activities}
    if expected != got:
        problems.append(f"areas: floor {expected} ≠ review {got}")
    codes = dict(Indicator.objects.filter(aggregation=Aggregation.SUM).values_list("pk", "code"))
    floor_sums = {codes[pk]: Decimal(str(v)).quantize(Decimal("0.01")) for pk, v in floor["sums"].items() if pk in codes}
    review_sums = {t.code: t.value.quantize(Decimal("0.01")) for t in review.totals if t.code in floor_sums}
    if floor_sums != review_sums:
        problems.append(f"indicator sums: floor {floor_sums} ≠ review {review_sums}")
    topic_codes = dict(Topic.objects.values_list("pk", "code"))
    by_topic = defaultdict(lambda: defaultdict(int))
    for topic_id, status, n in floor["cases"]:
        by_topic[topic_codes[topic_id]]["received"] += n
        by_topic[topic_codes[topic_id]]["open" if status in OPEN else status] += n
    for topic in review.topics:
        counts = by_topic.get(topic.code, {})
        mine = {"received": topic.received, "resolved": topic.resolved, "referred": topic.referred,
                "closed_unresolved": topic.closed_unresolved, "open": topic.open}
        theirs = {key: counts.get(key, 0) for key in mine}
        if mine != theirs:
            problems.append(f"cases {topic.code}: floor {theirs} ≠ review {mine}")
    return problems


def docx_floor(review: Review) -> bytes:
    """python-docx writing the same table cells as plain text, no layout."""
    doc = Document()
    for table in review_tables(review):
        values = [[c.header for c in table.columns]] + table.rows
        grid = doc.add_table(rows=len(values), cols=len(table.columns))
        for row, cells in zip(grid.rows, values, strict=True):
            for cell, value in zip(row.cells, cells, strict=True):
                cell.text = str(value)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def slowest_queries(user, scope: Scope, top: int = 3) -> list[str]:
    """One more review_compute with queries captured: the `top` slowest, for the report."""
    with CaptureQueriesContext(connection) as captured:
        review_compute(user=user, scope=scope)
    ranked = sorted(captured.captured_queries, key=lambda q: float(q["time"]), reverse=True)
    return [f"{float(q['time']) * 1000:.0f} ms: {q['sql'][:400]}" for q in ranked[:top]] + [
        f"({len(captured.captured_queries)} queries in all)"
    ]


def _cold_get(client: Client, url: str):
    """The dashboard as the first view after a change: nothing cached."""
    cache.clear()
    return client.get(url)


def _verdict(seconds: float, limit: float, ratio: float | None = None, ratio_max: float | None = None) -> str:
    ok = seconds < limit and (ratio_max is None or (ratio is not None and ratio <= ratio_max))
    target = f"target < {limit:g} s" + (f" and ≤ {ratio_max:g}× floor" if ratio_max else "")
    return f"{target}: {'OK' if ok else 'MISSED'}"


class OneChange:
    """Each call changes one more confirmed figure through the model (as a user's edit
    would: its month falls behind), so the next review recomputes that month."""

    def __init__(self, program):
        self.figures = iter(
            Figure.objects.filter(activity__program=program, activity__status=ActivityStatus.CONFIRMED)
            .select_related("activity")
            .order_by("activity__start_date", "pk")[:30]
        )

    def __call__(self) -> None:
        figure = next(self.figures)
        figure.value += 1
        figure.save()


def best_after(repeats: int, change, fn, *args, **kwargs) -> float:
    """best_of, each call timed just after `change()` (the write itself not timed)."""
    seconds = []
    for _ in range(repeats):
        change()
        seconds.append(timed(fn, *args, **kwargs)[0])
    return min(seconds)


def measure(report: Report, world: World, scale: Scale, repeats: int) -> None:
    program, user = world.program, world.secretariat
    scope = Scope(program_id=program.pk, start=START, end=END, kind=Kind.PROGRAM)
    where = f"{scale.label}, {world.activities:,} activities"
    floor_s = best_of(repeats, floor_totals, program, START, END)
    rebuild_s, months = timed(rollup.rebuild, [program.pk])
    report.add(BenchFigure(f"month rollup rebuilt from the records ({where})", rebuild_s, "SQL aggregate floor",
                           floor_s, f"{months} months; once after rows were written around the models"))
    records_s = best_of(repeats, tallies.from_records, Counted(program.pk, START, END))
    report.add(BenchFigure(f"activity tallies from the records, rollup bypassed ({where})", records_s,
                           "SQL aggregate floor", floor_s, "what the rollup saves each review"))
    review_s = best_of(repeats, review_compute, user=user, scope=scope)
    review = review_compute(user=user, scope=scope)
    problems = mismatches(review, floor_totals(program, START, END), program)
    for problem in problems:
        print(f"  !!! MISMATCH review_compute vs floor: {problem}", flush=True)
    limit = 10.0 if scale.national else 1.0
    figure = BenchFigure(f"review_compute, 5-year program ({where})", review_s, "SQL aggregate floor", floor_s)
    figure.note = "; ".join([_verdict(review_s, limit, figure.ratio, None if scale.national else 2.0),
                             "totals agree" if not problems else f"{len(problems)} MISMATCHES"])
    report.add(figure)
    for line in slowest_queries(user, scope):
        print(f"      {line}", flush=True)
    change = OneChange(program)
    write_s = best_of(repeats, change)
    report.add(BenchFigure(f"one figure saved, its month recomputed on commit ({where})", write_s,
                           "SQL aggregate floor", floor_s, "what a user's edit pays for the rollup"))
    changed_s = best_after(repeats, change, review_compute, user=user, scope=scope)
    figure = BenchFigure(f"review_compute after one figure changed ({where})", changed_s, "SQL aggregate floor",
                         floor_s)
    figure.note = (f"{_verdict(changed_s, limit, figure.ratio, None if scale.national else 2.0)}; "
                   "its month was recomputed when the write committed")
    report.add(figure)
    client = Client()
    client.force_login(user)
    url = reverse("reviews:dashboard")
    status = client.get(url).status_code
    cold_s = best_of(repeats, _cold_get, client, url)
    report.add(BenchFigure(f"dashboard page GET, cold cache ({where})", cold_s, "SQL aggregate floor", floor_s,
                           f"HTTP {status}; {_verdict(cold_s, 0.3)}; nothing cached: review, trend, template"))
    changed_page_s = best_after(repeats, change, client.get, url)
    report.add(BenchFigure(f"dashboard page GET after one figure changed ({where})", changed_page_s,
                           "SQL aggregate floor", floor_s, f"{_verdict(changed_page_s, 0.3)}; nothing cached any more (new data stamp)"))
    client.get(url)
    warm_s = best_of(repeats, client.get, url)
    report.add(BenchFigure(f"dashboard page GET, warm cache ({where})", warm_s, "SQL aggregate floor", floor_s,
                           f"{_verdict(warm_s, 0.3)}; no record changed since the last view"))
    charts_s = best_of(repeats, _charts_get, client, url, user, program)
    report.add(BenchFigure(f"dashboard's 4 chart SVGs, drawn (sequential GETs) ({where})", charts_s,
                           "SQL aggregate floor", floor_s,
                           "matplotlib; the browser loads them after the page, in parallel"))
    plain_s = best_of(repeats, docx_floor, review)
    docx_s, content = timed(render_docx, review)
    docx_s = min(docx_s, best_of(max(1, repeats - 1), render_docx, review))
    report.add(BenchFigure(f"DOCX export of that review ({where})", docx_s, "python-docx, same cells, no layout",
                           plain_s, f"{len(content) // 1024} KiB"))


def _charts_get(client: Client, url: str, user, program) -> None:
    """The page's chart images drawn afresh, the board itself cached (as after the page)."""
    client.get(url)
    start, end = default_period(program)
    with translation.override("vi"):
        key = cache_key(user, Scope(program_id=program.pk, start=start, end=end, kind=Kind.CUSTOM))
    for name in CHARTS:
        cache.delete(f"{key}:{name}")
    for name in CHARTS:
        response = client.get(reverse("reviews:dashboard_chart", args=[name]))
        assert response.status_code == 200, response.status_code


def run(report: Report) -> None:
    options = getattr(report, "options", {}) or {}
    seed = options.get("seed") or 2020
    scale = report.scaled(PROVINCE, SMOKE)
    with override_settings(DEBUG=False):  # no query log while inserting a million rows
        seconds, world = timed(generate, seed=seed, scale=scale)
        report.add(BenchFigure(f"generate province data (seed {seed})", seconds, note=(
            f"{world.activities:,} activities, {scale.situation_reports:,} situation reports, {world.cases:,} cases, "
            f"{world.communes} communes"
        )))
        measure(report, world, scale, repeats=report.scaled(3, 1))
        if not options.get("national") or report.smoke:
            return
        if connection.vendor != "postgresql":
            print("  national scale runs on PostgreSQL only: skipped on", connection.vendor, flush=True)
            return
        seconds, world = timed(generate, seed=seed, scale=NATIONAL)
        report.add(BenchFigure(f"generate national data (seed {seed})", seconds,
                               note=f"{world.activities:,} activities, {world.communes} communes"))
        measure(report, world, NATIONAL, repeats=2)
