"""The grammar of Vietnamese organization names, on folded text.

A name is a *head* ("Ban Dân vận", "Bộ Chỉ huy Quân sự", "Hội Nông dân", "chùa",
"Giáo xứ", "Bộ Tư lệnh Quân khu 7") followed by a *tail* that closes it:

- `level` heads take an optional level word and place ("… tỉnh", "… huyện Kông
  Chro", "… Tỉnh ủy Nghệ An", "… Việt Nam"); without one they name the body of the
  text's own province or district, which `orgs` works out;
- `name` heads need a proper name after them ("chùa Linh Sơn", "Báo Khánh Hòa",
  "Đồn Biên phòng Lũng Cú", "Trường Cao đẳng Công nghiệp Thanh Hóa");
- `fixed` heads are whole names already ("Chính phủ", "Bộ Chính trị", "Quân khu 4").

Each head carries the kind of body (OrgKind values) and the level it has when the
tail does not say (central bodies, military regions). Patterns are on folded text
(lowercase, no diacritics) with abbreviations spelled either way ("bchqs|bo chi huy
quan su").
"""

import re
from dataclasses import dataclass

LEVEL_TAIL, NAME_TAIL, FIXED = "level", "name", "fixed"
CENTRAL, REGION, PROVINCE, DISTRICT, COMMUNE = "central", "region", "province", "district", "commune"


@dataclass(frozen=True)
class Head:
    pattern: str
    kind: str
    tail: str = LEVEL_TAIL
    level: str = ""  # the level when the tail gives none ("" = from the tail or the text)
    word: str = ""  # the first word as written, diacritics and all ("trường", not "trưởng")
    lower_ok: bool = False  # may be written in lowercase ("chùa Linh Sơn", "giáo xứ")


_PARTY = r"(?:tinh uy|huyen uy|thanh uy|thi uy|quan uy|dang uy|trung uong dang|trung uong|t\.u dang|tw dang)"
_ABBR = r"(?: \((?:ccb|chqs|qdnd|lhpn|ldld|ubnd|mttq|bdbp|ctd|cand|nn&ptnt|nn ptnt|dkcg)\))?"  # "(CCB)"
_QDND = r"(?:quan doi nhan dan viet nam|qdnd viet nam|qdnd vn|qdnd)"
_MR = r"quan khu \d+"
_VENUE = r"(?:hoi nghi|trien lam|su kien|van hoa|the thao|thi dau)"
_UBTU = (r"(?:(?:uy ban trung uong|ubtu) (?:mat tran to quoc|mttq)(?: \(mttq\))?(?: viet nam| vn)?"
         r"|(?:uy ban trung uong|ubtu) mttqvn)")

