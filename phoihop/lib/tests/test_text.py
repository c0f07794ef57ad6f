import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from phoihop.lib.text import clean_name, fold, fold_key, nfc


def test_fold_ignores_diacritics_and_case():
    assert fold("Thanh Liêm") == fold("thanh liem") == "thanh liem"


def test_fold_turns_d_with_stroke_into_d():
    assert fold("Đồng Văn") == "dong van"


def test_fold_key_drops_spaces_like_the_place_registry():
    assert fold_key("Xã Thanh Hải") == "xathanhhai"


def test_fold_treats_decomposed_and_precomposed_text_alike():
    decomposed = unicodedata.normalize("NFD", "Kiện Khê")
    assert fold(decomposed) == fold("Kiện Khê") == "kien khe"


def test_nfc_composes_decomposed_vietnamese():
    decomposed = unicodedata.normalize("NFD", "Phủ Lý")
    assert decomposed != "Phủ Lý"
    assert nfc(decomposed) == "Phủ Lý"


def test_clean_name_collapses_whitespace():
    assert clean_name("  Hội   Nông dân\ttỉnh ") == "Hội Nông dân tỉnh"


@given(st.text())
def test_fold_is_idempotent_and_ascii(text):
    once = fold(text)
    assert fold(once) == once
    assert once.isascii()
