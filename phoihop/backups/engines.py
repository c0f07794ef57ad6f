"""Dumping and loading one database, per engine.

SQLite: SQLite's online backup API (sqlite3.Connection.backup), which copies a consistent
snapshot while the application keeps reading and writing in WAL mode, and copies a
snapshot back into the target connection the same way.
PostgreSQL: `pg_dump --format=custom` and `pg_restore --no-owner`, found on PATH; their
major version must be the server's.
"""

import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

SQLITE = "sqlite"
POSTGRESQL = "postgresql"

DUMP_NAMES = {SQLITE: "database/db.sqlite3", POSTGRESQL: "database/db.pgdump"}


class BackupError(Exception):
    """A backup or restore that cannot go on; the message is for the operator."""


def engine_of(connection) -> str:
    if connection.vendor not in DUMP_NAMES:
        raise BackupError(_("Không hỗ trợ sao lưu cơ sở dữ liệu “%(vendor)s”.") % {"vendor": connection.vendor})
    return connection.vendor


@dataclass(frozen=True)
class Snapshot:
    """What the dump holds: rows per table and the migrations applied, read from the very
    data written (the SQLite copy; the PostgreSQL snapshot pg_dump used)."""

    counts: dict[str, int]
    migrations: list[str]


def dump(connection, target: Path) -> Snapshot:
    """Write the whole database of `connection` to the file `target`."""
    if engine_of(connection) == SQLITE:
        return _sqlite_dump(connection, target)
    return _pg_dump(connection, target)


def _sqlite_dump(connection, target: Path) -> Snapshot:
    copy = sqlite3.connect(target)
    try:
        _raw_sqlite(connection).backup(copy)
        cursor = copy.cursor()
        tables = [row[0] for row in cursor.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
        )]
        return _snapshot(cursor, tables)
    finally:
        copy.close()


def _pg_dump(connection, target: Path) -> Snapshot:
    """pg_dump reads the snapshot this transaction exports, so the counts are the dump's."""
    _outside_transaction(connection)
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot_id = cursor.fetchone()[0]
        _run_pg("pg_dump", connection, ["--format=custom", "--no-owner", f"--snapshot={snapshot_id}", f"--file={target}"])
        return _snapshot(cursor, connection.introspection.table_names(cursor))


def table_counts(connection) -> dict[str, int]:
    """Rows per table of `connection`'s database, as it is now."""
    with connection.cursor() as cursor:
        return _counts(cursor, connection.introspection.table_names(cursor))


def _snapshot(cursor, tables: list[str]) -> Snapshot:
    migrations = []
    if "django_migrations" in tables:
        cursor.execute("SELECT app, name FROM django_migrations ORDER BY app, name")
        migrations = [f"{app}.{name}" for app, name in cursor.fetchall()]
    return Snapshot(counts=_counts(cursor, tables), migrations=migrations)


def _counts(cursor, tables: list[str]) -> dict[str, int]:
    counts = {}
    for table in sorted(tables):
        cursor.execute(f'SELECT COUNT(*) FROM "{table}"')
        counts[table] = cursor.fetchone()[0]
    return counts


def load(connection, source: Path) -> None:
    """Load the dump `source` into the (empty) database of `connection`."""
    if engine_of(connection) == SQLITE:
        copy = sqlite3.connect(source)
        try:
            copy.backup(_raw_sqlite(connection))
        finally:
            copy.close()
    else:
        _run_pg("pg_restore", connection, ["--no-owner", "--no-privileges", "--exit-on-error", str(source)])


def erase(connection) -> None:
    """Remove every table of `connection`'s database (restore --force)."""
    if engine_of(connection) == POSTGRESQL:
        with connection.cursor() as cursor:
            cursor.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public")
        return
    raw = _raw_sqlite(connection)
    raw.execute("PRAGMA foreign_keys=OFF")
    for (name,) in raw.execute("SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'").fetchall():
        raw.execute(f'DROP TABLE IF EXISTS "{name}"')
    raw.execute("PRAGMA foreign_keys=ON")


def _raw_sqlite(connection) -> sqlite3.Connection:
    _outside_transaction(connection)
    connection.ensure_connection()
    return connection.connection


def _outside_transaction(connection) -> None:
    if connection.in_atomic_block:
        raise BackupError(_("Không sao lưu hoặc khôi phục được bên trong một giao dịch đang mở."))


def _run_pg(tool: str, connection, args: list[str]) -> None:
    program = shutil.which(tool)
    if program is None:
        raise BackupError(
            _(
                "Không tìm thấy chương trình %(tool)s trên máy (PATH). Hãy cài gói PostgreSQL client "
                "cùng phiên bản với máy chủ, ví dụ: apt-get install postgresql-client-15."
            )
            % {"tool": tool}
        )
    params = connection.settings_dict
    database = f"--dbname={params['NAME']}"
    result = subprocess.run([program, database, *args], env=_pg_env(params), capture_output=True, text=True)
    if result.returncode != 0:
        raise BackupError(
            _("%(tool)s báo lỗi (mã %(code)s): %(detail)s")
            % {"tool": tool, "code": result.returncode, "detail": result.stderr.strip()[-2000:]}
        )


def _pg_env(params: dict) -> dict:
    env = dict(os.environ)
    for key, name in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER"), ("PASSWORD", "PGPASSWORD")):
        if params.get(key):
            env[name] = str(params[key])
    return env
