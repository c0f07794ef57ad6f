"""Download a review document as a user does: ask (POST), follow the job, fetch its file.

settings_test runs the job in the request (the immediate backend), so the file is ready
when the job page opens."""

from django.urls import reverse

from phoihop.jobs.models import Job


def ask(client, report, extension: str):
    return client.post(reverse(f"reviews:{extension}", args=[report.pk]))


def download(client, report, extension: str):
    """The file's response, its bytes in `.body`; asserts each step answered."""
    asked = ask(client, report, extension)
    assert asked.status_code == 302, asked.status_code
    job = Job.objects.get(page_url=asked["Location"])
    page = client.get(asked["Location"])
    file_url = reverse(f"reviews:{extension}_file", args=[report.pk, job.pk])
    assert page.status_code == 200 and file_url in page.content.decode()
    response = client.get(file_url)
    assert response.status_code == 200, response.status_code
    response.body = b"".join(response.streaming_content)
    return response
