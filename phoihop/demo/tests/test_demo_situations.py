"""The demo's 2016–2020 situations: the seed localities come out as the top hotspots."""

import datetime as dt
from collections import Counter

import pytest
from django.core.management import call_command

from phoihop.accounts.models import User
from phoihop.demo import data
from phoihop.exchange.models import Bulletin
from phoihop.hotspots.models import Hotspot
from phoihop.hotspots.selectors import hotspot_scores_for_user
from phoihop.organizations.models import Committee
from phoihop.situations.models import Case, CaseEvent, CaseStatus, SensitiveReader

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    call_command("demo_load", "--provinces", "tinhhanam", "tinhnamdinh", "tinhninhbinh")
    return Committee.objects.get(name=data.COMMITTEES["hanam"]["name"])


def test_demo_cases_concentrate_on_the_seed_localities_and_top_the_scores(demo):
    cases = Case.objects.filter(committee=demo)
    assert 60 <= cases.count() <= 100
    seed = cases.filter(locality__code__in=data.SEED_COMMUNES, locality__ref__startswith="v1.")
    assert set(seed.values_list("locality__code", flat=True)) == set(data.SEED_COMMUNES)
    # each on the commune as it was on the day the case opened (Yên Bắc a phường from 2020)
    assert all(c.locality.is_valid_on(c.opened_on) for c in cases.select_related("locality"))
    assert seed.count() > 0.8 * cases.count()
    statuses = Counter(cases.values_list("status", flat=True))
    assert (
        statuses[CaseStatus.RESOLVED]
        and statuses[CaseStatus.REFERRED]
        and statuses[CaseStatus.IN_PROGRESS]
    )
    assert cases.filter(recurrence_of__isnull=False).count() >= 5
    assert cases.filter(reopen_count__gt=0).exists()
    assert cases.open().filter(due_date__lt=dt.date(2021, 1, 1)).exists()  # overdue
    assert set(cases.values_list("topic__code", flat=True)) >= {"dat-dai", "gpmb", "ton-giao"}
    assert (
        cases.filter(opened_on__year__lt=2016).count()
        == cases.filter(opened_on__year__gt=2020).count()
        == 0
    )
    secretariat = User.objects.get(username="thuongtruc")
    scores = hotspot_scores_for_user(
        secretariat, demo, start=dt.date(2016, 1, 1), end=dt.date(2020, 12, 31)
    )
    top = [entry.locality.code for entry in scores[:13]]
    assert set(top) == set(data.SEED_COMMUNES)


def test_demo_designates_hotspots_with_reasons_and_sends_bulletins(demo):
    hotspots = Hotspot.objects.filter(committee=demo)
    assert 4 <= hotspots.filter(lifted_on__isnull=True).count() <= 6
    assert hotspots.exclude(lifted_on=None).count() == 1
    assert all(h.locality.code in data.SEED_COMMUNES and len(h.reason) > 40 for h in hotspots)
    assert Bulletin.objects.filter(committee=demo).count() >= 4


def test_demo_timelines_reference_other_cases_and_the_leader_is_not_designated(demo):
    """The demo's recurrences point at the other case instead of copying its title, and
    the read-only leader, whom the demo deliberately does not designate, sees no
    sensitive case (data.SENSITIVE_READERS)."""
    links = CaseEvent.objects.filter(case__committee=demo, kind=CaseEvent.Kind.RECURRENCE)
    assert links.count() >= 10
    for event in links.select_related("related_case"):
        assert event.related_case is not None and event.related_case.title not in event.text
    assert not SensitiveReader.objects.filter(committee=demo).exists()
    leader = User.objects.get(username="lanhdao")
    assert not Case.objects.visible_to(leader).filter(sensitive=True).exists()
    assert Case.objects.filter(committee=demo, sensitive=True).exists()
