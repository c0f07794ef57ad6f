"""Export any filtered activity list to Excel, in the template's columns (so an export
can be corrected and imported again), plus status and the participants' roles.

Starts from activities_for_user(): a user exports exactly what the list shows them.
Queries do not grow with the number of rows. Text that a spreadsheet would run as a
formula is stored as text (phoihop/lib/spreadsheet.py).
"""

import io

from django.db.models import Prefetch
from django.utils import translation
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill

from phoihop.activities.selectors import activities_for_user
from phoihop.lib.spreadsheet import safe_xlsx_row
from phoihop.localities.models import Locality
from phoihop.workbooks.columns import (
    DATE_FORMAT,
    SHEET_DATA,
    active_indicators,
    column_letter,
    export_only_columns,
    fixed_columns,
    indicator_header,
    member_labels,
)

BOLD = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDE5F0")


def activities_for_export(user, filters):
    return activities_for_user(user, filters).select_related("task__plan").prefetch_related(
        "figures__indicator",
        Prefetch("localities", queryset=Locality.objects.order_by("name")),
    )


def activities_workbook(user, filters) -> bytes:
    """The workbook is a document members exchange: always in Vietnamese."""
    with translation.override("vi"):
        return _activities_workbook(user, filters)


def _activities_workbook(user, filters) -> bytes:
    activities = list(activities_for_export(user, filters))
    indicators = _indicators(activities)
    orgs = {p.organization_id: p.organization for a in activities for p in a.participations.all()}
    orgs |= {a.lead_id: a.lead for a in activities}
    labels = member_labels(orgs.values())
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(str(SHEET_DATA))
    columns = [*fixed_columns(), *export_only_columns()]
    headers = [c.header for c in fixed_columns()] + [indicator_header(i) for i in indicators]
    headers += [c.header for c in export_only_columns()]
    widths = [c.width for c in fixed_columns()] + [16] * len(indicators) + [c.width for c in columns[-2:]]
    for index, width in enumerate(widths):
        sheet.column_dimensions[column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    sheet.append(safe_xlsx_row(sheet, [_header_cell(sheet, h) for h in headers]))
    for activity in activities:
        sheet.append(safe_xlsx_row(sheet, _row(sheet, activity, indicators, labels)))
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _indicators(activities) -> list:
    """Active indicators, plus any retired one these activities still report."""
    shown = {i.pk: i for i in active_indicators()}
    for activity in activities:
        for figure in activity.figures.all():
            shown.setdefault(figure.indicator_id, figure.indicator)
    return sorted(shown.values(), key=lambda i: (i.order, i.name))


def _header_cell(sheet, text: str) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=text)
    cell.font, cell.fill = BOLD, HEADER_FILL
    cell.alignment = Alignment(wrap_text=True, vertical="top")
    return cell


def _date(sheet, day) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=day)
    cell.number_format = DATE_FORMAT
    return cell


def _number(sheet, value, decimals: int) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=int(value) if value == value.to_integral() else float(value))
    cell.number_format = "#,##0" if decimals == 0 else "#,##0." + "0" * decimals
    return cell


def _row(sheet, activity, indicators, labels) -> list:
    parts = sorted(activity.participations.all(), key=lambda p: (p.role != "lead", p.organization_id))
    partners = [labels[p.organization_id] for p in parts if p.role != "lead"]
    figures = {f.indicator_id: f.value for f in activity.figures.all()}
    task = f"{activity.task.number}/{activity.task.plan.year}" if activity.task else ""
    row = [
        activity.title,
        _date(sheet, activity.start_date),
        _date(sheet, activity.end_date),
        activity.content_area.number,
        labels[activity.lead_id],
        "; ".join(partners),
        "; ".join(f"{unit.name} ({unit.code})" for unit in activity.localities.all()),
        task,
        activity.narrative,
    ]
    row += [
        _number(sheet, figures[i.pk], i.decimals) if i.pk in figures else None for i in indicators
    ]
    roles = "; ".join(
        f"{labels[p.organization_id]} ({p.get_role_display()}"
        + (f" – {p.get_status_display()}" if p.role != "lead" else "")
        + ")"
        for p in parts
    )
    return [*row, str(activity.get_status_display()), roles]
