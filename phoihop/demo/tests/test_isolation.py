"""The demo stands on top: no production module imports it, so demo data (the seed's
communes, its logins) can never leak into what users of a real deployment see."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]  # the phoihop package
# Tools allowed to stand on the demo: itself, the benchmarks, and tests of any app.
ALLOWED = {"demo", "benchmarks"}


def _production_modules():
    for path in sorted(ROOT.rglob("*.py")):
        parts = path.relative_to(ROOT).parts
        if parts[0] in ALLOWED or "tests" in parts or path.name == "conftest.py":
            continue
        yield path


def _imported(tree: ast.AST):
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            yield node.module
            yield from (f"{node.module}.{alias.name}" for alias in node.names)


def demo_imports(path: Path) -> list[str]:
    """The imports of `path` that reach into phoihop.demo, function-level ones too."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    return sorted({n for n in _imported(tree) if n == "phoihop.demo" or n.startswith("phoihop.demo.")})


def test_no_production_module_imports_the_demo():
    offenders = {str(p.relative_to(ROOT)): found for p in _production_modules() if (found := demo_imports(p))}
    assert offenders == {}


def test_the_scan_sees_the_modules_that_matter_and_catches_an_import(tmp_path):
    scanned = {p.relative_to(ROOT).as_posix() for p in _production_modules()}
    assert {"home/selectors.py", "core/history.py", "urls.py"} <= scanned
    assert not [name for name in scanned if name.startswith(("demo/", "benchmarks/"))]
    planted = tmp_path / "planted.py"
    planted.write_text("def f():\n    from phoihop.demo.data import SEED_COMMUNE_REFS\n", encoding="utf-8")
    assert demo_imports(planted) == ["phoihop.demo.data", "phoihop.demo.data.SEED_COMMUNE_REFS"]
    planted.write_text("from phoihop import demo\n", encoding="utf-8")
    assert demo_imports(planted) == ["phoihop.demo"]
