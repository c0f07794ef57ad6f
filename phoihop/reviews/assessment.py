"""The drafted assessment: transparent rules that turn a review's figures into sentences.

Each rule is a small function `rule(review) -> Statement | None`: it reads figures of
the Review, compares them with a threshold from settings, and returns a sentence for
"Kết quả đạt được" (kind "strength") or "Hạn chế" (kind "limitation") together with the
figures it rests on, or None when the figures say nothing. The four limitations of the
seed's 2016–2020 review are measured here:

- "phối hợp chưa rõ nét"        → joint_share: share of activities done by 2+ members
                                   below REVIEW_JOINT_SHARE_MIN;
- "nội dung còn dàn trải"        → content_spread: the busiest content area holds no more
                                   than REVIEW_TOP_AREA_SHARE_MAX, few joint ones per area;
- "ít mô hình tiêu biểu"         → outstanding_models: fewer than REVIEW_OUTSTANDING_MODELS_MIN;
- "đất đai, GPMB, tôn giáo yếu"  → sensitive_topics: their resolution rate trails the other
                                   topics' by REVIEW_SENSITIVE_GAP or more (sensitive).
"""

from django.conf import settings
from django.utils.translation import gettext as _

from phoihop.lib.vnformat import number, percent
from phoihop.reviews.data import Review, Statement

STRENGTH, LIMITATION = "strength", "limitation"
DEFAULT_FOCUS_TOPICS = ("dat-dai", "gpmb", "ton-giao")
HEADLINE_INDICATORS = 6


def focus_topics() -> tuple[str, ...]:
    """The topics of the seed's fourth limitation: land, site clearance, religion."""
    return tuple(getattr(settings, "REVIEW_FOCUS_TOPICS", DEFAULT_FOCUS_TOPICS))


def _pct(ratio) -> str:
    return percent(ratio, 0)


def _count(n) -> str:
    return number(n)


def _lower_first(name: str) -> str:
    return name[:1].lower() + name[1:]


def _figure(total) -> str:
    """ "buổi tuyên truyền: 38 buổi": the indicator, then its value with the unit."""
    return f"{_lower_first(total.name)}: {number(total.value, total.decimals)} {total.unit}"


# --- Results ------------------------------------------------------------------------


def results_overview(review: Review) -> Statement | None:
    c = review.coordination
    if not c.activities:
        return None
    shown = [t for t in review.totals if t.value][:HEADLINE_INDICATORS]
    parts = [_figure(t) for t in shown]
    text = _(
        "Trong %(period)s, các tổ chức thành viên thực hiện %(n)s hoạt động phối hợp được xác nhận"
    ) % {"period": review.period_label, "n": _count(c.activities)}
    text += (
        (_(", với các kết quả chủ yếu: %(list)s.") % {"list": "; ".join(parts)}) if parts else "."
    )
    figures = {_("Hoạt động được xác nhận"): _count(c.activities)}
    figures |= {t.name: f"{number(t.value, t.decimals)} {t.unit}" for t in shown}
    return Statement(STRENGTH, "results_overview", text, figures)


def targets(review: Review) -> Statement | None:
    planned = [t for t in review.totals if t.target]
    if not planned:
        return None
    missed = [t for t in planned if t.ratio < 1]
    figures = {
        f"{t.name}": f"{number(t.achieved if t.achieved is not None else t.value, t.decimals)}/{number(t.target, t.decimals)} {t.unit}"
        for t in planned
    }
    values = {"met": _count(len(planned) - len(missed)), "all": _count(len(planned))}
    if not missed:
        return Statement(
            STRENGTH,
            "targets_met",
            _("%(met)s/%(all)s chỉ tiêu kế hoạch đạt và vượt.") % values,
            figures,
        )
    names = ", ".join(t.name.lower() for t in missed)
    text = _("Mới có %(met)s/%(all)s chỉ tiêu kế hoạch đạt; chưa đạt: %(names)s.") % (
        values | {"names": names}
    )
    return Statement(LIMITATION, "targets_missed", text, figures)


def tasks(review: Review) -> Statement | None:
    if not review.tasks:
        return None
    done = sum(1 for t in review.tasks if t.status == "done")
    overdue = sum(1 for t in review.tasks if t.status == "overdue")
    values = {"done": _count(done), "all": _count(len(review.tasks)), "overdue": _count(overdue)}
    figures = {
        _("Nhiệm vụ hoàn thành"): f"{values['done']}/{values['all']}",
        _("Nhiệm vụ quá hạn"): values["overdue"],
    }
    if overdue:
        text = (
            _("%(overdue)s/%(all)s nhiệm vụ trong kế hoạch phối hợp đã quá hạn mà chưa hoàn thành.")
            % values
        )
        return Statement(LIMITATION, "tasks_overdue", text, figures)
    if not done:
        return None
    text = (
        _(
            "Hoàn thành %(done)s/%(all)s nhiệm vụ trong kế hoạch phối hợp, không có nhiệm vụ quá hạn."
        )
        % values
    )
    return Statement(STRENGTH, "tasks_on_track", text, figures)


