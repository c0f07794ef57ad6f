"""The drafted text: transparent rules that turn a review's figures into sentences.

Each rule is a small function `rule(review) -> Statement | None` (or a list of them).
It reads figures only through `Review.figure(key)` (data.py), writes them into a
sentence through `figure_text`, and keeps, in `Statement.refs`, which figure stands
behind every number of the sentence, in order; the consistency check
(render/check.py) reads the same keys back from the Review and compares them with what
a document prints. Kinds: "situation" (section I), "result" (section II), "strength"
and "limitation" (section III, 1 and 2).

The four limitations of the seed's 2016–2020 review are measured here:

- "phối hợp chưa rõ nét"        → joint_share: share of activities done by 2+ members
                                   below REVIEW_JOINT_SHARE_MIN;
- "nội dung còn dàn trải"        → content_spread: the busiest content area holds no more
                                   than REVIEW_TOP_AREA_SHARE_MAX;
- "ít mô hình tiêu biểu"         → outstanding_models: fewer than REVIEW_OUTSTANDING_MODELS_MIN;
- "đất đai, GPMB, tôn giáo yếu"  → sensitive_topics: their resolution rate trails the other
                                   topics' by REVIEW_SENSITIVE_GAP or more (sensitive).

The sentences follow the secretariats' own reviews: a subject and a verb, the figures
inside the sentence, whole numbers for counts, large amounts rounded ("gần 22 tỷ
đồng"; the exact figure is in the appendix).
"""

import re

from django.conf import settings
from django.utils.translation import gettext as _

from phoihop.lib.vnformat import percent
from phoihop.reviews.data import (
    IndicatorTotal,
    NamedActivity,
    NamedModel,
    Review,
    Statement,
    figure_exact,
    figure_text,
)
from phoihop.reviews.phrasing import MONEY_UNITS, indicator_template

SITUATION, RESULT, STRENGTH, LIMITATION = "situation", "result", "strength", "limitation"
CAUSE, LESSON, DIRECTION, RECOMMENDATION = "cause", "lesson", "direction", "recommendation"
DEFAULT_FOCUS_TOPICS = ("dat-dai", "gpmb", "ton-giao")
HEADLINE_INDICATORS = 6
_SLOT = re.compile(r"%\((\w+)\)s")


def focus_topics() -> tuple[str, ...]:
    """The topics of the seed's fourth limitation: land, site clearance, religion."""
    return tuple(getattr(settings, "REVIEW_FOCUS_TOPICS", DEFAULT_FOCUS_TOPICS))


def _say(review: Review, kind: str, rule: str, template: str, refs: dict, labels: dict, **words) -> Statement:
    """Fill `template`: each slot in `refs` with its figure, each in `words` with plain text.

    `labels` names the figures shown beside the sentence (slot → label); the list shows
    each exactly (`figure_exact`: "21.994.000.000"), the sentence as prose writes it
    ("gần 22 tỷ").
    """
    values = {slot: figure_text(review, ref) for slot, ref in refs.items()}
    order = [slot for slot in _SLOT.findall(template) if slot in refs]
    shown = order + [slot for slot in labels if slot not in order]  # in the sentence's order
    figures = {labels[slot]: figure_exact(review, refs[slot]) for slot in shown if slot in labels}
    return Statement(kind, rule, template % (values | words), figures, refs=[refs[slot] for slot in order])


def _lower_first(name: str) -> str:
    return name[:1].lower() + name[1:]


def _value_ref(total: IndicatorTotal, key: str) -> str:
    if total.unit in MONEY_UNITS:
        return f"money:{key}"
    if total.unit == "%":
        return f"p{total.decimals}:{key}"
    return f"d{total.decimals}:{key}" if total.decimals else f"n:{key}"


def _template(total: IndicatorTotal, slot: str) -> tuple[str, bool]:
    """The indicator's words (its own phrase first, phrasing.indicator_template), `slot` where its figure goes."""
    return indicator_template(total.code, total.unit, total.name, slot, total.phrase)


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def _percent_sentences(totals: list[IndicatorTotal], key_of, first: int) -> tuple[str, dict, dict]:
    """A rate is not something the members "đã" did: each percentage indicator gets a
    sentence of its own ("Tỷ lệ hộ nghèo ở mức 2,45%."), after the list of what was done."""
    text, refs, labels = "", {}, {}
    for n, total in enumerate(totals, start=first):
        slot = f"f{n}"
        text += " " + _upper_first(_template(total, slot)[0].removeprefix("đã ")) + "."
        refs[slot], labels[slot] = _value_ref(total, key_of(total)), total.name
    return text, refs, labels


