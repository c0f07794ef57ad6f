"""Make the database agree with demo/data.py. Running it twice changes nothing.

Rows are found by natural keys (name + locality, username, ...), created when
missing and updated only when a field differs, so a second run writes no history.
"""

from dataclasses import dataclass, field

from django.contrib.auth.hashers import check_password, make_password
from django.db import transaction
from django.db.models import Model

from phoihop.accounts.models import Role, User
from phoihop.demo import activities as demo_activities
from phoihop.demo import data
from phoihop.demo import program as demo_program
from phoihop.demo.reviews import reviews_load
from phoihop.demo.situations import situations_load
from phoihop.lib.text import clean_name
from phoihop.localities.models import Level, Locality
from phoihop.localities.services import localities_load
from phoihop.organizations.models import (
    Committee,
    Membership,
    Organization,
    OrgEvent,
    Person,
    Position,
)
from phoihop.organizations.services import org_event_record
from phoihop.programs.models import Program
from phoihop.situations.models import SensitiveReader
from phoihop.situations.services_sensitive import sensitive_reader_designate

PRE_REFORM_PROVINCES = 63


@dataclass
class DemoResult:
    places_loaded: bool
    logins: list[User] = field(default_factory=list)


def _upsert(model: type[Model], lookup: dict, values: dict, *, password=None):
    """Find by `lookup` (or start a new row); save only when a field of `values` differs."""
    obj = model.objects.filter(**lookup).first() or model(**lookup)
    changed = obj._state.adding
    for name, value in values.items():
        value = clean_name(value) if isinstance(value, str) else value
        if _current(obj, name) != (value.pk if isinstance(value, Model) else value):
            setattr(obj, name, value)
            changed = True
    if password is not None and not password.matches(obj.password):
        obj.password = password.encoded
        changed = True
    if changed:
        if hasattr(obj, "refresh_search_fields"):
            obj.refresh_search_fields()
        obj.full_clean()
        obj.save()
    return obj


class _Password:
    """The one password of every demo login, hashed once (about 0.3 s with PBKDF2) and
    checked once per distinct stored hash, not once per user: the password is public."""

    def __init__(self, raw: str):
        self.raw = raw
        self._encoded = None
        self._good: set[str] = set()

    @property
    def encoded(self) -> str:
        if self._encoded is None:
            self._encoded = make_password(self.raw)
            self._good.add(self._encoded)
        return self._encoded

    def matches(self, encoded: str) -> bool:
        if encoded not in self._good and encoded and check_password(self.raw, encoded):
            self._good.add(encoded)
        return encoded in self._good


def _current(obj: Model, name: str):
    """A field's value; for a relation its id, so nothing is fetched."""
    field = obj._meta.get_field(name)
    return getattr(obj, field.attname if field.is_relation else name)


# --- Places -----------------------------------------------------------------


def _places_present(provinces: list[str] | None) -> bool:
    """The demo's units are there, and the whole country too unless `provinces` limits it."""
    needed = {data.HA_NAM, data.NAM_DINH, data.NINH_BINH_OLD, data.NINH_BINH}
    needed |= set(data.SEED_COMMUNE_REFS)
    if Locality.objects.filter(ref__in=needed).count() != len(needed):
        return False
    old_provinces = Locality.objects.filter(level=Level.PROVINCE, ref__startswith="v1.")
    return bool(provinces) or old_provinces.count() >= PRE_REFORM_PROVINCES


def places_ensure(provinces: list[str] | None = None) -> bool:
    """Load the place registry unless it is there; True when it loaded now."""
    if _places_present(provinces):
        return False
    localities_load(provinces=provinces or None)
    return True


# --- Organizations, committees, people, users ---------------------------------


def _organizations(places: dict[str, Locality]) -> dict[str, Organization]:
    orgs: dict[str, Organization] = {}
    for key, spec in data.ORGANIZATIONS.items():
        spec = dict(spec)
        locality = places[spec.pop("locality")]
        parent = orgs.get(spec.pop("parent", None))
        values = {"valid_from": None, "valid_to": None, **spec, "parent": parent}
        orgs[key] = _upsert(Organization, {"name": spec["name"], "locality": locality}, values)
    return orgs


def _committees(places, orgs) -> dict[str, Committee]:
    committees = {}
    for key, spec in data.COMMITTEES.items():
        committee = _upsert(
            Committee,
            {"name": spec["name"], "locality": places[spec["locality"]]},
            {
                "short_name": spec["short_name"],
                "host": orgs[spec["host"]],
                "valid_from": spec["valid_from"],
                "valid_to": spec["valid_to"],
            },
        )
        for order, member in enumerate(spec["members"]):
            _upsert(
                Membership,
                {"committee": committee, "organization": orgs[member]},
                {"order": order, "joined_on": spec["joined_on"]},
            )
        committees[key] = committee
    return committees


