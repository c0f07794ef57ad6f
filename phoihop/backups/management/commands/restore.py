"""manage.py restore ARCHIVE [--force]: checksums first, then the database into an empty
target of the same engine, the media files, and the rows per table checked."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from phoihop.backups.engines import BackupError
from phoihop.backups.services import backup_restore


class Command(BaseCommand):
    help = "Khôi phục một bản sao lưu vào cơ sở dữ liệu trống."

    def add_arguments(self, parser):
        parser.add_argument("archive", help="tệp .tar.gz do manage.py backup tạo ra")
        parser.add_argument("--force", action="store_true", help="xóa hết dữ liệu hiện có rồi khôi phục")
        parser.add_argument("--database", default="default")

    def handle(self, *args, archive, force=False, database="default", **options):
        try:
            summary = backup_restore(archive=archive, database=database, force=force)
        except BackupError as error:
            raise CommandError(str(error)) from None
        manifest = summary.manifest
        self.stdout.write(
            _(
                "Đã khôi phục bản sao lưu lúc %(created)s (%(engine)s, phiên bản %(version)s): "
                "%(rows)s dòng trong %(tables)s bảng, %(files)s tệp; số dòng từng bảng khớp với manifest."
            )
            % {
                "created": manifest.created_at,
                "engine": manifest.engine,
                "version": manifest.app_version,
                "rows": summary.rows,
                "tables": summary.tables,
                "files": summary.media_files,
            }
        )
        if summary.pending_migrations:
            self.stdout.write(
                _("Bản sao lưu cũ hơn mã nguồn (%(count)s migration chưa chạy): hãy chạy manage.py migrate.")
                % {"count": len(summary.pending_migrations)}
            )
