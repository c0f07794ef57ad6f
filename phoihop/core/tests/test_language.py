import pytest
from django.conf import settings


@pytest.mark.django_db
def test_english_browser_still_gets_vietnamese(client):
    response = client.get("/tai-khoan/dang-nhap/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response["Content-Language"] == "vi"
    assert 'lang="vi"' in response.content.decode()


@pytest.mark.django_db
def test_language_switch_chooses_english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get("/tai-khoan/dang-nhap/")
    assert response["Content-Language"] == "en"


@pytest.mark.django_db
def test_unknown_language_cookie_falls_back_to_vietnamese(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    response = client.get("/tai-khoan/dang-nhap/")
    assert response["Content-Language"] == "vi"


@pytest.mark.django_db
def test_english_says_partners_where_vietnamese_says_phoi_hop_and_keeps_the_name(
    cast, program, client_for
):
    from django.urls import reverse

    client = client_for(cast.secretariat)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    text = client.get(reverse("activities:list")).content.decode()
    assert "<th>Partners</th>" in text
    assert "<span>Phối hợp</span>" in text  # the product's name is not translated
