"""`./dev fuzz`: schemathesis over the whole OpenAPI schema, against a live server.

A fresh SQLite copy of the Hà Nam demo (with the places of Hà Nam, Nam Định and Ninh
Bình only) is served by gunicorn (Django's runserver drops
chunked bodies, which would show as network errors) on 127.0.0.1; the fuzzer signs in
with the token of `thuongtruc`, the secretariat (the user who may write the most), and
sends generated requests to every operation. Only two things fail the run:

- a server error (any 5xx: `not_a_server_error`);
- a response that breaks its documented schema (`response_schema_conformance`).

Every 4xx is an acceptable answer to generated input (refused data, 404 for ids that do
not exist, 403 for what the secretariat may not do, a missing version), so the run stays
valid as the API grows stricter. The demo database is built once and kept in
var/fuzz-template.sqlite3 until a migration or the demo loader changes.

    ./dev fuzz                      # long: --examples 100, every phase
    ./dev fuzz --examples 20 --seed 1
    (./dev test runs fuzz_quick(): 3 examples per operation, examples and fuzzing phases)
"""

import hashlib
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VAR = ROOT / "var"
PY = sys.executable
FUZZ_USER = "thuongtruc"
CHECKS = "not_a_server_error,response_schema_conformance"
DEMO_PROVINCES = ("tinhhanam", "tinhnamdinh", "tinhninhbinh")  # half the loading time
QUICK_PHASES = "examples,fuzzing"
QUICK_EXAMPLES, QUICK_SEED = 3, 20251  # a fixed seed: ./dev test fails the same way twice
LONG_PHASES = "examples,coverage,fuzzing,stateful"


@dataclass
class FuzzResult:
    operations: int
    cases: int
    server_errors: int
    schema_violations: int
    other_failures: int
    errors: int
    seconds: float

    @property
    def ok(self) -> bool:
        return not (self.server_errors or self.schema_violations or self.other_failures or self.errors)

    def summary(self) -> str:
        return (
            f"fuzz: {self.operations} operations, {self.cases} cases, "
            f"{self.server_errors} server errors, {self.schema_violations} schema violations, "
            f"{self.other_failures} other failures, {self.errors} errors, {self.seconds:.0f} s"
        )


def _env(database: Path) -> dict:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "phoihop.settings_test",  # test secret, no HTTPS redirect
        "DATABASE_URL": f"sqlite:///{database}",
        "DEBUG": "0",
    }


def _demo_key() -> str:
    """Changes when a migration or the demo loader does: then the template is rebuilt."""
    digest = hashlib.sha256()
    files = [
        *sorted(ROOT.glob("phoihop/*/migrations/*.py")),
        *sorted(ROOT.glob("phoihop/demo/*.py")),
        Path(__file__),
    ]
    for path in files:
        digest.update(path.relative_to(ROOT).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _manage(database: Path, *args: str) -> subprocess.CompletedProcess:
    done = subprocess.run(
        [PY, "manage.py", *args], cwd=ROOT, env=_env(database), capture_output=True, text=True
    )
    if done.returncode != 0:
        print(done.stdout, done.stderr, sep="\n", file=sys.stderr)
        done.check_returncode()
    return done


def demo_database(name: str = "fuzz") -> Path:
    """A fresh copy of the demo database, var/<name>.sqlite3 (the template is built on
    first use; the load test's smoke run copies it too)."""
    VAR.mkdir(exist_ok=True)
    template, stamp = VAR / "fuzz-template.sqlite3", VAR / "fuzz-template.key"
    key = _demo_key()
    if not template.exists() or not stamp.exists() or stamp.read_text() != key:
        print("» fuzz: migrate + demo_load (once, kept in var/fuzz-template.sqlite3)", flush=True)
        template.unlink(missing_ok=True)
        _manage(template, "migrate", "--noinput", "-v", "0")
        _manage(template, "demo_load", "--provinces", *DEMO_PROVINCES)
        stamp.write_text(key)
    database = VAR / f"{name}.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{database}{suffix}").unlink(missing_ok=True)
        if Path(f"{template}{suffix}").exists():
            shutil.copyfile(f"{template}{suffix}", f"{database}{suffix}")
    return database


