"""Vietnamese number, percent and date formats for templates: {% load vn %}.

{{ 4100|vn_number }}        → 4.100
{{ 1234.5|vn_number:1 }}    → 1.234,5
{{ 0.009|vn_percent }}      → 0,9%
{{ day|vn_date }}           → 05/03/2020;  {{ day|vn_date:"long" }} → ngày 05 tháng 3 năm 2020
"""

import datetime as dt

from django import template
from django.utils import timezone

from phoihop.lib import vnformat

register = template.Library()


@register.filter
def vn_number(value, decimals=0):
    if value in (None, ""):
        return "–"
    return vnformat.number(value, int(decimals))


@register.filter
def vn_percent(ratio, decimals=1):
    if ratio in (None, ""):
        return "–"
    return vnformat.percent(ratio, int(decimals))


@register.filter
def vn_date(day, style="short"):
    if not day:
        return "–"
    if isinstance(day, dt.datetime):
        day = timezone.localdate(day) if timezone.is_aware(day) else day.date()
    return vnformat.long_date(day) if style == "long" else vnformat.short_date(day)
