"""Importing a workbook as a background job: the upload is stored with a queued job, the
worker imports it as the user who sent it and reports its progress, and the job's page
ends with the rows created or every error of the file (all or nothing)."""

import io

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse

from phoihop.activities.models import Activity
from phoihop.jobs.models import Job, JobStatus
from phoihop.workbooks import tasks
from phoihop.workbooks.importer import activities_import
from phoihop.workbooks.tests.conftest import good_row, workbook_bytes

pytestmark = pytest.mark.django_db
DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def _import_url(program):
    return reverse("workbooks:import", args=[program.pk])


def _file(content: bytes) -> io.BytesIO:
    upload = io.BytesIO(content)
    upload.name = "hoat-dong.xlsx"
    return upload


def _send(client, program, rows, **fields):
    return client.post(_import_url(program), {"file": workbook_bytes(program, rows), **fields})


def test_the_upload_answers_with_the_job_page_which_ends_with_the_result(cast, program, client_for):
    client = client_for(cast.secretariat)
    response = _send(client, program, [good_row(n) for n in range(1, 4)], submit="on")
    job = Job.objects.get()
    assert response.status_code == 302 and response["Location"] == job.page_url
    assert job.page_url == reverse("workbooks:import_job", args=[program.pk, job.pk])
    assert (job.user, job.kind, job.subject_id, job.params["submit"]) == (cast.secretariat, tasks.KIND_IMPORT, program.pk, True)
    assert job.label == "Nhập hoạt động từ tệp hoat-dong.xlsx"
    assert (job.status, job.progress, job.stage, job.result["created"]) == (JobStatus.DONE, 100, "save", 3)
    assert not job.input_file  # not kept once imported
    page = client.get(job.page_url).content.decode()
    assert "Đã nhập 3 hoạt động từ tệp này." in page
    assert f'?batch={job.result["batch"]}' in page and "progress.js" not in page
    assert Activity.objects.filter(status="submitted", import_batch=job.result["batch"]).count() == 3


def test_a_refused_file_lists_every_error_and_imports_nothing(cast, program, client_for):
    client = client_for(cast.secretariat)
    rows = [good_row(n, **({"Từ ngày": "hôm qua"} if n % 2 else {})) for n in range(1, 1202)]
    job_url = _send(client, program, rows)["Location"]
    job = Job.objects.get()
    assert job.status == JobStatus.FAILED and len(job.result["errors"]) == 601
    assert job.error == "Không nhập dòng nào: tệp có 601 lỗi, liệt kê dưới đây."
    page = client.get(job_url).content.decode()
    assert "Không nhập dòng nào: tìm thấy 601 lỗi." in page
    assert page.count("<td>B · Từ ngày</td>") == 601  # every one, none held back
    assert '<td class="num">1202</td><td>B · Từ ngày</td>' in page
    assert Activity.objects.count() == 0


def test_the_importer_reports_its_progress(cast, program):
    heard = []
    upload = workbook_bytes(program, [good_row(n) for n in range(1, 2502)])
    result = activities_import(actor=cast.secretariat, program=program, upload=upload, progress=lambda *a: heard.append(a))
    assert result.ok and result.created == 2501
    assert heard == [("read", 1000), ("read", 2000), ("read", 2501), ("save", 2501)]


def test_the_bar_follows_the_rows_the_sheet_declares(cast, program):
    upload = workbook_bytes(program, [good_row(n) for n in range(1, 1501)])
    assert tasks.declared_rows(upload) == 1500 and upload.tell() == 0
    # The template formats its first thousand rows: a short file declares that many.
    assert tasks.declared_rows(workbook_bytes(program, [good_row(1)])) == 1000
    assert tasks.declared_rows(io.BytesIO(b"not a zip")) is None
    seen = []
    report = tasks._reporter(lambda *a: seen.append(a), 100)
    report("read", 50)
    report("read", 100)
    report("save", 100)
    assert seen == [(42, "read", 50), (80, "read", 100), (90, "save", 100)]
    unknown = tasks._reporter(lambda *a: seen.append(a), None)
    unknown("read", 5000)
    assert seen[-1] == (5, "read", 5000)


def test_without_a_file_the_form_asks_for_one_and_queues_nothing(cast, program, client_for):
    response = client_for(cast.secretariat).post(_import_url(program), {})
    assert response.status_code == 200 and "Hãy chọn tệp Excel cần nhập." in response.content.decode()
    assert not Job.objects.exists()


def test_viewer_is_refused_403_and_outsider_404_and_no_job(cast, program, client_for):
    assert _send(client_for(cast.viewer), program, [good_row(1)]).status_code == 403
    assert _send(client_for(cast.outsider), program, [good_row(1)]).status_code == 404
    assert not Job.objects.exists()


