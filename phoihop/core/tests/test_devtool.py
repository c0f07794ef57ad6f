"""./dev's Python half: what it echoes goes to stderr, so a command's stdout is its own."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def test_dev_manage_echoes_on_stderr_and_leaves_stdout_to_the_command(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in {"DJANGO_SETTINGS_MODULE", "DATABASE_URL"}}
    env.update(PHOIHOP_VAR_DIR=str(tmp_path), DJANGO_SETTINGS_MODULE="phoihop.settings")
    code = "import json, sys; from django.conf import settings; print(json.dumps({'debug': settings.DEBUG}))"
    done = subprocess.run(
        [sys.executable, "-m", "phoihop.devtool", "manage", "shell", "--no-imports", "-c", code],
        cwd=ROOT, env=env, capture_output=True, text=True,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == {"debug": True}  # ./dev manage: development defaults
    assert done.stderr.startswith("» ")


def test_dev_demo_starts_the_job_worker_and_stops_it_with_the_server(monkeypatch):
    from phoihop import devtool

    calls, stopped = [], []
    monkeypatch.setattr(devtool, "manage", lambda *args, env=None: calls.append(args[0]) or 0)
    monkeypatch.setattr(devtool, "start_worker", lambda env: calls.append("worker") or "the worker")
    monkeypatch.setattr(devtool, "stop_worker", stopped.append)
    monkeypatch.setattr(devtool.signal, "signal", lambda *args: None)
    args = devtool.argparse.Namespace(debug=True, no_serve=False, port=8109)
    assert devtool.cmd_demo(args) == 0
    assert calls == ["migrate", "demo_load", "worker", "runserver"]
    assert stopped == ["the worker"]


def _test_run(monkeypatch, *, sqlite: int, postgres: int | None, strict: bool = False):
    """cmd_test with its commands replaced: which ran, and what it returns."""
    from phoihop import devtool

    started = []

    class FakeBackground:
        def __init__(self, name, cmd, env):
            started.append((name, cmd[-2:], env["DATABASE_URL"]))

        def wait(self):
            return postgres

    monkeypatch.setattr(devtool, "run", lambda cmd, env=None: sqlite if "pytest" in cmd else 0)
    monkeypatch.setattr(devtool, "Background", FakeBackground)
    monkeypatch.setattr(devtool, "postgres_url", lambda: None if postgres is None else "postgres://pg/x")
    monkeypatch.setattr(devtool, "fuzz_quick", lambda: devtool.argparse.Namespace(ok=True))
    monkeypatch.setenv("PHOIHOP_STRICT", "1" if strict else "0")
    args = devtool.argparse.Namespace(sqlite_only=False, extra_args=[])
    return devtool.cmd_test(args), started


def test_dev_test_runs_postgresql_beside_sqlite_and_fails_when_either_fails(monkeypatch):
    code, started = _test_run(monkeypatch, sqlite=0, postgres=0)
    assert code == 0
    assert started == [("postgresql", ["-m", "not browser"], "postgres://pg/x")]
    assert _test_run(monkeypatch, sqlite=0, postgres=1)[0] == 1
    assert _test_run(monkeypatch, sqlite=1, postgres=0)[0] == 1


def test_dev_test_without_postgresql_fails_only_in_strict_mode(monkeypatch):
    assert _test_run(monkeypatch, sqlite=0, postgres=None) == (0, [])
    assert _test_run(monkeypatch, sqlite=0, postgres=None, strict=True)[0] == 1