def _done_and_rates(totals: list[IndicatorTotal], key_of, lead: str) -> tuple[str, dict, dict]:
    """ "<lead> đã tổ chức 502 buổi …; vận động ủng hộ gần 22 tỷ đồng. Tỷ lệ … ở mức 2,45%.":
    the counts and amounts in one list after `lead` (a template with %(clause)s), the
    percentages each in its own sentence."""
    done = [t for t in totals if t.unit != "%"]
    rates = [t for t in totals if t.unit == "%"]
    text, refs, labels = "", {}, {}
    if done:
        clause, refs, labels = _figures_clause(done, key_of)
        text = " " + lead % {"clause": clause}
    more, more_refs, more_labels = _percent_sentences(rates, key_of, len(done))
    return text + more, refs | more_refs, labels | more_labels


def _verb(template: str) -> str:
    """The words before the figure ("tổ chức" in "tổ chức %(f0)s buổi …")."""
    return template.partition("%(")[0].strip()


def _figures_clause(totals: list[IndicatorTotal], key_of) -> tuple[str, dict, dict]:
    """ "tổ chức 502 buổi tuyên truyền, thu hút 51.540 lượt người tham dự; vận động ủng hộ gần
    22 tỷ đồng; …" as a template: each indicator in its own words (phrasing.PHRASES); a
    phrase that continues the one before it follows a comma, the next indicator a
    semicolon; two in a row with the same verb share it ("xây dựng, sửa chữa 93 nhà Đại
    đoàn kết và 34 nhà tình nghĩa")."""
    text, refs, labels, last_verb = "", {}, {}, None
    for n, total in enumerate(totals):
        slot = f"f{n}"
        phrase, joins = _template(total, slot)
        verb = _verb(phrase)
        if text and verb and verb == last_verb:
            text += _(" và ") + phrase[len(verb):].strip()
        else:
            text += (", " if joins else "; ") + phrase if text else phrase
        last_verb = verb
        refs[slot] = _value_ref(total, key_of(total))
        labels[slot] = total.name if total.unit == "%" else f"{total.name} ({total.unit})"
    return text, refs, labels


def indicator_phrase(total: IndicatorTotal, slot: str) -> str:
    """ "tổ chức %(x)s buổi tuyên truyền", "vận động ủng hộ %(x)s đồng": the figure inside the words."""
    return _template(total, slot)[0]


# --- I. Đặc điểm, tình hình ------------------------------------------------------------


def situation(review: Review) -> Statement:
    return _say(
        review, SITUATION, "situation",
        _("%(program)s có %(members)s tổ chức thành viên tham gia, dưới sự chỉ đạo của %(committee)s; "
          "%(host)s là cơ quan thường trực."),
        {"members": "n:members"}, {"members": _("Tổ chức thành viên")},
        program=review.program_name, committee=review.committee_name, host=review.host_name,
    )


# --- II. Kết quả thực hiện --------------------------------------------------------------


def results_overview(review: Review) -> Statement | None:
    if not review.coordination.activities:
        return None
    template = _(
        "Trong %(period)s, Thường trực Ban Chỉ đạo xác nhận %(n)s hoạt động phối hợp của các tổ chức thành "
        "viên, trong đó %(joint)s hoạt động có từ hai thành viên trở lên cùng tham gia."
    )
    refs = {"n": "n:activities", "joint": "n:joint"}
    labels = {"n": _("Hoạt động được xác nhận"), "joint": _("Hoạt động có từ hai thành viên trở lên")}
    shown = [t for t in review.totals if t.value][:HEADLINE_INDICATORS]
    if shown:
        lead = _("Các tổ chức thành viên đã %(clause)s.")
        more, more_refs, more_labels = _done_and_rates(shown, lambda t: f"total.{t.code}.value", lead)
        template += more
        refs, labels = refs | more_refs, labels | more_labels
    return _say(review, RESULT, "results_overview", template, refs, labels, period=review.period_label)


