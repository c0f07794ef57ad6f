"""`manage.py extract FILE [--json] [--date YYYY-MM-DD] [--province NAME]` (also
`phoihop extract FILE`): read a .txt or .docx file and print what was found. Nothing is
saved."""

import datetime as dt
import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from phoihop.intake import reading
from phoihop.intake.extract import ExtractionContext, extract
from phoihop.localities.models import Locality

NO_REGISTRY = (
    "Chưa nạp danh mục địa bàn, nên không địa bàn nào được nhận ra: chạy "
    "`./dev manage localities_load` trước. / The place registry is empty: run localities_load first."
)


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"Ngày không hợp lệ “{value}”: hãy viết YYYY-MM-DD.") from None


class Command(BaseCommand):
    help = "Đọc một văn bản (.txt, .docx): địa bàn, tổ chức, người, lĩnh vực, thời gian, số liệu."

    def add_arguments(self, parser):
        parser.add_argument("file", help="tệp .txt hoặc .docx; '-' để đọc từ stdin")
        parser.add_argument("--json", action="store_true", dest="as_json", help="in kết quả dạng JSON")
        parser.add_argument("--date", type=_date, help="ngày của văn bản (mặc định: đọc trong văn bản)")
        parser.add_argument("--province", help="tỉnh mặc định (mặc định: tỉnh nêu nhiều nhất trong văn bản)")

    def handle(self, *args, file, as_json, date, province, **options):
        try:
            text = reading.check_text(self._read(file))
        except reading.TextRejected as error:
            raise CommandError(str(error)) from None
        if not Locality.objects.exists():  # a fresh clone: say why every place is "not_found"
            self.stderr.write(NO_REGISTRY)
        result = extract(text, context=ExtractionContext(on=date, province=province))
        if as_json:
            self.stdout.write(_dumps(result.to_json()))
        else:
            self._print(result.to_json())

    def _read(self, file: str) -> str:
        if file == "-":
            return sys.stdin.read()
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"Không tìm thấy tệp “{file}”.")
        if path.stat().st_size > reading.MAX_FILE_BYTES:
            raise CommandError(f"Tệp “{file}” quá lớn: tối đa {reading.MAX_FILE_BYTES // 1024 // 1024} MB.")
        try:
            return reading.read_upload(path.name, path.read_bytes())
        except reading.TextRejected as error:
            raise CommandError(str(error)) from None

    def _print(self, data: dict) -> None:
        out = self.stdout.write
        out(f"Ngày: {data['date']} ({data['date_reason']})")
        if data["province"]:
            out(f"Tỉnh: {data['province']['name']} ({data['province']['reason']})")
        out("Địa bàn:")
        for row in data["localities"]:
            if row["status"] == "matched":
                heir = f" → nay: {row['successor']['full_name']}" if row.get("successor") else ""
                out(f"  {row['full_name']} [{row['ref']}]{heir}")
            else:
                names = "; ".join(c["full_name"] for c in row.get("candidates", [])[:5])
                out(f"  {row['name']}: {row['status']} {names}")
        out("Tổ chức: " + "; ".join(o["name"] for o in data["organizations"]))
        for person in data["people"]:
            out(f"Người: {person['name']}" + (f" — {'; '.join(person['positions'])}" if person["positions"] else ""))
        out("Lĩnh vực: " + ", ".join(t["name"] for t in data["topics"]))
        out("Thời gian: " + ", ".join(data["dates"]))
        for figure in data["figures"]:
            out(f"Số liệu: {figure['text']} = {figure['value']} {figure['unit']} {figure['indicator']}".rstrip())


def _dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)
