"""The development set and the evaluation's normalization."""

import json

import pytest

from phoihop.intake import evaluate
from phoihop.intake.extract import ExtractionContext, extract


def test_the_development_set_has_at_least_ten_annotated_texts_of_the_right_length():
    items = evaluate.load_devset()
    assert len(items) >= 10
    for file, text, gold in items:
        assert set(gold) >= {"localities", "organizations", "people", "topics", "dates", "figures"}
        if not file.startswith("000_seed"):
            assert 150 <= len(text.split()) <= 500, file


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
    truth = evaluate.gold_sets(gold)
    for field in ("localities", "organizations", "people", "positions", "topics", "dates"):
        assert ours[field] == truth[field], field


def test_the_table_says_when_underthesea_is_missing():
    result = {"ours": {name: evaluate.Score(tp=1) for name in evaluate.FIELDS}, "baseline": None,
              "ours_per_second": 120.0, "baseline_per_second": None, "texts": 11, "words": 3000}
    lines = evaluate.table(result)
    assert lines[1].split()[1:4] == ["1.000", "1.000", "1.000"]
    assert "underthesea: chưa cài" in lines[-1]
    assert json.dumps(evaluate.as_json(result))
