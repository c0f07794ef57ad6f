"""Keeping a text, then making only what a person confirmed: reports per commune and
topic, draft activities, the text attached to a review."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from phoihop.activities.models import Activity, ActivityStatus
from phoihop.intake import services
from phoihop.intake.models import IntakeDocument
from phoihop.localities.models import Locality
from phoihop.situations.models import SituationReport

pytestmark = pytest.mark.django_db


def _doc(hanam, text):
    return services.intake_create(actor=hanam.secretariat, committee=hanam.committee, text=text)


def test_a_text_is_kept_as_written_with_its_extraction_and_nothing_else(hanam, seed_text):
    document = _doc(hanam, seed_text)
    assert document.text == seed_text.replace("\u00a0", " ").strip()
    assert document.title == "Toàn cảnh hội nghị"
    assert document.text_date == dt.date(2020, 12, 31)
    assert len([r for r in document.extraction["localities"] if r.get("level") == 3]) == 13
    assert SituationReport.objects.count() == 0 and Activity.objects.count() == 0
    assert document.history.count() == 1


@pytest.mark.parametrize(("text", "message"), [
    ("", "Văn bản đang trống"),
    ("Five years of coordination were reviewed by the steering committee today.", "không phải tiếng Việt"),
])
def test_bad_input_creates_nothing(hanam, text, message):
    with pytest.raises(ValidationError, match=message):
        _doc(hanam, text)
    assert IntakeDocument.objects.count() == 0


def test_a_renamed_binary_upload_creates_nothing(hanam):
    with pytest.raises(ValidationError, match="DOCX"):
        services.intake_create(actor=hanam.secretariat, committee=hanam.committee,
                               upload=("tong-ket.docx", b"MZ" + b"\x00" * 100))
    assert IntakeDocument.objects.count() == 0


def test_a_viewer_may_not_bring_texts_in(hanam, seed_text):
    with pytest.raises(PermissionDenied):
        services.intake_create(actor=hanam.viewer, committee=hanam.committee, text=seed_text)


def _commune(ref):
    return Locality.objects.get(ref=ref)


def test_reports_are_made_per_confirmed_commune_and_topic_and_linked(hanam, seed_text):
    document = _doc(hanam, seed_text)
    choices = [services.ReportChoice(locality_id=_commune(ref).pk, topic_code=code)
               for ref in ("v1.c13498", "v1.c13429~20250101") for code in ("dat-dai", "ton-giao")]
    made = services.intake_make_reports(actor=hanam.military_focal, document=document, selections=choices)
    assert len(made) == 4
    assert set(document.reports.all()) == set(made)
    report = next(r for r in made if r.locality.ref == "v1.c13498" and r.topic.code == "dat-dai")
    assert (report.title, report.reported_on, report.sensitive) == ("Đất đai tại Xã Thanh Hải", dt.date(2020, 12, 31), True)
    assert "Trích từ văn bản tiếp nhận" in report.description


def test_a_commune_not_read_from_the_text_creates_no_report(hanam, seed_text):
    document = _doc(hanam, seed_text)
    other = Locality.objects.filter(level=3, ref__startswith="v1.").exclude(
        pk__in=[r.get("id") for r in document.extraction["localities"]]).first()
    good = services.ReportChoice(locality_id=_commune("v1.c13498").pk, topic_code="dat-dai")
    with pytest.raises(ValidationError):
        services.intake_make_reports(actor=hanam.secretariat, document=document, selections=[
            good, services.ReportChoice(locality_id=other.pk, topic_code="dat-dai")])
    assert SituationReport.objects.count() == 0


def test_a_draft_activity_is_made_with_the_figures_confirmed(hanam, program, seed_text):
    document = _doc(hanam, seed_text)
    choice = services.ActivityChoice(
        program=program, title="Phối hợp nắm tình hình", start_date=dt.date(2020, 6, 1),
        end_date=dt.date(2020, 6, 1), content_area_id=program.content_areas.get(number=2).pk,
        lead_id=hanam.military.pk, partner_ids=[hanam.dan_van.pk], locality_ids=[_commune("v1.c13498").pk],
        figures={hanam.sessions.pk: 12},
    )
    (activity,) = services.intake_make_activities(actor=hanam.military_focal, document=document, selections=[choice])
    assert activity.status == ActivityStatus.DRAFT
    assert list(document.activities.all()) == [activity]
    assert activity.figures.get().value == 12
