"""The Python half of ./dev: demo, test, fuzz, bench, worker and manage.

Kept framework-light so it runs before Django is configured. `./dev test` is what CI
runs; with PHOIHOP_STRICT=1 a PostgreSQL server and Chromium must be there.
"""

import argparse
import importlib.util
import json
import os
import signal
import socket
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlparse

from phoihop.fuzz import fuzz, fuzz_quick

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
DEFAULT_TEST_PG = "postgres://postgres@127.0.0.1:5432/phoihop"


def run(cmd: list[str], env: dict | None = None) -> int:
    """Run `cmd` in the checkout; the "»" echo goes to stderr, so stdout is the command's
    own (`./dev manage extract FILE --json` prints only JSON)."""
    print("»", " ".join(cmd), file=sys.stderr, flush=True)
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
    """ruff, the migrations check, then the suite on SQLite and on PostgreSQL side by side.

    The two runs share nothing (SQLite tests use an in-memory database, PostgreSQL its own
    test database), so they run at once: the machine's second core halves the wall time.
    The SQLite run prints as it goes; the PostgreSQL run writes var/test-postgresql.log,
    printed whole when it ends. The short fuzz runs once SQLite is done.
    """
    env = {"DJANGO_SETTINGS_MODULE": "phoihop.settings_test"}
    steps = [
        [PY, "-m", "ruff", "check", "phoihop"],
        [PY, "manage.py", "makemigrations", "--check", "--dry-run"],
    ]
    for step in steps:
        if run(step, env) != 0:
            return 1
    pytest = [PY, "-m", "pytest", *args.extra_args]
    postgres = None
    if not args.sqlite_only:
        url = postgres_url()
        if url is None:
            message = (
                "Không kết nối được PostgreSQL (PHOIHOP_TEST_POSTGRES_URL); bỏ qua lượt chạy trên "
                "PostgreSQL. / No PostgreSQL server answered; skipping the PostgreSQL run."
            )
            print(message, flush=True)
            if strict():
                return 1
        else:
            postgres = Background("postgresql", [*pytest, "-m", "not browser"], {**env, "DATABASE_URL": url})
    print(f"\n=== SQLite (Python {sys.version.split()[0]}) ===", flush=True)
    sqlite_env = {**env, "DATABASE_URL": f"sqlite:///{ROOT / 'var' / 'test.sqlite3'}"}
    try:
        failed = run(pytest, sqlite_env) != 0
        if not failed and not args.sqlite_only and not args.extra_args:  # a narrowed run (./dev test -k …) skips the fuzz step
            print("\n=== Fuzz (schemathesis, short) ===", flush=True)
            failed = not fuzz_quick().ok
    except BaseException:  # Ctrl+C: the PostgreSQL run stops too
        if postgres is not None:
            postgres.process.terminate()
        raise
    if postgres is None:
        return 1 if failed else 0
    print("\n=== PostgreSQL ===", flush=True)
    return 1 if postgres.wait() != 0 or failed else 0


class Background:
    """A command running beside the one in the foreground, its output kept in var/test-NAME.log."""

    def __init__(self, name: str, cmd: list[str], env: dict):
        (ROOT / "var").mkdir(exist_ok=True)
        self.log_path = ROOT / "var" / f"test-{name}.log"
        self.log = self.log_path.open("w", encoding="utf-8")
        print("»", " ".join(cmd), f"> {self.log_path.relative_to(ROOT)} &", file=sys.stderr, flush=True)
        self.process = subprocess.Popen(
            cmd, cwd=ROOT, env={**os.environ, **env}, stdout=self.log, stderr=subprocess.STDOUT
        )

    def wait(self) -> int:
        code = self.process.wait()
        self.log.close()
        sys.stdout.write(self.log_path.read_text(encoding="utf-8", errors="replace"))
        sys.stdout.flush()
        return code


