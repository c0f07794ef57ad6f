"""Production settings: refuse bad values loudly and pass Django's deploy checks."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[3]
# Variables the test settings set for the suite; a production check must not see them.
_TEST_ONLY = {
    "DEBUG", "DATABASE_URL", "SECRET_KEY", "SECURE_SSL_REDIRECT", "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE", "PHOIHOP_MANIFEST_STATIC", "DJANGO_SETTINGS_MODULE",
}


def _manage(*args, **env):
    clean = {k: v for k, v in os.environ.items() if k not in _TEST_ONLY}
    clean.update(DJANGO_SETTINGS_MODULE="phoihop.settings", **env)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=clean, capture_output=True, text=True
    )


def test_production_settings_pass_check_deploy(tmp_path):
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY=secrets.token_urlsafe(50),
        DEBUG="0",
        ALLOWED_HOSTS="phoihop.example.gov.vn",
        PHOIHOP_VAR_DIR=str(tmp_path),
    )
    assert result.returncode == 0, result.stdout + result.stderr


def _python(code, **env):
    clean = {k: v for k, v in os.environ.items() if k not in _TEST_ONLY}
    clean.update(DJANGO_SETTINGS_MODULE="phoihop.settings", **env)
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=clean, capture_output=True, text=True)


def test_web_server_without_secret_key_is_refused(tmp_path):
    result = _python("import phoihop.wsgi", DEBUG="0", PHOIHOP_VAR_DIR=str(tmp_path))
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr
    assert not (tmp_path / "secret-key").exists()


def test_command_on_a_fresh_checkout_makes_its_own_private_key_once(tmp_path):
    var = tmp_path / "var"  # missing, as on a fresh clone
    first = _manage("check", PHOIHOP_VAR_DIR=str(var))
    assert first.returncode == 0, first.stderr
    key = (var / "secret-key").read_text()
    assert len(key.strip()) >= 50
    assert (var / "secret-key").stat().st_mode & 0o777 == 0o600
    assert _manage("check", PHOIHOP_VAR_DIR=str(var)).returncode == 0
    assert (var / "secret-key").read_text() == key


def test_check_deploy_warns_when_the_key_is_not_from_the_environment(tmp_path):
    result = _manage(
        "check", "--deploy", "--fail-level", "WARNING",
        DEBUG="0", ALLOWED_HOSTS="phoihop.example.gov.vn", PHOIHOP_VAR_DIR=str(tmp_path),
    )
    assert result.returncode != 0
    assert "phoihop.W001" in result.stdout + result.stderr


def test_empty_secret_key_is_refused(tmp_path):
    result = _python("import django; django.setup()", SECRET_KEY="", PHOIHOP_VAR_DIR=str(tmp_path))
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_default_sqlite_database_gets_its_folder_on_a_fresh_checkout(tmp_path):
    var = tmp_path / "var"
    code = "import django; django.setup(); from django.db import connection; connection.ensure_connection()"
    result = _python(code, PHOIHOP_VAR_DIR=str(var))
    assert result.returncode == 0, result.stderr
    assert (var / "phoihop.sqlite3").exists()


def test_unsupported_database_url_is_refused(tmp_path):
    result = _manage(
        "check", DEBUG="1", DATABASE_URL="mysql://root@localhost/x", PHOIHOP_VAR_DIR=str(tmp_path)
    )
    assert result.returncode != 0
    assert "DATABASE_URL" in result.stderr


def test_bad_boolean_is_refused(tmp_path):
    result = _manage("check", DEBUG="perhaps", PHOIHOP_VAR_DIR=str(tmp_path))
    assert result.returncode != 0
    assert "DEBUG" in result.stderr


def test_pgbouncer_mode_sets_cursors_and_startup_options(tmp_path):
    code = (
        "import django; django.setup(); from django.db import connection as c; "
        "print(c.settings_dict['DISABLE_SERVER_SIDE_CURSORS'], c.settings_dict['OPTIONS'].get('options'))"
    )
    url = "postgres://phoihop@127.0.0.1:6432/phoihop"  # settings only: nothing connects
    runs = {mode: _python(code, DATABASE_URL=url, DB_PGBOUNCER=mode, PHOIHOP_VAR_DIR=str(tmp_path))
            for mode in ("", "session", "transaction", "perhaps")}  # fmt: skip
    assert runs[""].stdout.split() == ["False", "-c", "jit=off"], runs[""].stderr
    assert runs["session"].stdout.split() == ["False", "None"], runs["session"].stderr
    assert runs["transaction"].stdout.split() == ["True", "None"], runs["transaction"].stderr
    assert runs["perhaps"].returncode != 0 and "DB_PGBOUNCER" in runs["perhaps"].stderr


@pytest.mark.django_db
def test_the_suites_database_runs_without_jit():
    """On PostgreSQL the connection itself says jit is off; SQLite has no JIT to turn off."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW jit")
            assert cursor.fetchone()[0] == "off"
    else:
        assert connection.vendor == "sqlite"
