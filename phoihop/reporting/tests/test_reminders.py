"""send_report_reminders: generates the expected reports, then e-mails focal points before
and after the due date, at most once per report per day."""

import datetime as dt
from io import StringIO

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from phoihop.reporting.models import PeriodReport
from phoihop.reporting.tests.conftest import Q1, Q2, at, report_of, submit_on

pytestmark = pytest.mark.django_db


@pytest.fixture
def emails(cast):
    for user, email in (
        (cast.military_focal, "bochqs@hanam.gov.vn"),
        (cast.women_focal, "hoiphunu@hanam.gov.vn"),
    ):
        user.email = email
        user.save()
    cast.secretariat.email = "thuongtruc@hanam.gov.vn"  # not a focal point: never reminded
    cast.secretariat.save()


def _run(day: str, *args) -> str:
    out = StringIO()
    with at(dt.date.fromisoformat(day)):
        call_command("send_report_reminders", "--today", day, *args, stdout=out)
    return out.getvalue()


def _q1_after_generate(cast, program):
    _run("2016-04-01")
    return report_of(program, cast.military, Q1)


def test_reminds_three_days_before_the_due_date(cast, program, emails):
    output = _run("2016-04-07")  # Q1 due 10/04
    assert PeriodReport.objects.count() == 3  # generated first
    assert sorted(m.to[0] for m in mail.outbox) == ["bochqs@hanam.gov.vn", "hoiphunu@hanam.gov.vn"]
    assert mail.outbox[0].subject == "[Phối hợp] Nhắc nộp báo cáo Quý 1/2016 trước ngày 10/04/2016"
    assert "Kính gửi đồng chí đầu mối" in mail.outbox[0].body
    assert "đã gửi 2 thư nhắc (2 sắp đến hạn, 0 quá hạn)" in output
    assert "1 báo cáo không có đầu mối" in output  # Ban Dân vận has no focal point


def test_no_reminder_on_other_days_before_the_due_date(cast, program, emails):
    _run("2016-04-06")
    _run("2016-04-09")
    assert mail.outbox == []


def test_reminds_once_a_day_after_the_due_date_until_submitted(cast, program, emails):
    _run("2016-04-12")
    assert len(mail.outbox) == 2
    assert mail.outbox[0].subject == "[Phối hợp] Báo cáo Quý 1/2016 đã quá hạn 2 ngày"
    output = _run("2016-04-12")
    assert len(mail.outbox) == 2 and "đã gửi 0 thư nhắc" in output
    submit_on(dt.date(2016, 4, 12), cast.military_focal, report_of(program, cast.military, Q1))
    _run("2016-04-13")
    assert [m.to for m in mail.outbox[2:]] == [["hoiphunu@hanam.gov.vn"]]
    assert report_of(program, cast.women, Q1).last_reminded_on == dt.date(2016, 4, 13)


def test_days_before_is_an_option_and_reports_of_new_periods_are_generated(cast, program, emails):
    submit_on(dt.date(2016, 4, 5), cast.military_focal, _q1_after_generate(cast, program))
    output = _run("2016-07-05", "--days-before", "5")  # Q2 due 10/07
    assert "đã tạo 3 báo cáo" in output
    subjects = sorted(m.subject for m in mail.outbox)
    assert subjects == [
        "[Phối hợp] Báo cáo Quý 1/2016 đã quá hạn 86 ngày",
        "[Phối hợp] Nhắc nộp báo cáo Quý 2/2016 trước ngày 10/07/2016",
        "[Phối hợp] Nhắc nộp báo cáo Quý 2/2016 trước ngày 10/07/2016",
    ]
    assert report_of(program, cast.military, Q2).last_reminded_on == dt.date(2016, 7, 5)


def test_a_bad_date_is_refused():
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("send_report_reminders", "--today", "05/07/2016")
