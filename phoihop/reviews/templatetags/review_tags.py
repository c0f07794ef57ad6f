"""Labels for the codes a Review carries: {% load review_tags %}{{ task.status|task_status }}."""

from html import escape

from django import template
from django.utils.safestring import mark_safe

from phoihop.lib import vnformat
from phoihop.practices.models import ModelStatus
from phoihop.programs.models import TaskStatus

register = template.Library()


@register.filter
def task_status(code: str) -> str:
    return str(TaskStatus.LABELS.get(code, code))


@register.filter
def task_badge(code: str) -> str:
    return TaskStatus.BADGES.get(code, "")


@register.filter
def model_status(code: str) -> str:
    return str(dict(ModelStatus.choices).get(code, code))


@register.filter
def at(row, index):
    """row[index] for matrices: {{ row|at:forloop.counter0 }}."""
    return row[int(index)]


@register.simple_tag
def locality_rows(rows):
    """The rows of the table by locality (thousands of them in a national review), written
    in one pass rather than through the template's loop: the same cells as vn_number, the
    names escaped as the template escapes them."""
    number = vnformat.number
    return mark_safe(  # noqa: S308 - every text of a row goes through escape
        "\n".join(
            f"<tr><td>{escape(r.name)}</td><td>{escape(r.parent_name)}</td>"
            f'<td class="num">{number(r.activities)}</td><td class="num">{number(r.cases)}</td>'
            f'<td class="num">{number(r.cases_resolved)}</td></tr>'
            for r in rows
        )
    )