def _people(orgs) -> dict[str, Person]:
    people = {}
    for key, spec in data.PEOPLE.items():
        org = orgs[spec["organization"]]
        person = _upsert(Person, {"full_name": spec["full_name"], "organization": org}, {})
        for position in spec["positions"]:
            position = {"is_focal_point": False, "valid_from": None, "valid_to": None, **position}
            title = position.pop("title")
            _upsert(Position, {"person": person, "title": title, "organization": org}, position)
        people[key] = person
    return people


def _users(orgs, people) -> list[User]:
    users = []
    password = _Password(data.PASSWORD)
    for username, role, person_key, org_key in data.USERS:
        person = people.get(person_key)
        is_admin = org_key is None
        user = _upsert(
            User,
            {"username": username},
            {
                "role": role,
                "organization": orgs.get(org_key),
                "first_name": person.full_name if person else data.ADMIN_DISPLAY_NAME,
                "is_staff": is_admin,
                "is_superuser": is_admin,
                "is_active": True,
            },
            password=password,
        )
        if person is not None and person.user_id != user.pk:
            person.user = user
            person.save(update_fields=["user"])
        users.append(user)
    return users


def _sensitive_readers(committees) -> None:
    """Designate the leaders data.SENSITIVE_READERS names (none in the demo as shipped)."""
    for key, usernames in data.SENSITIVE_READERS.items():
        committee = committees[key]
        secretariat = User.objects.filter(organization=committee.host, role=Role.SECRETARIAT).first()
        for user in User.objects.filter(username__in=usernames):
            if not SensitiveReader.objects.filter(committee=committee, user=user).exists():
                sensitive_reader_designate(actor=secretariat, committee=committee, user=user)


# --- Programs and the 2025 reorganization --------------------------------------


def _programs(committees) -> None:
    for spec in data.PROGRAMS:
        spec = dict(spec)
        committee = committees[spec.pop("committee")]
        _upsert(Program, {"committee": committee, "name": spec.pop("name")}, spec)


def _org_events(orgs) -> None:
    for spec in data.ORG_EVENTS:
        successors = [orgs[key] for key in spec["successors"]]
        predecessors = [orgs[key] for key in spec["predecessors"]]
        already = OrgEvent.objects.filter(
            kind=spec["kind"], effective_date=spec["effective_date"], successors=successors[0]
        ).exists()
        if not already:
            org_event_record(
                actor=None,
                kind=spec["kind"],
                effective_date=spec["effective_date"],
                legal_basis=spec["legal_basis"],
                predecessors=predecessors,
                successors=successors,
                note=spec["note"],
            )


@transaction.atomic
def demo_load(*, provinces: list[str] | None = None) -> DemoResult:
    loaded = places_ensure(provinces)
    refs = {spec["locality"] for spec in data.ORGANIZATIONS.values()}
    places = Locality.objects.in_bulk(refs, field_name="ref")
    missing = refs - set(places)
    if missing:
        raise LookupError(f"Places missing after loading: {sorted(missing)}")
    # actor=None throughout: a system import, as history will show.
    orgs = _organizations(places)
    people = _people(orgs)
    users = _users(orgs, people)
    committees = _committees(places, orgs)
    _sensitive_readers(committees)
    _programs(committees)
    _org_events(orgs)
    _program_2016_2020(committees["hanam"], orgs, people, users)
    situations_load()  # cases, hotspots and bulletins of 2016–2020 (demo/situations.py)
    reviews_load()  # the issued 2016–2020 review and a draft 6-month review (demo/reviews.py)
    return DemoResult(places_loaded=loaded, logins=users)


def _program_2016_2020(committee, orgs, people, users) -> None:
    """Members, content areas, the 2016–2020 plans, five years of activities and reports, and
    the coordination models; each part skipped when it is already there."""
    program = Program.objects.get(committee=committee, name=data.PROGRAMS[0]["name"])
    secretariat = next(user for user in users if user.username == "thuongtruc")
    demo_program.members_and_areas(program, orgs, people, secretariat)
    plan = demo_program.plan_2020(program, orgs, secretariat)
    demo_program.earlier_plans(program, orgs, secretariat)
    if not program.activities.exists():
        planned = demo_activities.activities_load(program, orgs, users, plan)
        if not program.period_reports.exists():
            demo_activities.reports_load(program, orgs, users, planned)
    demo_program.coordination_models(program, orgs, secretariat)
