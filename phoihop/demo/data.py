"""What the demo holds, as plain data. Keys ("bdv_hn") only link rows inside this file.

Sources: the seed report (Hà Nam, 2020) for the committee, its members, its head and
the 14 localities where members grasped the situation together; DOMAIN.md for the 2025
reorganization. Focal-point names are invented but plausible.
"""

import datetime as dt

from phoihop.accounts.models import Role
from phoihop.organizations.models import OrgEvent, OrgKind, OrgLevel

PASSWORD = "phoihop2025"

HA_NAM = "v1.p35"
NAM_DINH = "v1.p36"
NINH_BINH_OLD = "v1.p37"
NINH_BINH = "v2.p37"

PROGRAM_START = dt.date(2016, 1, 1)
PARTY_MERGE = dt.date(2025, 3, 1)
REFORM = dt.date(2025, 7, 1)

# The 14 localities of the seed (13 units: Xã Tiên Tân is now part of Phường Tân Hiệp),
# as pre-reform commune codes with a note shown beside the unit's name.
SEED_COMMUNES = {
    "13498": "",  # Xã Thanh Hải (Thanh Liêm)
    "13489": "",  # Xã Thanh Nghị (Thanh Liêm)
    "13441": "",  # Thị trấn Kiện Khê (Thanh Liêm)
    "13318": "",  # Phường Châu Sơn (Phủ Lý)
    "13459": "",  # Phường Thanh Tuyền (Phủ Lý)
    "13303": "",  # Phường Lam Hạ (Phủ Lý)
    "13366": "gồm xã Tiên Tân cũ",  # Phường Tân Hiệp (Phủ Lý)
    "13411": "",  # Phường Tân Sơn (Kim Bảng)
    "13435": "",  # Phường Thi Sơn (Kim Bảng)
    "13420": "",  # Xã Khả Phong (Kim Bảng)
    "13429": "",  # Phường Ba Sao (Kim Bảng)
    "13348": "",  # Phường Yên Bắc (Duy Tiên)
    "13321": "",  # Phường Đồng Văn (Duy Tiên)
}
SEED_COMMUNE_REFS = {f"v1.c{code}": note for code, note in SEED_COMMUNES.items()}

_PARTY = {"kind": OrgKind.PARTY_BOARD}
_SOCIO = {"kind": OrgKind.SOCIO_POLITICAL}
_OLD = {"valid_to": REFORM}
_NEW = {"valid_from": REFORM}


def _org(name, short_name, locality, aliases=(), **extra):
    return {
        "name": name,
        "short_name": short_name,
        "locality": locality,
        "aliases": list(aliases),
        "level": OrgLevel.PROVINCE,
        **extra,
    }