def demo_env(*, debug: bool) -> dict[str, str]:
    """The environment of ./dev demo: production settings served over plain http locally.

    DEBUG off (Vietnamese error pages, collected static files through WhiteNoise) unless
    --debug; the https redirect and secure-only cookies off, since the demo is
    http://127.0.0.1. Without SECRET_KEY, settings use the checkout's var/secret-key.
    """
    return {
        "DEBUG": "1" if debug else "0",
        "SECURE_SSL_REDIRECT": "0",
        "SESSION_COOKIE_SECURE": "0",
        "CSRF_COOKIE_SECURE": "0",
        "SECURE_HSTS_SECONDS": "0",
    }


def cmd_demo(args) -> int:
    env = demo_env(debug=args.debug)
    steps = [("migrate", "--noinput"), ("demo_load",)]
    if not args.debug:
        steps.append(("collectstatic", "--noinput", "-v", "0"))
    for step in steps:
        if manage(*step, env=env) != 0:
            return 1
    if args.no_serve:
        return 0
    worker = start_worker(env)
    # A SIGTERM to ./dev (not only Ctrl+C) stops the server, then the worker, below.
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))
    try:
        return manage("runserver", f"127.0.0.1:{args.port}", "--noreload", env=env)
    finally:
        stop_worker(worker)


WORKER = ("db_worker", "--no-reload", "--no-startup-delay")


def start_worker(env: dict) -> subprocess.Popen:
    """The background-job worker (django-tasks-db) beside the demo server: review files, imports."""
    cmd = [PY, "manage.py", *WORKER]
    print("»", " ".join(cmd), "&", file=sys.stderr, flush=True)
    return subprocess.Popen(cmd, cwd=ROOT, env={**os.environ, "DEBUG": "0", **env})


def stop_worker(worker: subprocess.Popen) -> None:
    """SIGTERM: the worker finishes the job it is running, then exits; killed after 30 s."""
    if worker.poll() is not None:
        return
    worker.terminate()
    try:
        worker.wait(timeout=30)
    except subprocess.TimeoutExpired:
        worker.kill()
        worker.wait()


def cmd_fuzz(args) -> int:
    result = fuzz(examples=args.examples, port=args.port, seed=args.seed, max_time=args.max_time)
    return 0 if result.ok else 1


def _fresh_postgres(url: str, name: str) -> str:
    """Drop and recreate database `name` on the server of `url`; return its URL."""
    import psycopg  # here: every ./dev command loads this module, only the bench needs it (~0.3 s)

    parts = urlparse(url)
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    return parts._replace(path=f"/{name}").geturl()


def _bench_engine(label: str, url: str, suites: list[str], extra: list[str]) -> dict | None:
    out = ROOT / "var" / f"bench-{label}.json"
    env = {"DATABASE_URL": url, "DEBUG": "1"}
    print(f"\n=== {label} ===", flush=True)
    if manage("migrate", "--noinput", "-v", "0", env=env) != 0:
        return None
    if manage("bench_run", *suites, *extra, "--json", str(out), env=env) != 0:
        return None
    return json.loads(out.read_text(encoding="utf-8"))


def _ensure_bench_extra() -> None:
    """The intake baseline (underthesea) is an optional extra, installed on first bench."""
    if importlib.util.find_spec("underthesea") is None:
        print("» pip install -e .[bench] (underthesea, the baseline of the intake benchmark)", file=sys.stderr)
        if subprocess.call([PY, "-m", "pip", "install", "--quiet", "-e", ".[bench]"], cwd=ROOT):
            print("Không cài được underthesea: bỏ qua mốc so sánh. / Baseline skipped.")


# Suites measured on PostgreSQL only: the load test serves one database to 4 gunicorn
# workers, as a deployment does (SQLite's single writer is the embedded shape, not this).
POSTGRES_ONLY = {"load"}


def _national(args) -> list[str]:
    return ["--national-reduced"] if args.national_reduced else ["--national"] if args.national else []