def _listing(names: list[str]) -> str:
    """ "A, B và C"."""
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + _(" và ") + names[-1] if names else ""


_PLACE_IN_TITLE = re.compile(r"(?<=\w )(Xã|Phường|Thị trấn|Thị xã|Huyện|Quận|Thành phố|Tỉnh)(?= \w)")


def as_phrase(title: str) -> str:
    """An activity's title inside a sentence: "Hội nghị … tại Xã Thanh Hải" → "hội nghị … tại
    xã Thanh Hải" (an abbreviation such as "UBND…" keeps its capitals)."""
    title = _PLACE_IN_TITLE.sub(lambda m: m.group(1).lower(), title.rstrip(" .;"))
    return title[:1].lower() + title[1:] if title[1:2].islower() else title


def _joint_phrase(activity: NamedActivity) -> str:
    """ "hội nghị … tại xã Thanh Hải do Ban Dân vận Tỉnh ủy chủ trì, phối hợp với Hội Nông dân tỉnh"."""
    return _("%(title)s do %(lead)s chủ trì, phối hợp với %(partners)s") % {
        "title": as_phrase(activity.title), "lead": activity.lead,
        "partners": _listing(activity.partners),
    }


def model_name(name: str) -> str:
    if name.lower().startswith("mô hình"):
        return name
    return _("Mô hình %(name)s") % {"name": name if "“" in name else f"“{name}”"}


def _model_sentence(model: NamedModel, slot: str) -> str:
    """A template for one model: who runs it, its recognition in the period, where it spread."""
    words = {"model": model_name(model.name).replace("%", "%%"), "members": _listing(model.members).replace("%", "%%")}
    text = _("%(model)s do %(members)s thực hiện") % words if model.members else words["model"]
    if model.recognized_in_period:
        text += " " + (
            _("được công nhận là mô hình tiêu biểu, nổi bật") if model.status == "outstanding" else _("được công nhận")
        )
    if model.replications:
        spread = _("được nhân rộng tại %(places)s địa bàn") % {"places": f"%({slot})s"}
        text += (", " if model.recognized_in_period else " ") + spread
    return text + "."


def area_results(review: Review) -> list[Statement]:
    """One paragraph per content area that had activities, as a review writes it: what the
    members did, the joint activities named, what they achieved, the models of the area."""
    out = []
    for area in review.areas:
        if area.activities:
            out.append(_area_result(review, area))
    return out


def _area_result(review: Review, area) -> Statement:
    key = f"area.{area.number}"
    template = _("Về %(name)s: các tổ chức thành viên thực hiện %(n)s hoạt động")
    refs, labels = {"n": f"n:{key}.activities"}, {"n": _("Hoạt động")}
    words = {"name": _lower_first(area.name)}
    if area.joint:
        template += _(", trong đó %(joint)s hoạt động có từ hai thành viên trở lên cùng tham gia")
        refs["joint"], labels["joint"] = f"n:{key}.joint", _("Hoạt động phối hợp")
        if area.named_joint:
            template += _(": %(named)s") if len(area.named_joint) == area.joint else _(", tiêu biểu như: %(named)s")
            words["named"] = "; ".join(_joint_phrase(a) for a in area.named_joint)
    template += "."
    shown = [t for t in area.indicators if t.value]
    if shown:
        lead = _("Qua đó, các thành viên đã %(clause)s.")
        more, more_refs, more_labels = _done_and_rates(shown, lambda t: f"{key}.total.{t.code}.value", lead)
        template += more
        refs, labels = refs | more_refs, labels | more_labels
    for n, model in enumerate(area.models):
        slot = f"m{n}"
        template += " " + _model_sentence(model, slot)
        if model.replications:
            refs[slot], labels[slot] = f"n:{key}.model.{n}.replications", _("Địa bàn nhân rộng: %(model)s") % {
                "model": model.name}
    statement = _say(review, RESULT, "area_results", template, refs, labels, **words)
    statement.area = area.number
    return statement


