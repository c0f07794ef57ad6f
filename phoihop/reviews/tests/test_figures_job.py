"""A draft review's figures computed as a background job (a national review takes
seconds): queued by a POST, followed on its page, and then read by the review's page
from where the job left them, without computing again."""

import datetime as dt
from unittest import mock

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse

from phoihop.jobs.models import Job, JobStatus
from phoihop.reviews import selectors, services
from phoihop.reviews.compute import review_compute
from phoihop.reviews.data import Kind
from phoihop.reviews.tasks import KIND_FIGURES
from phoihop.reviews.tests.conftest import program_scope
from phoihop.reviews.tests.finishing import finished

pytestmark = pytest.mark.usefixtures("clock")
DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def report(cast, program, seed_figures):
    cache.clear()
    return services.review_create(
        actor=cast.secretariat, program=program, kind=Kind.PROGRAM,
        start=dt.date(2016, 1, 1), end=dt.date(2020, 12, 31),
    )  # fmt: skip


def _ask(client, report):
    return client.post(reverse("reviews:figures", args=[report.pk]))


def test_the_job_computes_the_figures_and_the_page_then_reads_them(client_for, cast, program, report):
    client = client_for(cast.secretariat)
    asked = _ask(client, report)

    assert asked.status_code == 302
    job = Job.objects.get(kind=KIND_FIGURES, subject_id=report.pk)
    assert job.status == JobStatus.DONE and job.progress == 100 and asked["Location"] == job.page_url
    review = review_compute(user=cast.secretariat, scope=program_scope(program))
    assert job.result == {"activities": review.coordination.activities,
                          "cases": sum(t.received for t in review.topics)}  # fmt: skip
    page = client.get(job.page_url).content.decode()
    assert "Đã tính xong số liệu" in page and reverse("reviews:detail", args=[report.pk]) in page
    with mock.patch.object(selectors, "review_compute", side_effect=AssertionError("computed again")):
        assert client.get(reverse("reviews:detail", args=[report.pk])).status_code == 200


def test_the_draft_page_offers_it_and_an_issued_review_keeps_its_frozen_figures(client_for, cast, report):
    client = client_for(cast.secretariat)
    url = reverse("reviews:figures", args=[report.pk])
    assert url in client.get(reverse("reviews:detail", args=[report.pk])).content.decode()

    issued = services.review_issue(actor=cast.secretariat, review=finished(cast.secretariat, report))

    assert url not in client.get(reverse("reviews:detail", args=[issued.pk])).content.decode()
    assert _ask(client, issued)["Location"] == reverse("reviews:detail", args=[issued.pk])
    assert not Job.objects.exists()


def test_a_read_only_member_may_ask_as_they_may_read(client_for, cast, report):
    assert _ask(client_for(cast.viewer), report).status_code == 302
    assert Job.objects.get().user == cast.viewer


def test_outsider_gets_404_and_no_job(client_for, cast, report):
    assert _ask(client_for(cast.outsider), report).status_code == 404
    assert not Job.objects.exists()


def test_only_the_user_who_asked_sees_the_job(client_for, cast, report):
    job_url = _ask(client_for(cast.secretariat), report)["Location"]
    assert client_for(cast.viewer).get(job_url).status_code == 404


def test_anonymous_is_sent_to_login_and_get_queues_nothing(client, client_for, cast, report):
    for response in (_ask(client, report), client.get(reverse("reviews:figures_job", args=[report.pk, 1]))):
        assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))
    assert client_for(cast.secretariat).get(reverse("reviews:figures", args=[report.pk])).status_code == 405
    assert not Job.objects.exists()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # keeps the data migrations' rows
@override_settings(TASKS=DATABASE_QUEUE)
def test_queued_figures_wait_for_the_worker(client_for, cast, report):
    client = client_for(cast.secretariat)
    job_url = _ask(client, report)["Location"]
    job = Job.objects.get()
    assert job.status == JobStatus.QUEUED
    assert "<progress" in client.get(job_url).content.decode()
    assert _ask(client, report)["Location"] == job_url  # asking again follows the same job

    call_command("db_worker", batch=True, startup_delay=False, interval=0, reload=False, verbosity=0)

    job.refresh_from_db()
    assert job.status == JobStatus.DONE and job.result["activities"] > 0
