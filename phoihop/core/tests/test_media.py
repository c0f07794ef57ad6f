"""Uploaded files are never served from /media/: only through their record's view."""

import datetime as dt
import importlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import Resolver404, clear_url_caches, resolve, reverse

import phoihop.urls
from phoihop.programs.services import program_sign

PDF = b"%PDF-1.4 ky ket"


@pytest.fixture
def signed(cast, program):
    return program_sign(
        actor=cast.secretariat,
        program=program,
        signed_on=dt.date(2016, 3, 10),
        signed_place="Phủ Lý",
        signed_document=SimpleUploadedFile("ky-ket.pdf", PDF),
    )


def _media_url(document) -> str:
    return "/media/" + document.name


@pytest.fixture
def urls_built_with_debug():
    """The URL configuration as `./dev demo --debug` builds it (DEBUG on at import)."""
    with override_settings(DEBUG=True):
        importlib.reload(phoihop.urls)
        clear_url_caches()
    yield
    importlib.reload(phoihop.urls)
    clear_url_caches()


def test_no_url_serves_the_media_folder_even_with_debug(urls_built_with_debug, signed):
    with pytest.raises(Resolver404):
        resolve(_media_url(signed.signed_document))


def test_a_media_url_is_not_found_for_anyone(
    urls_built_with_debug, client, client_for, cast, signed
):
    url = _media_url(signed.signed_document)
    assert client.get(url).status_code == 404
    assert client_for(cast.outsider).get(url).status_code == 404
    assert client_for(cast.secretariat).get(url).status_code == 404


def test_the_document_view_sends_anonymous_to_login_and_outsiders_404(
    client, client_for, cast, signed
):
    url = reverse("programs:document", args=[signed.pk])
    response = client.get(url)
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:login"))
    assert client_for(cast.outsider).get(url).status_code == 404
    member = client_for(cast.military_focal).get(url)
    assert member.status_code == 200 and b"".join(member.streaming_content) == PDF


def test_the_api_names_the_checked_download_not_the_media_path(client_for, cast, signed):
    data = client_for(cast.viewer).get(f"/api/programs/{signed.pk}/").json()
    assert data["signed_document"] == reverse("programs:document", args=[signed.pk])
    assert "/media/" not in str(data)
