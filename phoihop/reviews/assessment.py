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
    figure_text,
)

SITUATION, RESULT, STRENGTH, LIMITATION = "situation", "result", "strength", "limitation"
DEFAULT_FOCUS_TOPICS = ("dat-dai", "gpmb", "ton-giao")
HEADLINE_INDICATORS = 6
MONEY_UNITS = {"đồng", "nghìn đồng", "triệu đồng"}
_SLOT = re.compile(r"%\((\w+)\)s")


def focus_topics() -> tuple[str, ...]:
    """The topics of the seed's fourth limitation: land, site clearance, religion."""
    return tuple(getattr(settings, "REVIEW_FOCUS_TOPICS", DEFAULT_FOCUS_TOPICS))


def _say(review: Review, kind: str, rule: str, template: str, refs: dict, labels: dict, **words) -> Statement:
    """Fill `template`: each slot in `refs` with its figure, each in `words` with plain text.

    `labels` names the figures shown beside the sentence (slot → label).
    """
    values = {slot: figure_text(review, ref) for slot, ref in refs.items()}
    order = [slot for slot in _SLOT.findall(template) if slot in refs]
    figures = {label: values[slot] for slot, label in labels.items()}
    return Statement(kind, rule, template % (values | words), figures, refs=[refs[slot] for slot in order])


def _lower_first(name: str) -> str:
    return name[:1].lower() + name[1:]


def _value_ref(total: IndicatorTotal, key: str) -> str:
    if total.unit in MONEY_UNITS:
        return f"money:{key}"
    return f"d{total.decimals}:{key}" if total.decimals else f"n:{key}"


def indicator_phrase(total: IndicatorTotal, slot: str) -> str:
    """ "%(x)s buổi tuyên truyền", "tiền vận động, ủng hộ %(x)s đồng": the figure inside the words."""
    name, unit = _lower_first(total.name).replace("%", "%%"), total.unit.replace("%", "%%")
    if total.unit in MONEY_UNITS:
        return f"{name} %({slot})s {unit}"
    if name.lower().startswith(unit.lower() + " ") or name.lower() == unit.lower():
        return f"%({slot})s {name}"
    return f"%({slot})s {unit} {name}"


def _figures_clause(totals: list[IndicatorTotal], key_of) -> tuple[str, dict, dict]:
    """ "502 buổi tuyên truyền, 51.540 lượt người dự tuyên truyền; …" as a template."""
    phrases, refs, labels = [], {}, {}
    for n, total in enumerate(totals):
        slot = f"f{n}"
        phrases.append(indicator_phrase(total, slot))
        refs[slot] = _value_ref(total, key_of(total))
        labels[slot] = total.name
    return "; ".join(phrases), refs, labels


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
        "Trong %(period)s, các tổ chức thành viên thực hiện %(n)s hoạt động phối hợp được Thường trực "
        "xác nhận, trong đó %(joint)s hoạt động có từ hai thành viên trở lên cùng tham gia."
    )
    refs = {"n": "n:activities", "joint": "n:joint"}
    labels = {"n": _("Hoạt động được xác nhận"), "joint": _("Hoạt động có từ hai thành viên trở lên")}
    shown = [t for t in review.totals if t.value][:HEADLINE_INDICATORS]
    if shown:
        clause, more_refs, more_labels = _figures_clause(shown, lambda t: f"total.{t.code}.value")
        template += " " + _("Qua đó, các thành viên đạt: %(clause)s.") % {"clause": clause}
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
        clause, more_refs, more_labels = _figures_clause(shown, lambda t: f"{key}.total.{t.code}.value")
        template += " " + _("Qua đó, các thành viên đạt %(clause)s.") % {"clause": clause}
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
        "Các tổ chức thành viên nắm tình hình, tiếp nhận %(received)s vụ việc; đã giải quyết %(resolved)s vụ việc"
    ) + (_(", chuyển cơ quan có thẩm quyền %(referred)s vụ việc") if referred else "") + _(
        "; còn %(open)s vụ việc đang theo dõi, xử lý."
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
        "Các thành viên xây dựng được %(all)s mô hình phối hợp được công nhận, trong đó %(outstanding)s mô hình "
        "tiêu biểu, nổi bật; %(proposed)s mô hình đang được đề xuất công nhận."
    )
    refs = {"all": "n:models.recognized_all", "outstanding": "n:models.outstanding", "proposed": "n:models.proposed"}
    labels = {"all": _("Mô hình được công nhận"), "outstanding": _("Mô hình tiêu biểu"), "proposed": _("Mô hình đề xuất")}
    return _say(review, RESULT, "models", template, refs, labels)


