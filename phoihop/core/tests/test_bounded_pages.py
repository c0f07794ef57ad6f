"""Every filter of every list page, given a huge id, a far date or a word where a number
goes, answers a page (200 or 400), never a server error."""

import pytest

from phoihop.accounts.forms import UserFilterForm
from phoihop.activities.forms import ActivityFilterForm
from phoihop.hotspots.forms import ScoreFilterForm
from phoihop.localities.forms import LocalityFilterForm
from phoihop.organizations.forms import OrganizationFilterForm
from phoihop.practices.forms import ModelFilterForm
from phoihop.reporting.forms import YearFilterForm
from phoihop.reviews.forms import DashboardFilterForm
from phoihop.search.forms import SearchForm
from phoihop.situations.forms import CaseFilterForm, ReportFilterForm

pytestmark = pytest.mark.django_db

PAGES = [
    ("/hoat-dong/", ActivityFilterForm),
    ("/bang-tinh/xuat-hoat-dong/", ActivityFilterForm),
    ("/bao-cao-dinh-ky/", YearFilterForm),
    ("/mo-hinh/", ModelFilterForm),
    ("/tinh-hinh/", CaseFilterForm),
    ("/tinh-hinh/vu-viec/xuat-csv/", CaseFilterForm),
    ("/tinh-hinh/bao-cao/", ReportFilterForm),
    ("/tinh-hinh/dia-ban-trong-diem/", ScoreFilterForm),
    ("/tinh-hinh/ban-do/", ScoreFilterForm),
    ("/so-ket-tong-ket/tong-quan-so-lieu/", DashboardFilterForm),
    ("/to-chuc/", OrganizationFilterForm),
    ("/dia-ban/", LocalityFilterForm),
    ("/tai-khoan/nguoi-dung/", UserFilterForm),
    ("/tim-kiem/", SearchForm),
]
HOSTILE = ["99999999999999999999", "9999-12-31", "-1", "0001-01-01", "hai\x00ba"]


def _field_names(form_class) -> list[str]:
    return list(form_class.base_fields) or ["q"]


@pytest.mark.parametrize(("url", "form_class"), PAGES)
def test_hostile_filters_never_reach_a_server_error(cast, program, client_for, url, form_class):
    client = client_for(cast.secretariat)
    client.raise_request_exception = False
    for name in _field_names(form_class):
        for value in HOSTILE:
            response = client.get(url, {name: value})
            assert response.status_code < 500, (url, name, value)