def cases_handled(review: Review) -> Statement | None:
    """The one sentence on cases: section II and the page's card both show it."""
    if not review.figure("cases.received"):
        return None
    referred = review.figure("cases.referred")
    template = _(
        "Qua nắm tình hình, các tổ chức thành viên tiếp nhận %(received)s vụ việc, đã giải quyết %(resolved)s vụ việc"
    ) + (_(", chuyển cơ quan có thẩm quyền giải quyết %(referred)s vụ việc") if referred else "") + _(
        "; còn %(open)s vụ việc đang tiếp tục theo dõi, xử lý."
    )
    refs = {"received": "n:cases.received", "resolved": "n:cases.resolved", "open": "n:cases.open"}
    refs |= {"referred": "n:cases.referred"} if referred else {}
    labels = {"received": _("Vụ việc tiếp nhận"), "resolved": _("Đã giải quyết"), "open": _("Đang xử lý")}
    labels |= {"referred": _("Chuyển cơ quan có thẩm quyền")} if referred else {}
    statement = _say(review, RESULT, "cases_handled", template, refs, labels)
    statement.sensitive = any(t.sensitive and t.received for t in review.topics)
    return statement


def models(review: Review) -> Statement | None:
    if not any(review.coordination.models_by_status.values()):
        return None
    template = _(
        "Các tổ chức thành viên đã xây dựng %(all)s mô hình phối hợp được công nhận, trong đó có %(outstanding)s "
        "mô hình tiêu biểu, nổi bật; %(proposed)s mô hình đang được đề nghị công nhận."
    )
    refs = {"all": "n:models.recognized_all", "outstanding": "n:models.outstanding", "proposed": "n:models.proposed"}
    labels = {"all": _("Mô hình được công nhận"), "outstanding": _("Mô hình tiêu biểu"), "proposed": _("Mô hình đề xuất")}
    return _say(review, RESULT, "models", template, refs, labels)


# --- III. Ưu điểm, hạn chế --------------------------------------------------------------


def _target_part(total: IndicatorTotal, n: int) -> tuple[str, dict, dict]:
    """ "mới vận động ủng hộ %(v0)s tỷ đồng, đạt %(r0)s kế hoạch": the indicator's own words
    (its phrase, phrasing.PHRASES), then how much of the period's target that is. A rate
    is set beside its target ("tỷ lệ … mới ở mức 40%, chỉ tiêu 60%"), and so is a result
    whose share would round up to 100% ("mới tổ chức 995/1.000 buổi …")."""
    key = f"total.{total.code}"
    refs = {f"v{n}": _value_ref(total, f"{key}.value")}
    labels = {f"v{n}": total.name}
    phrase = _template(total, f"v{n}")[0].removeprefix("đã ")
    if total.unit == "%":
        refs[f"t{n}"], labels[f"t{n}"] = _value_ref(total, f"{key}.target"), _("%(name)s, chỉ tiêu") % {"name": total.name}
        phrase = phrase.replace(" ở mức ", " mới ở mức ", 1) if " ở mức " in phrase else _("mới %(phrase)s") % {"phrase": phrase}
        return phrase + _(", chỉ tiêu %(target)s") % {"target": f"%(t{n})s"}, refs, labels
    if total.ratio is not None and round(total.ratio * 100) >= 100:
        refs[f"t{n}"], labels[f"t{n}"] = _value_ref(total, f"{key}.target"), _("%(name)s, chỉ tiêu") % {"name": total.name}
        return _("mới %(phrase)s") % {"phrase": phrase.replace(f"%(v{n})s", f"%(v{n})s/%(t{n})s", 1)}, refs, labels
    refs[f"r{n}"], labels[f"r{n}"] = f"pct:{key}.ratio", _("%(name)s, tỷ lệ đạt") % {"name": total.name}
    return _("mới %(phrase)s, đạt %(ratio)s kế hoạch") % {"phrase": phrase, "ratio": f"%(r{n})s"}, refs, labels


