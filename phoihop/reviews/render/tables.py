"""The review's statistical tables, once, for every format.

Each table is plain rows of raw values with a kind per column; `docx.py` turns the values
into Vietnamese text (4.100, 0,9%, 05/03/2020), `xlsx.py` writes them as numbers with
a number format so a spreadsheet can still add them up.
"""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from phoihop.lib import vnformat
from phoihop.programs.models import TaskStatus
from phoihop.reviews.data import IndicatorTotal, Review

TEXT = "text"
INT = "int"
PERCENT = "percent"
DATE = "date"
YEAR = "year"  # a number written without a thousands separator (2020)


def decimal_kind(decimals: int) -> str:
    return f"dec:{decimals}"


@dataclass
class Column:
    header: str
    kind: str = TEXT
    width: float = 1.0  # relative width in the Word table


@dataclass
class Table:
    key: str  # sheet name hint and test handle
    title: str
    columns: list[Column]
    rows: list[list] = field(default_factory=list)
    kinds: list[list[str]] | None = None  # per-cell kinds where a column mixes decimals
    note: str = ""
    number: int = 0  # "Biểu n": given once by review_tables, the same in Word and Excel
    workbook_only: bool = False  # too wide for print: in the workbook only, numbered last
    total: bool = False  # the last row is the table's total ("Cộng"), printed bold

    @property
    def caption(self) -> str:
        return _("Biểu %(n)s. %(title)s") % {"n": self.number, "title": self.title}

    def kind_at(self, row: int, col: int) -> str:
        if self.kinds is not None and self.kinds[row][col]:
            return self.kinds[row][col]
        return self.columns[col].kind


def vn_cell(value, kind: str) -> str:
    """A value as a Vietnamese reader expects it in a document."""
    if value is None or value == "":
        return "" if kind == TEXT else "–"
    if kind == INT:
        return vnformat.number(value)
    if kind == PERCENT:
        return vnformat.percent(value)
    if kind == DATE:
        return vnformat.short_date(value)
    if kind == YEAR:
        return str(value)
    if kind.startswith("dec:"):
        return vnformat.number(value, int(kind[4:]))
    return str(value)


