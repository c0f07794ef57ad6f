"""One mechanism per concern, checked by reading the source (issue 13).

Each of these was once written several times, and the copies drifted apart (a missing
`is_active` check, three stale-edit messages, a figure total that ignored the
indicator's rule). The behaviour of the one mechanism is tested beside it (test_access,
test_api_versions, test_downloads, test_history, the apps' upload and totals tests);
these tests only catch a second copy creeping back: each pattern below may occur in the
one module named, nowhere else under phoihop/ (tests left out). They are plain text
searches, so a copy under another name escapes them; they are cheap, and they name the
mechanism to use instead.
"""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]  # phoihop/

# pattern → (the modules allowed to hold it, what to use instead). A module beside the
# mechanism's own is listed only with the reason it is not a copy.
SINGLE = {
    r"except\s+\w*ValidationError\w*\s+as\s+\w+:\s*\n\s*raise\s+(serializers\.|\w*_error\()": (
        {
            "core/api_errors.py",
            "core/api_params.py",  # a query parameter's form-field error, named after it
        },
        "let the service's ValidationError through: the EXCEPTION_HANDLER answers it",
    ),
    r"def\s+_?as_(drf|api)_error": (set(), "the EXCEPTION_HANDLER (core/api_errors.py)"),
    r"code=\"stale\"": ({"core/history.py"}, "core.history.ensure_unchanged"),
    r"def\s+\w*secretariat_of\b": ({"core/access.py"}, "core.access.runs_secretariat_of"),
    r"\bis_secretariat\s+and\b": (
        {
            "core/access.py",
            "situations/rules.py",  # sensitive_committees: the same rule as a query of committees
        },
        "core.access.runs_secretariat_of",
    ),
    r"\bcheck_upload\(": (
        {
            "lib/uploads.py",  # the check of the bytes itself
            "core/uploads.py",
            "intake/reading.py",  # a document read for its text, from bytes, with its own limit
        },
        "core.uploads.checked_upload",
    ),
    r"\bFileResponse\(": ({"core/downloads.py"}, "core.downloads.private_file_view"),
    r"INLINE_TYPES\s*=": ({"core/downloads.py"}, "core.downloads.private_file_view"),
    r"HISTORY_LOOKUPS\s*(\[|\.setdefault|=)": (
        {"core/history.py"},
        "core.history.register_history_lookup in the app's ready()",
    ),
    r"Aggregation\.COUNT:": (
        {"programs/models.py"},
        "Indicator.result (and activities.selectors.figure_totals)",
    ),
    r"\.annotate\(total=Sum\(\"value\"\)": (
        {
            "activities/selectors.py",
            "activities/tallies.py",  # the reviews' tallies, by area, lead and task, then Indicator.result
        },
        "activities.selectors.figure_totals",
    ),
}


def _sources():
    for path in ROOT.rglob("*.py"):
        relative = path.relative_to(ROOT).as_posix()
        if "/tests/" in f"/{relative}" or "/migrations/" in f"/{relative}":
            continue
        yield relative, path.read_text(encoding="utf-8")


@pytest.mark.parametrize("pattern", list(SINGLE))
def test_each_mechanism_is_written_once(pattern):
    homes, instead = SINGLE[pattern]
    found = {relative for relative, text in _sources() if re.search(pattern, text)}
    assert found - homes == set(), f"use {instead}"


def test_the_search_finds_a_planted_copy(tmp_path):
    planted = 'def runs_secretariat_of(user, program):\n    return user.is_secretariat and True\n'
    assert re.search(r"def\s+\w*secretariat_of\b", planted)
    assert re.search(r"\bis_secretariat\s+and\b", planted)
