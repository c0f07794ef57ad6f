"""Backup and restore of a whole installation: the database and the media files.

backup_create writes one archive (see archive.py) while the application keeps running.
backup_restore checks the archive's checksums before touching anything, loads it into an
EMPTY database of the same engine (--force erases the target first), copies the media
files back, then compares the rows per table with the manifest.
"""

import shutil
import tarfile
import tempfile
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from django.conf import settings
from django.db import connections
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone
from django.utils.translation import gettext as _

from phoihop.backups import engines
from phoihop.backups.archive import (
    FORMAT_VERSION,
    MEDIA_PREFIX,
    Manifest,
    add_file,
    add_manifest,
    unpack,
)
from phoihop.backups.engines import BackupError


@dataclass
class BackupResult:
    path: Path
    manifest: Manifest


@dataclass
class RestoreSummary:
    manifest: Manifest
    tables: int
    rows: int
    media_files: int
    pending_migrations: list[str] = field(default_factory=list)


def backup_create(*, output: str | Path | None = None, database: str = "default", media_root: Path | None = None) -> BackupResult:
    """Write the archive; `output` is a file name or a directory (default var/backups/)."""
    connection = connections[database]
    engine = engines.engine_of(connection)
    media_root = Path(media_root or settings.MEDIA_ROOT)
    created = timezone.localtime(timezone.now())
    path = _archive_path(output, engine, created)
    partial = path.with_name(path.name + ".part")
    with tempfile.TemporaryDirectory(dir=path.parent) as scratch:
        dump = Path(scratch) / "dump"
        snapshot = engines.dump(connection, dump)
        manifest = Manifest(FORMAT_VERSION, created.isoformat(), engine, _app_version(), snapshot.migrations, snapshot.counts)
        with tarfile.open(partial, "w:gz") as tar:
            manifest.files[engines.DUMP_NAMES[engine]] = add_file(tar, dump, engines.DUMP_NAMES[engine])
            for file in _media_files(media_root):
                name = MEDIA_PREFIX + file.relative_to(media_root).as_posix()
                manifest.files[name] = add_file(tar, file, name)
            add_manifest(tar, manifest)
    partial.replace(path)
    return BackupResult(path=path, manifest=manifest)


def backup_restore(
    *, archive: Path, database: str = "default", media_root: Path | None = None, force: bool = False
) -> RestoreSummary:
    connection = connections[database]
    engine = engines.engine_of(connection)
    media_root = Path(media_root or settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        manifest = unpack(Path(archive), root)  # checksums first: nothing touched yet
        _check_engine(manifest, engine)
        _check_empty(connection, force)
        if force:
            engines.erase(connection)
        engines.load(connection, root / engines.DUMP_NAMES[engine])
        media = _restore_media(root / MEDIA_PREFIX, media_root)
    counts = engines.table_counts(connection)
    _check_counts(manifest, counts)
    return RestoreSummary(
        manifest=manifest,
        tables=len(counts),
        rows=sum(counts.values()),
        media_files=media,
        pending_migrations=_pending_migrations(connection, manifest),
    )


def _archive_path(output: str | Path | None, engine: str, created) -> Path:
    """`output` names a directory when it exists as one, ends with a slash or has no suffix."""
    as_dir = output is None or str(output).endswith(("/", "\\"))
    output = Path(output) if output else Path(settings.VAR_DIR) / "backups"
    if as_dir or output.is_dir() or not output.suffix:
        output.mkdir(parents=True, exist_ok=True)
        return output / f"phoihop-{engine}-{created:%Y%m%d-%H%M%S}.tar.gz"
    output.parent.mkdir(parents=True, exist_ok=True)
    return output


def _media_files(media_root: Path) -> list[Path]:
    if not media_root.is_dir():
        return []
    return sorted(path for path in media_root.rglob("*") if path.is_file() and not path.is_symlink())


def _app_version() -> str:
    try:
        return version("phoihop")
    except PackageNotFoundError:
        return "unknown"


def _check_engine(manifest: Manifest, engine: str) -> None:
    if manifest.engine != engine:
        raise BackupError(
            _(
                "Bản sao lưu này của cơ sở dữ liệu %(archive)s, không khôi phục được vào %(target)s. "
                "Chuyển dữ liệu giữa SQLite và PostgreSQL không được hỗ trợ: hãy khôi phục vào một "
                "cơ sở dữ liệu %(archive)s."
            )
            % {"archive": manifest.engine, "target": engine}
        )


def _check_empty(connection, force: bool) -> None:
    counts = engines.table_counts(connection)
    if counts and not force:
        raise BackupError(
            _(
                "Cơ sở dữ liệu đích không trống (%(tables)s bảng, %(rows)s dòng). Chỉ khôi phục vào một "
                "cơ sở dữ liệu trống (chưa chạy migrate); hoặc thêm --force để XÓA HẾT dữ liệu hiện có "
                "rồi khôi phục."
            )
            % {"tables": len(counts), "rows": sum(counts.values())}
        )


def _restore_media(source: Path, media_root: Path) -> int:
    if not source.is_dir():
        return 0
    copied = 0
    for file in sorted(path for path in source.rglob("*") if path.is_file()):
        target = media_root / file.relative_to(source)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(file, target)
        copied += 1
    return copied


def _check_counts(manifest: Manifest, counts: dict[str, int]) -> None:
    wrong = [
        f"{table}: {manifest.counts.get(table, '–')} → {counts.get(table, '–')}"
        for table in sorted(set(manifest.counts) | set(counts))
        if manifest.counts.get(table) != counts.get(table)
    ]
    if wrong:
        raise BackupError(
            _("Số dòng sau khi khôi phục khác với bản sao lưu: %(tables)s") % {"tables": "; ".join(wrong)}
        )


def _pending_migrations(connection, manifest: Manifest) -> list[str]:
    """Migrations this code has and the archive had not applied: run `migrate` after."""
    loader = MigrationLoader(connection, ignore_no_migrations=True)
    known = {f"{app}.{name}" for app, name in loader.disk_migrations}
    return sorted(known - set(manifest.migrations))