HEADS: tuple[Head, ...] = (
    # Party
    Head(rf"ban (?:dan van|tuyen giao va dan van|tuyen giao|to chuc|kiem tra|noi chinh|thuong vu|chap hanh|xay dung dang)"
         rf"{_ABBR} {_PARTY}", "party_board"),
    Head(rf"(?:btv|bdv|btg|bch|btc) {_PARTY}", "party_board"),
    Head(r"(?:ban chap hanh|bch) dang bo", "party_board"),  # "BCH Đảng bộ TP."
    Head(r"ban (?:dan van|tuyen giao va dan van|tuyen giao|to chuc|kiem tra|noi chinh)", "party_board"),
    # the board of a commune's or ward's party committee since 2025: "Trưởng Ban Xây dựng Đảng"
    Head(r"ban xay dung dang", "party_board"),
    Head(r"ban chap hanh trung uong dang|ban chap hanh trung uong", "party_board", FIXED, CENTRAL),
    Head(r"uy ban kiem tra (?:tinh uy|huyen uy|thanh uy|trung uong)", "party_board"),
    Head(r"(?:bo chinh tri|ban bi thu|quan uy trung uong|van phong trung uong dang)", "party_board", FIXED, CENTRAL),
    Head(r"ban (?:dan van|tuyen giao va dan van|tuyen giao|to chuc|noi chinh|kinh te) trung uong", "party_board",
         FIXED, CENTRAL),
    Head(r"(?:tinh uy|huyen uy|thanh uy|thi uy|quan uy)", "party_board"),
    Head(r"dang doan", "party_board"),
    Head(r"(?:dang uy|chi bo)", "party_board"),
    Head(r"cap uy", "party_board", word="cấp"),  # "Cấp ủy quận 1" (lowercase "cấp ủy" is any committee)
    # State
    Head(r"(?:uy ban nhan dan|ubnd|hoi dong nhan dan|hdnd|toa an nhan dan|vien kiem sat nhan dan)", "state"),
    Head(r"van phong (?:uy ban nhan dan|ubnd|hoi dong nhan dan|hdnd|tinh uy|huyen uy|thanh uy|quan uy|thi uy)",
         "state"),
    Head(r"van phong bo (?:cong an|quoc phong|noi vu)", "state", FIXED, CENTRAL),
    Head(r"doan (?:dai bieu quoc hoi|dbqh)(?: khoa [xvil]+)?", "state"),  # "… khóa XIV tỉnh": its term
    Head(r"(?:chinh phu|quoc hoi|uy ban thuong vu quoc hoi)", "state", FIXED, CENTRAL),  # "Thủ tướng": a post
    Head(r"bo (?:cong an|quoc phong|tu phap|tai chinh|noi vu|ngoai giao|y te|giao duc va dao tao|"
         r"nong nghiep va phat trien nong thon|nong nghiep va moi truong|lao dong thuong binh va xa hoi|"
         r"thong tin va truyen thong|van hoa the thao va du lich|ke hoach va dau tu|tai nguyen va moi truong|"
         r"cong thuong|xay dung|giao thong van tai|khoa hoc va cong nghe|dan toc va ton giao)", "state", FIXED, CENTRAL),
    Head(r"(?:ban ton giao chinh phu|uy ban dan toc)", "state", FIXED, CENTRAL),
    Head(r"so (?:noi vu|tu phap|tai chinh|y te|giao duc va dao tao|nong nghiep va phat trien nong thon|"
         r"nong nghiep va moi truong|lao dong thuong binh va xa hoi|thong tin va truyen thong|cong thuong|xay dung|"
         r"van hoa the thao va du lich|ke hoach va dau tu|tai nguyen va moi truong|giao thong van tai|"
         r"khoa hoc va cong nghe|dan toc va ton giao|ngoai vu|nn ptnt|nn&ptnt)" + _ABBR, "state"),
    Head(r"phong (?:dan toc va ton giao|dan toc|noi vu|tu phap|van hoa va thong tin|van hoa thong tin|lao dong thuong binh va xa hoi|"
         r"tai nguyen va moi truong|giao duc va dao tao|nong nghiep va phat trien nong thon|kinh te)", "state"),
    Head(r"ban (?:dan toc|ton giao|thi dua khen thuong)", "state"),
    Head(r"cong an", "state"),
    Head(r"catp", "state"),  # "CATP Hà Nội": Công an thành phố
    # a police department by its code ("Phòng PV01", "Phòng PA05") and a team of one ("Đội An ninh nhân dân
    # Công an quận 1": the team, then its police, each a body)
    Head(r"phong p[achkvx]\d{2}", "state", FIXED, PROVINCE, word="phòng"),
    Head(r"doi (?:an ninh|canh sat)(?: [a-z]+){0,4}? cong an", "state", word="đội"),
    # a steering board by its number: "Ban Chỉ đạo 138 xã Hưng Long", "BCĐ 389 tỉnh"
    Head(r"(?:ban chi dao|bcd) \d{2,3}(?:/cp)?", "state"),
    Head(r"ban chi dao (?:phong chong toi pham[\w ]*?ve an ninh to quoc|tay nam bo|tay nguyen|tay bac)", "state"),
    # "phòng, chống" is one verb pair, not a list: "Ban Chỉ huy phòng, chống thiên tai và …"
    Head(r"(?:van phong )?ban chi huy phong,? chong thien tai(?: va tim kiem cuu nan)?", "state"),
    # a steering board named by its task in quotes: 'Ban chỉ đạo phong trào thi đua "Dân vận khéo"'
    Head(r'ban chi dao (?:phong trao thi dua |cuoc van dong )?["“][^"”]{3,90}["”](?: trung uong)?', "other", FIXED),
    # a steering board named by its task: "Ban Chỉ đạo thực hiện quy chế dân chủ", "… tổng kết 10 năm …"
    Head(r"ban chi dao (?:tong ket|so ket|thuc hien) [a-z0-9 /-]+?(?= cua |,|\.|;| va | lam | \(|$)", "other", FIXED),
    Head(r"ban chi dao(?: dieu hanh)?(?: (?:chuong trinh|cong tac)(?: phoi hop)?(?: hoat dong)?)?", "other"),
    Head(r"bcd(?: chuong trinh(?: phoi hop)?)?", "other"),
    # Front and mass organizations
    Head(rf"(?:ban thuong truc|btt) {_UBTU}", "front", FIXED, CENTRAL),
    Head(r"(?:ban thuong truc|btt) (?:uy ban mat tran to quoc|ubmttq|uy ban mttq)(?: viet nam| vn)?", "front"),
    Head(rf"(?:ban cong tac phia (?:nam|bac) )?{_UBTU}", "front", FIXED, CENTRAL),
    Head(r"(?:trung uong|t\.u|tw) (?:mat tran to quoc|mttq)(?: viet nam| vn)", "front", FIXED, CENTRAL),
    Head(r"(?:uy ban mat tran to quoc|ubmttqvn|ubmttq|uy ban mttqvn|uy ban mttq|mat tran to quoc|mttqvn|mttq)"
         r"(?: viet nam| vn)?", "front"),
    Head(r"ban van dong quy", "front", NAME_TAIL, word="ban"),
    # a board of a Front committee: "Ban Tuyên giáo Ủy ban MTTQ Việt Nam Thành phố"
    Head(r"ban (?:tuyen giao|to chuc|phong trao|dan chu,? ?-? ?phap luat|doan ket ton giao) "
         r"(?:uy ban mat tran to quoc|ubmttq|uy ban mttq)(?: viet nam| vn)?", "front"),
    Head(r"hoi (?:lien hiep phu nu|lhpn|phu nu|nong dan|cuu chien binh|ccb|chu thap do|ctd|nguoi cao tuoi|"
         r"khuyen hoc|cuu thanh nien xung phong|doan ket su sai yeu nuoc|nha bao|luat gia)" + _ABBR, "socio_political"),
    Head(r"ban thuong vu (?:trung uong )?hoi (?:nong dan|lien hiep phu nu|cuu chien binh)", "socio_political"),
    Head(r"(?:doan thanh nien cong san ho chi minh|doan tncs ho chi minh|doan thanh nien|tinh doan|huyen doan|"
         r"thanh doan|trung uong doan)", "socio_political"),
    # the central body of a mass organization: "T.Ư Đoàn TNCS Hồ Chí Minh", "Trung ương Hội LHTN Việt Nam"
    Head(r"(?:trung uong|t\.u|tw) (?:doan(?: (?:thanh nien cong san|tncs) ho chi minh)?|hoi (?:lien hiep thanh nien|"
         r"lhtn|nong dan|lien hiep phu nu|lhpn|cuu chien binh|ccb)(?: viet nam| vn)?)", "socio_political", FIXED, CENTRAL),
    Head(r"(?:trung uong|t\.u|tw) dang(?! (?:uy|bo|doan|vien|cong san|ta))", "party_board", FIXED, CENTRAL),
    Head(r"tu dang(?! (?:uy|bo|doan|vien|cong san|ta))", "party_board", FIXED, CENTRAL, word="tư"),  # "Ủy viên TƯ Đảng"
    Head(r"ban thanh nien quan doi", "military", FIXED, CENTRAL),
    Head(r"(?:lien doan lao dong|ldld|cong doan)", "socio_political"),
    Head(r"co quan thuong truc trung uong hoi tai mien (?:nam|bac|trung)", "socio_political", FIXED, CENTRAL),
    # Armed forces
    Head(rf"(?:(?:bo tu lenh|cuc chinh tri|cuc dan van|dang uy|phong chinh tri) )?{_MR}", "military", FIXED, REGION),
    Head(rf"tong cuc chinh tri(?: {_QDND})?", "military", FIXED, CENTRAL),
    Head(rf"cuc dan van(?: tong cuc chinh tri)?(?: {_QDND})?", "military", FIXED, CENTRAL),
    Head(_QDND, "military", FIXED, CENTRAL),
    Head(r"bo tu lenh (?:bien phong|bo doi bien phong|thu do|canh sat bien)", "military", FIXED, CENTRAL),
    Head(r"bo tu lenh (?:tp ho chi minh|tp hcm|tp\.hcm|tphcm|thanh pho ho chi minh)", "military", FIXED, REGION),
    Head(r"bo tu lenh vung canh sat bien \d+", "military", FIXED, REGION),
    Head(r"(?:bo chi huy quan su|bo chqs|bchqs|ban chi huy quan su|ban chqs|bch quan su|bo chi huy bo doi bien phong|"
         r"bo chi huy bdbp|ban chi huy bo doi bien phong|ban chi huy bdbp|bo doi bien phong|bdbp)" + _ABBR, "military"),
    # a defence-zone command, its name after a dash: "Ban Chỉ huy PTKV 1 - Vạn An với …" ends before "với"
    Head(r"ban chi huy (?:phong thu khu vuc|ptkv) \d+(?: ?- ?[a-z]+(?: [a-z]+){0,2}?)?"
         r"(?= \(|,|\.|;| ?$|\n| (?:voi|va|tai|cua|trong|tren|ve|o|den|cung|to chuc|da|la|thuc hien)\b)",
         "military", FIXED, DISTRICT),
    Head(r"(?:trung doan|su doan|lu doan|tieu doan|hai doi|doan kinh te quoc phong|dai doi(?: bo binh)?) \d+", "military",
         FIXED, PROVINCE),
    Head(r"tieu doan bo binh", "military", NAME_TAIL, word="tiểu"),
    Head(r"hai doi dan quan thuong truc", "military"),
    Head(r"don bien phong", "military", NAME_TAIL, COMMUNE, word="đồn", lower_ok=True),  # "đồn biên phòng Ngọc Chung"
    # the departments of the Ministry of Public Security, by their field or region: "Cục An ninh Tây Bắc"
    Head(r"cuc an ninh (?:noi dia|tay bac|tay nguyen|tay nam bo|mien nam|dieu tra|mang)(?:,? (?:[-–] )?bo cong an)?", "state", FIXED,
         CENTRAL),
    # Religious
    Head(r"(?:(?:ban thuong truc|van phong) )?(?:ban tri su|bts|phan ban ni gioi|pbng|ban (?:tu thien xa hoi|ttxh)) "
         r"(?:giao hoi phat giao(?: \(ghpg\))?(?: viet nam| vn)?|ghpgvn|ghpg(?: viet nam| vn)?|phat giao)",
         "religious"),
    Head(r"(?:phan ban ni gioi|pbng)", "religious"),
    # the Sangha's central boards: "Ban Pháp chế Trung ương"
    Head(r"ban (?:phap che|hoang phap|tang su|giao duc tang ni|nghi le|tu thien xa hoi|huong dan phat tu|"
         r"phat giao quoc te|ni gioi) trung uong", "religious", FIXED, CENTRAL),
    # the Sangha's two central offices: "Chánh Văn phòng 2 Trung ương" (Hà Nội, TP. Hồ Chí Minh)
    Head(r"van phong (?:1|2|i|ii) trung uong(?: (?:giao hoi phat giao viet nam|ghpgvn))?", "religious", FIXED, CENTRAL,
         word="văn"),
    Head(r"giao hoi phat giao (?:viet nam|hoa hao)", "religious", FIXED, CENTRAL),
    # the central councils of the Buddhist Sangha, with or without it named: "Hội đồng Trị sự (Trung ương)
    # GHPG Việt Nam", "Trung ương GHPGVN", "HĐTS"
    Head(r"(?:(?:(?:hoi dong (?:tri su|chung minh)|trung uong|t\.u) (?:trung uong )?)?"
         r"(?:giao hoi phat giao|ghpg)(?: \(ghpg\))? (?:viet nam|vn)|(?:trung uong )?ghpgvn)", "religious", FIXED,
         CENTRAL),
    Head(r"(?:hoi dong (?:tri su|chung minh)|hdts|hdcm)", "religious", FIXED, CENTRAL),
    Head(r"(?:thanh hoi|tinh hoi) phat giao", "religious"),
    Head(r"uy ban (?:doan ket cong giao|dkcg)(?: \(dkcg\))?", "religious"),  # "Ủy ban ĐKCG tỉnh Thanh Hóa"
    Head(r"ban tri su (?:minh su dao|tinh do cu sy phat hoi)", "religious"),
    Head(r"ban dai dien hoi thanh", "religious", NAME_TAIL, word="ban"),
    Head(r"ban dai dien hoi thanh", "religious"),
    Head(r"hoi thanh (?:tin lanh viet nam(?: mien (?:nam|bac))?|cao dai|truyen giao cao dai)", "religious", NAME_TAIL,
         word="hội"),
    Head(r"hoi thanh (?:tin lanh viet nam(?: mien (?:nam|bac))?|truyen giao cao dai)", "religious", FIXED, CENTRAL),
    Head(r"ban cai quan ho dao", "religious", NAME_TAIL, word="ban"),
    Head(r"thanh that(?: cao dai)?", "religious", NAME_TAIL, word="thánh", lower_ok=True),
    Head(r"ho dao(?: cao dai)?", "religious", NAME_TAIL, word="họ", lower_ok=True),
    Head(r"giao (?:xu|phan|ho)", "religious", NAME_TAIL, word="giáo", lower_ok=True),
    Head(r"toa giam muc", "religious", NAME_TAIL, word="tòa", lower_ok=True),
    Head(r"chua", "religious", NAME_TAIL, word="chùa", lower_ok=True),
    Head(r"(?:ni vien|tu vien|thien vien|dan vien)", "religious", NAME_TAIL, word="", lower_ok=True),
    Head(r"nha tho", "religious", NAME_TAIL, word="nhà", lower_ok=True),
    Head(r"thanh duong hoi giao", "religious", NAME_TAIL, word="thánh", lower_ok=True),
    # Press, schools, firms, funds
    Head(r"bao va phat thanh,? truyen hinh", "other", NAME_TAIL, word="báo"),  # the merged press of 2025
    # national papers whose names mix cases ("Báo Người Lao động" ends in a lowercase word)
    Head(r"bao (?:nguoi lao dong|lao dong|tuoi tre|thanh nien|tien phong|nhan dan|quan doi nhan dan|cong an nhan dan|"
         r"dai doan ket|phu nu viet nam|nong thon ngay nay|phap luat viet nam)", "other", FIXED, CENTRAL, word="báo"),
    Head(r"bao", "other", NAME_TAIL, word="báo"),
    Head(r"tap chi", "other", NAME_TAIL, word="tạp"),
    Head(r"dai phat thanh (?:va |- )?truyen hinh", "other"),
    Head(r"truong", "other", NAME_TAIL, word="trường"),
    Head(r"trung tam chinh tri", "party_board", word="trung"),  # "Trung tâm Chính trị thành phố": of a district
    # a venue is a place, not a body: "tại Trung tâm Hội nghị Triển lãm tỉnh", "Nhà văn hóa thôn"
    Head(rf"trung tam(?! {_VENUE})", "other", NAME_TAIL, word="trung"),
    Head(r"(?:benh vien|hoc vien)", "other", NAME_TAIL),
    Head(r"vien(?! truong)", "other", NAME_TAIL, word="viện"),  # "Viện Nghiên cứu Phật học Việt Nam"
    Head(r"cong ty", "other", NAME_TAIL, word="công"),
    Head(r"tap doan", "other", NAME_TAIL, word="tập"),
    Head(r"ngan hang", "other", NAME_TAIL, word="ngân"),
    Head(r"quy", "other", NAME_TAIL, word="quỹ"),
    Head(r"nhom thien nguyen", "other", NAME_TAIL, word="nhóm"),
)

