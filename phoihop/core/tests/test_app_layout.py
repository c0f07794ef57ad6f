"""The README's promise about app layout, checked: every app that owns records has the
same files, so a newcomer knows where to look."""

from pathlib import Path

from django.apps import apps

FILES = ["models.py", "services.py", "selectors.py", "views.py", "urls.py", "api.py", "forms.py",
         "admin.py", "tests"]
NO_ADMIN = {"reviews"}  # a review changes only through its services (an issued one is frozen)


def _record_apps():
    return [c for c in apps.get_app_configs() if c.name.startswith("phoihop.") and list(c.get_models())]


def test_every_app_that_owns_records_has_the_same_files():
    missing = {}
    for config in _record_apps():
        root = Path(config.path)
        wanted = [f for f in FILES if not (f == "admin.py" and config.label in NO_ADMIN)]
        wanted.append(f"templates/{config.label}")
        gaps = [f for f in wanted if not (root / f).exists()]
        if gaps:
            missing[config.label] = gaps
    assert missing == {}


def test_the_apps_owning_records_are_the_ones_the_readme_names():
    assert {c.label for c in _record_apps()} == {
        "accounts", "organizations", "localities", "programs", "activities", "reporting",
        "practices", "situations", "hotspots", "exchange", "reviews", "intake", "jobs",
    }
