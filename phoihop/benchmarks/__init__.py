"""Benchmarks for `./dev bench`.

Each suite is a function `run(report)` that measures inside the current database
(freshly migrated by ./dev bench) and adds figures beside a baseline measured in the
same run, so results are ratios, not absolute times that depend on the machine.

At smoke scale (`bench_run --smoke`, run by the suite in ./dev test) every suite does
all its steps on a few rows, so a benchmark that no longer runs fails CI; its times
mean nothing and nothing asserts them.
"""

import time
from dataclasses import asdict, dataclass, field


@dataclass
class Figure:
    name: str
    seconds: float
    baseline_name: str = ""
    baseline_seconds: float | None = None
    note: str = ""

    @property
    def ratio(self) -> float | None:
        if not self.baseline_seconds:
            return None
        return self.seconds / self.baseline_seconds


@dataclass
class MemoryFigure:
    """Peak resident memory of one process doing one thing, against a limit and a baseline."""

    name: str
    peak_mb: float
    limit_mb: float
    baseline_name: str = ""
    baseline_peak_mb: float | None = None
    note: str = ""

    @property
    def ratio(self) -> float | None:
        return self.peak_mb / self.baseline_peak_mb if self.baseline_peak_mb else None

    @property
    def within_limit(self) -> bool:
        return self.peak_mb < self.limit_mb


@dataclass
class Report:
    engine: str
    figures: list[Figure] = field(default_factory=list)
    options: dict = field(default_factory=dict)  # e.g. {"seed": 2020, "national": False}
    tables: dict = field(default_factory=dict)  # suite name → a table of its own (e.g. per-field F1)
    memory: list[MemoryFigure] = field(default_factory=list)

    @property
    def smoke(self) -> bool:
        return bool(self.options.get("smoke"))

    def scaled(self, full, smoke):
        """`full` in ./dev bench, `smoke` when the suite only has to show that it runs."""
        return smoke if self.smoke else full

    def add(self, figure: Figure) -> None:
        self.figures.append(figure)
        ratio = f"{figure.ratio:.2f}×" if figure.ratio is not None else "–"
        print(
            f"  {figure.name:<48} {figure.seconds * 1000:10.1f} ms   "
            f"baseline {figure.baseline_name or '–'}: "
            f"{(figure.baseline_seconds or 0) * 1000:.1f} ms   ratio {ratio}  {figure.note}",
            flush=True,
        )

    def add_memory(self, figure: MemoryFigure) -> None:
        self.memory.append(figure)
        ratio = f"{figure.ratio:.2f}×" if figure.ratio is not None else "–"
        baseline = f"{figure.baseline_peak_mb:.0f} MB" if figure.baseline_peak_mb is not None else "–"
        verdict = "OK" if figure.within_limit else "OVER LIMIT"
        print(
            f"  {figure.name:<48} peak {figure.peak_mb:7.0f} MB   limit {figure.limit_mb:.0f} MB {verdict}   "
            f"baseline {figure.baseline_name or '–'}: {baseline}   ratio {ratio}  {figure.note}",
            flush=True,
        )

    def as_dict(self) -> dict:
        return {
            "engine": self.engine,
            "options": self.options,
            "tables": self.tables,
            "figures": [asdict(f) | {"ratio": f.ratio} for f in self.figures],
            "memory": [asdict(m) | {"ratio": m.ratio, "within_limit": m.within_limit} for m in self.memory],
        }


def timed(fn, *args, **kwargs) -> tuple[float, object]:
    start = time.perf_counter()
    result = fn(*args, **kwargs)
    return time.perf_counter() - start, result


def best_of(repeats: int, fn, *args, **kwargs) -> float:
    return min(timed(fn, *args, **kwargs)[0] for _ in range(repeats))
