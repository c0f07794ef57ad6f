"""Count the imports of phoihop/ that run against its layers: `python -m phoihop.importgraph`.

The layers are the import-linter contract in pyproject.toml (`[tool.importlinter]`),
read here so there is one list. Read with `ast` alone (no Django, no import-linter), this
prints the figures the contract's verdict rests on:

- imports between apps, and how many run from a lower layer up (or between siblings
  declared independent with `|`);
- imports from a selectors module into a services module, and from models into selectors;
- imports written inside a function, and how many carry a comment saying why.

Tests and migrations are left out: tests build the cast across every layer, and
migrations name other apps' models by string.
"""

import argparse
import ast
import json
import re
import sys
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "phoihop"
GROUPED = ("from ", "import ", ")")  # lines of the import statements above an import


@dataclass(frozen=True)
class Layers:
    """Each app's rank (0 = lowest) and the groups whose members may not import each other."""

    rank: dict[str, int]
    independent: list[set[str]]
    waived: list[tuple[re.Pattern, re.Pattern]] = field(default_factory=list)

    @classmethod
    def from_pyproject(cls, path: Path = ROOT / "pyproject.toml") -> "Layers":
        config = tomllib.loads(path.read_text(encoding="utf-8"))["tool"]["importlinter"]
        contract = next(c for c in config["contracts"] if c["type"] == "layers")
        rank, independent = {}, []
        for height, layer in enumerate(reversed(contract["layers"])):
            separator = "|" if "|" in layer else ":"
            names = {name.strip().strip("()").removeprefix("phoihop.") for name in layer.split(separator)}
            rank.update(dict.fromkeys(names, height))
            if separator == "|":
                independent.append(names)
        waived = [
            tuple(_pattern(side.strip()) for side in expression.split("->"))
            for expression in contract.get("ignore_imports", [])
        ]
        return cls(rank=rank, independent=independent, waived=waived)

    def is_waived(self, imp: "Import") -> bool:
        """Does one of the contract's ignore_imports cover `imp`?"""
        return any(a.fullmatch(imp.source) and b.fullmatch(imp.target) for a, b in self.waived)

    def breaks(self, source: str, target: str) -> bool:
        """Does an import from app `source` into app `target` run against the layers?"""
        if source not in self.rank or target not in self.rank or source == target:
            return False
        if self.rank[target] > self.rank[source]:
            return True
        return any({source, target} <= group for group in self.independent)


@dataclass(frozen=True)
class Import:
    source: str  # dotted module name of the importing file
    target: str  # dotted module name imported
    line: int
    in_function: bool
    commented: bool


@dataclass
class Figures:
    cross_app: list[Import] = field(default_factory=list)
    against_layers: list[Import] = field(default_factory=list)
    waived: list[Import] = field(default_factory=list)  # of against_layers
    selectors_to_services: list[Import] = field(default_factory=list)
    models_to_selectors: list[Import] = field(default_factory=list)
    in_function: list[Import] = field(default_factory=list)

    def summary(self) -> dict[str, int]:
        arrows = {(i.source, app_of(i.target)) for i in self.cross_app}
        upward_arrows = {(i.source, app_of(i.target)) for i in self.against_layers}
        internal = [i for i in self.in_function if i.target.startswith("phoihop")]
        return {
            "imports between apps": len(self.cross_app),
            "  running against the layers": len(self.against_layers),
            "    waived by the contract's ignore_imports": len(self.waived),
            "arrows file -> app": len(arrows),
            "  arrows running against the layers": len(upward_arrows),
            "selectors -> services": len(self.selectors_to_services),
            "models -> selectors": len(self.models_to_selectors),
            "function-level imports": len(self.in_function),
            "  of phoihop modules": len(internal),
            "  without a comment saying why": sum(not i.commented for i in self.in_function),
        }