# Organizations in creation order (a parent comes before its children).
ORGANIZATIONS = {
    # Hà Nam, before 1 July 2025.
    "bdv_hn": _org(
        "Ban Dân vận Tỉnh ủy Hà Nam", "Ban Dân vận Tỉnh ủy", HA_NAM, ["BDV Tỉnh ủy"],
        **_PARTY, valid_to=PARTY_MERGE,
    ),
    "btg_hn": _org(
        "Ban Tuyên giáo Tỉnh ủy Hà Nam", "Ban Tuyên giáo Tỉnh ủy", HA_NAM, ["BTG Tỉnh ủy"],
        **_PARTY, valid_to=PARTY_MERGE,
    ),
    "btgdv_hn": _org(
        "Ban Tuyên giáo và Dân vận Tỉnh ủy Hà Nam", "Ban TG&DV Tỉnh ủy", HA_NAM,
        ["Ban Tuyên giáo và Dân vận Tỉnh ủy"], **_PARTY, valid_from=PARTY_MERGE, valid_to=REFORM,
    ),
    "bchqs_hn": _org(
        "Bộ Chỉ huy Quân sự tỉnh Hà Nam", "Bộ CHQS tỉnh", HA_NAM,
        ["Bộ CHQS tỉnh Hà Nam", "Bộ Chỉ huy Quân sự tỉnh"], kind=OrgKind.MILITARY, **_OLD,
    ),
    "mttq_hn": _org(
        "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Hà Nam", "UBMTTQ tỉnh", HA_NAM,
        ["UBMTTQ tỉnh Hà Nam", "Mặt trận Tổ quốc tỉnh", "MTTQ tỉnh"], kind=OrgKind.FRONT, **_OLD,
    ),
    "ldld_hn": _org(
        "Liên đoàn Lao động tỉnh Hà Nam", "LĐLĐ tỉnh", HA_NAM, ["Liên đoàn Lao động tỉnh"],
        **_SOCIO, **_OLD,
    ),
    "hnd_hn": _org(
        "Hội Nông dân tỉnh Hà Nam", "Hội Nông dân tỉnh", HA_NAM, ["Hội ND tỉnh"], **_SOCIO, **_OLD,
    ),
    "phunu_hn": _org(
        "Hội Liên hiệp Phụ nữ tỉnh Hà Nam", "Hội LHPN tỉnh", HA_NAM,
        ["Hội Phụ nữ tỉnh", "Hội LHPN tỉnh Hà Nam"], **_SOCIO, **_OLD,
    ),
    "tinhdoan_hn": _org(
        "Tỉnh đoàn Hà Nam", "Tỉnh đoàn", HA_NAM,
        ["Đoàn TNCS Hồ Chí Minh tỉnh Hà Nam", "Đoàn TNCS Hồ Chí Minh tỉnh"], **_SOCIO, **_OLD,
    ),
    "ccb_hn": _org(
        "Hội Cựu chiến binh tỉnh Hà Nam", "Hội CCB tỉnh", HA_NAM, ["Hội Cựu chiến binh tỉnh"],
        **_SOCIO, **_OLD,
    ),
    "ctd_hn": _org(
        "Hội Chữ thập đỏ tỉnh Hà Nam", "Hội CTĐ tỉnh", HA_NAM, ["Hội Chữ thập đỏ tỉnh"],
        kind=OrgKind.HUMANITARIAN, **_OLD,
    ),
    # Nam Định, before 1 July 2025: the outsider's committee.
    "bdv_nd": _org(
        "Ban Dân vận Tỉnh ủy Nam Định", "Ban Dân vận Tỉnh ủy", NAM_DINH, **_PARTY,
        valid_to=PARTY_MERGE,
    ),
    "btg_nd": _org(
        "Ban Tuyên giáo Tỉnh ủy Nam Định", "Ban Tuyên giáo Tỉnh ủy", NAM_DINH, **_PARTY,
        valid_to=PARTY_MERGE,
    ),
    "btgdv_nd": _org(
        "Ban Tuyên giáo và Dân vận Tỉnh ủy Nam Định", "Ban TG&DV Tỉnh ủy", NAM_DINH, **_PARTY,
        valid_from=PARTY_MERGE, valid_to=REFORM,
    ),
    "bchqs_nd": _org(
        "Bộ Chỉ huy Quân sự tỉnh Nam Định", "Bộ CHQS tỉnh", NAM_DINH, ["Bộ CHQS tỉnh Nam Định"],
        kind=OrgKind.MILITARY, **_OLD,
    ),
    "mttq_nd": _org(
        "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Nam Định", "UBMTTQ tỉnh", NAM_DINH,
        ["UBMTTQ tỉnh Nam Định"], kind=OrgKind.FRONT, **_OLD,
    ),
    # Ninh Bình before 1 July 2025 (only what merges into the new province's bodies).
    "btgdv_nb1": _org(
        "Ban Tuyên giáo và Dân vận Tỉnh ủy Ninh Bình", "Ban TG&DV Tỉnh ủy", NINH_BINH_OLD,
        **_PARTY, valid_from=PARTY_MERGE, valid_to=REFORM,
    ),
    "bchqs_nb1": _org(
        "Bộ Chỉ huy Quân sự tỉnh Ninh Bình", "Bộ CHQS tỉnh", NINH_BINH_OLD,
        kind=OrgKind.MILITARY, **_OLD,
    ),
    "mttq_nb1": _org(
        "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Ninh Bình", "UBMTTQ tỉnh", NINH_BINH_OLD,
        kind=OrgKind.FRONT, **_OLD,
    ),
    # Ninh Bình from 1 July 2025 (Hà Nam + Nam Định + Ninh Bình).
    "btgdv_nb": _org(
        "Ban Tuyên giáo và Dân vận Tỉnh ủy Ninh Bình", "Ban TG&DV Tỉnh ủy", NINH_BINH,
        ["Ban Tuyên giáo và Dân vận Tỉnh ủy"], **_PARTY, **_NEW,
    ),
    "bchqs_nb": _org(
        "Bộ Chỉ huy Quân sự tỉnh Ninh Bình", "Bộ CHQS tỉnh", NINH_BINH,
        ["Bộ CHQS tỉnh Ninh Bình"], kind=OrgKind.MILITARY, **_NEW,
    ),
    "mttq_nb": _org(
        "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Ninh Bình", "UBMTTQ tỉnh", NINH_BINH,
        ["UBMTTQ tỉnh Ninh Bình", "Mặt trận Tổ quốc tỉnh"], kind=OrgKind.FRONT, **_NEW,
    ),
    "ldld_nb": _org(
        "Liên đoàn Lao động tỉnh Ninh Bình", "LĐLĐ tỉnh", NINH_BINH, **_SOCIO, **_NEW,
        parent="mttq_nb",
    ),
    "hnd_nb": _org(
        "Hội Nông dân tỉnh Ninh Bình", "Hội Nông dân tỉnh", NINH_BINH, **_SOCIO, **_NEW,
        parent="mttq_nb",
    ),
    "phunu_nb": _org(
        "Hội Liên hiệp Phụ nữ tỉnh Ninh Bình", "Hội LHPN tỉnh", NINH_BINH, **_SOCIO, **_NEW,
        parent="mttq_nb",
    ),
    "tinhdoan_nb": _org(
        "Tỉnh đoàn Ninh Bình", "Tỉnh đoàn", NINH_BINH, ["Đoàn TNCS Hồ Chí Minh tỉnh Ninh Bình"],
        **_SOCIO, **_NEW, parent="mttq_nb",
    ),
    "ccb_nb": _org(
        "Hội Cựu chiến binh tỉnh Ninh Bình", "Hội CCB tỉnh", NINH_BINH, **_SOCIO, **_NEW,
        parent="mttq_nb",
    ),
    "ctd_nb": _org(
        "Hội Chữ thập đỏ tỉnh Ninh Bình", "Hội CTĐ tỉnh", NINH_BINH,
        kind=OrgKind.HUMANITARIAN, **_NEW, parent="mttq_nb",
    ),
}