def targets(review: Review) -> list[Statement]:
    """"Đạt": the period's result against the period's target (IndicatorTotal.ratio). The
    targets met are a strength, the ones missed a limitation."""
    planned = review.planned()
    if not planned:
        return []
    missed = [t for t in planned if not t.met]
    refs = {"all": "n:targets.all", "met": "n:targets.met", "missed": "n:targets.missed"}
    labels = {"all": _("Chỉ tiêu kế hoạch"), "met": _("Chỉ tiêu đạt"), "missed": _("Chỉ tiêu chưa đạt")}
    pick = lambda *slots: ({k: refs[k] for k in slots}, {k: labels[k] for k in slots})  # noqa: E731
    if not missed and len(planned) == 1:
        return [_say(review, STRENGTH, "targets_met", _("Chỉ tiêu của kế hoạch phối hợp trong kỳ đạt và vượt."), {}, {})]
    if not missed:
        template = _("Cả %(all)s chỉ tiêu của kế hoạch phối hợp trong kỳ đều đạt và vượt.")
        return [_say(review, STRENGTH, "targets_met", template, *pick("all"))]
    out = []
    if len(missed) < len(planned):
        template = _("Có %(met)s trong %(all)s chỉ tiêu của kế hoạch phối hợp trong kỳ đạt và vượt.")
        out.append(_say(review, STRENGTH, "targets_mostly_met", template, *pick("met", "all")))
    parts, more_refs, more_labels = [], {}, {}
    for n, total in enumerate(missed):
        part, part_refs, part_labels = _target_part(total, n)
        parts.append(part)
        more_refs, more_labels = more_refs | part_refs, more_labels | part_labels
    if len(missed) == 1:
        template, (slot_refs, slot_labels) = _("Chỉ tiêu chưa đạt: %(list)s.") % {"list": parts[0]}, ({}, {})
    else:
        template = _("Còn %(missed)s chỉ tiêu của kế hoạch phối hợp chưa đạt: %(list)s.") % {
            "missed": "%(missed)s", "list": "; ".join(parts)}
        slot_refs, slot_labels = pick("missed")
    out.append(_say(review, LIMITATION, "targets_missed", template, slot_refs | more_refs, slot_labels | more_labels))
    return out


def tasks(review: Review) -> list[Statement]:
    """The tasks done by the review's day (a strength), those overdue then (a limitation)."""
    if not review.tasks:
        return []
    refs = {"all": "n:tasks.all", "done": "n:tasks.done", "overdue": "n:tasks.overdue"}
    labels = {"all": _("Nhiệm vụ"), "done": _("Nhiệm vụ hoàn thành"), "overdue": _("Nhiệm vụ quá hạn")}
    pick = lambda *slots: ({k: refs[k] for k in slots}, {k: labels[k] for k in slots})  # noqa: E731
    out = []
    if review.figure("tasks.done"):
        template = _("Các tổ chức thành viên đã hoàn thành %(done)s trong %(all)s nhiệm vụ của kế hoạch phối hợp")
        template += "." if review.figure("tasks.overdue") else _(", không có nhiệm vụ quá hạn.")
        out.append(_say(review, STRENGTH, "tasks_on_track", template, *pick("done", "all")))
    if review.figure("tasks.overdue"):
        template = _("Còn %(overdue)s nhiệm vụ của kế hoạch phối hợp đã quá thời hạn mà chưa hoàn thành.")
        out.append(_say(review, LIMITATION, "tasks_overdue", template, *pick("overdue")))
    return out


def joint_share(review: Review) -> Statement | None:
    if not review.coordination.activities:
        return None
    refs = {"joint": "n:joint", "all": "n:activities", "share": "pct:joint_share"}
    labels = {"joint": _("Hoạt động có từ hai thành viên trở lên"), "all": _("Hoạt động"), "share": _("Tỷ lệ")}
    if review.coordination.joint_share < settings.REVIEW_JOINT_SHARE_MIN:
        template = _(
            "Sự phối hợp giữa các thành viên chưa rõ nét: trong %(all)s hoạt động, mới có %(joint)s hoạt động "
            "(%(share)s) có từ hai tổ chức thành viên trở lên cùng thực hiện; kết quả đạt được phần lớn mang tính "
            "đặc trưng của từng ngành."
        )
        statement = _say(review, LIMITATION, "joint_share_low", template, refs, labels)
    else:
        template = _(
            "Các thành viên chủ động phối hợp: %(joint)s trong %(all)s hoạt động (%(share)s) có từ hai tổ chức "
            "thành viên trở lên cùng thực hiện."
        )
        statement = _say(review, STRENGTH, "joint_share_good", template, refs, labels)
    statement.figures[_("Ngưỡng đánh giá")] = percent(settings.REVIEW_JOINT_SHARE_MIN, 0)
    return statement