def _ratio(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def _total(table: Table, values: list) -> Table:
    """Close `table` with its "Cộng" row (`values` a full row, None where nothing adds up)."""
    if table.rows:
        table.rows.append(values)
        if table.kinds is not None:
            table.kinds.append([""] * len(values))
        table.total = True
    return table


def _sum(items, name: str) -> int:
    return sum(getattr(item, name) for item in items)


TOTAL = lambda: _("Cộng")  # noqa: E731 - the label of every total row


def ACHIEVED_NOTE() -> str:  # noqa: N802 - a translated constant
    """What "Đạt" means, said once and printed wherever a rate of achievement is shown."""
    return _(
        "Mỗi hoạt động được tính một lần, chỉ gồm các hoạt động đã được Thường trực xác nhận. "
        "“Đạt” là kết quả trong kỳ so với chỉ tiêu của kỳ (tổng chỉ tiêu các nhiệm vụ của các kế hoạch "
        "phối hợp có thời hạn hoàn thành trong kỳ); cột “Trong đó” là phần kết quả của các hoạt động gắn với nhiệm vụ. "
        "Lời văn báo cáo dùng kết quả trong kỳ."
    )


def totals_table(totals: list[IndicatorTotal], key: str = "totals", title: str = "") -> Table:
    table = Table(
        key,
        title or _("Kết quả thực hiện các chỉ tiêu"),
        [
            Column(_("STT"), INT, 0.7),
            Column(_("Chỉ tiêu"), TEXT, 2.6),
            Column(_("Đơn vị tính"), TEXT, 1.0),
            Column(_("Kết quả trong kỳ"), INT, 2.0),
            Column(_("Chỉ tiêu của kỳ"), INT, 1.6),
            Column(_("Tỷ lệ đạt"), PERCENT, 1.5),
            Column(_("Trong đó: từ hoạt động gắn nhiệm vụ"), INT, 1.6),
            Column(_("Số hoạt động"), INT, 1.1),
        ],
        note=ACHIEVED_NOTE(),
    )
    table.kinds = []
    for n, total in enumerate(totals, 1):
        table.rows.append(
            [n, total.name, total.unit, total.value, total.target, total.ratio, total.achieved, total.activities]
        )
        dec = decimal_kind(total.decimals)
        table.kinds.append(["", "", "", dec, dec, "", dec, ""])
    return table


def areas_table(review: Review) -> Table:
    table = Table(
        "areas",
        _("Hoạt động theo nội dung phối hợp"),
        [
            Column(_("STT"), INT, 0.8),
            Column(_("Nội dung phối hợp"), TEXT, 3.4),
            Column(_("Số hoạt động"), INT, 1.1),
            Column(_("Có từ hai thành viên trở lên"), INT, 1.3),
            Column(_("Tỷ lệ phối hợp"), PERCENT, 1.0),
            Column(_("Tỷ trọng"), PERCENT, 1.0),
        ],
    )
    for area in review.areas:
        table.rows.append(
            [area.number, area.name, area.activities, area.joint, _ratio(area.joint, area.activities), area.share]
        )
    activities, joint = review.figure("activities"), review.figure("joint")
    return _total(table, [None, TOTAL(), activities, joint, review.figure("joint_share"), 1.0 if activities else None])


def _indicator_rows(table: Table, groups) -> Table:
    table.kinds = []
    for group_name, totals in groups:
        for total in totals:
            if total.value or total.target:
                dec = decimal_kind(total.decimals)
                table.rows.append([group_name, total.name, total.unit, total.value, total.target, total.ratio])
                table.kinds.append(["", "", "", dec, dec, ""])
    return table


def _indicator_columns(group: str) -> list[Column]:
    return [
        Column(group, TEXT, 2.2),
        Column(_("Chỉ tiêu"), TEXT, 2.4),
        Column(_("Đơn vị tính"), TEXT, 1.0),
        Column(_("Kết quả"), INT, 2.0),
        Column(_("Chỉ tiêu đề ra"), INT, 1.6),
        Column(_("Tỷ lệ đạt"), PERCENT, 1.2),
    ]


def area_indicators_table(review: Review) -> Table:
    table = Table("area_indicators", _("Chỉ tiêu theo nội dung phối hợp"), _indicator_columns(_("Nội dung phối hợp")))
    return _indicator_rows(table, ((f"{a.number}. {a.name}", a.indicators) for a in review.areas))


def member_indicators_table(review: Review) -> Table:
    """One row per leading member, one column per indicator it reported (a grid that
    prints on one page, not one row per member and indicator)."""
    codes = [t.code for t in review.totals if any(_of(m, t.code) is not None for m in review.members)]
    names = {t.code: t for t in review.totals}
    table = Table(
        "member_indicators",
        _("Chỉ tiêu theo tổ chức chủ trì"),
        [Column(_("STT"), INT, 0.6), Column(_("Tổ chức chủ trì"), TEXT, 2.0)]
        + [Column(f"{names[c].name} ({names[c].unit})", decimal_kind(names[c].decimals), 1.0) for c in codes],
        note=_("Kết quả của các hoạt động do tổ chức chủ trì; hoạt động phối hợp không tính lặp lại."),
        workbook_only=True,
    )
    for n, member in enumerate(review.members, 1):
        values = [_of(member, code) for code in codes]
        if any(values):
            table.rows.append([n, member.short_name or member.name, *values])
    return table if codes else Table("member_indicators", table.title, table.columns, workbook_only=True)


def _of(member, code: str):
    total = next((t for t in member.indicators if t.code == code), None)
    return total.value if total is not None and total.value else None


def members_table(review: Review) -> Table:
    table = Table(
        "members",
        _("Kết quả theo tổ chức thành viên"),
        [
            Column(_("STT"), INT, 0.8),
            Column(_("Tổ chức thành viên"), TEXT, 3.2),
            Column(_("Chủ trì"), INT, 0.9),
            Column(pgettext("các đơn vị", "Phối hợp"), INT, 0.9),
            Column(_("Chủ trì có phối hợp"), INT, 1.1),
            Column(_("Báo cáo phải nộp"), INT, 1.0),
            Column(_("Nộp đúng hạn"), INT, 0.9),
            Column(_("Nộp muộn"), INT, 0.9),
        ],
    )
    for n, member in enumerate(review.members, 1):
        table.rows.append(
            [
                n, member.name, member.led, member.partnered, member.joint_led,
                member.reports_expected, member.reports_on_time, member.reports_late,
            ]
        )
    sums = [_sum(review.members, n) for n in ("led", "partnered", "joint_led", "reports_expected",
                                              "reports_on_time", "reports_late")]
    return _total(table, [None, TOTAL(), *sums])


def matrix_table(review: Review) -> Table:
    names = review.coordination.member_names
    table = Table(
        "matrix",
        _("Số hoạt động cùng tham gia giữa các thành viên"),
        [Column(_("Thành viên"), TEXT, 1.3)] + [Column(name, INT, 1.0) for name in names],
        note=_("Ô giao nhau: số hoạt động đã xác nhận mà cả hai tổ chức cùng tham gia."),
    )
    for name, row in zip(names, review.coordination.matrix, strict=False):
        table.rows.append([name, *row])
    return table


def models_table(review: Review) -> Table:
    labels = {
        "proposed": _("Đề xuất"),
        "recognized": _("Được công nhận"),
        "outstanding": _("Tiêu biểu, nổi bật"),
    }
    table = Table(
        "models",
        _("Mô hình phối hợp"),
        [Column(_("Mức công nhận"), TEXT, 3.0), Column(_("Số mô hình"), INT, 1.2)],
    )
    for status, label in labels.items():
        table.rows.append([label, review.coordination.models_by_status.get(status, 0)])
    return _total(table, [TOTAL(), sum(review.coordination.models_by_status.get(s, 0) for s in labels)])


def topics_table(review: Review) -> Table:
    table = Table(
        "topics",
        _("Vụ việc theo lĩnh vực"),
        [
            Column(_("STT"), INT, 0.8),
            Column(_("Lĩnh vực"), TEXT, 2.2),
            Column(_("Tiếp nhận"), INT, 1.0),
            Column(_("Đã giải quyết"), INT, 1.0),
            Column(_("Chuyển cơ quan có thẩm quyền"), INT, 1.2),
            Column(_("Kết thúc, chưa giải quyết"), INT, 1.2),
            Column(_("Đang xử lý"), INT, 1.0),
            Column(_("Quá hạn"), INT, 0.9),
            Column(_("Tỷ lệ giải quyết"), PERCENT, 1.1),
        ],
        note=_("Tỷ lệ giải quyết: số vụ việc đã giải quyết trên số vụ việc đã kết thúc."),
    )
    for n, topic in enumerate(review.topics, 1):
        name = f"{topic.name} (*)" if topic.sensitive else topic.name
        table.rows.append(
            [
                n, name, topic.received, topic.resolved, topic.referred, topic.closed_unresolved,
                topic.open, topic.overdue, topic.resolution_rate,
            ]
        )
    cases = review.cases()
    _total(table, [None, TOTAL(), cases.received, cases.resolved, cases.referred, cases.closed_unresolved,
                   cases.open, cases.overdue, cases.rate])
    if any(topic.sensitive for topic in review.topics):
        table.note += " " + _("(*) Lĩnh vực nhạy cảm.")
    if review.redacted:
        table.note += " " + _("Không gồm các vụ việc nhạy cảm mà người xem không có quyền xem.")
    return table


def localities_table(review: Review, limit: int | None = None) -> Table:
    """Every locality; with `limit`, the busiest ones (a printed appendix), the rest noted."""
    places = review.localities
    if limit is not None and len(places) > limit:
        places = sorted(places, key=lambda p: (-p.activities, -p.cases, p.name))[:limit]
    table = Table(
        "localities",
        _("Hoạt động và vụ việc theo địa bàn"),
        [
            Column(_("STT"), INT, 0.8),
            Column(_("Địa bàn"), TEXT, 2.2),
            Column(_("Trực thuộc"), TEXT, 2.0),
            Column(_("Số hoạt động"), INT, 1.0),
            Column(_("Vụ việc"), INT, 0.9),
            Column(_("Đã giải quyết"), INT, 1.0),
        ],
    )
    for n, place in enumerate(places, 1):
        table.rows.append(
            [n, place.name, place.parent_name, place.activities, place.cases, place.cases_resolved]
        )
    every = review.localities  # the total is of every locality, also where the list is cut
    label = TOTAL() if len(places) == len(every) else _("Cộng (tất cả địa bàn)")
    _total(table, [None, label, None, _sum(every, "activities"), _sum(every, "cases"), _sum(every, "cases_resolved")])
    if len(places) < len(review.localities):
        table.note = _("%(shown)s trên %(all)s địa bàn có nhiều hoạt động nhất; danh sách đầy đủ trong tệp Excel.") % {
            "shown": vnformat.number(len(places)), "all": vnformat.number(len(review.localities)),
        }
    return table


def hotspots_table(review: Review) -> Table:
    table = Table(
        "hotspots",
        _("Địa bàn trọng điểm"),
        [
            Column(_("STT"), INT, 0.8),
            Column(_("Địa bàn"), TEXT, 2.2),
            Column(_("Trực thuộc"), TEXT, 2.0),
            Column(_("Điểm"), decimal_kind(1), 0.9),
            Column(_("Vụ việc"), INT, 0.9),
            Column(_("Đã xác định là trọng điểm"), TEXT, 1.3),
        ],
    )
    for n, row in enumerate(review.hotspots, 1):
        table.rows.append(
            [n, row.locality, row.parent, row.score, row.cases, _("Có") if row.designated else _("Chưa")]
        )
    designated = sum(1 for row in review.hotspots if row.designated)
    return _total(table, [None, TOTAL(), None, None, _sum(review.hotspots, "cases"), str(designated)])


def task_status_label(status: str) -> str:
    return str(TaskStatus.LABELS.get(status, status))


def tasks_table(review: Review) -> Table:
    table = Table(
        "tasks",
        _("Thực hiện nhiệm vụ của kế hoạch phối hợp"),
        [
            Column(_("Năm"), YEAR, 0.9),
            Column(_("STT"), INT, 0.8),
            Column(_("Nhiệm vụ"), TEXT, 3.0),
            Column(_("Chủ trì"), TEXT, 1.4),
            Column(_("Thời hạn"), DATE, 1.5),
            Column(_("Tình trạng"), TEXT, 1.2),
            Column(_("Mức hoàn thành"), PERCENT, 1.1),
        ],
    )
    for task in review.tasks:
        table.rows.append(
            [
                task.plan_year, task.number, task.title, task.lead, task.due_date,
                task_status_label(task.status), task.completion,
            ]
        )
    done = review.figure("tasks.done")
    summary = _("%(all)s nhiệm vụ, %(done)s hoàn thành") % {
        "all": vnformat.number(review.figure("tasks.all")), "done": vnformat.number(done),
    }
    return _total(table, [None, None, f"{TOTAL()}: {summary}", None, None, None, None])


def review_tables(review: Review, *, locality_limit: int | None = None) -> list[Table]:
    """Every table of the statistical appendix, in the order of the document."""
    tables = [
        totals_table(review.totals),
        areas_table(review),
        area_indicators_table(review),
        members_table(review),
        matrix_table(review),
        models_table(review),
        topics_table(review),
        hotspots_table(review),
        tasks_table(review),
        localities_table(review, locality_limit),
        member_indicators_table(review),
    ]
    tables = [t for t in tables if t.rows]
    for n, table in enumerate(tables, 1):
        table.number = n
    return tables


def cell_value_for_sheet(value, kind: str):
    """Raw value for a spreadsheet cell: Decimal stays exact-ish as float, dates stay dates."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=None)
    return value
