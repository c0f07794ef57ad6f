"""Production settings: refuse bad values loudly and pass Django's deploy checks."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

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


def test_missing_secret_key_in_production_is_refused(tmp_path):
    result = _manage("check", DEBUG="0", PHOIHOP_VAR_DIR=str(tmp_path))
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


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
