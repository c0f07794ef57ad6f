"""Hotspot pages: the offline map, the score ranking and its explanation, decisions."""

from decimal import Decimal
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from phoihop.activities.models import Activity
from phoihop.core.access import get_scoped
from phoihop.core.forms import form_action
from phoihop.hotspots import selectors as hotspots
from phoihop.hotspots import services as services_hotspots
from phoihop.hotspots.forms import (
    DesignateForm,
    LiftForm,
    LinkResponseForm,
    ScoreFilterForm,
)
from phoihop.lib import vnformat
from phoihop.localities.models import Locality
from phoihop.organizations.selectors import committee_chosen_by

RANKING_LIMIT = 30


def committee_for_request(request):
    """The committee named by ?committee= (404 when not the user's), else the user's
    current one, else None."""
    pk = request.GET.get("committee") or request.POST.get("committee")
    return committee_chosen_by(request.user, pk)


def _required_committee(request):
    committee = committee_for_request(request)
    if committee is None:
        raise Http404
    return committee


def case_list_url(committee, window, topic=None):
    """Link to the case list filtered to one scored locality and the window."""
    try:
        base = reverse("situations:case_list")
    except NoReverseMatch:
        return lambda entry: ""

    def url(entry) -> str:
        query = {
            "committee": committee.pk,
            "locality": entry.unit_id,
            "date_from": window.start.isoformat(),
            "date_to": window.end.isoformat(),
        }
        if topic is not None:
            query["topic"] = topic.pk
        return f"{base}?{urlencode(query)}"

    return url


def _scored(request, committee):
    """The filter form (bound to GET) and the scores it asks for."""
    form = ScoreFilterForm(request.GET or None, default=hotspots.default_window(committee))
    window = form.window
    scores = hotspots.hotspot_scores_for_user(
        request.user,
        committee,
        start=window.start,
        end=window.end,
        topic=form.chosen_topic,
        by_2025=form.grouped_2025,
    )
    return form, window, scores


def _base_context(request, committee, form, window, scores) -> dict:
    return {
        "committee": committee,
        "form": form,
        "window": window,
        "scores": scores,
        "can_decide": hotspots.can_decide_hotspots(request.user, committee),
        "case_urls": case_list_url(committee, window, form.chosen_topic),
        "score_query": _score_query(committee, window, form),
    }


def _score_query(committee, window, form) -> str:
    """The query string that keeps the committee and the filters across pages."""
    query = {
        "committee": committee.pk,
        "start": window.start.isoformat(),
        "end": window.end.isoformat(),
    }
    if form.chosen_topic is not None:
        query["topic"] = form.chosen_topic.pk
    if form.grouped_2025:
        query["by_2025"] = "on"
    return urlencode(query)


@login_required
def hotspot_map(request):
    committee = _required_committee(request)
    form, window, scores = _scored(request, committee)
    context = _base_context(request, committee, form, window, scores)
    urls = context["case_urls"]
    context["rows"] = [(entry, urls(entry)) for entry in scores]
    provinces = hotspots.province_scores(scores)
    context["map_data"] = _with_labels(hotspots.map_data(scores, urls, provinces))
    context["provinces"] = provinces if len(provinces) > 1 else []
    context["legend"] = hotspots.legend_classes(scores[0].score if scores else Decimal(0))
    context["province_legend"] = hotspots.legend_classes(
        provinces[0].score if len(provinces) > 1 else Decimal(0)
    )
    context["no_cases_color"] = hotspots.NO_CASES_COLOR
    return render(request, "hotspots/map.html", context)


def _with_labels(data: dict) -> dict:
    """Add the popup labels (translated) and Vietnamese-formatted scores."""
    for point in data["points"] + data["provinces"]:
        point["score_text"] = vnformat.number(Decimal(point["score"]), 2)
    data["labels"] = {
        "score": _("Điểm"),
        "cases": _("Số vụ việc"),
        "open": _("Còn mở cuối kỳ"),
        "list": _("Xem danh sách vụ việc"),
        "no_cases": _("Không có vụ việc"),
    }
    return data


@login_required
def hotspot_list(request):
    committee = _required_committee(request)
    form, window, scores = _scored(request, committee)
    context = _base_context(request, committee, form, window, scores)
    designated = list(hotspots.hotspots_with_response_counts(request.user, committee))
    context.update(
        ranking=scores[:RANKING_LIMIT],
        active=[h for h in designated if h.lifted_on is None],
        lifted=[h for h in designated if h.lifted_on is not None],
        active_ids={h.locality_id for h in designated if h.lifted_on is None},
    )
    return render(request, "hotspots/hotspot_list.html", context)


