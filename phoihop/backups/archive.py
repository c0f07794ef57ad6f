"""The backup archive: one .tar.gz holding the database dump, the media files and, last,
manifest.json (format version, when, engine, app version, migrations, rows per table and
the sha256 of every other file in the archive).

Layout:  database/db.sqlite3 | database/db.pgdump,  media/<path under MEDIA_ROOT>,
manifest.json.
"""

import hashlib
import io
import json
import tarfile
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path, PurePosixPath

from django.utils.translation import gettext as _

from phoihop.backups.engines import BackupError

FORMAT_VERSION = 1
MANIFEST_NAME = "manifest.json"
MEDIA_PREFIX = "media/"
_CHUNK = 1024 * 1024


@dataclass
class Manifest:
    format_version: int
    created_at: str  # ISO 8601 in Asia/Ho_Chi_Minh, with its offset
    engine: str
    app_version: str
    migrations: list[str]
    counts: dict[str, int]  # table -> rows
    files: dict[str, str] = field(default_factory=dict)  # name in the archive -> sha256

    def to_bytes(self) -> bytes:
        return json.dumps(asdict(self), ensure_ascii=False, indent=2, sort_keys=True).encode()

    @classmethod
    def from_bytes(cls, data: bytes) -> "Manifest":
        try:
            manifest = cls(**json.loads(data))
        except (ValueError, TypeError):
            raise BackupError(_("Tệp manifest.json của bản sao lưu không đọc được.")) from None
        if manifest.format_version != FORMAT_VERSION:
            raise BackupError(
                _("Bản sao lưu có định dạng phiên bản %(found)s; phần mềm này đọc phiên bản %(wanted)s.")
                % {"found": manifest.format_version, "wanted": FORMAT_VERSION}
            )
        return manifest


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


class _Hashing(io.RawIOBase):
    """Reads a file for tarfile and hashes exactly the bytes it reads."""

    def __init__(self, handle):
        self.handle, self.digest = handle, hashlib.sha256()

    def read(self, size=-1):
        data = self.handle.read(size)
        self.digest.update(data)
        return data


def add_file(tar: tarfile.TarFile, path: Path, name: str) -> str:
    """Add `path` as `name`; return the sha256 of what went in."""
    info = tar.gettarinfo(str(path), arcname=name)
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    with path.open("rb") as handle:
        reader = _Hashing(handle)
        tar.addfile(info, reader)
    return reader.digest.hexdigest()


def add_manifest(tar: tarfile.TarFile, manifest: Manifest) -> None:
    data = manifest.to_bytes()
    info = tarfile.TarInfo(MANIFEST_NAME)
    info.size, info.mode = len(data), 0o644
    info.mtime = int(datetime.fromisoformat(manifest.created_at).timestamp())
    tar.addfile(info, io.BytesIO(data))


def unpack(archive: Path, into: Path) -> Manifest:
    """Extract `archive` into the directory `into` and check it against its manifest: every
    file listed is there with its sha256, nothing else is. A mismatch names the file."""
    try:
        with tarfile.open(archive, "r:*") as tar:
            tar.extractall(into, filter="data")
    except (tarfile.TarError, EOFError, OSError, ValueError) as error:
        raise BackupError(_("Không đọc được tệp sao lưu %(path)s: %(error)s") % {"path": archive, "error": error}) from None
    manifest_path = into / MANIFEST_NAME
    if not manifest_path.is_file():
        raise BackupError(_("Tệp %(path)s không phải bản sao lưu của Phối hợp (thiếu manifest.json).") % {"path": archive})
    manifest = Manifest.from_bytes(manifest_path.read_bytes())
    _verify(into, manifest)
    return manifest


def _verify(root: Path, manifest: Manifest) -> None:
    present = {
        PurePosixPath(path.relative_to(root)).as_posix()
        for path in root.rglob("*")
        if path.is_file() and path != root / MANIFEST_NAME
    }
    for name, expected in sorted(manifest.files.items()):
        path = root / name
        if name not in present:
            raise BackupError(_("Bản sao lưu bị hỏng: thiếu tệp %(name)s.") % {"name": name})
        if sha256_of(path) != expected:
            raise BackupError(_("Bản sao lưu bị hỏng: tệp %(name)s sai mã kiểm tra (sha256).") % {"name": name})
    if extra := sorted(present - set(manifest.files)):
        raise BackupError(_("Bản sao lưu có tệp không ghi trong manifest: %(name)s.") % {"name": extra[0]})
