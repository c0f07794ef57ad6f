"""`./dev bench load`: many signed-in users at once against gunicorn, in the current database.

./dev bench load makes a fresh PostgreSQL database and migrates it; this suite loads the
Hà Nam demo into it (`demo_load`), collects the static files, starts gunicorn (4 workers,
DEBUG off, production settings on a loopback port) and drives `users` concurrent signed-in
users for `seconds` through the mix of `phoihop.benchmarks.load_users` (locust as a
library, in a process of its own). Per scenario it reports p50/p95/p99, requests and
errors (report.tables["load"], printed as a table) and one figure: the p95 under load
beside the same page requested by one user alone in the same run (its median), so the
ratio says what the crowd costs on any machine. The target of issue 16: every p95 under
300 ms and no error at 50 users on a 2-core machine.

Smoke scale (./dev test, phoihop/benchmarks/tests/test_smoke.py): 3 users for 5 s on a
copy of the fuzz's demo database (the places of three provinces); it fails on errors
only, never on times. `--users N --seconds S` change the scale.
"""

import io
import json
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.db import connection

from phoihop.benchmarks import Figure, Report
from phoihop.demo import data
from phoihop.fuzz import DEMO_PROVINCES

ROOT = Path(__file__).resolve().parent.parent.parent
PY = sys.executable
WORKERS = 4
# The Hà Nam accounts that may open every page of the mix (the secretariat, the focal
# points, who submit activities, and the read-only leader does not submit: not in the mix).
LOGINS = ["thuongtruc", "bochqs", "mattran", "phunu", "nongdan", "tinhdoan"]
# At smoke scale the places of the fuzz's demo (so demo_load on its copy changes nothing).
SMOKE_PROVINCES = list(DEMO_PROVINCES)


class LoadFailed(RuntimeError):
    pass


def database_url() -> str:
    """The current database as a DATABASE_URL another process can open."""
    db = connection.settings_dict
    if db["ENGINE"] == "django.db.backends.sqlite3":
        name = str(db["NAME"])
        if connection.is_in_memory_db():
            raise LoadFailed("load: an in-memory SQLite database cannot be served by gunicorn")
        return f"sqlite:///{name}"
    user = db.get("USER") or ""
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    auth = f"{user}{password}@" if user else ""
    return f"postgres://{auth}{db.get('HOST') or '127.0.0.1'}:{db.get('PORT') or 5432}/{db['NAME']}"


