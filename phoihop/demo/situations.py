"""Five years (2016–2020) of grasping the situation in Hà Nam, deterministic (Random(2016)).

The 13 seed localities carry most of the cases, on land, site clearance (GPMB) and
religion as the seed report says, with the local colour of each district: quarries and
cement in Thanh Liêm and Kim Bảng, urban projects in Phủ Lý, industrial parks in Duy
Tiên, the Tam Chúc pagoda area in Ba Sao. Some cases are resolved, some referred, some
closed unresolved, some still open past their due date, some come back (recurrences) and
a few are reopened. The secretariat designates the highest scoring seed localities as
hotspots (and lifts one), and members exchange a few bulletins.

Every write goes through the services, on its own day (demo_clock), so timelines and
history read like the real program's. Skipped when the committee already has cases.
"""

import datetime as dt
import random
from dataclasses import dataclass

from phoihop.accounts.models import User
from phoihop.activities.models import Activity, ActivityStatus
from phoihop.demo import data
from phoihop.demo.clock import demo_clock
from phoihop.demo.program import communes
from phoihop.exchange import services as services_exchange
from phoihop.hotspots import services as services_hotspots
from phoihop.hotspots.selectors import Window, hotspot_scores_for_user
from phoihop.localities.models import Locality
from phoihop.organizations.models import Committee, Organization
from phoihop.situations import services
from phoihop.situations.models import Case, CaseStatus, Topic

START, END = dt.date(2016, 1, 1), dt.date(2020, 12, 31)
LAST_DAY = dt.date(2020, 12, 28)
USER_OF = {
    "bdv_hn": "thuongtruc",
    "bchqs_hn": "bochqs",
    "mttq_hn": "mattran",
    "ldld_hn": "laodong",
    "hnd_hn": "nongdan",
    "phunu_hn": "phunu",
    "tinhdoan_hn": "tinhdoan",
    "ccb_hn": "cuuchienbinh",
    "ctd_hn": "chuthapdo",
}

TITLES = {
    "dat-dai": [
        "Tranh chấp ranh giới đất ở giữa các hộ liền kề tại {p}",
        "Khiếu nại việc cấp giấy chứng nhận quyền sử dụng đất tại {p}",
        "Lấn chiếm đất công, đất hành lang giao thông tại {p}",
        "Chậm giao đất dịch vụ cho các hộ bị thu hồi đất nông nghiệp tại {p}",
        "Tranh chấp đất nông nghiệp sau dồn điền đổi thửa tại {p}",
        "Khiếu nại giao đất trái thẩm quyền giai đoạn trước tại {p}",
    ],
    "gpmb": [
        "Hộ dân chưa đồng thuận phương án bồi thường dự án đường tại {p}",
        "Khiếu nại đơn giá bồi thường cây cối, hoa màu khi thu hồi đất tại {p}",
        "Chậm bàn giao mặt bằng dự án khu đô thị tại {p}",
        "Đề nghị bố trí tái định cư cho hộ bị thu hồi đất ở tại {p}",
        "Người dân ngăn cản thi công khi chưa nhận đủ tiền bồi thường tại {p}",
    ],
    "ton-giao": [
        "Mâu thuẫn về mở rộng khuôn viên cơ sở thờ tự tại {p}",
        "Sinh hoạt tôn giáo tập trung chưa đăng ký tại {p}",
        "Tranh chấp đất giữa giáo họ và hộ dân tại {p}",
        "Xây dựng công trình tôn giáo chưa được cấp phép tại {p}",
    ],
    "moi-truong": [
        "Khói bụi từ khai thác, chế biến đá gây ô nhiễm tại {p}",
        "Nước thải chưa qua xử lý xả ra kênh tiêu tại {p}",
        "Bãi rác tự phát ven đường gây ô nhiễm tại {p}",
    ],
    "lao-dong-viec-lam": [
        "Công nhân ngừng việc tập thể đòi tăng lương tại doanh nghiệp ở {p}",
        "Doanh nghiệp chậm đóng bảo hiểm xã hội cho người lao động tại {p}",
    ],
    "an-ninh-trat-tu": ["Tụ tập đông người, gây mất trật tự công cộng tại {p}"],
    "khieu-nai-to-cao": [
        "Đơn tố cáo cán bộ thôn trong quản lý quỹ đất công ích tại {p}",
        "Khiếu nại kéo dài về chế độ chính sách tại {p}",
    ],
    "chinh-sach-xa-hoi": ["Phản ánh bình xét hộ nghèo chưa công khai tại {p}"],
}

