"""Every hand-off of a joint activity is told (a notification) and waits in "Việc cần
làm" while it is not done; the secretariat is warned before confirming with partners
still pending; a partner's answer stays selected."""

import uuid

from django.urls import reverse

from phoihop.activities.models import ActivityStatus, ParticipationStatus
from phoihop.activities.services import (
    activity_bulk_create,
    activity_confirm,
    activity_return,
    participation_respond,
)
from phoihop.activities.tests.conftest import activity_data
from phoihop.exchange.models import Notification
from phoihop.home.selectors import todos_for_user

HOME = reverse("home:home")


def _kinds(user) -> list[str]:
    return sorted(Notification.objects.filter(user=user).values_list("kind", flat=True))


def _todo_keys(user) -> list[str]:
    return [group.key for group in todos_for_user(user)]


def _submitted(make_activity, cast, capture, **overrides):
    with capture(execute=True):
        return make_activity(
            actor=cast.military_focal,
            lead_id=cast.military.pk,
            partner_ids=[cast.women.pk],
            **overrides,
        )


def test_submitting_tells_the_secretariat_and_invites_the_partners(
    cast, make_activity, django_capture_on_commit_callbacks
):
    activity = _submitted(make_activity, cast, django_capture_on_commit_callbacks)
    assert _kinds(cast.secretariat) == ["submitted"]
    assert _kinds(cast.women_focal) == ["invited"]
    assert _kinds(cast.military_focal) == []  # not told of their own step
    assert _kinds(cast.outsider) == []  # another committee hears nothing
    note = Notification.objects.get(user=cast.women_focal)
    assert activity.title in note.text and note.url == reverse(
        "activities:detail", args=[activity.pk]
    )


