"""The Python half of ./dev: demo, test, bench and manage.

Kept framework-light so it runs before Django is configured. `./dev test` is what CI
runs; with PHOIHOP_STRICT=1 a PostgreSQL server and Chromium must be there.
"""

import argparse
import os
import socket
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
DEFAULT_TEST_PG = "postgres://postgres@127.0.0.1:5432/phoihop"


def run(cmd: list[str], env: dict | None = None) -> int:
    print("»", " ".join(cmd), flush=True)
    return subprocess.call(cmd, cwd=ROOT, env={**os.environ, **(env or {})})


def manage(*args: str, env: dict | None = None) -> int:
    """manage.py with development defaults (DEBUG on) unless the environment says otherwise."""
    return run([PY, "manage.py", *args], env={"DEBUG": os.environ.get("DEBUG", "1"), **(env or {})})


def strict() -> bool:
    return os.environ.get("PHOIHOP_STRICT", "").lower() in {"1", "true", "yes"}


def postgres_url() -> str | None:
    """The PostgreSQL server to test against, or None when none answers."""
    url = os.environ.get("PHOIHOP_TEST_POSTGRES_URL", DEFAULT_TEST_PG)
    parts = urlparse(url)
    try:
        with socket.create_connection((parts.hostname or "127.0.0.1", parts.port or 5432), 2):
            return url
    except OSError:
        return None


def cmd_test(args) -> int:
    env = {"DJANGO_SETTINGS_MODULE": "phoihop.settings_test"}
    steps = [
        [PY, "-m", "ruff", "check", "phoihop"],
        [PY, "manage.py", "makemigrations", "--check", "--dry-run"],
    ]
    for step in steps:
        if run(step, env) != 0:
            return 1
    pytest = [PY, "-m", "pytest", *args.pytest_args]
    print("\n=== SQLite ===", flush=True)
    sqlite_env = {**env, "DATABASE_URL": f"sqlite:///{ROOT / 'var' / 'test.sqlite3'}"}
    if run(pytest, sqlite_env) != 0:
        return 1
    print("\n=== PostgreSQL ===", flush=True)
    url = postgres_url()
    if url is None:
        message = (
            "Không kết nối được PostgreSQL (PHOIHOP_TEST_POSTGRES_URL); bỏ qua lượt chạy trên "
            "PostgreSQL. / No PostgreSQL server answered; skipping the PostgreSQL run."
        )
        print(message, flush=True)
        return 1 if strict() else 0
    return run([*pytest, "-m", "not browser"], {**env, "DATABASE_URL": url})


def cmd_demo(args) -> int:
    env = {"DEBUG": os.environ.get("DEBUG", "1")}
    (ROOT / "var").mkdir(exist_ok=True)
    if manage("migrate", "--noinput", env=env) != 0:
        return 1
    if manage("demo_load", env=env) != 0:
        return 1
    if args.no_serve:
        return 0
    return manage("runserver", f"127.0.0.1:{args.port}", "--noreload", env=env)


def cmd_bench(args) -> int:
    return manage("bench", *args.bench_args)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="./dev", description="Phối hợp developer commands")
    sub = parser.add_subparsers(dest="command", required=True)
    demo = sub.add_parser("demo", help="migrate, load the Hà Nam demo and serve it")
    demo.add_argument("--port", type=int, default=8000)
    demo.add_argument("--no-serve", action="store_true", help="load the demo, do not serve")
    demo.set_defaults(func=cmd_demo)
    test = sub.add_parser("test", help="ruff, migrations check and the whole suite")
    test.add_argument("pytest_args", nargs=argparse.REMAINDER)
    test.set_defaults(func=cmd_test)
    bench = sub.add_parser("bench", help="benchmarks, as ratios against a baseline")
    bench.add_argument("bench_args", nargs=argparse.REMAINDER)
    bench.set_defaults(func=cmd_bench)
    mg = sub.add_parser("manage", help="run a manage.py command")
    mg.add_argument("manage_args", nargs=argparse.REMAINDER)
    mg.set_defaults(func=lambda a: manage(*a.manage_args))
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
