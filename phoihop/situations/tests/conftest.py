"""Situations told with the shared cast.

On 10/06/2025 the Military Command reports a land dispute in Phường Lam Hạ (Phủ Lý,
Hà Nam): land is sensitive, so only the secretariat and the organizations involved see
it. The Women's Union reports an environment complaint in the same ward the same week:
everyone in the committee sees that one. A ward-level committee in Lam Hạ sits below the
province's, so its cases can be escalated.
"""

import datetime as dt
import io
import zipfile
from types import SimpleNamespace

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from phoihop.accounts.models import Role, User
from phoihop.conftest import PASSWORD
from phoihop.organizations.models import Committee, Membership, Organization, OrgKind, OrgLevel
from phoihop.situations import services
from phoihop.situations.models import Topic

LAND_DAY = dt.date(2025, 6, 10)
ENV_DAY = dt.date(2025, 6, 12)
LAND_DUE = dt.date(2025, 8, 9)  # 60 days for land: long past, so the land case is overdue

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


def png(name="hien-truong.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PNG, content_type="image/png")


def pdf(name="bien-ban.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def xlsx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
    return buffer.getvalue()


def make_report(cast, actor=None, *, topic="moi-truong", reported_on=ENV_DAY, **extra):
    fields = {
        "committee": cast.committee,
        "reported_on": reported_on,
        "locality": cast.places.lamha,
        "topic": Topic.objects.get(code=topic),
        "title": "Khói bụi từ xưởng gạch ở tổ dân phố 3",
        "description": "Nhiều hộ dân phản ánh khói bụi từ xưởng gạch gây ô nhiễm.",
        **extra,
    }
    return services.report_create(actor=actor or cast.women_focal, **fields)


@pytest.fixture
def situation(cast, settings, tmp_path):
    """A sensitive land case led by the Military Command, and an open environment case."""
    settings.MEDIA_ROOT = tmp_path / "media"
    land_report = make_report(
        cast,
        cast.military_focal,
        topic="dat-dai",
        reported_on=LAND_DAY,
        title="Tranh chấp đất đai giữa hai dòng họ ở Lam Hạ",
        description="Hai dòng họ tranh chấp 300 m² đất vườn; nguy cơ tụ tập đông người.",
        severity=3,
        people_affected=40,
    )
    land = services.case_open(actor=cast.secretariat, report=land_report, opened_on=LAND_DAY)
    services.case_assign(actor=cast.secretariat, case=land, lead=cast.military, due_date=LAND_DUE)
    env_report = make_report(cast)
    env = services.case_open(actor=cast.secretariat, report=env_report, opened_on=ENV_DAY)
    return SimpleNamespace(
        cast=cast, land=land, land_report=land_report, env=env, env_report=env_report
    )


@pytest.fixture
def ward(cast):
    """A ward-level committee in Lam Hạ, below the province's, with its own secretariat."""
    org = Organization(
        name="Ban Dân vận Đảng ủy phường Lam Hạ", short_name="Ban Dân vận phường Lam Hạ",
        kind=OrgKind.PARTY_BOARD, level=OrgLevel.COMMUNE, locality=cast.places.lamha,
    )
    org.refresh_search_fields()
    org.save()
    committee = Committee.objects.create(
        name="Ban Chỉ đạo phường Lam Hạ", short_name="BCĐ phường Lam Hạ", host=org, locality=cast.places.lamha
    )
    Membership.objects.create(committee=committee, organization=org)
    user = User.objects.create_user(
        username="lamha", password=PASSWORD, organization=org, role=Role.SECRETARIAT, first_name="Đỗ Văn Phường"
    )
    return SimpleNamespace(org=org, committee=committee, secretariat=user)
