"""`extract(text, context=...)`: one text in, explained spans out. Nothing is written."""

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from phoihop.intake.extract import dates, figures, gazetteer, orgs, people, places, topics
from phoihop.intake.extract.spans import Extraction
from phoihop.intake.extract.text import Document, normalize
from phoihop.lib.text import fold_key
from phoihop.localities.models import REFORM_2025, Level, Locality


@dataclass(frozen=True)
class ExtractionContext:
    """What the reader knows besides the text: the day it speaks of (else read from the
    text), the default province (a Locality or a name; else the one the text names
    most) and today (for 2025 successors; default the local date)."""

    on: dt.date | None = None
    province: Locality | str | None = None
    today: dt.date | None = None

    @classmethod
    def for_committee(cls, committee, *, on: dt.date | None = None) -> "ExtractionContext":
        unit = committee.locality
        while unit.parent_id is not None and unit.level != Level.PROVINCE:
            unit = unit.parent
        return cls(on=on, province=unit)


def extract(text: str, *, context: ExtractionContext | None = None) -> Extraction:
    context = context or ExtractionContext()
    doc = Document(normalize(text))
    gaz = gazetteer.current()
    today = context.today or timezone.localdate()
    date_spans = dates.find(doc)
    if context.on:
        on, on_reason = context.on, _("ngày người dùng nhập")
    else:
        on, on_reason = dates.text_date(date_spans, today=today)
    ended = None if context.on or date_spans or on < REFORM_2025 else dates.names_ended_body(doc)
    if ended:
        # No date, but a body the 2025 reform ended ("Huyện ủy", "Ban Tôn giáo Chính phủ"):
        # the text was written while it stood, so read it on the last day before the reform.
        on = REFORM_2025 - dt.timedelta(days=1)
        on_reason = _("văn bản không nêu ngày nhưng nêu “%(body)s”, đã kết thúc khi sắp xếp năm 2025: "
                      "đọc vào ngày %(day)s") % {"body": ended, "day": on.strftime("%d/%m/%Y")}
    province, province_reason, warnings = _province(context.province, doc, gaz, on)
    if not context.on and not date_spans and province is not None and province.valid_to and province.valid_to <= on:
        # A text that names no date but calls its province by a name that had ended by
        # today was written while that province stood: read it on its last day.
        on = province.valid_to - dt.timedelta(days=1)
        on_reason = _("văn bản không nêu ngày; tỉnh %(name)s chỉ còn đến ngày %(day)s: đọc vào ngày đó") % {
            "name": province.short_name, "day": on.strftime("%d/%m/%Y")}
    place_spans = places.find(doc, gaz, day=on, today=today, province=province)
    posts: list = []  # heads read as a post ("Trưởng Ban chỉ đạo"): not a person's name either
    org_spans = orgs.find(doc, gaz, day=on, province=_province_on(province, gaz, on), localities=place_spans,
                          posts=posts)
    person_spans = people.find(doc, taken=place_spans + org_spans + posts, is_place=lambda key: _is_big_place(gaz, key))
    topic_spans = topics.find(doc, _topic_patterns(gaz), gaz.topics)
    figure_spans = figures.find(doc, gaz.indicators, taken=date_spans)
    spans = sorted(date_spans + place_spans + org_spans + person_spans + topic_spans + figure_spans,
                   key=lambda s: (s.start, -s.end))
    return Extraction(doc.text, on, on_reason, _province_value(province, province_reason), spans, warnings)


def _province(given, doc: Document, gaz, on: dt.date) -> tuple[Locality | None, str, list[str]]:
    if isinstance(given, Locality):
        return gaz.units.get(given.pk, given), _("tỉnh của Ban Chỉ đạo"), []
    if isinstance(given, str) and given.strip():
        units = gaz.provinces_named(fold_key(given.lower().removeprefix("tỉnh ").removeprefix("thành phố ")))
        units.sort(key=lambda u: (not u.is_valid_on(on), u.ref))
        if units:
            return units[0], _("tỉnh được chỉ định"), []
        return None, "", [_("Không tìm thấy tỉnh “%(name)s”: tìm địa bàn trên cả nước.") % {"name": given}]
    found = places.province_from_text(doc, gaz, on)
    if found:
        return found, _("tỉnh được nêu nhiều nhất trong văn bản"), []
    return None, "", [_("Không rõ tỉnh: tìm địa bàn trên cả nước, tên trùng sẽ cần chọn.")]


def _province_on(province: Locality | None, gaz, on: dt.date) -> Locality | None:
    """The province in force on the text's day (Hà Nam in 2020, Ninh Bình in 2026)."""
    if province is None or province.is_valid_on(on):
        return province
    if on >= REFORM_2025:
        return gaz.primary_successor(province, on) or province
    return province


def _province_value(province: Locality | None, reason: str) -> dict | None:
    if province is None:
        return None
    return {"id": province.pk, "ref": province.ref, "name": province.name, "reason": reason}


def _is_big_place(gaz, key: str) -> bool:
    return any(unit.level <= Level.DISTRICT for unit in gaz.by_key.get(key, ()))


def _topic_patterns(gaz):
    if "topics" not in gaz.compiled:
        gaz.compiled["topics"] = topics.compile_keywords(gaz.topics)
    return gaz.compiled["topics"]