@login_required
def hotspot_score(request, locality_pk: int):
    """Why a locality scores what it does: its contributing cases with their points."""
    committee = _required_committee(request)
    locality = _locality(request.user, locality_pk)
    form, window, scores = _scored(request, committee)
    context = _base_context(request, committee, form, window, scores)
    context.update(locality=locality, entry=hotspots.score_for_locality(scores, locality))
    return render(request, "hotspots/hotspot_score.html", context)


def _locality(user, pk) -> Locality:
    return get_scoped(Locality.objects.visible_to(user).select_related("parent__parent"), pk)


@login_required
def hotspot_detail(request, pk: int):
    hotspot = hotspots.get_hotspot_for_user(request.user, pk)
    committee = hotspot.committee
    form = ScoreFilterForm(request.GET or None, default=hotspots.default_window(committee))
    window = form.window
    scores = hotspots.hotspot_scores_for_user(
        request.user,
        committee,
        start=window.start,
        end=window.end,
        topic=form.chosen_topic,
        by_2025=services_hotspots.is_2025_unit(hotspot.locality),
    )
    context = _base_context(request, committee, form, window, scores)
    context.update(
        hotspot=hotspot,
        entry=hotspots.score_for_locality(scores, hotspot.locality),
        decisions=hotspots.hotspot_decisions(hotspot),
        responses=list(
            Activity.objects.visible_to(request.user)
            .filter(pk__in=hotspot.responses.values("pk"))
            .order_by("-start_date")
        ),
    )
    return render(request, "hotspots/hotspot_detail.html", context)


@login_required
def hotspot_designate(request):
    committee = _required_committee(request)
    if not hotspots.can_decide_hotspots(request.user, committee):
        raise PermissionDenied
    initial = {"locality": request.GET.get("locality")}
    form = DesignateForm(request.POST or None, committee=committee, initial=initial)
    done = form_action(
        request,
        form,
        lambda data: services_hotspots.hotspot_designate(
            actor=request.user,
            committee=committee,
            locality=data["locality"],
            reason=data["reason"],
            window=form.window,
        ),
        success=_("Đã xác định địa bàn trọng điểm."),
        then=lambda hotspot: redirect("hotspots:hotspot_detail", pk=hotspot.pk),
    )
    if done:
        return done
    context = {"form": form, "committee": committee, "title": _("Xác định địa bàn trọng điểm")}
    return render(request, "hotspots/hotspot_form.html", context)


@login_required
def hotspot_lift(request, pk: int):
    hotspot = hotspots.get_hotspot_for_user(request.user, pk, write=True)
    form = LiftForm(request.POST or None)
    done = form_action(
        request,
        form,
        lambda data: services_hotspots.hotspot_lift(
            actor=request.user, hotspot=hotspot, reason=data["lift_reason"]
        ),
        success=_("Đã đưa địa bàn ra khỏi danh sách trọng điểm."),
        then=lambda _lifted: redirect("hotspots:hotspot_detail", pk=hotspot.pk),
    )
    if done:
        return done
    context = {
        "form": form,
        "hotspot": hotspot,
        "committee": hotspot.committee,
        "title": _("Đưa %(place)s ra khỏi danh sách trọng điểm") % {"place": hotspot.locality.name},
    }
    return render(request, "hotspots/hotspot_form.html", context)


@login_required
def hotspot_link_response(request, pk: int):
    hotspot = hotspots.get_hotspot_for_user(request.user, pk, write=True)
    activities = (
        Activity.objects.visible_to(request.user)
        .filter(program__committee=hotspot.committee)
        .exclude(pk__in=hotspot.responses.values("pk"))
        .order_by("-start_date")
    )
    form = LinkResponseForm(request.POST or None, activities=activities)
    done = form_action(
        request,
        form,
        lambda data: services_hotspots.hotspot_link_response(
            actor=request.user, hotspot=hotspot, activity=data["activity"]
        ),
        success=_("Đã liên kết hoạt động ứng phó."),
        then=lambda _linked: redirect("hotspots:hotspot_detail", pk=hotspot.pk),
    )
    if done:
        return done
    context = {
        "form": form,
        "hotspot": hotspot,
        "committee": hotspot.committee,
        "title": _("Liên kết hoạt động ứng phó tại %(place)s") % {"place": hotspot.locality.name},
    }
    return render(request, "hotspots/hotspot_form.html", context)