def _pattern(expression: str) -> re.Pattern:
    """import-linter's module expression: `*` one name, `**` any number of them."""
    parts = [
        r"[^.]+(\.[^.]+)*" if part == "**" else "[^.]+" if part == "*" else re.escape(part)
        for part in expression.split(".")
    ]
    return re.compile(r"\.".join(parts))


def app_of(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[0] == "phoihop" else ""


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def production_files(package: Path = PACKAGE) -> list[Path]:
    skip = {"tests", "migrations"}
    return sorted(
        path
        for path in package.rglob("*.py")
        if not skip & set(path.relative_to(package).parts) and path.name != "conftest.py"
    )


def resolve(source: str, is_package: bool, node: ast.ImportFrom) -> str:
    """The absolute module an `ImportFrom` names (relative imports resolved)."""
    if not node.level:
        return node.module or ""
    base = source.split(".")
    if not is_package:
        base = base[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join([*base, *([node.module] if node.module else [])])


def imports_of(path: Path, module: str | None = None) -> list[Import]:
    source = module or module_name(path)
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    tree = ast.parse(text)
    found = []

    def commented(line: int) -> bool:
        """A comment on the line, or above it (over the imports grouped with it)."""
        if "#" in lines[line - 1]:
            return True
        above = line - 2
        while above >= 0 and (not lines[above].strip() or lines[above].strip().startswith(GROUPED)):
            above -= 1
        return above >= 0 and lines[above].strip().startswith("#")

    def visit(node: ast.AST, in_function: bool) -> None:
        for child in ast.iter_child_nodes(node):
            inside = in_function or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef))
            if isinstance(child, ast.Import):
                targets = [alias.name for alias in child.names]
            elif isinstance(child, ast.ImportFrom):
                module = resolve(source, path.name == "__init__.py", child)
                targets = [_submodule_or(module, alias.name) for alias in child.names]
            else:
                visit(child, inside)
                continue
            found.extend(
                Import(source, target, child.lineno, in_function, commented(child.lineno))
                for target in dict.fromkeys(targets)
            )

    visit(tree, False)
    return found


def _submodule_or(module: str, name: str) -> str:
    """`from phoihop.x import y`: phoihop.x.y when y is a module, else phoihop.x."""
    candidate = ROOT.joinpath(*f"{module}.{name}".split("."))
    if candidate.with_suffix(".py").exists() or (candidate / "__init__.py").exists():
        return f"{module}.{name}"
    return module


def _kind(module: str, word: str) -> bool:
    return any(part.startswith(word) for part in module.split(".")[2:])


def measure(layers: Layers, files: list[Path] | None = None) -> Figures:
    figures = Figures()
    for path in files if files is not None else production_files():
        for imp in imports_of(path):
            source_app, target_app = app_of(imp.source), app_of(imp.target)
            if imp.in_function:
                figures.in_function.append(imp)
            if not target_app:
                continue
            if source_app and target_app != source_app:
                figures.cross_app.append(imp)
                if layers.breaks(source_app, target_app):
                    figures.against_layers.append(imp)
                    if layers.is_waived(imp):
                        figures.waived.append(imp)
            if _kind(imp.source, "selectors") and _kind(imp.target, "services"):
                figures.selectors_to_services.append(imp)
            if _kind(imp.source, "models") and _kind(imp.target, "selectors"):
                figures.models_to_selectors.append(imp)
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="phoihop.importgraph", description=__doc__)
    parser.add_argument("--list", action="store_true", help="name every import counted")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    figures = measure(Layers.from_pyproject())
    if args.json:
        summary = {name.strip(): value for name, value in figures.summary().items()}
        print(json.dumps(summary, ensure_ascii=False, indent=2))
        return 0
    for name, value in figures.summary().items():
        print(f"{name.rstrip():46} {value}")
    if args.list:
        for title in ("against_layers", "selectors_to_services", "models_to_selectors", "in_function"):
            print(f"\n{title}:")
            for imp in getattr(figures, title):
                note = "" if imp.commented else "  (no comment)"
                print(f"  {imp.source}:{imp.line} -> {imp.target}{note}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
