"""Situation topics named in the text (land, site clearance, religion, …), by keyword.

A mention is *salient* when its clause also speaks of a grievance or a weakness
("bức xúc", "khiếu kiện", "chưa cao"…): those are the topics a person most likely wants
situation reports for, so the review screen ticks them first.
"""

import re

from django.utils.translation import gettext as _

from phoihop.intake.extract.spans import TOPIC, Span
from phoihop.intake.extract.text import Document
from phoihop.lib.text import fold

# Topic code → folded keywords (regular expressions, matched as whole words). Topics not listed match their own name.
KEYWORDS = {
    "dat-dai": ["dat dai", "tranh chap dat", "lan chiem dat", "quyen su dung dat", "thu hoi dat",
                "cap giay chung nhan quyen su dung dat", "ranh gioi dat", "dat san xuat", "gia dat", "dat cong"],
    "gpmb": ["giai phong mat bang", "gpmb", "boi thuong ho tro tai dinh cu", "tai dinh cu",
             "ban giao mat bang", "boi thuong giai phong"],
    "ton-giao": ["ton giao", "tin nguong", "truyen dao", "giao xu", "giao ho", "cong giao", "phat giao", "tin lanh",
                 "chuc sac", "chuc viec", "co so tho tu", "dong bao giao"],
    "moi-truong": [r"moi truong(?! (?:thuan loi|lanh manh|van hoa|kinh doanh|dau tu|giao duc|lam viec|so|song))", "o nhiem", "rac thai", "nuoc thai", "khi thai", "chat thai"],
    "lao-dong-viec-lam": ["viec lam", "tien luong", "dinh cong", "ngung viec", "quan he lao dong",
                          "nguoi lao dong"],
    "an-ninh-trat-tu": ["an ninh trat tu", "trat tu an toan xa hoi", "an ninh chinh tri", "toi pham",
                        "te nan xa hoi", "an ninh nong thon"],
    "chinh-sach-xa-hoi": ["chinh sach xa hoi", "nguoi co cong", "bao tro xa hoi", "chinh sach hau phuong",
                          "giam ngheo", "ho ngheo", "thoat ngheo", "nguoi ngheo", "gia dinh chinh sach",
                          "ho chinh sach"],
    "khieu-nai-to-cao": ["khieu nai", "to cao", "don thu", "khieu kien", "tiep cong dan"],
}
GRIEVANCE = re.compile(
    r"\b(buc xuc|khieu kien|khieu nai|tranh chap|phuc tap|diem nong|tu tap dong nguoi|vu viec|"
    r"chua cao|han che|vuong mac|keo dai|kien nghi|chap hanh|vi pham|mau thuan)\b"
)


def compile_keywords(topics: dict[str, str]) -> list[tuple[re.Pattern, str]]:
    """`topics` maps code → name (active topics of the catalogue)."""
    compiled = []
    for code, name in topics.items():
        words = KEYWORDS.get(code) or [fold(name)]
        if code == "khac":
            continue
        alternatives = "|".join(sorted(words, key=len, reverse=True))  # regular expressions
        compiled.append((re.compile(rf"\b(?:{alternatives})\b"), code))
    return compiled


def find(doc: Document, patterns: list[tuple[re.Pattern, str]], names: dict[str, str]) -> list[Span]:
    spans = []
    for pattern, code in patterns:
        for match in pattern.finditer(doc.folded):
            clause = doc.folded[slice(*doc.clause_bounds(match.start()))]
            salient = bool(GRIEVANCE.search(clause))
            explain = _("Lĩnh vực “%(name)s”: từ khóa “%(word)s”") % {
                "name": names[code], "word": doc.text[match.start():match.end()]}
            if salient:
                explain += _("; câu nói đến vụ việc, bức xúc hoặc hạn chế")
            spans.append(Span(match.start(), match.end(), TOPIC, doc.text[match.start():match.end()],
                              {"code": code, "name": names[code], "salient": salient}, explain))
    return sorted(spans, key=lambda s: s.start)