# Seed localities (pre-reform codes): how many cases, which topics weigh most.
SEED_PROFILES = {
    "13498": (6, ["gpmb", "dat-dai", "moi-truong", "dat-dai"]),  # Thanh Hải: quarries, cement
    "13489": (5, ["dat-dai", "gpmb", "moi-truong"]),  # Thanh Nghị
    "13441": (5, ["ton-giao", "dat-dai", "gpmb"]),  # Kiện Khê
    "13318": (5, ["gpmb", "dat-dai", "khieu-nai-to-cao"]),  # Châu Sơn
    "13459": (5, ["gpmb", "dat-dai", "gpmb"]),  # Thanh Tuyền
    "13303": (7, ["dat-dai", "gpmb", "ton-giao", "dat-dai"]),  # Lam Hạ
    "13366": (6, ["gpmb", "dat-dai", "ton-giao"]),  # Tân Hiệp (incl. former Tiên Tân)
    "13411": (5, ["dat-dai", "moi-truong", "gpmb"]),  # Tân Sơn
    "13435": (5, ["moi-truong", "dat-dai", "gpmb"]),  # Thi Sơn
    "13420": (4, ["dat-dai", "gpmb"]),  # Khả Phong
    "13429": (6, ["ton-giao", "gpmb", "dat-dai", "ton-giao"]),  # Ba Sao: Tam Chúc
    "13348": (5, ["lao-dong-viec-lam", "gpmb", "ton-giao"]),  # Yên Bắc
    "13321": (5, ["lao-dong-viec-lam", "gpmb", "dat-dai"]),  # Đồng Văn
}
# Elsewhere in Hà Nam: lighter, mostly resolved.
OTHER_PLACES = [
    "13501",
    "13504",
    "13597",
    "13630",
    "13450",
    "13369",
    "13426",
    "13507",
    "13393",
    "13576",
]
OTHER_TOPICS = ["chinh-sach-xa-hoi", "moi-truong", "khieu-nai-to-cao", "an-ninh-trat-tu", "dat-dai"]