HA_NAM_MEMBERS = [
    "bdv_hn", "bchqs_hn", "mttq_hn", "ldld_hn", "hnd_hn", "phunu_hn", "tinhdoan_hn", "ccb_hn",
    "ctd_hn",
]

COMMITTEES = {
    "hanam": {
        "name": "Ban Chỉ đạo điều hành Chương trình phối hợp hoạt động tỉnh Hà Nam",
        "short_name": "BCĐ tỉnh Hà Nam",
        "host": "bdv_hn",
        "locality": HA_NAM,
        "valid_from": PROGRAM_START,
        "valid_to": REFORM,
        "members": HA_NAM_MEMBERS,
        "joined_on": PROGRAM_START,
    },
    "namdinh": {
        "name": "Ban Chỉ đạo điều hành Chương trình phối hợp hoạt động tỉnh Nam Định",
        "short_name": "BCĐ tỉnh Nam Định",
        "host": "bdv_nd",
        "locality": NAM_DINH,
        "valid_from": PROGRAM_START,
        "valid_to": REFORM,
        "members": ["bdv_nd", "bchqs_nd", "mttq_nd"],
        "joined_on": PROGRAM_START,
    },
    "ninhbinh": {
        "name": "Ban Chỉ đạo điều hành Chương trình phối hợp hoạt động tỉnh Ninh Bình",
        "short_name": "BCĐ tỉnh Ninh Bình",
        "host": "btgdv_nb",
        "locality": NINH_BINH,
        "valid_from": REFORM,
        "valid_to": None,
        "members": [
            "btgdv_nb", "bchqs_nb", "mttq_nb", "ldld_nb", "hnd_nb", "phunu_nb", "tinhdoan_nb",
            "ccb_nb", "ctd_nb",
        ],
        "joined_on": REFORM,
    },
}