LEVEL_WORDS = (r"(?:tinh uy|huyen uy|thanh uy|thi uy|quan uy|dang uy(?: (?:xa|phuong|thi tran))?|tinh|huyen|thi xa|"
               r"thanh pho|tp|quan|xa|phuong|thi tran|viet nam|vn|trung uong|cap tinh)")
_COMPILED = [(re.compile(rf"\b(?:{h.pattern})(?!\w)"), h) for h in HEADS]
_LEVEL_AFTER = re.compile(rf" {LEVEL_WORDS}\b")
_UNIT = r"(?:xa|phuong|thi tran|huyen|quan|thi xa|tinh|thanh pho)"
GENERIC_AFTER = re.compile(r"^ (?:cac cap|\d+ dia phuong|cap (?:tinh|huyen|xa|co so)|co so|khu vuc"
                           r"|\d+ (?:tinh|huyen|xa|phuong|quan|thi tran|don vi)"
                           rf"|{_UNIT}, {_UNIT}(?! uy))\b")  # "Ban Chỉ huy Quân sự xã, phường": a kind


@dataclass
class HeadMatch:
    start: int
    end: int
    head: Head


def _first_words(pattern: str) -> set[str] | None:
    """The words a head pattern can begin with ("(?:tinh uy|huyen uy)" → {tinh, huyen}),
    or None when the pattern does not start plainly."""
    literal = re.match(r"[a-z]+", pattern)
    if literal:
        return {literal.group()}
    if not pattern.startswith("(?:"):
        return None
    depth, close = 0, None
    for i, ch in enumerate(pattern):
        depth += ch == "(" and (i == 0 or pattern[i - 1] != "\\")
        depth -= ch == ")" and pattern[i - 1] != "\\"
        if depth == 0:
            close = i
            break
    inner, rest = pattern[3:close], pattern[close + 1:]
    alternatives, depth, current = [], 0, ""
    for ch in inner:
        depth += (ch == "(") - (ch == ")")
        if ch == "|" and depth == 0:
            alternatives.append(current)
            current = ""
        else:
            current += ch
    alternatives.append(current)
    words: set[str] = set()
    for alternative in alternatives:
        found = _first_words(alternative)
        if found is None:
            return None
        words |= found
    if rest.startswith("?"):
        after = _first_words(rest[1:].lstrip(" "))
        return None if after is None else words | after
    return words