LEADS = {
    "dat-dai": ["mttq_hn", "hnd_hn", "bdv_hn"],
    "gpmb": ["mttq_hn", "hnd_hn", "ccb_hn"],
    "ton-giao": ["bdv_hn", "mttq_hn"],
    "moi-truong": ["hnd_hn", "tinhdoan_hn", "phunu_hn"],
    "lao-dong-viec-lam": ["ldld_hn"],
    "an-ninh-trat-tu": ["bchqs_hn", "tinhdoan_hn"],
    "khieu-nai-to-cao": ["mttq_hn", "ccb_hn"],
    "chinh-sach-xa-hoi": ["phunu_hn", "ctd_hn"],
}
FOLLOW_UPS = [
    "Phối hợp với cấp ủy, chính quyền cơ sở gặp gỡ, đối thoại với các hộ liên quan.",
    "Tổ công tác đến tận nhà vận động, giải thích chính sách cho người dân.",
    "Kiểm tra hiện trạng, đối chiếu hồ sơ địa chính cùng cán bộ xã.",
    "Tổ chức hội nghị tại nhà văn hóa thôn để lắng nghe ý kiến nhân dân.",
]
OUTCOMES = {
    CaseStatus.RESOLVED: "Các bên thống nhất phương án; người dân đồng thuận, ký biên bản.",
    CaseStatus.REFERRED: "Vượt thẩm quyền vận động; đã chuyển hồ sơ đến Thanh tra tỉnh giải quyết theo quy định.",
    CaseStatus.CLOSED_UNRESOLVED: "Người dân chưa đồng thuận; kết thúc theo dõi, tiếp tục nắm tình hình.",
}
BULLETINS = [
    (
        dt.date(2017, 3, 20),
        "mttq_hn",
        [],
        "Tình hình khiếu kiện về bồi thường, giải phóng mặt bằng quý I/2017",
        "Qua nắm tình hình, một số hộ dân tại Thanh Tuyền, Châu Sơn tiếp tục có đơn về đơn giá bồi thường. "
        "Đề nghị các tổ chức thành viên chỉ đạo cơ sở phối hợp vận động, không để phát sinh điểm nóng.",
    ),
    (
        dt.date(2018, 9, 5),
        "bchqs_hn",
        ["bdv_hn", "mttq_hn"],
        "Phối hợp nắm tình hình dịp lễ hội chùa Tam Chúc",
        "Đề nghị Ban Dân vận và Mặt trận phối hợp nắm tình hình tôn giáo tại phường Ba Sao, nhất là khu vực chùa "
        "Tam Chúc trong mùa lễ hội.",
    ),
    (
        dt.date(2019, 6, 12),
        "ldld_hn",
        [],
        "Tranh chấp lao động tại khu công nghiệp Đồng Văn",
        "Xảy ra ngừng việc tập thể tại hai doanh nghiệp; công đoàn đã đối thoại, đề nghị các đoàn thể nắm tình hình "
        "tại nơi cư trú của công nhân.",
    ),
    (
        dt.date(2020, 4, 2),
        "bdv_hn",
        [],
        "Thông báo địa bàn trọng điểm năm 2020",
        "Thường trực Ban Chỉ đạo đã xác định các địa bàn trọng điểm cần tập trung nắm tình hình, vận động nhân dân "
        "năm 2020; đề nghị các tổ chức thành viên bố trí lực lượng phối hợp.",
    ),
    (
        dt.date(2020, 11, 18),
        "hnd_hn",
        ["bdv_hn"],
        "Kiến nghị về đất dịch vụ tại Thanh Hải, Thanh Nghị",
        "Hội viên nông dân tiếp tục kiến nghị việc chậm giao đất dịch vụ; đề nghị Thường trực báo cáo Ban Thường vụ "
        "Tỉnh ủy chỉ đạo giải quyết dứt điểm.",
    ),
]
HOTSPOT_COUNT, HOTSPOT_DAY, LIFT_DAY = 6, dt.date(2020, 3, 25), dt.date(2020, 12, 15)


@dataclass
class Cast:
    committee: Committee
    orgs: dict[str, Organization]
    users: dict[str, User]
    topics: dict[str, Topic]

    @property
    def secretariat(self) -> User:
        return self.users["thuongtruc"]

    def user_of(self, org_key: str) -> User:
        return self.users[USER_OF[org_key]]


def _in_place(locality: Locality) -> str:
    """ "Xã Thanh Hải" → "xã Thanh Hải", as it reads inside a sentence."""
    return locality.name[0].lower() + locality.name[1:]


