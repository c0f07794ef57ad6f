"""People and their positions: "đồng chí Nguyễn Đức Toàn, Ủy viên BTV Tỉnh ủy, Trưởng
Ban Dân vận Tỉnh ủy" or "Phó Bí thư Thường trực Tỉnh ủy Trần Xuân Lộc".

A name follows a form of address ("đồng chí", "ông", "bà", a military rank) or starts
with a common family name; positions are the capitalized titles that follow it after
commas, or that stand right before it, up to the verb that ends them ("kết luận").
"""

import re

from django.utils.translation import gettext as _

from phoihop.intake.extract.orgs import expand
from phoihop.intake.extract.spans import PERSON, POSITION, Span
from phoihop.intake.extract.text import Document, is_capitalized
from phoihop.lib.text import fold

TRIGGERS = ["đồng chí", "đ/c", "ông", "bà", "anh", "chị", "thượng tướng", "trung tướng", "thiếu tướng",
            "đại tá", "thượng tá", "trung tá", "thiếu tá", "đại úy", "thượng úy", "trung úy", "thiếu úy",
            "nhà báo"]
SURNAMES = set(fold(" ".join([
    "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đinh Đào Lương Trịnh",
    "Mai Cao Lưu Tạ Trương Đoàn Vương Tô Lại Quách Thái Kiều Triệu Chu Mạc Khúc Văn Lò Lục Lâm Hà",
    "Phùng Tống Đàm Giang Doãn Nghiêm Hứa Viên Chử Tăng Đồng Âu Đậu Trịnh Ninh Tôn Thân Khổng Bạch",
])).split())
POSITION_HEADS = [fold(h) for h in [
    "ủy viên", "uỷ viên", "tỉnh ủy viên", "huyện ủy viên", "phó bí thư", "bí thư", "phó chủ tịch", "chủ tịch",
    "phó trưởng", "trưởng", "phó giám đốc", "giám đốc", "phó chỉ huy trưởng", "chỉ huy trưởng",
    "phó chính ủy", "chính ủy", "thường trực", "phó chủ nhiệm", "chủ nhiệm", "đại biểu", "chánh",
    "phó chánh", "tổng biên tập", "phó", "chuyên viên", "cán bộ", "thành viên",
]]
STOP_WORDS = [fold(w) for w in [
    "kết luận", "khẳng định", "phát biểu", "chủ trì", "nhấn mạnh", "yêu cầu", "đề nghị", "cho biết",
    "đánh giá", "trao", "tặng", "ghi nhận", "biểu dương", "dự", "tham dự", "đến dự", "thay mặt", "lưu ý",
    "quán triệt", "đồng chủ trì", "tham gia", "đã", "và", "cùng", "với", "cũng", "tới", "tại", "về",
    "phát động", "chúc mừng", "báo cáo", "trình bày", "thông qua", "giới thiệu", "khai mạc", "bế mạc",
    "ký", "chỉ rõ", "phân tích", "mong muốn", "đề xuất", "khen", "thăm", "làm việc", "dẫn đầu", "chủ động",
    "nêu", "cảm ơn", "gợi mở", "đặt vấn đề", "trả lời", "ghi", "nói", "chia sẻ", "thừa nhận", "đánh",
    "đề ra", "động viên", "hoan nghênh", "đặc biệt", "được", "là", "có", "vừa", "sẽ", "đang", "luôn",
]]
_STOP = re.compile(r"\b(?:" + "|".join(sorted(set(STOP_WORDS), key=len, reverse=True)) + r")\b")
_HEAD = re.compile(r"(?:" + "|".join(sorted(set(POSITION_HEADS), key=len, reverse=True)) + r")\b")
_TRIGGER_BEFORE = re.compile(
    r"(?:^|[^\w/])(" + "|".join(re.escape(fold(t)) for t in sorted(set(TRIGGERS), key=len, reverse=True)) + r")\s$"
)
_POSITION_END = re.compile(r"[,.;:()\n\u2013\u2014\"“”]|\s-\s")
MAX_NAME_WORDS = 4


def find(doc: Document, *, taken: list[Span], is_place=lambda key: False) -> list[Span]:
    """People outside the `taken` spans (places, organizations) and their positions."""
    spans: list[Span] = []
    names = _names(doc, taken, is_place)
    for start, end, how in names:
        spans += _person(doc, start, end, how)
    return sorted(spans, key=lambda s: s.start)