_PARTY_BASIS = "Theo Nghị quyết số 18-NQ/TW và quyết định của Ban Thường vụ Tỉnh ủy"
_REFORM_BASIS = "Nghị quyết số 202/2025/QH15 của Quốc hội"
_UNDER_FRONT = "Tổ chức chính trị - xã hội trực thuộc Ủy ban MTTQ Việt Nam tỉnh Ninh Bình."


def _merge(day, basis, predecessors, successor, note=""):
    return {
        "kind": OrgEvent.Kind.MERGE,
        "effective_date": day,
        "legal_basis": basis,
        "predecessors": predecessors,
        "successors": [successor],
        "note": note,
    }


ORG_EVENTS = [
    _merge(PARTY_MERGE, _PARTY_BASIS, ["btg_hn", "bdv_hn"], "btgdv_hn"),
    _merge(PARTY_MERGE, _PARTY_BASIS, ["btg_nd", "bdv_nd"], "btgdv_nd"),
    _merge(REFORM, _REFORM_BASIS, ["btgdv_hn", "btgdv_nd", "btgdv_nb1"], "btgdv_nb"),
    _merge(REFORM, _REFORM_BASIS, ["bchqs_hn", "bchqs_nd", "bchqs_nb1"], "bchqs_nb"),
    _merge(REFORM, _REFORM_BASIS, ["mttq_hn", "mttq_nd", "mttq_nb1"], "mttq_nb"),
    _merge(REFORM, _REFORM_BASIS, ["ldld_hn"], "ldld_nb", _UNDER_FRONT),
    _merge(REFORM, _REFORM_BASIS, ["hnd_hn"], "hnd_nb", _UNDER_FRONT),
    _merge(REFORM, _REFORM_BASIS, ["phunu_hn"], "phunu_nb", _UNDER_FRONT),
    _merge(REFORM, _REFORM_BASIS, ["tinhdoan_hn"], "tinhdoan_nb", _UNDER_FRONT),
    _merge(REFORM, _REFORM_BASIS, ["ccb_hn"], "ccb_nb", _UNDER_FRONT),
    _merge(
        REFORM, _REFORM_BASIS, ["ctd_hn"], "ctd_nb",
        "Tổ chức xã hội được Đảng, Nhà nước giao nhiệm vụ, trực thuộc Ủy ban MTTQ Việt Nam tỉnh Ninh Bình.",
    ),
]

_TOAN_TERM = {"valid_from": PROGRAM_START, "valid_to": dt.date(2021, 1, 1)}

def _focal(full_name, organization, title):
    return {
        "full_name": full_name,
        "organization": organization,
        "positions": [{"title": title, "is_focal_point": True, "valid_from": PROGRAM_START}],
    }