def _token(database: Path) -> str:
    out = _manage(database, "drf_create_token", "--reset", FUZZ_USER).stdout
    return out.split("Generated token ", 1)[1].split()[0]


def _wait_for(port: int, server: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError("gunicorn stopped before serving")
        try:
            with socket.create_connection(("127.0.0.1", port), 1):
                return
        except OSError:
            time.sleep(0.5)
    raise RuntimeError(f"nothing answers on 127.0.0.1:{port}")


def _read_report(path: Path) -> FuzzResult:
    report = json.loads(path.read_text(encoding="utf-8"))
    counts = {"ST101": 0, "ST108": 0, "other": 0}
    for failure in report["failures"]:
        key = failure["code"] if failure["code"] in counts else "other"
        counts[key] += failure["count"]
    return FuzzResult(
        operations=(report["operations"] or {}).get("tested", 0),
        cases=report["test_cases"]["generated"],
        server_errors=counts["ST101"],
        schema_violations=counts["ST108"],
        other_failures=counts["other"],
        errors=sum(error["count"] for error in report["errors"]),
        seconds=report["running_time"] or 0,
    )


def _fetch_schema(port: int, token: str) -> Path:
    """The OpenAPI schema, read once with a patient timeout (building it takes a cold
    worker several seconds) and given to schemathesis as a file."""
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/api/schema/?format=json",
        headers={"Authorization": f"Token {token}", "Accept": "application/vnd.oai.openapi+json"},
    )
    with urllib.request.urlopen(request, timeout=120) as response:
        schema = VAR / "fuzz-schema.json"
        schema.write_bytes(response.read())
    return schema


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fuzz(*, examples: int, phases: str = LONG_PHASES, port: int | None = None,
         seed: int | None = None, workers: int = 2, max_time: int | None = None) -> FuzzResult:
    """Serve a fresh demo copy on `port` (a free one by default), run schemathesis over
    /api/schema/, read its report."""
    port = port or _free_port()
    database = demo_database()
    token = _token(database)
    log = (VAR / "fuzz-server.log").open("w")
    server = subprocess.Popen(
        [PY, "-m", "gunicorn", "phoihop.wsgi", "-b", f"127.0.0.1:{port}", "-w", "2",
         "--timeout", "120", "--access-logfile", "-"],
        cwd=ROOT, env=_env(database), stdout=log, stderr=subprocess.STDOUT,
    )
    report = VAR / "fuzz-report.json"
    report.unlink(missing_ok=True)
    command = [
        str(Path(PY).with_name("schemathesis")), "run", "SCHEMA", "--url", f"http://127.0.0.1:{port}",
        "-H", f"Authorization: Token {token}", "--checks", CHECKS, "--phases", phases,
        "--request-timeout", "60",
        "--max-examples", str(examples), "--workers", str(workers), "--report", "json",
        "--report-json-path", str(report), "--no-color",
    ]
    command += ["--seed", str(seed)] if seed is not None else []
    command += ["--max-time", str(max_time)] if max_time else []
    try:
        _wait_for(port, server)
        command[2] = str(_fetch_schema(port, token))
        print(f"» schemathesis run … --max-examples {examples} --phases {phases}", flush=True)
        subprocess.run(command, cwd=VAR, check=False)
    finally:
        server.terminate()
        server.wait(30)
        log.close()
    result = _read_report(report)
    print(f"\n» {result.summary()} (server log: var/fuzz-server.log)", flush=True)
    return result


def fuzz_quick() -> FuzzResult:
    """The short run of ./dev test: a few examples per operation, within a couple of minutes."""
    return fuzz(examples=QUICK_EXAMPLES, phases=QUICK_PHASES, seed=QUICK_SEED)
