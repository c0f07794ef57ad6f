"""The layers of docs/architecture.md hold: the import-linter contracts in pyproject.toml
are kept, they break on a planted upward import, and what their wildcards cannot name is
counted by phoihop.importgraph."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from phoihop import importgraph

ROOT = Path(__file__).resolve().parents[3]


def lint_imports(root: Path) -> subprocess.CompletedProcess:
    """import-linter over the `phoihop` package found in `root`, with root's pyproject."""
    command = "import sys; from importlinter.cli import lint_imports_command as c; sys.exit(c())"
    return subprocess.run(
        [sys.executable, "-c", command, "--no-cache", "--config", str(root / "pyproject.toml")],
        cwd=root, env={"PYTHONPATH": str(root), "PATH": "/usr/bin:/bin"},
        capture_output=True, text=True, timeout=300,
    )


def copy_of_the_tree(tmp_path: Path) -> Path:
    """The package's Python files and pyproject.toml, nothing else (no templates, data)."""
    shutil.copytree(
        ROOT / "phoihop", tmp_path / "phoihop",
        ignore=lambda folder, names: [
            n for n in names if not n.endswith(".py") and not Path(folder, n).is_dir()
        ],
    )
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def test_the_import_contracts_are_kept():
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


@pytest.mark.parametrize(
    ("module", "planted"),
    [
        # A lower layer importing a higher one.
        ("phoihop/programs/planted.py", "from phoihop.activities import models\n"),
        # Siblings declared independent.
        ("phoihop/workbooks/planted.py", "from phoihop.reviews import models\n"),
        # Selectors reaching for services (of their own app).
        ("phoihop/programs/selectors.py", "from phoihop.programs import services\n"),
        # Models reaching for selectors.
        ("phoihop/activities/models.py", "from phoihop.organizations import selectors\n"),
        # Hidden inside a function: still an import.
        ("phoihop/lib/planted.py", "def f():\n    from phoihop.core import access\n"),
    ],
)
def test_a_planted_import_breaks_the_contract(tmp_path, module, planted):
    tree = copy_of_the_tree(tmp_path)
    target = tree / module
    text = target.read_text(encoding="utf-8") if target.exists() else ""
    target.write_text(text + "\n" + planted, encoding="utf-8")
    result = lint_imports(tree)
    assert result.returncode != 0, result.stdout
    assert "BROKEN" in result.stdout
    assert module.removesuffix(".py").replace("/", ".") in result.stdout


def test_no_selectors_import_services_nor_models_selectors_in_any_module_family():
    """selectors_exchange.py, services_hotspots.py…: names import-linter's wildcards miss."""
    figures = importgraph.measure(importgraph.Layers.from_pyproject())
    assert figures.selectors_to_services == []
    assert figures.models_to_selectors == []
    assert [imp for imp in figures.against_layers if imp not in figures.waived] == []


def test_every_function_level_import_says_why():
    """A function-level import only breaks a real cycle, waits for Django, or spares every
    start an optional or slow package; a comment on it (or over its group) says which."""
    figures = importgraph.measure(importgraph.Layers.from_pyproject())
    silent = [
        f"{imp.source}:{imp.line} -> {imp.target}"
        for imp in figures.in_function
        if not imp.commented
    ]
    assert silent == []


def test_the_graph_finds_a_silent_function_level_import(tmp_path):
    planted = tmp_path / "planted.py"
    planted.write_text(
        "def f():\n    import openpyxl\n\n\n"
        "def g():\n    # Django first: models load after setup().\n    from phoihop.programs import models\n",
        encoding="utf-8",
    )
    imports = importgraph.imports_of(planted, module="phoihop.workbooks.planted")
    assert [(i.target, i.in_function, i.commented) for i in imports] == [
        ("openpyxl", True, False),
        ("phoihop.programs.models", True, True),
    ]


def test_the_graph_counts_a_planted_upward_import(tmp_path):
    planted = tmp_path / "planted.py"
    planted.write_text("def f():\n    from phoihop.reviews import models\n", encoding="utf-8")
    imports = importgraph.imports_of(planted, module="phoihop.programs.planted")
    assert [(i.target, i.in_function, i.commented) for i in imports] == [
        ("phoihop.reviews.models", True, False)
    ]
    layers = importgraph.Layers.from_pyproject()
    assert layers.breaks("programs", "reviews")
    assert layers.breaks("reviews", "workbooks")  # independent siblings
    assert not layers.breaks("reviews", "programs")
