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

import ast
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
    planted = "def runs_secretariat_of(user, program):\n    return user.is_secretariat and True\n"
    assert re.search(r"def\s+\w*secretariat_of\b", planted)
    assert re.search(r"\bis_secretariat\s+and\b", planted)


# --- A page's write: core.forms.form_action / button_action --------------------------

# The exceptions a service refuses with. A view that catches one is re-writing the form
# action (errors onto the form, or flashed; the success message; the redirect).
SERVICE_REFUSALS = {"ValidationError", "PermissionDenied"}

# View modules allowed to catch them anyway, each with its reason. Empty: keep it so.
CATCH_ALLOWED: dict[str, str] = {}


def _is_view_module(relative: str) -> bool:
    parts = relative.split("/")
    return parts[-1].startswith("views") or any(part.startswith("views") for part in parts[:-1])


def _caught(handler: ast.ExceptHandler) -> set[str]:
    kinds = handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
    names = {
        kind.attr if isinstance(kind, ast.Attribute) else getattr(kind, "id", "") for kind in kinds
    }
    return {name for name in names if any(name.endswith(refusal) for refusal in SERVICE_REFUSALS)}


def hand_written_form_actions(text: str) -> list[int]:
    """The lines of `text` where an `except` catches a service's refusal."""
    return [
        node.lineno
        for node in ast.walk(ast.parse(text))
        if isinstance(node, ast.ExceptHandler) and node.type is not None and _caught(node)
    ]


def test_no_view_catches_a_service_refusal_itself():
    found = {
        f"{relative}:{line}"
        for relative, text in _sources()
        if _is_view_module(relative) and relative not in CATCH_ALLOWED
        for line in hand_written_form_actions(text)
    }
    assert found == set(), "run the write through core.forms.form_action (or button_action)"


def test_the_view_check_finds_a_planted_copy():
    planted = (
        "def edit(request):\n"
        "    try:\n"
        "        services.save(actor=request.user)\n"
        "    except ValidationError as error:\n"
        "        add_service_errors(form, error)\n"
        "    try:\n"
        "        services.submit()\n"
        "    except (TypeError, exceptions.PermissionDenied):\n"
        "        pass\n"
        "    try:\n"
        "        int(value)\n"
        "    except (TypeError, ValueError):\n"
        "        pass\n"
    )
    assert hand_written_form_actions(planted) == [4, 8]
    assert _is_view_module("intake/views.py") and _is_view_module("reviews/views_documents.py")
    assert _is_view_module("cases/views/pages.py") and not _is_view_module("intake/services.py")
