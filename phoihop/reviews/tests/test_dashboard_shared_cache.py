"""Several app servers sharing one Redis (CACHE_URL) serve the same dashboard.

Two real processes (`manage.py shell`, each with its own Redis connection, as two app
servers behind a load balancer would be) read the committed test database: what one draws
the other is served from the cache, and after a change both compute the same new stamp.
The database must be one both processes can reach, so this runs in the PostgreSQL pass.
"""

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
import redis
from django.db import connection

from phoihop.conftest import strict_mode
from phoihop.lib.env import cache_settings

ROOT = Path(__file__).resolve().parents[3]
REDIS_URL = os.environ.get("PHOIHOP_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")

PROBE = """
import json
from django.core.cache import cache
from phoihop.accounts.models import User
from phoihop.programs.models import Program
from phoihop.reviews.dashboard import Scope, cache_key, dashboard_for_user, default_period
from phoihop.reviews.data import Kind
user, program = User.objects.get(pk={user}), Program.objects.get(pk={program})
start, end = default_period(program)
key = cache_key(user, Scope(program_id=program.pk, start=start, end=end, kind=Kind.CUSTOM))
hit = cache.get(key) is not None
board = dashboard_for_user(user, program=program, start=start, end=end)
print(json.dumps({{"key": board.key, "hit": hit, "activities": board.review.coordination.activities}}))
"""


@pytest.fixture
def redis_url():
    """This machine kind's Redis; skipped elsewhere with a message, a failure in strict mode."""
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
    except redis.exceptions.RedisError as error:
        reason = f"No Redis answers at {REDIS_URL} (PHOIHOP_TEST_REDIS_URL): {error}"
        if strict_mode():
            pytest.fail(f"The shared cache must be tested in strict mode: {reason}")
        pytest.skip(reason)
    return REDIS_URL


def _database_url() -> str:
    params = connection.settings_dict
    auth = params["USER"] + (f":{params['PASSWORD']}" if params["PASSWORD"] else "")
    return f"postgres://{auth}@{params['HOST'] or '127.0.0.1'}:{params['PORT'] or 5432}/{params['NAME']}"


def _app_server(user, program, *, redis_url: str, prefix: str) -> dict:
    """One 'app server': a fresh process with its own settings and Redis connection."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "phoihop.settings_test",
        "DATABASE_URL": _database_url(),
        "CACHE_URL": redis_url,
        "PHOIHOP_CACHE_PREFIX": prefix,
    }
    code = PROBE.format(user=user.pk, program=program.pk)
    done = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", code],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_app_servers_sharing_redis_serve_the_same_dashboard_after_a_change(
    redis_url, cast, program, seed_figures, record
):
    if connection.vendor != "postgresql":
        pytest.skip("Two processes need a database both can reach: runs in the PostgreSQL pass.")
    prefix = f"phoihop-test-{uuid.uuid4().hex[:12]}"
    servers = dict(redis_url=redis_url, prefix=prefix)

    first = _app_server(cast.secretariat, program, **servers)
    second = _app_server(cast.secretariat, program, **servers)
    record.activity(area=3)  # a confirmed activity, committed: a new history row, a new stamp
    second_after = _app_server(cast.secretariat, program, **servers)
    first_after = _app_server(cast.secretariat, program, **servers)

    assert (first["hit"], second["hit"]) == (False, True)  # drawn once, served to the other
    assert first["key"] == second["key"]
    assert second_after["key"] != second["key"]  # the change is seen at once, not at expiry
    assert (second_after["hit"], first_after["hit"]) == (False, True)
    assert first_after["key"] == second_after["key"]
    assert first_after["activities"] == second_after["activities"] == first["activities"] + 1


def test_a_per_process_cache_is_the_embedded_default():
    assert cache_settings("")["default"]["BACKEND"].endswith("LocMemCache")
    assert cache_settings("locmem://")["default"]["BACKEND"].endswith("LocMemCache")


def test_a_redis_url_gives_django_s_redis_cache_under_the_deployment_prefix():
    caches = cache_settings("rediss://cache.tinh.vn:6380/2", prefix="ninhbinh")

    assert caches["default"] == {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "rediss://cache.tinh.vn:6380/2",
        "KEY_PREFIX": "ninhbinh",
    }


def test_an_unknown_cache_url_stops_the_server_with_a_vietnamese_message():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "phoihop.settings_test", "CACHE_URL": "memcached://x:11211"}
    done = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True
    )

    assert done.returncode != 0
    assert "CACHE_URL='memcached://x:11211' không hợp lệ" in done.stderr


def test_redis_url_is_read_when_cache_url_is_not_set(redis_url):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "phoihop.settings_test", "REDIS_URL": redis_url}
    env.pop("CACHE_URL", None)
    code = "from django.core.cache import caches; print(type(caches['default']).__name__)"
    done = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
    )

    assert done.stdout.strip() == "RedisCache", done.stderr
