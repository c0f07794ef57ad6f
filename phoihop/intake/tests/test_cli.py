"""`manage.py extract FILE --json` (and `phoihop extract`) prints the extraction."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from phoihop.intake.tests.conftest import SEED

pytestmark = pytest.mark.django_db


def test_extract_prints_the_seed_as_json(hanam):
    out = io.StringIO()
    call_command("extract", str(SEED), "--json", "--province", "Hà Nam", stdout=out)
    data = json.loads(out.getvalue())
    assert data["province"]["name"] == "Tỉnh Hà Nam"
    communes = [r for r in data["localities"] if r.get("level") == 3]
    assert len(communes) == 13
    assert {t["code"] for t in data["topics"]} >= {"dat-dai", "gpmb", "ton-giao"}
    assert all(data["spans"][0][key] is not None for key in ("start", "end", "kind", "text", "explanation"))


def test_extract_with_no_place_registry_says_so_on_stderr_and_stdout_stays_json():
    out, err = io.StringIO(), io.StringIO()
    call_command("extract", str(SEED), "--json", stdout=out, stderr=err)
    assert json.loads(out.getvalue())["localities"]
    assert "localities_load" in err.getvalue()


def test_extract_with_the_registry_loaded_adds_nothing_to_stderr(hanam):
    err = io.StringIO()
    call_command("extract", str(SEED), "--json", stdout=io.StringIO(), stderr=err)
    assert err.getvalue() == ""


def test_extract_prints_a_readable_summary_by_default(hanam):
    out = io.StringIO()
    call_command("extract", str(SEED), "--date", "2020-06-15", stdout=out)
    text = out.getvalue()
    assert "Ngày: 2020-06-15" in text
    assert "Xã Thanh Hải, Huyện Thanh Liêm, Tỉnh Hà Nam [v1.c13498] → nay: Xã Thanh Lâm, Tỉnh Ninh Bình" in text


def test_extract_refuses_a_missing_file_and_a_binary_one(tmp_path, hanam):
    with pytest.raises(CommandError, match="Không tìm thấy tệp"):
        call_command("extract", str(tmp_path / "khong-co.txt"))
    fake = tmp_path / "gia.docx"
    fake.write_bytes(b"MZ" + b"\x00" * 64)
    with pytest.raises(CommandError, match="DOCX"):
        call_command("extract", str(fake))
