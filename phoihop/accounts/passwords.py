"""A password validator for the passwords Vietnamese users pick first.

Django's CommonPasswordValidator knows the world's common passwords but not "matkhau123"
or "anh1990". This one compares the folded password (lowercase, no diacritics, no spaces
or punctuation, phoihop.lib.text.fold_key) with two short lists in accounts/data/:
common words (refused alone or with digits around them) and common names (refused when
the letters are one to three names, with or without digits).
"""

import functools
import re
from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from phoihop.lib.text import fold_key

DATA = Path(__file__).resolve().parent / "data"
MAX_NAMES = 3
_SHAPE = re.compile(r"^(\d*)([a-z]+)(\d*)$")


@functools.cache
def _words(filename: str) -> frozenset[str]:
    lines = (DATA / filename).read_text(encoding="utf-8").splitlines()
    return frozenset(fold_key(line) for line in lines if line.strip() and not line.startswith("#"))


def is_common_vietnamese_password(password: str) -> bool:
    key = fold_key(password)
    match = _SHAPE.match(key)
    if match is None:
        return False
    letters = match.group(2)
    return letters in _words("common_passwords_vi.txt") or _only_names(letters, MAX_NAMES)


def _only_names(letters: str, budget: int) -> bool:
    """Whether `letters` is a run of at most `budget` common names."""
    if not letters:
        return True
    names = _words("common_names_vi.txt")
    return budget > 0 and any(
        letters.startswith(name) and _only_names(letters[len(name) :], budget - 1) for name in names
    )


class VietnameseCommonPasswordValidator:
    def validate(self, password: str, user=None) -> None:
        if is_common_vietnamese_password(password):
            raise ValidationError(self.get_help_text(), code="password_too_common_vi")

    def get_help_text(self) -> str:
        return _(
            "Mật khẩu không được là từ hay tên thông dụng, kèm số hay không (như “matkhau123”, "
            "“anh1990”): những mật khẩu này bị đoán ra đầu tiên."
        )
