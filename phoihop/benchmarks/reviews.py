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
- review pages: GET reviews:detail of a draft (computed live) and of an issued review
  (frozen figures), cold (cache cleared) and warm, against GET of the review list (the
  same login, middleware and base template, no figures); then the page's chart images,
  drawn afresh and fetched one after another. At province scale on the synthetic
  program's 5-year review; at demo scale on the Hà Nam demo (`demo_load`, its draft
  six-month and issued five-year reviews, as its secretariat sees them).
- docx: `render_docx()` of those reviews, cold (charts drawn) and warm (charts already
  drawn for the same figures), against python-docx writing the same printed table
  cells as plain text (the least any Word export of these tables pays).

Targets (printed beside each figure): province review < 1 s and ≤ 2× its floor on both
engines; dashboard page < 300 ms; review page < 150 ms at demo scale, < 300 ms at
province scale; DOCX export ≤ 2× its floor and < 1 s at province scale; national review
(PostgreSQL, `--national`, or `--national-reduced`: the same cases and communes, a tenth
of the activities) < 1 s, and its dashboard cold < 1 s.
At smoke scale (synthetic.SMOKE, one repeat, never national) the targets mean nothing;
the totals must still agree with the floor.
"""

import dataclasses
import html
import io
import re
from collections import defaultdict
from contextlib import contextmanager
from decimal import Decimal
from unittest.mock import patch

from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from docx import Document

from phoihop.accounts.models import User
from phoihop.activities import rollup, tallies
from phoihop.activities.models import Activity, ActivityStatus, Figure
from phoihop.activities.tallies import Counted
from phoihop.benchmarks import Figure as BenchFigure
from phoihop.benchmarks import Report, best_of, timed
from phoihop.benchmarks.synthetic import (
    END,
    NATIONAL,
    NATIONAL_REDUCED,
    PROVINCE,
    SMOKE,
    START,
    Scale,
    World,
    generate,
)
from phoihop.programs.models import Aggregation, Indicator
from phoihop.reviews.compute import review_compute
from phoihop.reviews.dashboard import CHARTS
from phoihop.reviews.data import Kind, Review, Scope
from phoihop.reviews.models import ReviewReport, ReviewStatus
from phoihop.reviews.render.docx import printed_tables, render_docx
from phoihop.reviews.selectors import review_for_user
from phoihop.reviews.services import review_create, review_issue, review_update
from phoihop.situations.models import Case, CaseStatus, Topic
from phoihop.situations.selectors import as_of_state_from_events

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
    """python-docx writing the same table cells as the document prints, as plain text, no layout."""
    doc = Document()
    for table in printed_tables(review):
        values = [[c.header for c in table.columns]] + table.rows
        grid = doc.add_table(rows=len(values), cols=len(table.columns))
        for row, cells in zip(grid.rows, values, strict=True):
            for cell, value in zip(row.cells, cells, strict=True):
                cell.text = str(value)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


@contextmanager
def from_events():
    """Reviews, the dashboard and hotspot scores reading each case's as-of state from its
    events (three subqueries per case) instead of the rollup: the baseline of the rollup."""
    with (
        patch("phoihop.reviews.compute.cases.as_of_state", as_of_state_from_events),
        patch("phoihop.hotspots.selectors.as_of_state", as_of_state_from_events),
    ):
        yield


def _figures(review: Review) -> dict:
    return dataclasses.asdict(review) | {"computed_at": None}


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
    limit = 1.0  # the national review too (issue #16), against no ratio there
    page_limit = 1.0 if scale.national else 0.3  # the dashboard, cold
    figure = BenchFigure(f"review_compute, 5-year program ({where})", review_s, "SQL aggregate floor", floor_s)
    figure.note = "; ".join([_verdict(review_s, limit, figure.ratio, None if scale.national else 2.0),
                             "totals agree" if not problems else f"{len(problems)} MISMATCHES"])
    report.add(figure)
    with from_events():
        events_s = best_of(repeats, review_compute, user=user, scope=scope)
        before = review_compute(user=user, scope=scope)
    same = _figures(before) == _figures(review)
    report.add(BenchFigure(f"review_compute, as-of state from the events as before the rollup ({where})", events_s,
                           "SQL aggregate floor", floor_s, "same figures as from the rollup" if same
                           else "!!! FIGURES DIFFER from the rollup's"))
    if not same:
        print("  !!! MISMATCH review_compute: rollup vs events", flush=True)
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
    with from_events():
        events_s = best_of(repeats, _cold_get, client, url)
    report.add(BenchFigure(f"dashboard page GET, cold cache, as-of state from the events as before the rollup "
                           f"({where})", events_s, "SQL aggregate floor", floor_s, "the baseline of the next line"))
    cold_s = best_of(repeats, _cold_get, client, url)
    report.add(BenchFigure(f"dashboard page GET, cold cache ({where})", cold_s, "SQL aggregate floor", floor_s,
                           f"HTTP {status}; {_verdict(cold_s, page_limit)}; nothing cached: review, trend, template"))
    changed_page_s = best_after(repeats, change, client.get, url)
    report.add(BenchFigure(f"dashboard page GET after one figure changed ({where})", changed_page_s,
                           "SQL aggregate floor", floor_s, f"{_verdict(changed_page_s, 0.3)}; nothing cached any more (new data stamp)"))
    client.get(url)
    warm_s = best_of(repeats, client.get, url)
    report.add(BenchFigure(f"dashboard page GET, warm cache ({where})", warm_s, "SQL aggregate floor", floor_s,
                           f"{_verdict(warm_s, 0.3)}; no record changed since the last view"))
    charts_s = best_of(repeats, _charts_get, client, url)
    report.add(BenchFigure(f"dashboard's 4 chart SVGs, drawn (sequential GETs) ({where})", charts_s,
                           "SQL aggregate floor", floor_s,
                           "matplotlib; the browser loads them after the page, in parallel"))
    docx_export(report, review, None, where, repeats, limit=1.0)
    search_page(report, client, where, repeats)
    draft = review_create(actor=user, program=program, kind=Kind.PROGRAM, start=START, end=END)
    issued = _issued(user, review_create(actor=user, program=program, kind=Kind.PROGRAM, start=START, end=END))
    review_pages(report, user, draft, issued, where, repeats, limit=0.3)


def search_page(report: Report, client: Client, where: str, repeats: int) -> None:
    """The header search (six kinds, each counted, five shown) against the activity list
    it leads to, with the same text: "tai" (tại) is in every generated title, the worst case."""
    query = {"q": "tai"}
    list_s = best_of(repeats, client.get, reverse("activities:list"), query)
    search_s = best_of(repeats, client.get, reverse("search:results"), query)
    report.add(BenchFigure(f"header search GET, q matching every record ({where})", search_s,
                           "activity list GET, same q", list_s, "activities, cases, reports, organizations, "
                           "places, reviews: each from its visible_to, counted, first 5 shown"))


def docx_export(report: Report, review: Review, document, where: str, repeats: int, limit: float | None) -> None:
    """render_docx cold (nothing cached: every chart drawn) and warm (the same figures'
    charts drawn before), against python-docx writing the same printed cells."""
    plain_s = best_of(repeats, docx_floor, review)
    cold = []
    for _ in range(repeats):
        cache.clear()
        seconds, content = timed(render_docx, review, document)
        cold.append(seconds)
    warm_s = best_of(repeats, render_docx, review, document)
    floor = "python-docx, same printed cells, no layout"
    for label, seconds in (("cold: charts drawn", min(cold)), ("warm: charts drawn before", warm_s)):
        figure = BenchFigure(f"DOCX export, {label} ({where})", seconds, floor, plain_s)
        verdict = _verdict(seconds, limit, figure.ratio, 2.0) if limit else (
            f"target ≤ 2× floor: {'OK' if figure.ratio is not None and figure.ratio <= 2 else 'MISSED'}")
        figure.note = f"{len(content) // 1024} KiB; {verdict}"
        report.add(figure)


CHART_IMAGE = re.compile(r'<img src="([^"]+/bieu-do/[^"]+)"')


FINISHED = {  # what only the secretariat writes, so a draft may be issued
    "number": "12-BC/BCĐ",
    "signer_name": "Nguyễn Đức Toàn",
    "results": "Các tổ chức thành viên triển khai đúng kế hoạch.",
    "causes": "Nguyên nhân khách quan: địa bàn rộng.",
    "lessons": "Nội dung phối hợp phải cụ thể, sát thực tiễn.",
    "directions": "Tiếp tục thực hiện Chương trình phối hợp.",
    "recommendations": "Đề nghị Thường trực Tỉnh ủy quan tâm chỉ đạo.",
}


def _issued(user, draft):
    draft = review_update(actor=user, review=draft, version=draft.revision, **FINISHED)
    return review_issue(actor=user, review=draft)


def review_pages(report: Report, user, draft, issued, where: str, repeats: int, limit: float) -> None:
    """GET reviews:detail of a draft and an issued review, cold and warm, against the list."""
    client = Client()
    client.force_login(user)
    list_url = reverse("reviews:list")
    client.get(list_url)
    list_s = best_of(repeats, client.get, list_url)
    baseline = "review list GET (no figures)"
    for label, document in (("draft, computed live", draft), ("issued, frozen figures", issued)):
        url = reverse("reviews:detail", args=[document.pk])
        status = client.get(url).status_code
        cold_s = best_of(repeats, _cold_get, client, url)
        report.add(BenchFigure(f"review page GET, {label}, cold cache ({where})", cold_s, baseline, list_s,
                               f"HTTP {status}; {_verdict(cold_s, limit)}; nothing cached"))
        client.get(url)
        warm_s = best_of(repeats, client.get, url)
        report.add(BenchFigure(f"review page GET, {label}, warm cache ({where})", warm_s, baseline, list_s,
                               f"{_verdict(warm_s, limit)}; no record changed since the last view"))
        images = [html.unescape(u) for u in CHART_IMAGE.findall(client.get(url).content.decode())]
        if images:
            charts_s = best_of(repeats, _images_get, client, url, images)
            report.add(BenchFigure(f"review page's {len(images)} chart images, drawn (sequential GETs) ({where})",
                                   charts_s, baseline, list_s,
                                   "matplotlib; the browser loads them after the page, in parallel"))
        else:
            print(f"      review page {label}: charts inline (no chart images)", flush=True)


def _images_get(client: Client, url: str, images: list[str]) -> None:
    """The page's chart images drawn afresh, after a cold page view (as a first reader's browser)."""
    _cold_get(client, url)
    for image in images:
        response = client.get(image)
        assert response.status_code == 200, response.status_code


def demo_scale(report: Report, repeats: int) -> None:
    """The review pages and Word export of the Hà Nam demo, as its secretariat sees them."""
    seconds, _out = timed(call_command, "demo_load", "--provinces", "tinhhanam", stdout=io.StringIO())
    report.add(BenchFigure("load the Hà Nam demo (demo_load)", seconds))
    user = User.objects.get(username="thuongtruc")
    mine = ReviewReport.objects.filter(program__committee__host_id=user.organization_id)
    draft = mine.filter(status=ReviewStatus.DRAFT).latest("pk")
    issued = mine.filter(status=ReviewStatus.ISSUED).latest("pk")
    review_pages(report, user, draft, issued, "demo", repeats, limit=0.15)
    docx_export(report, review_for_user(user, issued), issued, "demo, issued", repeats, limit=None)


def _charts_get(client: Client, url: str) -> None:
    """The page's chart images drawn afresh after a cold page view (as a first reader's browser)."""
    _cold_get(client, url)
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
        demo_scale(report, repeats=report.scaled(5, 1))
        if not options.get("national") or report.smoke:
            return
        if connection.vendor != "postgresql":
            print("  national scale runs on PostgreSQL only: skipped on", connection.vendor, flush=True)
            return
        national = NATIONAL_REDUCED if options.get("national_reduced") else NATIONAL
        seconds, world = timed(generate, seed=seed, scale=national)
        report.add(BenchFigure(f"generate national data (seed {seed})", seconds,
                               note=f"{world.activities:,} activities, {world.cases:,} cases, "
                                    f"{world.communes} communes"))
        measure(report, world, national, repeats=2)