_BY_FIRST_WORD: dict[str, list] = {}
_UNINDEXED = []
for _pattern, _head in _COMPILED:
    _words = _first_words(_head.pattern)
    if _words is None:
        _UNINDEXED.append((_pattern, _head))
    for _word in _words or ():
        _BY_FIRST_WORD.setdefault(_word, []).append((_pattern, _head))
_WORD = re.compile(r"[a-z0-9]+")


def heads_in(folded: str) -> list[HeadMatch]:
    """Every head in the text, the longest at each place, none inside another. Each head
    is tried only where a word it may begin with stands."""
    found = [HeadMatch(m.start(), m.end(), h) for pattern, h in _UNINDEXED for m in pattern.finditer(folded)]
    for word in _WORD.finditer(folded):
        for pattern, head in _BY_FIRST_WORD.get(word.group(), ()):
            match = pattern.match(folded, word.start())
            if match:
                found.append(HeadMatch(match.start(), match.end(), head))
    found.sort(key=lambda m: (m.start, -(m.end - m.start)))
    kept: list[HeadMatch] = []
    for match in found:
        if kept and match.start < kept[-1].end:
            continue
        kept.append(match)
    return kept


def level_after(folded: str, end: int) -> int:
    """The end of a level word right after `end` ("… tỉnh", "… Tỉnh ủy"), else `end`."""
    match = _LEVEL_AFTER.match(folded, end)
    return match.end() if match else end


