"""`./dev bench` with no suite runs them all; an unknown suite is refused."""

import pytest
from django.core.management import CommandError

from phoihop.core.management.commands.bench_run import SUITES, Command


def _parse(*argv):
    return Command().create_parser("manage.py", "bench_run").parse_args(list(argv))


def test_no_suite_named_means_every_suite():
    assert _parse().suites == []  # handle() runs `suites or SUITES`
    assert set(SUITES) == {"localities", "workbooks", "reviews", "intake"}


def test_named_suites_are_kept_in_order():
    assert _parse("workbooks", "localities").suites == ["workbooks", "localities"]


def test_an_unknown_suite_is_refused():
    with pytest.raises(CommandError):
        _parse("nope")