def test_the_job_page_is_its_users_only(cast, program, client_for):
    _send(client_for(cast.secretariat), program, [good_row(1)])
    job = Job.objects.get()
    assert client_for(cast.military_focal).get(job.page_url).status_code == 404  # may import, did not ask
    assert client_for(cast.viewer).get(job.page_url).status_code == 403  # may not import at all
    assert client_for(cast.outsider).get(job.page_url).status_code == 404
    assert client_for(cast.military_focal).get(reverse("jobs:status", args=[job.pk])).status_code == 404


def test_anonymous_is_sent_to_login(client, program):
    for response in (client.get(reverse("workbooks:import_job", args=[program.pk, 1])), _send(client, program, [good_row(1)])):
        assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))
    assert not Job.objects.exists()


def test_a_user_who_lost_the_right_to_import_gets_a_reason(cast, program):
    job = Job.objects.create(user=cast.outsider, kind=tasks.KIND_IMPORT, subject_id=program.pk, label="x")
    tasks.activities_import_task.call(job.pk)
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED and "không còn quyền nhập" in job.error


@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # keeps the data migrations' rows
@override_settings(TASKS=DATABASE_QUEUE)
def test_a_queued_import_waits_for_the_worker_with_its_file_stored(cast, program, client_for):
    client = client_for(cast.women_focal)
    job_url = _send(client, program, [good_row(n, **{"Đơn vị chủ trì": "Hội LHPN tỉnh"}) for n in (1, 2)])["Location"]
    job = Job.objects.get()
    assert job.status == JobStatus.QUEUED and job.input_file and job.task_id
    page = client.get(job_url).content.decode()
    assert "<progress" in page and "progress.js" in page and "<noscript>" in page
    assert Activity.objects.count() == 0
    call_command("db_worker", batch=True, startup_delay=False, interval=0, reload=False, verbosity=0)
    job.refresh_from_db()
    assert (job.status, job.result["created"], bool(job.input_file)) == (JobStatus.DONE, 2, False)
    assert "Đã nhập 2 hoạt động từ tệp này." in client.get(job_url).content.decode()
    assert Activity.objects.filter(lead=cast.women, status="draft").count() == 2


def test_the_same_file_again_is_refused_with_when_it_was_imported_until_the_user_insists(cast, program, client_for):
    client = client_for(cast.secretariat)
    content = workbook_bytes(program, [good_row(n) for n in (1, 2)])
    first = client.post(_import_url(program), {"file": _file(content.getvalue())})
    assert first.status_code == 302 and Activity.objects.count() == 2
    again = client.post(_import_url(program), {"file": _file(content.getvalue())})
    assert again.status_code == 200 and Job.objects.count() == 1 and Activity.objects.count() == 2
    page = again.content.decode()
    assert "Tệp này đã được nhập vào chương trình lúc" in page and "(2 hoạt động)" in page
    assert 'name="again"' in page  # the box to insist appears only now
    assert 'name="again"' not in client.get(_import_url(program)).content.decode()
    insisted = client.post(_import_url(program), {"file": _file(content.getvalue()), "again": "on"})
    assert insisted.status_code == 302 and Job.objects.count() == 2 and Activity.objects.count() == 4


def test_another_file_and_a_failed_import_of_the_same_file_are_not_held_back(cast, program, client_for):
    client = client_for(cast.secretariat)
    bad = workbook_bytes(program, [good_row(1, **{"Từ ngày": "hôm qua"})]).getvalue()
    assert client.post(_import_url(program), {"file": _file(bad)}).status_code == 302
    assert client.post(_import_url(program), {"file": _file(bad)}).status_code == 302  # the first imported nothing
    assert _send(client, program, [good_row(1)]).status_code == 302
    assert _send(client, program, [good_row(2)]).status_code == 302
    assert Job.objects.count() == 4 and Activity.objects.count() == 2


@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # keeps the data migrations' rows
@override_settings(TASKS=DATABASE_QUEUE)
def test_a_double_click_follows_the_queued_import_and_another_user_is_told_it_is_under_way(cast, program, client_for):
    content = workbook_bytes(program, [good_row(n, **{"Đơn vị chủ trì": "Hội LHPN tỉnh"}) for n in (1, 2)]).getvalue()
    client = client_for(cast.women_focal)
    first = client.post(_import_url(program), {"file": _file(content)})["Location"]
    second = client.post(_import_url(program), {"file": _file(content)})["Location"]
    assert first == second and Job.objects.count() == 1
    other = client_for(cast.secretariat).post(_import_url(program), {"file": _file(content)})
    assert other.status_code == 200 and "Tệp này đang được nhập vào chương trình" in other.content.decode()
    assert cast.women_focal.display_name not in other.content.decode()
    call_command("db_worker", batch=True, startup_delay=False, interval=0, reload=False, verbosity=0)
    assert Activity.objects.count() == 2
