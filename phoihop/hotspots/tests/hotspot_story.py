"""The hotspot story, on top of the shared cast (fixture `hotspot_story`).

Phủ Lý in 2019–2020: Phường Lam Hạ carries a sensitive land dispute (reported and led by
the Military Command, still open, overdue) and an environment complaint that came back
(a recurrence, reported by the Women's Union). Phường Tân Hiệp has a resolved site
clearance case. Both wards became Phường Hà Nam on 1 July 2025. Xã Thanh Hải (Thanh
Liêm) has one case closed unresolved.
"""

import datetime as dt
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
import time_machine

from phoihop.localities.models import REFORM_2025, ChangeEvent, Kind, Level, Lineage, Locality
from phoihop.situations import services
from phoihop.situations.models import CaseStatus, Topic

VN = ZoneInfo("Asia/Ho_Chi_Minh")
TODAY = dt.datetime(2021, 3, 1, 9, 0, tzinfo=VN)
WINDOW = (dt.date(2019, 1, 1), dt.date(2020, 12, 31))


def unit(ref, name, short, kind, level, parent=None, **extra) -> Locality:
    place = Locality(
        ref=ref,
        code=ref.split(".c")[-1],
        name=name,
        short_name=short,
        kind=kind,
        level=level,
        parent=parent,
        **extra,
    )
    place.refresh_search_fields()
    place.save()
    return place


def more_places(places) -> SimpleNamespace:
    old = {"valid_to": REFORM_2025}
    tanhiep = unit(
        "v1.c13366",
        "Phường Tân Hiệp",
        "Tân Hiệp",
        Kind.PHUONG,
        Level.COMMUNE,
        places.phuly,
        latitude=20.588708,
        longitude=105.927278,
        **old,
    )
    thanhliem = unit(
        "v1.d353", "Huyện Thanh Liêm", "Thanh Liêm", Kind.HUYEN, Level.DISTRICT, places.hanam, **old
    )
    thanhhai = unit(
        "v1.c13498",
        "Xã Thanh Hải",
        "Thanh Hải",
        Kind.XA,
        Level.COMMUNE,
        thanhliem,
        latitude=20.381414,
        longitude=105.917116,
        **old,
    )
    hanam_ward = unit(
        "v2.c13366",
        "Phường Hà Nam",
        "Hà Nam",
        Kind.PHUONG,
        Level.COMMUNE,
        places.ninhbinh,
        valid_from=REFORM_2025,
        latitude=20.56,
        longitude=105.92,
    )
    event = ChangeEvent.objects.create(
        ref="2025.c13366",
        kind=ChangeEvent.Kind.MERGE,
        effective_date=REFORM_2025,
        legal_basis="Nghị quyết số 1674/NQ-UBTVQH15",
    )
    for predecessor in (places.lamha, tanhiep):
        Lineage.objects.create(
            event=event, predecessor=predecessor, successor=hanam_ward, is_primary=True
        )
    return SimpleNamespace(
        tanhiep=tanhiep, thanhliem=thanhliem, thanhhai=thanhhai, hanam_ward=hanam_ward
    )


def open_case(cast, *, reporter, locality, topic, day, title, severity=2, lead=None, due=None):
    report = services.report_create(
        actor=reporter,
        committee=cast.committee,
        reported_on=day,
        locality=locality,
        topic=Topic.objects.get(code=topic),
        title=title,
        description=title + ".",
        severity=severity,
    )
    case = services.case_open(actor=cast.secretariat, report=report, opened_on=day)
    if lead is not None:
        services.case_assign(actor=cast.secretariat, case=case, lead=lead, due_date=due or day)
    return case


def build(cast) -> SimpleNamespace:
    extra = more_places(cast.places)
    lamha = cast.places.lamha
    land = open_case(
        cast,
        reporter=cast.military_focal,
        locality=lamha,
        topic="dat-dai",
        day=dt.date(2020, 9, 2),
        title="Tranh chấp ranh giới đất vườn ở tổ dân phố Đinh Tân",
        severity=3,
        lead=cast.military,
        due=dt.date(2020, 11, 1),
    )
    env_first = open_case(
        cast,
        reporter=cast.women_focal,
        locality=lamha,
        topic="moi-truong",
        day=dt.date(2019, 4, 10),
        title="Khói bụi lò gạch thủ công gây bức xúc",
        lead=cast.women,
        due=dt.date(2019, 5, 10),
    )
    services.case_close(
        actor=cast.secretariat,
        case=env_first,
        status=CaseStatus.RESOLVED,
        outcome="Lò gạch đã ngừng đốt.",
        closed_on=dt.date(2019, 6, 1),
    )
    env_again = open_case(
        cast,
        reporter=cast.women_focal,
        locality=lamha,
        topic="moi-truong",
        day=dt.date(2020, 5, 4),
        title="Lò gạch hoạt động trở lại, khói bụi tái diễn",
        severity=2,
    )
    services.case_link_recurrence(actor=cast.secretariat, case=env_again, earlier=env_first)
    gpmb = open_case(
        cast,
        reporter=cast.women_focal,
        locality=extra.tanhiep,
        topic="gpmb",
        day=dt.date(2020, 2, 3),
        title="Hộ dân chưa nhận tiền bồi thường dự án đường vành đai",
        severity=4,
        lead=cast.dan_van,
        due=dt.date(2020, 4, 1),
    )
    services.case_close(
        actor=cast.secretariat,
        case=gpmb,
        status=CaseStatus.RESOLVED,
        outcome="Đã chi trả bồi thường.",
        closed_on=dt.date(2020, 3, 20),
    )
    religion_free = open_case(
        cast,
        reporter=cast.women_focal,
        locality=extra.thanhhai,
        topic="khieu-nai-to-cao",
        day=dt.date(2019, 8, 1),
        title="Khiếu nại kéo dài về chế độ chính sách",
        severity=1,
        lead=cast.women,
        due=dt.date(2019, 9, 1),
    )
    services.case_close(
        actor=cast.secretariat,
        case=religion_free,
        status=CaseStatus.CLOSED_UNRESOLVED,
        outcome="Người dân chưa đồng thuận.",
        closed_on=dt.date(2019, 10, 31),
    )
    return SimpleNamespace(
        cast=cast,
        extra=extra,
        land=land,
        env_first=env_first,
        env_again=env_again,
        gpmb=gpmb,
        complaint=religion_free,
    )


@pytest.fixture(name="hotspot_story")
def hotspot_story_fixture(cast):
    with time_machine.travel(TODAY, tick=False):
        yield build(cast)