def test_a_draft_invites_nobody(cast, make_activity, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        make_activity(
            actor=cast.military_focal,
            lead_id=cast.military.pk,
            partner_ids=[cast.women.pk],
            submit=False,
        )
    assert not Notification.objects.exists()


def test_the_lead_hears_each_answer_the_return_with_its_comment_and_the_confirmation(
    cast, make_activity, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    activity = _submitted(make_activity, cast, capture)
    part = activity.participations.get(organization=cast.women)
    with capture(execute=True):
        participation_respond(actor=cast.women_focal, participation=part, accept=False)
    declined = Notification.objects.get(user=cast.military_focal, kind="responded")
    assert "Hội LHPN tỉnh đã từ chối tham gia" in declined.text
    with capture(execute=True):
        activity_return(actor=cast.secretariat, activity=activity, comment="Bổ sung ảnh")
    returned = Notification.objects.get(user=cast.military_focal, kind="returned")
    assert returned.text.endswith("Ý kiến của Thường trực: Bổ sung ảnh")
    with capture(execute=True):
        participation_respond(actor=cast.women_focal, participation=part, accept=True)
        activity.refresh_from_db()
        activity.status = ActivityStatus.SUBMITTED
        activity.save(update_fields=["status"])
        activity_confirm(actor=cast.secretariat, activity=activity)
    assert Notification.objects.filter(kind="confirmed", user=cast.military_focal).exists()
    assert Notification.objects.filter(kind="confirmed", user=cast.women_focal).exists()
    assert not Notification.objects.filter(kind="confirmed", user=cast.secretariat).exists()


def test_a_declined_partner_is_not_told_of_the_confirmation(
    cast, make_activity, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    activity = _submitted(make_activity, cast, capture)
    part = activity.participations.get(organization=cast.women)
    with capture(execute=True):
        participation_respond(actor=cast.women_focal, participation=part, accept=False)
        activity_confirm(actor=cast.secretariat, activity=activity)
    assert not Notification.objects.filter(kind="confirmed", user=cast.women_focal).exists()


def test_to_dos_follow_the_records_and_go_when_the_step_is_done(
    cast, make_activity, django_capture_on_commit_callbacks
):
    activity = _submitted(make_activity, cast, django_capture_on_commit_callbacks)
    assert _todo_keys(cast.women_focal) == ["invited"]
    assert _todo_keys(cast.secretariat) == ["to_confirm"]
    assert _todo_keys(cast.viewer) == []  # read-only: nothing waits on a reader
    assert _todo_keys(cast.outsider) == []
    waiting = todos_for_user(cast.secretariat)[0].items[0]
    assert waiting.note == "còn 1 đơn vị phối hợp chưa xác nhận"
    part = activity.participations.get(organization=cast.women)
    participation_respond(actor=cast.women_focal, participation=part, accept=True)
    assert _todo_keys(cast.women_focal) == []
    activity_return(actor=cast.secretariat, activity=activity, comment="Bổ sung ảnh")
    assert _todo_keys(cast.secretariat) == []
    returned = todos_for_user(cast.military_focal)
    assert [g.key for g in returned] == ["returned"] and returned[0].items[0].note == "Bổ sung ảnh"
    # Reading the notifications changes no to-do: they come from the records.
    Notification.objects.update(read_at=activity.updated_at)
    assert _todo_keys(cast.military_focal) == ["returned"]


def test_the_home_page_lists_the_to_dos(
    client_for, cast, make_activity, django_capture_on_commit_callbacks
):
    activity = _submitted(make_activity, cast, django_capture_on_commit_callbacks)
    body = client_for(cast.women_focal).get(HOME).content.decode()
    assert "Việc cần làm" in body and "Xác nhận tham gia hoạt động phối hợp" in body
    assert reverse("activities:detail", args=[activity.pk]) in body


def test_the_secretariat_must_acknowledge_partners_still_pending(client_for, cast, make_activity):
    activity = make_activity(
        actor=cast.military_focal,
        lead_id=cast.military.pk,
        partner_ids=[cast.dan_van.pk, cast.women.pk],
    )
    client = client_for(cast.secretariat)
    url = reverse("activities:detail", args=[activity.pk])
    page = client.get(url).content.decode()
    assert "Còn 2 đơn vị phối hợp “Chờ xác nhận”." in page
    refused = client.post(reverse("activities:confirm", args=[activity.pk]))
    assert refused.status_code == 200
    assert "Hãy đánh dấu ô “Vẫn xác nhận”" in refused.content.decode()
    activity.refresh_from_db()
    assert activity.status == ActivityStatus.SUBMITTED
    done = client.post(
        reverse("activities:confirm", args=[activity.pk]), {"acknowledge_pending": "on"}
    )
    assert done.status_code == 302
    activity.refresh_from_db()
    assert activity.status == ActivityStatus.CONFIRMED


def test_no_warning_once_every_partner_answered(client_for, cast, make_activity):
    activity = make_activity(
        actor=cast.military_focal, lead_id=cast.military.pk, partner_ids=[cast.women.pk]
    )
    part = activity.participations.get(organization=cast.women)
    participation_respond(actor=cast.women_focal, participation=part, accept=True)
    client = client_for(cast.secretariat)
    assert (
        "Chờ xác nhận”."
        not in client.get(reverse("activities:detail", args=[activity.pk])).content.decode()
    )
    assert client.post(reverse("activities:confirm", args=[activity.pk])).status_code == 302


def test_the_chosen_answer_stays_selected_and_the_two_look_different(
    client_for, cast, make_activity
):
    activity = make_activity()
    client = client_for(cast.women_focal)
    url = reverse("activities:detail", args=[activity.pk])
    fresh = client.get(url).content.decode()
    assert 'class="answer answer-xac-nhan"' in fresh and 'class="answer answer-tu-choi"' in fresh
    assert "checked" not in fresh.split('class="answer-choice"')[1].split("</fieldset>")[0]
    client.post(reverse("activities:respond", args=[activity.pk]), {"answer": "tu-choi"})
    assert (
        activity.participations.get(organization=cast.women).status == ParticipationStatus.DECLINED
    )
    again = client.get(url).content.decode()
    choice = again.split('class="answer-choice"')[1].split("</fieldset>")[0]
    assert 'value="tu-choi"' in choice.split("checked")[0].rsplit("<input", 1)[1]


def test_an_imported_workbook_is_told_once_per_reader_with_its_counts(
    cast, program, django_capture_on_commit_callbacks
):
    rows = [
        activity_data(
            cast,
            title=f"Tuyên truyền pháp luật đợt {n}",
            lead_id=cast.military.pk,
            partner_ids=[cast.women.pk] if n < 3 else [],
        )
        for n in range(4)
    ]
    with django_capture_on_commit_callbacks(execute=True):
        activity_bulk_create(
            actor=cast.military_focal, program=program, rows=rows, submit=True, batch=uuid.uuid4()
        )
    submitted = Notification.objects.get(user=cast.secretariat)
    invited = Notification.objects.get(user=cast.women_focal)
    assert (submitted.kind, invited.kind) == ("submitted", "invited")
    assert "4 hoạt động" in submitted.text and "3 hoạt động" in invited.text
    assert "?batch=" in submitted.url and submitted.url == invited.url
    assert _kinds(cast.military_focal) == [] and _kinds(cast.outsider) == []


def test_an_imported_draft_workbook_tells_nobody(cast, program, django_capture_on_commit_callbacks):
    rows = [activity_data(cast, lead_id=cast.military.pk, partner_ids=[cast.women.pk])]
    with django_capture_on_commit_callbacks(execute=True):
        activity_bulk_create(actor=cast.military_focal, program=program, rows=rows, submit=False)
    assert not Notification.objects.exists()