def cmd_bench(args) -> int:
    (ROOT / "var").mkdir(exist_ok=True)
    if not args.suites or "intake" in args.suites:
        _ensure_bench_extra()
    engines = []
    sqlite_suites = [s for s in args.suites if s not in POSTGRES_ONLY]
    if not args.suites or sqlite_suites:
        sqlite_file = ROOT / "var" / "bench.sqlite3"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{sqlite_file}{suffix}").unlink(missing_ok=True)
        engines.append(("sqlite", f"sqlite:///{sqlite_file}", sqlite_suites))
    pg = postgres_url()
    if pg:
        name = (urlparse(pg).path.lstrip("/") or "phoihop") + "_bench"  # phoihop_bench by default
        engines.append(("postgresql", _fresh_postgres(pg, name), args.suites))
    elif POSTGRES_ONLY & set(args.suites):
        print("Bài đo tải cần PostgreSQL (PHOIHOP_TEST_POSTGRES_URL). / The load suite needs PostgreSQL.")
        return 1
    else:
        print("PostgreSQL không sẵn sàng: chỉ đo trên SQLite. / No PostgreSQL: SQLite only.")
    extra = ["--seed", str(args.seed)] + (["--smoke"] if args.smoke else [])
    extra += [f"--{flag}={value}" for flag, value in (("users", args.users), ("seconds", args.seconds)) if value]
    results = [
        _bench_engine(label, url, suites, extra + (_national(args) if label == "postgresql" else []))
        for label, url, suites in engines
    ]
    if any(r is None for r in results):
        return 1
    target = ROOT / "var" / "bench.json"
    target.write_text(json.dumps(results, ensure_ascii=False, indent=2), encoding="utf-8")
    print(f"\n» {target}", file=sys.stderr)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="./dev", description="Phối hợp developer commands")
    sub = parser.add_subparsers(dest="command", required=True)
    demo = sub.add_parser("demo", help="migrate, load the Hà Nam demo and serve it")
    demo.add_argument("--port", type=int, default=8000)
    demo.add_argument("--no-serve", action="store_true", help="load the demo, do not serve")
    demo.add_argument("--debug", action="store_true", help="DEBUG on: Django's debug pages, static files from the sources")
    demo.set_defaults(func=cmd_demo)
    test = sub.add_parser("test", help="ruff, migrations check and the whole suite")
    test.add_argument("--sqlite-only", action="store_true", help="skip the PostgreSQL run")
    test.set_defaults(func=cmd_test)
    fz = sub.add_parser("fuzz", help="schemathesis over the whole API against a live demo server")
    fz.add_argument("--examples", type=int, default=100, help="test cases per operation and phase")
    fz.add_argument("--seed", type=int, default=None, help="repeat a run (its seed is printed)")
    fz.add_argument("--port", type=int, default=None, help="port of the server (default: a free one)")
    fz.add_argument("--max-time", type=int, default=None, help="stop after this many seconds")
    fz.set_defaults(func=cmd_fuzz)
    bench = sub.add_parser("bench", help="benchmarks, as ratios against a baseline")
    bench.add_argument("suites", nargs="*", help="suites to run (default: all)")
    bench.add_argument("--seed", type=int, default=2020, help="seed of the synthetic review data")
    bench.add_argument("--national", action="store_true", help="reviews at national scale too (PostgreSQL)")
    bench.add_argument("--national-reduced", action="store_true",
                       help="with the national cases and communes, a tenth of its activities (PostgreSQL)")
    bench.add_argument("--smoke", action="store_true", help="every step on a few rows, in seconds (no meaningful times)")
    bench.add_argument("--users", type=int, default=None, help="load: concurrent signed-in users (default 50)")
    bench.add_argument("--seconds", type=float, default=None, help="load: seconds measured (default 60)")
    bench.set_defaults(func=cmd_bench)
    wk = sub.add_parser("worker", help="run the background-job worker (./dev demo starts one)")
    wk.set_defaults(func=lambda a: manage(*WORKER, env={"DEBUG": os.environ.get("DEBUG", "0")}))
    mg = sub.add_parser("manage", help="run a manage.py command")
    mg.set_defaults(func=lambda a: manage(*a.extra_args))
    args, extra = parser.parse_known_args(argv)
    if extra and args.command not in {"test", "manage"}:
        parser.error(f"unrecognized arguments: {' '.join(extra)}")
    args.extra_args = extra
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