def content_spread(review: Review) -> Statement | None:
    top = review.coordination.top_area_share
    active = [a for a in review.areas if a.activities]
    if top is None or len(active) < 2:
        return None
    refs = {"n": "n:activities", "areas": "n:active_areas", "top": "pct:top_area_share"}
    labels = {"n": _("Hoạt động"), "areas": _("Số nội dung có hoạt động"), "top": _("Tỷ trọng nội dung nhiều nhất")}
    if top <= settings.REVIEW_TOP_AREA_SHARE_MAX:
        template = _(
            "Nội dung phối hợp còn dàn trải: %(n)s hoạt động trải trên %(areas)s nội dung, nội dung nhiều hoạt "
            "động nhất cũng chỉ chiếm %(top)s; chưa tập trung vào những nội dung trọng tâm."
        )
        statement = _say(review, LIMITATION, "content_spread_thin", template, refs, labels)
    else:
        busiest = max(active, key=lambda a: a.activities)
        template = _("Hoạt động phối hợp tập trung vào nội dung trọng tâm “%(name)s”, chiếm %(top)s số hoạt động.")
        statement = _say(review, STRENGTH, "content_focused", template, {"top": refs["top"]},
                         {"top": labels["top"]}, name=busiest.name)
    statement.figures[_("Ngưỡng tập trung")] = percent(settings.REVIEW_TOP_AREA_SHARE_MAX, 0)
    return statement


def outstanding_models(review: Review) -> Statement | None:
    refs = {"outstanding": "n:models.outstanding", "recognized": "n:models.recognized_all"}
    labels = {"outstanding": _("Mô hình tiêu biểu, nổi bật"), "recognized": _("Mô hình được công nhận")}
    if not review.figure("models.recognized_all"):
        template = _("Chưa có mô hình phối hợp nào được công nhận; các thành viên chưa xây dựng được mô hình tiêu biểu.")
        statement = _say(review, LIMITATION, "no_recognized_models", template, {}, {})
    elif review.figure("models.outstanding") < settings.REVIEW_OUTSTANDING_MODELS_MIN:
        template = _(
            "Còn ít mô hình phối hợp tiêu biểu, nổi bật: trong %(recognized)s mô hình được công nhận mới có "
            "%(outstanding)s mô hình tiêu biểu."
        )
        statement = _say(review, LIMITATION, "few_outstanding_models", template, refs, labels)
    else:
        template = _("Nhiều mô hình phối hợp được nhân rộng: %(outstanding)s mô hình tiêu biểu, nổi bật.")
        statement = _say(review, STRENGTH, "outstanding_models", template, {"outstanding": refs["outstanding"]},
                         {"outstanding": labels["outstanding"]})
    statement.figures[_("Ngưỡng đánh giá")] = str(settings.REVIEW_OUTSTANDING_MODELS_MIN)
    return statement


def sensitive_topics(review: Review) -> Statement | None:
    """Land, site clearance and religion resolved at a lower rate than the other topics."""
    focus, others = review.cases(focus_topics()), review.cases(exclude=focus_topics())
    if review.redacted or not focus.ended or not others.ended:
        return None
    if others.rate - focus.rate < settings.REVIEW_SENSITIVE_GAP:
        return None
    names = ", ".join(t.name.lower() for t in review.topics if t.code in focus_topics())
    template = _(
        "Kết quả vận động nhân dân về %(names)s còn hạn chế: các vụ việc thuộc các lĩnh vực này mới giải quyết "
        "được %(resolved)s trong %(ended)s vụ việc đã kết thúc (%(rate)s), trong khi ở các lĩnh vực khác là "
        "%(other)s."
    )
    refs = {"resolved": "n:focus.resolved", "ended": "n:focus.ended", "rate": "pct:focus.rate", "other": "pct:others.rate"}
    labels = {
        "resolved": _("Đã giải quyết: %(names)s") % {"names": names},
        "ended": _("Đã kết thúc: %(names)s") % {"names": names},
        "rate": _("Tỷ lệ giải quyết: %(names)s") % {"names": names},
        "other": _("Tỷ lệ giải quyết: các lĩnh vực khác"),
    }
    statement = _say(review, LIMITATION, "sensitive_topics_weak", template, refs, labels, names=names)
    statement.sensitive = True
    return statement