# --- The seed's four limitations --------------------------------------------------------


def joint_share(review: Review) -> Statement | None:
    c = review.coordination
    if not c.activities:
        return None
    values = {"share": _pct(c.joint_share), "joint": _count(c.joint), "all": _count(c.activities)}
    figures = {
        _("Hoạt động có từ hai thành viên trở lên"): f"{values['joint']}/{values['all']}",
        _("Tỷ lệ hoạt động phối hợp"): percent(c.joint_share),
        _("Ngưỡng đánh giá"): _pct(settings.REVIEW_JOINT_SHARE_MIN),
    }
    if c.joint_share < settings.REVIEW_JOINT_SHARE_MIN:
        text = (
            _(
                "Chỉ %(share)s hoạt động có từ hai tổ chức thành viên trở lên cùng thực hiện "
                "(%(joint)s/%(all)s hoạt động); sự phối hợp giữa các thành viên chưa rõ nét, "
                "kết quả chủ yếu là của từng ngành."
            )
            % values
        )
        return Statement(LIMITATION, "joint_share_low", text, figures)
    text = (
        _(
            "%(share)s hoạt động có từ hai tổ chức thành viên trở lên cùng thực hiện "
            "(%(joint)s/%(all)s hoạt động)."
        )
        % values
    )
    return Statement(STRENGTH, "joint_share_good", text, figures)


def content_spread(review: Review) -> Statement | None:
    c, top = review.coordination, review.coordination.top_area_share
    active = [a for a in review.areas if a.activities]
    if top is None or len(active) < 2:
        return None
    busiest = max(active, key=lambda a: a.activities)
    joint_per_area = sum(a.joint for a in active) / len(active)
    values = {
        "n": _count(c.activities),
        "areas": _count(len(active)),
        "top": _pct(top),
        "name": busiest.name,
        "joint": number(joint_per_area, 1),
    }
    figures = {
        _("Số nội dung có hoạt động"): values["areas"],
        _("Tỷ trọng nội dung nhiều nhất"): percent(top),
        _("Hoạt động phối hợp bình quân mỗi nội dung"): values["joint"],
        _("Ngưỡng tập trung"): _pct(settings.REVIEW_TOP_AREA_SHARE_MAX),
    }
    if top <= settings.REVIEW_TOP_AREA_SHARE_MAX:
        text = (
            _(
                "Nội dung phối hợp còn dàn trải: %(n)s hoạt động chia cho %(areas)s nội dung, nội dung "
                "nhiều nhất chỉ chiếm %(top)s; bình quân mỗi nội dung chỉ có %(joint)s hoạt động "
                "có từ hai thành viên trở lên cùng thực hiện."
            )
            % values
        )
        return Statement(LIMITATION, "content_spread_thin", text, figures)
    text = (
        _("Hoạt động phối hợp tập trung vào nội dung trọng tâm “%(name)s” (%(top)s số hoạt động).")
        % values
    )
    return Statement(STRENGTH, "content_focused", text, figures)


def outstanding_models(review: Review) -> Statement | None:
    counts = review.coordination.models_by_status
    values = {
        "outstanding": _count(counts.get("outstanding", 0)),
        "recognized": _count(counts.get("recognized", 0)),
        "proposed": _count(counts.get("proposed", 0)),
    }
    figures = {
        _("Mô hình tiêu biểu, nổi bật"): values["outstanding"],
        _("Mô hình được công nhận"): values["recognized"],
        _("Mô hình đề xuất"): values["proposed"],
        _("Ngưỡng đánh giá"): _count(settings.REVIEW_OUTSTANDING_MODELS_MIN),
    }
    if counts.get("outstanding", 0) < settings.REVIEW_OUTSTANDING_MODELS_MIN:
        text = (
            _(
                "Còn ít mô hình phối hợp tiêu biểu, nổi bật: có %(outstanding)s mô hình tiêu biểu, "
                "%(recognized)s mô hình được công nhận và %(proposed)s mô hình mới ở mức đề xuất."
            )
            % values
        )
        return Statement(LIMITATION, "few_outstanding_models", text, figures)
    text = (
        _(
            "Xây dựng được %(outstanding)s mô hình phối hợp tiêu biểu, nổi bật và %(recognized)s mô hình "
            "được công nhận."
        )
        % values
    )
    return Statement(STRENGTH, "outstanding_models", text, figures)


def _ended_and_resolved(rows) -> tuple[int, int]:
    ended = sum(t.resolved + t.referred + t.closed_unresolved for t in rows)
    return ended, sum(t.resolved for t in rows)