def server_env(url: str, *, manifest: bool = True) -> dict:
    """Production settings served over plain http on loopback (as ./dev demo does)."""
    return {
        **os.environ,
        # The settings of the command that runs the suite (production ones from ./dev bench).
        "DJANGO_SETTINGS_MODULE": os.environ.get("DJANGO_SETTINGS_MODULE", "phoihop.settings"),
        "DATABASE_URL": url,
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "SECURE_SSL_REDIRECT": "0",
        "SESSION_COOKIE_SECURE": "0",
        "CSRF_COOKIE_SECURE": "0",
        "SECURE_HSTS_SECONDS": "0",
        "ALLOWED_HOSTS": "127.0.0.1",
        "PHOIHOP_MANIFEST_STATIC": "1" if manifest else "0",
    }


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_for(port: int, server: subprocess.Popen, seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise LoadFailed("load: gunicorn stopped before serving")
        try:
            with socket.create_connection(("127.0.0.1", port), 1):
                return
        except OSError:
            time.sleep(0.3)
    raise LoadFailed(f"load: nothing answers on 127.0.0.1:{port}")


def measure(url: str, *, users: int, seconds: float, alone: int, password: str, workers: int = WORKERS,
            year: int, manifest: bool = True, port: int | None = None,
            log: Path | None = None) -> dict:
    """Serve the database at `url` with gunicorn and run the users against it."""
    port = port or free_port()
    env = server_env(url, manifest=manifest)
    log_path = log or ROOT / "var" / "load-server.log"
    log_path.parent.mkdir(parents=True, exist_ok=True)
    if manifest:  # DEBUG off serves collected files (the manifest names them), as deployed
        subprocess.run([PY, "manage.py", "collectstatic", "--noinput", "-v", "0"],
                       cwd=ROOT, env=env, check=True)
    with log_path.open("w") as server_log, tempfile.TemporaryDirectory() as scratch:
        server = subprocess.Popen(
            # No control socket: its one default path would be shared with any other
            # gunicorn of the machine (./dev fuzz, a demo).
            [PY, "-m", "gunicorn", "phoihop.wsgi", "-w", str(workers), "-b", f"127.0.0.1:{port}",
             "--timeout", "120", "--access-logfile", "-", "--no-control-socket"],
            cwd=ROOT, env=env, stdout=server_log, stderr=subprocess.STDOUT,
        )
        try:
            _wait_for(port, server)
            out = Path(scratch) / "stats.json"
            driver = [
                PY, "-m", "phoihop.benchmarks.load_users", "--host", f"http://127.0.0.1:{port}",
                "--users", str(users), "--seconds", str(seconds), "--alone", str(alone),
                "--spawn-rate", str(max(users / 5, 1)), "--logins", ",".join(LOGINS[:users]),
                "--password", password, "--year", str(year), "--out", str(out),
            ]
            done = subprocess.run(driver, cwd=ROOT, env={**os.environ}, timeout=seconds + 600)
            if done.returncode != 0 or not out.exists():
                raise LoadFailed(f"load: the users stopped ({done.returncode}); server log: {log_path}")
            return json.loads(out.read_text(encoding="utf-8"))
        finally:
            server.terminate()
            try:
                server.wait(30)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()


def _cell(value) -> str:
    return "–" if value is None else f"{value:,.0f}"


def print_table(result: dict) -> None:
    alone = result.get("alone_ms", {})
    print(
        f"  {result['users']} users, {result['measured_seconds']} s measured, "
        f"{result['total']['per_second']} requests/s",
        flush=True,
    )
    print(f"  {'scenario':<18} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'requests':>9} "
          f"{'errors':>7} {'alone ms':>9}", flush=True)
    rows = {**result["scenarios"], "all": result["total"]}
    for name, row in rows.items():
        print(f"  {name:<18} {_cell(row['p50_ms']):>8} {_cell(row['p95_ms']):>8} "
              f"{_cell(row['p99_ms']):>8} {row['requests']:>9} {row['errors']:>7} "
              f"{_cell(alone.get(name)):>9}", flush=True)
    for failure in result.get("failures", []):
        print(f"  !!! {failure['count']}× {failure['name']}: {failure['error']}", flush=True)
    for error in result.get("alone_errors", []):
        print(f"  !!! one user alone: {error}", flush=True)


def run(report: Report) -> None:
    users = report.options.get("users") or report.scaled(50, 3)
    seconds = report.options.get("seconds") or report.scaled(60, 5)
    started = time.perf_counter()
    call_command("demo_load", *(["--provinces", *SMOKE_PROVINCES] if report.smoke else []), stdout=io.StringIO())
    report.add(Figure("load: demo_load", time.perf_counter() - started))
    result = measure(
        database_url(), users=users, seconds=seconds, alone=report.scaled(10, 0), workers=report.scaled(WORKERS, 2),
        password=data.PASSWORD, year=data.PROGRAMS[0]["period_end"].year, manifest=not report.smoke,
        log=Path(settings.VAR_DIR) / "load-server.log",
    )
    print_table(result)
    report.tables["load"] = result
    for name, row in result["scenarios"].items():
        baseline = result["alone_ms"].get(name)
        if row["p95_ms"] is None:
            continue
        report.add(Figure(
            f"load: {name} p95 at {users} users", row["p95_ms"] / 1000,
            baseline_name=f"{name}, one user alone (median)" if baseline else "",
            baseline_seconds=baseline / 1000 if baseline else None,
            note=f"{row['requests']} requests, {row['errors']} errors",
        ))
