"""Reviews made by the drafting code before 0002 stored their drafted sentences in the
text: re-drafting and printing them must not say everything twice."""

import importlib
import json

import pytest
from django.apps import apps

from phoihop.reviews.data import Kind, Review
from phoihop.reviews.models import ReviewReport
from phoihop.reviews.render.text import document_text
from phoihop.reviews.selectors import review_for_user
from phoihop.reviews.services import review_update

pytestmark = pytest.mark.django_db

migration = importlib.import_module("phoihop.reviews.migrations.0003_drop_stored_drafted_text")

# What review_create stored then: the strengths and the area lines in "results", the
# limitations in "limitations".
OLD_RESULTS = (
    "- Các thành viên chủ động phối hợp: 9 trong 14 hoạt động (64%) có từ hai tổ chức thành viên trở lên.\n"
    "\n"
    "Kết quả theo từng nội dung phối hợp:\n"
    "- Tuyên truyền, vận động: 2 hoạt động; buổi tuyên truyền: 15 buổi."
)
OLD_LIMITATIONS = "- Sự phối hợp giữa các thành viên chưa rõ nét: chỉ 2 trong 14 hoạt động (14%)."
ADDED = "Ban Chỉ đạo đã tổ chức 2 đoàn kiểm tra tại cơ sở."


def _old_draft(cast, program) -> ReviewReport:
    report = ReviewReport(
        program=program, kind=Kind.PROGRAM, start=program.period_start, end=program.period_end,
        title="Tổng kết giai đoạn 2016–2020", results=OLD_RESULTS, limitations=OLD_LIMITATIONS,
        created_by=cast.secretariat,
    )
    report.save()  # its first history version holds what the old code drafted
    return review_update(  # the secretariat adds a sentence of its own under the drafted ones
        actor=cast.secretariat, review=report, version=report.revision, results=OLD_RESULTS + "\n" + ADDED,
    )


def _printed(text) -> list[str]:
    return [p.text for section in text.sections for p in section.paragraphs]


def test_the_migration_drops_the_stored_drafted_lines_and_keeps_the_secretariats(cast, program, seed_figures):
    report = _old_draft(cast, program)
    printed = _printed(document_text(review_for_user(cast.secretariat, report), report))
    assert any(line.startswith("- Sự phối hợp giữa các thành viên chưa rõ nét") for line in printed)  # twice

    migration.drop_stored_drafted_text(apps, None)

    report.refresh_from_db()
    assert (report.results, report.limitations) == (ADDED, "")
    printed = _printed(document_text(review_for_user(cast.secretariat, report), report))
    assert sum(line.startswith("Sự phối hợp giữa các thành viên chưa rõ nét") for line in printed) == 1
    assert not any(line.startswith("- ") or line == "Kết quả theo từng nội dung phối hợp:" for line in printed)
    assert ADDED in printed


def test_the_migration_leaves_new_drafts_and_issued_reports_alone(cast, program, seed_figures):
    new = ReviewReport.objects.create(
        program=program, kind=Kind.PROGRAM, start=program.period_start, end=program.period_end, title="Mới",
        created_by=cast.secretariat,
    )
    review_update(actor=cast.secretariat, review=new, version=new.revision, results=ADDED)
    issued = _old_draft(cast, program)
    ReviewReport.objects.filter(pk=issued.pk).update(status="issued")

    migration.drop_stored_drafted_text(apps, None)

    assert ReviewReport.objects.get(pk=new.pk).results == ADDED
    assert ReviewReport.objects.get(pk=issued.pk).results == OLD_RESULTS + "\n" + ADDED


def test_a_review_frozen_by_the_old_code_prints_its_stored_text_once(cast, program, seed_figures):
    report = _old_draft(cast, program)
    raw = json.loads(review_for_user(cast.secretariat, report).to_json())
    for statement in raw["statements"]:  # as frozen then: no figures behind the numbers
        del statement["refs"], statement["area"]
    frozen = Review.from_json(json.dumps(raw))

    printed = _printed(document_text(frozen, report))

    assert frozen.drafted_in_text
    assert sum("chưa rõ nét" in line for line in printed) == 1  # the stored line only
    assert OLD_LIMITATIONS in printed