# --- III. 3–4, IV, V: nguyên nhân, bài học, phương hướng, kiến nghị ---------------------------
#
# Drafted only where the figures ground them; the secretariat writes the rest beside them.


def _rule_of(statements: list[Statement], rule: str) -> bool:
    return any(s.rule == rule for s in statements)


def _join_parts(review: Review, kind: str, rule: str, lead: str, parts: list[tuple[str, dict, dict]]) -> Statement | None:
    """One sentence "<lead>: part; part; part." from (template, refs, labels) parts."""
    if not parts:
        return None
    refs, labels = {}, {}
    for _text, part_refs, part_labels in parts:
        refs, labels = refs | part_refs, labels | part_labels
    template = lead + ": " + "; ".join(text for text, _refs, _labels in parts) + "."
    return _say(review, kind, rule, template, refs, labels)


def causes(review: Review, found: list[Statement]) -> list[Statement]:
    """Nguyên nhân khách quan, chủ quan: each limitation measured above, traced to its cause."""
    out = []
    if _rule_of(found, "sensitive_topics_weak"):
        template = _(
            "Nguyên nhân khách quan: các vụ việc về đất đai, giải phóng mặt bằng, tôn giáo phức tạp, kéo dài, "
            "liên quan đến nhiều cấp, nhiều ngành"
        )
        refs, labels = {}, {}
        if review.figure("focus.open"):
            template += _("; đến cuối kỳ còn %(open)s vụ việc thuộc các lĩnh vực này đang theo dõi, xử lý")
            refs, labels = {"open": "n:focus.open"}, {"open": _("Đang xử lý: đất đai, GPMB, tôn giáo")}
        statement = _say(review, CAUSE, "cause_sensitive_cases", template + ".", refs, labels)
        statement.sensitive = True
        out.append(statement)
    parts = []
    if _rule_of(found, "joint_share_low"):
        parts.append((_("kế hoạch phối hợp chưa phân công rõ tổ chức chủ trì, tổ chức phối hợp, nhiều thành viên "
                        "còn tự thực hiện nội dung của ngành mình"), {}, {}))
    if review.reports_timeliness is not None and review.reports_timeliness < 1:
        parts.append((_("chế độ thông tin, báo cáo chưa nghiêm, mới có %(timely)s báo cáo định kỳ gửi đúng hạn"),
                      {"timely": "pct:reports.timeliness"}, {"timely": _("Báo cáo đúng hạn")}))
    if _rule_of(found, "tasks_overdue"):
        parts.append((_("việc kiểm tra, đôn đốc thực hiện kế hoạch có lúc chưa thường xuyên"), {}, {}))
    if _rule_of(found, "few_outstanding_models") or _rule_of(found, "no_recognized_models"):
        parts.append((_("chưa chú trọng lựa chọn, xây dựng và nhân rộng mô hình phối hợp"), {}, {}))
    subjective = _join_parts(review, "cause", "cause_subjective", _("Nguyên nhân chủ quan"), parts)
    return out + ([subjective] if subjective else [])


def _outstanding_model(review: Review):
    for area in review.areas:
        for n, model in enumerate(area.models):
            if model.status == "outstanding":
                return area, n, model
    return None


def lessons(review: Review, found: list[Statement]) -> list[Statement]:
    """Bài học kinh nghiệm drawn from what worked in the period."""
    out = []
    picked = _outstanding_model(review)
    if picked:
        area, n, model = picked
        template = _(
            "Lựa chọn nội dung phối hợp sát với nhiệm vụ chính trị và nhu cầu của nhân dân, xây dựng thành mô "
            "hình cụ thể, có tổ chức chủ trì và tổ chức phối hợp rõ ràng thì hiệu quả cao, như %(model)s"
        ) % {"model": _lower_first(model_name(model.name)).replace("%", "%%")}
        refs, labels = {}, {}
        if model.replications:
            template += _(" được nhân rộng tại %(places)s địa bàn")
            refs = {"places": f"n:area.{area.number}.model.{n}.replications"}
            labels = {"places": _("Địa bàn nhân rộng: %(model)s") % {"model": model.name}}
        out.append(_say(review, LESSON, "lesson_models", template + ".", refs, labels))
    if _rule_of(found, "joint_share_good") or _rule_of(found, "tasks_on_track"):
        out.append(_say(review, LESSON, "lesson_plan", _(
            "Xây dựng kế hoạch phối hợp hằng năm với nhiệm vụ, chỉ tiêu cụ thể, thường xuyên kiểm tra, đôn đốc, "
            "sơ kết, rút kinh nghiệm là điều kiện để các thành viên hoàn thành nhiệm vụ."), {}, {}))
    return out


