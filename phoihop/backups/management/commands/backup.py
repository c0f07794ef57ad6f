"""manage.py backup [--output PATH]: one archive with the database, media and manifest.

Cron, daily: 15 2 * * * cd /srv/phoihop && venv/bin/python manage.py backup --output /srv/backup/
"""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from phoihop.backups.engines import BackupError
from phoihop.backups.services import backup_create


class Command(BaseCommand):
    help = "Sao lưu cơ sở dữ liệu và các tệp đính kèm vào một tệp .tar.gz."

    def add_arguments(self, parser):
        parser.add_argument("--output", help="tệp .tar.gz hoặc thư mục (mặc định var/backups/)")
        parser.add_argument("--database", default="default")

    def handle(self, *args, output=None, database="default", **options):
        try:
            result = backup_create(output=output, database=database)
        except BackupError as error:
            raise CommandError(str(error)) from None
        manifest = result.manifest
        self.stdout.write(
            _("Đã sao lưu %(rows)s dòng trong %(tables)s bảng và %(files)s tệp vào %(path)s")
            % {
                "rows": sum(manifest.counts.values()),
                "tables": len(manifest.counts),
                "files": len(manifest.files) - 1,
                "path": result.path,
            }
        )