# People: the committee's head from the seed, and one focal point per member.
PEOPLE = {
    "toan": {
        "full_name": "Nguyễn Đức Toàn",
        "organization": "bdv_hn",
        "positions": [
            {"title": "Ủy viên Ban Thường vụ Tỉnh ủy", **_TOAN_TERM},
            {"title": "Trưởng Ban Dân vận Tỉnh ủy", **_TOAN_TERM},
            {"title": "Trưởng Ban Chỉ đạo điều hành Chương trình phối hợp", **_TOAN_TERM},
        ],
    },
    "thuongtruc": _focal("Trần Thị Thu Hà", "bdv_hn", "Phó Trưởng Ban Dân vận Tỉnh ủy"),
    "bochqs": _focal("Vũ Văn Hùng", "bchqs_hn", "Phó Chính ủy Bộ Chỉ huy Quân sự tỉnh"),
    "mattran": _focal("Lê Thị Thanh Hương", "mttq_hn", "Phó Chủ tịch Ủy ban MTTQ Việt Nam tỉnh"),
    "laodong": _focal("Phạm Văn Đức", "ldld_hn", "Phó Chủ tịch Liên đoàn Lao động tỉnh"),
    "nongdan": _focal("Đinh Văn Thắng", "hnd_hn", "Phó Chủ tịch Hội Nông dân tỉnh"),
    "phunu": _focal("Nguyễn Thị Lan Anh", "phunu_hn", "Phó Chủ tịch Hội Liên hiệp Phụ nữ tỉnh"),
    "tinhdoan": _focal("Trần Quang Minh", "tinhdoan_hn", "Phó Bí thư Tỉnh đoàn"),
    "cuuchienbinh": _focal("Hoàng Văn Sơn", "ccb_hn", "Phó Chủ tịch Hội Cựu chiến binh tỉnh"),
    "chuthapdo": _focal("Bùi Thị Mai", "ctd_hn", "Phó Chủ tịch Hội Chữ thập đỏ tỉnh"),
    "namdinh": _focal("Phạm Văn Ngọc", "bdv_nd", "Phó Trưởng Ban Dân vận Tỉnh ủy"),
}

# Users: (username, role, person key or None, organization key or None).
USERS = [
    ("thuongtruc", Role.SECRETARIAT, "thuongtruc", "bdv_hn"),
    ("bochqs", Role.FOCAL_POINT, "bochqs", "bchqs_hn"),
    ("mattran", Role.FOCAL_POINT, "mattran", "mttq_hn"),
    ("laodong", Role.FOCAL_POINT, "laodong", "ldld_hn"),
    ("nongdan", Role.FOCAL_POINT, "nongdan", "hnd_hn"),
    ("phunu", Role.FOCAL_POINT, "phunu", "phunu_hn"),
    ("tinhdoan", Role.FOCAL_POINT, "tinhdoan", "tinhdoan_hn"),
    ("cuuchienbinh", Role.FOCAL_POINT, "cuuchienbinh", "ccb_hn"),
    ("chuthapdo", Role.FOCAL_POINT, "chuthapdo", "ctd_hn"),
    ("lanhdao", Role.VIEWER, "toan", "bdv_hn"),
    ("quantri", Role.ADMINISTRATOR, None, None),
    ("namdinh", Role.SECRETARIAT, "namdinh", "bdv_nd"),
]
ADMIN_DISPLAY_NAME = "Quản trị hệ thống"

# Leaders each committee designates to read its sensitive cases, beside its secretariat
# (situations.SensitiveReader, the one sensitive-case right). The demo designates nobody,
# on purpose: the read-only leader "lanhdao" shows what a reader without the right sees:
# no sensitive case in any list, map, score, export, notification, review or dashboard.
# Put "lanhdao" in the list (or designate him in the admin) to let him read them all.
SENSITIVE_READERS: dict[str, list[str]] = {"hanam": []}