def directions(review: Review, found: list[Statement]) -> list[Statement]:
    """Phương hướng, nhiệm vụ: each limitation measured above, turned into a task."""
    out = []
    if _rule_of(found, "joint_share_low"):
        out.append(_say(review, DIRECTION, "direction_joint", _(
            "Tăng cường phối hợp thực chất giữa các tổ chức thành viên: mỗi nhiệm vụ của kế hoạch phối hợp phân "
            "công rõ tổ chức chủ trì, tổ chức phối hợp; phấn đấu nâng tỷ lệ hoạt động có từ hai thành viên trở lên "
            "cùng thực hiện (%(period)s là %(share)s)."), {"share": "pct:joint_share"},
            {"share": _("Hoạt động có từ hai thành viên trở lên")}, period=review.period_label))
    if _rule_of(found, "content_spread_thin"):
        out.append(_say(review, DIRECTION, "direction_focus", _(
            "Tập trung phối hợp vào những nội dung trọng tâm, những địa bàn tập trung nhiều vụ việc gây bức xúc "
            "trong nhân dân, tránh dàn trải."), {}, {}))
    if _rule_of(found, "few_outstanding_models") or _rule_of(found, "no_recognized_models"):
        out.append(_say(review, DIRECTION, "direction_models", _(
            "Lựa chọn, xây dựng mô hình phối hợp cụ thể ở từng nội dung; kịp thời công nhận, nhân rộng mô hình "
            "hay, cách làm hiệu quả."), {}, {}))
    if review.figure("cases.open"):
        template = _("Tiếp tục nắm chắc tình hình, phối hợp giải quyết dứt điểm %(open)s vụ việc đang theo dõi, xử lý")
        if _rule_of(found, "sensitive_topics_weak"):
            template += _(", nhất là các vụ việc về đất đai, giải phóng mặt bằng, tôn giáo")
        statement = _say(review, DIRECTION, "direction_cases", template + ".", {"open": "n:cases.open"},
                         {"open": _("Vụ việc đang xử lý")})
        statement.sensitive = _rule_of(found, "sensitive_topics_weak")
        out.append(statement)
    if _rule_of(found, "targets_missed"):
        out.append(_say(review, DIRECTION, "direction_targets", _(
            "Rà soát, có giải pháp cụ thể để hoàn thành các chỉ tiêu của kế hoạch phối hợp còn chưa đạt."), {}, {}))
    return out


def recommendations(review: Review, found: list[Statement]) -> list[Statement]:
    """Kiến nghị, đề xuất: what only the committee's superiors can unblock."""
    if not review.figure("cases.overdue"):
        return []
    return [_say(review, RECOMMENDATION, "recommend_overdue_cases", _(
        "Đề nghị cấp ủy, chính quyền các cấp chỉ đạo các cơ quan có thẩm quyền tập trung giải quyết dứt điểm "
        "%(overdue)s vụ việc đã quá thời hạn giải quyết."), {"overdue": "n:cases.overdue"},
        {"overdue": _("Vụ việc quá hạn")})]


# Rules drafted from the statements above them (a cause for each limitation found).
FOLLOWING_RULES = [causes, lessons, directions, recommendations]

RULES = [
    situation,
    results_overview,
    area_results,
    cases_handled,
    models,
    targets,
    tasks,
    joint_share,
    content_spread,
    outstanding_models,
    sensitive_topics,
]


def draft_statements(review: Review) -> list[Statement]:
    """Every rule's statements; sensitive ones left out of a redacted review."""
    statements = []
    for rule in RULES:
        found = rule(review)
        statements += found if isinstance(found, list) else [found] if found is not None else []
    for rule in FOLLOWING_RULES:
        statements += rule(review, list(statements))
    return [s for s in statements if not (review.redacted and s.sensitive)]


def statements_of(review: Review, kind: str) -> list[Statement]:
    return [s for s in review.statements if s.kind == kind and not (review.redacted and s.sensitive)]
