"""Read settings from environment variables, refusing values that make no sense.

A typo in a deployment variable should stop the server with a clear message, not
silently fall back to a default.
"""

import os
import secrets
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str | None = None) -> str:
    value = os.environ.get(name)
    if value is None:
        if default is None:
            raise ImproperlyConfigured(f"Thiếu biến môi trường {name}. / {name} is not set.")
        return default
    return value


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(
        f"{name}={raw!r} không hợp lệ: dùng 1/0, true/false, yes/no. / {name} must be a boolean."
    )


def env_int(name: str, default: int, *, minimum: int | None = None) -> int:
    raw = os.environ.get(name)
    if raw is None:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r} phải là số nguyên. / {name} must be an integer.") from None
    if minimum is not None and value < minimum:
        raise ImproperlyConfigured(f"{name} phải ≥ {minimum}. / {name} must be at least {minimum}.")
    return value


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]



def local_secret_key(path: Path) -> str:
    """A random key written once to `path` (mode 0600) and read back on every later run.

    For the command line on a checkout, where SECRET_KEY is not set: the key is this
    checkout's own, so no key known to anyone else exists to reach a server.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with os.fdopen(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "w") as handle:
            handle.write(secrets.token_urlsafe(50))
    except FileExistsError:
        pass  # made by an earlier run (or a concurrent one): read it
    except OSError as error:
        raise ImproperlyConfigured(
            f"Không ghi được {path} ({error.strerror}): hãy đặt biến môi trường SECRET_KEY. "
            f"/ Cannot write {path}: set SECRET_KEY."
        ) from None
    return path.read_text(encoding="utf-8").strip()


CACHE_SCHEMES = {"redis", "rediss", "unix", "locmem"}


def cache_settings(url: str, *, prefix: str = "phoihop") -> dict:
    """CACHES from one URL: empty or locmem:// → the per-process LocMemCache (the embedded
    default); redis://, rediss:// or unix:// → Django's RedisCache, shared by every app
    server that names the same Redis."""
    scheme = url.split("://", 1)[0].lower() if "://" in url else ""
    if url.strip() and scheme not in CACHE_SCHEMES:
        raise ImproperlyConfigured(
            f"CACHE_URL={url!r} không hợp lệ: dùng redis://, rediss://, unix:// hoặc locmem://. "
            "/ CACHE_URL must be a redis://, rediss://, unix:// or locmem:// URL."
        )
    if scheme in {"", "locmem"}:
        backend = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    else:
        backend = {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}
    return {"default": {**backend, "KEY_PREFIX": prefix}}