_PLURAL_LEVEL = re.compile(r" cac (?:tinh|huyen|xa|phuong|thi tran|quan|thi xa|thanh pho)\b")


def is_generic(folded: str, text: str, end: int) -> bool:
    """"Mặt trận Tổ quốc các cấp", "UBND các huyện, thành phố", "Hội CCB 12 tỉnh":
    a kind of body, not one body ("các huyện Bến Lức, Đức Hòa" names its members)."""
    if GENERIC_AFTER.match(folded[end:end + 24]):
        return True
    plural = _PLURAL_LEVEL.match(folded, end)
    return bool(plural) and not text[plural.end():plural.end() + 2].lstrip()[:1].isupper()


_PARTY_END = re.compile(r"(?:tinh uy|huyen uy|thanh uy|thi uy|quan uy)$")
_LEVELS = (("central", r"(?:viet nam|vn|trung uong)$"), ("province", r"(?:tinh uy|tinh|cap tinh)(?: \w+)*$"),
           ("district", r"(?:huyen uy|huyen|quan uy|quan|thi uy|thi xa)(?: \w+)*$"),
           ("commune", r"(?:xa|phuong|thi tran)(?: \w+)*$"))


def ends_at_party_level(folded_head: str) -> bool:
    """"Huyện ủy" carries its own level: "Huyện ủy" + "Bến Lức", not "+ huyện Bến Lức"."""
    return bool(_PARTY_END.search(folded_head))


def level_of(plural_word: str) -> str:
    return {"tinh": PROVINCE, "huyen": DISTRICT, "quan": DISTRICT, "thi xa": DISTRICT, "thanh pho": DISTRICT,
            "xa": COMMUNE, "phuong": COMMUNE, "thi tran": COMMUNE}.get(plural_word, "")


def level_of_key(key: str) -> str:
    """The level a key's tail names: "... huyen kong chro" → district."""
    for level, pattern in _LEVELS:
        if re.search(rf"\b{pattern}", key):
            return level
    return ""


def is_party_committee(folded_head: str) -> bool:
    """"Tỉnh ủy", "Huyện ủy" themselves (not a board of one)."""
    return bool(re.fullmatch(r"(?:tinh uy|huyen uy|thanh uy|thi uy|quan uy)", folded_head))


def is_party_committee_of_body(folded_head: str) -> bool:
    """"Đảng ủy", "Đảng đoàn", "Chi bộ" written before the body they lead."""
    return folded_head in ("dang uy", "dang doan", "chi bo")
