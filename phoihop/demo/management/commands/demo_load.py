"""`manage.py demo_load`: the Hà Nam demo of the seed report, with its logins."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from phoihop.demo import data
from phoihop.demo.load import demo_load


class Command(BaseCommand):
    help = _("Nạp dữ liệu mẫu tỉnh Hà Nam (chạy lại nhiều lần không thay đổi gì).")

    def add_arguments(self, parser):
        parser.add_argument(
            "--provinces",
            nargs="+",
            metavar="KEY",
            help=_("Chỉ nạp địa bàn của các tỉnh này, ví dụ: tinhhanam tinhnamdinh tinhninhbinh."),
        )

    def handle(self, *args, provinces=None, **options):
        result = demo_load(provinces=provinces)
        if result.places_loaded:
            self.stdout.write(_("Đã nạp danh mục địa bàn."))
        else:
            self.stdout.write(_("Danh mục địa bàn đã có sẵn, không nạp lại."))
        self.stdout.write(_("Dữ liệu mẫu đã sẵn sàng. Tài khoản đăng nhập:"))
        self._table(result.logins)
        self.stdout.write(_("Mật khẩu chung: %(password)s") % {"password": data.PASSWORD})

    def _table(self, users) -> None:
        header = [_("Tên đăng nhập"), _("Vai trò"), _("Tổ chức")]
        rows = [
            [user.username, str(user.get_role_display()), str(user.organization or "–")]
            for user in users
        ]
        widths = [max(len(row[i]) for row in [header, *rows]) for i in range(2)]
        for row in [header, *rows]:
            self.stdout.write(f"  {row[0]:<{widths[0]}}  {row[1]:<{widths[1]}}  {row[2]}")
