"""The shared first answer of every visible_to."""

import pytest

from phoihop.accounts.models import Role, User
from phoihop.core.access import runs_secretariat_of, settled_scope
from phoihop.organizations.models import Organization

pytestmark = pytest.mark.django_db


def test_administrators_see_everything_and_users_without_an_organization_nothing(cast):
    orgless = User.objects.create_user(username="khongdonvi", password="x", role=Role.SECRETARIAT)
    everything = Organization.objects.all()
    assert settled_scope(everything, cast.admin).count() == everything.count()
    assert settled_scope(everything, orgless).count() == 0
    assert settled_scope(everything, cast.military_focal) is None


def test_inactive_users_see_nothing(cast):
    cast.secretariat.is_active = False
    assert settled_scope(Organization.objects.all(), cast.secretariat).count() == 0


def test_the_secretariat_of_a_committee_is_its_host_organizations_active_staff(cast):
    committee = cast.committee
    assert runs_secretariat_of(cast.secretariat, committee)
    assert runs_secretariat_of(cast.admin, committee)
    assert not runs_secretariat_of(cast.military_focal, committee)
    assert not runs_secretariat_of(cast.outsider, committee)
    cast.secretariat.is_active = False
    assert not runs_secretariat_of(cast.secretariat, committee)
