"""The development set and the evaluation's normalization."""

import json

import pytest

from phoihop.intake import evaluate
from phoihop.intake.extract import ExtractionContext, extract


def test_the_first_eleven_texts_annotate_every_field_at_the_right_length():
    items = [item for item in evaluate.load_devset() if item[0] < "011"]
    assert len(items) == 11
    for file, text, gold in items:
        assert set(gold) >= {"localities", "organizations", "people", "topics", "dates", "figures"}
        if not file.startswith("000_seed"):
            assert 150 <= len(text.split()) <= 500, file


def test_the_corpus_holds_sixty_new_texts_with_places_organizations_and_a_source():
    new = [item for item in evaluate.load_devset() if item[0] >= "011"] + evaluate.load_devset("heldback")
    assert len(new) >= 60
    for file, text, gold in new:
        assert gold["source"].startswith("http") and gold["date"] and gold["province"], file
        assert 50 <= len(text.split()) <= 500, file
        assert all(row["name"] in text for row in gold["localities"]), file
        assert all({"name", "level", "locality"} <= set(row) for row in gold["organizations"]), file


def test_the_held_back_part_has_twenty_texts_from_provinces_the_tuning_part_lacks():
    held = evaluate.load_devset("heldback")
    tuning_provinces = {gold["province"] for _f, _t, gold in evaluate.load_devset()}
    assert len(held) >= 20
    assert not {gold["province"] for _f, _t, gold in held} & tuning_provinces
    assert "never tune" in (evaluate.HELDBACK / "README.md").read_text(encoding="utf-8").lower()


# The 2025 provinces the held-back part's provinces went into, each with all its parts
# (Resolution 202/2025/QH15): a tuning text from any part would leak into the held-back part.
HELD_BACK_2025_GROUPS = [
    {"Đà Nẵng", "Quảng Nam"}, {"Lâm Đồng", "Đắk Nông", "Bình Thuận"}, {"Cần Thơ", "Sóc Trăng", "Hậu Giang"},
    {"Đắk Lắk", "Phú Yên"}, {"Khánh Hòa", "Ninh Thuận"}, {"Tuyên Quang", "Hà Giang"}, {"Quảng Trị", "Quảng Bình"},
    {"Quảng Ngãi", "Kon Tum"}, {"An Giang", "Kiên Giang"}, {"Vĩnh Long", "Bến Tre", "Trà Vinh"},
    {"Lào Cai", "Yên Bái"}, {"Thừa Thiên Huế"}, {"Điện Biên"}, {"Sơn La"},
]


def test_no_tuning_text_comes_from_a_province_merged_in_2025_with_a_held_back_one():
    held = {gold["province"] for _f, _t, gold in evaluate.load_devset("heldback")}
    tuning = {gold["province"] for _f, _t, gold in evaluate.load_devset()}
    grouped = set().union(*HELD_BACK_2025_GROUPS)
    assert held <= grouped
    assert not tuning & grouped


def test_corpus_provinces_number_at_least_twenty_five():
    items = evaluate.load_devset() + evaluate.load_devset("heldback")
    assert len({gold["province"] for _f, _t, gold in items}) >= 25


def test_a_gold_name_written_up_to_its_level_is_closed_by_its_locality():
    row = {"name": "Công an huyện", "level": "district", "locality": "huyện Kông Chro"}
    assert evaluate.gold_org_key(row, "Gia Lai") == "cong an huyen kong chro"
    assert evaluate.gold_org_key("Bộ CHQS tỉnh", "Hà Tĩnh") == "bo chi huy quan su ha tinh"
    assert evaluate.gold_org_key({"name": "Thành ủy Hà Tĩnh", "level": "district", "locality": "TP Hà Tĩnh"},
                                 "Hà Tĩnh") == "thanh uy ha tinh"
    # "Bí thư Đảng ủy, Chủ tịch UBND xã Xuân Quế" (079): the party committee of that commune
    assert evaluate.gold_org_key({"name": "Đảng ủy", "level": "commune", "locality": "xã Xuân Quế"},
                                 "Đồng Nai") == "dang uy xa xuan que"


def test_scores_count_true_and_false_values():
    score = evaluate.Score()
    score.add({"a", "b", "c"}, {"a", "b", "d", "e"}, "t")
    assert (score.tp, score.fp, score.fn) == (2, 1, 2)
    assert score.precision == pytest.approx(2 / 3) and score.recall == pytest.approx(0.5)
    assert score.f1 == pytest.approx(4 / 7)


@pytest.mark.django_db
def test_the_seed_read_by_phoihop_matches_its_gold_annotations(hanam):
    (file, text, gold) = evaluate.load_devset()[0]
    ours = evaluate.our_sets(extract(text, context=ExtractionContext(province=gold["province"])), gold["province"])
    truth = evaluate.gold_sets(gold, evaluate.gold_day(gold, text))
    for field in ("localities", "organizations", "people", "positions", "topics", "dates"):
        assert ours[field] == truth[field], field


def test_the_table_says_when_underthesea_is_missing():
    result = {"ours": {name: evaluate.Score(tp=1) for name in evaluate.FIELDS}, "baseline": None,
              "ours_per_second": 120.0, "baseline_per_second": None, "texts": 11, "words": 3000}
    lines = evaluate.table(result)
    assert lines[1].split()[1:4] == ["1.000", "1.000", "1.000"]
    assert "underthesea: chưa cài" in lines[-1]
    assert json.dumps(evaluate.as_json(result))


@pytest.mark.django_db
def test_a_gold_ref_of_the_2025_snapshot_is_read_as_its_code_on_the_texts_day(hanam):
    import datetime as dt

    assert evaluate.dated_ref("v1.c13366", dt.date(2020, 6, 1)) == "v1.c13366~20250101"  # Xã Tiên Tân
    assert evaluate.dated_ref("v1.c13366", dt.date(2025, 3, 1)) == "v1.c13366"  # Phường Tân Hiệp
    assert evaluate.dated_ref("v2.c13366", dt.date(2020, 6, 1)) == "v2.c13366"  # no version then: as written