PROGRAMS = [
    {
        "name": "Chương trình phối hợp hoạt động giai đoạn 2016–2020",
        "committee": "hanam",
        "level": "province",
        "period_start": PROGRAM_START,
        "period_end": dt.date(2020, 12, 31),
        "signed_on": dt.date(2016, 3, 15),
        "signed_place": "Thành phố Phủ Lý",
        "description": (
            "Chương trình phối hợp hoạt động giữa Ban Dân vận Tỉnh ủy, Bộ Chỉ huy Quân sự tỉnh, "
            "Ủy ban MTTQ Việt Nam tỉnh, các tổ chức chính trị - xã hội và tổ chức xã hội nhân đạo "
            "tỉnh Hà Nam, thay cho các chương trình phối hợp riêng lẻ trước đây: tuyên truyền, vận "
            "động; nắm tình hình địa bàn; phát triển kinh tế, văn hóa - xã hội; quốc phòng, quân sự "
            "địa phương; giảm nghèo, phòng chống thiên tai, tìm kiếm cứu nạn; chính sách xã hội, hậu "
            "phương quân đội, từ thiện nhân đạo; xây dựng tổ chức, cơ sở vững mạnh."
        ),
    },
]

# --- The 2016–2020 program's members, 2020 plan and coordination models -----------------

# Who signed for each member in 2016 (person keys above; the others signed through the
# focal point named here, as the demo has no other people).
PROGRAM_SIGNATORIES = {
    "bdv_hn": "toan", "bchqs_hn": "bochqs", "mttq_hn": "mattran", "ldld_hn": "laodong",
    "hnd_hn": "nongdan", "phunu_hn": "phunu", "tinhdoan_hn": "tinhdoan",
    "ccb_hn": "cuuchienbinh", "ctd_hn": "chuthapdo",
}

PLAN_2020 = {
    "year": 2020,
    "title": "Kế hoạch phối hợp năm 2020",
    "signed_on": dt.date(2020, 1, 15),
    "signed_place": "Thành phố Phủ Lý",
}

# Seed communes by code, for tasks and models.
_LAND = ["13498", "13489", "13441"]  # Thanh Hải, Thanh Nghị, Kiện Khê (Thanh Liêm)
_PHU_LY = ["13318", "13459", "13303", "13366"]  # Châu Sơn, Thanh Tuyền, Lam Hạ, Tân Hiệp
_KIM_BANG = ["13411", "13435", "13420", "13429"]  # Tân Sơn, Thi Sơn, Khả Phong, Ba Sao
_DUY_TIEN = ["13348", "13321"]  # Yên Bắc, Đồng Văn


def _task(area, title, lead, partners, localities, due, targets):
    return {
        "area": area, "title": title, "lead": lead, "partners": partners,
        "localities": localities, "due_date": due, "targets": targets,
    }