# --- III. Ưu điểm, hạn chế --------------------------------------------------------------


def targets(review: Review) -> Statement | None:
    """"Đạt": the period's result against the period's target (IndicatorTotal.ratio)."""
    planned = review.planned()
    if not planned:
        return None
    missed = [t for t in planned if not t.met]
    refs = {"all": "n:targets.all", "met": "n:targets.met"}
    labels = {"all": _("Chỉ tiêu kế hoạch"), "met": _("Chỉ tiêu đạt")}
    if not missed and len(planned) == 1:
        return _say(review, STRENGTH, "targets_met", _("Chỉ tiêu của kế hoạch phối hợp trong kỳ đạt và vượt."), {}, {})
    if not missed:
        template = _("Cả %(all)s chỉ tiêu của kế hoạch phối hợp trong kỳ đều đạt và vượt.")
        return _say(review, STRENGTH, "targets_met", template, {"all": refs["all"]}, {"all": labels["all"]})
    parts = []
    for n, total in enumerate(missed):
        key = f"total.{total.code}"
        refs |= {f"v{n}": _value_ref(total, f"{key}.value"), f"t{n}": _value_ref(total, f"{key}.target")}
        labels |= {f"v{n}": total.name, f"t{n}": _("%(name)s, chỉ tiêu") % {"name": total.name}}
        name, unit = _lower_first(total.name).replace("%", "%%"), total.unit.replace("%", "%%")
        parts.append(f"{name} (%(v{n})s/%(t{n})s {unit})")
    template = _(
        "Trong %(all)s chỉ tiêu của kế hoạch phối hợp trong kỳ, %(met)s chỉ tiêu đạt và vượt; còn chưa đạt: %(list)s."
    ) % {"all": "%(all)s", "met": "%(met)s", "list": ", ".join(parts)}
    return _say(review, LIMITATION, "targets_missed", template, refs, labels)


def tasks(review: Review) -> Statement | None:
    if not review.tasks:
        return None
    refs = {"all": "n:tasks.all", "done": "n:tasks.done", "overdue": "n:tasks.overdue"}
    labels = {"all": _("Nhiệm vụ"), "done": _("Nhiệm vụ hoàn thành"), "overdue": _("Nhiệm vụ quá hạn")}
    if review.figure("tasks.overdue"):
        template = _(
            "Trong %(all)s nhiệm vụ của kế hoạch phối hợp, các thành viên mới hoàn thành %(done)s nhiệm vụ; "
            "%(overdue)s nhiệm vụ đã quá hạn mà chưa hoàn thành."
        )
        return _say(review, LIMITATION, "tasks_overdue", template, refs, labels)
    if not review.figure("tasks.done"):
        return None
    template = _("Các thành viên hoàn thành %(done)s trong %(all)s nhiệm vụ của kế hoạch phối hợp, không có nhiệm vụ quá hạn.")
    return _say(review, STRENGTH, "tasks_on_track", template, {"done": refs["done"], "all": refs["all"]},
                {"done": labels["done"], "all": labels["all"]})


def joint_share(review: Review) -> Statement | None:
    if not review.coordination.activities:
        return None
    refs = {"joint": "n:joint", "all": "n:activities", "share": "pct:joint_share"}
    labels = {"joint": _("Hoạt động có từ hai thành viên trở lên"), "all": _("Hoạt động"), "share": _("Tỷ lệ")}
    if review.coordination.joint_share < settings.REVIEW_JOINT_SHARE_MIN:
        template = _(
            "Sự phối hợp giữa các thành viên chưa rõ nét: chỉ %(joint)s trong %(all)s hoạt động (%(share)s) có từ "
            "hai tổ chức thành viên trở lên cùng thực hiện, kết quả chủ yếu là của từng ngành."
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
            "Nội dung phối hợp còn dàn trải: %(n)s hoạt động trải trên %(areas)s nội dung, nội dung nhiều nhất "
            "chỉ chiếm %(top)s số hoạt động; chưa tập trung vào nội dung trọng tâm."
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
    return [s for s in statements if not (review.redacted and s.sensitive)]


def statements_of(review: Review, kind: str) -> list[Statement]:
    return [s for s in review.statements if s.kind == kind and not (review.redacted and s.sensitive)]