def _names(doc: Document, taken: list[Span], is_place) -> list[tuple[int, int, str]]:
    words, found, used = doc.words, [], set()
    for i, word in enumerate(words):
        if i in used or not is_capitalized(word.text) or word.text.isupper() and len(word.text) > 1:
            continue
        run = _run(doc, i)
        trigger = _trigger_before(doc, word.start)
        surname = word.folded in SURNAMES
        size = len(run)
        byline = size >= 2 and _is_byline(doc, run)
        if not (size >= 3 and surname or size >= 2 and (trigger or byline or surname and _head_before(doc, word.start))):
            continue
        start, end = words[run[0]].start, words[run[-1]].end
        if any(s.start < end and start < s.end for s in taken) or is_place(fold(doc.text[start:end]).replace(" ", "")):
            continue
        used.update(run)
        if trigger:
            how = _("sau “%(word)s”") % {"word": trigger}
        elif byline:
            how = _("dòng ký tên cuối bài")
        else:
            how = _("họ “%(name)s”") % {"name": word.text}
        found.append((start, end, how))
    return found


def _is_byline(doc: Document, run: list[int]) -> bool:
    """A last line that is only a name: the author ("Giang Nam")."""
    start, end = doc.words[run[0]].start, doc.words[run[-1]].end
    line_start = doc.text.rfind("\n", 0, start) + 1
    return not doc.text[line_start:start].strip() and not doc.text[end:].strip(" .\n")


def _run(doc: Document, i: int) -> list[int]:
    words, run = doc.words, [i]
    while (len(run) < MAX_NAME_WORDS and run[-1] + 1 < len(words)
           and doc.text[words[run[-1]].end:words[run[-1] + 1].start] == " "
           and is_capitalized(words[run[-1] + 1].text) and not words[run[-1] + 1].text.isupper()):
        run.append(run[-1] + 1)
    return run


def _trigger_before(doc: Document, start: int) -> str:
    before = doc.folded[max(0, start - 16):start]
    match = _TRIGGER_BEFORE.search(before)
    return doc.text[start - len(before) + match.start(1):start - 1] if match else ""


def _head_before(doc: Document, start: int) -> bool:
    return bool(_positions_before(doc, start))


def _person(doc: Document, start: int, end: int, how: str) -> list[Span]:
    name = doc.text[start:end]
    positions = _positions_before(doc, start) + _positions_after(doc, end)
    titles = [doc.text[s:e] for s, e in positions]
    person = Span(start, end, PERSON, name, {"key": fold(name), "name": name, "positions": titles},
                  _("Người: %(name)s (%(how)s)") % {"name": name, "how": how}
                  + (_("; chức vụ: %(titles)s") % {"titles": "; ".join(titles)} if titles else ""))
    spans = [person]
    for s, e in positions:
        title = doc.text[s:e]
        spans.append(Span(s, e, POSITION, title, {
            "person": name, "person_key": fold(name), "title": title, "key": expand(fold(title)),
        }, _("Chức vụ của %(name)s") % {"name": name}))
    return spans


def _positions_after(doc: Document, end: int) -> list[tuple[int, int]]:
    found, at = [], end
    while doc.text[at:at + 2] == ", ":
        span = _position_at(doc, at + 2)
        if span is None:
            break
        found.append(span)
        at = span[1]
    return found


def _position_at(doc: Document, at: int) -> tuple[int, int] | None:
    if at >= len(doc.text) or not doc.text[at].isupper() or not _HEAD.match(doc.folded, at):
        return None
    stop = _POSITION_END.search(doc.text, at)
    limit = stop.start() if stop else len(doc.text)
    verb = _stop(doc, at, limit)
    end = verb if verb is not None else limit
    end = at + len(doc.text[at:end].rstrip())
    return (at, end) if end > at else None


def _stop(doc: Document, start: int, end: int) -> int | None:
    """Where a verb (or a lowercase "và …") ends a title; "Tuyên giáo và Dân vận" goes on."""
    for match in _STOP.finditer(doc.folded, start, end):
        after = doc.text[match.end() + 1:match.end() + 2]
        if match.group() == "va" and after.isupper():
            continue
        return match.start()
    return None


def _positions_before(doc: Document, start: int) -> list[tuple[int, int]]:
    """Titles right before a name: "Ủy viên BTV Tỉnh ủy, Trưởng Ban Dân vận Tỉnh ủy Nguyễn…"."""
    found, end = [], start - 1
    while end > 0:
        seg_start = max(doc.text.rfind(",", 0, end), doc.text.rfind("\n", 0, end),
                        doc.text.rfind(".", 0, end), doc.text.rfind(":", 0, end)) + 1
        segment = doc.folded[seg_start:end]
        head = next((m for m in _HEAD.finditer(segment)
                     if (m.start() == 0 or segment[m.start() - 1] == " ")
                     and doc.text[seg_start + m.start()].isupper()), None)
        if head is None:
            break
        s = seg_start + head.start()
        if _stop(doc, s, end) is not None:
            break
        found.insert(0, (s, end))
        if doc.text[seg_start - 1:seg_start] != "," or doc.text[seg_start:seg_start + 1] != " ":
            break
        end = seg_start - 1
    return found
