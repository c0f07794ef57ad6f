"""The review page and Word export steps of the reviews suite alone, at demo and province
scale: `./dev manage bench_run reviews_pages` in a freshly migrated database (not part of
a plain `./dev bench`, which runs them inside `reviews`). The same functions and baselines
as phoihop.benchmarks.reviews, without its rollup, review_compute and dashboard steps:
what item 9 of the reviews issue targets, in a quarter of the time."""

from django.test import override_settings

from phoihop.activities import rollup
from phoihop.benchmarks import Figure as BenchFigure
from phoihop.benchmarks import Report, timed
from phoihop.benchmarks import reviews as suite
from phoihop.benchmarks.synthetic import END, PROVINCE, SMOKE, START, generate
from phoihop.reviews.compute import review_compute
from phoihop.reviews.data import Kind, Scope
from phoihop.reviews.services import review_create


def run(report: Report) -> None:
    suite.demo_scale(report, repeats=report.scaled(5, 1))
    scale, repeats = report.scaled(PROVINCE, SMOKE), report.scaled(3, 1)
    with override_settings(DEBUG=False):  # no query log while inserting a million rows
        seconds, world = timed(
            generate, seed=(report.options or {}).get("seed") or 2020, scale=scale
        )
        report.add(BenchFigure(f"generate {scale.label} data", seconds))
    rollup.rebuild([world.program.pk])
    program, user = world.program, world.secretariat
    where = f"{scale.label}, {world.activities:,} activities"
    review = review_compute(
        user=user, scope=Scope(program_id=program.pk, start=START, end=END, kind=Kind.PROGRAM)
    )
    for problem in suite.mismatches(review, suite.floor_totals(program, START, END), program):
        print(f"  !!! MISMATCH review_compute vs floor: {problem}", flush=True)
    suite.docx_export(report, review, None, where, repeats, limit=1.0)
    draft = review_create(actor=user, program=program, kind=Kind.PROGRAM, start=START, end=END)
    issued = suite._issued(
        user, review_create(actor=user, program=program, kind=Kind.PROGRAM, start=START, end=END)
    )
    suite.review_pages(report, user, draft, issued, where, repeats, limit=0.3)