# Targets sized to what the demo's linked activities achieve: most tasks are met, while
# site clearance, religion, "Dân vận khéo" and new-countryside work fall short (the
# seed's "kết quả chưa cao").
PLAN_2020_TASKS = [
    _task(1, "Tuyên truyền, vận động nhân dân chấp hành pháp luật về đất đai, giải phóng mặt bằng "
          "tại các xã, phường trọng điểm", "bdv_hn", ["mttq_hn", "hnd_hn"], _LAND,
          dt.date(2020, 12, 15), {"tuyen-truyen-buoi": 5, "tuyen-truyen-luot": 500}),
    _task(2, "Nắm tình hình, trao đổi thông tin tại các địa bàn có nhiều vụ việc gây bức xúc",
          "bdv_hn", ["bchqs_hn", "mttq_hn"], _LAND + _PHU_LY + _KIM_BANG + _DUY_TIEN,
          dt.date(2020, 12, 31), {"tin-bao": 2, "don-thu-giai-quyet": 5}),
    _task(3, "Vận động nhân dân hiến đất, bàn giao mặt bằng các dự án trọng điểm", "mttq_hn",
          ["bdv_hn", "hnd_hn", "ccb_hn"], _PHU_LY, dt.date(2020, 11, 30), {"ho-so-gpmb": 150}),
    _task(4, "Phối hợp tuyển chọn, gọi công dân nhập ngũ và diễn tập khu vực phòng thủ",
          "bchqs_hn", ["tinhdoan_hn", "ccb_hn"], ["13429", "13435"], dt.date(2020, 10, 31),
          {"tuyen-truyen-buoi": 2}),
    _task(5, "Hỗ trợ hộ nghèo, cận nghèo thoát nghèo bền vững", "hnd_hn", ["phunu_hn", "mttq_hn"],
          [], dt.date(2020, 12, 15), {"ho-thoat-ngheo": 10}),
    _task(5, "Phòng, chống thiên tai, tìm kiếm cứu nạn mùa mưa bão năm 2020", "bchqs_hn",
          ["tinhdoan_hn", "ctd_hn"], ["13420", "13411"], dt.date(2020, 9, 30),
          {"luot-tham-gia-cuu-nan": 300}),
    _task(6, "Xây dựng, sửa chữa nhà Đại đoàn kết cho hộ nghèo", "mttq_hn", ["ldld_hn", "ccb_hn"],
          [], dt.date(2020, 12, 31), {"nha-dai-doan-ket": 4, "tien-van-dong": 450_000_000}),
    _task(6, "Thăm, tặng quà gia đình chính sách nhân kỷ niệm 73 năm Ngày Thương binh - Liệt sĩ",
          "ctd_hn", ["phunu_hn", "tinhdoan_hn"], [], dt.date(2020, 7, 31), {"suat-qua": 120}),
    _task(7, "Nhân rộng mô hình “Dân vận khéo” trong các tổ chức thành viên", "bdv_hn",
          ["ldld_hn", "phunu_hn", "tinhdoan_hn"], [], dt.date(2020, 12, 31),
          {"tuyen-truyen-buoi": 15}),
    _task(1, "Tuyên truyền, vận động đồng bào có đạo chấp hành pháp luật về tín ngưỡng, tôn giáo",
          "bdv_hn", ["mttq_hn"], ["13441", "13348"], dt.date(2020, 12, 15),
          {"tuyen-truyen-buoi": 12, "tuyen-truyen-luot": 1500}),
    _task(3, "Vận động đoàn viên công đoàn, hội viên nông dân tham gia xây dựng nông thôn mới",
          "ldld_hn", ["hnd_hn"], [], dt.date(2020, 11, 30), {"ngay-cong": 5000}),
]

# The annual plans of 2016–2019: a few tasks each, due in their year (some by 30 June, so
# six-month reviews have targets too), led where the lead's activities mostly fall.
EARLIER_PLAN_YEARS = [2016, 2017, 2018, 2019]


def earlier_plan_tasks(year: int) -> list[dict]:
    return [
        _task(1, f"Tuyên truyền, vận động nhân dân chấp hành pháp luật về đất đai 6 tháng đầu năm {year}",
              "bdv_hn", ["mttq_hn", "hnd_hn"], _LAND, dt.date(year, 6, 30), {"tuyen-truyen-buoi": 4}),
        _task(4, f"Phối hợp tuyển chọn, gọi công dân nhập ngũ năm {year}", "bchqs_hn", ["tinhdoan_hn", "ccb_hn"],
              ["13429"], dt.date(year, 6, 30), {"tuyen-truyen-luot": 300}),
        _task(6, "Thăm, tặng quà gia đình chính sách nhân Ngày Thương binh - Liệt sĩ", "ctd_hn",
              ["phunu_hn", "tinhdoan_hn"], [], dt.date(year, 7, 31), {"suat-qua": 80}),
        _task(2, "Nắm tình hình, trao đổi thông tin tại các địa bàn có nhiều vụ việc gây bức xúc", "bdv_hn",
              ["bchqs_hn", "mttq_hn"], _LAND + _PHU_LY, dt.date(year, 12, 15), {"tin-bao": 2}),
        _task(5, "Hỗ trợ hộ nghèo, cận nghèo phát triển sản xuất", "hnd_hn", ["phunu_hn", "mttq_hn"], [],
              dt.date(year, 12, 15), {"ho-thoat-ngheo": 8 + 6 * (year - 2016)}),  # harder each year
        _task(6, "Vận động xây dựng, sửa chữa nhà Đại đoàn kết cho hộ nghèo", "mttq_hn", ["ldld_hn", "ccb_hn"], [],
              dt.date(year, 12, 31), {"nha-dai-doan-ket": 3 + 2 * (year - 2016)}),
    ]


