"""A case's change history: the secretariat reads it; a sensitive case stays hidden."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _url(case):
    return reverse("core:history", args=["situations.case", case.pk])


def test_secretariat_reads_the_history_of_a_case(situation, client_for):
    response = client_for(situation.cast.secretariat).get(_url(situation.land))
    assert response.status_code == 200
    assert situation.land.title in response.content.decode()


def test_uninvolved_member_gets_404_for_a_sensitive_case(situation, client_for):
    assert client_for(situation.cast.women_focal).get(_url(situation.land)).status_code == 404


def test_outsider_gets_404(situation, client_for):
    assert client_for(situation.cast.outsider).get(_url(situation.env)).status_code == 404


def test_focal_point_who_may_see_the_case_gets_403(situation, client_for):
    assert client_for(situation.cast.military_focal).get(_url(situation.land)).status_code == 403


def test_anonymous_is_sent_to_login(situation, client):
    response = client.get(_url(situation.env))
    assert response.status_code == 302 and "dang-nhap" in response["Location"]
