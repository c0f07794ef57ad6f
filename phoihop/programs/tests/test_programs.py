import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.http import Http404

from phoihop.programs.models import Program, ProgramLevel
from phoihop.programs.selectors import (
    get_program_for_user,
    program_current_for_committee,
    programs_for_user,
)


def _program(committee, start, end, name="Chương trình phối hợp hoạt động giai đoạn 2016–2020"):
    return Program.objects.create(
        name=name,
        committee=committee,
        level=ProgramLevel.PROVINCE,
        period_start=start,
        period_end=end,
    )


@pytest.fixture
def programs(cast):
    return {
        "hanam": _program(cast.committee, dt.date(2016, 1, 1), dt.date(2020, 12, 31)),
        "namdinh": _program(
            cast.other_committee,
            dt.date(2016, 1, 1),
            dt.date(2020, 12, 31),
            "Chương trình Nam Định",
        ),
    }


def test_members_see_their_committees_programs_only(cast, programs):
    for user in (cast.secretariat, cast.military_focal, cast.viewer):
        assert list(programs_for_user(user)) == [programs["hanam"]]


def test_outsider_sees_only_nam_dinh_programs(cast, programs):
    assert list(programs_for_user(cast.outsider)) == [programs["namdinh"]]


def test_administrator_sees_every_program(cast, programs):
    assert set(programs_for_user(cast.admin)) == set(programs.values())


def test_anonymous_sees_no_program(programs):
    assert not programs_for_user(AnonymousUser()).exists()


def test_outsider_gets_404_for_another_committees_program(cast, programs):
    with pytest.raises(Http404):
        get_program_for_user(cast.outsider, programs["hanam"].pk)
    assert get_program_for_user(cast.secretariat, programs["hanam"].pk) == programs["hanam"]


def test_period_must_not_end_before_it_starts(cast):
    program = Program(
        name="Chương trình sai ngày",
        committee=cast.committee,
        period_start=dt.date(2021, 1, 1),
        period_end=dt.date(2020, 12, 31),
    )
    with pytest.raises(ValidationError) as error:
        program.full_clean()
    assert "Ngày kết thúc phải sau" in str(error.value.message_dict["period_end"])


def test_current_program_is_the_running_one_else_the_latest(cast, programs):
    later = _program(
        cast.committee, dt.date(2021, 1, 1), dt.date(2025, 12, 31), "Giai đoạn 2021–2025"
    )
    committee = cast.committee
    assert program_current_for_committee(committee, dt.date(2018, 6, 1)) == programs["hanam"]
    assert program_current_for_committee(committee, dt.date(2023, 6, 1)) == later
    assert program_current_for_committee(committee, dt.date(2026, 6, 1)) == later
    assert program_current_for_committee(committee, dt.date(2010, 1, 1)) is None


def test_changes_are_kept_in_history(programs):
    program = programs["hanam"]
    program.signed_place = "Phủ Lý"
    program.save()
    assert program.history.count() == 2