def sensitive_topics(review: Review) -> Statement | None:
    """Land, site clearance and religion resolved at a lower rate than the other topics."""
    focus = [t for t in review.topics if t.code in focus_topics()]
    others = [t for t in review.topics if t.code not in focus_topics()]
    (f_ended, f_resolved), (o_ended, o_resolved) = (
        _ended_and_resolved(focus),
        _ended_and_resolved(others),
    )
    if review.redacted or not f_ended or not o_ended:
        return None
    f_rate, o_rate = f_resolved / f_ended, o_resolved / o_ended
    if o_rate - f_rate < settings.REVIEW_SENSITIVE_GAP:
        return None
    names = ", ".join(t.name.lower() for t in focus)
    values = {
        "names": names,
        "rate": _pct(f_rate),
        "resolved": _count(f_resolved),
        "ended": _count(f_ended),
        "other": _pct(o_rate),
    }
    text = (
        _(
            "Kết quả vận động nhân dân về %(names)s còn hạn chế: tỷ lệ giải quyết các vụ việc thuộc các "
            "lĩnh vực này chỉ đạt %(rate)s (%(resolved)s/%(ended)s vụ việc đã kết thúc), so với "
            "%(other)s ở các lĩnh vực khác."
        )
        % values
    )
    figures = {
        _("Tỷ lệ giải quyết: %(names)s")
        % values: f"{percent(f_rate)} ({values['resolved']}/{values['ended']})",
        _(
            "Tỷ lệ giải quyết: các lĩnh vực khác"
        ): f"{percent(o_rate)} ({_count(o_resolved)}/{_count(o_ended)})",
        _("Chênh lệch tối thiểu"): _pct(settings.REVIEW_SENSITIVE_GAP),
    }
    return Statement(LIMITATION, "sensitive_topics_weak", text, figures, sensitive=True)


def cases_handled(review: Review) -> Statement | None:
    received = sum(t.received for t in review.topics)
    if not received:
        return None
    ended, resolved = _ended_and_resolved(review.topics)
    values = {
        "received": _count(received),
        "resolved": _count(resolved),
        "rate": _pct(resolved / ended) if ended else "–",
        "open": _count(sum(t.open for t in review.topics)),
    }
    text = (
        _(
            "Nắm tình hình, tiếp nhận %(received)s vụ việc; đã giải quyết %(resolved)s vụ việc "
            "(tỷ lệ %(rate)s số vụ việc đã kết thúc), còn %(open)s vụ việc đang theo dõi, xử lý."
        )
        % values
    )
    figures = {
        _("Vụ việc tiếp nhận"): values["received"],
        _("Đã giải quyết"): values["resolved"],
        _("Tỷ lệ giải quyết"): values["rate"],
        _("Đang xử lý"): values["open"],
    }
    sensitive = any(t.sensitive and t.received for t in review.topics)
    return Statement(STRENGTH, "cases_handled", text, figures, sensitive=sensitive)


RULES = [
    results_overview,
    targets,
    tasks,
    cases_handled,
    joint_share,
    content_spread,
    outstanding_models,
    sensitive_topics,
]

# What a section's text says for a sensitive statement: the finding, without its figures.
PLAIN_TEXT = {
    "sensitive_topics_weak": lambda: _(
        "Kết quả vận động nhân dân trong các vụ việc về đất đai, giải phóng mặt bằng, tôn giáo còn hạn chế."
    ),
}


def draft_statements(review: Review) -> list[Statement]:
    """Every rule's statement; sensitive ones left out of a redacted review."""
    statements = [s for rule in RULES if (s := rule(review)) is not None]
    return [s for s in statements if not (review.redacted and s.sensitive)]


# --- The drafted sections -----------------------------------------------------------------


def _area_lines(review: Review) -> list[str]:
    lines = []
    for area in review.areas:
        if not area.activities:
            continue
        figures = "; ".join(_figure(t) for t in area.indicators if t.value)
        line = _(
            "%(number)s. %(name)s: %(n)s hoạt động, trong đó %(joint)s hoạt động có từ hai thành viên trở lên"
        ) % {
            "number": area.number,
            "name": area.name,
            "n": _count(area.activities),
            "joint": _count(area.joint),
        }
        lines.append(f"{line}{'; ' + figures if figures else ''}.")
    return lines


def draft_sections(full: Review, redacted: Review) -> dict[str, str]:
    """Text for "Kết quả đạt được" and "Hạn chế" that anyone who reads the review may see.

    Sentences come from the redacted review (no sensitive figure); a sensitive finding of
    the full review enters as its plain sentence, without figures.
    """
    plain = [PLAIN_TEXT[s.rule]() for s in full.statements if s.sensitive and s.rule in PLAIN_TEXT]
    strengths = [s.text for s in redacted.statements if s.kind == STRENGTH]
    limitations = [s.text for s in redacted.statements if s.kind == LIMITATION] + plain
    areas = _area_lines(redacted)
    results = [f"- {text}" for text in strengths]
    if areas:
        results += ["", _("Kết quả theo từng nội dung phối hợp:"), *areas]
    return {
        "results": "\n".join(results),
        "limitations": "\n".join(f"- {text}" for text in limitations),
    }