# Coordination models: few, and only one outstanding (a limitation the seed names).
COORDINATION_MODELS = [
    {
        "name": "Mô hình “Dân vận khéo” trong giải phóng mặt bằng",
        "area": 3, "members": ["bdv_hn", "mttq_hn", "hnd_hn"], "localities": ["13303", "13318"],
        "started_on": dt.date(2017, 4, 1), "status": "outstanding",
        "note": "Quyết định số 125-QĐ/BCĐ ngày 20/11/2019 của Ban Chỉ đạo",
        "replications": [("13498", dt.date(2020, 3, 1)), ("13489", dt.date(2020, 8, 15))],  # Thanh Hải, Thanh Nghị
        "description": "Cán bộ dân vận, Mặt trận và Hội Nông dân cùng gặp từng hộ dân có đất "
        "bị thu hồi, giải thích chính sách bồi thường, đối thoại công khai trước khi cưỡng chế.",
    },
    {
        "name": "Tổ tự quản an ninh trật tự khu dân cư",
        "area": 4, "members": ["bchqs_hn", "ccb_hn", "tinhdoan_hn"], "localities": ["13429"],
        "started_on": dt.date(2016, 9, 1), "status": "recognized",
        "note": "Công văn số 48-CV/BCĐ ngày 10/12/2018 của Ban Chỉ đạo",
        "description": "Cựu chiến binh, dân quân và đoàn viên thanh niên tuần tra, nắm tình hình, "
        "hòa giải mâu thuẫn ngay tại khu dân cư.",
    },
    {
        "name": "Mái ấm Công đoàn",
        "area": 6, "members": ["ldld_hn", "mttq_hn"], "localities": ["13321"],
        "started_on": dt.date(2016, 5, 1), "status": "recognized",
        "note": "Công văn số 52-CV/BCĐ ngày 15/12/2018 của Ban Chỉ đạo",
        "description": "Vận động đoàn viên, doanh nghiệp đóng góp xây, sửa nhà cho công nhân "
        "có hoàn cảnh khó khăn.",
    },
    {
        "name": "Ngôi nhà “Đại đoàn kết”",
        "area": 6, "members": ["mttq_hn", "ccb_hn", "ctd_hn"], "localities": [],
        "started_on": dt.date(2016, 3, 1), "status": "recognized",
        "note": "Công văn số 61-CV/BCĐ ngày 18/12/2019 của Ban Chỉ đạo",
        "replications": [("13321", dt.date(2020, 5, 10))],  # Đồng Văn
        "description": "Mặt trận chủ trì, các tổ chức thành viên vận động nguồn lực và ngày công "
        "xây nhà cho hộ nghèo.",
    },
    {
        "name": "Phụ nữ giúp nhau giảm nghèo",
        "area": 5, "members": ["phunu_hn"], "localities": ["13420"],
        "started_on": dt.date(2018, 3, 8), "status": "proposed", "note": "",
        "description": "Các chi hội phụ nữ lập tổ tiết kiệm, cho hội viên nghèo vay vốn quay vòng.",
    },
    {
        "name": "Thanh niên tình nguyện giúp dân phòng, chống thiên tai",
        "area": 5, "members": ["tinhdoan_hn", "bchqs_hn"], "localities": ["13411"],
        "started_on": dt.date(2019, 6, 1), "status": "proposed", "note": "",
        "description": "Đội thanh niên xung kích phối hợp dân quân giúp dân chằng chống nhà cửa, "
        "di dời tài sản khi có bão lũ.",
    },
]