def _day(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    return start + dt.timedelta(days=rng.randint(0, max((end - start).days, 0)))


def _open(cast: Cast, rng, locality, topic_code, opened_on, severity) -> Case:
    reporter_key = rng.choice(list(USER_OF))
    reported_on = opened_on - dt.timedelta(days=rng.randint(0, 5))
    title = rng.choice(TITLES[topic_code]).format(p=_in_place(locality))
    with demo_clock(reported_on):
        report = services.report_create(
            actor=cast.user_of(reporter_key),
            committee=cast.committee,
            reported_on=reported_on,
            locality=locality,
            topic=cast.topics[topic_code],
            title=title,
            description=title
            + ". "
            + rng.choice(
                [
                    "Nhiều hộ dân bức xúc, có đơn gửi nhiều nơi.",
                    "Có dấu hiệu tụ tập đông người nếu không giải quyết kịp thời.",
                    "Người dân đề nghị chính quyền sớm đối thoại, giải quyết.",
                ]
            ),
            severity=severity,
            people_affected=rng.choice([3, 8, 15, 30, 60, 120]),
        )
    with demo_clock(opened_on):
        return services.case_open(actor=cast.secretariat, report=report, opened_on=opened_on)


def _assign_and_follow(cast: Cast, rng, case: Case, topic_code: str) -> str:
    lead_key = rng.choice(LEADS[topic_code])
    supporters = [cast.orgs[k] for k in rng.sample(sorted(USER_OF), 2) if k != lead_key]
    assigned_on = min(case.opened_on + dt.timedelta(days=rng.randint(1, 6)), LAST_DAY)
    with demo_clock(assigned_on):
        services.case_assign(
            actor=cast.secretariat,
            case=case,
            lead=cast.orgs[lead_key],
            supporters=supporters[:1],
            due_date=assigned_on + dt.timedelta(days=cast.topics[topic_code].handling_days),
        )
    follow_on = min(assigned_on + dt.timedelta(days=rng.randint(7, 30)), LAST_DAY)
    with demo_clock(follow_on):
        services.case_follow_up(
            actor=cast.user_of(lead_key),
            case=case,
            happened_on=follow_on,
            text=rng.choice(FOLLOW_UPS),
        )
    return lead_key


def _finish(cast: Cast, rng, case: Case, lead_key: str, ending: str | None) -> None:
    if ending is None:
        return
    closed_on = case.opened_on + dt.timedelta(days=rng.randint(40, 160))
    if closed_on > LAST_DAY:
        return  # still open at the end of the program: overdue
    with demo_clock(closed_on):
        services.case_close(
            actor=cast.secretariat,
            case=case,
            status=ending,
            outcome=OUTCOMES[ending],
            closed_on=closed_on,
        )


def _ending(rng) -> str | None:
    roll = rng.random()
    if roll < 0.45:
        return CaseStatus.RESOLVED
    if roll < 0.55:
        return CaseStatus.REFERRED
    if roll < 0.65:
        return CaseStatus.CLOSED_UNRESOLVED
    return None


def _one_case(cast, rng, code, topic_code, *, severity, ending="random") -> Case:
    opened_on = _day(rng, dt.date(2016, 2, 1), dt.date(2020, 11, 30))
    case = _open(cast, rng, communes([code], on=opened_on)[0], topic_code, opened_on, severity)
    lead_key = _assign_and_follow(cast, rng, case, topic_code)
    _finish(cast, rng, case, lead_key, _ending(rng) if ending == "random" else ending)
    return case


def _recur(cast: Cast, rng, earlier: Case) -> Case:
    """The matter of a resolved case comes back a few months later."""
    opened_on = min(
        earlier.closed_on + dt.timedelta(days=rng.randint(60, 300)), dt.date(2020, 12, 10)
    )
    topic_code = earlier.topic.code
    locality = communes([earlier.locality.code], on=opened_on)[0]  # Yên Bắc a phường from 2020
    case = _open(cast, rng, locality, topic_code, opened_on, min(earlier.severity + 1, 4))
    with demo_clock(opened_on):
        services.case_link_recurrence(actor=cast.secretariat, case=case, earlier=earlier)
    lead_key = _assign_and_follow(cast, rng, case, topic_code)
    _finish(cast, rng, case, lead_key, rng.choice([None, None, CaseStatus.RESOLVED]))
    return case


def _reopen(cast: Cast, rng, case: Case) -> None:
    case.refresh_from_db()
    reopened_on = min(case.closed_on + dt.timedelta(days=rng.randint(20, 90)), LAST_DAY)
    with demo_clock(reopened_on):
        services.case_reopen(
            actor=cast.secretariat,
            case=case,
            reopened_on=reopened_on,
            reason="Người dân tiếp tục có đơn; thỏa thuận trước đây chưa được thực hiện đầy đủ.",
        )


def _cases(cast: Cast, rng) -> list[Case]:
    cases = []
    for code, (count, topics) in SEED_PROFILES.items():
        for index in range(count):
            severity = rng.choices([1, 2, 3, 4], weights=[1, 3, 3, 2])[0]
            cases.append(_one_case(cast, rng, code, topics[index % len(topics)], severity=severity))
    for code in OTHER_PLACES:
        topic = rng.choice(OTHER_TOPICS)
        cases.append(
            _one_case(
                cast,
                rng,
                code,
                topic,
                severity=rng.choice([1, 1, 2]),
                ending=CaseStatus.RESOLVED,
            )
        )
    resolved = [
        c for c in cases if c.status == CaseStatus.RESOLVED and c.locality.code in SEED_PROFILES
    ]
    resolved = [c for c in resolved if c.closed_on < dt.date(2020, 9, 1)]
    for earlier in rng.sample(resolved, min(8, len(resolved))):
        cases.append(_recur(cast, rng, earlier))
    closed = [c for c in cases if c.status == CaseStatus.RESOLVED and c.recurrences.count() == 0]
    for case in rng.sample(closed, min(4, len(closed))):
        _reopen(cast, rng, case)
    return cases


def _hotspots(cast: Cast) -> None:
    scores = hotspot_scores_for_user(
        cast.secretariat, cast.committee, start=START, end=dt.date(2019, 12, 31)
    )
    seeds = [e for e in scores if e.locality.code in SEED_PROFILES][:HOTSPOT_COUNT]
    designated = []
    for entry in seeds:
        topics = sorted({c.row.topic.lower() for c in entry.cases})
        reason = (
            f"Giai đoạn 2016–2019 tập trung {entry.case_count} vụ việc ({', '.join(topics)}), "
            f"{entry.open_count} vụ chưa giải quyết dứt điểm; cần các tổ chức thành viên phối hợp "
            "nắm tình hình, tuyên truyền, vận động nhân dân."
        )
        with demo_clock(HOTSPOT_DAY):
            designated.append(
                services_hotspots.hotspot_designate(
                    actor=cast.secretariat,
                    committee=cast.committee,
                    locality=entry.locality,
                    reason=reason,
                    window=Window(START, dt.date(2019, 12, 31)),
                )
            )
    if designated:
        with demo_clock(LIFT_DAY):
            services_hotspots.hotspot_lift(
                actor=cast.secretariat,
                hotspot=designated[-1],
                reason="Các vụ việc cơ bản đã được giải quyết, tình hình an ninh nông thôn ổn định.",
            )
    for hotspot in designated:
        _link_responses(cast, hotspot)


def _link_responses(cast: Cast, hotspot) -> None:
    activities = Activity.objects.filter(
        program__committee=cast.committee,
        localities=hotspot.locality,
        status=ActivityStatus.CONFIRMED,
        start_date__gte=HOTSPOT_DAY,
    ).order_by("start_date")[:2]
    for activity in activities:
        services_hotspots.hotspot_link_response(
            actor=cast.secretariat, hotspot=hotspot, activity=activity
        )


def _bulletins(cast: Cast) -> None:
    for day, sender, recipients, title, body in BULLETINS:
        with demo_clock(day, hour=15):
            services_exchange.bulletin_send(
                actor=cast.user_of(sender),
                committee=cast.committee,
                title=title,
                body=body,
                recipients=[cast.orgs[k] for k in recipients],
            )


def situations_load() -> int:
    """Load the demo's cases, hotspots and bulletins; 0 when they are already there."""
    spec = data.COMMITTEES["hanam"]
    committee = Committee.objects.filter(name=spec["name"], locality__ref=spec["locality"]).first()
    if committee is None or Case.objects.filter(committee=committee).exists():
        return 0
    names = {key: data.ORGANIZATIONS[key]["name"] for key in USER_OF}
    by_name = {
        org.name: org
        for org in Organization.objects.filter(name__in=names.values(), locality=committee.locality)
    }
    cast = Cast(
        committee=committee,
        orgs={key: by_name[name] for key, name in names.items()},
        users=User.objects.in_bulk(list(USER_OF.values()), field_name="username"),
        topics=Topic.objects.in_bulk(field_name="code"),
    )
    rng = random.Random(2016)
    cases = _cases(cast, rng)
    _hotspots(cast)
    _bulletins(cast)
    return len(cases)
