"""Backup → empty database → restore, on the engine the suite runs on (SQLite in the first
pass of ./dev test, PostgreSQL in the second): the same rows per table, the same media
checksums, and the attachment readable from the restored database and media."""

import datetime as dt
import hashlib
import io
import json
import shutil
import tarfile
from contextlib import contextmanager
from decimal import Decimal

import psycopg
import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection, connections
from django.db.utils import load_backend

from phoihop.activities.models import Attachment
from phoihop.activities.services import ActivityData, activity_create, attachment_add
from phoihop.backups import engines
from phoihop.backups.engines import BackupError
from phoihop.backups.services import backup_create, backup_restore
from phoihop.conftest import strict_mode

# pg_dump reads committed rows from another process; serialized_rollback brings back the
# data migrations' rows (indicators) the flush after a transactional test removes.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n%%EOF\n"
TARGET = "restore_target"


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def evidence(cast, program, media):
    """One submitted activity of the Hà Nam program with a PDF attached."""
    with time_machine.travel(dt.datetime(2020, 11, 20, 9, 0, tzinfo=dt.UTC), tick=False):
        activity = activity_create(
            actor=cast.secretariat,
            program=program,
            data=ActivityData(
                title="Tuyên truyền Luật Đất đai tại xã Thanh Hải",
                start_date=dt.date(2020, 10, 5),
                end_date=dt.date(2020, 10, 5),
                content_area_id=program.content_areas.get(number=1).pk,
                lead_id=cast.dan_van.pk,
                partner_ids=[cast.military.pk],
                figures={cast.sessions.pk: Decimal(4)},
            ),
            submit=True,
        )
        upload = SimpleUploadedFile("bien-ban.pdf", PDF, content_type="application/pdf")
        return attachment_add(actor=cast.secretariat, activity=activity, upload=upload)


@contextmanager
def _empty_target(tmp_path):
    """A second, empty database of the suite's engine, reachable as connections[TARGET]."""
    source = connection.settings_dict
    if connection.vendor == "sqlite":
        params = {**source, "NAME": str(tmp_path / "restored.sqlite3"), "TEST": {}}
        with _alias(params):
            yield
        return
    name = f"{source['NAME']}_restore"
    admin = psycopg.connect(
        host=source["HOST"], port=source["PORT"] or 5432, user=source["USER"],
        password=source["PASSWORD"] or None, dbname="postgres", autocommit=True,
    )
    with admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
        try:
            with _alias({**source, "NAME": name, "TEST": {}}):
                yield
        finally:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}"')


@contextmanager
def _alias(params):
    """connections[TARGET] for this thread only. Not listed in settings, so Django's test
    case treats it as a dynamically created connection and lets the test use it."""
    params = connections.configure_settings({"default": dict(connection.settings_dict), TARGET: params})
    wrapper = load_backend(params[TARGET]["ENGINE"]).DatabaseWrapper(params[TARGET], TARGET)
    setattr(connections._connections, TARGET, wrapper)
    try:
        yield
    finally:
        wrapper.close()
        delattr(connections._connections, TARGET)


@pytest.fixture
def engine_tools():
    if connection.vendor == "postgresql" and not (shutil.which("pg_dump") and shutil.which("pg_restore")):
        reason = "pg_dump/pg_restore missing (apt-get install postgresql-client-15)"
        if strict_mode():
            pytest.fail(f"The PostgreSQL backup must be tested in strict mode: {reason}")
        pytest.skip(reason)


def test_backup_then_restore_into_an_empty_database_gives_the_same_rows_and_files(
    evidence, media, settings, tmp_path, engine_tools
):
    backup = backup_create(output=f"{tmp_path}/backups/")
    manifest = backup.manifest
    media_name = f"media/{evidence.file.name}"
    assert backup.path.parent == tmp_path / "backups" and backup.path.name.endswith(".tar.gz")
    assert manifest.engine == connection.vendor
    assert manifest.created_at.endswith("+07:00")
    assert manifest.counts["activities_attachment"] == 1
    assert manifest.counts["activities_activity"] == 1
    assert manifest.files[media_name] == hashlib.sha256(PDF).hexdigest()
    assert "activities.0001_initial" in manifest.migrations

    settings.MEDIA_ROOT = tmp_path / "restored-media"  # the wiped server: no files, no rows
    with _empty_target(tmp_path):
        assert engines.table_counts(connections[TARGET]) == {}
        summary = backup_restore(archive=backup.path, database=TARGET)
        restored = engines.table_counts(connections[TARGET])
        attachment = Attachment.objects.using(TARGET).get()
        again = backup_create(output=tmp_path / "again.tar.gz", database=TARGET).manifest

    assert restored == manifest.counts == engines.table_counts(connection)
    assert (summary.rows, summary.media_files, summary.pending_migrations) == (
        sum(manifest.counts.values()), 1, []
    )
    assert attachment.original_name == "bien-ban.pdf"
    with attachment.file.open("rb") as handle:
        assert handle.read() == PDF
    assert again.counts == manifest.counts
    assert {k: v for k, v in again.files.items() if k.startswith("media/")} == {
        media_name: manifest.files[media_name]
    }


def _rewrite(archive, path, change):
    """Copy `archive` to `path`, passing each member's (name, bytes) through `change`."""
    with tarfile.open(archive) as source, tarfile.open(path, "w:gz") as target:
        for member in source.getmembers():
            name, data = change(member.name, source.extractfile(member).read())
            info = tarfile.TarInfo(name)
            info.size = len(data)
            target.addfile(info, io.BytesIO(data))
    return path


def test_a_corrupted_archive_is_refused_naming_the_bad_file(evidence, tmp_path, engine_tools):
    backup = backup_create(output=tmp_path)
    media_name = f"media/{evidence.file.name}"
    broken = _rewrite(
        backup.path, tmp_path / "broken.tar.gz",
        lambda name, data: (name, b"%PDF-1.4 forged" if name == media_name else data),
    )
    with _empty_target(tmp_path):
        with pytest.raises(BackupError, match=f"tệp {media_name} sai mã kiểm tra"):
            backup_restore(archive=broken, database=TARGET)
        assert engines.table_counts(connections[TARGET]) == {}  # nothing was touched


def test_restore_refuses_a_database_that_has_data_unless_forced(evidence, tmp_path, engine_tools):
    backup = backup_create(output=tmp_path)
    with pytest.raises(CommandError, match="Cơ sở dữ liệu đích không trống"):
        call_command("restore", str(backup.path))
    assert Attachment.objects.count() == 1


def test_an_archive_of_the_other_engine_is_refused_in_vietnamese(evidence, tmp_path, engine_tools):
    backup = backup_create(output=tmp_path)
    other = "postgresql" if connection.vendor == "sqlite" else "sqlite"

    def other_engine(name, data):
        if name != "manifest.json":
            return name, data
        return name, json.dumps(json.loads(data) | {"engine": other}).encode()

    moved = _rewrite(backup.path, tmp_path / "other.tar.gz", other_engine)
    with _empty_target(tmp_path):
        with pytest.raises(BackupError, match="giữa SQLite và PostgreSQL không được hỗ trợ"):
            backup_restore(archive=moved, database=TARGET)


def test_a_missing_pg_dump_is_named_with_the_package_to_install(monkeypatch):
    monkeypatch.setattr(engines.shutil, "which", lambda name: None)
    fake = type("Connection", (), {"settings_dict": {"NAME": "phoihop"}})()
    with pytest.raises(BackupError, match="Không tìm thấy chương trình pg_dump.*postgresql-client-15"):
        engines._run_pg("pg_dump", fake, [])
