"""Labels for the codes a Review carries: {% load review_tags %}{{ task.status|task_status }}."""

from django import template

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
