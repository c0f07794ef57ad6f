"""/api/docs/ (Swagger UI) and /api/schema/: from the app's own files, for signed-in users."""

import re

from django.conf import settings
from django.contrib.staticfiles import finders
from django.urls import reverse

DOCS = reverse("api-docs")
SCHEMA = reverse("api-schema")


def test_anonymous_is_sent_to_login_from_the_docs(client, db):
    response = client.get(DOCS)
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_anonymous_gets_no_schema(client, db):
    assert client.get(SCHEMA).status_code in (401, 403)


def test_a_member_reads_the_docs_and_the_schema(client_for, cast):
    client = client_for(cast.viewer)
    assert client.get(DOCS).status_code == 200
    schema = client.get(SCHEMA, {"format": "json"})
    assert schema.status_code == 200
    assert schema.json()["info"]["title"] == "Phối hợp API"


def test_docs_page_references_only_local_static_urls(client_for, cast):
    page = client_for(cast.viewer).get(DOCS).content.decode()
    urls = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert any(url.endswith("swagger-ui-bundle.js") for url in urls)
    for url in urls:
        assert url.startswith("/"), url
        assert "//" not in url, url
    assert "jsdelivr" not in page
    assert "<style" not in page
    assert re.search(r"<script(?![^>]*\bsrc=)", page) is None


def test_docs_start_up_script_is_served_separately_for_the_member(client_for, cast):
    response = client_for(cast.viewer).get(DOCS, {"script": ""})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/javascript")
    assert SCHEMA in response.content.decode()


def test_swagger_ui_files_are_static_files_of_the_app(client_for, cast):
    page = client_for(cast.viewer).get(DOCS).content.decode()
    for name in ("swagger-ui-bundle.js", "swagger-ui.css", "phoihop/swagger.css"):
        url = re.search(rf'(?:src|href)="([^"]*{re.escape(name)})"', page).group(1)
        assert url.startswith("/" + settings.STATIC_URL.strip("/") + "/")
        assert finders.find(url.removeprefix("/static/")), url
